// Per-instruction conformance of the emulator, edge cases first (DESIGN.md §4 pitfalls), the
// syscall ABI and the precise errors for every way a guest can go wrong.
#include <functional>
#include <string>

#include "common/test.h"
#include "oneproof/syscalls.h"
#include "vm/elf.h"
#include "vm/isa.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof::vm;
using namespace oneproof::vm::testing;

namespace {
constexpr uint32_t kIntMin = 0x80000000u;

// Assembles body, then HALT(0), and returns the registers at HALT.
std::array<uint32_t, 32> run_regs(const std::function<void(Assembler&)>& body) {
  Assembler a;
  body(a);
  a.li(reg::a0, 0);
  a.halt();
  return execute(load_elf(simple_elf(a.words)), {}).registers;
}

// rd (x3) = op(x1 = lhs, x2 = rhs)
uint32_t binop(void (Assembler::*op)(uint32_t, uint32_t, uint32_t), uint32_t lhs, uint32_t rhs) {
  return run_regs([&](Assembler& a) {
    a.li(1, lhs);
    a.li(2, rhs);
    (a.*op)(3, 1, 2);
  })[3];
}

// The ExecutionError a program stops with ("" if it halts).
std::string run_error(const std::vector<uint8_t>& elf, std::span<const uint8_t> input = {}, uint64_t max_cycles = 1 << 20) {
  RunOptions opts;
  opts.max_cycles = max_cycles;
  try {
    execute(load_elf(elf), input, opts);
    return "";
  } catch (const ExecutionError& e) {
    return e.what();
  }
}
std::string run_error(const std::function<void(Assembler&)>& body) {
  Assembler a;
  body(a);
  a.li(reg::a0, 0);
  a.halt();
  return run_error(simple_elf(a.words));
}
bool mentions(const std::string& s, const char* needle) { return s.find(needle) != std::string::npos; }
}  // namespace

OP_TEST(decoder_round_trips_and_rejects) {
  CHECK(decode(0x00000073u).op == Op::kEcall);
  CHECK(decode(0xffffffffu).op == Op::kIllegal);
  CHECK(decode(0x34011173u).op == Op::kIllegal);  // csrrw: Zicsr is not rv32im
  CHECK(decode(0x00001013u | (1u << 25)).op == Op::kIllegal);  // slli with imm[5] set (rv64 shamt)
  CHECK(decode(0x4000d013u | (1u << 25)).op == Op::kIllegal);  // srai with an unknown funct7
  CHECK(decode(0x00000000u).op == Op::kIllegal);
  CHECK_EQ(disassemble(enc_i(0x13, 0, 1, 2, -5)), std::string("addi x1, x2, -5"));
  for (size_t i = 0; i < size_t(Op::kCount); ++i) CHECK(kOpTraits[i].name != nullptr);
}

OP_TEST(add_sub_logic_wrap) {
  CHECK_EQ(binop(&Assembler::add, 0xffffffffu, 2), 1u);
  CHECK_EQ(binop(&Assembler::sub, 0, 1), 0xffffffffu);
  CHECK_EQ(binop(&Assembler::xor_, 0xf0f0f0f0u, 0xff00ff00u), 0x0ff00ff0u);
  CHECK_EQ(binop(&Assembler::or_, 0xf0f0f0f0u, 0x0000ffffu), 0xf0f0ffffu);
  CHECK_EQ(binop(&Assembler::and_, 0xf0f0f0f0u, 0x0000ffffu), 0x0000f0f0u);
  auto r = run_regs([](Assembler& a) {
    a.li(1, 100);
    a.addi(3, 1, -101);
    a.xori(4, 1, -1);   // sign-extended immediate: bitwise not
    a.andi(15, 1, -4);
    a.ori(6, 0, -2048);
  });
  CHECK_EQ(r[3], 0xffffffffu);
  CHECK_EQ(r[4], ~100u);
  CHECK_EQ(r[15], 100u);
  CHECK_EQ(r[6], 0xfffff800u);
}

