#include "chip_test_harness.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "air/checker.h"
#include "chips/keccak/keccak_trace.h"
#include "oneproof/syscalls.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

namespace oneproof::chips::harness {

void GlobalMemoryStandInAir::eval(air::AirBuilder& b) const {
  const air::Expr is_real = b.local(kIsReal);
  b.send(BUS_GLOBAL_MEMORY, {b.local(kAddr), b.local(kInitLo), b.local(kInitHi), b.constant(0u), b.local(kWritable)}, is_real, "initial image");
  b.receive(BUS_GLOBAL_MEMORY, {b.local(kAddr), b.local(kFinalLo), b.local(kFinalHi), b.constant(1u), b.local(kWritable)}, is_real, "final image");
}

void PublicValuesStandInAir::eval(air::AirBuilder& b) const {
  b.receive(BUS_PUBLIC_VALUES, {b.local(kIndex), b.local(kByte)}, b.local(kIsReal), "public value");
}

// Words kSyscallBuf + 4i (i < 20) hold 0xa0b0c0d0 + i * 0x01010101, so partly covered words have
// bytes worth keeping. Then: INPUT_LEN (stored at +0x60); READ 10 bytes to +5 (partial words at both
// ends), READ 0 bytes, READ 2 bytes to +0x41 (inside one word); COMMIT 7 bytes from +6, COMMIT 0
// bytes, COMMIT the word at +0x40; WRITE 5 bytes to stdout; KECCAK_PERMUTE the state at +0x100 (two
// nonzero words); COMMIT its first 8 bytes; HALT(3). WRITE's fd is loaded from the word at +0x70
// (1 in the ELF's data).
vm::Program syscall_program() {
  namespace reg = vm::testing::reg;
  vm::testing::Assembler a;
  a.li(6, kSyscallBuf);
  for (uint32_t i = 0; i < 20; ++i) {
    a.li(7, 0xa0b0c0d0u + i * 0x01010101u);
    a.sw(7, 6, int32_t(4 * i));
  }
  a.syscall(OP_SYS_INPUT_LEN);
  a.sw(reg::a0, 6, 0x60);
  auto call = [&](uint32_t number, uint32_t a0, uint32_t a1) {
    a.li(reg::a0, a0);
    a.li(reg::a1, a1);
    a.syscall(number);
  };
  call(OP_SYS_READ, kSyscallBuf + 5, 10);
  call(OP_SYS_READ, kSyscallBuf + 0x30, 0);
  call(OP_SYS_READ, kSyscallBuf + 0x41, 2);
  call(OP_SYS_COMMIT, kSyscallBuf + 6, 7);
  call(OP_SYS_COMMIT, kSyscallBuf, 0);
  call(OP_SYS_COMMIT, kSyscallBuf + 0x40, 4);
  a.lw(reg::a0, 6, 0x70);  // fd 1, from the ELF's data
  a.li(reg::a1, kSyscallBuf);
  a.li(reg::a2, 5);
  a.syscall(OP_SYS_WRITE);
  a.li(7, 0x12345678);
  a.sw(7, 6, 0x100);
  a.sw(7, 6, 0x1c4);
  a.li(reg::a0, kSyscallBuf + 0x100);
  a.syscall(OP_SYS_KECCAK_PERMUTE);
  call(OP_SYS_COMMIT, kSyscallBuf + 0x100, 8);
  a.li(reg::a0, 3);
  a.halt();
  std::vector<uint8_t> data(0x74, 0);
  data[0x70] = 1;
  return vm::load_elf(vm::testing::simple_elf(a.words, 0x1000, data));
}

std::vector<uint8_t> syscall_input() { return {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc}; }

SegmentMachine::SegmentMachine(vm::Program p) : program(std::move(p)), layout(memory_layout(program)), rom(program) {
  airs = {&cpu, &rom, &access, &boundary, &range, &byte_ops, &io, &keccak, &global_memory, &public_values};
  for (const air::Air* a : airs) {
    compiled.push_back(air::compile(*a));
    pre.push_back(a->preprocessed_trace());
  }
}

namespace {
size_t padded(size_t rows) { return std::max<size_t>(4, std::bit_ceil(std::max<size_t>(rows, 1))); }
}  // namespace

Witness build(const SegmentMachine& m, const vm::SegmentRecord& s, uint32_t exit_code, std::span<const uint8_t> public_values) {
  RangeCounts ranges;
  ByteOpCounts byte_ops;
  CpuTrace cpu = cpu_trace(s, exit_code, ranges, byte_ops);
  field::Matrix access = access_trace(s, m.layout, ranges);
  field::Matrix boundary = boundary_trace(s, 1, std::vector<uint32_t>(s.initial.size(), 0), m.layout, ranges);
  SyscallIoTrace io = syscall_io_trace(s, 0, ranges, byte_ops);
  field::Matrix keccak = keccak::keccak_trace(keccak::keccak_events(s), ranges);

  field::Matrix global(GlobalMemoryStandInAir::kWidth, padded(s.initial.size()));
  for (size_t i = 0; i < s.initial.size(); ++i) {
    using G = GlobalMemoryStandInAir;
    global.at(i, G::kAddr) = Fp::from_u32(word_index(s.initial[i].addr));
    global.at(i, G::kInitLo) = lo16(s.initial[i].value);
    global.at(i, G::kInitHi) = hi16(s.initial[i].value);
    global.at(i, G::kFinalLo) = lo16(s.final[i].value);
    global.at(i, G::kFinalHi) = hi16(s.final[i].value);
    global.at(i, G::kIsReal) = Fp::one();
    global.at(i, G::kWritable) = Fp::from_u32(m.layout.writable(word_index(s.initial[i].addr)) ? 1 : 0);
  }
  field::Matrix pv(PublicValuesStandInAir::kWidth, padded(public_values.size()));
  for (size_t i = 0; i < public_values.size(); ++i) {
    pv.at(i, PublicValuesStandInAir::kIndex) = Fp::from_u32(uint32_t(i));
    pv.at(i, PublicValuesStandInAir::kByte) = Fp::from_u32(public_values[i]);
    pv.at(i, PublicValuesStandInAir::kIsReal) = Fp::one();
  }
  Witness w;
  w.main.push_back(std::move(cpu.main));
  w.main.push_back(m.rom.multiplicities(s));
  w.main.push_back(std::move(access));
  w.main.push_back(std::move(boundary));
  w.main.push_back(ranges.trace());
  w.main.push_back(byte_ops.trace());
  w.main.push_back(std::move(io.main));
  w.main.push_back(std::move(keccak));
  w.main.push_back(std::move(global));
  w.main.push_back(std::move(pv));
  w.publics = {cpu.publics, {}, {}, {Fp::one()}, {}, {}, io.publics, {}, {}, {}};
  return w;
}

std::string check(const SegmentMachine& m, const Witness& w, bool local_only) {
  std::vector<air::TableTrace> tables;
  for (size_t i = 0; i < m.airs.size(); ++i) {
    const field::Matrix* pre = m.pre[i].height ? &m.pre[i] : nullptr;
    if (auto v = air::check_constraints(m.compiled[i], w.main[i], pre, w.publics[i])) return m.compiled[i].name + ": " + v->message;
    tables.push_back({&m.compiled[i], &w.main[i], pre, w.publics[i]});
  }
  if (auto b = air::check_buses(tables, local_only)) return "bus " + std::to_string(b->bus) + ": " + b->message;
  return "";
}

std::string bus_problem(const SegmentMachine& m, const Witness& w, bool local_only) {
  std::vector<air::TableTrace> tables;
  for (size_t i = 0; i < m.airs.size(); ++i)
    tables.push_back({&m.compiled[i], &w.main[i], m.pre[i].height ? &m.pre[i] : nullptr, w.publics[i]});
  if (auto b = air::check_buses(tables, local_only)) return "bus " + std::to_string(b->bus) + ": " + b->message;
  return "";
}

bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

void settle_lookups(const SegmentMachine& m, Witness& w) {
  for (size_t round = 0; round < 100000; ++round) {
    std::vector<air::TableTrace> tables;
    for (size_t i = 0; i < m.airs.size(); ++i)
      tables.push_back({&m.compiled[i], &w.main[i], m.pre[i].height ? &m.pre[i] : nullptr, w.publics[i]});
    // Imbalances are reported in bus order, so the lookup buses (100, 104) come before the others
    // only when 101..103 balance; settle what can be settled and stop at the first other bus.
    const auto b = air::check_buses(tables, /*local_only=*/false);
    if (!b) return;
    if (b->bus == BUS_RANGE16 && b->tuple.size() == 1 && b->tuple[0].to_u32() < Range16Air::kRows) {
      w.main[kRange].at(b->tuple[0].to_u32(), 0) += b->net_multiplicity;
      continue;
    }
    if (b->bus == BUS_BYTE_OP && b->tuple.size() == 4) {
      const uint32_t op = b->tuple[0].to_u32(), x = b->tuple[1].to_u32(), y = b->tuple[2].to_u32(), r = b->tuple[3].to_u32();
      const uint32_t want = op == 0 ? (x & y) : op == 1 ? (x | y) : (x ^ y);
      if (op < 3 && x < 256 && y < 256 && r == want) {
        w.main[kByteOps].at(x << 8 | y, op) += b->net_multiplicity;
        continue;
      }
    }
    return;
  }
}

size_t find_row(const Witness& w, Table t, std::initializer_list<size_t> cols, std::initializer_list<uint32_t> values) {
  const field::Matrix& mat = w.main[t];
  for (size_t r = 0; r < mat.height; ++r) {
    bool match = true;
    auto v = values.begin();
    for (size_t c : cols) match = match && mat.at(r, c) == Fp::from_u32(*v++);
    if (match) return r;
  }
  return SIZE_MAX;
}

void rewrite_word(Witness& w, uint32_t addr, uint32_t ts, uint32_t value) {
  using A = MemoryAccessAir;
  using B = MemoryBoundaryAir;
  using G = GlobalMemoryStandInAir;
  field::Matrix& acc = w.main[kAccess];
  const size_t b = find_row(w, kBoundary, {B::kAddrLo, B::kAddrHi, B::kIsReal}, {addr & 0xffff, addr >> 16, 1});
  const size_t g = find_row(w, kGlobalMemory, {G::kAddr, G::kIsReal}, {addr, 1});
  if (b == SIZE_MAX || g == SIZE_MAX) throw std::invalid_argument("rewrite_word: no boundary entry");
  if (ts == 0) {  // the segment's initial value
    w.main[kBoundary].at(b, B::kInitLo) = lo16(value);
    w.main[kBoundary].at(b, B::kInitHi) = hi16(value);
    w.main[kGlobalMemory].at(g, G::kInitLo) = lo16(value);
    w.main[kGlobalMemory].at(g, G::kInitHi) = hi16(value);
  } else {
    const size_t row = find_row(w, kAccess, {A::kAddr, A::kTs, A::kIsReal}, {addr, ts, 1});
    if (row == SIZE_MAX) throw std::invalid_argument("rewrite_word: no such access");
    acc.at(row, A::kLo) = lo16(value);
    acc.at(row, A::kHi) = hi16(value);
  }
  for (;;) {
    const size_t next = find_row(w, kAccess, {A::kAddr, A::kPrevTs, A::kIsReal}, {addr, ts, 1});
    if (next == SIZE_MAX) break;
    const bool is_read = acc.at(next, A::kIsSyscall) == Fp::one()
                             ? (acc.at(next, A::kLo) == acc.at(next, A::kPrevLo) && acc.at(next, A::kHi) == acc.at(next, A::kPrevHi))
                             : acc.at(next, A::kIsWrite).is_zero();
    acc.at(next, A::kPrevLo) = lo16(value);
    acc.at(next, A::kPrevHi) = hi16(value);
    if (!is_read) return;
    acc.at(next, A::kLo) = lo16(value);
    acc.at(next, A::kHi) = hi16(value);
    ts = acc.at(next, A::kTs).to_u32();
  }
  // The segment's final value of the cell.
  if (w.main[kBoundary].at(b, B::kFinalTs) != Fp::from_u32(ts)) throw std::invalid_argument("rewrite_word: broken chain");
  w.main[kBoundary].at(b, B::kFinalLo) = lo16(value);
  w.main[kBoundary].at(b, B::kFinalHi) = hi16(value);
  w.main[kGlobalMemory].at(g, G::kFinalLo) = lo16(value);
  w.main[kGlobalMemory].at(g, G::kFinalHi) = hi16(value);
}

}  // namespace oneproof::chips::harness
