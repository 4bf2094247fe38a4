// keccak-f[1600] chip: the software rounds against vm/keccak, honest traces accepted by the checker
// and by a STARK round trip (with the bus partners and Range16 on the other side), and forged traces
// (theta, chi, iota, pi, padding, outputs, pointer and timestamp) refused by the checker and, with
// the prover's witness check switched off, by the verifier.
#include <algorithm>
#include <random>
#include <utility>
#include "air/checker.h"
#include "chips/keccak/keccak_air.h"
#include "chips/keccak/keccak_partners.h"
#include "common/test.h"
#include "oneproof/syscalls.h"
#include "stark/prover.h"
#include "stark/verifier.h"
#include "vm/elf.h"
#include "vm/keccak.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof;
using namespace oneproof::chips;
using namespace oneproof::chips::keccak;
using field::Fp;

namespace {

const fri::FriParams kParams{1, 16, 4, 0};
enum Table : size_t { kKeccak, kRange, kCall, kMemory };

std::vector<KeccakEvent> random_events(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<KeccakEvent> out(n);
  for (size_t i = 0; i < n; ++i) {
    for (auto& l : out[i].input) l = rng();
    out[i].output = keccak_permute(out[i].input);
    out[i].ptr = 0x12340 + 0x1000 * uint32_t(i) + (i == 1 ? 0x30000 : 0);  // one pointer with a nonzero high limb
    out[i].ts = 4 * (7 * uint32_t(i) + 3) + vm::kSlotMem;
  }
  return out;
}

// The range counts the keccak trace's real permutations send (values >= 2^16 cannot be counted,
// so a forged out-of-range value leaves the range bus unbalanced).
field::Matrix range_trace_for(const field::Matrix& k) {
  std::vector<uint32_t> counts(Range16Air::kRows, 0);
  for (size_t r = kRounds - 1; r < k.height; r += kRounds) {
    const Fp* row = k.row(r);
    if (row[Cols::kReal] != Fp::one()) continue;
    const Fp q = row[Cols::kPtrQ], gh = row[Cols::kGapHi];
    for (Fp v : {q, q * Fp::from_u32(4), row[Cols::kPtrHi], row[Cols::kGapLo], gh, gh * Fp::from_u32(4)})
      if (v.to_u32() < Range16Air::kRows) ++counts[v.to_u32()];
  }
  field::Matrix m(1, Range16Air::kRows);
  for (size_t v = 0; v < counts.size(); ++v) m.at(v, 0) = Fp::from_u32(counts[v]);
  return m;
}

struct Fixture {
  std::vector<KeccakEvent> events;
  KeccakAir keccak;
  Range16Air range;
  KeccakCallPartnerAir call;
  KeccakMemoryPartnerAir memory;
  std::vector<air::CompiledAir> compiled;
  field::Matrix range_pre;
  std::vector<stark::TableWitness> witness;  // Table order

  explicit Fixture(size_t n) : events(random_events(n, 42 + n)) {
    for (const air::Air* a : airs()) compiled.push_back(air::compile(*a));
    range_pre = range.preprocessed_trace();
    RangeCounts counts;
    field::Matrix k = keccak_trace(events, counts);
    PartnerTraces p = partner_traces(events);
    witness = {{std::move(k), {}}, {counts.trace(), {}}, {std::move(p.calls), {}}, {std::move(p.memory), {}}};
  }
  std::vector<const air::Air*> airs() const { return {&keccak, &range, &call, &memory}; }
  // The key depends only on the tables and parameters: set up once for all cases.
  const stark::ProvingKey& proving_key() const {
    static const stark::ProvingKey pk = stark::setup(airs(), kParams, 16);
    return pk;
  }

  // "" when the witness satisfies every constraint and balances every bus, else the first problem.
  std::string problem(std::vector<stark::TableWitness> w) const {
    w[kRange].main = range_trace_for(w[kKeccak].main);
    for (size_t t = 0; t < w.size(); ++t)
      if (auto v = air::check_constraints(compiled[t], w[t].main, t == kRange ? &range_pre : nullptr, {})) return v->message;
    std::vector<air::TableTrace> tables;
    for (size_t t = 0; t < w.size(); ++t) tables.push_back({&compiled[t], &w[t].main, t == kRange ? &range_pre : nullptr, {}});
    if (auto b = air::check_buses(tables)) return b->message;
    return "";
  }

