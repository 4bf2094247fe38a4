// A dense row-major matrix of base-field elements: the trace / LDE layout shared by the NTT,
// the Merkle tree and the STARK prover. Row r occupies values[r * width, (r + 1) * width).
#pragma once
#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>
#include "field/koalabear.h"

namespace oneproof::field {

struct Matrix {
  size_t width = 0;   // number of columns
  size_t height = 0;  // number of rows
  std::vector<Fp> values;

  Matrix() = default;
  Matrix(size_t w, size_t h) : width(w), height(h), values(w * h) {}
  Matrix(size_t w, size_t h, std::vector<Fp> v) : width(w), height(h), values(std::move(v)) {
    if (values.size() != w * h) throw std::invalid_argument("Matrix: values.size() != width * height");
  }

  // A zero-filled width x height matrix whose storage asks the OS for transparent huge pages when
  // large (fewer page faults when a big LDE buffer is first touched). Same contents as Matrix(w, h).
  static Matrix allocate(size_t w, size_t h);

  Fp* row(size_t r) { return values.data() + r * width; }
  const Fp* row(size_t r) const { return values.data() + r * width; }
  std::span<Fp> row_span(size_t r) { return {row(r), width}; }
  std::span<const Fp> row_span(size_t r) const { return {row(r), width}; }
  Fp& at(size_t r, size_t c) { return values[r * width + c]; }
  const Fp& at(size_t r, size_t c) const { return values[r * width + c]; }
  bool operator==(const Matrix&) const = default;
};

}  // namespace oneproof::field
