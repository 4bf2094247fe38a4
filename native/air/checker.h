// Direct checks of concrete traces against compiled AIRs, without any proof: which row breaks which
// constraint, and which bus tuple is unbalanced. Used by tests, by trace generators while they are
// being written, and by the prover before it commits to anything.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>
#include "air/symbolic.h"
#include "field/matrix.h"

namespace oneproof::air {

struct ConstraintViolation {
  size_t row;
  size_t constraint;  // index into CompiledAir::constraints
  std::string message;
};

// Checks every constraint on every row (next-row reads wrap). `preprocessed` may be null when the
// table has no preprocessed columns. Also reports shape errors (width, height, public count).
std::optional<ConstraintViolation> check_constraints(const CompiledAir& air, const field::Matrix& main,
                                                     const field::Matrix* preprocessed, std::span<const Fp> publics);

struct TableTrace {
  const CompiledAir* air;
  const field::Matrix* main;
  const field::Matrix* preprocessed;  // may be null
  std::span<const Fp> publics;
};

struct BusImbalance {
  uint32_t bus;
  std::vector<Fp> tuple;
  Fp net_multiplicity;
  std::string message;
};

// Sums the multiplicity of every (bus, tuple) over all rows of all tables; each must be zero.
// Also reports a bus used with two different tuple arities. With `local_only`, buses shared with
// other proofs (ids in [GLOBAL_BUS_MIN, GLOBAL_BUS_LIMIT), air.h) need not balance here.
std::optional<BusImbalance> check_buses(std::span<const TableTrace> tables, bool local_only = false);

}  // namespace oneproof::air