  // Proves the witness without the prover's own check and verifies the proof.
  bool verifier_accepts(std::vector<stark::TableWitness> w) const {
    w[kRange].main = range_trace_for(w[kKeccak].main);
    const stark::ProvingKey& pk = proving_key();
    stark::StarkProof proof = stark::prove(pk, w, stark::ProverOptions{false});
    std::vector<std::vector<Fp>> publics(w.size());
    const stark::VerifyResult r = stark::verify(pk.vk, pk.airs, proof, publics);
    return r.ok;
  }

  // Refused by the checker (with `expect` in its message) and by the verifier.
  bool refused(const std::vector<stark::TableWitness>& w, const std::string& expect) const {
    const std::string p = problem(w);
    if (p.empty() || p.find(expect) == std::string::npos) {
      std::fprintf(stderr, "  expected a problem containing '%s', got '%s'\n", expect.c_str(), p.c_str());
      return false;
    }
    return !verifier_accepts(w);
  }
};

State row_state(const field::Matrix& t, size_t row, size_t (*col)(size_t, size_t)) {
  State s{};
  for (size_t ln = 0; ln < kLanes; ++ln)
    for (size_t k = 0; k < kLimbs; ++k) s[ln] |= uint64_t(t.at(row, col(ln, k)).to_u32()) << (16 * k);
  return s;
}

State a_prime_of(const field::Matrix& t, size_t row) {
  State s{};
  for (size_t ln = 0; ln < kLanes; ++ln)
    for (size_t z = 0; z < 64; ++z) s[ln] |= uint64_t(t.at(row, Cols::a_prime(ln, z)).to_u32()) << z;
  return s;
}

// Puts a forged chi output (and iota output) on round `round` of permutation `perm`, then recomputes
// the permutation's later rounds and the memory partner's output words from it honestly, so that
// the forged row is the only inconsistency.
void forge_round_output(std::vector<stark::TableWitness>& w, size_t perm, size_t round, const State& chi, uint64_t out00) {
  field::Matrix& t = w[kKeccak].main;
  const size_t first = perm * kRounds;
  write_chi_output(t.row_span(first + round), chi, out00);
  State state = chi;
  state[0] = out00;
  for (size_t r = round + 1; r < kRounds; ++r) state = fill_round(t.row_span(first + r), state, unsigned(r));
  for (size_t word = 0; word < kWords; ++word) {
    const uint32_t v = uint32_t(state[word / 2] >> (32 * (word % 2)));
    Fp* row = w[kMemory].main.row(perm * kWords + word);
    row[KeccakMemoryPartnerAir::kLo] = Fp::from_u32(v & 0xffff);
    row[KeccakMemoryPartnerAir::kHi] = Fp::from_u32(v >> 16);
  }
}

void set_on_permutation(field::Matrix& t, size_t perm, size_t col, Fp v) {
  for (size_t r = perm * kRounds; r < std::min(t.height, (perm + 1) * kRounds); ++r) t.at(r, col) = v;
}

// Marks permutation `perm` real, with permutation `from`'s pointer and timestamp.
void claim_as_real(field::Matrix& t, size_t perm, size_t from) {
  set_on_permutation(t, perm, Cols::kReal, Fp::one());
  for (size_t c : {Cols::kPtrQ, Cols::kPtrHi, Cols::kGapLo, Cols::kGapHi, Cols::kTs}) set_on_permutation(t, perm, c, t.at(from * kRounds, c));
}

}  // namespace

OP_TEST(software_rounds_match_vm_keccak_and_the_known_vector) {
  State zero{};
  CHECK_EQ(keccak_permute(zero)[0], 0xF1258F7940E1DDE7ull);  // keccak-f[1600] of the zero state, lane 0
  std::mt19937_64 rng(7);
  for (int i = 0; i < 8; ++i) {
    State s;
    for (auto& l : s) l = rng();
    State v = s;
    vm::keccak_f1600(v.data());
    CHECK(keccak_permute(s) == v);
  }
}

OP_TEST(air_degree_and_shape) {
  const air::CompiledAir c = air::compile(KeccakAir{});
  CHECK(c.max_degree <= air::MAX_CONSTRAINT_DEGREE);
  CHECK_EQ(c.width, Cols::kWidth);
  CHECK_EQ(c.interactions.size(), size_t(1 + 6 + 50));
}

OP_TEST(honest_traces_pass_the_checker) {
  for (size_t n : {0u, 1u, 2u, 5u}) {
    Fixture f(n);
    const std::string p = f.problem(f.witness);
    CHECK(p.empty());
    if (!p.empty()) std::fprintf(stderr, "  n=%zu: %s\n", n, p.c_str());
  }
}

