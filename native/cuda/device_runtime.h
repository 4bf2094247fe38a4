// Host-side CUDA plumbing shared by the backend's translation units: error checks that throw
// cuda::Error, an owning device buffer, and the launch shape of one-thread-per-item kernels.
#pragma once
#include <cuda_runtime.h>

#include <cstddef>
#include <string>
#include "cuda/backend.h"

namespace oneproof::cuda {

// Throws cuda::Error("<what>: <CUDA message>") when status is not cudaSuccess.
void check(cudaError_t status, const char* what);
// After a launch: catches bad launch configurations and, after synchronising, faults in the kernel.
void check_launch(const char* what);

inline constexpr unsigned THREADS_PER_BLOCK = 256;
inline unsigned blocks_for(size_t items) { return unsigned((items + THREADS_PER_BLOCK - 1) / THREADS_PER_BLOCK); }

// A device allocation of `count` T, freed on destruction; copies to and from host memory.
template <class T>
class DeviceBuffer {
 public:
  explicit DeviceBuffer(size_t count) : count_(count) {
    if (count_ > 0) check(cudaMalloc(reinterpret_cast<void**>(&ptr_), count_ * sizeof(T)), "cudaMalloc");
  }
  DeviceBuffer(const T* host, size_t count) : DeviceBuffer(count) { upload(host, count); }
  ~DeviceBuffer() { if (ptr_) cudaFree(ptr_); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  T* get() const { return ptr_; }
  size_t size() const { return count_; }
  void upload(const T* host, size_t count) {
    if (count > 0) check(cudaMemcpy(ptr_, host, count * sizeof(T), cudaMemcpyHostToDevice), "cudaMemcpy to device");
  }
  void download(T* host, size_t count) const {
    if (count > 0) check(cudaMemcpy(host, ptr_, count * sizeof(T), cudaMemcpyDeviceToHost), "cudaMemcpy to host");
  }

 private:
  T* ptr_ = nullptr;
  size_t count_ = 0;
};

// Throws cuda::Error naming the reason when no device can be used.
void require_device();

}  // namespace oneproof::cuda
