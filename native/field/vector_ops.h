// Element-wise arithmetic over arrays of Fp, using the packed (SIMD) field types when available.
// The results are bit-for-bit those of the scalar `Fp` operators (tests compare them); `isa`
// selects the kernel explicitly, the overloads without it use `active_isa()`.
#pragma once
#include <cstddef>
#include "field/isa.h"
#include "field/koalabear.h"

namespace oneproof::field {

void add_arrays(Isa isa, const Fp* a, const Fp* b, Fp* out, size_t n);
void sub_arrays(Isa isa, const Fp* a, const Fp* b, Fp* out, size_t n);
void mul_arrays(Isa isa, const Fp* a, const Fp* b, Fp* out, size_t n);
// out[i] = a[i] * s
void scale_array(Isa isa, const Fp* a, Fp s, Fp* out, size_t n);

inline void add_arrays(const Fp* a, const Fp* b, Fp* out, size_t n) { add_arrays(active_isa(), a, b, out, n); }
inline void sub_arrays(const Fp* a, const Fp* b, Fp* out, size_t n) { sub_arrays(active_isa(), a, b, out, n); }
inline void mul_arrays(const Fp* a, const Fp* b, Fp* out, size_t n) { mul_arrays(active_isa(), a, b, out, n); }
inline void scale_array(const Fp* a, Fp s, Fp* out, size_t n) { scale_array(active_isa(), a, s, out, n); }

}  // namespace oneproof::field