OP_TEST(trace_rows_carry_the_permutation) {
  Fixture f(2);
  const field::Matrix& t = f.witness[kKeccak].main;
  CHECK_EQ(t.height, size_t(64));
  for (size_t e = 0; e < 2; ++e) {
    CHECK(row_state(t, e * kRounds, Cols::a) == f.events[e].input);
    State out = row_state(t, e * kRounds + kRounds - 1, Cols::chi);
    for (size_t k = 0; k < kLimbs; ++k) out[0] = (out[0] & ~(0xffffull << (16 * k))) | uint64_t(t.at(e * kRounds + 23, Cols::out00(k)).to_u32()) << (16 * k);
    CHECK(out == f.events[e].output);
  }
}

OP_TEST(stark_round_trip_with_bus_partners) {
  Fixture f(3);
  const stark::ProvingKey& pk = f.proving_key();
  stark::StarkProof proof = stark::prove(pk, f.witness);  // the prover checks the witness first
  std::vector<std::vector<Fp>> publics(4);
  const stark::VerifyResult r = stark::verify(pk.vk, pk.airs, proof, publics);
  CHECK(r.ok);
  if (!r.ok) std::fprintf(stderr, "  %s\n", r.error.c_str());
}

OP_TEST(forged_theta_output_is_refused) {
  Fixture f(2);
  auto w = f.witness;
  const size_t row = 5;
  State a_prime = a_prime_of(w[kKeccak].main, row);
  a_prime[7] ^= 1ull << 13;
  for (size_t z = 0; z < 64; ++z) w[kKeccak].main.at(row, Cols::a_prime(7, z)) = Fp::from_u32(uint32_t(a_prime[7] >> z) & 1);
  const State chi = rho_pi_chi(a_prime);
  forge_round_output(w, 0, 5, chi, chi[0] ^ kRoundConstants[5]);
  CHECK(f.refused(w, "A' column parity"));
}

OP_TEST(forged_chi_output_is_refused) {
  Fixture f(2);
  auto w = f.witness;
  const size_t row = kRounds + 9;
  State chi = rho_pi_chi(a_prime_of(w[kKeccak].main, row));
  chi[12] ^= 1ull << 33;
  forge_round_output(w, 1, 9, chi, chi[0] ^ kRoundConstants[9]);
  CHECK(f.refused(w, "'chi'"));
}

OP_TEST(wrong_round_constant_is_refused) {
  Fixture f(2);
  auto w = f.witness;
  const State chi = rho_pi_chi(a_prime_of(w[kKeccak].main, 3));
  forge_round_output(w, 0, 3, chi, chi[0] ^ kRoundConstants[4]);  // round 4's constant in round 3
  CHECK(f.refused(w, "'iota'"));
}

OP_TEST(swapped_lane_in_pi_is_refused) {
  Fixture f(2);
  auto w = f.witness;
  State a_prime = a_prime_of(w[kKeccak].main, 11);
  std::swap(a_prime[3], a_prime[8]);
  const State chi = rho_pi_chi(a_prime);
  forge_round_output(w, 0, 11, chi, chi[0] ^ kRoundConstants[11]);
  CHECK(f.refused(w, "'chi'"));
}

OP_TEST(padding_cannot_claim_a_permutation) {
  Fixture f(3);  // 72 real rows; padding permutations at rows 72..95, 96..119 and 120..127 (cut short)
  {
    auto w = f.witness;  // a complete padding permutation says it is real, with a valid pointer: nobody called it
    claim_as_real(w[kKeccak].main, 3, 0);
    CHECK(f.refused(w, "bus"));
  }
  {
    auto w = f.witness;  // real switched off on one row of a real permutation
    w[kKeccak].main.at(kRounds + 23, Cols::kReal) = Fp::zero();  // (so it would send nothing)
    CHECK(f.refused(w, "per-permutation value constant"));
  }
  {
    auto w = f.witness;  // a non-boolean flag
    set_on_permutation(w[kKeccak].main, 0, Cols::kReal, Fp::from_u32(2));
    CHECK(f.refused(w, "real is boolean"));
  }
  {
    Fixture g(1);  // the cut-short last permutation (rows 24..31) claims the call; its partners expect it
    auto w = g.witness;
    claim_as_real(w[kKeccak].main, 1, 0);
    w[kCall].main = partner_traces(std::vector<KeccakEvent>{g.events[0], g.events[0]}).calls;
    CHECK(g.refused(w, "bus"));
  }
}