OP_TEST(shifts_use_low_five_bits) {
  CHECK_EQ(binop(&Assembler::sll, 1, 33), 2u);
  CHECK_EQ(binop(&Assembler::sll, 1, 32), 1u);
  CHECK_EQ(binop(&Assembler::srl, 0x80000000u, 63), 1u);
  CHECK_EQ(binop(&Assembler::sra, 0x80000000u, 31), 0xffffffffu);
  CHECK_EQ(binop(&Assembler::sra, 0x80000000u, 32 + 4), 0xf8000000u);
  CHECK_EQ(binop(&Assembler::srl, 0x80000000u, 0xffffffe4u), 0x08000000u);  // shift by 4
  auto r = run_regs([](Assembler& a) {
    a.li(1, 0x80000001u);
    a.slli(3, 1, 31);
    a.srli(4, 1, 31);
    a.srai(15, 1, 1);
    a.srai(6, 1, 0);
  });
  CHECK_EQ(r[3], 0x80000000u);
  CHECK_EQ(r[4], 1u);
  CHECK_EQ(r[15], 0xc0000000u);
  CHECK_EQ(r[6], 0x80000001u);
}

OP_TEST(compares_signed_and_unsigned) {
  CHECK_EQ(binop(&Assembler::slt, 0xffffffffu, 0), 1u);
  CHECK_EQ(binop(&Assembler::sltu, 0xffffffffu, 0), 0u);
  CHECK_EQ(binop(&Assembler::slt, 5, 5), 0u);
  auto r = run_regs([](Assembler& a) {
    a.li(1, 5);
    a.slti(3, 1, -1);
    a.sltiu(4, 1, -1);  // the immediate is sign-extended, then compared unsigned: 5 < 0xffffffff
    a.sltiu(15, 0, 1);  // seqz
  });
  CHECK_EQ(r[3], 0u);
  CHECK_EQ(r[4], 1u);
  CHECK_EQ(r[15], 1u);
}

OP_TEST(mul_high_halves_signs) {
  CHECK_EQ(binop(&Assembler::mul, 0xffffffffu, 0xffffffffu), 1u);
  CHECK_EQ(binop(&Assembler::mulh, 0xffffffffu, 0xffffffffu), 0u);
  CHECK_EQ(binop(&Assembler::mulhu, 0xffffffffu, 0xffffffffu), 0xfffffffeu);
  CHECK_EQ(binop(&Assembler::mulhsu, 0xffffffffu, 0xffffffffu), 0xffffffffu);  // -1 * (2^32 - 1)
  CHECK_EQ(binop(&Assembler::mulh, kIntMin, kIntMin), 0x40000000u);
  CHECK_EQ(binop(&Assembler::mulhsu, kIntMin, 0xffffffffu), 0x80000000u);
  CHECK_EQ(binop(&Assembler::mulhsu, 2, 0x80000000u), 1u);  // rs2 unsigned: 2 * 2^31
  CHECK_EQ(binop(&Assembler::mulh, 2, 0x80000000u), 0xffffffffu);  // rs2 signed: 2 * -2^31
}

OP_TEST(div_rem_by_zero_and_overflow) {
  CHECK_EQ(binop(&Assembler::div, 7, 0), 0xffffffffu);
  CHECK_EQ(binop(&Assembler::divu, 7, 0), 0xffffffffu);
  CHECK_EQ(binop(&Assembler::rem, 7, 0), 7u);
  CHECK_EQ(binop(&Assembler::remu, 7, 0), 7u);
  CHECK_EQ(binop(&Assembler::div, kIntMin, 0xffffffffu), kIntMin);
  CHECK_EQ(binop(&Assembler::rem, kIntMin, 0xffffffffu), 0u);
  CHECK_EQ(binop(&Assembler::div, uint32_t(-7), 2), uint32_t(-3));  // truncates toward zero
  CHECK_EQ(binop(&Assembler::rem, uint32_t(-7), 2), uint32_t(-1));  // sign of the dividend
  CHECK_EQ(binop(&Assembler::divu, uint32_t(-7), 2), 0x7ffffffcu);
  CHECK_EQ(binop(&Assembler::remu, uint32_t(-7), 2), 1u);
}

