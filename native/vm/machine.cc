#include "vm/machine.h"

#include <bit>
#include <cstdio>
#include <cstring>
#include <memory>

#include "oneproof/syscalls.h"
#include "vm/isa.h"
#include "vm/keccak.h"
#include "vm/memory.h"
#include "vm/tracer.h"

namespace oneproof::vm {
namespace {

std::string format_error(uint32_t pc, uint32_t insn, uint64_t cycle, const std::string& reason) {
  char head[96];
  std::snprintf(head, sizeof head, "execution error at pc=0x%08x insn=0x%08x cycle=%llu: ", pc, insn,
                static_cast<unsigned long long>(cycle));
  return head + reason;
}

std::string hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

// M-extension results with the RISC-V conventions for division by zero and INT_MIN / -1.
uint32_t mulh(uint32_t a, uint32_t b) { return uint32_t(uint64_t(int64_t(int32_t(a)) * int64_t(int32_t(b))) >> 32); }
uint32_t mulhsu(uint32_t a, uint32_t b) { return uint32_t(uint64_t(int64_t(int32_t(a)) * int64_t(b)) >> 32); }
uint32_t div_signed(uint32_t a, uint32_t b) {
  if (b == 0) return 0xffffffffu;
  if (a == 0x80000000u && b == 0xffffffffu) return a;
  return uint32_t(int32_t(a) / int32_t(b));
}
uint32_t rem_signed(uint32_t a, uint32_t b) {
  if (b == 0) return a;
  if (a == 0x80000000u && b == 0xffffffffu) return 0;
  return uint32_t(int32_t(a) % int32_t(b));
}

constexpr uint32_t kT0 = 5, kA0 = 10, kA1 = 11, kA2 = 12;

// The executable segments, each predecoded into an array indexed by (pc - base) / 4.
struct CodeRange {
  uint32_t base = 0;
  std::vector<Decoded> decoded;
  std::vector<uint32_t> words;
  std::vector<uint64_t> hits;  // profiling only: executions per word
};

std::vector<CodeRange> predecode(const Program& program) {
  std::vector<CodeRange> ranges;
  for (const Segment& s : program.segments) {
    if (!s.executable) continue;
    CodeRange& r = ranges.emplace_back();
    r.base = s.vaddr;
    const size_t n = s.mem_size / 4;
    r.words.assign(n, 0);  // bytes past the file image (p_memsz > p_filesz) are zero: illegal
    std::memcpy(r.words.data(), s.data.data(), std::min(s.data.size(), n * 4));
    r.decoded.resize(n);
    for (size_t i = 0; i < n; ++i) r.decoded[i] = decode(r.words[i]);
  }
  return ranges;
}

class Machine {
 public:
  Machine(const Program& program, std::span<const uint8_t> input, const RunOptions& options)
      : code_(predecode(program)), memory_(program), input_(input), options_(options), pc_(program.entry) {
    select_range(pc_);
  }

  // kProfile counts executed pcs (execute_counting); both flags off is the plain, fastest loop.
  template <bool kTrace, bool kProfile = false>
  void run();

  ExecutionResult& result() { return result_; }
  void enable_profiling() {
    for (CodeRange& r : code_) r.hits.assign(r.decoded.size(), 0);
  }
  void take_histogram(PcHistogram& out) {
    out.ranges.clear();
    for (CodeRange& r : code_) out.ranges.push_back({r.base, std::move(r.hits)});
  }
  void follow_calls(CallLabels* calls) {
    calls_ = calls;
    call_stack_.assign(1, 0);
  }
  std::unique_ptr<Tracer> tracer;

 private:
  [[noreturn]] void fail(const std::string& reason) const {
    throw ExecutionError(pc_, insn_, cycles_, reason);
  }

