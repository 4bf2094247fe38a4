#include "chips/memory.h"

#include <bit>
#include <stdexcept>

#include "chips/syscall_buses.h"

namespace oneproof::chips {
namespace {
using air::Expr;

size_t padded_height(size_t rows) { return std::max<size_t>(4, std::bit_ceil(std::max<size_t>(rows, 1))); }

// f(access, requested_by_a_syscall_chip)
template <class F>
void for_each_access(const vm::SegmentRecord& s, F&& f) {
  for (const vm::CycleRecord& c : s.cycles) {
    if (c.flags & vm::kHasRs1) f(c.rs1, false);
    if (c.flags & vm::kHasRs2) f(c.rs2, false);
    if (c.flags & vm::kHasMem) f(c.mem, false);
    if (c.flags & vm::kHasRd) f(c.rd, false);
  }
  for (const vm::SyscallEvent& e : s.syscalls)
    for (const vm::Access& a : e.accesses) f(a, a.addr >= 32);
}
}  // namespace

void MemoryAccessAir::eval(air::AirBuilder& b) const {
  const Expr addr = b.local(kAddr), prev_lo = b.local(kPrevLo), prev_hi = b.local(kPrevHi), prev_ts = b.local(kPrevTs);
  const Expr lo = b.local(kLo), hi = b.local(kHi), ts = b.local(kTs);
  const Expr diff_lo = b.local(kDiffLo), diff_hi = b.local(kDiffHi), is_real = b.local(kIsReal);
  b.assert_bool(is_real, "is_real is boolean");
  if (bound_) {
    const Expr is_write = b.local(kIsWrite), is_syscall = b.local(kIsSyscall);
    b.assert_bool(is_write, "is_write is boolean");
    b.assert_bool(is_syscall, "is_syscall is boolean");
    b.assert_zero(is_syscall * (1 - is_real), "only real rows serve a syscall chip");
    const Expr by_cpu = is_real - is_syscall;  // boolean, given the two above
    // Read-only cells: no CPU store, and a syscall chip leaves them as they were.
    const Expr read_only = 1 - b.local(kWritable);
    b.when(by_cpu).assert_zero(is_write * read_only, "no store to read-only memory");
    b.when(is_syscall).assert_zero(read_only * (lo - prev_lo), "a syscall does not change read-only memory (lo)");
    b.when(is_syscall).assert_zero(read_only * (hi - prev_hi), "a syscall does not change read-only memory (hi)");
    b.when(by_cpu).when(1 - is_write).assert_eq(lo, prev_lo, "a read keeps the value (lo)");
    b.when(by_cpu).when(1 - is_write).assert_eq(hi, prev_hi, "a read keeps the value (hi)");
    b.receive(BUS_ACCESS, {addr, ts, lo, hi, is_write}, by_cpu, "the access the CPU requested");
    b.receive(BUS_SYSCALL_MEM, {addr, ts, prev_lo, prev_hi, lo, hi}, is_syscall, "the access a syscall chip requested");
  }
  // ts > prev_ts: ts - prev_ts - 1 = diff_lo + 2^16 diff_hi with diff_lo < 2^16, diff_hi < 2^8.
  b.when(is_real).assert_eq(ts - prev_ts - 1, diff_lo + diff_hi * 65536, "timestamp increases");
  const Expr w = b.local(kWritable);
  b.receive(BUS_MEMORY, {addr, prev_lo, prev_hi, prev_ts, w}, is_real, "consume previous state");
  b.send(BUS_MEMORY, {addr, lo, hi, ts, w}, is_real, "produce new state");
  b.send(BUS_RANGE16, {lo}, is_real, "value lo limb");
  b.send(BUS_RANGE16, {hi}, is_real, "value hi limb");
  b.send(BUS_RANGE16, {diff_lo}, is_real, "ts gap lo");
  b.send(BUS_RANGE16, {diff_hi}, is_real, "ts gap hi");
  b.send(BUS_RANGE16, {diff_hi * 256}, is_real, "ts gap hi < 2^8");
}

field::Matrix access_trace(const vm::SegmentRecord& s, const MemoryLayout& layout, RangeCounts& ranges) {
  size_t accesses = 0;
  for_each_access(s, [&](const vm::Access&, bool) { ++accesses; });
  struct { field::Matrix access; } t{field::Matrix(MemoryAccessAir::kWidth, padded_height(accesses))};

  size_t row = 0;
  for_each_access(s, [&](const vm::Access& a, bool by_syscall_chip) {
    using C = MemoryAccessAir;
    if (a.ts <= a.prev_ts) throw std::invalid_argument("memory_traces: access timestamps do not increase");
    const uint32_t diff = a.ts - a.prev_ts - 1;
    if (diff >= (1u << 24)) throw std::invalid_argument("memory_traces: timestamp gap exceeds 2^24");
    Fp* r = t.access.row(row++);
    r[C::kAddr] = Fp::from_u32(word_index(a.addr));
    r[C::kPrevLo] = lo16(a.prev_value);
    r[C::kPrevHi] = hi16(a.prev_value);
    r[C::kPrevTs] = Fp::from_u32(a.prev_ts);
    r[C::kLo] = lo16(a.value);
    r[C::kHi] = hi16(a.value);
    r[C::kTs] = Fp::from_u32(a.ts);
    r[C::kDiffLo] = Fp::from_u32(diff & 0xffff);
    r[C::kDiffHi] = Fp::from_u32(diff >> 16);
    r[C::kIsReal] = Fp::one();
    r[C::kIsWrite] = Fp::from_u32(a.is_write ? 1 : 0);
    r[C::kIsSyscall] = Fp::from_u32(by_syscall_chip ? 1 : 0);
    r[C::kWritable] = Fp::from_u32(layout.writable(word_index(a.addr)) ? 1 : 0);
    ranges.add(a.value & 0xffff);
    ranges.add(a.value >> 16);
    ranges.add(diff & 0xffff);
    ranges.add(diff >> 16);
    ranges.add((diff >> 16) * 256);
  });

  return std::move(t.access);
}

MemoryTraces memory_traces(const vm::SegmentRecord& s, const MemoryLayout& layout, RangeCounts& ranges) {
  field::Matrix access = access_trace(s, layout, ranges);
  return {std::move(access), boundary_trace(s, 1, std::vector<uint32_t>(s.initial.size(), 0), layout, ranges)};
}

}  // namespace oneproof::chips
