// Device discovery and CUDA error reporting for the backend.
#include <cstdio>

#include "cuda/device_runtime.h"

namespace oneproof::cuda {

void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess) throw Error(std::string("cuda: ") + what + ": " + cudaGetErrorString(status));
}

void check_launch(const char* what) {
  check(cudaGetLastError(), what);
  check(cudaDeviceSynchronize(), what);
}

bool cuda_available() {
  int count = 0;
  return cudaGetDeviceCount(&count) == cudaSuccess && count > 0;
}

void require_device() {
  int count = 0;
  check(cudaGetDeviceCount(&count), "cudaGetDeviceCount");
  if (count == 0) throw Error("cuda: no CUDA device");
}

std::string device_description() {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) return std::string("no CUDA device: ") + cudaGetErrorString(status);
  if (count == 0) return "no CUDA device";
  int device = 0;
  cudaDeviceProp prop{};
  if (cudaGetDevice(&device) != cudaSuccess || cudaGetDeviceProperties(&prop, device) != cudaSuccess)
    return "CUDA device (properties unavailable)";
  char text[320];
  std::snprintf(text, sizeof text, "%s (sm_%d%d, %zu MiB)", prop.name, prop.major, prop.minor,
                size_t(prop.totalGlobalMem >> 20));
  return text;
}

}  // namespace oneproof::cuda
