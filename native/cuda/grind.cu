// Proof-of-work grinding on the GPU: each thread tries one candidate witness with the challenger's
// rule (dev::grinding_witness_ok); batches run in increasing candidate order and the first batch
// with a hit reports its smallest candidate (atomicMin), so the result is the smallest witness,
// the same one Challenger::grind finds.
#include <algorithm>
#include <stdexcept>

#include "cuda/backend.h"
#include "cuda/device_poseidon2.h"
#include "cuda/device_runtime.h"
#include "cuda/raw_params.h"

namespace oneproof::cuda {
namespace {

constexpr uint32_t NOT_FOUND = 0xffffffffu;  // above every candidate (candidates are < p < 2^31)
constexpr uint64_t BATCH = uint64_t(1) << 22;

struct GrindInput {
  uint32_t base[16];
};

__global__ void grind_kernel(const __grid_constant__ GrindInput input, uint32_t slot, uint32_t mask, uint32_t start,
                             uint32_t count, uint32_t* best, const __grid_constant__ dev::RawParams16 params) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= count) return;
  const uint32_t candidate = start + i;
  if (dev::grinding_witness_ok(input.base, slot, candidate, mask, params)) atomicMin(best, candidate);
}

}  // namespace

Fp grind(std::span<const Fp, 16> base, size_t slot, unsigned bits) {
  if (bits > field::TWO_ADICITY) throw std::invalid_argument("cuda::grind: at most 24 bits");
  if (slot >= dev::RATE) throw std::invalid_argument("cuda::grind: slot must be below the rate (8)");
  require_device();
  GrindInput input{};
  for (size_t i = 0; i < 16; ++i) input.base[i] = base[i].v;
  const uint32_t mask = (uint32_t(1) << bits) - 1;
  DeviceBuffer<uint32_t> best(1);
  uint32_t found = NOT_FOUND;
  best.upload(&found, 1);
  for (uint64_t start = 0; start < field::P; start += BATCH) {
    const uint32_t count = uint32_t(std::min<uint64_t>(BATCH, field::P - start));
    grind_kernel<<<blocks_for(count), THREADS_PER_BLOCK>>>(input, uint32_t(slot), mask, uint32_t(start), count,
                                                            best.get(), RAW_PARAMS_16);
    check_launch("cuda::grind");
    best.download(&found, 1);
    if (found != NOT_FOUND) return Fp::from_u32(found);
  }
  throw Error("cuda::grind: no witness");
}

}  // namespace oneproof::cuda