OP_TEST(output_word_not_matching_the_state_is_refused) {
  Fixture f(2);
  {
    auto w = f.witness;  // the chip's last-round output limb changed along with the memory partner
    const size_t row = kRounds + 23;
    w[kKeccak].main.at(row, Cols::chi(6, 1)) += Fp::one();
    w[kMemory].main.at(kWords + 12, KeccakMemoryPartnerAir::kHi) += Fp::one();  // word 12 = lane 6, limbs 0..1
    CHECK(f.refused(w, "'chi'"));
  }
  {
    auto w = f.witness;  // only the memory side claims another output
    w[kMemory].main.at(kWords + 3, KeccakMemoryPartnerAir::kLo) += Fp::one();
    CHECK(f.refused(w, "bus"));
  }
  {
    auto w = f.witness;  // or another input
    w[kMemory].main.at(7, KeccakMemoryPartnerAir::kPrevHi) += Fp::one();
    CHECK(f.refused(w, "bus"));
  }
}

OP_TEST(wrong_pointer_or_timestamp_is_refused) {
  Fixture f(2);
  {
    auto w = f.witness;  // ts changed on one row
    w[kKeccak].main.at(10, Cols::kTs) += Fp::one();
    CHECK(f.refused(w, "per-permutation value constant"));
  }
  {
    auto w = f.witness;  // ts changed on the whole permutation: the call and memory partners disagree
    set_on_permutation(w[kKeccak].main, 1, Cols::kTs, w[kKeccak].main.at(kRounds, Cols::kTs) + Fp::one());
    CHECK(f.refused(w, "bus"));
  }
  {
    auto w = f.witness;  // the pointer moved by one word, gap adjusted to match
    set_on_permutation(w[kKeccak].main, 0, Cols::kPtrQ, w[kKeccak].main.at(0, Cols::kPtrQ) + Fp::one());
    set_on_permutation(w[kKeccak].main, 0, Cols::kGapLo, w[kKeccak].main.at(0, Cols::kGapLo) + Fp::one());
    CHECK(f.refused(w, "bus"));
  }
}

OP_TEST(pointer_into_the_registers_or_unaligned_is_refused) {
  // A forger whose call and memory partners agree on the pointer still cannot place the state below
  // guest memory (word index < 0x400) or at an unaligned address: the range checks do not balance.
  for (uint32_t ptr : {0u, 0x40u}) {
    Fixture f(1);
    auto w = f.witness;
    KeccakEvent e = f.events[0];
    e.ptr = ptr;
    const Fp gap = Fp::from_u32(ptr >> 2) - Fp::from_u32(kMinStateWordIndex);  // negative: wraps in the field
    set_on_permutation(w[kKeccak].main, 0, Cols::kPtrQ, Fp::from_u32(ptr >> 2));
    set_on_permutation(w[kKeccak].main, 0, Cols::kPtrHi, Fp::zero());
    set_on_permutation(w[kKeccak].main, 0, Cols::kGapLo, Fp::from_u32(gap.to_u32() & 0xffff));
    set_on_permutation(w[kKeccak].main, 0, Cols::kGapHi, Fp::from_u32(gap.to_u32() >> 16));
    PartnerTraces p = partner_traces(std::vector<KeccakEvent>{e});
    w[kCall].main = p.calls;
    w[kMemory].main = p.memory;
    CHECK(f.refused(w, "bus 100"));
    // With an in-range gap instead, the gap no longer matches the word index.
    set_on_permutation(w[kKeccak].main, 0, Cols::kGapLo, Fp::zero());
    set_on_permutation(w[kKeccak].main, 0, Cols::kGapHi, Fp::zero());
    CHECK(f.refused(w, "state above the registers"));
  }
  {
    Fixture f(1);  // unaligned: ptr_lo = 4q + 1 means q = (ptr_lo) / 4 in the field
    auto w = f.witness;
    const uint32_t ptr_lo = (f.events[0].ptr & 0xffff) + 1;
    const Fp q = Fp::from_u32(ptr_lo) * Fp::from_u32(4).inverse();
    const Fp hi = Fp::from_u32(f.events[0].ptr >> 16);
    const Fp word_index = q + hi * Fp::from_u32(1u << 14);
    const uint32_t gap = (word_index - Fp::from_u32(kMinStateWordIndex)).to_u32();
    set_on_permutation(w[kKeccak].main, 0, Cols::kPtrQ, q);
    set_on_permutation(w[kKeccak].main, 0, Cols::kGapLo, Fp::from_u32(gap & 0xffff));
    set_on_permutation(w[kKeccak].main, 0, Cols::kGapHi, Fp::from_u32(gap >> 16));
    w[kCall].main.at(0, KeccakCallPartnerAir::kPtrLo) = Fp::from_u32(ptr_lo);
    for (size_t i = 0; i < kWords; ++i)
      w[kMemory].main.at(i, KeccakMemoryPartnerAir::kAddr) = word_index + Fp::from_u32(uint32_t(i));
    CHECK(f.refused(w, "bus 100"));  // only the range checks catch it
  }
}

