// avx2 NTT butterflies. Compiled with ISA flags (ntt/CMakeLists.txt); used only when
// field::isa_supported(Isa::avx2).
#include "field/packed_avx2.h"
#include "ntt/ntt_kernel.h"
#include "ntt/ntt_kernel_set.h"

namespace oneproof::ntt::avx2 {

using field::Fp;
using field::avx2::HalfFp;
using field::avx2::Lane;
using field::avx2::PackedFp;
using field::avx2::QuarterFp;

extern const KernelSet kernel_set = make_kernel_set<PackedFp, HalfFp, QuarterFp, Lane>();

}  // namespace oneproof::ntt::avx2
