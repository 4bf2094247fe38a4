// Dispatch of the element-wise kernels to the scalar, AVX2 or AVX-512 implementation.
#include "field/vector_ops.h"

#include <stdexcept>
#include <string>

#include "field/monty_lane.h"
#include "field/vector_kernels.h"

namespace oneproof::field {

#if defined(OP_HAVE_X86_KERNELS)
#define OP_DECLARE_ISA_KERNELS(ns)                                           \
  namespace ns {                                                             \
  void add_arrays(const Fp* a, const Fp* b, Fp* out, size_t n);              \
  void sub_arrays(const Fp* a, const Fp* b, Fp* out, size_t n);              \
  void mul_arrays(const Fp* a, const Fp* b, Fp* out, size_t n);              \
  void scale_array(const Fp* a, Fp s, Fp* out, size_t n);                    \
  }
OP_DECLARE_ISA_KERNELS(avx2)
OP_DECLARE_ISA_KERNELS(avx512)
#undef OP_DECLARE_ISA_KERNELS
#endif

namespace {
struct ScalarTag {};
using Scalar = MontyLane<ScalarTag>;

void require_supported(Isa isa) {
  if (!isa_supported(isa)) throw std::runtime_error(std::string("field: ISA not supported on this CPU: ") + isa_name(isa));
}
}  // namespace

#if defined(OP_HAVE_X86_KERNELS)
#define OP_DISPATCH(fn, ...)                                   \
  switch (isa) {                                               \
    case Isa::avx512: return avx512::fn(__VA_ARGS__);          \
    case Isa::avx2: return avx2::fn(__VA_ARGS__);              \
    case Isa::scalar: break;                                   \
  }
#else
#define OP_DISPATCH(fn, ...)
#endif

void add_arrays(Isa isa, const Fp* a, const Fp* b, Fp* out, size_t n) {
  require_supported(isa);
  OP_DISPATCH(add_arrays, a, b, out, n)
  kernels::add<Scalar, Scalar, Scalar, Scalar>(a, b, out, n);
}
void sub_arrays(Isa isa, const Fp* a, const Fp* b, Fp* out, size_t n) {
  require_supported(isa);
  OP_DISPATCH(sub_arrays, a, b, out, n)
  kernels::sub<Scalar, Scalar, Scalar, Scalar>(a, b, out, n);
}
void mul_arrays(Isa isa, const Fp* a, const Fp* b, Fp* out, size_t n) {
  require_supported(isa);
  OP_DISPATCH(mul_arrays, a, b, out, n)
  kernels::mul<Scalar, Scalar, Scalar, Scalar>(a, b, out, n);
}
void scale_array(Isa isa, const Fp* a, Fp s, Fp* out, size_t n) {
  require_supported(isa);
  OP_DISPATCH(scale_array, a, s, out, n)
  kernels::scale<Scalar, Scalar, Scalar, Scalar>(a, s, out, n);
}

}  // namespace oneproof::field
