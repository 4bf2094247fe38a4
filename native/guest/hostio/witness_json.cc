#include "guest/hostio/witness_json.h"

#include "guest/hostio/json.h"

namespace oneproof::guest::hostio {

namespace {
using evm::Revision;

bool json_u64(const Json& j, uint64_t& out) {
  if (j.type() == Json::Type::Number) {
    uint64_t v = 0;
    for (char c : j.text()) {
      if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10) return false;
      v = v * 10 + uint64_t(c - '0');
    }
    out = v;
    return true;
  }
  uint256 v;
  if (!j.is_string() || !uint256::from_hex(j.text().data(), j.text().size(), v) || !v.fits_u64()) return false;
  out = v.low64();
  return true;
}

bool fork_entry(const Json& j, const std::string& fork, uint64_t timestamp, block::ForkActivation& out, std::string& error) {
  if (fork == "Cancun") out.revision = Revision::Cancun;
  else if (fork == "Prague") out.revision = Revision::Prague;
  else if (fork == "Osaka" || fork.compare(0, 3, "BPO") == 0) out.revision = Revision::Osaka;
  else { error = "unsupported fork " + fork + " (Cancun, Prague, Osaka, BPO*)"; return false; }
  out.timestamp = timestamp;
  out.blob = out.revision == Revision::Cancun ? block::BlobParams{3, 6, 3338477} : block::BlobParams{6, 9, 5007716};
  const Json& s = j["blobSchedule"];
  if (s.is_object()) {
    if (!json_u64(s["target"], out.blob.target) || !json_u64(s["max"], out.blob.max) ||
        !json_u64(s["baseFeeUpdateFraction"], out.blob.update_fraction) || out.blob.max == 0 || out.blob.update_fraction == 0) {
      error = "bad blobSchedule";
      return false;
    }
  }
  return true;
}

bool hex_list(const Json& j, std::vector<Bytes>& out, const char* what, std::string& error) {
  if (j.is_null()) return true;
  if (!j.is_array()) { error = std::string("witness \"") + what + "\" must be an array"; return false; }
  for (const Json& item : j.items()) {
    Bytes b;
    if (!item.is_string() || !from_hex(item.text().data(), item.text().size(), b)) {
      error = std::string("witness \"") + what + "\" holds a non-hex entry";
      return false;
    }
    out.push_back(std::move(b));
  }
  return true;
}
}  // namespace

bool parse_chain_json(std::string_view text, block::ChainConfig& out, std::string& error) {
  Json doc;
  if (!Json::parse(text, doc, error)) { error = "chain file: " + error; return false; }
  out = block::ChainConfig();
  out.deposit_contract = block::mainnet_deposit_contract();
  if (doc.has("chainId") && !json_u64(doc["chainId"], out.chain_id)) { error = "chain file: bad chainId"; return false; }
  if (doc.has("depositContract")) {
    Bytes b;
    if (!doc["depositContract"].is_string() || !from_hex(doc["depositContract"].text().data(), doc["depositContract"].text().size(), b) || b.size() != 20) {
      error = "chain file: bad depositContract";
      return false;
    }
    out.deposit_contract = Address::from(b.data());
  }
  if (doc["forks"].is_array()) {
    for (const Json& f : doc["forks"].items()) {
      block::ForkActivation a{};
      uint64_t ts = 0;
      if (f.has("timestamp") && !json_u64(f["timestamp"], ts)) { error = "chain file: bad fork timestamp"; return false; }
      if (!fork_entry(f, f["fork"].text(), ts, a, error)) return false;
      out.forks.push_back(a);
    }
  } else {
    block::ForkActivation a{};
    if (!fork_entry(doc, doc.has("fork") ? doc["fork"].text() : "Prague", 0, a, error)) return false;
    out.forks.push_back(a);
  }
  if (out.forks.empty()) { error = "chain file: no forks"; return false; }
  return true;
}

bool load_validator_input(std::string_view block_hex, std::string_view witness_json, std::string_view chain_json,
                          validator::Input& in, std::string& error) {
  in = validator::Input();
  size_t b = 0, e = block_hex.size();
  while (b < e && (block_hex[b] == ' ' || block_hex[b] == '\n' || block_hex[b] == '\r' || block_hex[b] == '\t')) ++b;
  while (e > b && (block_hex[e - 1] == ' ' || block_hex[e - 1] == '\n' || block_hex[e - 1] == '\r' || block_hex[e - 1] == '\t')) --e;
  if (!from_hex(block_hex.data() + b, e - b, in.block_rlp) || in.block_rlp.empty()) {
    error = "block file is not hex";
    return false;
  }
  Json w;
  if (!Json::parse(witness_json, w, error)) { error = "witness file: " + error; return false; }
  if (!w.is_object()) { error = "witness file: not an object"; return false; }
  if (!hex_list(w["state"], in.state_nodes, "state", error) || !hex_list(w["codes"], in.codes, "codes", error) ||
      !hex_list(w["headers"], in.headers, "headers", error))
    return false;
  if (chain_json.empty()) chain_json = "{\"chainId\": 1, \"fork\": \"Prague\"}";
  return parse_chain_json(chain_json, in.chain, error);
}

}  // namespace oneproof::guest::hostio
