#include "chips/syscall_io.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

#include "oneproof/syscalls.h"

namespace oneproof::chips {
namespace {
using air::Expr;
using C = SyscallIoAir;

constexpr uint32_t kMinBufferAddress = 1u << 16;  // as the CPU's loads and stores
constexpr uint32_t kMaxLength = 1u << 30;         // n_hi < 2^14: rem never wraps the field
constexpr uint32_t kMaxTsGap = 1u << 24;
}  // namespace

void SyscallIoAir::eval(air::AirBuilder& b) const {
  auto col = [&](Column c) { return b.local(c); };
  const Expr is_real = col(kIsReal), is_commit = col(kIsCommit), first = col(kFirst), last = col(kLast);
  const Expr ts = col(kTs), addr = col(kAddr), rem = col(kRem), pub = col(kPubIdx), has_next_call = col(kHasNextCall);
  const Expr o[4] = {col(kO0), col(kO1), col(kO2), col(kO3)};
  const Expr k[4] = {col(kK0), col(kK1), col(kK2), col(kK3)};
  const Expr m[4] = {col(kM0), col(kM1), col(kM2), col(kM3)};
  const Expr v[4] = {col(kV0), col(kV1), col(kV2), col(kV3)};
  const Expr t[4] = {col(kT0), col(kT1), col(kT2), col(kT3)};

  for (const Expr& flag : {is_real, is_commit, first, last, has_next_call}) b.assert_bool(flag, "flag is boolean");
  for (const Expr& x : o) b.assert_bool(x, "offset flag is boolean");
  for (const Expr& x : k) b.assert_bool(x, "mask bit is boolean");
  b.assert_zero(is_commit * (1 - is_real), "padding commits nothing");

  // Row structure: real rows are a prefix; a call's rows are consecutive from its first row to its
  // last; a real row that is not a call's first row continues the call of the row before it. These
  // also keep `first` and `last` off padding rows: a padding row with last = 1 has within = -1,
  // which asks for a real row after it (or, as the table's last row, fails there); one with first = 1
  // follows a row that does not go on (real_next - first_next = -1 != 0) or is row 0 (first = real).
  const Expr within = is_real - last;  // the call goes on in the next row
  const Expr next_real = b.next(kIsReal), next_first = b.next(kFirst);
  b.when_transition().assert_zero(next_real * (1 - is_real), "real rows are a prefix");
  b.when_first_row().assert_eq(is_real, first, "row 0 starts a call (if real)");
  b.when_last_row().assert_zero(within, "the table's last row ends its call");
  // next_real - next_first = [next row continues a call] (first implies real).
  b.when_transition().assert_zero((next_real - next_first) * (1 - within), "a continuation row follows its call");
  b.when_transition().when(within).assert_eq(next_real, 1u, "the call goes on");
  b.when_transition().when(within).assert_zero(next_first, "the call goes on without a new call");
  b.when_transition().when(within).assert_eq(b.next(kAddr), addr + 1, "consecutive words");
  b.when_transition().when(within).assert_eq(b.next(kTs), ts, "one timestamp per call");
  b.when_transition().when(within).assert_eq(b.next(kIsCommit), is_commit, "one kind per call");

  // The call: (is_commit, ts, ptr, n) from the CPU; ptr = 4 (q + 2^14 ptr_hi) + offset, ptr_hi != 0.
  const Expr ptr_lo = col(kPtrLo), ptr_hi = col(kPtrHi), n_lo = col(kNLo), n_hi = col(kNHi), q = col(kQ);
  b.receive(BUS_SYSCALL_IO, {is_commit, ts, ptr_lo, ptr_hi, n_lo, n_hi}, first, "the CPU's call");
  b.assert_eq(o[0] + o[1] + o[2] + o[3], first, "one offset on a call's first row");
  b.when(first).assert_eq(ptr_lo, q * 4 + o[1] + o[2] * 2 + o[3] * 3, "pointer = 4 word + offset");
  b.when(first).assert_eq(addr, q + ptr_hi * 16384, "first word index");
  b.when(first).assert_eq(ptr_hi * col(kPtrHiInv), 1u, "buffer at or above 0x10000");
  b.send(BUS_RANGE16, {q}, first, "pointer word lo");
  b.send(BUS_RANGE16, {q * 4}, first, "pointer word lo < 2^14");
  b.send(BUS_RANGE16, {n_hi * 4}, first, "n < 2^30");  // n_lo, n_hi, ptr limbs: range-checked register values

  // Mask: contiguous; from the pointer's offset on the first row, from byte 0 after it, to byte 3
  // before the last row.
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j)
      for (int l = j + 1; l < 4; ++l) b.assert_zero(k[i] * (1 - k[j]) * k[l], "mask is contiguous");
  for (int j = 0; j < 4; ++j) {
    Expr later = b.constant(0u);
    for (int i = j + 1; i < 4; ++i) later = later + o[i];
    b.assert_zero(k[j] * later, "no byte before the pointer");
  }
  b.assert_eq(o[0] * k[0] + o[1] * k[1] + o[2] * k[2] + o[3] * k[3], first, "the pointer's byte is in");
  b.when(is_real - first).assert_eq(k[0], 1u, "later words start at byte 0");
  b.when(within).assert_eq(k[3], 1u, "earlier words end at byte 3");
  const Expr count = k[0] + k[1] + k[2] + k[3];
  b.when(first).assert_eq(rem, n_lo + n_hi * 65536, "the call's n bytes");
  b.when_transition().when(within).assert_eq(b.next(kRem), rem - count, "bytes left");
  b.when(last).assert_eq(rem, count, "the last word holds the last bytes");

