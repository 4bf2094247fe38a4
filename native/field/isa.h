// Run-time selection of the SIMD instruction set used by the field, hash and NTT kernels.
//
// One binary runs on any x86-64: the AVX2 and AVX-512 kernels live in their own translation units
// compiled with -mavx2 / -mavx512f, and are only called after `isa_supported` says the CPU has them.
// OP_ISA=scalar|avx2|avx512 in the environment caps the choice (for tests and benchmarks).
#pragma once
#include <string_view>

namespace oneproof::field {

enum class Isa { scalar, avx2, avx512 };

// Whether this CPU (and this build: non-x86 builds only have scalar kernels) can run `isa`.
bool isa_supported(Isa isa);
// The fastest supported ISA, capped by OP_ISA when set. Computed once.
Isa active_isa();
// Lanes processed per vector: 1, 8 or 16.
unsigned isa_lanes(Isa isa);
const char* isa_name(Isa isa);
// Parses "scalar" / "avx2" / "avx512"; returns false for anything else.
bool parse_isa(std::string_view name, Isa& out);

}  // namespace oneproof::field
