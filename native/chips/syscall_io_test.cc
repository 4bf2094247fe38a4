// The syscall I/O chip (READ / COMMIT words) inside the segment's chip set (chip_test_harness.h):
// its honest rows, then forged traces that each exploit one of its constraints' absence — most of
// them made consistent with every other table and bus (memory rewritten along, lookups settled), so
// that only the constraint under test stands between them and a proof.
#include <cstdio>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "air/checker.h"
#include "chip_test_harness.h"
#include "common/test.h"
#include "oneproof/syscalls.h"
#include "vm/machine.h"

using namespace oneproof;
using namespace oneproof::chips;
using harness::check;
using harness::PublicValuesStandInAir;
using harness::starts;
using harness::Witness;
using IO = SyscallIoAir;

namespace {

// Rows of the sample (harness::syscall_program): READ 10 bytes at +5 (rows 0-2: words +4, +8, +12),
// READ 2 bytes at +0x41 (row 3), COMMIT 7 bytes at +6 (rows 4-6: words +4, +8, +12), COMMIT the word
// at +0x40 (row 7), COMMIT 8 bytes of the keccak state (rows 8-9); rows 10-15 are padding.
constexpr size_t kRead1 = 0, kRead2 = 3, kCommit1 = 4, kCommit2 = 7, kCommit3 = 8, kRealRows = 10;
constexpr uint32_t kBuf = harness::kSyscallBuf;

struct Sample {
  harness::SegmentMachine m{harness::syscall_program()};
  vm::TracedExecution t = vm::execute_traced(m.program, harness::syscall_input(), {});
  Witness honest = harness::build(m, t.segments.at(0), t.result.exit_code, t.result.public_values);

  // Applies the forgery, settles the lookup tables and checks.
  template <class F>
  std::pair<std::string, std::string> forge(F&& edit) const {
    Witness w = honest;
    edit(w);
    harness::settle_lookups(m, w);
    return {check(m, w), harness::bus_problem(m, w)};
  }
};

Fp& io(Witness& w, size_t row, size_t col) { return w.main[harness::kIo].at(row, col); }
uint32_t io_u32(const Witness& w, size_t row, size_t col) { return w.main[harness::kIo].at(row, col).to_u32(); }

// Sets byte j of an I/O row's word before (m) and after (v) the call, with its AND witness.
void set_bytes(Witness& w, size_t row, size_t j, uint32_t before, uint32_t after) {
  io(w, row, IO::kM0 + j) = Fp::from_u32(before);
  io(w, row, IO::kV0 + j) = Fp::from_u32(after);
  io(w, row, IO::kT0 + j) = Fp::from_u32(before & after);
}
uint32_t word_of(const Witness& w, size_t row, size_t first_byte_col) {
  uint32_t v = 0;
  for (size_t j = 0; j < 4; ++j) v |= io_u32(w, row, first_byte_col + j) << (8 * j);
  return v;
}

// Recomputes what follows from the row order and flags: the commit index chain and commit_end,
// has_next_call and the timestamp gaps (as field elements, so a decreasing pair yields a gap limb
// that is out of range).
void relink(Witness& w) {
  field::Matrix& t = w.main[harness::kIo];
  uint32_t pub = w.publics[harness::kIo][IO::kCommitStart].to_u32();
  const Fp inv_65536 = Fp::from_u32(65536).inverse();
  for (size_t r = 0; r < t.height; ++r) {
    t.at(r, IO::kPubIdx) = Fp::from_u32(pub);
    if (t.at(r, IO::kIsCommit) == Fp::one())
      for (size_t j = 0; j < 4; ++j) pub += t.at(r, IO::kK0 + j).to_u32();
    const bool next_first = r + 1 < t.height && t.at(r + 1, IO::kFirst) == Fp::one();
    t.at(r, IO::kHasNextCall) = Fp::from_u32(next_first);
    t.at(r, IO::kTsGapLo) = t.at(r, IO::kTsGapHi) = Fp::zero();
    if (next_first) {
      const Fp gap = t.at(r + 1, IO::kTs) - t.at(r, IO::kTs) - Fp::one();
      const Fp lo = Fp::from_u32(gap.to_u32() & 0xffff);
      t.at(r, IO::kTsGapLo) = lo;
      t.at(r, IO::kTsGapHi) = (gap - lo) * inv_65536;
    }
  }
  w.publics[harness::kIo][IO::kCommitEnd] = Fp::from_u32(pub);
}

bool fails(const std::pair<std::string, std::string>& result, const std::string& label) {
  return starts(result.first, "zkvm/syscall-io:") && result.first.find("'" + label + "'") != std::string::npos;
}

}  // namespace