OP_TEST(x0_writes_are_ignored_and_rs1_eq_rs2) {
  auto r = run_regs([](Assembler& a) {
    a.addi(0, 0, 5);
    a.lui(0, 0x12345);
    a.add(3, 0, 0);
    a.li(2, 21);
    a.add(4, 2, 2);
    a.sub(15, 2, 2);
    a.mul(6, 2, 2);
    a.add(2, 2, 2);  // rd == rs1 == rs2
  });
  CHECK_EQ(r[0], 0u);
  CHECK_EQ(r[3], 0u);
  CHECK_EQ(r[4], 42u);
  CHECK_EQ(r[15], 0u);
  CHECK_EQ(r[6], 441u);
  CHECK_EQ(r[2], 42u);
}

OP_TEST(loads_extend_and_stores_write_parts) {
  auto r = run_regs([](Assembler& a) {
    a.li(1, kDataBase);
    a.li(2, 0x80ff7f81u);
    a.sw(2, 1, 0);
    a.lb(3, 1, 0);   // 0x81 -> sign-extended
    a.lbu(4, 1, 0);
    a.lh(15, 1, 2);  // 0x80ff
    a.lhu(6, 1, 2);
    a.lw(7, 1, 0);
    a.li(8, 0x1234abcdu);
    a.sb(8, 1, 5);
    a.sh(8, 1, 6);
    a.lw(9, 1, 4);
    a.lb(14, 1, 1);  // 0x7f stays positive
  });
  CHECK_EQ(r[3], 0xffffff81u);
  CHECK_EQ(r[4], 0x81u);
  CHECK_EQ(r[15], 0xffff80ffu);
  CHECK_EQ(r[6], 0x80ffu);
  CHECK_EQ(r[7], 0x80ff7f81u);
  CHECK_EQ(r[9], 0xabcdcd00u);
  CHECK_EQ(r[14], 0x7fu);
}

OP_TEST(branches_signed_unsigned) {
  // Each taken branch skips an `addi x3, x3, 1`; x3 counts the branches that fell through.
  auto r = run_regs([](Assembler& a) {
    a.li(1, 0xffffffffu);
    a.li(2, 1);
    a.branch(4, 1, 2, 8); a.addi(3, 3, 1);   // blt -1 < 1: taken
    a.branch(6, 1, 2, 8); a.addi(3, 3, 1);   // bltu 0xffffffff < 1: not taken (+1)
    a.branch(5, 2, 1, 8); a.addi(3, 3, 1);   // bge 1 >= -1: taken
    a.branch(7, 2, 1, 8); a.addi(3, 3, 1);   // bgeu 1 >= 0xffffffff: not taken (+1)
    a.beq(1, 1, 8); a.addi(3, 3, 1);         // taken (rs1 == rs2)
    a.bne(1, 1, 8); a.addi(3, 3, 1);         // not taken (+1)
    a.bne(1, 2, 8); a.addi(3, 3, 1);         // taken
  });
  CHECK_EQ(r[3], 3u);
}

OP_TEST(jal_jalr_links_and_clears_bit0) {
  auto r = run_regs([](Assembler& a) {
    a.auipc(1, 0);          // x1 = P
    a.jalr(2, 1, 13);       // target (P + 13) & ~1 = P + 12: skips the next instruction
    a.addi(3, 0, 1);        // skipped
    a.jal(4, 8);            // P + 12: jumps over one instruction
    a.addi(15, 0, 1);       // skipped
    a.auipc(6, 0);          // P + 20
    a.jalr(6, 6, 12);       // rd == rs1: target uses the old x6 (P + 32), x6 = P + 28
    a.addi(7, 0, 1);        // skipped
  });
  CHECK_EQ(r[1], kTextBase);
  CHECK_EQ(r[2], kTextBase + 8);
  CHECK_EQ(r[3], 0u);
  CHECK_EQ(r[4], kTextBase + 16);
  CHECK_EQ(r[15], 0u);
  CHECK_EQ(r[6], kTextBase + 28);
  CHECK_EQ(r[7], 0u);
}

