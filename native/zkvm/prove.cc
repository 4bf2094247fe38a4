#include "zkvm/prove.h"

#include <memory>

#include "chips/bytes.h"
#include "chips/cpu.h"
#include "chips/memory.h"
#include "chips/program.h"
#include "chips/range16.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/serialize.h"
#include "stark/verifier.h"
#include "vm/elf.h"
#include "vm/machine.h"

namespace oneproof::zkvm {
namespace {
using field::Fp;

// Largest trace height a key accepts: one full segment.
constexpr uint32_t kMaxLogHeight = 22;

// The chip set of one program, in table order (cpu first: its publics are the statement).
struct ChipSet {
  chips::ProgramAir rom;
  chips::CpuAir cpu;
  chips::MemoryAccessAir access{true};
  chips::MemoryBoundaryAir boundary;
  chips::Range16Air range;
  chips::ByteOpsAir byte_ops;
  explicit ChipSet(const vm::Program& program) : rom(program) {}
  std::vector<const air::Air*> airs() const { return {&cpu, &rom, &access, &boundary, &range, &byte_ops}; }
};

std::vector<std::vector<Fp>> statement_publics(uint32_t entry_pc, uint32_t exit_code) {
  std::vector<Fp> cpu(chips::CpuAir::kNumPublics);
  cpu[chips::CpuAir::kStartPc] = Fp::from_u32(entry_pc);
  cpu[chips::CpuAir::kExitLo] = Fp::from_u32(exit_code & 0xffff);
  cpu[chips::CpuAir::kExitHi] = Fp::from_u32(exit_code >> 16);
  return {cpu, {}, {}, {}, {}, {}};
}
}  // namespace

ProveResult prove(std::span<const uint8_t> elf, std::span<const uint8_t> input, const ProveOptions& options) {
  const vm::Program program = vm::load_elf(elf);
  vm::RunOptions run;
  run.max_cycles = options.max_cycles;
  run.segment_cycles = options.segment_cycles;
  const vm::TracedExecution t = vm::execute_traced(program, input, run);
  if (t.segments.size() != 1) throw UnprovableRun("multi-segment proving not yet supported");
  const vm::SegmentRecord& s = t.segments[0];
  if (!s.halted) throw UnprovableRun("the run does not end with HALT");
  if (!t.result.public_values.empty())
    throw UnprovableRun("committing public values is not yet provable (the cpu chip does not prove COMMIT)");

  const ChipSet chip(program);
  const auto airs = chip.airs();
  const stark::ProvingKey pk = stark::setup(airs, options.params, kMaxLogHeight);
  chips::RangeCounts ranges;
  chips::ByteOpCounts byte_ops;
  chips::CpuTrace cpu;
  try {
    cpu = chips::cpu_trace(s, t.result.exit_code, ranges, byte_ops);
  } catch (const std::invalid_argument& e) {
    throw UnprovableRun(e.what());  // an instruction or syscall the chips do not cover
  }
  chips::MemoryTraces mem = chips::memory_traces(s, ranges);
  const auto publics = statement_publics(program.entry, t.result.exit_code);
  std::vector<stark::TableWitness> tables;
  tables.push_back({std::move(cpu.main), publics[0]});
  tables.push_back({chip.rom.multiplicities(s), {}});
  tables.push_back({std::move(mem.access), {}});
  tables.push_back({std::move(mem.boundary), {}});
  tables.push_back({ranges.trace(), {}});
  tables.push_back({byte_ops.trace(), {}});
  const stark::StarkProof sp = stark::prove(pk, tables);

  ZkvmProof p;
  p.program_id = program_id(elf);
  p.exit_code = t.result.exit_code;
  p.stark_proof = stark::serialize_proof(sp);
  return {serialize(p), p.exit_code, p.public_values, t.result.cycles};
}

VerifyResult verify(std::span<const uint8_t> elf, std::span<const uint8_t> proof_bytes, const fri::FriParams& params) {
  VerifyResult out;
  ZkvmProof p;
  try {
    p = deserialize(proof_bytes);
  } catch (const stark::FormatError& e) {
    out.error = std::string("malformed proof: ") + e.what();
    out.malformed = true;
    return out;
  }
  if (p.program_id != program_id(elf)) {
    out.error = "program id mismatch: the proof is for another ELF";
    return out;
  }
  if (!p.public_values.empty()) {
    out.error = "the proof claims public values, which this prover cannot bind";
    return out;
  }
  std::unique_ptr<vm::Program> program;
  try {
    program = std::make_unique<vm::Program>(vm::load_elf(elf));
  } catch (const std::exception& e) {
    out.error = std::string("bad ELF: ") + e.what();
    return out;
  }
  stark::VerifyResult v;
  try {
    const ChipSet chip(*program);
    const auto airs = chip.airs();
    const stark::ProvingKey pk = stark::setup(airs, params, kMaxLogHeight);  // throws for a ROM too large to key
    v = stark::verify_bytes(pk.vk, pk.airs, p.stark_proof, statement_publics(program->entry, p.exit_code));
  } catch (const std::exception& e) {
    out.error = std::string("cannot derive the verifying key from the ELF: ") + e.what();
    return out;
  }
  if (!v.ok) {
    out.error = "STARK proof rejected: " + v.error;
    return out;
  }
  out.ok = true;
  out.exit_code = p.exit_code;
  out.public_values = std::move(p.public_values);
  return out;
}

}  // namespace oneproof::zkvm