OP_TEST(honest_rows_cover_each_buffer_exactly) {
  const Sample s;
  const Witness& w = s.honest;
  CHECK_EQ(check(s.m, w), std::string());
  CHECK_EQ(w.main[harness::kIo].height, size_t(16));
  size_t real = 0;
  for (size_t r = 0; r < w.main[harness::kIo].height; ++r) real += io_u32(w, r, IO::kIsReal);
  CHECK_EQ(real, kRealRows);
  // READ 10 bytes at +5: masks 0111 / 1111 / 1110 (bytes 5..14), consecutive words from +4.
  const uint32_t masks[3] = {0xe, 0xf, 0x7};  // bit j = mask byte j
  for (size_t r = 0; r < 3; ++r) {
    uint32_t mask = 0;
    for (size_t j = 0; j < 4; ++j) mask |= io_u32(w, kRead1 + r, IO::kK0 + j) << j;
    CHECK_EQ(mask, masks[r]);
    CHECK_EQ(io_u32(w, kRead1 + r, IO::kAddr), ((kBuf + 4) >> 2) + uint32_t(r));
  }
  // The READ kept byte +4 and wrote the input to +5..+14; the COMMIT rows are flagged and indexed.
  CHECK_EQ(io_u32(w, kRead1, IO::kV0), io_u32(w, kRead1, IO::kM0));
  CHECK_EQ(io_u32(w, kRead1, IO::kV1), uint32_t(harness::syscall_input()[0]));
  CHECK_EQ(io_u32(w, kCommit1, IO::kIsCommit), 1u);
  CHECK_EQ(io_u32(w, kCommit2, IO::kPubIdx), 7u);
  CHECK_EQ(io_u32(w, kCommit3 + 1, IO::kPubIdx), 15u);
  // The record of a call the chip cannot prove is refused with a reason: a buffer below 0x10000.
  vm::SegmentRecord bad = s.t.segments[0];
  for (vm::SyscallEvent& e : bad.syscalls)
    if (e.number == OP_SYS_READ && e.accesses.size() > 1) {
      bad.cycles[e.cycle].rs2.value = 0x1005;
      for (size_t k = 1; k < e.accesses.size(); ++k) e.accesses[k].addr = 0x1004 + 4 * uint32_t(k - 1);
      break;
    }
  RangeCounts ranges;
  ByteOpCounts byte_ops;
  bool refused = false;
  try { syscall_io_trace(bad, 0, ranges, byte_ops); } catch (const std::invalid_argument& e) {
    refused = std::string(e.what()).find("below 0x10000") != std::string::npos;
  }
  CHECK(refused);
}

