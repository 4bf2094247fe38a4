// End-to-end zkVM proofs of a small hand-encoded program: an honest proof verifies with the exit
// code as the statement; a flipped proof byte, another ELF, a forged exit code or claimed public
// values are rejected; runs the prover cannot prove are refused with a clear error.
#include "common/test.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"
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
  const auto v = check(elf, zkvm::serialize(forged));
  CHECK(!v.ok);
  CHECK(contains(v.error, "STARK proof rejected"));
  forged = p;
  forged.public_values = {1, 2, 3};
  CHECK(contains(check(elf, zkvm::serialize(forged)).error, "public values"));
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
  CHECK(contains(v.error, "STARK proof rejected"));
  CHECK(contains(check({1, 2, 3}, proof).error, "program id"));
}

OP_TEST(unprovable_runs_are_refused) {
  // A syscall the cpu chip does not cover.
  Assembler a;
  a.li(vm::testing::reg::a0, 0);
  a.syscall(2);  // INPUT_LEN
  a.li(vm::testing::reg::a0, 0);
  a.halt();
  bool threw = false;
  try {
    zkvm::prove(vm::testing::simple_elf(a.words), {}, test_options());
  } catch (const zkvm::UnprovableRun& e) {
    threw = contains(e.what(), "supported");
  }
  CHECK(threw);
  // A run longer than one segment.
  zkvm::ProveOptions o = test_options();
  o.segment_cycles = 1u << 16;
  threw = false;
  try {
    zkvm::prove(sum_elf(30000), {}, o);  // 90k cycles: two segments
  } catch (const zkvm::UnprovableRun& e) {
    threw = contains(e.what(), "multi-segment proving not yet supported");
  }
  CHECK(threw);
}