OP_TEST(auipc_and_jal_wrap_around) {
  // Code in the top page: auipc wraps past 2^32, and jal wraps to the low text segment.
  Assembler high;
  high.auipc(1, 0x1);      // 0xfffff000 + 0x1000 = 0 (mod 2^32)
  high.jal(2, 0x11000 - 4);  // from 0xfffff004 to 0x10000
  Assembler low;
  low.addi(3, 1, 0);
  low.li(reg::a0, 0);
  low.halt();
  const auto elf = write_elf(0xfffff000u, {{kTextBase, code_bytes(low.words), uint32_t(low.words.size() * 4), kPfR | kPfX},
                                           {0xfffff000u, code_bytes(high.words), 0x1000, kPfR | kPfX}});
  const auto r = execute(load_elf(elf), {}).registers;
  CHECK_EQ(r[1], 0u);
  CHECK_EQ(r[2], 0xfffff008u);
  CHECK_EQ(r[3], 0u);
}

OP_TEST(errors_are_precise) {
  // Misaligned accesses: the error names the pc and the instruction word.
  Assembler a;
  a.li(1, kDataBase + 2);
  a.lw(2, 1, 0);
  a.halt();
  try {
    execute(load_elf(simple_elf(a.words)), {});
    CHECK(false);
  } catch (const ExecutionError& e) {
    CHECK_EQ(e.pc, kTextBase + 8);
    CHECK_EQ(e.insn, a.words[2]);
    CHECK_EQ(e.cycle, 2u);
    CHECK(mentions(e.reason, "misaligned 4-byte load at 0x00020002"));
    CHECK(mentions(e.what(), "pc=0x00010008"));
  }
  CHECK(mentions(run_error([](Assembler& a) { a.li(1, kDataBase + 1); a.lh(2, 1, 0); }), "misaligned 2-byte load"));
  CHECK(mentions(run_error([](Assembler& a) { a.li(1, kDataBase + 1); a.lhu(2, 1, 0); }), "misaligned 2-byte load"));
  CHECK(mentions(run_error([](Assembler& a) { a.li(1, kDataBase + 2); a.sw(2, 1, 0); }), "misaligned 4-byte store"));
  CHECK(mentions(run_error([](Assembler& a) { a.li(1, kDataBase + 3); a.sh(2, 1, 0); }), "misaligned 2-byte store"));
  CHECK_EQ(run_error([](Assembler& a) { a.li(1, kDataBase + 3); a.sb(2, 1, 0); a.lbu(2, 1, 0); }), "");
  CHECK(mentions(run_error([](Assembler& a) { a.jal(0, 6); }), "misaligned jump target"));
  CHECK(mentions(run_error([](Assembler& a) { a.li(1, kTextBase + 2); a.jalr(0, 1, 0); }), "misaligned jump target"));
  CHECK(mentions(run_error([](Assembler& a) { a.branch(0, 0, 0, 6); }), "misaligned jump target"));
  // Memory outside the mapped segments, writes to code, jumps into data.
  CHECK(mentions(run_error([](Assembler& a) { a.li(1, 0x40000000); a.lw(2, 1, 0); }), "not readable"));
  CHECK(mentions(run_error([](Assembler& a) { a.lw(2, 0, 0); }), "not readable"));  // null page
  CHECK(mentions(run_error([](Assembler& a) { a.li(1, kTextBase); a.sw(2, 1, 0); }), "not writable"));
  CHECK(mentions(run_error([](Assembler& a) { a.li(1, kDataBase); a.jalr(0, 1, 0); }), "outside executable memory"));
  // Instructions outside rv32im, ebreak, unknown syscalls, the cycle limit.
  CHECK(mentions(run_error([](Assembler& a) { a.emit(0x34011173u); }), "illegal instruction"));
  CHECK(mentions(run_error([](Assembler& a) { a.emit(0x00004501u); }), "illegal instruction"));  // c.li (RVC)
  CHECK(mentions(run_error([](Assembler& a) { a.ebreak(); }), "ebreak"));
  CHECK(mentions(run_error([](Assembler& a) { a.syscall(0x77); }), "unknown syscall 0x00000077"));
  Assembler loop;
  loop.jal(0, 0);
  CHECK(mentions(run_error(simple_elf(loop.words), {}, 1000), "cycle limit of 1000"));
  // Falling off the end of the code.
  Assembler fall;
  fall.addi(1, 0, 1);
  CHECK(mentions(run_error(simple_elf(fall.words)), "outside executable memory"));
}