OP_TEST(read_cannot_change_bytes_outside_its_buffer) {
  const Sample s;
  const uint32_t read_ts = io_u32(s.honest, kRead1, IO::kTs), word4 = (kBuf + 4) >> 2, word12 = (kBuf + 12) >> 2;
  // Byte +4 (before dst = +5) overwritten by the READ; memory and the later COMMIT of that word agree.
  auto overwrite_byte_before = [&](Witness& w) {
    const uint32_t m0 = io_u32(w, kRead1, IO::kM0);
    set_bytes(w, kRead1, 0, m0, 0x5a);
    harness::rewrite_word(w, word4, read_ts, word_of(w, kRead1, IO::kV0));
    set_bytes(w, kCommit1, 0, 0x5a, 0x5a);
  };
  const auto r1 = s.forge(overwrite_byte_before);
  CHECK(fails(r1, "bytes outside the buffer keep their value"));
  CHECK_EQ(r1.second, std::string());  // every bus balances: only that constraint refuses it
  // The same byte taken into the mask instead (mask 1111 from the first word), the buffer's last
  // byte (+14) dropped so the count still is n: the mask must start at the pointer.
  const auto r2 = s.forge([&](Witness& w) {
    overwrite_byte_before(w);
    io(w, kRead1, IO::kK0) = Fp::one();
    io(w, kRead1 + 2, IO::kK2) = Fp::zero();
    const uint32_t old14 = io_u32(w, kRead1 + 2, IO::kM2);
    set_bytes(w, kRead1 + 2, 2, old14, old14);
    harness::rewrite_word(w, word12, read_ts, word_of(w, kRead1 + 2, IO::kV0));
    set_bytes(w, kCommit1 + 2, 2, old14, old14);
    io(w, kRead1 + 1, IO::kRem) = Fp::from_u32(6);
    io(w, kRead1 + 2, IO::kRem) = Fp::from_u32(2);
  });
  CHECK(fails(r2, "no byte before the pointer"));
  CHECK_EQ(r2.second, std::string());
  // One byte past the buffer (+15) written: the count no longer matches n.
  const auto r3 = s.forge([&](Witness& w) {
    io(w, kRead1 + 2, IO::kK3) = Fp::one();
    const uint32_t old15 = io_u32(w, kRead1 + 2, IO::kM3);
    set_bytes(w, kRead1 + 2, 3, old15, 0x5a);
    harness::rewrite_word(w, word12, read_ts, word_of(w, kRead1 + 2, IO::kV0));
    set_bytes(w, kCommit1 + 2, 3, 0x5a, 0x5a);
  });
  CHECK(fails(r3, "the last word holds the last bytes"));
  CHECK_EQ(r3.second, std::string());
  // A word skipped (the buffer's middle word moved one word on).
  CHECK(fails(s.forge([&](Witness& w) { io(w, kRead1 + 1, IO::kAddr) += Fp::one(); }), "consecutive words"));
  // A call's rows with a byte gap inside (the middle word's first byte left out).
  CHECK(fails(s.forge([&](Witness& w) { io(w, kRead1 + 1, IO::kK0) = Fp::zero(); }), "later words start at byte 0"));
}