  // The word: bytes before and after, only masked bytes change, COMMIT changes nothing.
  for (int j = 0; j < 4; ++j) {
    b.send(BUS_BYTE_OP, {b.constant(uint32_t(ByteOp::kAnd)), m[j], v[j], t[j]}, is_real, "word bytes");
    b.assert_zero((1 - k[j]) * (v[j] - m[j]), "bytes outside the buffer keep their value");
    b.assert_zero(is_commit * (v[j] - m[j]), "commit leaves memory as it is");
  }
  b.send(BUS_SYSCALL_MEM, {addr, ts, m[0] + m[1] * 256, m[2] + m[3] * 256, v[0] + v[1] * 256, v[2] + v[3] * 256}, is_real,
         "the word access");

  // Public values: committed bytes in order from commit_start to commit_end.
  Expr rank = b.constant(0u);
  for (int j = 0; j < 4; ++j) {
    b.send(BUS_PUBLIC_VALUES, {pub + rank, m[j]}, is_commit * k[j], "committed byte");
    rank = rank + k[j];
  }
  b.when_first_row().assert_eq(pub, b.public_value(kCommitStart), "commits start at commit_start");
  b.when_transition().assert_eq(b.next(kPubIdx), pub + is_commit * count, "commit index runs on");
  b.when_last_row().assert_eq(pub + is_commit * count, b.public_value(kCommitEnd), "commits end at commit_end");

  // Calls in execution order: a call's timestamp exceeds the previous call's.
  b.when_transition().assert_eq(has_next_call, next_first, "has_next_call = next row starts a call");
  b.when_last_row().assert_zero(has_next_call, "no call after the last row");
  const Expr gap_lo = col(kTsGapLo), gap_hi = col(kTsGapHi);
  b.when(has_next_call).assert_eq(b.next(kTs) - ts - 1, gap_lo + gap_hi * 65536, "calls in execution order");
  b.send(BUS_RANGE16, {gap_lo}, has_next_call, "timestamp gap lo");
  b.send(BUS_RANGE16, {gap_hi}, has_next_call, "timestamp gap hi");
  b.send(BUS_RANGE16, {gap_hi * 256}, has_next_call, "timestamp gap < 2^24");
}

