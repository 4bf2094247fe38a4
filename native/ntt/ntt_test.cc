// NTT / inverse / coset LDE against naive O(n^2) transforms, for every ISA this CPU supports.
#include <cstdio>
#include <random>
#include <stdexcept>

#include "common/test.h"
#include "ntt/ntt.h"

using namespace oneproof;
using field::Fp;
using field::Isa;
using field::Matrix;

namespace {
Matrix random_matrix(size_t width, size_t height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Matrix m(width, height);
  for (auto& x : m.values) x = Fp::from_u32(uint32_t(rng() % field::P));
  return m;
}

// out[i] = sum_j in[j] * (shift * w^i)^j, w = primitive n-th root.
Matrix naive_eval(const Matrix& coeffs, size_t out_rows, Fp shift) {
  const unsigned log_out = unsigned(__builtin_ctzll(out_rows));
  const Fp w = field::two_adic_generator(log_out);
  Matrix out(coeffs.width, out_rows);
  Fp x = shift;
  for (size_t i = 0; i < out_rows; ++i, x *= w) {
    for (size_t c = 0; c < coeffs.width; ++c) {
      Fp acc;  // Horner
      for (size_t j = coeffs.height; j-- > 0;) acc = acc * x + coeffs.at(j, c);
      out.at(i, c) = acc;
    }
  }
  return out;
}

// Coefficients of the polynomial with evals[i] = p(shift * w^i), naive: c_j = (1/n) sum_i e_i (shift w^i)^-j.
Matrix naive_interpolate(const Matrix& evals, Fp shift) {
  const size_t n = evals.height;
  const Fp w_inv = field::two_adic_generator(unsigned(__builtin_ctzll(n))).inverse();
  const Fp n_inv = Fp::from_u32(uint32_t(n)).inverse(), shift_inv = shift.inverse();
  Matrix out(evals.width, n);
  for (size_t j = 0; j < n; ++j)
    for (size_t c = 0; c < evals.width; ++c) {
      Fp acc, step = w_inv.pow(j), x = shift_inv.pow(j);
      for (size_t i = 0; i < n; ++i, x *= step) acc += evals.at(i, c) * x;
      out.at(j, c) = acc * n_inv;
    }
  return out;
}

Fp horner(const Matrix& coeffs, size_t col, Fp z) {
  Fp acc;
  for (size_t j = coeffs.height; j-- > 0;) acc = acc * z + coeffs.at(j, col);
  return acc;
}

template <class Fn>
void for_each_isa(Fn&& fn) {
  for (Isa isa : {Isa::scalar, Isa::avx2, Isa::avx512}) {
    if (!field::isa_supported(isa)) { std::printf("skip %s\n", field::isa_name(isa)); continue; }
    fn(isa);
  }
}
}  // namespace

OP_TEST(forward_matches_naive_dft) {
  for_each_isa([](Isa isa) {
    // Widths exercising every vector size: 16/8/4-lane chunks and single leftover lanes.
    for (size_t width : {size_t(1), size_t(3), size_t(4), size_t(8), size_t(12), size_t(16), size_t(19), size_t(28), size_t(40)})
      for (unsigned log_n : {0u, 1u, 2u, 5u, 8u}) {
        Matrix coeffs = random_matrix(width, size_t(1) << log_n, width * 31 + log_n);
        Matrix m = coeffs;
        ntt::forward_with(isa, m);
        CHECK(m == naive_eval(coeffs, coeffs.height, Fp::one()));
      }
  });
}

OP_TEST(inverse_undoes_forward) {
  for_each_isa([](Isa isa) {
    for (size_t width : {size_t(1), size_t(16), size_t(21)})
      for (unsigned log_n : {1u, 3u, 9u, 12u, 14u}) {
        if (width * (size_t(1) << log_n) > (size_t(1) << 18)) continue;
        Matrix x = random_matrix(width, size_t(1) << log_n, log_n * 7 + width);
        Matrix m = x;
        ntt::forward_with(isa, m);
        CHECK(m != x);
        ntt::inverse_with(isa, m);
        CHECK(m == x);
        ntt::inverse_with(isa, m);
        ntt::forward_with(isa, m);
        CHECK(m == x);
      }
  });
}

OP_TEST(isas_agree_on_large_transform) {
  // Big enough for several cache blocks and threaded sweeps (2^15 rows x 16 columns).
  Matrix x = random_matrix(16, size_t(1) << 15, 5);
  Matrix ref = x;
  ntt::forward_with(Isa::scalar, ref);
  for_each_isa([&](Isa isa) {
    Matrix m = x;
    ntt::forward_with(isa, m);
    CHECK(m == ref);
  });
  // Spot-check rows of the big transform against direct evaluation.
  Matrix coeffs = x;
  const Fp w = field::two_adic_generator(15);
  for (size_t i : {size_t(0), size_t(1), size_t(12345), size_t(32767)})
    for (size_t c : {size_t(0), size_t(15)}) CHECK_EQ(ref.at(i, c), horner(coeffs, c, w.pow(i)));
}

