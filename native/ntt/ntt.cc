// Column-wise radix-2 NTT. Forward: bit-reverse the rows, then decimation in time (DIT). Inverse:
// decimation in frequency (DIF) with the conjugate twiddles, then bit-reverse and scale by 1/n.
// Small stages run block by block (a block of rows fits in L2); large ones sweep the whole matrix
// three stages per pass (radix-8 groups); both are split over the thread pool. The coset LDE
// chains DIF and DIT without any bit reversal (see coset_lde_with).
#include "ntt/ntt.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/parallel.h"
#include "field/monty_lane.h"
#include "field/vector_ops.h"
#include "ntt/ntt_kernel.h"
#include "ntt/ntt_kernel_set.h"
#include "ntt/twiddles.h"

namespace oneproof::ntt {

#if defined(OP_HAVE_X86_KERNELS)
namespace avx2 { extern const KernelSet kernel_set; }
namespace avx512 { extern const KernelSet kernel_set; }
#endif

namespace {
struct ScalarTag {};
using Scalar = field::MontyLane<ScalarTag>;
constexpr KernelSet scalar_kernel_set = make_kernel_set<Scalar, Scalar, Scalar, Scalar>();

// Rows per cache block: about 128 KiB of the matrix.
constexpr size_t BLOCK_BYTES = 128 * 1024;

unsigned log2_height(const Matrix& m, const char* what) {
  if (m.values.size() != m.width * m.height)
    throw std::invalid_argument(std::string(what) + ": matrix values.size() != width * height");
  if (m.height == 0 || !std::has_single_bit(m.height))
    throw std::invalid_argument(std::string(what) + ": height must be a power of two, got " + std::to_string(m.height));
  const unsigned log_n = unsigned(std::countr_zero(m.height));
  if (log_n > field::TWO_ADICITY)
    throw std::invalid_argument(std::string(what) + ": height 2^" + std::to_string(log_n) + " exceeds 2^24");
  return log_n;
}

const KernelSet& kernels_for(Isa isa) {
  if (!field::isa_supported(isa)) throw std::runtime_error(std::string("ntt: ISA not supported: ") + field::isa_name(isa));
#if defined(OP_HAVE_X86_KERNELS)
  if (isa == Isa::avx512) return avx512::kernel_set;
  if (isa == Isa::avx2) return avx2::kernel_set;
#endif
  return scalar_kernel_set;
}

// log2 of the rows in one cache block of this matrix (at most log_n).
unsigned log_block_rows(size_t width, unsigned log_n) {
  const size_t row_bytes = std::max<size_t>(1, width * sizeof(Fp));
  unsigned log_block = 0;
  while (log_block < log_n && (size_t(2) << log_block) * row_bytes <= BLOCK_BYTES) ++log_block;
  return log_block;
}

size_t sweep_grain(size_t width, unsigned log_r) {
  const size_t row_bytes = std::max<size_t>(1, width * sizeof(Fp));
  return std::max<size_t>(256, BLOCK_BYTES / row_bytes) >> log_r;
}

void swap_rows(Matrix& m, size_t i, size_t j) { std::swap_ranges(m.row(i), m.row(i) + m.width, m.row(j)); }

// DIT stages first_stage .. log_n - 1 of rows already in bit-reversed order; natural order out.
void dit(const KernelSet& k, Matrix& m, unsigned log_n, unsigned first_stage) {
  const size_t n = m.height, width = m.width;
  const auto table = twiddles(log_n);
  const Fp* tw = table->data();
  const unsigned log_block = log_block_rows(width, log_n);
  if (first_stage < log_block) {
    const size_t block_rows = size_t(1) << log_block;
    parallel::parallel_for(0, n / block_rows, 1, [&](size_t lo, size_t hi) {
      for (size_t b = lo; b < hi; ++b) k.dit_block(m.row(b * block_rows), width, first_stage, log_block, tw);
    });
  }
  // The remaining stages sweep the whole matrix: three at a time (radix 8) to cut memory traffic.
  for (unsigned done = std::max(first_stage, log_block); done < log_n;) {
    const unsigned log_r = std::min(3u, log_n - done);
    parallel::parallel_for(0, n >> log_r, sweep_grain(width, log_r), [&](size_t lo, size_t hi) {
      k.dit_fused(log_r, m.values.data(), width, size_t(1) << done, tw, lo, hi);
    });
    done += log_r;
  }
}

// Inverse transform without the 1/n factor, natural order in, bit-reversed order out (DIF):
// whole-matrix sweeps for the large halves, then cache blocks for the rest.
void dif(const KernelSet& k, Matrix& m, unsigned log_n) {
  const size_t n = m.height, width = m.width;
  const auto table = twiddles(log_n);
  const Fp* tw = table->data();
  const unsigned log_block = log_block_rows(width, log_n);
  for (unsigned remaining = log_n; remaining > log_block;) {
    const unsigned log_r = std::min(3u, remaining - log_block);
    const size_t low_half = size_t(1) << (remaining - log_r);
    parallel::parallel_for(0, n >> log_r, sweep_grain(width, log_r), [&](size_t lo, size_t hi) {
      k.dif_fused(log_r, m.values.data(), width, low_half, tw, lo, hi);
    });
    remaining -= log_r;
  }
  const size_t block_rows = size_t(1) << log_block;
  parallel::parallel_for(0, n / block_rows, 1, [&](size_t lo, size_t hi) {
    for (size_t b = lo; b < hi; ++b) k.dif_block(m.row(b * block_rows), width, log_block, tw);
  });
}

// Row r <- row r * (first * ratio^r), in parallel.
void scale_rows_geometric(Isa isa, Matrix& m, Fp first, Fp ratio) {
  parallel::parallel_for(0, m.height, 256, [&](size_t lo, size_t hi) {
    Fp f = first * ratio.pow(lo);
    for (size_t r = lo; r < hi; ++r, f *= ratio) field::scale_array(isa, m.row(r), f, m.row(r), m.width);
  });
}
}  // namespace

size_t reverse_bits(size_t index, unsigned bits) {
  if (bits == 0) return 0;
  uint64_t x = index;  // reverse all 64 bits by swapping ever larger halves, then drop the low ones
  x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
  x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
  x = ((x >> 4) & 0x0f0f0f0f0f0f0f0full) | ((x & 0x0f0f0f0f0f0f0f0full) << 4);
  x = __builtin_bswap64(x);
  return size_t(x >> (64 - bits));  // bits above `bits` in index were shifted out
}

void bit_reverse_rows(Matrix& m) {
  const unsigned log_n = log2_height(m, "bit_reverse_rows");
  const size_t row_bytes = std::max<size_t>(1, m.width * sizeof(Fp));
  // Blocked permutation: split a row index into [a | b | c] with q bits for a and c. Fixing the
  // middle b, the rows (a, b, c) go to (rev c, rev b, rev a): 2^q runs of 2^q contiguous rows on
  // both sides, so copying whole blocks through a buffer keeps accesses local (a plain swap loop
  // touches a random page per row).
  unsigned q = 0;
  while (q < 8 && (size_t(1) << q) * row_bytes < 4096) ++q;
  if (m.width == 0 || log_n < 2 * q + 1 || q == 0) {
    parallel::parallel_for(0, m.height, 4096, [&](size_t lo, size_t hi) {
      for (size_t i = lo; i < hi; ++i) {
        const size_t j = reverse_bits(i, log_n);
        if (i < j) swap_rows(m, i, j);
      }
    });
    return;
  }
  const unsigned mid = log_n - 2 * q;
  const size_t side = size_t(1) << q, block_rows = side * side, width = m.width;
  std::vector<size_t> rev_q(side);
  for (size_t i = 0; i < side; ++i) rev_q[i] = reverse_bits(i, q);
  parallel::parallel_for(0, size_t(1) << mid, 1, [&](size_t lo, size_t hi) {
    std::vector<Fp> first(block_rows * width), second(block_rows * width);
    auto gather = [&](size_t b, std::vector<Fp>& buf) {
      for (size_t a = 0; a < side; ++a) {
        const Fp* src = m.row((((a << mid) | b) << q));
        std::copy(src, src + side * width, buf.data() + a * side * width);
      }
    };
    auto scatter = [&](size_t b_dest, const std::vector<Fp>& buf) {
      for (size_t a = 0; a < side; ++a)
        for (size_t c = 0; c < side; ++c) {
          const Fp* src = buf.data() + (a * side + c) * width;
          std::copy(src, src + width, m.row((((rev_q[c] << mid) | b_dest) << q) | rev_q[a]));
        }
    };
    for (size_t b = lo; b < hi; ++b) {
      const size_t rb = reverse_bits(b, mid);
      if (rb < b) continue;  // handled together with rb
      gather(b, first);
      if (rb != b) gather(rb, second);
      scatter(rb, first);
      if (rb != b) scatter(b, second);
    }
  });
}

void forward_with(Isa isa, Matrix& m) {
  const KernelSet& k = kernels_for(isa);
  const unsigned log_n = log2_height(m, "ntt::forward");
  if (m.width == 0 || log_n == 0) return;
  bit_reverse_rows(m);
  dit(k, m, log_n, 0);
}

void inverse_with(Isa isa, Matrix& m) {
  const KernelSet& k = kernels_for(isa);
  const unsigned log_n = log2_height(m, "ntt::inverse");
  if (m.width == 0 || log_n == 0) return;
  dif(k, m, log_n);
  bit_reverse_rows(m);
  scale_rows_geometric(isa, m, Fp::from_u32(uint32_t(m.height)).inverse(), Fp::one());
}

Matrix coset_lde_with(Isa isa, const Matrix& evaluations, unsigned log_blowup, Fp shift) {
  const KernelSet& k = kernels_for(isa);
  const unsigned log_n = log2_height(evaluations, "ntt::coset_lde");
  if (log_n + log_blowup > field::TWO_ADICITY)
    throw std::invalid_argument("ntt::coset_lde: height << log_blowup exceeds 2^24");
  if (shift.is_zero()) throw std::invalid_argument("ntt::coset_lde: shift must be nonzero");
  const size_t n = evaluations.height, blowup = size_t(1) << log_blowup, width = evaluations.width;
  Matrix out = Matrix::allocate(width, n << log_blowup);
  if (width == 0) return out;

  // 1. n * coefficients, in bit-reversed order: position p holds n * c_{rev(p)}.
  Matrix coeffs = Matrix::allocate(width, n);
  std::copy(evaluations.values.begin(), evaluations.values.end(), coeffs.values.begin());
  dif(k, coeffs, log_n);
  // 2. c_i * shift^i (and the 1/n) turns evaluation on <omega_N> into evaluation on shift * <omega_N>.
  //    factor[p] = shift^rev(p) / n, built in bit-reversed order directly: going from 2^j to 2^(j+1)
  //    entries, rev(2p) = rev(p) and rev(2p + 1) = rev(p) + 2^j.
  std::vector<Fp> factor(n);
  factor[0] = Fp::from_u32(uint32_t(n)).inverse();
  Fp shift_pow = shift;  // shift^(2^j)
  for (size_t size = 1; size < n; size *= 2, shift_pow = shift_pow.square()) {
    for (size_t p = size; p-- > 0;) {
      factor[2 * p + 1] = factor[p] * shift_pow;
      factor[2 * p] = factor[p];
    }
  }
  // 3. The size-N DIT wants bit-reversed input: c_{rev_n(p)} at position p * blowup, zeros
  //    elsewhere. Its first log_blowup stages then merely copy each such row over its group of
  //    `blowup` rows, so write those copies directly (scaled) and start the DIT after them. Each
  //    cache block is filled right before its in-cache stages run.
  const unsigned log_big = log_n + log_blowup;
  auto fill_rows = [&](size_t out_lo, size_t out_hi) {  // out rows [out_lo, out_hi), group-aligned
    for (size_t p = out_lo >> log_blowup; p < out_hi >> log_blowup; ++p)
      for (size_t t = 0; t < blowup; ++t) field::scale_array(isa, coeffs.row(p), factor[p], out.row(p * blowup + t), width);
  };
  const unsigned log_block = log_block_rows(width, log_big);
  const auto table = twiddles(log_big);
  if (log_blowup < log_block) {
    const size_t block_rows = size_t(1) << log_block;
    parallel::parallel_for(0, out.height / block_rows, 1, [&](size_t lo, size_t hi) {
      for (size_t b = lo; b < hi; ++b) {
        fill_rows(b * block_rows, (b + 1) * block_rows);
        k.dit_block(out.row(b * block_rows), width, log_blowup, log_block, table->data());
      }
    });
    dit(k, out, log_big, log_block);  // the sweeps
  } else {
    parallel::parallel_for(0, n, 1024, [&](size_t lo, size_t hi) { fill_rows(lo << log_blowup, hi << log_blowup); });
    dit(k, out, log_big, log_blowup);
  }
  return out;
}

void forward(Matrix& m) { forward_with(field::active_isa(), m); }
void inverse(Matrix& m) { inverse_with(field::active_isa(), m); }
Matrix coset_lde(const Matrix& evaluations, unsigned log_blowup, Fp shift) {
  return coset_lde_with(field::active_isa(), evaluations, log_blowup, shift);
}

}  // namespace oneproof::ntt
