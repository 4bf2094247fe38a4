// RV32IM instruction set: the opcode enum the emulator and the chips share, a traits table (name,
// family, format) in the evmone spirit, and the decoder from a 32-bit instruction word.
#pragma once
#include <array>
#include <cstdint>
#include <string>

namespace oneproof::vm {

// Every RV32IM user-level instruction, plus kIllegal for any word that is not one. The order is stable: chips index by it.
enum class Op : uint8_t {
  kLui, kAuipc, kJal, kJalr,
  kBeq, kBne, kBlt, kBge, kBltu, kBgeu,
  kLb, kLh, kLw, kLbu, kLhu,
  kSb, kSh, kSw,
  kAddi, kSlti, kSltiu, kXori, kOri, kAndi, kSlli, kSrli, kSrai,
  kAdd, kSub, kSll, kSlt, kSltu, kXor, kSrl, kSra, kOr, kAnd,
  kMul, kMulh, kMulhsu, kMulhu, kDiv, kDivu, kRem, kRemu,
  kFence, kEcall, kEbreak,
  kIllegal,
  kCount
};

// The chip family an instruction is proven by (DESIGN.md §4: one chip per family).
enum class Family : uint8_t { kLuiAuipc, kJump, kBranch, kLoad, kStore, kAlu, kShift, kCompare, kMul, kDiv, kSystem, kInvalid };
enum class Format : uint8_t { kR, kI, kS, kB, kU, kJ, kNone };

struct OpTraits {
  const char* name;
  Family family;
  Format format;
};

extern const std::array<OpTraits, size_t(Op::kCount)> kOpTraits;
inline const OpTraits& traits(Op op) { return kOpTraits[size_t(op)]; }

// A predecoded instruction: register indices and the sign-extended immediate, ready to execute.
struct Decoded {
  Op op = Op::kIllegal;
  uint8_t rd = 0, rs1 = 0, rs2 = 0;
  int32_t imm = 0;
};

Decoded decode(uint32_t word);

// "addi x1, x2, -5" style text, for error messages and debugging.
std::string disassemble(uint32_t word);

}  // namespace oneproof::vm
