// Internal to native/hash: entry points of the per-ISA batch kernels (poseidon2_avx2.cc,
// poseidon2_avx512.cc) and the strided permutation the sponge helpers build on.
#pragma once
#include <cstddef>
#include "field/isa.h"
#include "field/koalabear.h"

namespace oneproof::hash {

using field::Fp;
using field::Isa;

// Throws std::runtime_error when the CPU lacks `isa`.
void require_isa(Isa isa);

// For j < count: permute the 16 elements at in + j * in_stride and write the first out_elems
// results to out + j * out_stride (in == out with equal strides allowed). Single-threaded.
void permute16_strided(Isa isa, const Fp* in, size_t in_stride, Fp* out, size_t out_stride, size_t out_elems,
                       size_t count);

#if defined(OP_HAVE_X86_KERNELS)
#define OP_DECLARE_POSEIDON2_KERNELS(ns)                                                                        \
  namespace ns {                                                                                               \
  void permute16_groups(const Fp* in, size_t in_stride, Fp* out, size_t out_stride, size_t out_elems, size_t groups); \
  void permute24_groups(Fp* states, size_t groups);                                                            \
  void hash_rows_groups(const Fp* rows, size_t width, size_t groups, Fp* out);                                 \
  }
OP_DECLARE_POSEIDON2_KERNELS(avx2)
OP_DECLARE_POSEIDON2_KERNELS(avx512)
#undef OP_DECLARE_POSEIDON2_KERNELS
#endif

}  // namespace oneproof::hash
