// Evaluates a table's expression DAG on a block of consecutive rows of a matrix (the trace itself
// or its LDE), node by node over the whole block so that the inner loops are straight-line
// field arithmetic the compiler can vectorise. Used by the LogUp trace builder and the quotient.
#pragma once
#include <span>
#include <vector>
#include "air/symbolic.h"
#include "field/matrix.h"

namespace oneproof::stark {

using field::Fp;
using field::Fp4;

struct RowSource {
  const field::Matrix* main;
  const field::Matrix* preprocessed;  // may be null
  size_t next_step;                   // row distance of "next" (1 on the trace, the blowup on the LDE)
  std::span<const Fp> publics;
  const Fp* is_first;                 // per-row selector values
  const Fp* is_last;
  const Fp* is_transition;
};

inline constexpr size_t EVAL_BLOCK = 256;

// values[node * len + i] = value of `node` on row r0 + i (rows wrap modulo the height), len <= EVAL_BLOCK.
// With `needed` (one flag per node), only the flagged nodes are evaluated; the others are left as
// they were (callers read flagged nodes only).
void evaluate_block(const air::ExprGraph& g, const RowSource& src, size_t r0, size_t len, std::vector<Fp>& values,
                    const std::vector<uint8_t>* needed = nullptr);

// The nodes the given roots depend on (the roots included), as flags for evaluate_block.
std::vector<uint8_t> nodes_needed(const air::ExprGraph& g, std::span<const uint32_t> roots);

}  // namespace oneproof::stark
