// Padding-free sponge and 2-to-1 compression over Poseidon2 width 16 (see sponge.h).
#include "hash/sponge.h"

#include <algorithm>

#include "common/parallel.h"
#include "hash/poseidon2.h"
#include "hash/poseidon2_batch.h"

namespace oneproof::hash {

static_assert(sizeof(Digest) == DIGEST_ELEMS * sizeof(Fp), "Digest must be a plain array of Fp");

Digest hash_row(const Fp* row, size_t n) {
  Fp state[16] = {};
  for (size_t start = 0; start < n; start += SPONGE_RATE) {
    const size_t len = std::min(SPONGE_RATE, n - start);
    std::copy(row + start, row + start + len, state);  // overwrite mode: the rest of the state stays
    poseidon2_w16(state);
  }
  Digest out;
  std::copy(state, state + DIGEST_ELEMS, out.begin());
  return out;
}

Digest compress(const Digest& left, const Digest& right) {
  Fp state[16];
  std::copy(left.begin(), left.end(), state);
  std::copy(right.begin(), right.end(), state + DIGEST_ELEMS);
  poseidon2_w16(state);
  Digest out;
  std::copy(state, state + DIGEST_ELEMS, out.begin());
  return out;
}

void hash_rows_with(Isa isa, const Fp* rows, size_t width, size_t count, Digest* out) {
  require_isa(isa);
  const size_t lanes = field::isa_lanes(isa), groups = isa == Isa::scalar ? 0 : count / lanes;
#if defined(OP_HAVE_X86_KERNELS)
  Fp* flat = reinterpret_cast<Fp*>(out);
  if (isa == Isa::avx512) avx512::hash_rows_groups(rows, width, groups, flat);
  if (isa == Isa::avx2) avx2::hash_rows_groups(rows, width, groups, flat);
#endif
  for (size_t r = groups * lanes; r < count; ++r) out[r] = hash_row(rows + r * width, width);
}

void compress_pairs_with(Isa isa, const Digest* in, size_t count, Digest* out) {
  // A pair of adjacent digests is exactly one 16-element permutation input.
  permute16_strided(isa, reinterpret_cast<const Fp*>(in), 2 * DIGEST_ELEMS, reinterpret_cast<Fp*>(out), DIGEST_ELEMS, DIGEST_ELEMS, count);
}

namespace {
// Splits [0, count) into chunks of whole lane groups over the thread pool.
template <class Fn>
void for_lane_chunks(size_t count, size_t grain_groups, Fn&& fn) {
  const size_t lanes = field::isa_lanes(field::active_isa());
  const size_t groups = (count + lanes - 1) / lanes;
  parallel::parallel_for(0, groups, grain_groups, [&](size_t lo, size_t hi) {
    const size_t begin = lo * lanes, end = std::min(hi * lanes, count);
    fn(begin, end - begin);
  });
}
}  // namespace

void hash_rows(const Fp* rows, size_t width, size_t count, Digest* out) {
  const size_t grain = std::max<size_t>(1, 256 / (width / SPONGE_RATE + 1));
  for_lane_chunks(count, grain, [&](size_t begin, size_t n) {
    hash_rows_with(field::active_isa(), rows + begin * width, width, n, out + begin);
  });
}

void compress_pairs(const Digest* in, size_t count, Digest* out) {
  for_lane_chunks(count, 16, [&](size_t begin, size_t n) {
    compress_pairs_with(field::active_isa(), in + 2 * begin, n, out + begin);
  });
}

}  // namespace oneproof::hash