OP_TEST(commit_sends_exactly_the_memory_bytes_in_order) {
  const Sample s;
  const uint32_t commit_ts = io_u32(s.honest, kCommit1, IO::kTs), word4 = (kBuf + 4) >> 2;
  // A committed byte (+7) that is not what memory holds, the verifier's public value agreeing with
  // the forgery: the memory access disagrees.
  CHECK(starts(s.forge([&](Witness& w) {
    const uint32_t b = io_u32(w, kCommit1, IO::kM3) ^ 1;
    set_bytes(w, kCommit1, 3, b, b);
    w.main[harness::kPublicValues].at(1, PublicValuesStandInAir::kByte) = Fp::from_u32(b);
  }).first, "bus 106:"));
  // A COMMIT that also changes memory (byte +6 rewritten; memory follows).
  const auto changes = s.forge([&](Witness& w) {
    const uint32_t m2 = io_u32(w, kCommit1, IO::kM2);
    set_bytes(w, kCommit1, 2, m2, m2 ^ 1);
    harness::rewrite_word(w, word4, commit_ts, word_of(w, kCommit1, IO::kV0));
  });
  CHECK(fails(changes, "commit leaves memory as it is"));
  CHECK_EQ(changes.second, std::string());
  // Public values at a wrong offset: the whole range moved by one (statement and indices agree with
  // each other, not with the verifier's public values).
  CHECK(starts(s.forge([&](Witness& w) {
    w.publics[harness::kIo][IO::kCommitStart] = Fp::one();
    relink(w);
  }).first, "bus 1001:"));
  // commit_start not where the indices start.
  CHECK(fails(s.forge([&](Witness& w) { w.publics[harness::kIo][IO::kCommitStart] = Fp::one(); }), "commits start at commit_start"));
  // commit_end not where they end.
  CHECK(fails(s.forge([&](Witness& w) { w.publics[harness::kIo][IO::kCommitEnd] += Fp::one(); }), "commits end at commit_end"));
  // An index skipped between two COMMITs (the verifier's values moved along with it).
  const auto skipped = s.forge([&](Witness& w) {
    for (size_t r = kCommit2; r < w.main[harness::kIo].height; ++r) io(w, r, IO::kPubIdx) += Fp::one();
    w.publics[harness::kIo][IO::kCommitEnd] += Fp::one();
    field::Matrix& pv = w.main[harness::kPublicValues];
    for (size_t r = 7; r < pv.height; ++r)
      if (pv.at(r, PublicValuesStandInAir::kIsReal) == Fp::one()) pv.at(r, PublicValuesStandInAir::kIndex) += Fp::one();
  });
  CHECK(fails(skipped, "commit index runs on"));
  CHECK_EQ(skipped.second, std::string());
  // Two COMMITs reordered (rows of the word at +0x40 moved before the 7 bytes at +6, indices and
  // the verifier's values following the new order): the timestamps go backwards.
  const auto reordered = s.forge([&](Witness& w) {
    field::Matrix& t = w.main[harness::kIo];
    const std::vector<Fp> commit2(t.row(kCommit2), t.row(kCommit2) + IO::kWidth);
    for (size_t r = kCommit2; r > kCommit1; --r) std::copy(t.row(r - 1), t.row(r - 1) + IO::kWidth, t.row(r));
    std::copy(commit2.begin(), commit2.end(), t.row(kCommit1));
    relink(w);
    const std::vector<uint8_t>& pv = s.t.result.public_values;
    std::vector<uint8_t> order(pv.begin() + 7, pv.begin() + 11);
    order.insert(order.end(), pv.begin(), pv.begin() + 7);
    for (size_t i = 0; i < order.size(); ++i) w.main[harness::kPublicValues].at(i, PublicValuesStandInAir::kByte) = Fp::from_u32(order[i]);
  });
  CHECK(starts(reordered.first, "bus 100:"));  // the gap limb is out of range
}

OP_TEST(calls_come_from_the_cpu) {
  const Sample s;
  // A COMMIT presented as a READ (its bytes would never reach the public values).
  CHECK(starts(s.forge([&](Witness& w) {
    for (size_t r = kCommit3; r < kRealRows; ++r) io(w, r, IO::kIsCommit) = Fp::zero();
    relink(w);
  }).first, "bus 105:"));
  // A call the CPU never made: a one-byte READ at +0x200 in the first padding row.
  CHECK(starts(s.forge([&](Witness& w) {
    const size_t r = kRealRows;
    const uint32_t ptr = kBuf + 0x200;
    io(w, r, IO::kIsReal) = io(w, r, IO::kFirst) = io(w, r, IO::kLast) = Fp::one();
    io(w, r, IO::kTs) = io(w, r - 1, IO::kTs) + Fp::from_u32(4);
    io(w, r, IO::kPtrLo) = lo16(ptr);
    io(w, r, IO::kPtrHi) = hi16(ptr);
    io(w, r, IO::kPtrHiInv) = hi16(ptr).inverse();
    io(w, r, IO::kNLo) = Fp::one();
    io(w, r, IO::kQ) = Fp::from_u32((ptr & 0xffff) >> 2);
    io(w, r, IO::kO0) = io(w, r, IO::kK0) = Fp::one();
    io(w, r, IO::kAddr) = Fp::from_u32(ptr >> 2);
    io(w, r, IO::kRem) = Fp::one();
    relink(w);
  }).first, "bus 105:"));
  // A call's rows cut in two (the last COMMIT's second word made a call of its own).
  CHECK(starts(s.forge([&](Witness& w) {
    io(w, kCommit3, IO::kLast) = Fp::one();
    io(w, kCommit3 + 1, IO::kFirst) = Fp::one();
  }).first, "zkvm/syscall-io:"));
  // A continuation row without its call (the single-word READ made part of the one before).
  CHECK(starts(s.forge([&](Witness& w) { io(w, kRead2, IO::kFirst) = Fp::zero(); }).first, "zkvm/syscall-io:"));
  // Padding that commits.
  CHECK(fails(s.forge([&](Witness& w) { io(w, kRealRows + 1, IO::kIsCommit) = Fp::one(); }), "padding commits nothing"));
}

