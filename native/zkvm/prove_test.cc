// End-to-end zkVM proofs of a small hand-encoded program: an honest proof verifies with the exit
// code as the statement; a flipped proof byte, another ELF, a forged exit code or claimed public
// values are rejected; runs the prover cannot prove are refused with a clear error.
#include <cstdio>

#include "common/test.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"
#include "oneproof/syscalls.h"
#include "zkvm/prove.h"

using namespace oneproof;
using vm::testing::Assembler;

namespace {
// Sums 1..n with a BNE loop and halts with the sum.
std::vector<uint8_t> sum_elf(int32_t n) {
  Assembler a;
  a.li(1, uint32_t(n));
  a.li(2, 0);
  const uint32_t loop = a.here();
  a.add(2, 2, 1);
  a.addi(1, 1, -1);
  a.bne(1, 0, int32_t(4 * loop) - int32_t(4 * a.here()));
  a.addi(vm::testing::reg::a0, 2, 0);
  a.halt();
  return vm::testing::simple_elf(a.words);
}

zkvm::ProveOptions test_options() {
  zkvm::ProveOptions o;
  o.params = fri::TEST_PARAMS;
  o.check_traces = true;
  return o;
}

zkvm::VerifyResult check(const std::vector<uint8_t>& elf, const std::vector<uint8_t>& proof) {
  return zkvm::verify(elf, proof, fri::TEST_PARAMS);
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
}  // namespace

OP_TEST(honest_proof_verifies_with_the_exit_code) {
  const auto elf = sum_elf(10);
  const zkvm::ProveResult r = zkvm::prove(elf, {}, test_options());
  CHECK_EQ(r.exit_code, 55u);
  CHECK(r.public_values.empty());
  const zkvm::VerifyResult v = check(elf, r.proof);
  CHECK(v.ok);
  CHECK_EQ(v.exit_code, 55u);
  // Under other FRI parameters than the proof's, it does not verify.
  CHECK(!zkvm::verify(elf, r.proof, fri::DEFAULT_PARAMS).ok);
}

OP_TEST(tampered_proofs_are_rejected) {
  const auto elf = sum_elf(10);
  const auto proof = zkvm::prove(elf, {}, test_options()).proof;
  // A flipped byte anywhere: header, program id, exit code, lengths, deep in the STARK proof.
  for (size_t at : {size_t(0), size_t(5), size_t(9), size_t(40), size_t(45), proof.size() / 2, proof.size() - 1}) {
    auto bad = proof;
    bad[at] ^= 0x01;
    CHECK(!check(elf, bad).ok);
  }
  CHECK(!check(elf, {}).ok);
  CHECK(check(elf, {}).malformed);
  CHECK(!check(elf, proof).malformed);
  auto truncated = proof;
  truncated.pop_back();
  CHECK(!check(elf, truncated).ok);
  auto trailing = proof;
  trailing.push_back(0);
  CHECK(!check(elf, trailing).ok);
}

OP_TEST(forged_exit_code_and_public_values_are_rejected) {
  const auto elf = sum_elf(10);
  const auto proof = zkvm::prove(elf, {}, test_options()).proof;
  zkvm::ZkvmProof p = zkvm::deserialize(proof);
  zkvm::ZkvmProof forged = p;
  forged.exit_code = 56;
  CHECK(contains(check(elf, zkvm::serialize(forged)).error, "exit code differs"));
  forged.segments.back().statement.exit_code = 56;  // the statement agrees, the CPU's HALT row does not
  const auto v = check(elf, zkvm::serialize(forged));
  CHECK(!v.ok);
  CHECK(contains(v.error, "segment 1 proof rejected"));
  forged = p;
  forged.public_values = {1, 2, 3};
  CHECK(contains(check(elf, zkvm::serialize(forged)).error, "public values"));
  forged.segments.back().statement.commit_end = 3;  // claims to have committed them: nothing sent them
  CHECK(!check(elf, zkvm::serialize(forged)).ok);
}

OP_TEST(a_proof_of_another_program_is_rejected) {
  const auto elf = sum_elf(10);
  const auto other = sum_elf(9);
  const auto proof = zkvm::prove(elf, {}, test_options()).proof;
  CHECK(contains(check(other, proof).error, "program id"));
  // Even with the program id rewritten, the other program's ROM gives another verifying key.
  zkvm::ZkvmProof p = zkvm::deserialize(proof);
  p.program_id = zkvm::program_id(other);
  const auto v = check(other, zkvm::serialize(p));
  CHECK(!v.ok);
  CHECK(contains(v.error, "proof rejected"));
  CHECK(contains(check({1, 2, 3}, proof).error, "program id"));
}

namespace {
// Loads the initialised data word at kDataBase and halts with it.
std::vector<uint8_t> load_data_elf() {
  Assembler a;
  a.li(6, vm::testing::kDataBase);
  a.lw(vm::testing::reg::a0, 6, 0);
  a.halt();
  return vm::testing::simple_elf(a.words, 0x1000, {0x78, 0x56, 0x34, 0x12});
}
}  // namespace

OP_TEST(initial_memory_is_the_elf_image) {
  const auto elf = load_data_elf();
  const auto r = zkvm::prove(elf, {}, test_options());
  CHECK_EQ(r.exit_code, 0x12345678u);
  CHECK(check(elf, r.proof).ok);
  // A cheating prover claims the data word starts as 0 (so the load returns 0 and the run exits
  // with 0): the cell lies inside the ELF image, so the zero table may not hold it.
  const vm::Program program = vm::load_elf(elf);
  vm::TracedExecution t = vm::execute_traced(program, {}, {});
  const uint32_t data_word = vm::testing::kDataBase;
  for (auto& seg : t.segments) {
    for (auto& e : seg.initial) if (e.addr == data_word) e.value = 0;
    for (auto& e : seg.final) if (e.addr == data_word) e.value = 0;
    for (auto& e : seg.final) if (e.addr == vm::testing::reg::a0) e.value = 0;
    for (auto& c : seg.cycles) {
      if (c.op == vm::Op::kLw) { c.mem.value = c.mem.prev_value = 0; c.rd.value = 0; }
      if (c.op == vm::Op::kEcall) c.rs2.value = c.rs2.prev_value = 0;
    }
  }
  t.result.exit_code = 0;
  const auto forged = zkvm::prove_forged(elf, t, test_options());
  const auto v = check(elf, forged.proof);
  CHECK(!v.ok);
  CHECK(contains(v.error, "global memory proof rejected"));
}

OP_TEST(unprovable_runs_are_refused) {
  // A program whose loaded bytes span more than 2^22 words cannot be keyed.
  Assembler a;
  a.li(vm::testing::reg::a0, 0);
  a.halt();
  std::vector<vm::testing::ElfSegmentSpec> segs = {
      {vm::testing::kTextBase, vm::testing::code_bytes(a.words), uint32_t(a.words.size() * 4), vm::testing::kPfR | vm::testing::kPfX},
      {0x10000000, {1, 2, 3, 4}, 0x1000, vm::testing::kPfR | vm::testing::kPfW}};
  bool threw = false;
  try {
    zkvm::prove(vm::testing::write_elf(vm::testing::kTextBase, segs), {}, test_options());
  } catch (const zkvm::UnprovableRun& e) {
    threw = contains(e.what(), "2^22 words");
  }
  CHECK(threw);
}

namespace {
zkvm::ProveOptions small_segments() {
  zkvm::ProveOptions o = test_options();
  o.segment_cycles = 1u << 16;
  return o;
}

// Adds `delta` to register `reg` from segment `k` on: its initial value there, and every later
// access and final value, as a prover would have to forge to smuggle another value across a
// segment boundary. The exit code (a0 = x2 at the end) moves with it.
void shift_register_from_segment(vm::TracedExecution& t, size_t k, uint32_t reg, uint32_t delta) {
  for (size_t j = k; j < t.segments.size(); ++j) {
    auto& seg = t.segments[j];
    for (auto& e : seg.initial) if (e.addr == reg) e.value += delta;
    for (auto& e : seg.final) if (e.addr == reg) e.value += delta;
    for (auto& c : seg.cycles)
      for (vm::Access* x : {&c.rs1, &c.rs2, &c.rd})
        if (x->addr == reg && x->ts) { x->value += delta; x->prev_value += delta; }
  }
}
}  // namespace

OP_TEST(multi_segment_runs_prove_as_one_statement) {
  const auto elf = sum_elf(30000);  // ~90k cycles: two segments of 2^16
  const auto r = zkvm::prove(elf, {}, small_segments());
  CHECK_EQ(r.segments, 2u);
  CHECK_EQ(r.exit_code, uint32_t(30000ull * 30001 / 2));
  const auto v = check(elf, r.proof);
  CHECK(v.ok);
  CHECK_EQ(v.segments, 2u);
  CHECK_EQ(v.exit_code, r.exit_code);

  const zkvm::ZkvmProof p = zkvm::deserialize(r.proof);
  zkvm::ZkvmProof bad = p;  // a segment dropped
  bad.segments.erase(bad.segments.begin());
  CHECK(!check(elf, zkvm::serialize(bad)).ok);
  bad = p;  // segments swapped
  std::swap(bad.segments[0], bad.segments[1]);
  CHECK(!check(elf, zkvm::serialize(bad)).ok);
  bad = p;  // the first segment proven twice (statement and proof of segment 1 in both places)
  bad.segments[1] = bad.segments[0];
  CHECK(!check(elf, zkvm::serialize(bad)).ok);
  bad = p;  // a boundary pc that does not chain
  bad.segments[1].statement.start_pc += 4;
  CHECK(contains(check(elf, zkvm::serialize(bad)).error, "does not start where the previous segment ended"));
  bad.segments[0].statement.end_pc += 4;  // chained, but not what the CPU rows say
  CHECK(contains(check(elf, zkvm::serialize(bad)).error, "proof rejected"));
  bad = p;  // the global proof of another run
  bad.global_proof = zkvm::deserialize(zkvm::prove(elf, {}, test_options()).proof).global_proof;
  CHECK(!check(elf, zkvm::serialize(bad)).ok);
}

OP_TEST(memory_cannot_change_between_segments) {
  const auto elf = sum_elf(30000);
  const vm::Program program = vm::load_elf(elf);
  vm::RunOptions run;
  run.segment_cycles = 1u << 16;
  vm::TracedExecution t = vm::execute_traced(program, {}, run);
  REQUIRE(t.segments.size() == 2);
  // Segment 2 starts with x2 (the running sum) 1000 higher than segment 1 left it; every row of
  // segment 2 is consistent with that, only the link is broken.
  shift_register_from_segment(t, 1, 2, 1000);
  for (auto& c : t.segments[1].cycles) {
    if (c.op == vm::Op::kAddi && c.rd.addr == vm::testing::reg::a0) { c.rd.value += 1000; }
    if (c.op == vm::Op::kEcall) { c.rs2.value += 1000; c.rs2.prev_value += 1000; }
  }
  for (auto& e : t.segments[1].final) if (e.addr == vm::testing::reg::a0) e.value += 1000;
  t.result.exit_code += 1000;
  const auto forged = zkvm::prove_forged(elf, t, small_segments());
  const auto v = check(elf, forged.proof);
  CHECK(!v.ok);
  CHECK(contains(v.error, "do not link"));
}

namespace {
constexpr uint32_t kBuf = vm::testing::kDataBase;
void syscall_call(Assembler& a, uint32_t number, uint32_t a0, uint32_t a1) {
  a.li(vm::testing::reg::a0, a0);
  a.li(vm::testing::reg::a1, a1);
  a.syscall(number);
}

// Every syscall in one segment: INPUT_LEN, READ (unaligned, empty, partial words), COMMIT (likewise),
// WRITE, KECCAK_PERMUTE and a commit of the permuted state; exits with 3.
std::vector<uint8_t> every_syscall_elf() {
  namespace reg = vm::testing::reg;
  Assembler a;
  a.li(6, kBuf);
  for (uint32_t i = 0; i < 20; ++i) {
    a.li(7, 0xa0b0c0d0u + i * 0x01010101u);
    a.sw(7, 6, int32_t(4 * i));
  }
  a.syscall(OP_SYS_INPUT_LEN);
  a.sw(reg::a0, 6, 0x60);
  syscall_call(a, OP_SYS_READ, kBuf + 5, 10);
  syscall_call(a, OP_SYS_READ, kBuf + 0x30, 0);
  syscall_call(a, OP_SYS_READ, kBuf + 0x41, 2);
  syscall_call(a, OP_SYS_COMMIT, kBuf + 6, 7);
  syscall_call(a, OP_SYS_COMMIT, kBuf, 0);
  syscall_call(a, OP_SYS_COMMIT, kBuf + 0x40, 4);
  a.lw(reg::a0, 6, 0x70);  // fd 1, from initialised data
  a.li(reg::a1, kBuf);
  a.li(reg::a2, 5);
  a.syscall(OP_SYS_WRITE);
  a.li(7, 0x12345678);
  a.sw(7, 6, 0x100);
  a.sw(7, 6, 0x1c4);
  a.li(reg::a0, kBuf + 0x100);
  a.syscall(OP_SYS_KECCAK_PERMUTE);
  syscall_call(a, OP_SYS_COMMIT, kBuf + 0x100, 8);
  a.li(reg::a0, 3);
  a.halt();
  std::vector<uint8_t> data(0x74, 0);
  data[0x70] = 1;
  return vm::testing::simple_elf(a.words, 0x1000, data);
}

// READ / COMMIT / KECCAK in both of two segments (a 120k-cycle loop between them).
std::vector<uint8_t> syscalls_in_two_segments_elf() {
  Assembler a;
  syscall_call(a, OP_SYS_READ, kBuf + 3, 5);
  syscall_call(a, OP_SYS_COMMIT, kBuf + 2, 6);
  a.li(vm::testing::reg::a0, kBuf + 0x100);
  a.syscall(OP_SYS_KECCAK_PERMUTE);
  a.li(1, 40000);
  a.addi(1, 1, -1);
  a.bne(1, 0, -4);
  syscall_call(a, OP_SYS_READ, kBuf + 9, 3);
  syscall_call(a, OP_SYS_COMMIT, kBuf + 1, 12);
  a.li(vm::testing::reg::a0, kBuf + 0x100);
  a.syscall(OP_SYS_KECCAK_PERMUTE);
  syscall_call(a, OP_SYS_COMMIT, kBuf + 0x100, 16);
  a.li(vm::testing::reg::a0, 0);
  a.halt();
  return vm::testing::simple_elf(a.words);
}
}  // namespace

OP_TEST(every_syscall_proves_and_public_values_are_bound) {
  const std::vector<uint8_t> input = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  for (const auto& elf : {every_syscall_elf(), syscalls_in_two_segments_elf()}) {
    const auto run = vm::execute(vm::load_elf(elf), input);
    const auto r = zkvm::prove(elf, input, small_segments());
    CHECK(r.public_values == run.public_values);
    CHECK(!r.public_values.empty());
    const auto v = check(elf, r.proof);
    CHECK(v.ok);
    CHECK(v.public_values == run.public_values);
    CHECK_EQ(v.exit_code, run.exit_code);
    // Other public values of the same length: refused (they are absorbed before the challenges,
    // and the verifier's own BUS_PUBLIC_VALUES term no longer matches what the chips sent).
    zkvm::ZkvmProof p = zkvm::deserialize(r.proof);
    p.public_values[0] ^= 1;
    CHECK(!check(elf, zkvm::serialize(p)).ok);
  }
  CHECK_EQ(zkvm::prove(syscalls_in_two_segments_elf(), input, small_segments()).segments, 2u);
}

OP_TEST(claimed_public_values_must_be_the_committed_bytes) {
  // A prover that claims other bytes than the run committed, with every table honest: the
  // transcript agrees with the claim, but the bytes the COMMIT rows send do not match the
  // verifier's own term for the claimed values.
  const std::vector<uint8_t> input = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  const auto elf = every_syscall_elf();
  vm::RunOptions run;
  run.segment_cycles = 1u << 16;
  vm::TracedExecution t = vm::execute_traced(vm::load_elf(elf), input, run);
  REQUIRE(!t.result.public_values.empty());
  t.result.public_values.back() ^= 0x80;
  const auto v = check(elf, zkvm::prove_forged(elf, t, small_segments()).proof);
  CHECK(!v.ok);
  CHECK(contains(v.error, "do not link"));
}

namespace {
// The same code against two memory layouts: `run_on` is executed (the emulator accepts it), the
// proof is made and checked against `judged_by`, whose ELF forbids what the run did.
bool refused_under(const std::vector<uint8_t>& run_on, const std::vector<uint8_t>& judged_by, std::span<const uint8_t> input,
                   const char* why) {
  const vm::TracedExecution t = vm::execute_traced(vm::load_elf(run_on), input, {});
  const auto v = check(judged_by, zkvm::prove_forged(judged_by, t, test_options()).proof);
  if (v.ok) return false;
  if (!contains(v.error, why)) std::fprintf(stderr, "refused for another reason: %s\n", v.error.c_str());
  return contains(v.error, why);
}

std::vector<uint8_t> with_data_segment(const std::vector<uint32_t>& code, uint32_t data_size, uint32_t flags) {
  std::vector<vm::testing::ElfSegmentSpec> segs = {
      {vm::testing::kTextBase, vm::testing::code_bytes(code), uint32_t(code.size() * 4), vm::testing::kPfR | vm::testing::kPfX},
      {kBuf, {1, 2, 3, 4, 5, 6, 7, 8}, data_size, flags}};
  return vm::testing::write_elf(vm::testing::kTextBase, segs);
}
}  // namespace

OP_TEST(read_only_and_unmapped_memory_are_enforced) {
  using vm::testing::kPfR;
  using vm::testing::kPfW;
  // A store into the data word: fine when the segment is writable, refused when it is read-only.
  Assembler store;
  store.li(6, kBuf);
  store.li(7, 99);
  store.sw(7, 6, 4);
  store.lw(vm::testing::reg::a0, 6, 4);
  store.halt();
  const auto rw = with_data_segment(store.words, 0x1000, kPfR | kPfW), ro = with_data_segment(store.words, 0x1000, kPfR);
  const auto honest = zkvm::prove(rw, {}, test_options());
  CHECK_EQ(honest.exit_code, 99u);
  CHECK(check(rw, honest.proof).ok);
  CHECK(refused_under(rw, ro, {}, "segment 1 proof rejected"));
  // A READ of private input over a read-only word (the input bytes differ from the word's).
  Assembler read;
  syscall_call(read, OP_SYS_READ, kBuf + 2, 4);
  read.li(vm::testing::reg::a0, 0);
  read.halt();
  const std::vector<uint8_t> input = {0xaa, 0xbb, 0xcc, 0xdd};
  CHECK(refused_under(with_data_segment(read.words, 0x1000, kPfR | kPfW), with_data_segment(read.words, 0x1000, kPfR), input,
                      "segment 1 proof rejected"));
  // A store beyond the writable segment (unmapped there): no zero range holds the cell.
  Assembler far;
  far.li(6, kBuf + 0x1800);
  far.li(7, 5);
  far.sw(7, 6, 0);
  far.li(vm::testing::reg::a0, 0);
  far.halt();
  CHECK(refused_under(with_data_segment(far.words, 0x2000, kPfR | kPfW), with_data_segment(far.words, 0x1000, kPfR | kPfW), {},
                      "global memory proof rejected"));
}
