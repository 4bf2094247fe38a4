#include "zkvm/prove.h"

#include <bit>
#include <memory>

#include "challenger/challenger.h"
#include "chips/memory_image.h"
#include "guest/sdk/include/oneproof/syscalls.h"
#include "stark/domain.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/serialize.h"
#include "stark/verifier.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "zkvm/segment_chips.h"

namespace oneproof::zkvm {
namespace {
using field::Fp;
using field::Fp4;

// Largest trace height a key accepts: as tall as the field's two-adicity allows with the LDE
// (a 2^21-cycle segment has up to ~2^23 memory accesses: registers live in memory).
uint32_t max_log_height(const fri::FriParams& params) { return std::min<uint32_t>(23, field::TWO_ADICITY - params.log_blowup); }

// The run's global proof: the memory image, the cells outside it and the ends of every chain.
struct GlobalChips {
  chips::MemoryImageAir image;
  chips::ZeroMemoryAir zero;
  chips::MemorySinkAir sink;
  chips::Range16Air range;
  explicit GlobalChips(const vm::Program& program) : image(program) {}
  std::vector<const air::Air*> airs() const { return {&image, &zero, &sink, &range}; }
  std::vector<std::vector<Fp>> publics() const {
    return {{}, chips::ZeroMemoryAir::publics(image.layout()), {}, {}};
  }
};

// Keys of a program: one for every segment, one for the global proof (both derived from the ELF).
struct Keys {
  SegmentChips segment;
  GlobalChips global;
  stark::ProvingKey segment_pk, global_pk;
  Keys(const vm::Program& program, const fri::FriParams& params)
      : segment(program), global(program),
        segment_pk(stark::setup(segment.airs(), params, max_log_height(params))),
        global_pk(stark::setup(global.airs(), params, max_log_height(params))) {}
  size_t max_arity() const {
    size_t a = 0;
    for (const auto& c : segment_pk.airs) a = std::max(a, stark::max_arity(c));
    for (const auto& c : global_pk.airs) a = std::max(a, stark::max_arity(c));
    return a;
  }
};

// What every part of the proof commits to before the shared LogUp challenges are drawn.
struct PartCommitment {
  std::vector<uint32_t> log_heights;
  std::vector<hash::Digest> main_roots;
};

stark::LookupChallenges draw_challenges(const Keys& keys, const ProgramId& id, const std::vector<SegmentStatement>& statements,
                                        const std::vector<PartCommitment>& segments, const PartCommitment& global,
                                        uint32_t exit_code, std::span<const uint8_t> public_values) {
  challenger::Challenger ch;
  ch.observe_u32(ZKVM_PROOF_MAGIC);
  ch.observe_u32(ZKVM_PROOF_VERSION);
  for (uint8_t b : id) ch.observe_u32(b);
  ch.observe(keys.segment_pk.vk.digest());
  ch.observe(keys.global_pk.vk.digest());
  ch.observe_u32(exit_code);
  ch.observe_u32(uint32_t(public_values.size()));
  for (uint8_t b : public_values) ch.observe_u32(b);
  ch.observe_u32(uint32_t(statements.size()));
  auto put = [&](const PartCommitment& c) {
    for (uint32_t h : c.log_heights) ch.observe_u32(h);
    for (const auto& r : c.main_roots) ch.observe(r);
  };
  for (size_t k = 0; k < statements.size(); ++k) {
    const SegmentStatement& st = statements[k];
    for (uint32_t v : {st.number, st.start_pc, st.end_pc, uint32_t(st.halted), st.exit_code, st.commit_start, st.commit_end}) ch.observe_u32(v);
    put(segments[k]);
  }
  put(global);
  const Fp4 gamma = ch.sample_ext(), beta = ch.sample_ext();
  return stark::LookupChallenges(gamma, beta, keys.max_arity());
}

PartCommitment commitment_of(const stark::StarkProof& p) {
  PartCommitment c;
  for (const auto& t : p.tables) {
    c.log_heights.push_back(t.log_height);
    c.main_roots.push_back(t.main_commit);
  }
  return c;
}

std::vector<uint32_t> log_heights_of(const std::vector<stark::TableWitness>& tables) {
  std::vector<uint32_t> h;
  for (const auto& t : tables) h.push_back(uint32_t(std::countr_zero(t.main.height)));
  return h;
}

// What the verifier receives on BUS_PUBLIC_VALUES: sum over i of 1 / fingerprint(i, byte_i).
Fp4 public_values_sum(const stark::LookupChallenges& ch, std::span<const uint8_t> public_values) {
  std::vector<Fp4> f(public_values.size());
  for (size_t i = 0; i < public_values.size(); ++i)
    f[i] = ch.gamma + Fp4::from_base(Fp::from_u32(chips::BUS_PUBLIC_VALUES)) + ch.beta_pows[1] * Fp4::from_base(Fp::from_u32(uint32_t(i))) +
           ch.beta_pows[2] * Fp4::from_base(Fp::from_u32(public_values[i]));
  Fp4 sum;
  for (const Fp4& x : stark::batch_inverse(f)) sum += x;
  return sum;
}

ProveResult prove_execution(std::span<const uint8_t> elf, const vm::Program& program, const vm::TracedExecution& t,
                            const ProveOptions& options, bool honest);

// Bytes each segment commits (the COMMIT calls' lengths, read from their a1 argument).
uint32_t committed_bytes(const vm::SegmentRecord& s) {
  uint64_t n = 0;
  for (const vm::SyscallEvent& e : s.syscalls)
    if (e.number == OP_SYS_COMMIT && !e.accesses.empty()) n += e.accesses.front().value;
  return uint32_t(n);
}
}  // namespace

ProveResult prove(std::span<const uint8_t> elf, std::span<const uint8_t> input, const ProveOptions& options) {
  const vm::Program program = vm::load_elf(elf);
  vm::RunOptions run;
  run.max_cycles = options.max_cycles;
  run.segment_cycles = options.segment_cycles;
  return prove_execution(elf, program, vm::execute_traced(program, input, run), options, true);
}

ProveResult prove_forged(std::span<const uint8_t> elf, const vm::TracedExecution& execution, const ProveOptions& options) {
  return prove_execution(elf, vm::load_elf(elf), execution, options, false);
}

namespace {
ProveResult prove_execution(std::span<const uint8_t> elf, const vm::Program& program, const vm::TracedExecution& t,
                            const ProveOptions& options, bool honest) {
  const auto& segs = t.segments;
  if (segs.empty() || !segs.back().halted) throw UnprovableRun("the run does not end with HALT");
  if (segs.size() > MAX_SEGMENTS) throw UnprovableRun("the run has more than 2^16 segments");

  std::unique_ptr<Keys> keys;
  try {
    keys = std::make_unique<Keys>(program, options.params);
  } catch (const std::invalid_argument& e) {
    throw UnprovableRun(std::string("cannot key this program: ") + e.what());
  }
  const ProgramId id = program_id(elf);
  std::vector<SegmentStatement> statements;
  uint32_t committed = 0;
  for (size_t k = 0; k < segs.size(); ++k) {
    SegmentStatement st;
    st.number = uint32_t(k + 1);
    st.start_pc = segs[k].start_pc;
    st.end_pc = segs[k].end_pc;
    st.halted = segs[k].halted;
    st.exit_code = st.halted ? t.result.exit_code : 0;
    st.commit_start = committed;
    committed += committed_bytes(segs[k]);
    st.commit_end = committed;
    statements.push_back(st);
  }
  const auto prev = chips::previous_segments(segs);
  auto segment_tables = [&](size_t k) {
    try {
      return keys->segment.tables(segs[k], statements[k], prev[k]);
    } catch (const std::invalid_argument& e) {
      throw UnprovableRun(e.what());  // an instruction or syscall the chips do not cover
    }
  };
  // A table taller than the key allows (too many accesses in one segment) is a shape error.
  auto too_tall = [&](size_t k, const std::invalid_argument& e) {
    return UnprovableRun("segment " + std::to_string(k + 1) + ": " + e.what() + " (prove with smaller segments)");
  };
  chips::RangeCounts global_ranges;
  chips::GlobalMemoryTraces g = chips::global_memory_traces(keys->global.image.layout(), segs, global_ranges, honest);
  std::vector<stark::TableWitness> global_tables;
  const auto global_publics = keys->global.publics();
  global_tables.push_back({std::move(g.image), global_publics[0]});
  global_tables.push_back({std::move(g.zero), global_publics[1]});
  global_tables.push_back({std::move(g.sink), global_publics[2]});
  global_tables.push_back({global_ranges.trace(), global_publics[3]});

  // Phase 1: every part's main-trace commitments (segment tables are rebuilt in phase 2 rather
  // than kept, so memory holds one segment's traces at a time).
  std::vector<PartCommitment> commitments;
  for (size_t k = 0; k < segs.size(); ++k) {
    const auto tables = segment_tables(k);
    try {
      commitments.push_back({log_heights_of(tables), stark::commit_main_traces(keys->segment_pk, tables)});
    } catch (const std::invalid_argument& e) {
      throw too_tall(k, e);
    }
  }
  const PartCommitment global_commitment{log_heights_of(global_tables), stark::commit_main_traces(keys->global_pk, global_tables)};
  stark::LookupChallenges lookups =
      draw_challenges(*keys, id, statements, commitments, global_commitment, t.result.exit_code, t.result.public_values);

  // Phase 2: each part proven with the shared challenges; segment k's private buses salted k + 1.
  ZkvmProof p;
  p.program_id = id;
  p.exit_code = t.result.exit_code;
  p.public_values = t.result.public_values;
  for (size_t k = 0; k < segs.size(); ++k) {
    stark::LookupChallenges mine = lookups;
    mine.bus_salt = statements[k].number;
    stark::ProverOptions po;
    po.shared_lookups = &mine;
    po.check_witness = honest && options.check_traces;
    p.segments.push_back({statements[k], stark::serialize_proof(stark::prove(keys->segment_pk, segment_tables(k), po))});
  }
  stark::ProverOptions po;
  po.shared_lookups = &lookups;  // salt 0
  po.check_witness = honest && options.check_traces;
  p.global_proof = stark::serialize_proof(stark::prove(keys->global_pk, global_tables, po));
  return {serialize(p), p.exit_code, p.public_values, t.result.cycles, uint32_t(segs.size())};
}
}  // namespace

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
  auto reject = [&](std::string why) {
    out.error = std::move(why);
    return out;
  };
  if (p.program_id != program_id(elf)) return reject("program id mismatch: the proof is for another ELF");
  std::unique_ptr<vm::Program> program;
  try {
    program = std::make_unique<vm::Program>(vm::load_elf(elf));
  } catch (const std::exception& e) {
    return reject(std::string("bad ELF: ") + e.what());
  }
  std::unique_ptr<Keys> keys;
  try {
    keys = std::make_unique<Keys>(*program, params);
  } catch (const std::exception& e) {
    return reject(std::string("cannot derive the verifying keys from the ELF: ") + e.what());
  }

