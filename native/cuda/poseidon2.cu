// Poseidon2 kernels: batched permutations, Merkle leaf hashing (one row per thread) and Merkle
// layer compression (one pair per thread). The parameters travel as a __grid_constant__ kernel
// argument (constant memory), taken from native/hash's tables via raw_params.h.
#include <stdexcept>

#include "cuda/backend.h"
#include "cuda/device_poseidon2.h"
#include "cuda/device_runtime.h"
#include "cuda/raw_params.h"

namespace oneproof::cuda {
namespace {

static_assert(sizeof(Fp) == sizeof(uint32_t), "Fp must be one Montgomery word");
static_assert(sizeof(Digest) == dev::DIGEST * sizeof(uint32_t), "Digest must be 8 packed words");

template <size_t W, size_t RP>
__global__ void permute_kernel(uint32_t* states, size_t count, const __grid_constant__ dev::RawParams<W, RP> params) {
  const size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= count) return;
  uint32_t s[W];
  for (size_t k = 0; k < W; ++k) s[k] = states[i * W + k];
  dev::permute<W, RP>(s, params);
  for (size_t k = 0; k < W; ++k) states[i * W + k] = s[k];
}

__global__ void hash_rows_kernel(const uint32_t* rows, size_t width, size_t count, uint32_t* digests,
                                 const __grid_constant__ dev::RawParams16 params) {
  const size_t r = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (r >= count) return;
  dev::hash_row(rows + r * width, width, digests + r * dev::DIGEST, params);
}

__global__ void compress_kernel(const uint32_t* in, size_t count, uint32_t* out,
                                const __grid_constant__ dev::RawParams16 params) {
  const size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= count) return;
  dev::compress(in + 2 * i * dev::DIGEST, in + (2 * i + 1) * dev::DIGEST, out + i * dev::DIGEST, params);
}

template <size_t W, size_t RP>
void permute_many(std::span<Fp> states, const dev::RawParams<W, RP>& params, const char* name) {
  if (states.size() % W != 0) throw std::invalid_argument(std::string(name) + ": size is not a multiple of the width");
  const size_t count = states.size() / W;
  if (count == 0) return;
  require_device();
  DeviceBuffer<uint32_t> buffer(reinterpret_cast<const uint32_t*>(states.data()), states.size());
  permute_kernel<W, RP><<<blocks_for(count), THREADS_PER_BLOCK>>>(buffer.get(), count, params);
  check_launch(name);
  buffer.download(reinterpret_cast<uint32_t*>(states.data()), states.size());
}

}  // namespace

void poseidon2_w16_many(std::span<Fp> states) { permute_many(states, RAW_PARAMS_16, "cuda::poseidon2_w16_many"); }
void poseidon2_w24_many(std::span<Fp> states) { permute_many(states, RAW_PARAMS_24, "cuda::poseidon2_w24_many"); }

std::vector<Digest> hash_rows(const Matrix& rows) {
  std::vector<Digest> out(rows.height);
  if (rows.height == 0) return out;
  if (rows.width == 0) return out;  // empty rows hash to zeros, as hash::hash_row does
  require_device();
  DeviceBuffer<uint32_t> input(reinterpret_cast<const uint32_t*>(rows.values.data()), rows.values.size());
  DeviceBuffer<uint32_t> digests(rows.height * dev::DIGEST);
  hash_rows_kernel<<<blocks_for(rows.height), THREADS_PER_BLOCK>>>(input.get(), rows.width, rows.height,
                                                                    digests.get(), RAW_PARAMS_16);
  check_launch("cuda::hash_rows");
  digests.download(reinterpret_cast<uint32_t*>(out.data()), digests.size());
  return out;
}

std::vector<Digest> merkle_layer(std::span<const Digest> in) {
  if (in.size() % 2 != 0) throw std::invalid_argument("cuda::merkle_layer: odd number of digests");
  const size_t count = in.size() / 2;
  std::vector<Digest> out(count);
  if (count == 0) return out;
  require_device();
  DeviceBuffer<uint32_t> input(reinterpret_cast<const uint32_t*>(in.data()), in.size() * dev::DIGEST);
  DeviceBuffer<uint32_t> output(count * dev::DIGEST);
  compress_kernel<<<blocks_for(count), THREADS_PER_BLOCK>>>(input.get(), count, output.get(), RAW_PARAMS_16);
  check_launch("cuda::merkle_layer");
  output.download(reinterpret_cast<uint32_t*>(out.data()), output.size());
  return out;
}

}  // namespace oneproof::cuda
