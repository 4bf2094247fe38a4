// The CPU chip's trace builder: one row per cycle record (columns in cpu.h).
#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>
#include <utility>

#include "chips/cpu.h"
#include "chips/cpu_selectors.h"
#include "chips/program.h"
#include "oneproof/syscalls.h"
#include "vm/isa.h"

namespace oneproof::chips {
namespace {
using cpu_detail::kEcallSelectors;
using cpu_detail::kSelectors;
using cpu_detail::Selector;
using vm::Op;

// The selector column of an ECALL whose t0 holds `number`.
CpuAir::Column ecall_column(uint32_t number) {
  for (const auto& e : kEcallSelectors)
    if (e.number == number) return e.column;
  throw std::invalid_argument("cpu chip: unknown syscall number " + std::to_string(number) + " cannot be proven");
}

// The value of register `reg` an ecall's SyscallEvent read (a1 / a2 at the memory slot).
uint32_t syscall_register_read(const vm::SyscallEvent* e, size_t index, uint32_t reg) {
  if (!e || e->accesses.size() <= index || e->accesses[index].addr != reg || e->accesses[index].is_write)
    throw std::invalid_argument("cpu chip: ecall record lacks its read of x" + std::to_string(reg));
  return e->accesses[index].value;
}
}  // namespace

namespace {
// Byte columns of LB/LBU/LH/LHU/SB/SH; the c limbs of loads to x0 too (they are on the bus).
void fill_sub_word(Fp* r, const vm::CycleRecord& c, uint32_t addr, uint32_t b, RangeCounts& ranges) {
  const uint32_t before = c.mem.prev_value, after = c.mem.value, offset = addr & 3;
  r[CpuAir::kO0 + offset] = Fp::one();
  for (uint32_t k = 0; k < 4; ++k) {
    r[CpuAir::kM0 + k] = Fp::from_u32((before >> (8 * k)) & 0xff);
    r[CpuAir::kN0 + k] = Fp::from_u32((after >> (8 * k)) & 0xff);
    ranges.add((before >> (8 * k)) & 0xff);
    ranges.add(((before >> (8 * k)) & 0xff) * 256);
  }
  if (c.op == Op::kSb || c.op == Op::kSh) {
    for (uint32_t k = 0; k < 2; ++k) {
      const uint32_t byte = (b >> (8 * k)) & 0xff;
      r[CpuAir::kS0 + k] = Fp::from_u32(byte);
      ranges.add(byte);
      ranges.add(byte * 256);
    }
    return;
  }
  const uint32_t byte = (before >> (8 * offset)) & 0xff, high = (before >> (8 * (offset + 1))) & 0xff;
  const uint32_t signed_part = (c.op == Op::kLb) ? byte : (c.op == Op::kLh) ? high : 0;
  if (c.op == Op::kLb || c.op == Op::kLh) {
    r[CpuAir::kLoadSign] = Fp::from_u32(signed_part >> 7);
    r[CpuAir::kLoadRest] = Fp::from_u32(signed_part & 0x7f);
    ranges.add(signed_part & 0x7f);
    ranges.add((signed_part & 0x7f) * 512);
  }
  // A load to x0 is dropped by the vm, but the chip still states the extended value.
  uint32_t value = 0;
  switch (c.op) {
    case Op::kLb: value = uint32_t(int32_t(int8_t(byte))); break;
    case Op::kLbu: value = byte; break;
    case Op::kLh: value = uint32_t(int32_t(int16_t(byte | high << 8))); break;
    default: value = byte | high << 8; break;
  }
  r[CpuAir::kCLo] = lo16(value);
  r[CpuAir::kCHi] = hi16(value);
}
}  // namespace

// MULH / MULHSU / MULHU: bytes of a, b and of the unsigned 64-bit product, carries, signs, borrows.
void fill_mul_high(Fp* r, Op op, uint32_t a, uint32_t b, uint32_t result, RangeCounts& ranges, ByteOpCounts& byte_ops) {
  const uint64_t product = uint64_t(a) * b;
  uint32_t carry = 0;
  for (uint32_t k = 0; k < 8; ++k) {
    if (k < 4) {
      const uint32_t ak = (a >> (8 * k)) & 0xff, bk = (b >> (8 * k)) & 0xff;
      r[CpuAir::kA0 + k] = Fp::from_u32(ak);
      r[CpuAir::kB0 + k] = Fp::from_u32(bk);
      r[CpuAir::kT0 + k] = Fp::from_u32(ak & bk);
      byte_ops.add(ByteOp::kAnd, ak, bk);
    }
    uint32_t column = carry;
    for (uint32_t i = (k > 3 ? k - 3 : 0); i <= std::min<uint32_t>(k, 3); ++i)
      column += ((a >> (8 * i)) & 0xff) * ((b >> (8 * (k - i))) & 0xff);
    const uint32_t byte = uint32_t(product >> (8 * k)) & 0xff;
    r[k < 4 ? CpuAir::kU0 + k : CpuAir::kH0 + (k - 4)] = Fp::from_u32(byte);
    byte_ops.add(ByteOp::kXor, byte, 0);
    carry = column >> 8;
    if (k < 7) {
      r[k < 4 ? CpuAir::kK0 + k : CpuAir::kK4 + (k - 4)] = Fp::from_u32(carry);
      ranges.add(carry);
    }
  }
  const uint32_t sa = (op != Op::kMulhu) ? a >> 31 : 0, sb = (op == Op::kMulh) ? b >> 31 : 0;
  if (op != Op::kMulhu) {
    r[CpuAir::kSignA] = Fp::from_u32(sa);
    r[CpuAir::kRestA] = Fp::from_u32((a >> 16) & 0x7fff);
    ranges.add((a >> 16) & 0x7fff);
    ranges.add(((a >> 16) & 0x7fff) * 2);
  }
  if (op == Op::kMulh) {
    r[CpuAir::kSignB] = Fp::from_u32(sb);
    r[CpuAir::kRestB] = Fp::from_u32((b >> 16) & 0x7fff);
    ranges.add((b >> 16) & 0x7fff);
    ranges.add(((b >> 16) & 0x7fff) * 2);
  }
  const uint32_t h = uint32_t(product >> 32);
  // c + sa b + sb a = h + beta 2^32, limb by limb.
  const uint32_t lo_sum = (result & 0xffff) + sa * (b & 0xffff) + sb * (a & 0xffff);
  const uint32_t beta0 = (lo_sum - (h & 0xffff)) >> 16;
  const uint32_t hi_sum = (result >> 16) + sa * (b >> 16) + sb * (a >> 16) + beta0;
  const uint32_t beta1 = (hi_sum - (h >> 16)) >> 16;
  r[CpuAir::kBeta0] = Fp::from_u32(beta0);
  r[CpuAir::kBeta1] = Fp::from_u32(beta1);
}

// y = -x mod 2^32 limb by limb: the carries of y_lo + x_lo and y_hi + x_hi + g_lo.
void negation_carries(Fp* r, uint32_t x, uint32_t y, CpuAir::Column g_lo, CpuAir::Column g_hi) {
  const uint32_t lo = ((y & 0xffff) + (x & 0xffff)) >> 16;
  r[g_lo] = Fp::from_u32(lo);
  r[g_hi] = Fp::from_u32(((y >> 16) + (x >> 16) + lo) >> 16);
}

// DIV / DIVU / REM / REMU: bytes of (|a|, |b|) for the signed ones, quotient and remainder of those,
// carries of q * b + r, [b != 0], signs and the conditional negations.
void fill_div(Fp* r, Op op, uint32_t orig_a, uint32_t orig_b, uint32_t result, RangeCounts& ranges, ByteOpCounts& byte_ops) {
  const bool is_signed_div = op == Op::kDiv || op == Op::kRem;
  const uint32_t a = is_signed_div && (orig_a >> 31) ? 0u - orig_a : orig_a;  // |a| for DIV/REM
  const uint32_t b = is_signed_div && (orig_b >> 31) ? 0u - orig_b : orig_b;
  if (is_signed_div) {
    const uint32_t sa = orig_a >> 31, sb = orig_b >> 31;
    r[CpuAir::kSignA] = Fp::from_u32(sa);
    r[CpuAir::kSignB] = Fp::from_u32(sb);
    r[CpuAir::kSignXor] = Fp::from_u32(sa ^ sb);
    for (const auto& [x, col] : {std::pair{orig_a, CpuAir::kRestA}, std::pair{orig_b, CpuAir::kRestB}}) {
      r[col] = Fp::from_u32((x >> 16) & 0x7fff);
      ranges.add((x >> 16) & 0x7fff);
      ranges.add(((x >> 16) & 0x7fff) * 2);
    }
    if (sa) negation_carries(r, orig_a, a, CpuAir::kGa0, CpuAir::kGa1);
    if (sb) negation_carries(r, orig_b, b, CpuAir::kGb0, CpuAir::kGb1);
    const uint32_t q = b == 0 ? 0xffffffffu : a / b, rem = b == 0 ? a : a % b;
    const uint32_t neg_q = (sa ^ sb) && b != 0, neg_out = op == Op::kDiv ? neg_q : sa;
    const uint32_t src = op == Op::kDiv ? q : rem;
    r[CpuAir::kNegQ] = Fp::from_u32(neg_q);
    r[CpuAir::kNegOut] = Fp::from_u32(neg_out);
    r[CpuAir::kSrcLo] = lo16(src);
    r[CpuAir::kSrcHi] = hi16(src);
    if (neg_out) negation_carries(r, src, result, CpuAir::kGo0, CpuAir::kGo1);
  }
  const uint32_t q = b == 0 ? 0xffffffffu : a / b, rem = b == 0 ? a : a % b;
  uint32_t carry = 0;
  for (uint32_t k = 0; k < 4; ++k) {
    const uint32_t ak = (a >> (8 * k)) & 0xff, bk = (b >> (8 * k)) & 0xff;
    const uint32_t qk = (q >> (8 * k)) & 0xff, rk = (rem >> (8 * k)) & 0xff;
    r[CpuAir::kA0 + k] = Fp::from_u32(ak);
    r[CpuAir::kB0 + k] = Fp::from_u32(bk);
    r[CpuAir::kT0 + k] = Fp::from_u32(ak & bk);
    r[CpuAir::kH0 + k] = Fp::from_u32(qk);
    r[CpuAir::kU0 + k] = Fp::from_u32(rk);
    byte_ops.add(ByteOp::kAnd, ak, bk);
    byte_ops.add(ByteOp::kXor, rk, 0);
    byte_ops.add(ByteOp::kXor, qk, 0);
    uint32_t column = carry + rk;
    for (uint32_t i = 0; i <= k; ++i) column += ((q >> (8 * i)) & 0xff) * ((b >> (8 * (k - i))) & 0xff);
    carry = column >> 8;
    if (k < 3) {
      r[CpuAir::kK0 + k] = Fp::from_u32(carry);
      ranges.add(carry);
    }
  }
  if (b != 0) {  // the inverse is of rs2's own limbs (b != 0 iff |b| != 0)
    r[CpuAir::kBNonzero] = Fp::one();
    if (orig_b & 0xffff) r[CpuAir::kInvLo] = lo16(orig_b).inverse();
    else r[CpuAir::kInvHi] = hi16(orig_b).inverse();
  }
  // d = rem - b and its borrows are filled by cpu_trace (columns kDLo, kDHi, kCarry0, kCarry1).
  const uint32_t d = b == 0 ? 0 : rem - b;
  ranges.add(d & 0xffff);
  ranges.add(d >> 16);
}

CpuTrace cpu_trace(const vm::SegmentRecord& s, uint32_t exit_code, RangeCounts& ranges, ByteOpCounts& byte_ops) {
  if (s.cycles.empty()) throw std::invalid_argument("cpu chip: a segment has at least one cycle");
  const uint32_t exit = s.halted ? exit_code : 0;
  const size_t height = std::max<size_t>(4, std::bit_ceil(s.cycles.size()));
  CpuTrace t{field::Matrix(CpuAir::kWidth, height),
             {Fp::from_u32(s.start_pc), Fp::from_u32(s.end_pc), Fp::from_u32(s.halted ? 1 : 0), lo16(exit), hi16(exit)}};
  if (s.end_pc >= kMaxProvablePc) throw std::invalid_argument("cpu chip: end pc above 2^30");
  std::vector<const vm::SyscallEvent*> event_of(s.cycles.size(), nullptr);
  for (const vm::SyscallEvent& e : s.syscalls) {
    if (e.cycle >= s.cycles.size() || s.cycles[e.cycle].op != Op::kEcall) throw std::invalid_argument("cpu chip: syscall event without its ecall");
    event_of[e.cycle] = &e;
  }
  for (size_t i = 0; i < height; ++i) {  // no shift: 2^0 in byte 0
    t.main.at(i, CpuAir::kPow) = Fp::one();
    t.main.at(i, CpuAir::kKb0) = Fp::one();
  }
  for (size_t i = 0; i < s.cycles.size(); ++i) {
    const vm::CycleRecord& c = s.cycles[i];
    if (c.pc >= kMaxProvablePc) throw std::invalid_argument("cpu chip: pc above 2^30");
    const auto sel = std::find_if(std::begin(kSelectors), std::end(kSelectors), [&](const Selector& x) { return x.op == c.op; });
    if (sel == std::end(kSelectors))
      throw std::invalid_argument(std::string("cpu chip: instruction '") + vm::traits(c.op).name + "' is not supported yet");
    CpuAir::Column selector = sel->column;
    vm::Decoded d = vm::decode(c.insn);
    if (c.op == Op::kEcall) {
      d.rs1 = 5;
      d.rs2 = 10;
      selector = ecall_column(c.rs1.value);
    }
    if ((selector == CpuAir::kIsHalt) != (s.halted && i + 1 == s.cycles.size()))
      throw std::invalid_argument("cpu chip: HALT must be exactly the last cycle of a halted segment");
    const uint32_t imm = uint32_t(d.imm);
    const uint32_t a = c.op == Op::kAuipc ? c.pc : (c.flags & vm::kHasRs1) ? c.rs1.value : 0;
    const bool b_is_imm = c.op == Op::kAddi || c.op == Op::kAuipc || c.op == Op::kSlti || c.op == Op::kSltiu ||
                          c.op == Op::kAndi || c.op == Op::kOri || c.op == Op::kXori || c.op == Op::kSlli || c.op == Op::kSrli || c.op == Op::kSrai;
    const uint32_t b = b_is_imm ? imm : (c.flags & vm::kHasRs2) ? c.rs2.value : 0;
    const bool is_signed = c.op == Op::kSlt || c.op == Op::kSlti || c.op == Op::kBlt || c.op == Op::kBge;
    uint32_t lt = 0;
    uint32_t result = 0, diff = 0, carry0 = 0, carry1 = 0;
    // x + y = z + carry1 * 2^32, limb by limb.
    auto add = [&](uint32_t x, uint32_t y) {
      carry0 = ((x & 0xffff) + (y & 0xffff)) >> 16;
      carry1 = ((x >> 16) + (y >> 16) + carry0) >> 16;
      return x + y;
    };
    switch (c.op) {
      case Op::kAdd:
      case Op::kAddi:
      case Op::kAuipc:
        result = add(a, b);
        if (c.op == Op::kAuipc) {
          ranges.add(a & 0xffff);
          ranges.add(a >> 16);
          ranges.add((a >> 16) * 4);
        }
        break;
      case Op::kSub: result = a - b; add(result, b); break;
      case Op::kSltu:
      case Op::kSltiu:
      case Op::kBltu:
      case Op::kBgeu:
      case Op::kSlt:
      case Op::kSlti:
      case Op::kBlt:
      case Op::kBge:
        diff = a - b;
        add(diff, b);
        lt = is_signed ? uint32_t(int32_t(a) < int32_t(b)) : carry1;
        result = lt;
        ranges.add(diff & 0xffff);
        ranges.add(diff >> 16);
        if (is_signed) {
          for (uint32_t x : {a, b}) {
            ranges.add((x >> 16) & 0x7fff);
            ranges.add(((x >> 16) & 0x7fff) * 2);
          }
        }
        break;
      case Op::kLw:
      case Op::kSw:
      case Op::kLb:
      case Op::kLbu:
      case Op::kLh:
      case Op::kLhu:
      case Op::kSb:
      case Op::kSh:
        diff = add(a, imm);
        if (diff < (1u << 16)) throw std::invalid_argument("cpu chip: loads/stores below 0x10000 are not supported");
        result = (c.flags & vm::kHasRd) ? c.rd.value : 0;
        ranges.add((diff & 0xffff) >> 2);
        ranges.add(diff & 0xfffc);
        ranges.add(diff >> 16);
        break;
      case Op::kLui: result = imm; break;
      case Op::kMul: result = a * b; break;
      case Op::kDivu:
      case Op::kRemu:
      case Op::kDiv:
      case Op::kRem: {
        const bool is_signed_div = c.op == Op::kDiv || c.op == Op::kRem;
        const uint32_t ua = is_signed_div && (a >> 31) ? 0u - a : a, ub = is_signed_div && (b >> 31) ? 0u - b : b;
        switch (c.op) {
          case Op::kDivu: result = b == 0 ? 0xffffffffu : a / b; break;
          case Op::kRemu: result = b == 0 ? a : a % b; break;
          case Op::kDiv:
            result = b == 0 ? 0xffffffffu : (a == 0x80000000u && b == 0xffffffffu) ? a : uint32_t(int32_t(a) / int32_t(b));
            break;
          default: result = b == 0 ? a : (a == 0x80000000u && b == 0xffffffffu) ? 0 : uint32_t(int32_t(a) % int32_t(b)); break;
        }
        if (ub != 0) {
          diff = ua % ub - ub;  // d = r - b: d + b = r + 2^32 (carry1 = 1) shows r < b
          add(diff, ub);
        }
        break;
      }
      case Op::kMulhu: result = uint32_t((uint64_t(a) * b) >> 32); break;
      case Op::kMulh: result = uint32_t(uint64_t(int64_t(int32_t(a)) * int64_t(int32_t(b))) >> 32); break;
      case Op::kMulhsu: result = uint32_t(uint64_t(int64_t(int32_t(a)) * int64_t(b)) >> 32); break;
      case Op::kSll:
      case Op::kSlli: result = a << (b & 31); break;
      case Op::kSrl:
      case Op::kSrli: result = a >> (b & 31); break;
      case Op::kSra:
      case Op::kSrai: result = uint32_t(int32_t(a) >> (b & 31)); break;
      case Op::kAnd:
      case Op::kAndi: result = a & b; break;
      case Op::kOr:
      case Op::kOri: result = a | b; break;
      case Op::kXor:
      case Op::kXori: result = a ^ b; break;
      case Op::kJal:
      case Op::kJalr:
        result = c.pc + 4;
        ranges.add(result & 0xffff);
        ranges.add(result >> 16);
        ranges.add((result >> 16) * 4);
        if (c.op == Op::kJalr) {
          diff = add(a, imm);
          if (diff >= kMaxProvablePc) throw std::invalid_argument("cpu chip: jalr target above 2^30");
          ranges.add(diff >> 16);
          ranges.add((diff >> 16) * 4);
          ranges.add((diff & 0xffff) >> 1);
          ranges.add(diff & 0xfffe);
        }
        break;
      case Op::kEcall:
        switch (c.rs1.value) {
          case OP_SYS_INPUT_LEN: result = c.rd.value; break;  // the value the call wrote to a0
          case OP_SYS_READ:
          case OP_SYS_COMMIT:
          case OP_SYS_WRITE:
            result = syscall_register_read(event_of[i], 0, 11);  // a1 in c
            if (c.rs1.value == OP_SYS_WRITE) diff = syscall_register_read(event_of[i], 1, 12);  // a2 in d
            break;
          default: break;
        }
        break;
      default: break;
    }
    Fp* r = t.main.row(i);
    r[CpuAir::kIsReal] = Fp::one();
    r[CpuAir::kPc] = Fp::from_u32(c.pc);
    r[CpuAir::kNextPc] = Fp::from_u32(c.next_pc);
    r[CpuAir::kTs] = Fp::from_u32(vm::cycle_timestamp(uint32_t(i)));
    r[CpuAir::kOpcode] = Fp::from_u32(uint32_t(c.op));
    r[CpuAir::kRd] = Fp::from_u32(d.rd);
    r[CpuAir::kRs1] = Fp::from_u32(d.rs1);
    r[CpuAir::kRs2] = Fp::from_u32(d.rs2);
    r[CpuAir::kImmLo] = lo16(imm);
    r[CpuAir::kImmHi] = hi16(imm);
    r[CpuAir::kImm] = imm_field(d.imm);
    r[selector] = Fp::one();
    r[CpuAir::kALo] = lo16(a);
    r[CpuAir::kAHi] = hi16(a);
    r[CpuAir::kBLo] = lo16(b);
    r[CpuAir::kBHi] = hi16(b);
    r[CpuAir::kCLo] = lo16(result);
    r[CpuAir::kCHi] = hi16(result);
    r[CpuAir::kCarry0] = Fp::from_u32(carry0);
    r[CpuAir::kCarry1] = Fp::from_u32(carry1);
    if (d.rd != 0) {
      r[CpuAir::kRdNonzero] = Fp::one();
      r[CpuAir::kRdInv] = Fp::from_u32(d.rd).inverse();
    }
    r[CpuAir::kLt] = Fp::from_u32(lt);
    const vm::Family family = vm::traits(c.op).family;
    const bool bitwise = family == vm::Family::kAlu && c.op != Op::kAdd && c.op != Op::kSub && c.op != Op::kAddi;
    const bool arith = c.op == Op::kSra || c.op == Op::kSrai;
    const bool right = c.op == Op::kSrl || c.op == Op::kSrli || arith;
    if (c.op == Op::kSll || c.op == Op::kSlli || right) {
      const uint32_t sh = b & 31;
      for (uint32_t bit = 0; bit < 5; ++bit) r[CpuAir::kSh0 + bit] = Fp::from_u32((sh >> bit) & 1);
      r[CpuAir::kPow] = Fp::from_u32(1u << (sh & 7));
      r[CpuAir::kKb0] = Fp::zero();
      r[CpuAir::kKb0 + (sh >> 3)] = Fp::one();
      if (c.op == Op::kSll || c.op == Op::kSrl || c.op == Op::kSra) {
        r[CpuAir::kShQ] = Fp::from_u32((b & 0xffff) >> 5);
        ranges.add((b & 0xffff) >> 5);
        ranges.add(b & 0xffe0);
      }
    }
    if (c.op == Op::kMul || c.op == Op::kSll || c.op == Op::kSlli) {
      // The multiplier: rs2 for MUL, 2^sh for the shifts.
      const uint32_t multiplier = c.op == Op::kMul ? b : 1u << (b & 31);
      uint32_t carry = 0;
      for (uint32_t k = 0; k < 4; ++k) {
        const uint32_t ak = (a >> (8 * k)) & 0xff, bk = (multiplier >> (8 * k)) & 0xff;
        r[CpuAir::kA0 + k] = Fp::from_u32(ak);
        r[CpuAir::kB0 + k] = Fp::from_u32(bk);
        r[CpuAir::kC0 + k] = Fp::from_u32((result >> (8 * k)) & 0xff);
        r[CpuAir::kT0 + k] = Fp::from_u32(ak & bk);
        byte_ops.add(ByteOp::kAnd, ak, bk);
        byte_ops.add(ByteOp::kXor, (result >> (8 * k)) & 0xff, 0);
        uint32_t column = carry;
        for (uint32_t i = 0; i <= k; ++i) column += ((a >> (8 * i)) & 0xff) * ((multiplier >> (8 * (k - i))) & 0xff);
        carry = column >> 8;
        r[CpuAir::kK0 + k] = Fp::from_u32(carry);
        ranges.add(carry);
      }
    }
    if (right) {  // c' * 2^sh = u = a' & ~(2^sh - 1), a' = a or ~a (negative SRA), c' = a' >> sh
      const uint32_t flip = (arith && (a >> 31)) ? 0xffffffffu : 0;
      const uint32_t sh = b & 31, multiplier = 1u << sh, u = (a ^ flip) & ~(multiplier - 1);
      const uint32_t shifted = (a ^ flip) >> sh;
      if (arith) {
        r[CpuAir::kSignA] = Fp::from_u32(a >> 31);
        r[CpuAir::kRestA] = Fp::from_u32((a >> 16) & 0x7fff);
        ranges.add((a >> 16) & 0x7fff);
        ranges.add(((a >> 16) & 0x7fff) * 2);
      }
      uint32_t carry = 0;
      for (uint32_t k = 0; k < 4; ++k) {
        const uint32_t ak = (a >> (8 * k)) & 0xff, ck = (shifted >> (8 * k)) & 0xff;
        const uint32_t not_mask = (~(multiplier - 1) >> (8 * k)) & 0xff;
        r[CpuAir::kA0 + k] = Fp::from_u32(ak);
        r[CpuAir::kB0 + k] = Fp::from_u32((multiplier >> (8 * k)) & 0xff);
        r[CpuAir::kC0 + k] = Fp::from_u32(ck);
        r[CpuAir::kU0 + k] = Fp::from_u32((u >> (8 * k)) & 0xff);
        byte_ops.add(ByteOp::kAnd, ak ^ (flip & 0xff), not_mask);
        byte_ops.add(ByteOp::kXor, ck, 0);
        uint32_t column = carry;
        for (uint32_t i = 0; i <= k; ++i) column += ((shifted >> (8 * i)) & 0xff) * ((multiplier >> (8 * (k - i))) & 0xff);
        carry = column >> 8;
        r[CpuAir::kK0 + k] = Fp::from_u32(carry);
        if (k < 3) ranges.add(carry);
      }
    }
    if (c.op == Op::kMulh || c.op == Op::kMulhsu || c.op == Op::kMulhu) fill_mul_high(r, c.op, a, b, result, ranges, byte_ops);
    if (c.op == Op::kDiv || c.op == Op::kDivu || c.op == Op::kRem || c.op == Op::kRemu) fill_div(r, c.op, a, b, result, ranges, byte_ops);
    if (bitwise) {
      const ByteOp op = (c.op == Op::kAnd || c.op == Op::kAndi) ? ByteOp::kAnd
                        : (c.op == Op::kOr || c.op == Op::kOri)  ? ByteOp::kOr
                                                                  : ByteOp::kXor;
      for (uint32_t k = 0; k < 4; ++k) {
        const uint32_t ab = (a >> (8 * k)) & 0xff, bb = (b >> (8 * k)) & 0xff;
        r[CpuAir::kA0 + k] = Fp::from_u32(ab);
        r[CpuAir::kB0 + k] = Fp::from_u32(bb);
        r[CpuAir::kC0 + k] = Fp::from_u32((result >> (8 * k)) & 0xff);
        byte_ops.add(op, ab, bb);
      }
    }
    if (is_signed) {
      r[CpuAir::kSignA] = Fp::from_u32(a >> 31);
      r[CpuAir::kSignB] = Fp::from_u32(b >> 31);
      r[CpuAir::kRestA] = Fp::from_u32((a >> 16) & 0x7fff);
      r[CpuAir::kRestB] = Fp::from_u32((b >> 16) & 0x7fff);
      r[CpuAir::kSignXor] = Fp::from_u32((a >> 31) ^ (b >> 31));
    }
    r[CpuAir::kDLo] = lo16(diff);
    r[CpuAir::kDHi] = hi16(diff);
    if (family == vm::Family::kLoad || family == vm::Family::kStore) {
      r[CpuAir::kWordLo] = Fp::from_u32((diff & 0xffff) >> 2);
      r[CpuAir::kDHiInv] = Fp::from_u32(diff >> 16).inverse();
      if (c.op == Op::kLw && !(c.flags & vm::kHasRd)) {  // lw x0: the value only goes to the bus
        r[CpuAir::kCLo] = lo16(c.mem.value);
        r[CpuAir::kCHi] = hi16(c.mem.value);
      }
      if (c.op != Op::kLw && c.op != Op::kSw) fill_sub_word(r, c, diff, b, ranges);
    }
    if (c.op == Op::kJalr) {
      r[CpuAir::kHalf] = Fp::from_u32((diff & 0xffff) >> 1);
      r[CpuAir::kBit0] = Fp::from_u32(diff & 1);
    }
    if ((c.op == Op::kBne || c.op == Op::kBeq) && a != b) {
      r[CpuAir::kNeq] = Fp::one();
      if ((a & 0xffff) != (b & 0xffff)) r[CpuAir::kInvLo] = (lo16(a) - lo16(b)).inverse();
      else r[CpuAir::kInvHi] = (hi16(a) - hi16(b)).inverse();
    }
    const bool taken = (c.op == Op::kBne && a != b) || (c.op == Op::kBeq && a == b) ||
                       (c.op == Op::kBltu && a < b) || (c.op == Op::kBgeu && a >= b) ||
                       (c.op == Op::kBlt && int32_t(a) < int32_t(b)) || (c.op == Op::kBge && int32_t(a) >= int32_t(b));
    if (taken) r[CpuAir::kTaken] = Fp::one();
    if (c.op == Op::kEcall && (c.rs1.value == OP_SYS_READ || c.rs1.value == OP_SYS_COMMIT) && result != 0) {
      r[CpuAir::kLenNonzero] = Fp::one();
      if (result & 0xffff) r[CpuAir::kInvLo] = lo16(result).inverse();
      else r[CpuAir::kInvHi] = hi16(result).inverse();
    }
  }
  return t;
}

}  // namespace oneproof::chips
