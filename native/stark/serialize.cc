// Key and proof encodings (serialize.h).
#include "stark/serialize.h"

namespace oneproof::stark {

namespace {
constexpr size_t FP = 4, FP4 = 16, DIGEST = 32;

void write_fri_params(ByteWriter& w, const fri::FriParams& p) {
  w.u32(p.log_blowup);
  w.u32(p.num_queries);
  w.u32(p.pow_bits);
  w.u32(p.log_final_poly_len);
  w.u32(p.max_log_arity);
}
fri::FriParams read_fri_params(ByteReader& r) {
  fri::FriParams p;
  p.log_blowup = r.u32();
  p.num_queries = r.u32();
  p.pow_bits = r.u32();
  p.log_final_poly_len = r.u32();
  p.max_log_arity = r.u32();
  return p;
}

void write_values(ByteWriter& w, const std::vector<Fp4>& v) {
  w.u32(uint32_t(v.size()));
  for (const Fp4& x : v) w.fp4(x);
}
std::vector<Fp4> read_values(ByteReader& r) {
  std::vector<Fp4> v(r.count(FP4));
  for (Fp4& x : v) x = r.fp4();
  return v;
}
void write_path(ByteWriter& w, const std::vector<Digest>& p) {
  w.u32(uint32_t(p.size()));
  for (const Digest& d : p) w.digest(d);
}
std::vector<Digest> read_path(ByteReader& r) {
  std::vector<Digest> p(r.count(DIGEST));
  for (Digest& d : p) d = r.digest();
  return p;
}
void write_opened(ByteWriter& w, const MatrixOpenedValues& m) { write_values(w, m.local); write_values(w, m.next); }
MatrixOpenedValues read_opened(ByteReader& r) {
  MatrixOpenedValues m;
  m.local = read_values(r);
  m.next = read_values(r);
  return m;
}
void header(ByteReader& r, uint32_t magic, const char* what) {
  if (r.u32() != magic) throw FormatError(std::string(what) + ": bad magic");
  const uint32_t version = r.u32();
  if (version != FORMAT_VERSION) throw FormatError(std::string(what) + ": unsupported format version " + std::to_string(version));
}
}  // namespace

std::vector<uint8_t> serialize_vk(const VerifyingKey& vk) {
  ByteWriter w;
  w.u32(VK_MAGIC);
  w.u32(FORMAT_VERSION);
  write_fri_params(w, vk.fri);
  w.u32(vk.max_log_height);
  w.u32(uint32_t(vk.tables.size()));
  for (const TableKey& t : vk.tables) {
    w.str(t.name);
    for (const Fp& x : t.air_digest) w.fp(x);
    w.u32(t.width);
    w.u32(t.preprocessed_width);
    w.u32(t.num_public_values);
    w.u32(t.num_interactions);
    w.u32(t.num_quotient_chunks);
    w.u32(t.preprocessed_log_height);
    w.digest(t.preprocessed_commit);
  }
  return w.take();
}

VerifyingKey deserialize_vk(std::span<const uint8_t> bytes) {
  ByteReader r(bytes);
  header(r, VK_MAGIC, "verifying key");
  VerifyingKey vk;
  vk.fri = read_fri_params(r);
  vk.max_log_height = r.u32();
  const size_t n = r.count(4 + 8 * FP + 6 * 4 + DIGEST);
  vk.tables.resize(n);
  for (TableKey& t : vk.tables) {
    t.name = r.str(256);
    for (Fp& x : t.air_digest) x = r.fp();
    t.width = r.u32();
    t.preprocessed_width = r.u32();
    t.num_public_values = r.u32();
    t.num_interactions = r.u32();
    t.num_quotient_chunks = r.u32();
    t.preprocessed_log_height = r.u32();
    t.preprocessed_commit = r.digest();
  }
  r.finish();
  return vk;
}

std::vector<uint8_t> serialize_proof(const StarkProof& proof) {
  ByteWriter w;
  w.u32(PROOF_MAGIC);
  w.u32(FORMAT_VERSION);
  write_fri_params(w, proof.params);
  w.u32(uint32_t(proof.tables.size()));
  for (const TableProof& t : proof.tables) {
    w.u32(t.log_height);
    w.digest(t.main_commit);
    const bool lookups = !t.permutation.local.empty();
    w.u32(lookups ? 1 : 0);
    if (lookups) {
      w.digest(t.permutation_commit);
      w.fp4(t.cumulative_sum);
    }
    w.digest(t.quotient_commit);
    write_opened(w, t.preprocessed);
    write_opened(w, t.main);
    if (lookups) write_opened(w, t.permutation);
    write_opened(w, t.quotient);
  }
  const fri::FriProof& f = proof.fri;
  write_path(w, f.commits);
  write_values(w, f.final_poly);
  w.fp(f.pow_witness);
  w.u32(uint32_t(f.queries.size()));
  for (const fri::QueryProof& q : f.queries) {
    w.u32(uint32_t(q.layers.size()));
    for (const fri::LayerOpening& l : q.layers) {
      write_values(w, l.siblings);
      write_path(w, l.path);
    }
  }
  w.u32(uint32_t(proof.queries.size()));
  for (const QueryOpenings& q : proof.queries) {
    w.u32(uint32_t(q.tables.size()));
    for (const auto& table : q.tables) {
      w.u32(uint32_t(table.size()));
      for (const RowOpening& o : table) {
        w.u32(uint32_t(o.row.size()));
        for (const Fp& x : o.row) w.fp(x);
        write_path(w, o.path);
      }
    }
  }
  return w.take();
}

StarkProof deserialize_proof(std::span<const uint8_t> bytes) {
  ByteReader r(bytes);
  header(r, PROOF_MAGIC, "proof");
  StarkProof proof;
  proof.params = read_fri_params(r);
  proof.tables.resize(r.count(4 + DIGEST + 4 + DIGEST));
  for (TableProof& t : proof.tables) {
    t.log_height = r.u32();
    t.main_commit = r.digest();
    const uint32_t lookups = r.u32();
    if (lookups > 1) throw FormatError("proof: bad lookup flag");
    if (lookups) {
      t.permutation_commit = r.digest();
      t.cumulative_sum = r.fp4();
    }
    t.quotient_commit = r.digest();
    t.preprocessed = read_opened(r);
    t.main = read_opened(r);
    if (lookups) {
      t.permutation = read_opened(r);
      if (t.permutation.local.empty()) throw FormatError("proof: empty lookup openings");
    }
    t.quotient = read_opened(r);
  }
  fri::FriProof& f = proof.fri;
  f.commits = read_path(r);
  f.final_poly = read_values(r);
  f.pow_witness = r.fp();
  f.queries.resize(r.count(4));
  for (fri::QueryProof& q : f.queries) {
    q.layers.resize(r.count(8));
    for (fri::LayerOpening& l : q.layers) {
      l.siblings = read_values(r);
      l.path = read_path(r);
    }
  }
  proof.queries.resize(r.count(4));
  for (QueryOpenings& q : proof.queries) {
    q.tables.resize(r.count(4));
    for (auto& table : q.tables) {
      table.resize(r.count(8));
      for (RowOpening& o : table) {
        o.row.resize(r.count(FP));
        for (Fp& x : o.row) x = r.fp();
        o.path = read_path(r);
      }
    }
  }
  r.finish();
  return proof;
}

}  // namespace oneproof::stark
