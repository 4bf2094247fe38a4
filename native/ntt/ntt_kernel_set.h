// Internal to native/ntt: the NTT kernels of one ISA as a table of function pointers, so ntt.cc
// dispatches once per call instead of per butterfly. make_kernel_set<P, H, Q, L>() is instantiated in
// the ISA's own translation unit (ntt_kernels_*.cc, or ntt.cc for scalar).
#pragma once
#include <cstddef>
#include "field/koalabear.h"
#include "ntt/ntt_kernel.h"

namespace oneproof::ntt {

using field::Fp;

struct KernelSet {
  // DIT: `log_r` (1..3) stages starting at half `half`, groups [lo, hi) of height >> log_r.
  void (*dit_fused)(unsigned log_r, Fp* data, size_t width, size_t half, const Fp* tw, size_t lo, size_t hi);
  // DIT stages first_stage .. log_rows - 1 of one block of 2^log_rows rows.
  void (*dit_block)(Fp* rows, size_t width, unsigned first_stage, unsigned log_rows, const Fp* tw);
  // DIF (inverse, unscaled): `log_r` stages whose smallest half is low_half, groups [lo, hi).
  void (*dif_fused)(unsigned log_r, Fp* data, size_t width, size_t low_half, const Fp* tw, size_t lo, size_t hi);
  // All DIF stages of one block of 2^log_rows rows.
  void (*dif_block)(Fp* rows, size_t width, unsigned log_rows, const Fp* tw);
};

template <class P, class H, class Q, class L>
constexpr KernelSet make_kernel_set() {
  return KernelSet{
      [](unsigned log_r, Fp* data, size_t width, size_t half, const Fp* tw, size_t lo, size_t hi) {
        if (log_r == 3) kernels::stages_fused<P, H, Q, L, 3>(data, width, half, tw, lo, hi);
        else if (log_r == 2) kernels::stages_fused<P, H, Q, L, 2>(data, width, half, tw, lo, hi);
        else kernels::stage<P, H, Q, L>(data, width, half, tw, lo, hi);
      },
      [](Fp* rows, size_t width, unsigned first_stage, unsigned log_rows, const Fp* tw) {
        kernels::block<P, H, Q, L>(rows, width, first_stage, log_rows, tw);
      },
      [](unsigned log_r, Fp* data, size_t width, size_t low_half, const Fp* tw, size_t lo, size_t hi) {
        if (log_r == 3) kernels::dif_fused<P, H, Q, L, 3>(data, width, low_half, tw, lo, hi);
        else if (log_r == 2) kernels::dif_fused<P, H, Q, L, 2>(data, width, low_half, tw, lo, hi);
        else kernels::dif_fused<P, H, Q, L, 1>(data, width, low_half, tw, lo, hi);
      },
      [](Fp* rows, size_t width, unsigned log_rows, const Fp* tw) { kernels::dif_block<P, H, Q, L>(rows, width, log_rows, tw); },
  };
}

}  // namespace oneproof::ntt