  // The segments' statements must chain into one run from the entry point to HALT.
  const size_t n = p.segments.size();
  std::vector<SegmentStatement> statements;
  for (size_t k = 0; k < n; ++k) {
    const SegmentStatement& st = p.segments[k].statement;
    const std::string who = "segment " + std::to_string(k + 1) + ": ";
    const bool last = k + 1 == n;
    if (k == 0 && st.start_pc != program->entry) return reject(who + "does not start at the ELF's entry point");
    if (k > 0 && st.start_pc != statements.back().end_pc) return reject(who + "does not start where the previous segment ended");
    if (st.halted != last) return reject(who + (last ? "the last segment does not halt" : "halts before the last segment"));
    if (st.exit_code != (last ? p.exit_code : 0)) return reject(who + "exit code differs from the proof's");
    if (st.commit_start != (k == 0 ? 0 : statements.back().commit_end)) return reject(who + "commits out of order");
    if (st.commit_end < st.commit_start || st.commit_end > p.public_values.size()) return reject(who + "commit range out of bounds");
    if (last && st.commit_end != p.public_values.size()) return reject(who + "public values are longer than what the run committed");
    statements.push_back(st);
  }

  std::vector<stark::StarkProof> parts;
  try {
    for (const SegmentProof& sp : p.segments) parts.push_back(stark::deserialize_proof(sp.stark_proof));
    parts.push_back(stark::deserialize_proof(p.global_proof));
  } catch (const stark::FormatError& e) {
    return reject(std::string("malformed STARK proof: ") + e.what());
  }
  std::vector<PartCommitment> commitments;
  for (size_t k = 0; k < n; ++k) commitments.push_back(commitment_of(parts[k]));
  const stark::LookupChallenges lookups =
      draw_challenges(*keys, p.program_id, statements, commitments, commitment_of(parts[n]), p.exit_code, p.public_values);

