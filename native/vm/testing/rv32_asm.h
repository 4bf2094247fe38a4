// A tiny RV32IM assembler for tests and benchmarks: encodes instructions into words so that tests
// need no cross toolchain. Only what the tests use; encodings follow the RISC-V unprivileged spec.
#pragma once
#include <cstdint>
#include <vector>

namespace oneproof::vm::testing {

namespace reg {
inline constexpr uint32_t zero = 0, ra = 1, sp = 2, t0 = 5, a0 = 10, a1 = 11, a2 = 12, a7 = 17;
}

inline uint32_t enc_r(uint32_t opcode, uint32_t f3, uint32_t f7, uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return opcode | rd << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | f7 << 25;
}
inline uint32_t enc_i(uint32_t opcode, uint32_t f3, uint32_t rd, uint32_t rs1, int32_t imm) {
  return opcode | rd << 7 | f3 << 12 | rs1 << 15 | (uint32_t(imm) & 0xfff) << 20;
}
inline uint32_t enc_s(uint32_t opcode, uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm) {
  const uint32_t u = uint32_t(imm);
  return opcode | (u & 0x1f) << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | ((u >> 5) & 0x7f) << 25;
}
inline uint32_t enc_b(uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm) {
  const uint32_t u = uint32_t(imm);
  return 0x63 | ((u >> 11) & 1) << 7 | ((u >> 1) & 0xf) << 8 | f3 << 12 | rs1 << 15 | rs2 << 20 |
         ((u >> 5) & 0x3f) << 25 | ((u >> 12) & 1) << 31;
}
inline uint32_t enc_u(uint32_t opcode, uint32_t rd, uint32_t imm20) { return opcode | rd << 7 | imm20 << 12; }
inline uint32_t enc_j(uint32_t rd, int32_t imm) {
  const uint32_t u = uint32_t(imm);
  return 0x6f | rd << 7 | (u & 0xff000) | ((u >> 11) & 1) << 20 | ((u >> 1) & 0x3ff) << 21 | ((u >> 20) & 1) << 31;
}

// Appends instructions; offsets for branches and jumps are in bytes relative to the instruction.
struct Assembler {
  std::vector<uint32_t> words;
  uint32_t emit(uint32_t w) { words.push_back(w); return uint32_t(words.size() - 1); }
  uint32_t here() const { return uint32_t(words.size()); }  // index of the next instruction