OP_TEST(bad_events_are_refused_by_trace_generation) {
  auto events = random_events(2, 9);
  auto throws = [](std::vector<KeccakEvent> e) {
    RangeCounts r;
    try { keccak_trace(e, r); } catch (const std::invalid_argument&) { return true; }
    return false;
  };
  CHECK(!throws(events));
  auto e = events; e[1].output[4] ^= 1; CHECK(throws(e));
  e = events; e[0].ptr += 2; CHECK(throws(e));
  e = events; e[0].ptr = 0x800; CHECK(throws(e));
  e = events; e[0].ptr = 0xffffff80u; CHECK(throws(e));
}

OP_TEST(events_from_a_segment_record) {
  const KeccakEvent e = random_events(1, 3)[0];
  vm::SegmentRecord seg;
  vm::SyscallEvent s;
  s.number = OP_SYS_KECCAK_PERMUTE;
  for (uint32_t w = 0; w < kWords; ++w)
    s.accesses.push_back(vm::Access{e.ptr + 4 * w, uint32_t(e.output[w / 2] >> (32 * (w % 2))), uint32_t(e.input[w / 2] >> (32 * (w % 2))), 0, e.ts, true});
  seg.syscalls.push_back(s);
  seg.syscalls.push_back(vm::SyscallEvent{});  // another syscall: skipped
  const auto got = keccak_events(seg);
  REQUIRE(got.size() == 1);
  CHECK(got[0].input == e.input);
  CHECK(got[0].output == e.output);
  CHECK_EQ(got[0].ptr, e.ptr);
  CHECK_EQ(got[0].ts, e.ts);
  seg.syscalls[0].accesses.pop_back();
  bool threw = false;
  try { keccak_events(seg); } catch (const std::invalid_argument&) { threw = true; }
  CHECK(threw);
}

OP_TEST(emulator_keccak_calls_become_a_checked_trace) {
  // A guest that permutes a zeroed state in its data area twice, run by the tracing emulator.
  vm::testing::Assembler a;
  for (int i = 0; i < 2; ++i) {
    a.li(vm::testing::reg::a0, vm::testing::kDataBase + 0x100);
    a.syscall(OP_SYS_KECCAK_PERMUTE);
  }
  a.li(vm::testing::reg::a0, 0);
  a.halt();
  const vm::TracedExecution run = vm::execute_traced(vm::load_elf(vm::testing::simple_elf(a.words)), {});
  REQUIRE(run.segments.size() == 1);
  const std::vector<KeccakEvent> events = keccak_events(run.segments[0]);
  REQUIRE(events.size() == 2);
  CHECK(events[0].input == State{});
  CHECK(events[0].output == keccak_permute(State{}));
  CHECK(events[1].input == events[0].output);
  CHECK_EQ(events[0].ptr, vm::testing::kDataBase + 0x100);
  CHECK_EQ(events[1].ts, vm::cycle_timestamp(run.segments[0].syscalls[1].cycle) + vm::kSlotMem);

  RangeCounts counts;
  const field::Matrix trace = keccak_trace(events, counts);
  PartnerTraces p = partner_traces(events);
  const air::CompiledAir chip = air::compile(KeccakAir{}), call = air::compile(KeccakCallPartnerAir{}),
                         mem = air::compile(KeccakMemoryPartnerAir{}), range = air::compile(Range16Air{});
  CHECK(!air::check_constraints(chip, trace, nullptr, {}));
  const field::Matrix range_pre = Range16Air{}.preprocessed_trace(), range_main = counts.trace();
  const std::vector<air::TableTrace> tables = {
      {&chip, &trace, nullptr, {}}, {&call, &p.calls, nullptr, {}}, {&mem, &p.memory, nullptr, {}}, {&range, &range_main, &range_pre, {}}};
  CHECK(!air::check_buses(tables));
}