  Fp4 bus_sum;
  for (size_t k = 0; k < n; ++k) {
    stark::LookupChallenges mine = lookups;
    mine.bus_salt = statements[k].number;
    stark::VerifyOptions vo;
    vo.shared_lookups = &mine;
    const auto v = stark::verify(keys->segment_pk.vk, keys->segment_pk.airs, parts[k], keys->segment.publics(statements[k]), vo);
    if (!v.ok) return reject("segment " + std::to_string(k + 1) + " proof rejected: " + v.error);
    bus_sum += v.bus_sum;
  }
  stark::VerifyOptions vo;
  vo.shared_lookups = &lookups;
  const auto v = stark::verify(keys->global_pk.vk, keys->global_pk.airs, parts[n], keys->global.publics(), vo);
  if (!v.ok) return reject("global memory proof rejected: " + v.error);
  bus_sum += v.bus_sum;
  // Every shared bus balances once the verifier receives the public values itself.
  if (bus_sum != public_values_sum(lookups, p.public_values))
    return reject("the segments' memory and public values do not link into one run (shared buses do not balance)");

  out.ok = true;
  out.exit_code = p.exit_code;
  out.public_values = std::move(p.public_values);
  out.segments = uint32_t(n);
  return out;
}

}  // namespace oneproof::zkvm
