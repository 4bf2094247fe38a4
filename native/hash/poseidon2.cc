// Scalar reference Poseidon2 and the dispatch of batched permutations to the SIMD kernels.
#include "hash/poseidon2.h"

#include <stdexcept>
#include <string>

#include "common/parallel.h"
#include "hash/poseidon2_batch.h"
#include "hash/poseidon2_params.h"

namespace oneproof::hash {

namespace {
Fp cube(Fp x) { return x * x * x; }

void mds4(Fp* x) {
  // M4 = [[2,3,1,1],[1,2,3,1],[1,1,2,3],[3,1,1,2]], written out as the matrix product.
  const Fp two = Fp::from_u32(2), three = Fp::from_u32(3);
  Fp y0 = two * x[0] + three * x[1] + x[2] + x[3];
  Fp y1 = x[0] + two * x[1] + three * x[2] + x[3];
  Fp y2 = x[0] + x[1] + two * x[2] + three * x[3];
  Fp y3 = three * x[0] + x[1] + x[2] + two * x[3];
  x[0] = y0; x[1] = y1; x[2] = y2; x[3] = y3;
}

template <size_t W>
void external_linear(Fp* s) {
  for (size_t g = 0; g < W; g += 4) mds4(s + g);
  Fp sums[4];
  for (size_t i = 0; i < W; ++i) sums[i % 4] += s[i];
  for (size_t i = 0; i < W; ++i) s[i] += sums[i % 4];
}

template <size_t W>
void internal_linear(Fp* s, const Fp* diag) {
  Fp sum;
  for (size_t i = 0; i < W; ++i) sum += s[i];
  for (size_t i = 0; i < W; ++i) s[i] = sum + diag[i] * s[i];
}

template <size_t W, size_t RP>
void permute_reference(Fp* s, const Poseidon2Params<W, RP>& c) {
  external_linear<W>(s);
  for (size_t r = 0; r < POSEIDON2_HALF_FULL_ROUNDS; ++r) {
    for (size_t i = 0; i < W; ++i) s[i] = cube(s[i] + c.external_initial[r][i]);
    external_linear<W>(s);
  }
  for (size_t r = 0; r < RP; ++r) {
    s[0] = cube(s[0] + c.internal[r]);
    internal_linear<W>(s, c.diag);
  }
  for (size_t r = 0; r < POSEIDON2_HALF_FULL_ROUNDS; ++r) {
    for (size_t i = 0; i < W; ++i) s[i] = cube(s[i] + c.external_final[r][i]);
    external_linear<W>(s);
  }
}
}  // namespace

void poseidon2_w16(Fp state[16]) { permute_reference(state, POSEIDON2_PARAMS_16); }
void poseidon2_w24(Fp state[24]) { permute_reference(state, POSEIDON2_PARAMS_24); }

void require_isa(Isa isa) {
  if (!field::isa_supported(isa))
    throw std::runtime_error(std::string("poseidon2: ISA not supported on this CPU: ") + field::isa_name(isa));
}

void permute16_strided(Isa isa, const Fp* in, size_t in_stride, Fp* out, size_t out_stride, size_t out_elems,
                       size_t count) {
  require_isa(isa);
  const size_t lanes = field::isa_lanes(isa), groups = isa == Isa::scalar ? 0 : count / lanes;
#if defined(OP_HAVE_X86_KERNELS)
  if (isa == Isa::avx512) avx512::permute16_groups(in, in_stride, out, out_stride, out_elems, groups);
  if (isa == Isa::avx2) avx2::permute16_groups(in, in_stride, out, out_stride, out_elems, groups);
#endif
  for (size_t j = groups * lanes; j < count; ++j) {
    Fp s[16];
    for (size_t i = 0; i < 16; ++i) s[i] = in[j * in_stride + i];
    poseidon2_w16(s);
    for (size_t i = 0; i < out_elems; ++i) out[j * out_stride + i] = s[i];
  }
}

void poseidon2_w16_many(Isa isa, Fp* states, size_t count) { permute16_strided(isa, states, 16, states, 16, 16, count); }

void poseidon2_w24_many(Isa isa, Fp* states, size_t count) {
  require_isa(isa);
  const size_t lanes = field::isa_lanes(isa), groups = isa == Isa::scalar ? 0 : count / lanes;
#if defined(OP_HAVE_X86_KERNELS)
  if (isa == Isa::avx512) avx512::permute24_groups(states, groups);
  if (isa == Isa::avx2) avx2::permute24_groups(states, groups);
#endif
  for (size_t j = groups * lanes; j < count; ++j) poseidon2_w24(states + j * 24);
}

// Chunks are whole lane groups so only the very last chunk has a scalar tail.
template <class Fn>
static void for_lane_chunks(size_t count, Fn&& fn) {
  const size_t lanes = field::isa_lanes(field::active_isa());
  const size_t groups = (count + lanes - 1) / lanes;
  parallel::parallel_for(0, groups, 16, [&](size_t lo, size_t hi) {
    const size_t begin = lo * lanes, end = hi * lanes < count ? hi * lanes : count;
    fn(begin, end - begin);
  });
}

void poseidon2_w16_batch(Fp* states, size_t count) {
  for_lane_chunks(count, [&](size_t begin, size_t n) { poseidon2_w16_many(field::active_isa(), states + begin * 16, n); });
}
void poseidon2_w24_batch(Fp* states, size_t count) {
  for_lane_chunks(count, [&](size_t begin, size_t n) { poseidon2_w24_many(field::active_isa(), states + begin * 24, n); });
}

}  // namespace oneproof::hash
