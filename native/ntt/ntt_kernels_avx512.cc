// avx512 NTT butterflies. Compiled with ISA flags (ntt/CMakeLists.txt); used only when
// field::isa_supported(Isa::avx512).
#include "field/packed_avx512.h"
#include "ntt/ntt_kernel.h"
#include "ntt/ntt_kernel_set.h"

namespace oneproof::ntt::avx512 {

using field::Fp;
using field::avx512::HalfFp;
using field::avx512::Lane;
using field::avx512::PackedFp;
using field::avx512::QuarterFp;

extern const KernelSet kernel_set = make_kernel_set<PackedFp, HalfFp, QuarterFp, Lane>();

}  // namespace oneproof::ntt::avx512
