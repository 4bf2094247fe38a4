// Encoding, decoding and validation of the validator input; see input.h.
#include "guest/validator/input.h"

#include <cstring>

#include "guest/mpt/trie.h"
#include "guest/rlp/rlp.h"
#include "guest/state/witness_backend.h"

namespace oneproof::guest::validator {

Bytes encode_input(const Input& in) {
  rlp::Encoder e;
  size_t top = e.begin_list();
  e.add_u64(kInputVersion);
  size_t chain = e.begin_list();
  e.add_u64(in.chain.chain_id);
  e.add_bytes(in.chain.deposit_contract);
  size_t forks = e.begin_list();
  for (const block::ForkActivation& f : in.chain.forks) {
    size_t item = e.begin_list();
    e.add_u64(uint64_t(f.revision));
    e.add_u64(f.timestamp);
    e.add_u64(f.blob.target);
    e.add_u64(f.blob.max);
    e.add_u64(f.blob.update_fraction);
    e.end_list(item);
  }
  e.end_list(forks);
  e.end_list(chain);
  e.add_bytes(in.block_rlp);
  for (const std::vector<Bytes>* list : {&in.headers, &in.state_nodes, &in.codes}) {
    size_t l = e.begin_list();
    for (const Bytes& b : *list) e.add_bytes(b);
    e.end_list(l);
  }
  e.end_list(top);
  return e.take();
}

namespace {
bool byte_list(const rlp::Item& item, std::vector<Bytes>& out) {
  std::vector<rlp::Item> items;
  if (rlp::list_items(item, items) != rlp::Error::Ok) return false;
  for (const rlp::Item& it : items) {
    if (it.is_list) return false;
    out.push_back(it.bytes());
  }
  return true;
}
}  // namespace

bool decode_input(const uint8_t* data, size_t len, Input& out, const char*& error) {
  rlp::Item top;
  std::vector<rlp::Item> f, chain, forks;
  uint64_t version = 0;
  if (rlp::decode(data, len, top) != rlp::Error::Ok || rlp::list_items(top, 6, f) != rlp::Error::Ok ||
      rlp::to_u64(f[0], version) != rlp::Error::Ok || version != kInputVersion) {
    error = "input is not a version-1 validator input list";
    return false;
  }
  if (rlp::list_items(f[1], 3, chain) != rlp::Error::Ok || rlp::to_u64(chain[0], out.chain.chain_id) != rlp::Error::Ok ||
      rlp::to_address(chain[1], out.chain.deposit_contract) != rlp::Error::Ok ||
      rlp::list_items(chain[2], forks) != rlp::Error::Ok || forks.empty()) {
    error = "malformed chain config";
    return false;
  }
  uint64_t last_ts = 0;
  for (const rlp::Item& fi : forks) {
    std::vector<rlp::Item> v;
    uint64_t rev = 0;
    block::ForkActivation a{};
    if (rlp::list_items(fi, 5, v) != rlp::Error::Ok || rlp::to_u64(v[0], rev) != rlp::Error::Ok || rev > 2 ||
        rlp::to_u64(v[1], a.timestamp) != rlp::Error::Ok || rlp::to_u64(v[2], a.blob.target) != rlp::Error::Ok ||
        rlp::to_u64(v[3], a.blob.max) != rlp::Error::Ok || rlp::to_u64(v[4], a.blob.update_fraction) != rlp::Error::Ok ||
        a.blob.max == 0 || a.blob.update_fraction == 0 || a.timestamp < last_ts) {
      error = "malformed fork entry";
      return false;
    }
    a.revision = evm::Revision(rev);
    last_ts = a.timestamp;
    out.chain.forks.push_back(a);
  }
  if (f[2].is_list) { error = "block must be a byte string"; return false; }
  out.block_rlp = f[2].bytes();
  if (!byte_list(f[3], out.headers) || !byte_list(f[4], out.state_nodes) || !byte_list(f[5], out.codes)) {
    error = "malformed headers, state or codes list";
    return false;
  }
  return true;
}

block::BlockResult validate(const Input& in) {
  block::BlockResult r;
  std::vector<block::Header> ancestors(in.headers.size());
  for (size_t i = 0; i < in.headers.size(); ++i) {
    const char* err = nullptr;
    if (!block::decode_header(in.headers[i].data(), in.headers[i].size(), ancestors[i], err)) {
      r.reason = std::string("ancestor header: ") + err;
      return r;
    }
    // The ancestors must form a chain: each one the parent of the next.
    if (i > 0 && ancestors[i].parent_hash != ancestors[i - 1].hash) {
      r.reason = "ancestor headers do not form a chain";
      return r;
    }
  }
  if (ancestors.empty()) { r.reason = "no parent header"; return r; }
  mpt::NodeStore nodes;
  for (const Bytes& n : in.state_nodes) nodes.add(n);
  state::WitnessBackend backend(nodes, ancestors.back().state_root);
  for (const Bytes& c : in.codes) backend.add_code(c);
  return block::validate_block(in.chain, in.block_rlp.data(), in.block_rlp.size(), ancestors, backend);
}

block::BlockResult validate_encoded(const uint8_t* data, size_t len) {
  Input in;
  const char* err = nullptr;
  if (!decode_input(data, len, in, err)) {
    block::BlockResult r;
    r.reason = err;
    return r;
  }
  return validate(in);
}

void public_values(const block::BlockResult& r, uint8_t out[kPublicValuesSize]) {
  std::memcpy(out, r.block_hash.b, 32);
  std::memcpy(out + 32, r.parent_hash.b, 32);
  std::memcpy(out + 64, r.state_root.b, 32);
  out[96] = r.success ? 1 : 0;
}

}  // namespace oneproof::guest::validator
