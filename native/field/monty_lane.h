// One-lane Montgomery arithmetic on raw uint32 values, for use inside SIMD kernel templates.
//
// Why not `Fp`: kernels for AVX2 / AVX-512 are compiled in their own translation units with
// -mavx2 / -mavx512f. If such a unit emitted an out-of-line copy of an inline function shared with
// the rest of the program (Fp::operator*, say), the linker could keep that copy for everyone and
// run AVX-512 code on a CPU without it. `MontyLane<Tag>` is a distinct type per ISA tag, so every
// function a kernel instantiates has an ISA-specific symbol. Values are the Montgomery form of Fp.
#pragma once
#include <cstdint>
#include "field/koalabear.h"

namespace oneproof::field {

template <class IsaTag>
struct MontyLane {
  static constexpr unsigned LANES = 1;
  uint32_t v;

  static MontyLane load(const Fp* p) { return {p->v}; }
  void store(Fp* p) const { p->v = v; }
  static MontyLane broadcast(Fp x) { return {x.v}; }

  friend MontyLane operator+(MontyLane a, MontyLane b) {
    uint32_t s = a.v + b.v;
    return {s >= P ? s - P : s};
  }
  friend MontyLane operator-(MontyLane a, MontyLane b) {
    uint32_t d = a.v - b.v;
    return {a.v < b.v ? d + P : d};
  }
  // x * 2^-k for 1 <= k <= 24 by shifts (see packed_avx512.h for the identity).
  template <unsigned K>
  MontyLane div_2exp() const {
    static_assert(K >= 1 && K <= 24);
    uint32_t hi = v >> K, lo = v & ((1u << K) - 1);
    uint32_t t = (lo << (31 - K)) - (lo << (24 - K));
    return {hi >= t ? hi - t : hi - t + P};
  }
  friend MontyLane operator*(MontyLane a, MontyLane b) {
    uint64_t x = uint64_t(a.v) * b.v;
    uint32_t t = uint32_t(x) * detail::MU;
    uint64_t u = uint64_t(t) * P;
    uint32_t hi = uint32_t((x - u) >> 32);
    return {x < u ? hi + P : hi};
  }
};

}  // namespace oneproof::field