  template <bool kTrace>
  uint32_t read_reg(uint32_t r, AccessSlot slot) {
    const uint32_t v = regs_[r];
    if constexpr (kTrace) record(slot, tracer->access(r, v, v, slot, false));
    return v;
  }
  template <bool kTrace>
  void write_reg(uint32_t r, uint32_t v) {
    if constexpr (kTrace) {
      if (r == 0) return;  // x0 writes are dropped and leave no access
      record(kSlotRd, tracer->access(r, regs_[r], v, kSlotRd, true));
      regs_[r] = v;
    } else {
      regs_[r] = v;
      regs_[0] = 0;
    }
  }
  void record(AccessSlot slot, const Access& a) {
    CycleRecord& c = *cycle_;
    switch (slot) {
      case kSlotRs1: c.rs1 = a; c.flags |= kHasRs1; break;
      case kSlotRs2: c.rs2 = a; c.flags |= kHasRs2; break;
      case kSlotMem: c.mem = a; c.flags |= kHasMem; break;
      case kSlotRd: c.rd = a; c.flags |= kHasRd; break;
    }
  }

  template <bool kTrace>
  uint32_t load(uint32_t addr, uint32_t size) {
    if (addr & (size - 1)) fail("misaligned " + std::to_string(size) + "-byte load at " + hex32(addr));
    const uint8_t* page = memory_.readable_page(addr);
    if (!page) fail("load from " + hex32(addr) + ", which is not readable guest memory");
    uint32_t v = 0;
    std::memcpy(&v, page + Memory::offset(addr), size);
    if constexpr (kTrace) {
      const uint32_t word = memory_.word(addr & ~3u);
      record(kSlotMem, tracer->access(addr & ~3u, word, word, kSlotMem, false));
    }
    return v;
  }
  template <bool kTrace>
  void store(uint32_t addr, uint32_t size, uint32_t v) {
    if (addr & (size - 1)) fail("misaligned " + std::to_string(size) + "-byte store at " + hex32(addr));
    uint8_t* page = memory_.writable_page(addr);
    if (!page) fail("store to " + hex32(addr) + ", which is not writable guest memory");
    uint32_t before = 0;
    if constexpr (kTrace) before = memory_.word(addr & ~3u);
    std::memcpy(page + Memory::offset(addr), &v, size);
    if constexpr (kTrace) record(kSlotMem, tracer->access(addr & ~3u, before, memory_.word(addr & ~3u), kSlotMem, true));
  }
  // Makes the code range holding pc current; false when pc is in no executable segment.
  bool select_range(uint32_t pc) {
    for (CodeRange& r : code_) {
      if (pc - r.base < r.decoded.size() * 4) {
        range_ = &r;
        return true;
      }
    }
    return false;
  }
  // Profiling: moves the shadow call stack for a jal/jalr that went to `next` (see CallLabels).
  // Calls and returns follow the RISC-V return-address-stack hints: x1 (ra) and x5 (t0) are link
  // registers (t0 links the compiler's __riscv_save_N millicode, which returns with jr t0).
  void track_call(const Decoded& d, uint32_t next) {
    constexpr size_t kMaxDepth = size_t(1) << 20;  // deeper calls are counted, not stored
    const auto is_link = [](uint32_t r) { return r == 1 || r == 5; };
    const bool rd_link = is_link(d.rd);
    const bool rs1_link = d.op == Op::kJalr && is_link(d.rs1);
    const auto label_of = [&](int entry, uint8_t inherited) {
      return entry > 0 && size_t(entry) < kMaxCallLabels ? uint8_t(entry) : inherited;
    };
    if (rs1_link && (!rd_link || d.rd != d.rs1)) {  // a return (or a return into a new call)
      if (unstored_frames_ > 0) --unstored_frames_;
      else if (call_stack_.size() > 1) call_stack_.pop_back();
    }
    if (rd_link) {
      const uint8_t label = label_of(calls_->entry_label(next), call_stack_.back());
      if (call_stack_.size() < kMaxDepth && unstored_frames_ == 0) call_stack_.push_back(label);
      else ++unstored_frames_;
    } else if (!rs1_link && unstored_frames_ == 0) {
      const int entry = calls_->entry_label(next);
      if (entry >= 0) {  // a tail call: the frame becomes the callee's
        const uint8_t caller = call_stack_.size() > 1 ? call_stack_[call_stack_.size() - 2] : 0;
        call_stack_.back() = label_of(entry, caller);
      }
    }
  }

