// avx2 Poseidon2 batch kernels (one state per lane). Compiled with ISA flags (hash/CMakeLists.txt);
// called only when field::isa_supported(Isa::avx2).
#include "field/packed_avx2.h"
#include "hash/poseidon2_kernel.h"

namespace oneproof::hash::avx2 {

using field::Fp;
using field::avx2::PackedFp;

void permute16_groups(const Fp* in, size_t in_stride, Fp* out, size_t out_stride, size_t out_elems, size_t groups) {
  kernels::permute_strided<PackedFp, 16, 20>(in, in_stride, out, out_stride, out_elems, groups, POSEIDON2_PARAMS_16);
}
void permute24_groups(Fp* states, size_t groups) {
  kernels::permute_strided<PackedFp, 24, 23>(states, 24, states, 24, 24, groups, POSEIDON2_PARAMS_24);
}
void hash_rows_groups(const Fp* rows, size_t width, size_t groups, Fp* out) {
  kernels::hash_rows<PackedFp>(rows, width, groups, out, POSEIDON2_PARAMS_16);
}

}  // namespace oneproof::hash::avx2
