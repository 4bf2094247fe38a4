// Merkle tree: root matches a direct recomputation, openings verify, any change is refused.
#include <random>
#include "common/test.h"
#include "merkle/merkle.h"

using namespace oneproof;
using namespace oneproof::merkle;

namespace {
Matrix random_matrix(size_t width, size_t height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Matrix m(width, height);
  for (auto& v : m.values) v = Fp::from_u32(uint32_t(rng() % field::P));
  return m;
}
}  // namespace

OP_TEST(root_matches_naive_recomputation) {
  Matrix m = random_matrix(13, 64, 1);
  MerkleTree tree(m);
  std::vector<Digest> level;
  for (size_t r = 0; r < m.height; ++r) level.push_back(hash::hash_row(m.row(r), m.width));
  while (level.size() > 1) {
    std::vector<Digest> up;
    for (size_t i = 0; i < level.size(); i += 2) up.push_back(hash::compress(level[i], level[i + 1]));
    level = up;
  }
  CHECK(tree.root() == level[0]);
  CHECK_EQ(tree.log_height(), 6u);
}

OP_TEST(every_opening_verifies_and_tampering_is_refused) {
  Matrix m = random_matrix(9, 32, 2);
  MerkleTree tree(m);
  for (size_t i = 0; i < m.height; ++i) {
    auto path = tree.open(i);
    std::vector<Fp> row(tree.row(i).begin(), tree.row(i).end());
    CHECK(verify_opening(tree.root(), 5, i, row, path));
    CHECK(!verify_opening(tree.root(), 5, i ^ 1, row, path));  // wrong index
    row[i % 9] += Fp::one();
    CHECK(!verify_opening(tree.root(), 5, i, row, path));      // wrong value
    row[i % 9] -= Fp::one();
    path[i % 5][3] += Fp::one();
    CHECK(!verify_opening(tree.root(), 5, i, row, path));      // wrong sibling
    path[i % 5][3] -= Fp::one();
    path.pop_back();
    CHECK(!verify_opening(tree.root(), 5, i, row, path));      // short path
  }
  CHECK(!verify_opening(tree.root(), 5, 32, tree.row(0), tree.open(0)));  // index out of range
}

OP_TEST(single_row_tree_and_bad_heights) {
  Matrix one = random_matrix(4, 1, 3);
  MerkleTree t(one);
  CHECK(t.root() == hash::hash_row(one.row(0), 4));
  CHECK(verify_opening(t.root(), 0, 0, t.row(0), {}));
  bool threw = false;
  try { MerkleTree bad(random_matrix(2, 12, 4)); } catch (const std::invalid_argument&) { threw = true; }
  CHECK(threw);
}

OP_TEST(large_parallel_commit_is_deterministic) {
  Matrix m = random_matrix(16, 1 << 12, 5);
  CHECK(MerkleTree(m).root() == MerkleTree(m).root());
  Matrix m2 = m;
  m2.at(4095, 15) += Fp::one();
  CHECK(MerkleTree(m2).root() != MerkleTree(m).root());
}
