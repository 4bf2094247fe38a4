#include "vm/isa.h"

#include <cstdio>

namespace oneproof::vm {

const std::array<OpTraits, size_t(Op::kCount)> kOpTraits = {{
    {"lui", Family::kLuiAuipc, Format::kU},   {"auipc", Family::kLuiAuipc, Format::kU},
    {"jal", Family::kJump, Format::kJ},       {"jalr", Family::kJump, Format::kI},
    {"beq", Family::kBranch, Format::kB},     {"bne", Family::kBranch, Format::kB},
    {"blt", Family::kBranch, Format::kB},     {"bge", Family::kBranch, Format::kB},
    {"bltu", Family::kBranch, Format::kB},    {"bgeu", Family::kBranch, Format::kB},
    {"lb", Family::kLoad, Format::kI},        {"lh", Family::kLoad, Format::kI},
    {"lw", Family::kLoad, Format::kI},        {"lbu", Family::kLoad, Format::kI},
    {"lhu", Family::kLoad, Format::kI},       {"sb", Family::kStore, Format::kS},
    {"sh", Family::kStore, Format::kS},       {"sw", Family::kStore, Format::kS},
    {"addi", Family::kAlu, Format::kI},       {"slti", Family::kCompare, Format::kI},
    {"sltiu", Family::kCompare, Format::kI},  {"xori", Family::kAlu, Format::kI},
    {"ori", Family::kAlu, Format::kI},        {"andi", Family::kAlu, Format::kI},
    {"slli", Family::kShift, Format::kI},     {"srli", Family::kShift, Format::kI},
    {"srai", Family::kShift, Format::kI},     {"add", Family::kAlu, Format::kR},
    {"sub", Family::kAlu, Format::kR},        {"sll", Family::kShift, Format::kR},
    {"slt", Family::kCompare, Format::kR},    {"sltu", Family::kCompare, Format::kR},
    {"xor", Family::kAlu, Format::kR},        {"srl", Family::kShift, Format::kR},
    {"sra", Family::kShift, Format::kR},      {"or", Family::kAlu, Format::kR},
    {"and", Family::kAlu, Format::kR},        {"mul", Family::kMul, Format::kR},
    {"mulh", Family::kMul, Format::kR},       {"mulhsu", Family::kMul, Format::kR},
    {"mulhu", Family::kMul, Format::kR},      {"div", Family::kDiv, Format::kR},
    {"divu", Family::kDiv, Format::kR},       {"rem", Family::kDiv, Format::kR},
    {"remu", Family::kDiv, Format::kR},       {"fence", Family::kSystem, Format::kNone},
    {"ecall", Family::kSystem, Format::kNone}, {"ebreak", Family::kSystem, Format::kNone},
    {"illegal", Family::kInvalid, Format::kNone},
}};

namespace {
int32_t imm_i(uint32_t w) { return int32_t(w) >> 20; }
int32_t imm_s(uint32_t w) { return (int32_t(w) >> 25 << 5) | int32_t((w >> 7) & 0x1f); }
int32_t imm_b(uint32_t w) {
  return (int32_t(w) >> 31 << 12) | int32_t(((w >> 7) & 1) << 11) | int32_t(((w >> 25) & 0x3f) << 5) |
         int32_t(((w >> 8) & 0xf) << 1);
}
int32_t imm_u(uint32_t w) { return int32_t(w & 0xfffff000u); }
int32_t imm_j(uint32_t w) {
  return (int32_t(w) >> 31 << 20) | int32_t(w & 0xff000u) | int32_t(((w >> 20) & 1) << 11) |
         int32_t(((w >> 21) & 0x3ff) << 1);
}

Decoded make(Op op, uint32_t w, int32_t imm) {
  return Decoded{op, uint8_t((w >> 7) & 31), uint8_t((w >> 15) & 31), uint8_t((w >> 20) & 31), imm};
}
}  // namespace

Decoded decode(uint32_t w) {
  const uint32_t opcode = w & 0x7f, f3 = (w >> 12) & 7, f7 = w >> 25;
  Decoded bad{};
  switch (opcode) {
    case 0x37: return make(Op::kLui, w, imm_u(w));
    case 0x17: return make(Op::kAuipc, w, imm_u(w));
    case 0x6f: return make(Op::kJal, w, imm_j(w));
    case 0x67: return f3 == 0 ? make(Op::kJalr, w, imm_i(w)) : bad;
    case 0x63: {
      static constexpr Op kBranches[8] = {Op::kBeq, Op::kBne, Op::kIllegal, Op::kIllegal,
                                          Op::kBlt, Op::kBge, Op::kBltu,    Op::kBgeu};
      return kBranches[f3] == Op::kIllegal ? bad : make(kBranches[f3], w, imm_b(w));
    }
    case 0x03: {
      static constexpr Op kLoads[8] = {Op::kLb, Op::kLh, Op::kLw, Op::kIllegal,
                                       Op::kLbu, Op::kLhu, Op::kIllegal, Op::kIllegal};
      return kLoads[f3] == Op::kIllegal ? bad : make(kLoads[f3], w, imm_i(w));
    }
    case 0x23: {
      static constexpr Op kStores[8] = {Op::kSb, Op::kSh, Op::kSw, Op::kIllegal,
                                        Op::kIllegal, Op::kIllegal, Op::kIllegal, Op::kIllegal};
      return kStores[f3] == Op::kIllegal ? bad : make(kStores[f3], w, imm_s(w));
    }
    case 0x13: {
      switch (f3) {
        case 0: return make(Op::kAddi, w, imm_i(w));
        case 2: return make(Op::kSlti, w, imm_i(w));
        case 3: return make(Op::kSltiu, w, imm_i(w));
        case 4: return make(Op::kXori, w, imm_i(w));
        case 6: return make(Op::kOri, w, imm_i(w));
        case 7: return make(Op::kAndi, w, imm_i(w));
        case 1: return f7 == 0 ? make(Op::kSlli, w, int32_t((w >> 20) & 31)) : bad;
        default:  // 5
          if (f7 == 0) return make(Op::kSrli, w, int32_t((w >> 20) & 31));
          if (f7 == 0x20) return make(Op::kSrai, w, int32_t((w >> 20) & 31));
          return bad;
      }
    }
    case 0x33: {
      if (f7 == 0) {
        static constexpr Op kBase[8] = {Op::kAdd, Op::kSll, Op::kSlt, Op::kSltu, Op::kXor, Op::kSrl, Op::kOr, Op::kAnd};
        return make(kBase[f3], w, 0);
      }
      if (f7 == 1) {
        static constexpr Op kMulDiv[8] = {Op::kMul, Op::kMulh, Op::kMulhsu, Op::kMulhu,
                                          Op::kDiv, Op::kDivu, Op::kRem,    Op::kRemu};
        return make(kMulDiv[f3], w, 0);
      }
      if (f7 == 0x20 && f3 == 0) return make(Op::kSub, w, 0);
      if (f7 == 0x20 && f3 == 5) return make(Op::kSra, w, 0);
      return bad;
    }
    case 0x0f:  // FENCE: a no-op for a single hart; FENCE.I and others are not part of rv32im
      return f3 == 0 ? Decoded{Op::kFence, 0, 0, 0, 0} : bad;
    case 0x73:
      if (w == 0x00000073u) return Decoded{Op::kEcall, 0, 0, 0, 0};
      if (w == 0x00100073u) return Decoded{Op::kEbreak, 0, 0, 0, 0};
      return bad;  // CSR instructions (Zicsr) are not part of rv32im
    default:
      return bad;
  }
}

std::string disassemble(uint32_t word) {
  const Decoded d = decode(word);
  const OpTraits& t = traits(d.op);
  char buf[96];
  switch (t.format) {
    case Format::kR: std::snprintf(buf, sizeof buf, "%s x%u, x%u, x%u", t.name, d.rd, d.rs1, d.rs2); break;
    case Format::kI:
      if (t.family == Family::kLoad || d.op == Op::kJalr)
        std::snprintf(buf, sizeof buf, "%s x%u, %d(x%u)", t.name, d.rd, d.imm, d.rs1);
      else
        std::snprintf(buf, sizeof buf, "%s x%u, x%u, %d", t.name, d.rd, d.rs1, d.imm);
      break;
    case Format::kS: std::snprintf(buf, sizeof buf, "%s x%u, %d(x%u)", t.name, d.rs2, d.imm, d.rs1); break;
    case Format::kB: std::snprintf(buf, sizeof buf, "%s x%u, x%u, %d", t.name, d.rs1, d.rs2, d.imm); break;
    case Format::kU: std::snprintf(buf, sizeof buf, "%s x%u, 0x%x", t.name, d.rd, uint32_t(d.imm) >> 12); break;
    case Format::kJ: std::snprintf(buf, sizeof buf, "%s x%u, %d", t.name, d.rd, d.imm); break;
    case Format::kNone: std::snprintf(buf, sizeof buf, "%s", t.name); break;
  }
  return buf;
}

}  // namespace oneproof::vm