SyscallIoTrace syscall_io_trace(const vm::SegmentRecord& s, uint32_t commit_start, RangeCounts& ranges, ByteOpCounts& byte_ops) {
  struct Call {
    const vm::SyscallEvent* event;
    uint32_t ptr, n;
  };
  std::vector<Call> calls;
  size_t rows = 0;
  for (const vm::SyscallEvent& e : s.syscalls) {
    if (e.number != OP_SYS_READ && e.number != OP_SYS_COMMIT) continue;
    const std::string where = "syscall I/O at cycle " + std::to_string(e.cycle) + ": ";
    if (e.cycle >= s.cycles.size() || e.accesses.empty() || e.accesses[0].addr != 11 || e.accesses[0].is_write)
      throw std::invalid_argument(where + "malformed record");
    const uint32_t ptr = s.cycles[e.cycle].rs2.value, n = e.accesses[0].value;
    const size_t words = n == 0 ? 0 : ((ptr & 3) + uint64_t(n) + 3) / 4;
    if (e.accesses.size() != 1 + words) throw std::invalid_argument(where + "word count does not cover the buffer");
    if (n == 0) continue;
    if (ptr < kMinBufferAddress) throw std::invalid_argument(where + "buffers below 0x10000 cannot be proven");
    if (n >= kMaxLength) throw std::invalid_argument(where + "lengths of 2^30 bytes or more cannot be proven");
    if (uint64_t(ptr) + n > (uint64_t(1) << 32)) throw std::invalid_argument(where + "buffer wraps the address space");
    for (size_t w = 0; w < words; ++w) {
      const vm::Access& a = e.accesses[1 + w];
      if (a.addr != (ptr & ~3u) + 4 * w || a.ts != e.accesses[1].ts || (e.number == OP_SYS_COMMIT && a.value != a.prev_value))
        throw std::invalid_argument(where + "word accesses are not the buffer's words");
    }
    calls.push_back({&e, ptr, n});
    rows += words;
  }

  SyscallIoTrace out{field::Matrix(C::kWidth, std::max<size_t>(4, std::bit_ceil(std::max<size_t>(rows, 1)))), {}, commit_start};
  size_t row = 0;
  uint32_t pub = commit_start;
  for (size_t ci = 0; ci < calls.size(); ++ci) {
    const Call& call = calls[ci];
    const bool commit = call.event->number == OP_SYS_COMMIT;
    const uint32_t ts = call.event->accesses[1].ts;
    uint32_t rem = call.n;
    for (size_t w = 0; w + 1 < call.event->accesses.size(); ++w, ++row) {
      const vm::Access& a = call.event->accesses[1 + w];
      Fp* r = out.main.row(row);
      const bool first = w == 0, last = w + 2 == call.event->accesses.size();
      r[C::kIsReal] = Fp::one();
      r[C::kIsCommit] = Fp::from_u32(commit);
      r[C::kFirst] = Fp::from_u32(first);
      r[C::kLast] = Fp::from_u32(last);
      r[C::kTs] = Fp::from_u32(ts);
      r[C::kAddr] = Fp::from_u32(a.addr >> 2);
      r[C::kRem] = Fp::from_u32(rem);
      r[C::kPubIdx] = Fp::from_u32(pub);
      if (first) {
        const uint32_t q = (call.ptr & 0xffff) >> 2;
        r[C::kPtrLo] = lo16(call.ptr);
        r[C::kPtrHi] = hi16(call.ptr);
        r[C::kPtrHiInv] = hi16(call.ptr).inverse();
        r[C::kNLo] = lo16(call.n);
        r[C::kNHi] = hi16(call.n);
        r[C::kQ] = Fp::from_u32(q);
        r[C::kO0 + (call.ptr & 3)] = Fp::one();
        ranges.add(q);
        ranges.add(4 * q);
        ranges.add((call.n >> 16) * 4);
      }
      uint32_t count = 0;
      for (uint32_t j = 0; j < 4; ++j) {
        const uint64_t byte_addr = uint64_t(a.addr) + j;
        const bool in = byte_addr >= call.ptr && byte_addr < uint64_t(call.ptr) + call.n;
        const uint32_t before = (a.prev_value >> (8 * j)) & 0xff, after = (a.value >> (8 * j)) & 0xff;
        if (!in && before != after) throw std::invalid_argument("syscall I/O: a byte outside the buffer changed");
        r[C::kK0 + j] = Fp::from_u32(in);
        r[C::kM0 + j] = Fp::from_u32(before);
        r[C::kV0 + j] = Fp::from_u32(after);
        r[C::kT0 + j] = Fp::from_u32(before & after);
        byte_ops.add(ByteOp::kAnd, before, after);
        count += in;
      }
      rem -= count;
      if (commit) pub += count;
      if (last && ci + 1 < calls.size()) {
        const uint32_t next_ts = calls[ci + 1].event->accesses[1].ts;
        if (next_ts <= ts || next_ts - ts - 1 >= kMaxTsGap) throw std::invalid_argument("syscall I/O: calls out of order");
        const uint32_t gap = next_ts - ts - 1;
        r[C::kHasNextCall] = Fp::one();
        r[C::kTsGapLo] = Fp::from_u32(gap & 0xffff);
        r[C::kTsGapHi] = Fp::from_u32(gap >> 16);
        ranges.add(gap & 0xffff);
        ranges.add(gap >> 16);
        ranges.add((gap >> 16) * 256);
      }
    }
  }
  for (; row < out.main.height; ++row) out.main.at(row, C::kPubIdx) = Fp::from_u32(pub);
  out.commit_end = pub;
  out.publics = {Fp::from_u32(commit_start), Fp::from_u32(pub)};
  return out;
}

}  // namespace oneproof::chips
