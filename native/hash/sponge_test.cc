// Sponge (hash_row) and compression: definition, SIMD batches == scalar, sensitivity.
#include <cstdio>
#include <random>
#include <vector>

#include "common/test.h"
#include "hash/poseidon2.h"
#include "hash/sponge.h"

using namespace oneproof::hash;
using oneproof::field::Fp;
using oneproof::field::Isa;
namespace field = oneproof::field;

namespace {
std::vector<Fp> random_elems(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fp> v(n);
  for (auto& x : v) x = Fp::from_u32(uint32_t(rng() % field::P));
  return v;
}
}  // namespace

OP_TEST(hash_row_is_overwrite_sponge) {
  // Written out by hand for 11 elements: chunk of 8, then a chunk of 3 over the previous state.
  auto row = random_elems(11, 1);
  Fp s[16] = {};
  for (int i = 0; i < 8; ++i) s[i] = row[i];
  poseidon2_w16(s);
  for (int i = 0; i < 3; ++i) s[i] = row[8 + i];
  poseidon2_w16(s);
  Digest d = hash_row(row.data(), row.size());
  for (int i = 0; i < 8; ++i) CHECK_EQ(d[i], s[i]);
  // Exactly one chunk: one permutation, no extra one for an empty final chunk.
  Fp t[16] = {};
  for (int i = 0; i < 8; ++i) t[i] = row[i];
  poseidon2_w16(t);
  Digest d8 = hash_row(row.data(), 8);
  for (int i = 0; i < 8; ++i) CHECK_EQ(d8[i], t[i]);
  // Empty input: all-zero digest.
  Digest empty = hash_row(nullptr, 0);
  for (Fp x : empty) CHECK(x.is_zero());
}

OP_TEST(compress_is_truncated_permutation) {
  auto v = random_elems(16, 2);
  Digest l, r;
  for (int i = 0; i < 8; ++i) { l[i] = v[i]; r[i] = v[8 + i]; }
  poseidon2_w16(v.data());
  Digest c = compress(l, r);
  for (int i = 0; i < 8; ++i) CHECK_EQ(c[i], v[i]);
  CHECK(compress(l, r) != compress(r, l));
}

OP_TEST(every_input_element_matters) {
  auto row = random_elems(21, 3);
  Digest base = hash_row(row.data(), row.size());
  for (size_t k = 0; k < row.size(); ++k) {
    auto t = row;
    t[k] += Fp::one();
    CHECK(hash_row(t.data(), t.size()) != base);
  }
  auto v = random_elems(16, 4);
  Digest l, r;
  for (int i = 0; i < 8; ++i) { l[i] = v[i]; r[i] = v[8 + i]; }
  Digest c = compress(l, r);
  for (int k = 0; k < 8; ++k) {
    Digest l2 = l, r2 = r;
    l2[k] += Fp::one();
    r2[k] += Fp::one();
    CHECK(compress(l2, r) != c);
    CHECK(compress(l, r2) != c);
  }
}

OP_TEST(no_length_padding_documented_behaviour) {
  // Documented in sponge.h: trailing zeros inside the last chunk do not change the digest, so the
  // row length must be fixed by context. A zero that starts a new chunk does change it.
  auto row = random_elems(5, 5);
  auto padded = row;
  padded.push_back(Fp::zero());
  CHECK(hash_row(row.data(), row.size()) == hash_row(padded.data(), padded.size()));
  auto eight = random_elems(8, 6), nine = eight;
  nine.push_back(Fp::zero());
  CHECK(hash_row(eight.data(), 8) != hash_row(nine.data(), 9));
}

OP_TEST(batched_hash_rows_and_compress_match_scalar) {
  for (Isa isa : {Isa::scalar, Isa::avx2, Isa::avx512}) {
    if (!field::isa_supported(isa)) { std::printf("skip %s\n", field::isa_name(isa)); continue; }
    for (size_t width : {size_t(0), size_t(1), size_t(7), size_t(8), size_t(9), size_t(16), size_t(37)}) {
      for (size_t count : {size_t(1), size_t(15), size_t(16), size_t(35)}) {
        auto rows = random_elems(width * count, width * 100 + count);
        std::vector<Digest> out(count);
        hash_rows_with(isa, rows.data(), width, count, out.data());
        for (size_t r = 0; r < count; ++r) CHECK(out[r] == hash_row(rows.data() + r * width, width));
      }
    }
    for (size_t count : {size_t(0), size_t(1), size_t(16), size_t(41)}) {
      auto flat = random_elems(count * 16, count + 7);
      std::vector<Digest> in(2 * count), out(count);
      for (size_t i = 0; i < 2 * count; ++i)
        for (int k = 0; k < 8; ++k) in[i][k] = flat[i * 8 + k];
      compress_pairs_with(isa, in.data(), count, out.data());
      for (size_t i = 0; i < count; ++i) CHECK(out[i] == compress(in[2 * i], in[2 * i + 1]));
    }
  }
}

OP_TEST(threaded_helpers_match_scalar) {
  const size_t width = 24, count = 3001;
  auto rows = random_elems(width * count, 77);
  std::vector<Digest> out(count);
  hash_rows(rows.data(), width, count, out.data());
  for (size_t r = 0; r < count; ++r) CHECK(out[r] == hash_row(rows.data() + r * width, width));
  std::vector<Digest> layer(count / 2);
  compress_pairs(out.data(), count / 2, layer.data());
  for (size_t i = 0; i < count / 2; ++i) CHECK(layer[i] == compress(out[2 * i], out[2 * i + 1]));
}