OP_TEST(fused_stages_match_direct_evaluation) {
  // Shapes whose large stages run as radix-4 / radix-8 passes over the whole matrix (beyond one
  // cache block): spot-check rows against Horner evaluation for every ISA.
  struct Shape { size_t width; unsigned log_n; };
  for (Shape shape : {Shape{21, 12}, Shape{16, 14}, Shape{64, 12}, Shape{3, 16}, Shape{4, 15}, Shape{12, 13}}) {
    Matrix coeffs = random_matrix(shape.width, size_t(1) << shape.log_n, shape.width + shape.log_n);
    const Fp w = field::two_adic_generator(shape.log_n);
    for_each_isa([&](Isa isa) {
      Matrix m = coeffs;
      ntt::forward_with(isa, m);
      for (size_t i : {size_t(0), size_t(1), size_t(3), m.height / 2 + 5, m.height - 1})
        for (size_t c : {size_t(0), shape.width - 1}) CHECK_EQ(m.at(i, c), horner(coeffs, c, w.pow(i)));
    });
  }
}

OP_TEST(coset_lde_matches_direct_evaluation) {
  for_each_isa([](Isa isa) {
    for (size_t width : {size_t(1), size_t(16), size_t(17)})
      for (unsigned log_n : {0u, 1u, 4u, 6u})
        for (unsigned log_blowup : {0u, 1u, 2u, 3u}) {
          const size_t n = size_t(1) << log_n;
          Matrix evals = random_matrix(width, n, width + 13 * log_n + log_blowup);
          const Fp shift = Fp::from_u32(field::MULTIPLICATIVE_GENERATOR);
          Matrix lde = ntt::coset_lde_with(isa, evals, log_blowup, shift);
          REQUIRE(lde.height == n << log_blowup && lde.width == width);
          Matrix coeffs = naive_interpolate(evals, Fp::one());
          CHECK(lde == naive_eval(coeffs, n << log_blowup, shift));
        }
  });
}

OP_TEST(inverse_matches_naive_interpolation) {
  for_each_isa([](Isa isa) {
    for (size_t width : {size_t(1), size_t(16), size_t(19)})
      for (unsigned log_n : {1u, 4u, 7u}) {
        Matrix evals = random_matrix(width, size_t(1) << log_n, 3 * width + log_n);
        Matrix m = evals;
        ntt::inverse_with(isa, m);
        CHECK(m == naive_interpolate(evals, Fp::one()));
      }
  });
}

OP_TEST(large_coset_lde_matches_known_polynomial) {
  // Beyond one cache block, so the DIF sweeps and the DIT sweeps both run: evaluations of known
  // random coefficients in, spot-checked LDE rows against Horner evaluation out.
  struct Shape { size_t width; unsigned log_n, log_blowup; };
  for (Shape shape : {Shape{16, 13, 1}, Shape{16, 14, 2}, Shape{3, 15, 1}, Shape{33, 12, 3}, Shape{4, 15, 2}, Shape{8, 14, 1}}) {
    Matrix coeffs = random_matrix(shape.width, size_t(1) << shape.log_n, shape.log_n * 3 + shape.width);
    Matrix evals = coeffs;
    ntt::forward(evals);
    const Fp shift = Fp::from_u32(field::MULTIPLICATIVE_GENERATOR);
    const Fp w = field::two_adic_generator(shape.log_n + shape.log_blowup);
    for_each_isa([&](Isa isa) {
      Matrix lde = ntt::coset_lde_with(isa, evals, shape.log_blowup, shift);
      REQUIRE(lde.height == evals.height << shape.log_blowup);
      for (size_t i : {size_t(0), size_t(1), size_t(2), size_t(7), lde.height / 3, lde.height - 1})
        for (size_t c : {size_t(0), shape.width / 2, shape.width - 1})
          CHECK_EQ(lde.at(i, c), horner(coeffs, c, shift * w.pow(i)));
    });
  }
}

OP_TEST(very_wide_rows_skip_cache_blocks) {
  // Rows wider than half a cache block: every stage is a whole-matrix sweep, and the LDE takes its
  // fill-everything-first path.
  const size_t width = 20000;
  Matrix coeffs = random_matrix(width, 8, 99);
  Matrix evals = coeffs;
  ntt::forward(evals);
  const Fp w8 = field::two_adic_generator(3);
  for (size_t i : {size_t(0), size_t(3), size_t(7)})
    for (size_t c : {size_t(0), size_t(12345), width - 1}) CHECK_EQ(evals.at(i, c), horner(coeffs, c, w8.pow(i)));
  Matrix back = evals;
  ntt::inverse(back);
  CHECK(back == coeffs);
  const Fp shift = Fp::from_u32(field::MULTIPLICATIVE_GENERATOR);
  Matrix lde = ntt::coset_lde(evals, 2, shift);
  const Fp w32 = field::two_adic_generator(5);
  for (size_t i : {size_t(0), size_t(5), size_t(31)})
    for (size_t c : {size_t(1), width - 2}) CHECK_EQ(lde.at(i, c), horner(coeffs, c, shift * w32.pow(i)));
}