OP_TEST(syscalls_read_commit_write) {
  Assembler a;
  a.syscall(OP_SYS_INPUT_LEN);
  a.addi(20, reg::a0, 0);             // x20 = 5
  a.li(reg::a0, kDataBase + 1);       // READ 3 bytes to an unaligned address
  a.li(reg::a1, 3);
  a.syscall(OP_SYS_READ);
  a.syscall(OP_SYS_INPUT_LEN);
  a.addi(21, reg::a0, 0);             // x21 = 2
  a.li(reg::a0, kDataBase);
  a.li(reg::a1, 4);
  a.syscall(OP_SYS_COMMIT);           // 00 'h' 'e' 'l'
  a.li(reg::a0, 1);
  a.li(reg::a1, kDataBase + 1);
  a.li(reg::a2, 3);
  a.syscall(OP_SYS_WRITE, 64);
  a.li(reg::a0, 2);
  a.syscall(OP_SYS_WRITE, 64);
  a.li(reg::a0, 3);
  a.halt();
  const std::vector<uint8_t> input = {'h', 'e', 'l', 'l', 'o'};
  const auto r = execute(load_elf(simple_elf(a.words)), input);
  CHECK_EQ(r.exit_code, 3u);
  CHECK_EQ(r.registers[20], 5u);
  CHECK_EQ(r.registers[21], 2u);
  CHECK(r.public_values == std::vector<uint8_t>({0, 'h', 'e', 'l'}));
  CHECK(r.stdout_bytes == std::vector<uint8_t>({'h', 'e', 'l'}));
  CHECK(r.stderr_bytes == std::vector<uint8_t>({'h', 'e', 'l'}));

  CHECK(mentions(run_error([](Assembler& a) { a.li(reg::a0, kDataBase); a.li(reg::a1, 6); a.syscall(OP_SYS_READ); }),
                 "READ of 6 bytes, but only 0 input bytes remain"));
  CHECK(mentions(run_error([](Assembler& a) { a.li(reg::a0, kTextBase); a.li(reg::a1, 0); a.syscall(OP_SYS_READ); }), ""));
  CHECK(mentions(run_error([](Assembler& a) { a.li(reg::a0, 3); a.li(reg::a1, kDataBase); a.li(reg::a2, 1); a.syscall(OP_SYS_WRITE); }),
                 "file descriptor 3"));
  CHECK(mentions(run_error([](Assembler& a) { a.li(reg::a0, kDataBase + 0xff0); a.li(reg::a1, 32); a.syscall(OP_SYS_COMMIT); }),
                 "COMMIT: buffer"));
  CHECK(mentions(run_error([](Assembler& a) { a.li(reg::a0, 0xfffffff0u); a.li(reg::a1, 32); a.syscall(OP_SYS_COMMIT); }),
                 "wraps"));
  const std::vector<uint8_t> one = {1};
  Assembler ro;
  ro.li(reg::a0, kTextBase);
  ro.li(reg::a1, 1);
  ro.syscall(OP_SYS_READ);
  ro.halt();
  CHECK(mentions(run_error(simple_elf(ro.words), one), "non-writable"));
}
