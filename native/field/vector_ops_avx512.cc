// avx512 element-wise kernels. Compiled with -mavx512f (native/field/CMakeLists.txt); called only
// when isa_supported(Isa::avx512).
#include "field/packed_avx512.h"
#include "field/vector_kernels.h"

namespace oneproof::field::avx512 {

void add_arrays(const Fp* a, const Fp* b, Fp* out, size_t n) { kernels::add<PackedFp, HalfFp, QuarterFp, Lane>(a, b, out, n); }
void sub_arrays(const Fp* a, const Fp* b, Fp* out, size_t n) { kernels::sub<PackedFp, HalfFp, QuarterFp, Lane>(a, b, out, n); }
void mul_arrays(const Fp* a, const Fp* b, Fp* out, size_t n) { kernels::mul<PackedFp, HalfFp, QuarterFp, Lane>(a, b, out, n); }
void scale_array(const Fp* a, Fp s, Fp* out, size_t n) { kernels::scale<PackedFp, HalfFp, QuarterFp, Lane>(a, s, out, n); }

}  // namespace oneproof::field::avx512
