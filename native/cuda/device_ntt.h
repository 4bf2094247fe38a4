// Per-thread steps of the GPU radix-2 NTT over the columns of a row-major matrix (ntt.cu), as
// __host__ __device__ code so the CPU-only test can run the same steps in plain loops against
// native/ntt. One thread handles one (butterfly, column) pair; thread t works on column t % width,
// so neighbouring threads touch neighbouring words of a row (coalesced).
//
// Twiddles follow ntt/twiddles.h: tw[half + k] = omega_{2 half}^k. A transform of size n is
//   forward: bit-reversal permutation, then DIT stages half = 1, 2, ..., n/2 with tw;
//   inverse: the same with the inverse table itw[half + k] = omega_{2 half}^-k, then times 1/n.
#pragma once
#include <cstddef>
#include <cstdint>
#include "cuda/device_field.h"

namespace oneproof::cuda::dev {

OP_HD size_t reverse_bits(size_t index, unsigned bits) {
  size_t r = 0;
  for (unsigned b = 0; b < bits; ++b) r |= ((index >> b) & 1) << (bits - 1 - b);
  return r;
}

// omega_{2h}^-k from the forward table: 1 for k = 0, else omega_{2h}^(2h-k) = -omega_{2h}^(h-k).
OP_HD uint32_t inverse_twiddle(const uint32_t* tw, size_t half, size_t k) {
  return k == 0 ? MONTY_ONE : neg(tw[half + half - k]);
}

// One DIT butterfly of the stage with this `half`: thread t < (n / 2) * width.
OP_HD void dit_butterfly(uint32_t* data, size_t width, size_t half, size_t t, const uint32_t* tw) {
  const size_t col = t % width, b = t / width;
  const size_t k = b % half, i = (b / half) * 2 * half + k, j = i + half;
  const uint32_t x = data[i * width + col];
  const uint32_t y = mul(data[j * width + col], tw[half + k]);
  data[i * width + col] = add(x, y);
  data[j * width + col] = sub(x, y);
}

// Bit-reversal gather of a row-major matrix of height 2^log_n (thread t < n * width, out != in).
OP_HD void bit_reverse_gather(const uint32_t* in, uint32_t* out, size_t width, unsigned log_n, size_t t) {
  const size_t col = t % width, row = t / width;
  out[row * width + col] = in[reverse_bits(row, log_n) * width + col];
}

// Coset LDE input to the size-N forward DIT: row r (bit-reversed position) takes coefficient
// c = rev_N(r) of the n-row coefficient matrix scaled by factor[c] = shift^c / n, or zero when
// c >= n (the zero padding). Thread t < N * width.
OP_HD void lde_gather(const uint32_t* coeffs, const uint32_t* factor, uint32_t* out, size_t width, size_t n,
                      unsigned log_big, size_t t) {
  const size_t col = t % width, row = t / width;
  const size_t c = reverse_bits(row, log_big);
  out[row * width + col] = c < n ? mul(coeffs[c * width + col], factor[c]) : 0;
}

}  // namespace oneproof::cuda::dev