  // R-type: funct3/funct7 from the spec tables.
  void add(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 0, 0, rd, a, b)); }
  void sub(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 0, 0x20, rd, a, b)); }
  void sll(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 1, 0, rd, a, b)); }
  void slt(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 2, 0, rd, a, b)); }
  void sltu(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 3, 0, rd, a, b)); }
  void xor_(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 4, 0, rd, a, b)); }
  void srl(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 5, 0, rd, a, b)); }
  void sra(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 5, 0x20, rd, a, b)); }
  void or_(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 6, 0, rd, a, b)); }
  void and_(uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, 7, 0, rd, a, b)); }
  void muldiv(uint32_t f3, uint32_t rd, uint32_t a, uint32_t b) { emit(enc_r(0x33, f3, 1, rd, a, b)); }
  void mul(uint32_t rd, uint32_t a, uint32_t b) { muldiv(0, rd, a, b); }
  void mulh(uint32_t rd, uint32_t a, uint32_t b) { muldiv(1, rd, a, b); }
  void mulhsu(uint32_t rd, uint32_t a, uint32_t b) { muldiv(2, rd, a, b); }
  void mulhu(uint32_t rd, uint32_t a, uint32_t b) { muldiv(3, rd, a, b); }
  void div(uint32_t rd, uint32_t a, uint32_t b) { muldiv(4, rd, a, b); }
  void divu(uint32_t rd, uint32_t a, uint32_t b) { muldiv(5, rd, a, b); }
  void rem(uint32_t rd, uint32_t a, uint32_t b) { muldiv(6, rd, a, b); }
  void remu(uint32_t rd, uint32_t a, uint32_t b) { muldiv(7, rd, a, b); }
  // I-type arithmetic
  void addi(uint32_t rd, uint32_t a, int32_t imm) { emit(enc_i(0x13, 0, rd, a, imm)); }
  void slti(uint32_t rd, uint32_t a, int32_t imm) { emit(enc_i(0x13, 2, rd, a, imm)); }
  void sltiu(uint32_t rd, uint32_t a, int32_t imm) { emit(enc_i(0x13, 3, rd, a, imm)); }
  void xori(uint32_t rd, uint32_t a, int32_t imm) { emit(enc_i(0x13, 4, rd, a, imm)); }
  void ori(uint32_t rd, uint32_t a, int32_t imm) { emit(enc_i(0x13, 6, rd, a, imm)); }
  void andi(uint32_t rd, uint32_t a, int32_t imm) { emit(enc_i(0x13, 7, rd, a, imm)); }
  void slli(uint32_t rd, uint32_t a, uint32_t sh) { emit(enc_i(0x13, 1, rd, a, int32_t(sh & 31))); }
  void srli(uint32_t rd, uint32_t a, uint32_t sh) { emit(enc_i(0x13, 5, rd, a, int32_t(sh & 31))); }
  void srai(uint32_t rd, uint32_t a, uint32_t sh) { emit(enc_i(0x13, 5, rd, a, int32_t((sh & 31) | 0x400))); }
  // loads / stores: f3 0 b, 1 h, 2 w, 4 bu, 5 hu
  void load(uint32_t f3, uint32_t rd, uint32_t base, int32_t off) { emit(enc_i(0x03, f3, rd, base, off)); }
  void lb(uint32_t rd, uint32_t base, int32_t off) { load(0, rd, base, off); }
  void lh(uint32_t rd, uint32_t base, int32_t off) { load(1, rd, base, off); }
  void lw(uint32_t rd, uint32_t base, int32_t off) { load(2, rd, base, off); }
  void lbu(uint32_t rd, uint32_t base, int32_t off) { load(4, rd, base, off); }
  void lhu(uint32_t rd, uint32_t base, int32_t off) { load(5, rd, base, off); }
  void store(uint32_t f3, uint32_t src, uint32_t base, int32_t off) { emit(enc_s(0x23, f3, base, src, off)); }
  void sb(uint32_t src, uint32_t base, int32_t off) { store(0, src, base, off); }
  void sh(uint32_t src, uint32_t base, int32_t off) { store(1, src, base, off); }
  void sw(uint32_t src, uint32_t base, int32_t off) { store(2, src, base, off); }
  // control flow: f3 0 beq, 1 bne, 4 blt, 5 bge, 6 bltu, 7 bgeu
  void branch(uint32_t f3, uint32_t a, uint32_t b, int32_t off) { emit(enc_b(f3, a, b, off)); }
  void beq(uint32_t a, uint32_t b, int32_t off) { branch(0, a, b, off); }
  void bne(uint32_t a, uint32_t b, int32_t off) { branch(1, a, b, off); }
  void jal(uint32_t rd, int32_t off) { emit(enc_j(rd, off)); }
  void jalr(uint32_t rd, uint32_t base, int32_t off) { emit(enc_i(0x67, 0, rd, base, off)); }
  void lui(uint32_t rd, uint32_t imm20) { emit(enc_u(0x37, rd, imm20 & 0xfffff)); }
  void auipc(uint32_t rd, uint32_t imm20) { emit(enc_u(0x17, rd, imm20 & 0xfffff)); }
  void ecall() { emit(0x00000073u); }
  void ebreak() { emit(0x00100073u); }
  // rd = value, always two instructions (lui + addi) so code layout does not depend on the value.
  void li(uint32_t rd, uint32_t value) {
    const uint32_t lo = value & 0xfff, hi = (value >> 12) + (lo >= 0x800 ? 1 : 0);
    lui(rd, hi);
    addi(rd, rd, int32_t(lo << 20) >> 20);
  }
  // ecall with the number in t0 and, for qemu-user, the matching Linux number in a7.
  void syscall(uint32_t number, uint32_t linux_number = 0) {
    li(reg::t0, number);
    if (linux_number) li(reg::a7, linux_number);
    ecall();
  }
  void halt(uint32_t code_reg = reg::a0) {
    if (code_reg != reg::a0) addi(reg::a0, code_reg, 0);
    syscall(0, 93);
  }
};

}  // namespace oneproof::vm::testing
