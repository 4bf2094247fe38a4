// Column-wise radix-2 NTT, inverse NTT and coset LDE on the GPU for row-major matrices, natural
// order in and out like native/ntt. One kernel launch per DIT stage, one thread per (butterfly,
// column): simple and exact; the stage fusion / shared-memory blocking of a tuned GPU NTT is future
// work (docs/CUDA.md). Twiddles are native/ntt's shared table (ntt/twiddles.h), uploaded.
#include <bit>
#include <stdexcept>
#include <string>
#include <vector>

#include "cuda/backend.h"
#include "cuda/device_ntt.h"
#include "cuda/device_runtime.h"
#include "ntt/twiddles.h"

namespace oneproof::cuda {
namespace {

__global__ void bit_reverse_kernel(const uint32_t* in, uint32_t* out, size_t width, unsigned log_n, size_t items) {
  const size_t t = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (t < items) dev::bit_reverse_gather(in, out, width, log_n, t);
}

__global__ void dit_stage_kernel(uint32_t* data, size_t width, size_t half, const uint32_t* tw, size_t items) {
  const size_t t = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (t < items) dev::dit_butterfly(data, width, half, t, tw);
}

__global__ void scale_kernel(uint32_t* data, uint32_t factor, size_t items) {
  const size_t t = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (t < items) data[t] = dev::mul(data[t], factor);
}

__global__ void lde_gather_kernel(const uint32_t* coeffs, const uint32_t* factor, uint32_t* out, size_t width,
                                  size_t n, unsigned log_big, size_t items) {
  const size_t t = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (t < items) dev::lde_gather(coeffs, factor, out, width, n, log_big, t);
}

unsigned checked_log2_height(const Matrix& m, const char* what) {
  if (m.values.size() != m.width * m.height)
    throw std::invalid_argument(std::string(what) + ": matrix values.size() != width * height");
  if (m.height == 0 || !std::has_single_bit(m.height))
    throw std::invalid_argument(std::string(what) + ": height must be a power of two, got " + std::to_string(m.height));
  const unsigned log_n = unsigned(std::countr_zero(m.height));
  if (log_n > field::TWO_ADICITY) throw std::invalid_argument(std::string(what) + ": height exceeds 2^24");
  return log_n;
}

// Forward table of size n as words: tw[half + k] = omega_{2 half}^k.
std::vector<uint32_t> forward_twiddles(unsigned log_n) {
  const size_t n = size_t(1) << log_n;
  const auto table = ntt::twiddles(log_n);
  std::vector<uint32_t> tw(n);
  for (size_t i = 0; i < n; ++i) tw[i] = (*table)[i].v;
  return tw;
}

std::vector<uint32_t> inverse_twiddles(const std::vector<uint32_t>& tw) {
  std::vector<uint32_t> itw(tw.size());
  for (size_t half = 1; half < tw.size(); half *= 2)
    for (size_t k = 0; k < half; ++k) itw[half + k] = dev::inverse_twiddle(tw.data(), half, k);
  return itw;
}

// data (height 2^log_n, already in bit-reversed row order) <- DIT stages with the given table.
void dit_stages(uint32_t* data, size_t width, unsigned log_n, const uint32_t* tw, const char* what) {
  const size_t items = (size_t(1) << log_n) / 2 * width;
  for (size_t half = 1; half < (size_t(1) << log_n); half *= 2) {
    dit_stage_kernel<<<blocks_for(items), THREADS_PER_BLOCK>>>(data, width, half, tw, items);
    check(cudaGetLastError(), what);
  }
}

// Natural-order transform of `in` (device, n x width) into `out` (device): bit reversal + DIT.
void transform(const uint32_t* in, uint32_t* out, size_t width, unsigned log_n, const std::vector<uint32_t>& tw,
               const char* what) {
  const size_t items = (size_t(1) << log_n) * width;
  bit_reverse_kernel<<<blocks_for(items), THREADS_PER_BLOCK>>>(in, out, width, log_n, items);
  check(cudaGetLastError(), what);
  DeviceBuffer<uint32_t> d_tw(tw.data(), tw.size());
  dit_stages(out, width, log_n, d_tw.get(), what);
  check_launch(what);
}

uint32_t inverse_of_size(size_t n) { return dev::inverse(dev::from_u32(uint32_t(n))); }

void run_transform(Matrix& m, bool inverse, const char* what) {
  const unsigned log_n = checked_log2_height(m, what);
  if (m.width == 0 || log_n == 0) return;
  require_device();
  std::vector<uint32_t> tw = forward_twiddles(log_n);
  if (inverse) tw = inverse_twiddles(tw);
  uint32_t* host = reinterpret_cast<uint32_t*>(m.values.data());
  DeviceBuffer<uint32_t> input(host, m.values.size()), output(m.values.size());
  transform(input.get(), output.get(), m.width, log_n, tw, what);
  if (inverse) {
    scale_kernel<<<blocks_for(output.size()), THREADS_PER_BLOCK>>>(output.get(), inverse_of_size(m.height),
                                                                    output.size());
    check_launch(what);
  }
  output.download(host, output.size());
}

}  // namespace

void ntt_forward(Matrix& m) { run_transform(m, false, "cuda::ntt_forward"); }
void ntt_inverse(Matrix& m) { run_transform(m, true, "cuda::ntt_inverse"); }

Matrix coset_lde(const Matrix& evaluations, unsigned log_blowup, Fp shift) {
  const char* what = "cuda::coset_lde";
  const unsigned log_n = checked_log2_height(evaluations, what);
  if (log_n + log_blowup > field::TWO_ADICITY)
    throw std::invalid_argument("cuda::coset_lde: height << log_blowup exceeds 2^24");
  if (shift.is_zero()) throw std::invalid_argument("cuda::coset_lde: shift must be nonzero");
  const size_t n = evaluations.height, width = evaluations.width;
  const unsigned log_big = log_n + log_blowup;
  Matrix out = Matrix::allocate(width, n << log_blowup);
  if (width == 0) return out;
  require_device();

  // 1. n * coefficients (natural order): the inverse transform without its 1/n.
  const std::vector<uint32_t> tw_big = forward_twiddles(log_big);
  const std::vector<uint32_t> tw_small(tw_big.begin(), tw_big.begin() + n);  // the table is nested
  DeviceBuffer<uint32_t> input(reinterpret_cast<const uint32_t*>(evaluations.values.data()), evaluations.values.size());
  DeviceBuffer<uint32_t> coeffs(evaluations.values.size());
  transform(input.get(), coeffs.get(), width, log_n, inverse_twiddles(tw_small), what);
  // 2. factor[c] = shift^c / n moves evaluation from <omega_N> to shift * <omega_N> and undoes the n.
  std::vector<uint32_t> factor(n);
  factor[0] = inverse_of_size(n);
  for (size_t c = 1; c < n; ++c) factor[c] = dev::mul(factor[c - 1], shift.v);
  DeviceBuffer<uint32_t> d_factor(factor.data(), n);
  // 3. Scaled, zero-padded, bit-reversed input of the size-N forward DIT, then its stages.
  DeviceBuffer<uint32_t> big(out.values.size()), d_tw(tw_big.data(), tw_big.size());
  lde_gather_kernel<<<blocks_for(big.size()), THREADS_PER_BLOCK>>>(coeffs.get(), d_factor.get(), big.get(), width, n,
                                                                    log_big, big.size());
  check(cudaGetLastError(), what);
  dit_stages(big.get(), width, log_big, d_tw.get(), what);
  check_launch(what);
  big.download(reinterpret_cast<uint32_t*>(out.values.data()), big.size());
  return out;
}

}  // namespace oneproof::cuda