  uint32_t jump_target(uint32_t target) const {
    if (target & 3) fail("misaligned jump target " + hex32(target));
    return target;
  }

  template <bool kTrace>
  bool ecall();
  template <bool kTrace>
  uint32_t syscall_arg(SyscallEvent* event, uint32_t r);
  // Checks that [addr, addr + n) is guest memory with the given permission.
  void check_range(const char* call, uint32_t addr, uint32_t n, bool for_write);
  std::vector<uint32_t> words_before(uint32_t addr, uint32_t n);
  void record_words(SyscallEvent& event, uint32_t addr, uint32_t n, const std::vector<uint32_t>& before, bool is_write);

  std::vector<CodeRange> code_;
  CodeRange* range_ = nullptr;
  Memory memory_;
  std::span<const uint8_t> input_;
  size_t input_pos_ = 0;
  RunOptions options_;
  uint32_t regs_[32] = {};
  uint32_t pc_;
  uint32_t insn_ = 0;
  uint64_t cycles_ = 0;
  bool halted_ = false;
  CycleRecord* cycle_ = nullptr;
  ExecutionResult result_;
  CallLabels* calls_ = nullptr;      // profiling with call-stack labels
  std::vector<uint8_t> call_stack_;  // the label of each frame, innermost last
  uint64_t unstored_frames_ = 0;
};

void Machine::check_range(const char* call, uint32_t addr, uint32_t n, bool for_write) {
  if (n == 0) return;
  if (uint64_t(addr) + n > (uint64_t(1) << 32)) fail(std::string(call) + ": buffer " + hex32(addr) + " + " + std::to_string(n) + " wraps the address space");
  for (uint64_t page = addr >> Memory::kPageBits; page <= (uint64_t(addr) + n - 1) >> Memory::kPageBits; ++page) {
    const uint32_t a = uint32_t(page << Memory::kPageBits);
    const bool ok = for_write ? memory_.is_writable(a) : memory_.is_readable(a);
    if (!ok)
      fail(std::string(call) + ": buffer " + hex32(addr) + "+" + std::to_string(n) + " touches " +
           (for_write ? "non-writable" : "non-readable") + " memory at " + hex32(std::max(a, addr)));
  }
}

std::vector<uint32_t> Machine::words_before(uint32_t addr, uint32_t n) {
  std::vector<uint32_t> words;
  if (n == 0) return words;
  for (uint64_t w = addr & ~3u; w < uint64_t(addr) + n; w += 4) words.push_back(memory_.word(uint32_t(w)));
  return words;
}

void Machine::record_words(SyscallEvent& event, uint32_t addr, uint32_t n, const std::vector<uint32_t>& before, bool is_write) {
  size_t i = 0;
  if (n == 0) return;
  for (uint64_t w = addr & ~3u; w < uint64_t(addr) + n; w += 4, ++i)
    event.accesses.push_back(tracer->access(uint32_t(w), before[i], memory_.word(uint32_t(w)), kSlotMem, is_write));
}

template <bool kTrace>
uint32_t Machine::syscall_arg(SyscallEvent* event, uint32_t r) {
  if constexpr (kTrace) event->accesses.push_back(tracer->access(r, regs_[r], regs_[r], kSlotMem, false));
  return regs_[r];
}

// Returns true on HALT. Register reads: t0 and a0 in the cycle record, a1/a2 in the event.
template <bool kTrace>
bool Machine::ecall() {
  const uint32_t number = read_reg<kTrace>(kT0, kSlotRs1);
  const uint32_t a0 = read_reg<kTrace>(kA0, kSlotRs2);
  SyscallEvent* event = nullptr;
  if constexpr (kTrace) event = &tracer->begin_syscall(number);
  switch (number) {
    case OP_SYS_HALT:
      result_.exit_code = a0;
      return true;
    case OP_SYS_INPUT_LEN:
      write_reg<kTrace>(kA0, uint32_t(input_.size() - input_pos_));
      return false;
    case OP_SYS_READ: {
      const uint32_t n = syscall_arg<kTrace>(event, kA1);
      if (n > input_.size() - input_pos_)
        fail("READ of " + std::to_string(n) + " bytes, but only " + std::to_string(input_.size() - input_pos_) + " input bytes remain");
      check_range("READ", a0, n, true);
      std::vector<uint32_t> before;
      if constexpr (kTrace) before = words_before(a0, n);
      for (uint32_t i = 0; i < n; ++i) memory_.writable_page(a0 + i)[Memory::offset(a0 + i)] = input_[input_pos_ + i];
      input_pos_ += n;
      if constexpr (kTrace) record_words(*event, a0, n, before, true);
      return false;
    }
    case OP_SYS_COMMIT: {
      const uint32_t n = syscall_arg<kTrace>(event, kA1);
      if (n > kMaxPublicValuesBytes - result_.public_values.size())
        fail("COMMIT would exceed " + std::to_string(kMaxPublicValuesBytes) + " bytes of public values");
      check_range("COMMIT", a0, n, false);
      std::vector<uint32_t> before;
      if constexpr (kTrace) before = words_before(a0, n);
      for (uint32_t i = 0; i < n; ++i) result_.public_values.push_back(memory_.readable_page(a0 + i)[Memory::offset(a0 + i)]);
      if constexpr (kTrace) record_words(*event, a0, n, before, false);
      return false;
    }
    case OP_SYS_WRITE: {  // debug output: not part of the proven state, so no memory accesses are recorded
      const uint32_t src = syscall_arg<kTrace>(event, kA1), n = syscall_arg<kTrace>(event, kA2);
      if (a0 != 1 && a0 != 2) fail("WRITE to file descriptor " + std::to_string(a0) + " (only 1 and 2 exist)");
      auto& out = a0 == 1 ? result_.stdout_bytes : result_.stderr_bytes;
      if (n > kMaxOutputBytes - result_.stdout_bytes.size() - result_.stderr_bytes.size())
        fail("WRITE would exceed " + std::to_string(kMaxOutputBytes) + " bytes of output");
      check_range("WRITE", src, n, false);
      for (uint32_t i = 0; i < n; ++i) out.push_back(memory_.readable_page(src + i)[Memory::offset(src + i)]);
      return false;
    }
    case OP_SYS_KECCAK_PERMUTE: {
      if (a0 & 3) fail("KECCAK_PERMUTE state pointer " + hex32(a0) + " is not 4-byte aligned");
      check_range("KECCAK_PERMUTE", a0, 200, false);
      check_range("KECCAK_PERMUTE", a0, 200, true);
      std::vector<uint32_t> before = words_before(a0, 200);
      uint64_t lanes[25];
      for (int i = 0; i < 25; ++i) lanes[i] = uint64_t(before[2 * i]) | uint64_t(before[2 * i + 1]) << 32;
      keccak_f1600(lanes);
      for (uint32_t i = 0; i < 50; ++i) {
        const uint32_t w = uint32_t(lanes[i / 2] >> (32 * (i % 2)));
        std::memcpy(memory_.writable_page(a0 + 4 * i) + Memory::offset(a0 + 4 * i), &w, 4);
      }
      if constexpr (kTrace) record_words(*event, a0, 200, before, true);
      return false;
    }
    default:
      fail("unknown syscall " + hex32(number) + " in t0");
  }
}

template <bool kTrace, bool kProfile>
void Machine::run() {
  const uint64_t max_cycles = options_.max_cycles;
  while (!halted_) {
    if (cycles_ >= max_cycles) {
      insn_ = 0;
      fail("cycle limit of " + std::to_string(max_cycles) + " reached without HALT");
    }
    uint32_t index = (pc_ - range_->base) >> 2;  // pc is 4-aligned: every jump checks its target
    if (index >= range_->decoded.size()) [[unlikely]] {
      insn_ = 0;
      if (!select_range(pc_)) fail("pc is outside executable memory");
      index = (pc_ - range_->base) >> 2;
    }
    const Decoded d = range_->decoded[index];
    insn_ = range_->words[index];
    if constexpr (kTrace) cycle_ = &tracer->begin_cycle(pc_, insn_, d.op);
    uint32_t next = pc_ + 4;
    const uint32_t imm = uint32_t(d.imm);
#define RS1 read_reg<kTrace>(d.rs1, kSlotRs1)
#define RS2 read_reg<kTrace>(d.rs2, kSlotRs2)
#define SET_RD(expr) write_reg<kTrace>(d.rd, (expr))
    switch (d.op) {
      case Op::kLui: SET_RD(imm); break;
      case Op::kAuipc: SET_RD(pc_ + imm); break;
      case Op::kJal: next = jump_target(pc_ + imm); SET_RD(pc_ + 4); break;
      case Op::kJalr: next = jump_target((RS1 + imm) & ~1u); SET_RD(pc_ + 4); break;
      case Op::kBeq: { uint32_t a = RS1, b = RS2; if (a == b) next = jump_target(pc_ + imm); break; }
      case Op::kBne: { uint32_t a = RS1, b = RS2; if (a != b) next = jump_target(pc_ + imm); break; }
      case Op::kBlt: { uint32_t a = RS1, b = RS2; if (int32_t(a) < int32_t(b)) next = jump_target(pc_ + imm); break; }
      case Op::kBge: { uint32_t a = RS1, b = RS2; if (int32_t(a) >= int32_t(b)) next = jump_target(pc_ + imm); break; }
      case Op::kBltu: { uint32_t a = RS1, b = RS2; if (a < b) next = jump_target(pc_ + imm); break; }
      case Op::kBgeu: { uint32_t a = RS1, b = RS2; if (a >= b) next = jump_target(pc_ + imm); break; }
      case Op::kLb: SET_RD(uint32_t(int32_t(int8_t(load<kTrace>(RS1 + imm, 1))))); break;
      case Op::kLh: SET_RD(uint32_t(int32_t(int16_t(load<kTrace>(RS1 + imm, 2))))); break;
      case Op::kLw: SET_RD(load<kTrace>(RS1 + imm, 4)); break;
      case Op::kLbu: SET_RD(load<kTrace>(RS1 + imm, 1)); break;
      case Op::kLhu: SET_RD(load<kTrace>(RS1 + imm, 2)); break;
      case Op::kSb: { uint32_t a = RS1, b = RS2; store<kTrace>(a + imm, 1, b); break; }
      case Op::kSh: { uint32_t a = RS1, b = RS2; store<kTrace>(a + imm, 2, b); break; }
      case Op::kSw: { uint32_t a = RS1, b = RS2; store<kTrace>(a + imm, 4, b); break; }
      case Op::kAddi: SET_RD(RS1 + imm); break;
      case Op::kSlti: SET_RD(int32_t(RS1) < int32_t(imm) ? 1u : 0u); break;
      case Op::kSltiu: SET_RD(RS1 < imm ? 1u : 0u); break;
      case Op::kXori: SET_RD(RS1 ^ imm); break;
      case Op::kOri: SET_RD(RS1 | imm); break;
      case Op::kAndi: SET_RD(RS1 & imm); break;
      case Op::kSlli: SET_RD(RS1 << (imm & 31)); break;
      case Op::kSrli: SET_RD(RS1 >> (imm & 31)); break;
      case Op::kSrai: SET_RD(uint32_t(int32_t(RS1) >> (imm & 31))); break;
      case Op::kAdd: { uint32_t x = RS1, y = RS2; SET_RD(x + y); break; }
      case Op::kSub: { uint32_t x = RS1, y = RS2; SET_RD(x - y); break; }
      case Op::kSll: { uint32_t x = RS1, y = RS2; SET_RD(x << (y & 31)); break; }
      case Op::kSlt: { uint32_t x = RS1, y = RS2; SET_RD(int32_t(x) < int32_t(y) ? 1u : 0u); break; }
      case Op::kSltu: { uint32_t x = RS1, y = RS2; SET_RD(x < y ? 1u : 0u); break; }
      case Op::kXor: { uint32_t x = RS1, y = RS2; SET_RD(x ^ y); break; }
      case Op::kSrl: { uint32_t x = RS1, y = RS2; SET_RD(x >> (y & 31)); break; }
      case Op::kSra: { uint32_t x = RS1, y = RS2; SET_RD(uint32_t(int32_t(x) >> (y & 31))); break; }
      case Op::kOr: { uint32_t x = RS1, y = RS2; SET_RD(x | y); break; }
      case Op::kAnd: { uint32_t x = RS1, y = RS2; SET_RD(x & y); break; }
      case Op::kMul: { uint32_t x = RS1, y = RS2; SET_RD(x * y); break; }
      case Op::kMulh: { uint32_t x = RS1, y = RS2; SET_RD(mulh(x, y)); break; }
      case Op::kMulhsu: { uint32_t x = RS1, y = RS2; SET_RD(mulhsu(x, y)); break; }
      case Op::kMulhu: { uint32_t x = RS1, y = RS2; SET_RD(uint32_t((uint64_t(x) * y) >> 32)); break; }
      case Op::kDiv: { uint32_t x = RS1, y = RS2; SET_RD(div_signed(x, y)); break; }
      case Op::kDivu: { uint32_t x = RS1, y = RS2; SET_RD(y == 0 ? 0xffffffffu : x / y); break; }
      case Op::kRem: { uint32_t x = RS1, y = RS2; SET_RD(rem_signed(x, y)); break; }
      case Op::kRemu: { uint32_t x = RS1, y = RS2; SET_RD(y == 0 ? x : x % y); break; }
      case Op::kFence: break;
      case Op::kEcall:
        if (ecall<kTrace>()) halted_ = true;
        break;
      case Op::kEbreak: fail("ebreak");
      case Op::kIllegal:
      case Op::kCount: fail("illegal instruction");
    }
#undef RS1
#undef RS2
#undef SET_RD
    ++cycles_;
    if constexpr (kProfile) {
      ++range_->hits[index];
      if (calls_) {
        ++calls_->cycles[call_stack_.back()];
        if (d.op == Op::kJal || d.op == Op::kJalr) track_call(d, next);
      }
    }
    if constexpr (kTrace) tracer->end_cycle(halted_ ? pc_ : next, halted_, regs_, memory_);
    if (!halted_) pc_ = next;
  }
  result_.cycles = cycles_;
  result_.final_pc = pc_;
  std::memcpy(result_.registers.data(), regs_, sizeof regs_);
}

}  // namespace

ExecutionError::ExecutionError(uint32_t pc_, uint32_t insn_, uint64_t cycle_, const std::string& reason_)
    : std::runtime_error(format_error(pc_, insn_, cycle_, reason_)), pc(pc_), insn(insn_), cycle(cycle_), reason(reason_) {}

ExecutionResult execute(const Program& program, std::span<const uint8_t> input, const RunOptions& options) {
  Machine machine(program, input, options);
  machine.run<false>();
  return std::move(machine.result());
}

ExecutionResult execute_counting(const Program& program, std::span<const uint8_t> input, const RunOptions& options,
                                 PcHistogram& histogram, CallLabels* calls) {
  Machine machine(program, input, options);
  machine.enable_profiling();
  if (calls) machine.follow_calls(calls);
  try {
    machine.run<false, true>();
  } catch (...) {
    machine.take_histogram(histogram);
    throw;
  }
  machine.take_histogram(histogram);
  return std::move(machine.result());
}

TracedExecution execute_traced(const Program& program, std::span<const uint8_t> input, const RunOptions& options) {
  const uint32_t n = options.segment_cycles;
  if (n < kMinSegmentCycles || n > kMaxSegmentCycles || !std::has_single_bit(n))
    throw std::invalid_argument("segment size must be a power of two in [2^16, 2^22], got " + std::to_string(n));
  Machine machine(program, input, options);
  machine.tracer = std::make_unique<Tracer>(n, program.entry);
  machine.run<true>();
  TracedExecution out;
  out.result = std::move(machine.result());
  out.segments = machine.tracer->take_segments();
  return out;
}

}  // namespace oneproof::vm
