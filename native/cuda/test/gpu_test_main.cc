// Main of the GPU test binaries: the cases of common/test.h, run only when a CUDA device exists.
// Without one it prints why and exits 77, which ctest reports as skipped (SKIP_RETURN_CODE).
#include <cstdio>

#include "cuda/backend.h"

// test.h defines `main` under OP_TEST_MAIN; renamed here so the device check runs first.
#define OP_TEST_MAIN
#define main op_run_test_cases
#include "common/test.h"
#undef main

int main(int argc, char** argv) {
  if (!oneproof::cuda::cuda_available()) {
    std::printf("SKIP: %s\n", oneproof::cuda::device_description().c_str());
    return 77;
  }
  std::printf("device: %s\n", oneproof::cuda::device_description().c_str());
  return op_run_test_cases(argc, argv);
}
