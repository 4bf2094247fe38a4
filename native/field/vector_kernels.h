// Element-wise kernels, generic over an ISA's vector types: P (widest), H and Q (narrower, for
// what is left) and the one-lane L. Instantiated once per ISA in vector_ops*.cc; see monty_lane.h.
#pragma once
#include <cstddef>
#include "field/column_chunks.h"
#include "field/koalabear.h"

namespace oneproof::field::kernels {

template <class P, class H, class Q, class L, class Op>
inline void binary(const Fp* a, const Fp* b, Fp* out, size_t n, Op op) {
  for_column_chunks<P, H, Q, L>(n, [&]<class V>(size_t i) { op(V::load(a + i), V::load(b + i)).store(out + i); });
}

template <class P, class H, class Q, class L>
inline void add(const Fp* a, const Fp* b, Fp* out, size_t n) { binary<P, H, Q, L>(a, b, out, n, [](auto x, auto y) { return x + y; }); }
template <class P, class H, class Q, class L>
inline void sub(const Fp* a, const Fp* b, Fp* out, size_t n) { binary<P, H, Q, L>(a, b, out, n, [](auto x, auto y) { return x - y; }); }
template <class P, class H, class Q, class L>
inline void mul(const Fp* a, const Fp* b, Fp* out, size_t n) { binary<P, H, Q, L>(a, b, out, n, [](auto x, auto y) { return x * y; }); }

template <class P, class H, class Q, class L>
inline void scale(const Fp* a, Fp s, Fp* out, size_t n) {
  for_column_chunks<P, H, Q, L>(n, [&]<class V>(size_t i) { (V::load(a + i) * V::broadcast(s)).store(out + i); });
}

}  // namespace oneproof::field::kernels
