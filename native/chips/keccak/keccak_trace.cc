// keccak-f[1600] chip trace generation (keccak_trace.h).
#include "chips/keccak/keccak_trace.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>
#include "chips/keccak/keccak_layout.h"
#include "oneproof/syscalls.h"

namespace oneproof::chips::keccak {

using field::Fp;

namespace {

Fp limb(uint64_t v, size_t k) { return Fp::from_u32(uint32_t(v >> (16 * k)) & 0xffff); }
Fp bit(uint64_t v, size_t z) { return Fp::from_u32(uint32_t(v >> z) & 1); }

struct Theta {
  std::array<uint64_t, 5> c{}, c_prime{};
  State a_prime{};
};

Theta theta(const State& a) {
  Theta t;
  for (size_t x = 0; x < 5; ++x) t.c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
  for (size_t x = 0; x < 5; ++x) {
    const uint64_t d = t.c[(x + 4) % 5] ^ std::rotl(t.c[(x + 1) % 5], 1);
    t.c_prime[x] = t.c[x] ^ d;
    for (size_t y = 0; y < 5; ++y) t.a_prime[lane(x, y)] = a[lane(x, y)] ^ d;
  }
  return t;
}

}  // namespace

State rho_pi_chi(const State& a_prime) {
  State b{}, out{};
  for (size_t y = 0; y < 5; ++y)
    for (size_t x = 0; x < 5; ++x) {
      const size_t src = pi_source(x, y);
      b[lane(x, y)] = std::rotl(a_prime[src], int(kRhoOffsets[src]));
    }
  for (size_t y = 0; y < 5; ++y)
    for (size_t x = 0; x < 5; ++x)
      out[lane(x, y)] = b[lane(x, y)] ^ (~b[lane((x + 1) % 5, y)] & b[lane((x + 2) % 5, y)]);
  return out;
}

namespace {

void write_per_permutation(std::span<Fp> row, const KeccakEvent* e) {
  row[Cols::kReal] = Fp::from_u32(e ? 1 : 0);
  if (!e) return;  // padding: zero pointer, timestamp and input
  const uint32_t word_index = e->ptr >> 2, gap = word_index - kMinStateWordIndex;
  row[Cols::kPtrQ] = Fp::from_u32((e->ptr & 0xffff) >> 2);
  row[Cols::kPtrHi] = Fp::from_u32(e->ptr >> 16);
  row[Cols::kGapLo] = Fp::from_u32(gap & 0xffff);
  row[Cols::kGapHi] = Fp::from_u32(gap >> 16);
  row[Cols::kTs] = Fp::from_u32(e->ts);
  for (size_t ln = 0; ln < kLanes; ++ln)
    for (size_t k = 0; k < kLimbs; ++k) row[Cols::input(ln, k)] = limb(e->input[ln], k);
}

void validate(const KeccakEvent& e, size_t index) {
  const std::string where = "keccak event " + std::to_string(index) + ": ";
  if (e.ptr & 3) throw std::invalid_argument(where + "state pointer is not 4-byte aligned");
  if ((e.ptr >> 2) < kMinStateWordIndex) throw std::invalid_argument(where + "state pointer is below guest memory");
  if (uint64_t(e.ptr) + 200 > (uint64_t(1) << 32)) throw std::invalid_argument(where + "state runs past the address space");
  if (keccak_permute(e.input) != e.output) throw std::invalid_argument(where + "output is not keccak-f[1600] of the input");
}

}  // namespace

void keccak_round(State& state, unsigned round) {
  state = rho_pi_chi(theta(state).a_prime);
  state[0] ^= kRoundConstants.at(round);
}

State keccak_permute(State state) {
  for (unsigned r = 0; r < kRounds; ++r) keccak_round(state, r);
  return state;
}

void write_chi_output(std::span<Fp> row, const State& chi, uint64_t out00) {
  for (size_t ln = 0; ln < kLanes; ++ln)
    for (size_t k = 0; k < kLimbs; ++k) row[Cols::chi(ln, k)] = limb(chi[ln], k);
  for (size_t z = 0; z < 64; ++z) row[Cols::chi00_bit(z)] = bit(chi[0], z);
  for (size_t k = 0; k < kLimbs; ++k) row[Cols::out00(k)] = limb(out00, k);
}

State fill_round(std::span<Fp> row, const State& input, unsigned round) {
  for (size_t ln = 0; ln < kLanes; ++ln)
    for (size_t k = 0; k < kLimbs; ++k) row[Cols::a(ln, k)] = limb(input[ln], k);
  const Theta t = theta(input);
  for (size_t x = 0; x < 5; ++x)
    for (size_t z = 0; z < 64; ++z) {
      row[Cols::c(x, z)] = bit(t.c[x], z);
      row[Cols::c_prime(x, z)] = bit(t.c_prime[x], z);
    }
  for (size_t ln = 0; ln < kLanes; ++ln)
    for (size_t z = 0; z < 64; ++z) row[Cols::a_prime(ln, z)] = bit(t.a_prime[ln], z);
  State out = rho_pi_chi(t.a_prime);
  write_chi_output(row, out, out[0] ^ kRoundConstants.at(round));
  out[0] ^= kRoundConstants[round];
  return out;
}

field::Matrix keccak_trace(std::span<const KeccakEvent> events, RangeCounts& ranges) {
  for (size_t i = 0; i < events.size(); ++i) validate(events[i], i);
  const size_t rows = std::max<size_t>(32, std::bit_ceil(events.size() * kRounds));
  field::Matrix m(Cols::kWidth, rows);
  for (size_t first = 0, perm = 0; first < rows; first += kRounds, ++perm) {
    const KeccakEvent* e = perm < events.size() ? &events[perm] : nullptr;
    State state = e ? e->input : State{};
    for (size_t r = 0; r < kRounds && first + r < rows; ++r) {
      std::span<Fp> row = m.row_span(first + r);
      row[Cols::step(r)] = Fp::one();
      write_per_permutation(row, e);
      state = fill_round(row, state, unsigned(r));
    }
    if (e) {
      const uint32_t q = (e->ptr & 0xffff) >> 2, hi = e->ptr >> 16, gap = (e->ptr >> 2) - kMinStateWordIndex;
      for (uint32_t v : {q, 4 * q, hi, gap & 0xffff, gap >> 16, 4 * (gap >> 16)}) ranges.add(v);
    }
  }
  return m;
}

std::vector<KeccakEvent> keccak_events(const vm::SegmentRecord& segment) {
  std::vector<KeccakEvent> out;
  for (const vm::SyscallEvent& s : segment.syscalls) {
    if (s.number != OP_SYS_KECCAK_PERMUTE) continue;
    const std::string where = "keccak syscall at cycle " + std::to_string(s.cycle) + ": ";
    std::vector<vm::Access> words;  // register reads (addresses < 32), if recorded, are the CPU's
    for (const vm::Access& a : s.accesses)
      if (a.addr >= 32) words.push_back(a);
    if (words.size() != kWords) throw std::invalid_argument(where + "expected 50 word accesses");
    KeccakEvent e;
    e.ptr = words[0].addr;
    e.ts = words[0].ts;
    for (size_t w = 0; w < kWords; ++w) {
      const vm::Access& a = words[w];
      if (a.addr != e.ptr + 4 * w || a.ts != e.ts || !a.is_write)
        throw std::invalid_argument(where + "word accesses are not 50 consecutive writes at one timestamp");
      e.input[w / 2] |= uint64_t(a.prev_value) << (32 * (w % 2));
      e.output[w / 2] |= uint64_t(a.value) << (32 * (w % 2));
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace oneproof::chips::keccak
