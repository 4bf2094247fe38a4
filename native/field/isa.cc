#include "field/isa.h"

#include <cstdlib>

namespace oneproof::field {

bool isa_supported(Isa isa) {
  switch (isa) {
    case Isa::scalar: return true;
#if defined(__x86_64__) && defined(OP_HAVE_X86_KERNELS)
    case Isa::avx2: return __builtin_cpu_supports("avx2");
    case Isa::avx512: return __builtin_cpu_supports("avx512f");
#else
    case Isa::avx2: return false;
    case Isa::avx512: return false;
#endif
  }
  return false;
}

static Isa detect_active_isa() {
  Isa cap = Isa::avx512;
  if (const char* env = std::getenv("OP_ISA")) parse_isa(env, cap);
  for (Isa isa : {Isa::avx512, Isa::avx2}) {
    if (int(isa) <= int(cap) && isa_supported(isa)) return isa;
  }
  return Isa::scalar;
}

Isa active_isa() {
  static const Isa isa = detect_active_isa();
  return isa;
}

unsigned isa_lanes(Isa isa) {
  switch (isa) {
    case Isa::scalar: return 1;
    case Isa::avx2: return 8;
    case Isa::avx512: return 16;
  }
  return 1;
}

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::scalar: return "scalar";
    case Isa::avx2: return "avx2";
    case Isa::avx512: return "avx512";
  }
  return "unknown";
}

bool parse_isa(std::string_view name, Isa& out) {
  for (Isa isa : {Isa::scalar, Isa::avx2, Isa::avx512}) {
    if (name == isa_name(isa)) { out = isa; return true; }
  }
  return false;
}

}  // namespace oneproof::field