OP_TEST(each_row_constraint_refuses_a_forged_cell) {
  // One edited cell (or two) per case; the label is the constraint that must refuse it first.
  const Sample s;
  struct Case {
    const char* label;
    std::vector<std::tuple<size_t, size_t, uint32_t>> cells;  // (row, column, new value)
  };
  const uint32_t ts0 = io_u32(s.honest, kRead1, IO::kTs), addr0 = io_u32(s.honest, kRead1, IO::kAddr);
  const std::vector<Case> cases = {
      {"flag is boolean", {{kRead1, IO::kIsReal, 2}}},
      {"flag is boolean", {{kRead1, IO::kIsCommit, 2}}},
      {"flag is boolean", {{kRead1, IO::kFirst, 2}}},
      {"flag is boolean", {{kRead1, IO::kLast, 2}}},
      {"flag is boolean", {{kRead1, IO::kHasNextCall, 2}}},
      {"offset flag is boolean", {{kRead1, IO::kO1, 2}}},
      {"mask bit is boolean", {{kRead1, IO::kK2, 2}}},
      {"a continuation row follows its call", {{kRealRows + 2, IO::kFirst, 1}}},  // padding cannot start a call
      {"the call goes on", {{kRealRows + 2, IO::kLast, 1}}},                     // nor end one
      {"real rows are a prefix", {{kRealRows + 1, IO::kIsReal, 1}}},
      {"row 0 starts a call (if real)", {{kRead1, IO::kFirst, 0}}},
      {"a continuation row follows its call", {{kRead2 + 1, IO::kFirst, 0}}},  // COMMIT 1 glued to READ 2
      {"the call goes on", {{kCommit3 + 1, IO::kLast, 0}}},
      {"the call goes on without a new call", {{kRead1 + 1, IO::kFirst, 1}}},
      {"consecutive words", {{kRead1 + 2, IO::kAddr, addr0 + 3}}},
      {"one timestamp per call", {{kRead1 + 1, IO::kTs, ts0 + 4}}},
      {"one kind per call", {{kCommit1 + 1, IO::kIsCommit, 0}}},
      {"one offset on a call's first row", {{kRead1, IO::kO1, 0}}},
      {"pointer = 4 word + offset", {{kRead1, IO::kQ, ((kBuf + 8) & 0xffff) >> 2}}},
      {"first word index", {{kRead1, IO::kAddr, addr0 + 1}, {kRead1 + 1, IO::kAddr, addr0 + 2}, {kRead1 + 2, IO::kAddr, addr0 + 3}}},
      {"buffer at or above 0x10000", {{kRead1, IO::kPtrHiInv, 0}}},
      {"mask is contiguous", {{kRead1 + 1, IO::kK1, 0}}},
      {"the pointer's byte is in", {{kRead1, IO::kK1, 0}}},
      {"earlier words end at byte 3", {{kRead1 + 1, IO::kK3, 0}}},
      {"the call's n bytes", {{kRead1, IO::kRem, 11}}},
      {"bytes left", {{kRead1 + 1, IO::kRem, 8}}},
      {"has_next_call = next row starts a call", {{kRead1 + 2, IO::kHasNextCall, 0}}},
      {"calls in execution order", {{kRead1 + 2, IO::kTsGapLo, io_u32(s.honest, kRead1 + 2, IO::kTsGapLo) + 1}}},
  };
  for (const Case& c : cases) {
    const auto result = s.forge([&](Witness& w) {
      for (const auto& [row, col, value] : c.cells) io(w, row, col) = Fp::from_u32(value);
    });
    if (!fails(result, c.label)) std::fprintf(stderr, "case '%s': %s\n", c.label, result.first.c_str());
    CHECK(fails(result, c.label));
  }
}