OP_TEST(coset_lde_is_low_degree_and_agrees_at_random_point) {
  std::mt19937_64 rng(17);
  const size_t width = 5, n = 32;
  const unsigned log_blowup = 2;
  const Fp shift = Fp::from_u32(field::MULTIPLICATIVE_GENERATOR);
  Matrix evals = random_matrix(width, n, 3);
  Matrix lde = ntt::coset_lde(evals, log_blowup, shift);
  // Interpolating the LDE over the coset gives degree < n, and both polynomials agree at random z.
  Matrix big = naive_interpolate(lde, shift);
  Matrix small = naive_interpolate(evals, Fp::one());
  for (size_t j = n; j < big.height; ++j)
    for (size_t c = 0; c < width; ++c) CHECK(big.at(j, c).is_zero());
  for (int t = 0; t < 5; ++t) {
    Fp z = Fp::from_u32(uint32_t(rng() % field::P));
    for (size_t c = 0; c < width; ++c) CHECK_EQ(horner(big, c, z), horner(small, c, z));
  }
  // Tampering with one LDE value breaks the low-degree property (the check above can fail).
  lde.at(7, 2) += Fp::one();
  Matrix tampered = naive_interpolate(lde, shift);
  bool high_nonzero = false;
  for (size_t j = n; j < tampered.height; ++j) high_nonzero |= !tampered.at(j, 2).is_zero();
  CHECK(high_nonzero);
}

OP_TEST(bit_reverse_rows_permutes) {
  CHECK_EQ(ntt::reverse_bits(1, 3), size_t(4));
  CHECK_EQ(ntt::reverse_bits(6, 3), size_t(3));
  CHECK_EQ(ntt::reverse_bits(0, 0), size_t(0));
  CHECK_EQ(ntt::reverse_bits(0b1011, 2), size_t(0b11));  // only the low `bits` bits count
  for (unsigned bits = 1; bits <= 24; ++bits)
    for (size_t i : {size_t(0), size_t(1), size_t(5), (size_t(1) << bits) - 1, size_t(0x123456) & ((size_t(1) << bits) - 1)}) {
      size_t expected = 0;
      for (unsigned b = 0; b < bits; ++b) expected |= ((i >> b) & 1) << (bits - 1 - b);
      CHECK_EQ(ntt::reverse_bits(i, bits), expected);
    }
  Matrix m(2, 8);
  for (size_t r = 0; r < 8; ++r) { m.at(r, 0) = Fp::from_u32(uint32_t(r)); m.at(r, 1) = Fp::from_u32(uint32_t(100 + r)); }
  Matrix orig = m;
  ntt::bit_reverse_rows(m);
  for (size_t r = 0; r < 8; ++r) {
    CHECK_EQ(m.at(r, 0).to_u32(), uint32_t(ntt::reverse_bits(r, 3)));
    CHECK_EQ(m.at(r, 1).to_u32(), uint32_t(100 + ntt::reverse_bits(r, 3)));
  }
  ntt::bit_reverse_rows(m);
  CHECK(m == orig);
}

OP_TEST(blocked_bit_reversal_matches_definition) {
  // Sizes large enough for the cache-blocked path (and one with an odd number of middle bits).
  struct Shape { size_t width; unsigned log_n; };
  for (Shape shape : {Shape{16, 13}, Shape{16, 14}, Shape{3, 17}, Shape{40, 12}}) {
    Matrix m = random_matrix(shape.width, size_t(1) << shape.log_n, shape.log_n);
    Matrix orig = m;
    ntt::bit_reverse_rows(m);
    bool all_match = true;
    for (size_t r = 0; r < m.height; ++r)
      for (size_t c = 0; c < m.width; ++c) all_match &= m.at(r, c) == orig.at(ntt::reverse_bits(r, shape.log_n), c);
    CHECK(all_match);
  }
}

OP_TEST(bad_shapes_are_rejected) {
  auto throws = [](auto&& fn) {
    try { fn(); } catch (const std::invalid_argument&) { return true; }
    return false;
  };
  Matrix three(2, 3);
  CHECK(throws([&] { ntt::forward(three); }));
  CHECK(throws([&] { ntt::inverse(three); }));
  CHECK(throws([&] { ntt::coset_lde(three, 1); }));
  Matrix empty(4, 0);
  CHECK(throws([&] { ntt::forward(empty); }));
  Matrix inconsistent;
  inconsistent.width = 4; inconsistent.height = 8;  // values left empty
  CHECK(throws([&] { ntt::forward(inconsistent); }));
  Matrix ok(1, 1 << 20);
  CHECK(throws([&] { ntt::coset_lde(ok, 5); }));  // 2^25 rows exceeds the two-adicity
  CHECK(throws([&] { ntt::coset_lde(Matrix(1, 4), 1, Fp::zero()); }));
  CHECK(throws([] { Matrix(2, 2, std::vector<Fp>(3)); }));
}
