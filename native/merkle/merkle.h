// Merkle commitments to the rows of a matrix: leaf r = hash_row(row r), node = compress(left,
// right), 8-element digests (hash/sponge.h). One tree per matrix; the matrix height must be a
// power of two. The proof system commits every matrix (a table's main trace LDE, its LogUp trace,
// its quotient chunks, each FRI layer) in a tree of its own and opens each at the query index
// reduced to the matrix's height. Chosen over Plonky3's mixed-height MMCS for simpler openings and
// verification, at the price of one Merkle path per matrix per query in the proof.
#pragma once
#include <span>
#include <stdexcept>
#include <vector>
#include "field/matrix.h"
#include "hash/sponge.h"

namespace oneproof::merkle {

using field::Fp;
using field::Matrix;
using hash::Digest;

class MerkleTree {
 public:
  // Hashes the rows and builds the tree over the shared thread pool. Keeps the matrix for openings.
  explicit MerkleTree(Matrix leaves);

  const Digest& root() const { return levels_.back()[0]; }
  const Matrix& matrix() const { return matrix_; }
  unsigned log_height() const { return log_height_; }
  std::span<const Fp> row(size_t index) const { return matrix_.row_span(index); }
  // Sibling digests from the leaf level up (log_height of them).
  std::vector<Digest> open(size_t index) const;

 private:
  Matrix matrix_;
  unsigned log_height_ = 0;
  std::vector<std::vector<Digest>> levels_;  // levels_[0] = leaf digests, levels_.back() = {root}
};

// True when `row` at `index` of a committed matrix of height 2^log_height hashes up to `root`
// along `path`. Shape mismatches (wrong path length, index out of range) give false.
bool verify_opening(const Digest& root, unsigned log_height, size_t index, std::span<const Fp> row,
                    std::span<const Digest> path);

}  // namespace oneproof::merkle
