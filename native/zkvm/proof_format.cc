#include "zkvm/proof_format.h"

#include <algorithm>
#include <string>

#include "guest/precompiles/sha256.h"
#include "stark/codec.h"

namespace oneproof::zkvm {
namespace {
void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}
void put_bytes(std::vector<uint8_t>& out, std::span<const uint8_t> b) {
  put_u32(out, uint32_t(b.size()));
  out.insert(out.end(), b.begin(), b.end());
}

struct Reader {
  std::span<const uint8_t> in;
  size_t pos = 0;
  std::span<const uint8_t> take(size_t n, const char* what) {
    if (in.size() - pos < n) throw stark::FormatError(std::string("zkvm proof truncated in ") + what);
    auto s = in.subspan(pos, n);
    pos += n;
    return s;
  }
  uint32_t u32(const char* what) {
    auto s = take(4, what);
    return uint32_t(s[0]) | uint32_t(s[1]) << 8 | uint32_t(s[2]) << 16 | uint32_t(s[3]) << 24;
  }
};
}  // namespace

ProgramId program_id(std::span<const uint8_t> elf) {
  const auto h = guest::precompiles::sha256(elf.data(), elf.size());
  ProgramId id;
  std::copy(std::begin(h.b), std::end(h.b), id.begin());
  return id;
}

std::vector<uint8_t> serialize(const ZkvmProof& p) {
  std::vector<uint8_t> out;
  put_u32(out, ZKVM_PROOF_MAGIC);
  put_u32(out, ZKVM_PROOF_VERSION);
  out.insert(out.end(), p.program_id.begin(), p.program_id.end());
  put_u32(out, p.exit_code);
  put_bytes(out, p.public_values);
  put_u32(out, uint32_t(p.segments.size()));
  for (const SegmentProof& sp : p.segments) {
    const SegmentStatement& st = sp.statement;
    for (uint32_t v : {st.start_pc, st.end_pc, uint32_t(st.halted), st.exit_code, st.commit_start, st.commit_end}) put_u32(out, v);
    put_bytes(out, sp.stark_proof);
  }
  put_bytes(out, p.global_proof);
  return out;
}

ZkvmProof deserialize(std::span<const uint8_t> bytes) {
  Reader r{bytes};
  if (r.u32("magic") != ZKVM_PROOF_MAGIC) throw stark::FormatError("not a zkvm proof (bad magic)");
  if (uint32_t v = r.u32("version"); v != ZKVM_PROOF_VERSION)
    throw stark::FormatError("unsupported zkvm proof version " + std::to_string(v));
  ZkvmProof p;
  auto id = r.take(32, "program id");
  std::copy(id.begin(), id.end(), p.program_id.begin());
  p.exit_code = r.u32("exit code");
  auto pv = r.take(r.u32("public values length"), "public values");
  p.public_values.assign(pv.begin(), pv.end());
  const uint32_t n = r.u32("segment count");
  if (n == 0 || n > MAX_SEGMENTS) throw stark::FormatError("zkvm proof has " + std::to_string(n) + " segments");
  for (uint32_t k = 0; k < n; ++k) {
    SegmentProof sp;
    SegmentStatement& st = sp.statement;
    st.number = k + 1;
    st.start_pc = r.u32("segment start pc");
    st.end_pc = r.u32("segment end pc");
    const uint32_t halted = r.u32("segment halted flag");
    if (halted > 1) throw stark::FormatError("segment halted flag is not 0 or 1");
    st.halted = halted == 1;
    st.exit_code = r.u32("segment exit code");
    st.commit_start = r.u32("segment commit start");
    st.commit_end = r.u32("segment commit end");
    auto b = r.take(r.u32("segment proof length"), "segment proof");
    sp.stark_proof.assign(b.begin(), b.end());
    p.segments.push_back(std::move(sp));
  }
  auto g = r.take(r.u32("global proof length"), "global proof");
  p.global_proof.assign(g.begin(), g.end());
  if (r.pos != bytes.size()) throw stark::FormatError("trailing bytes after zkvm proof");
  return p;
}

}  // namespace oneproof::zkvm
