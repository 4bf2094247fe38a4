// Merkle tree construction (batched, parallel hashing from hash/sponge.h) and path verification.
#include "merkle/merkle.h"

namespace oneproof::merkle {

MerkleTree::MerkleTree(Matrix leaves) : matrix_(std::move(leaves)) {
  const size_t n = matrix_.height;
  if (n == 0 || (n & (n - 1)) != 0) throw std::invalid_argument("MerkleTree: height must be a power of two");
  while ((size_t(1) << log_height_) < n) ++log_height_;
  levels_.emplace_back(n);
  hash::hash_rows(matrix_.values.data(), matrix_.width, n, levels_[0].data());
  while (levels_.back().size() > 1) {
    const auto& below = levels_.back();
    std::vector<Digest> above(below.size() / 2);
    hash::compress_pairs(below.data(), above.size(), above.data());
    levels_.push_back(std::move(above));
  }
}

std::vector<Digest> MerkleTree::open(size_t index) const {
  if (index >= matrix_.height) throw std::out_of_range("MerkleTree::open: index out of range");
  std::vector<Digest> path;
  path.reserve(log_height_);
  for (unsigned level = 0; level < log_height_; ++level) {
    path.push_back(levels_[level][index ^ 1]);
    index >>= 1;
  }
  return path;
}

bool verify_opening(const Digest& root, unsigned log_height, size_t index, std::span<const Fp> row,
                    std::span<const Digest> path) {
  if (path.size() != log_height || log_height >= 64 || (index >> log_height) != 0) return false;
  Digest node = hash::hash_row(row.data(), row.size());
  for (const Digest& sibling : path) {
    node = (index & 1) ? hash::compress(sibling, node) : hash::compress(node, sibling);
    index >>= 1;
  }
  return node == root;
}

}  // namespace oneproof::merkle
