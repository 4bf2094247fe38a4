#include "chips/cpu.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "chips/cpu_selectors.h"
#include "vm/isa.h"

namespace oneproof::chips {
namespace {
using air::Expr;
using cpu_detail::kEcallSelectors;
using cpu_detail::kSelectors;
using cpu_detail::Selector;
}  // namespace

void CpuAir::eval(air::AirBuilder& b) const {
  auto col = [&](Column c) { return b.local(c); };
  const Expr is_real = col(kIsReal), next_real = b.next(kIsReal);
  const Expr pc = col(kPc), next_pc = col(kNextPc), ts = col(kTs);
  const Expr is_add = col(kIsAdd), is_sub = col(kIsSub), is_addi = col(kIsAddi), is_lui = col(kIsLui);
  const Expr is_jal = col(kIsJal), is_bne = col(kIsBne), is_halt = col(kIsHalt);
  const Expr a_lo = col(kALo), a_hi = col(kAHi), b_lo = col(kBLo), b_hi = col(kBHi), c_lo = col(kCLo), c_hi = col(kCHi);
  const Expr carry0 = col(kCarry0), carry1 = col(kCarry1), taken = col(kTaken);

  // Exactly one selector on real rows, none on padding; the opcode is the selected one's.
  b.assert_bool(is_real, "is_real is boolean");
  Expr sum = b.constant(0u), opcode = b.constant(0u);
  for (const Selector& s : kSelectors) {
    b.assert_bool(col(s.column), "selector is boolean");
    sum = sum + col(s.column);
    opcode = opcode + col(s.column) * uint32_t(s.op);
  }
  b.assert_eq(sum, is_real, "one selector per real row");
  b.assert_eq(col(kOpcode), opcode, "opcode matches the selector");

  // pc / timestamp chain, pinned at the first row; real rows are a prefix whose last row ends at
  // the public end pc (is_real - next_real is 1 exactly there, given the prefix).
  const Expr end_pc = b.public_value(kEndPc), halted = b.public_value(kHalted);
  b.when_first_row().assert_eq(is_real, 1u, "the segment has a first cycle");
  b.when_first_row().assert_eq(pc, b.public_value(kStartPc), "first pc is the public start pc");
  b.when_first_row().assert_eq(ts, 4u, "first timestamp is 4");
  b.when_transition().assert_zero(next_real * (1 - is_real), "real rows are a prefix");
  b.when_transition().when(next_real).assert_eq(b.next(kPc), next_pc, "pc chain");
  b.when_transition().when(next_real).assert_eq(b.next(kTs), ts + 4, "timestamp chain");
  b.when_transition().when(is_real - next_real).assert_eq(next_pc, end_pc, "the last real row ends at end_pc");
  b.when_last_row().when(is_real).assert_eq(next_pc, end_pc, "the last real row ends at end_pc");
  // halted: the segment ends in HALT; otherwise no HALT runs in it (and the exit code is 0).
  b.assert_bool(halted, "halted is boolean");
  b.when_transition().when(is_real - next_real).when(halted).assert_eq(is_halt, 1u, "a halted segment ends in HALT");
  b.when_last_row().when(is_real).when(halted).assert_eq(is_halt, 1u, "a halted segment ends in HALT");
  b.assert_zero((1 - halted) * is_halt, "a segment that does not halt runs no HALT");
  b.assert_zero((1 - halted) * b.public_value(kExitLo), "no exit code without HALT (lo)");
  b.assert_zero((1 - halted) * b.public_value(kExitHi), "no exit code without HALT (hi)");
  b.when_transition().assert_zero(is_halt * next_real, "nothing runs after HALT");

  // Fetch from the program ROM.
  b.send(BUS_PROGRAM, {pc, col(kOpcode), col(kRd), col(kRs1), col(kRs2), col(kImmLo), col(kImmHi), col(kImm)}, is_real, "fetch");

  const Expr is_beq = col(kIsBeq), is_bltu = col(kIsBltu), is_bgeu = col(kIsBgeu), is_sltu = col(kIsSltu);
  const Expr is_auipc = col(kIsAuipc), is_jalr = col(kIsJalr);
  const Expr d_lo = col(kDLo), d_hi = col(kDHi), neq = col(kNeq), half = col(kHalf), bit0 = col(kBit0);
  const Expr is_slt = col(kIsSlt), is_slti = col(kIsSlti), is_sltiu = col(kIsSltiu), is_blt = col(kIsBlt), is_bge = col(kIsBge);
  const Expr lt = col(kLt);
  const Expr is_branch = is_bne + is_beq + is_bltu + is_bgeu + is_blt + is_bge;
  const Expr is_signed = is_slt + is_slti + is_blt + is_bge;
  const Expr is_compare = is_bltu + is_bgeu + is_sltu + is_sltiu + is_signed;
  const Expr is_set_less = is_slt + is_slti + is_sltu + is_sltiu;
  const Expr is_and = col(kIsAnd) + col(kIsAndi), is_or = col(kIsOr) + col(kIsOri), is_xor = col(kIsXor) + col(kIsXori);
  const Expr is_bitwise = is_and + is_or + is_xor;
  const Expr is_bitwise_imm = col(kIsAndi) + col(kIsOri) + col(kIsXori);
  const Expr is_lw = col(kIsLw), is_sw = col(kIsSw);
  const Expr is_lb = col(kIsLb), is_lbu = col(kIsLbu), is_lh = col(kIsLh), is_lhu = col(kIsLhu);
  const Expr is_sb = col(kIsSb), is_sh = col(kIsSh);
  const Expr is_sub_load = is_lb + is_lbu + is_lh + is_lhu, is_sub_store = is_sb + is_sh;
  const Expr is_load = is_lw + is_sub_load, is_store = is_sw + is_sub_store;
  const Expr is_mem = is_load + is_store;
  const Expr is_input_len = col(kIsInputLen), is_read = col(kIsRead), is_commit = col(kIsCommit);
  const Expr is_write = col(kIsWrite), is_keccak = col(kIsKeccak);
  const Expr is_io = is_read + is_commit;
  const Expr is_ecall = is_halt + is_input_len + is_io + is_write + is_keccak;

  // Register accesses: x0 is never written (rd_nonzero = [rd != 0]).
  const Expr rd = col(kRd), rd_nonzero = col(kRdNonzero);
  b.assert_bool(rd_nonzero, "rd_nonzero is boolean");
  b.assert_zero(rd * (1 - rd_nonzero), "rd != 0 => rd_nonzero");
  b.assert_eq(rd_nonzero, rd * col(kRdInv), "rd == 0 => !rd_nonzero");
  const Expr is_mul = col(kIsMul), is_sll = col(kIsSll), is_slli = col(kIsSlli);
  const Expr is_srl = col(kIsSrl), is_srli = col(kIsSrli), is_logical = is_srl + is_srli;
  const Expr is_sra = col(kIsSra), is_srai = col(kIsSrai), is_arith = is_sra + is_srai;
  const Expr is_right = is_logical + is_arith;
  const Expr sign_a = col(kSignA), sign_b = col(kSignB);  // signed compares, SRA, MULH*: sign bits
  const Expr is_mulh = col(kIsMulh), is_mulhsu = col(kIsMulhsu), is_mulhu = col(kIsMulhu);
  const Expr is_mul_high = is_mulh + is_mulhsu + is_mulhu;
  const Expr is_divu = col(kIsDivu), is_remu = col(kIsRemu), is_div_u = is_divu + is_remu;
  const Expr is_sdiv = col(kIsDiv), is_srem = col(kIsRem), is_div_s = is_sdiv + is_srem;
  const Expr is_div = is_div_u + is_div_s;  // the unsigned division of (|a|, |b|) below serves all four
  const Expr is_shift = is_sll + is_slli + is_right;  // all shifts decode sh and build 2^sh
  const Expr is_product = is_mul + is_sll + is_slli;  // SLL(I) is a MUL by 2^sh
  const Expr reads_rs1 = is_div + is_mul_high + is_product + is_right + is_add + is_sub + is_addi + is_branch + is_set_less + is_bitwise + is_jalr + is_mem + is_ecall;
  const Expr reads_rs2 = is_div + is_mul_high + is_mul + is_sll + is_srl + is_sra + is_add + is_sub + is_branch + is_slt + is_sltu + (is_bitwise - is_bitwise_imm) + is_store + is_ecall;
  const Expr writes_rd =
      is_div + is_mul_high + is_product + is_right + is_add + is_sub + is_addi + is_lui + is_jal + is_set_less + is_bitwise + is_auipc + is_jalr + is_load;
  b.send(BUS_ACCESS, {col(kRs1), ts, a_lo, a_hi, b.constant(0u)}, reads_rs1, "read rs1");
  b.send(BUS_ACCESS, {col(kRs2), ts + 1, b_lo, b_hi, b.constant(0u)}, reads_rs2, "read rs2");
  b.send(BUS_ACCESS, {rd, ts + 3, c_lo, c_hi, b.constant(1u)}, writes_rd * rd_nonzero, "write rd");

  // Adder a + b = c + carry1 * 2^32 (ADD, ADDI and AUIPC, whose b is imm and a is pc);
  // subtractor c + b = a (SUB) and d + b = a (compares: carry1 is the borrow, i.e. [a < b]).
  b.assert_bool(carry0, "carry0 is boolean");
  b.assert_bool(carry1, "carry1 is boolean");
  b.when(is_addi + is_auipc + is_slti + is_sltiu + is_bitwise_imm).assert_eq(b_lo, col(kImmLo), "b = imm (lo)");
  b.when(is_addi + is_auipc + is_slti + is_sltiu + is_bitwise_imm).assert_eq(b_hi, col(kImmHi), "b = imm (hi)");
  // AND / OR / XOR (and the immediate forms): limbs split into bytes, each byte triple looked up
  // in the ByteOps table under the selected operation.
  const Expr byte_op = is_or * uint32_t(ByteOp::kOr) + is_xor * uint32_t(ByteOp::kXor);  // kAnd = 0
  const Column bytes_of[3][4] = {{kA0, kA1, kA2, kA3}, {kB0, kB1, kB2, kB3}, {kC0, kC1, kC2, kC3}};
  const Expr limbs[3][2] = {{a_lo, a_hi}, {b_lo, b_hi}, {c_lo, c_hi}};
  // MUL shares the byte columns: its lookups are (AND, a_k, b_k, t_k), proving a_k and b_k are
  // bytes, and (XOR, c_k, 0, c_k) for the result bytes.
  const Column and_aux[4] = {kT0, kT1, kT2, kT3};
  for (int v = 0; v < 3; ++v) {
    // SLL(I)'s b bytes are those of 2^sh, not of rs2; SRA's c bytes are those of SRL(~a) (below).
    const Expr scope = v == 0   ? is_bitwise + is_product + is_right + is_mul_high + is_div_u
                       : v == 1 ? is_bitwise + is_mul + is_mul_high + is_div_u
                                : is_bitwise + is_product + is_logical;
    b.when(scope).assert_eq(limbs[v][0], col(bytes_of[v][0]) + col(bytes_of[v][1]) * 256, "bytes of lo limb");
    b.when(scope).assert_eq(limbs[v][1], col(bytes_of[v][2]) + col(bytes_of[v][3]) * 256, "bytes of hi limb");
  }
  for (int i = 0; i < 4; ++i) {
    const Expr result = is_bitwise * col(bytes_of[2][i]) + (is_product + is_mul_high + is_div) * col(and_aux[i]);
    b.send(BUS_BYTE_OP, {byte_op, col(bytes_of[0][i]), col(bytes_of[1][i]), result}, is_bitwise + is_product + is_mul_high + is_div,
           "byte op");
    b.send(BUS_BYTE_OP, {b.constant(uint32_t(ByteOp::kXor)), col(bytes_of[2][i]), b.constant(0u), col(bytes_of[2][i])},
           is_product + is_right, "product result byte");
  }
  // MUL: schoolbook over bytes, c_k + 256 carry_k = sum_{i+j=k} a_i b_j + carry_{k-1} (low 4 bytes).
  const Column carries[4] = {kK0, kK1, kK2, kK3};
  for (int k = 0; k < 4; ++k) {
    Expr column = k > 0 ? col(carries[k - 1]) : b.constant(0u);
    for (int i = 0; i <= k; ++i) column = column + col(bytes_of[0][i]) * col(bytes_of[1][k - i]);
    b.when(is_product).assert_eq(col(bytes_of[2][k]) + col(carries[k]) * 256, column, "mul column");
    b.send(BUS_RANGE16, {col(carries[k])}, is_product, "mul carry");
  }
  // MULH / MULHSU / MULHU: the full 64-bit unsigned product over bytes (low bytes u, high bytes h,
  // final carry 0), then c = h - sign_a * b - sign_b * a (mod 2^32), the signed corrections of
  // (a - sign_a 2^32)(b - sign_b 2^32); signs are forced to 0 where an operand is unsigned.
  {
    const Column low[4] = {kU0, kU1, kU2, kU3}, high[4] = {kH0, kH1, kH2, kH3};
    const Column carry_cols[7] = {kK0, kK1, kK2, kK3, kK4, kK5, kK6};
    for (int k = 0; k < 8; ++k) {
      Expr column = k > 0 ? col(carry_cols[k - 1]) : b.constant(0u);
      for (int i = std::max(0, k - 3); i <= std::min(k, 3); ++i) column = column + col(bytes_of[0][i]) * col(bytes_of[1][k - i]);
      const Expr byte = col(k < 4 ? low[k] : high[k - 4]);
      const Expr out = k < 7 ? byte + col(carry_cols[k]) * 256 : byte;  // the product is < 2^64: no carry out
      b.when(is_mul_high).assert_eq(out, column, "mulh column");
      if (k < 7) b.send(BUS_RANGE16, {col(carry_cols[k])}, is_mul_high, "mulh carry");
      b.send(BUS_BYTE_OP, {b.constant(uint32_t(ByteOp::kXor)), byte, b.constant(0u), byte}, is_mul_high + is_div,
             "mulh product / div quotient and remainder byte");
    }
    b.assert_zero(is_mulhu * sign_a, "mulhu: a unsigned");
    b.assert_zero((is_mulhu + is_mulhsu) * sign_b, "mulhu/mulhsu: b unsigned");
    const Expr h_lo = col(kH0) + col(kH1) * 256, h_hi = col(kH2) + col(kH3) * 256;
    const Expr beta0 = col(kBeta0), beta1 = col(kBeta1);
    b.assert_zero(beta0 * (beta0 - 1) * (beta0 - 2), "beta0 in 0..2");
    b.assert_zero(beta1 * (beta1 - 1) * (beta1 - 2), "beta1 in 0..2");
    b.when(is_mul_high).assert_eq(c_lo + sign_a * b_lo + sign_b * a_lo, h_lo + beta0 * 65536, "mulh lo");
    b.when(is_mul_high).assert_eq(c_hi + sign_a * b_hi + sign_b * a_hi + beta0, h_hi + beta1 * 65536, "mulh hi");
  }
  // DIVU / REMU: quotient q (bytes kH*) and remainder r (bytes kU*) with q * b + r = a exactly
  // (byte columns with carries, no overflow) and r < b when b != 0; b = 0 gives q = 2^32 - 1, r = a.
  {
    const Column q[4] = {kH0, kH1, kH2, kH3}, r[4] = {kU0, kU1, kU2, kU3};
    const Column carry_cols[3] = {kK0, kK1, kK2};
    for (int k = 0; k < 7; ++k) {
      Expr column = k > 0 && k < 4 ? col(carry_cols[k - 1]) : b.constant(0u);
      for (int i = std::max(0, k - 3); i <= std::min(k, 3); ++i) column = column + col(q[i]) * col(bytes_of[1][k - i]);
      if (k < 4) {
        const Expr out = col(bytes_of[0][k]) + (k < 3 ? col(carry_cols[k]) * 256 : b.constant(0u));
        b.when(is_div).assert_eq(out, column + col(r[k]), "div column");
      } else {
        b.when(is_div).assert_zero(column, "div: q * b < 2^32");
      }
    }
    for (const Column& k : carry_cols) b.send(BUS_RANGE16, {col(k)}, is_div, "div carry");
    const Expr b_nonzero = col(kBNonzero);
    b.assert_bool(b_nonzero, "b_nonzero is boolean");
    b.when(b_nonzero).assert_eq(b_lo * col(kInvLo) + b_hi * col(kInvHi), 1u, "b != 0");
    b.when(is_div).when(1 - b_nonzero).assert_zero(b_lo, "b = 0 (lo)");
    b.when(is_div).when(1 - b_nonzero).assert_zero(b_hi, "b = 0 (hi)");
    b.assert_zero(b_nonzero * (1 - is_div), "b_nonzero only for division");
    for (const Column& qk : q) b.when(is_div).when(1 - b_nonzero).assert_eq(col(qk), 255u, "x / 0 = 2^32 - 1");
    // r < b: r - b borrows.
    const Expr r_lo = col(r[0]) + col(r[1]) * 256, r_hi = col(r[2]) + col(r[3]) * 256;
    const Expr bb_lo = col(kB0) + col(kB1) * 256, bb_hi = col(kB2) + col(kB3) * 256;  // b, or |b| for DIV/REM
    b.when(b_nonzero).assert_eq(d_lo + bb_lo, r_lo + carry0 * 65536, "r - b lo");
    b.when(b_nonzero).assert_eq(d_hi + bb_hi + carry0, r_hi + carry1 * 65536, "r - b hi");
    b.when(b_nonzero).assert_eq(carry1, 1u, "r < b");
    b.when(is_divu).assert_eq(c_lo, col(q[0]) + col(q[1]) * 256, "divu lo");
    b.when(is_divu).assert_eq(c_hi, col(q[2]) + col(q[3]) * 256, "divu hi");
    b.when(is_remu).assert_eq(c_lo, r_lo, "remu lo");
    b.when(is_remu).assert_eq(c_hi, r_hi, "remu hi");

    // DIV / REM: the bytes kA*, kB* are |a|, |b|; q = -|q| when the signs differ (and b != 0, so
    // x / 0 stays 2^32 - 1), r has a's sign. INT_MIN / -1 falls out: |q| = 2^31, not negated.
    // y = cond ? -x : x (mod 2^32) limb by limb, with boolean carries g.
    auto conditional_negate = [&](const Expr& y_lo, const Expr& y_hi, const Expr& x_lo, const Expr& x_hi, const Expr& cond,
                                  Column g_lo, Column g_hi, const char* label) {
      b.assert_bool(col(g_lo), label);
      b.assert_bool(col(g_hi), label);
      b.when(is_div_s).when(cond).assert_eq(y_lo + x_lo, col(g_lo) * 65536, label);
      b.when(is_div_s).when(cond).assert_eq(y_hi + x_hi + col(g_lo), col(g_hi) * 65536, label);
      b.when(is_div_s).when(1 - cond).assert_eq(y_lo, x_lo, label);
      b.when(is_div_s).when(1 - cond).assert_eq(y_hi, x_hi, label);
    };
    const Expr aa_lo = col(kA0) + col(kA1) * 256, aa_hi = col(kA2) + col(kA3) * 256;
    conditional_negate(aa_lo, aa_hi, a_lo, a_hi, sign_a, kGa0, kGa1, "|a|");
    conditional_negate(bb_lo, bb_hi, b_lo, b_hi, sign_b, kGb0, kGb1, "|b|");
    b.assert_eq(col(kNegQ), col(kSignXor) * b_nonzero, "quotient negative");
    b.assert_eq(col(kNegOut), is_sdiv * col(kNegQ) + is_srem * sign_a, "result negated");
    b.when(is_sdiv).assert_eq(col(kSrcLo), col(q[0]) + col(q[1]) * 256, "div: |q| lo");
    b.when(is_sdiv).assert_eq(col(kSrcHi), col(q[2]) + col(q[3]) * 256, "div: |q| hi");
    b.when(is_srem).assert_eq(col(kSrcLo), r_lo, "rem: |r| lo");
    b.when(is_srem).assert_eq(col(kSrcHi), r_hi, "rem: |r| hi");
    conditional_negate(c_lo, c_hi, col(kSrcLo), col(kSrcHi), col(kNegOut), kGo0, kGo1, "signed result");
  }
  // SLL / SLLI: c = a * 2^sh mod 2^32 with sh = 8 byte_shift + bit_shift from five bits; the b
  // bytes are 2^sh's: pow = 2^bit_shift in the byte the one-hot kb selects.
  const Expr sh_bits[5] = {col(kSh0), col(kSh1), col(kSh2), col(kSh3), col(kSh4)};
  for (const Expr& bit : sh_bits) b.assert_bool(bit, "shift bit is boolean");
  const Expr sh = sh_bits[0] + sh_bits[1] * 2 + sh_bits[2] * 4 + sh_bits[3] * 8 + sh_bits[4] * 16;
  b.when(is_slli + is_srli + is_srai).assert_eq(sh, col(kImmLo), "shift by shamt");
  b.when(is_sll + is_srl + is_sra).assert_eq(b_lo, sh + col(kShQ) * 32, "shift by rs2 mod 32");
  b.send(BUS_RANGE16, {col(kShQ)}, is_sll + is_srl + is_sra, "shift: rs2 lo / 32");
  b.send(BUS_RANGE16, {col(kShQ) * 32}, is_sll + is_srl + is_sra, "shift: rs2 lo / 32 < 2^11");
  // Unconditional (so rows that do not shift hold pow = 1, kb = 1 0 0 0).
  b.assert_eq(col(kPow), (sh_bits[0] + 1) * (sh_bits[1] * 3 + 1) * (sh_bits[2] * 15 + 1), "pow = 2^(sh mod 8)");
  b.assert_eq(col(kKb0), (1 - sh_bits[3]) * (1 - sh_bits[4]), "byte shift 0");
  b.assert_eq(col(kKb1), sh_bits[3] * (1 - sh_bits[4]), "byte shift 1");
  b.assert_eq(col(kKb2), (1 - sh_bits[3]) * sh_bits[4], "byte shift 2");
  b.assert_eq(col(kKb3), sh_bits[3] * sh_bits[4], "byte shift 3");
  const Column kb[4] = {kKb0, kKb1, kKb2, kKb3};
  for (int j = 0; j < 4; ++j) b.when(is_shift).assert_eq(col(bytes_of[1][j]), col(kb[j]) * col(kPow), "2^sh byte");
  // Right shifts: with a' = a (SRL) or a ^ (sign ? ~0 : 0) (SRA, since SRA(a) = ~SRL(~a) for
  // negative a), u = a' & ~(2^sh - 1) byte by byte (lookups), then c' * 2^sh = u exactly: the low
  // columns of the byte product give u with carries, the high columns and the last carry vanish.
  // c' is in the c byte columns; SRL's c is c', SRA's is c' ^ (sign ? ~0 : 0).
  const Column u[4] = {kU0, kU1, kU2, kU3};
  b.assert_zero(is_logical * sign_a, "srl: no sign flip");
  auto flip = [&](const Expr& byte) { return byte + sign_a * (255 - byte * 2); };  // byte ^ (sign ? 0xff : 0)
  b.when(is_arith).assert_eq(c_lo, flip(col(bytes_of[2][0])) + flip(col(bytes_of[2][1])) * 256, "sra lo");
  b.when(is_arith).assert_eq(c_hi, flip(col(bytes_of[2][2])) + flip(col(bytes_of[2][3])) * 256, "sra hi");
  for (int j = 0; j < 4; ++j) {
    Expr not_mask = col(kb[j]) * (256 - col(kPow));  // ~(2^sh - 1)'s byte j: 256 - pow where the shift lands,
    for (int k = 0; k < j; ++k) not_mask = not_mask + col(kb[k]) * 255;  // 0xff above it, 0 below
    b.send(BUS_BYTE_OP, {b.constant(uint32_t(ByteOp::kAnd)), flip(col(bytes_of[0][j])), not_mask, col(u[j])}, is_right,
           "shift right: clear low bits");
  }
  for (int k = 0; k < 7; ++k) {
    Expr column = k > 0 && k < 4 ? col(carries[k - 1]) : b.constant(0u);
    for (int i = std::max(0, k - 3); i <= std::min(k, 3); ++i) column = column + col(bytes_of[2][i]) * col(bytes_of[1][k - i]);
    if (k < 4) b.when(is_right).assert_eq(col(u[k]) + col(carries[k]) * 256, column, "srl column");
    else b.when(is_right).assert_zero(column, "srl: no overflow");
  }
  b.when(is_right).assert_zero(col(carries[3]), "srl: no final carry");
  b.send(BUS_RANGE16, {col(carries[0])}, is_right, "srl carry");
  b.send(BUS_RANGE16, {col(carries[1])}, is_right, "srl carry");
  b.send(BUS_RANGE16, {col(carries[2])}, is_right, "srl carry");
  b.when(is_add + is_addi + is_auipc).assert_eq(a_lo + b_lo, c_lo + carry0 * 65536, "add lo");
  b.when(is_add + is_addi + is_auipc).assert_eq(a_hi + b_hi + carry0, c_hi + carry1 * 65536, "add hi");
  b.when(is_sub).assert_eq(c_lo + b_lo, a_lo + carry0 * 65536, "sub lo");
  b.when(is_sub).assert_eq(c_hi + b_hi + carry0, a_hi + carry1 * 65536, "sub hi");
  b.when(is_compare).assert_eq(d_lo + b_lo, a_lo + carry0 * 65536, "compare lo");
  b.when(is_compare).assert_eq(d_hi + b_hi + carry0, a_hi + carry1 * 65536, "compare hi");
  b.send(BUS_RANGE16, {d_lo}, is_compare + is_div, "difference lo");
  b.send(BUS_RANGE16, {d_hi}, is_compare + is_jalr + is_mem + is_div, "difference / target / address hi");
  // lt = [a < b]: the borrow for unsigned compares; for signed ones the borrow xor both signs.
  const Expr sign_xor = col(kSignXor);
  b.assert_bool(sign_a, "sign_a is boolean");
  b.assert_bool(sign_b, "sign_b is boolean");
  const Expr a_signed = is_signed + is_arith + is_mulh + is_mulhsu + is_div_s, b_signed = is_signed + is_mulh + is_div_s;
  b.when(a_signed).assert_eq(a_hi, sign_a * 32768 + col(kRestA), "a = sign, rest");
  b.when(b_signed).assert_eq(b_hi, sign_b * 32768 + col(kRestB), "b = sign, rest");
  b.send(BUS_RANGE16, {col(kRestA)}, a_signed, "rest of hi limb");
  b.send(BUS_RANGE16, {col(kRestA) * 2}, a_signed, "rest < 2^15");
  b.send(BUS_RANGE16, {col(kRestB)}, b_signed, "rest of hi limb");
  b.send(BUS_RANGE16, {col(kRestB) * 2}, b_signed, "rest < 2^15");
  b.when(is_signed + is_div_s).assert_eq(sign_xor, sign_a + sign_b - sign_a * sign_b * 2, "sign xor");
  b.when(is_signed).assert_eq(lt, carry1 + sign_xor - carry1 * sign_xor * 2, "signed lt");
  b.when(is_bltu + is_bgeu + is_sltu + is_sltiu).assert_eq(lt, carry1, "unsigned lt");
  b.when(is_set_less).assert_eq(c_lo, lt, "slt result");
  b.when(is_set_less).assert_zero(c_hi, "slt result hi");
  // AUIPC's a is the pc (< 2^30) in limbs.
  b.when(is_auipc).assert_eq(a_lo + a_hi * 65536, pc, "auipc: a = pc");
  b.send(BUS_RANGE16, {a_lo}, is_auipc, "pc lo");
  b.send(BUS_RANGE16, {a_hi}, is_auipc, "pc hi");
  b.send(BUS_RANGE16, {a_hi * 4}, is_auipc, "pc < 2^30");
  // LUI: c = imm.
  b.when(is_lui).assert_eq(c_lo, col(kImmLo), "lui lo");
  b.when(is_lui).assert_eq(c_hi, col(kImmHi), "lui hi");
  // JAL / JALR link: c = pc + 4 (c < 2^30 so the limbs cannot alias mod p).
  b.when(is_jal + is_jalr).assert_eq(c_lo + c_hi * 65536, pc + 4, "link");
  b.send(BUS_RANGE16, {c_lo}, is_jal + is_jalr, "link lo");
  b.send(BUS_RANGE16, {c_hi}, is_jal + is_jalr, "link hi");
  b.send(BUS_RANGE16, {c_hi * 4}, is_jal + is_jalr, "link < 2^30");
  b.when(is_jal).assert_eq(next_pc, pc + col(kImm), "jal target");
  // JALR, LW, SW: d = rs1 + imm (mod 2^32).
  b.when(is_jalr + is_mem).assert_eq(a_lo + col(kImmLo), d_lo + carry0 * 65536, "rs1 + imm lo");
  b.when(is_jalr + is_mem).assert_eq(a_hi + col(kImmHi) + carry0, d_hi + carry1 * 65536, "rs1 + imm hi");
  // Loads / stores: d = 4 word_lo + offset (offset one-hot, 0 for LW/SW, even for halves) and
  // d >= 2^16 (so never a register or the unmapped low pages); the memory word at index d / 4 is
  // read or written at ts + 2.
  const Expr word_lo = col(kWordLo);
  const Expr o[4] = {col(kO0), col(kO1), col(kO2), col(kO3)};
  const Expr m[4] = {col(kM0), col(kM1), col(kM2), col(kM3)};
  const Expr n[4] = {col(kN0), col(kN1), col(kN2), col(kN3)};
  for (const Expr& ok : o) b.assert_bool(ok, "offset flag is boolean");
  b.assert_eq(o[0] + o[1] + o[2] + o[3], is_sub_load + is_sub_store, "one offset for sub-word accesses");
  b.when(is_mem).assert_eq(d_lo, word_lo * 4 + o[1] + o[2] * 2 + o[3] * 3, "address = word + offset");
  b.assert_zero((is_lh + is_lhu + is_sh) * (o[1] + o[3]), "halves are 2-aligned");
  b.send(BUS_RANGE16, {word_lo}, is_mem, "address word lo");
  b.send(BUS_RANGE16, {word_lo * 4}, is_mem, "address word lo < 2^14");
  b.when(is_mem).assert_eq(d_hi * col(kDHiInv), 1u, "address >= 2^16");
  const Expr word_index = word_lo + d_hi * 16384;
  b.send(BUS_ACCESS, {word_index, ts + 2, c_lo, c_hi, b.constant(0u)}, is_lw, "load word");
  b.send(BUS_ACCESS, {word_index, ts + 2, b_lo, b_hi, b.constant(1u)}, is_sw, "store word");
  // Sub-word: the word's bytes m (and n after a store) are range-checked bytes.
  for (int k = 0; k < 4; ++k) {
    b.send(BUS_RANGE16, {m[k]}, is_sub_load + is_sub_store, "memory byte");
    b.send(BUS_RANGE16, {m[k] * 256}, is_sub_load + is_sub_store, "memory byte < 2^8");
  }
  b.send(BUS_ACCESS, {word_index, ts + 2, m[0] + m[1] * 256, m[2] + m[3] * 256, b.constant(0u)}, is_sub_load, "load sub-word");
  b.send(BUS_ACCESS, {word_index, ts + 2, n[0] + n[1] * 256, n[2] + n[3] * 256, b.constant(1u)}, is_sub_store, "store sub-word");
  // Loaded byte / half, zero- or sign-extended (sign * 128 + rest with rest < 2^7).
  const Expr byte = o[0] * m[0] + o[1] * m[1] + o[2] * m[2] + o[3] * m[3];
  const Expr half_lo = o[0] * m[0] + o[2] * m[2], half_hi = o[0] * m[1] + o[2] * m[3];
  const Expr sign = col(kLoadSign), rest = col(kLoadRest);
  b.assert_bool(sign, "load sign is boolean");
  b.send(BUS_RANGE16, {rest}, is_lb + is_lh, "load rest");
  b.send(BUS_RANGE16, {rest * 512}, is_lb + is_lh, "load rest < 2^7");
  b.when(is_lb).assert_eq(byte, sign * 128 + rest, "lb: sign of the byte");
  b.when(is_lh).assert_eq(half_hi, sign * 128 + rest, "lh: sign of the half");
  b.when(is_lbu).assert_eq(c_lo, byte, "lbu lo");
  b.when(is_lb).assert_eq(c_lo, byte + sign * 0xff00, "lb lo");
  b.when(is_lhu + is_lh).assert_eq(c_lo, half_lo + half_hi * 256, "lh(u) lo");
  b.when(is_lbu + is_lhu).assert_zero(c_hi, "zero-extended");
  b.when(is_lb + is_lh).assert_eq(c_hi, sign * 0xffff, "sign-extended");
  // SB / SH: rs2's low bytes replace the addressed byte(s); the others keep their value.
  const Expr s0 = col(kS0), s1 = col(kS1);
  b.when(is_sub_store).assert_eq(b_lo, s0 + s1 * 256, "store bytes");
  for (const Expr& sk : {s0, s1}) {
    b.send(BUS_RANGE16, {sk}, is_sub_store, "store byte");
    b.send(BUS_RANGE16, {sk * 256}, is_sub_store, "store byte < 2^8");
  }
  for (int k = 0; k < 4; ++k) b.when(is_sb).assert_eq(n[k], m[k] + o[k] * (s0 - m[k]), "sb byte");
  b.when(is_sh).assert_eq(n[0], m[0] + o[0] * (s0 - m[0]), "sh byte 0");
  b.when(is_sh).assert_eq(n[1], m[1] + o[0] * (s1 - m[1]), "sh byte 1");
  b.when(is_sh).assert_eq(n[2], m[2] + o[2] * (s0 - m[2]), "sh byte 2");
  b.when(is_sh).assert_eq(n[3], m[3] + o[2] * (s1 - m[3]), "sh byte 3");
  // JALR: next_pc = d with bit 0 cleared, below 2^30.
  b.assert_bool(bit0, "bit0 is boolean");
  b.when(is_jalr).assert_eq(d_lo, half * 2 + bit0, "jalr: split bit 0");
  b.send(BUS_RANGE16, {half}, is_jalr, "jalr half");
  b.send(BUS_RANGE16, {half * 2}, is_jalr, "jalr half < 2^15");
  b.send(BUS_RANGE16, {d_hi * 4}, is_jalr, "jalr target < 2^30");
  b.when(is_jalr).assert_eq(next_pc, half * 2 + d_hi * 65536, "jalr target");
  // Branches. neq = [a != b] for BEQ/BNE: equal limbs, or an inverse of a difference.
  b.assert_bool(taken, "taken is boolean");
  b.assert_zero(taken * (1 - is_branch), "only branches are taken");
  b.assert_bool(neq, "neq is boolean");
  b.assert_zero(neq * (1 - is_bne - is_beq), "neq only for beq/bne");
  b.when(is_bne + is_beq).when(1 - neq).assert_eq(a_lo, b_lo, "equal lo");
  b.when(is_bne + is_beq).when(1 - neq).assert_eq(a_hi, b_hi, "equal hi");
  b.when(neq).assert_eq((a_lo - b_lo) * col(kInvLo) + (a_hi - b_hi) * col(kInvHi), 1u, "a != b");
  b.when(is_bne).assert_eq(taken, neq, "bne taken = [a != b]");
  b.when(is_beq).assert_eq(taken, 1 - neq, "beq taken = [a == b]");
  b.when(is_bltu + is_blt).assert_eq(taken, lt, "blt(u) taken = [a < b]");
  b.when(is_bgeu + is_bge).assert_eq(taken, 1 - lt, "bge(u) taken = [a >= b]");
  b.when(is_branch).assert_eq(next_pc, pc + 4 + taken * (col(kImm) - 4), "branch target");
  // Straight-line instructions continue at pc + 4.
  b.when(is_add + is_sub + is_addi + is_lui + is_set_less + is_bitwise + is_auipc + is_mem + is_product + is_right +
         is_mul_high + is_div + col(kIsFence))
      .assert_eq(next_pc, pc + 4, "next pc");
  // Ecalls: t0 (rs1, limbs a) is the selected call's number (all numbers are below 2^16).
  Expr call_number = b.constant(0u);
  for (const auto& e : kEcallSelectors) call_number = call_number + col(e.column) * e.number;
  b.when(is_ecall).assert_eq(a_lo, call_number, "ecall: t0 is the selected call's number");
  b.when(is_ecall).assert_zero(a_hi, "ecall: t0 < 2^16");
  b.when(is_ecall - is_halt).assert_eq(next_pc, pc + 4, "ecall: next pc");
  // INPUT_LEN: a0 (x10) gets the free value c at ts + 3; its limbs are range-checked by the access chip.
  b.send(BUS_ACCESS, {b.constant(10u), ts + 3, c_lo, c_hi, b.constant(1u)}, is_input_len, "input_len: write a0");
  // READ / COMMIT / WRITE read a1 (x11) into c, WRITE also a2 (x12) into d, at the memory slot.
  b.send(BUS_ACCESS, {b.constant(11u), ts + 2, c_lo, c_hi, b.constant(0u)}, is_io + is_write, "ecall: read a1");
  b.send(BUS_ACCESS, {b.constant(12u), ts + 2, d_lo, d_hi, b.constant(0u)}, is_write, "write: read a2");
  // READ / COMMIT: len_nonzero = [n != 0] (n = c); a call with bytes goes to the syscall I/O chip.
  const Expr len_nonzero = col(kLenNonzero);
  b.assert_bool(len_nonzero, "len_nonzero is boolean");
  b.assert_zero(len_nonzero * (1 - is_io), "len_nonzero only for READ/COMMIT");
  b.when(len_nonzero).assert_eq(c_lo * col(kInvLo) + c_hi * col(kInvHi), 1u, "n != 0");
  b.when(is_io).when(1 - len_nonzero).assert_zero(c_lo, "n = 0 (lo)");
  b.when(is_io).when(1 - len_nonzero).assert_zero(c_hi, "n = 0 (hi)");
  b.send(BUS_SYSCALL_IO, {is_commit, ts + 2, b_lo, b_hi, c_lo, c_hi}, len_nonzero, "read/commit call");
  // WRITE: fd (a0) is 1 or 2.
  b.when(is_write).assert_zero((b_lo - 1) * (b_lo - 2), "write: fd is 1 or 2");
  b.when(is_write).assert_zero(b_hi, "write: fd is 1 or 2 (hi)");
  // KECCAK_PERMUTE: the keccak chip permutes the state at a0; its words are accessed at ts + 2.
  b.send(BUS_KECCAK_CALL, {b_lo, b_hi, ts + 2}, is_keccak, "keccak call");
  // HALT: a0 (rs2) is the public exit code, and the pc stays.
  b.when(is_halt).assert_eq(b_lo, b.public_value(kExitLo), "halt: exit code lo");
  b.when(is_halt).assert_eq(b_hi, b.public_value(kExitHi), "halt: exit code hi");
  b.when(is_halt).assert_eq(next_pc, pc, "halt: pc stays");
}

}  // namespace oneproof::chips
