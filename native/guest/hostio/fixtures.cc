// BlockchainTest runner; see fixtures.h.
#include "guest/hostio/fixtures.h"

#include <cstdio>
#include <cstring>
#include <map>

#include "guest/block/execute.h"
#include "guest/hostio/memory_backend.h"
#include "guest/rlp/rlp.h"

namespace oneproof::guest::hostio {

namespace {

using evm::Revision;

bool hex_bytes(const Json& j, Bytes& out) { return j.is_string() && from_hex(j.text().data(), j.text().size(), out); }
bool hex_u256(const Json& j, uint256& out) { return j.is_string() && uint256::from_hex(j.text().data(), j.text().size(), out); }
bool hex_address_key(const std::string& s, Address& out) {
  Bytes b;
  if (!from_hex(s.data(), s.size(), b) || b.size() != 20) return false;
  out = Address::from(b.data());
  return true;
}

block::BlobParams blob_params(const Json& schedule, const std::string& fork, Revision rev) {
  block::BlobParams p;
  if (rev >= Revision::Prague) p = block::BlobParams{6, 9, 5007716};
  const Json& s = schedule[fork];
  uint256 v;
  if (hex_u256(s["target"], v)) p.target = v.low64();
  if (hex_u256(s["max"], v)) p.max = v.low64();
  if (hex_u256(s["baseFeeUpdateFraction"], v)) p.update_fraction = v.low64();
  return p;
}

bool fork_revision(const std::string& name, Revision& rev) {
  if (name == "Cancun") rev = Revision::Cancun;
  else if (name == "Prague") rev = Revision::Prague;
  else if (name == "Osaka" || (name.size() == 4 && name.compare(0, 3, "BPO") == 0)) rev = Revision::Osaka;
  else return false;
  return true;
}

bool load_pre(const Json& alloc, MemoryBackend& backend, std::string& error) {
  for (const auto& [key, acc] : alloc.members()) {
    Address a;
    MemoryAccount m;
    uint256 nonce;
    if (!hex_address_key(key, a) || !hex_u256(acc["nonce"], nonce) || !nonce.fits_u64() ||
        !hex_u256(acc["balance"], m.record.balance) || !hex_bytes(acc["code"], m.code)) {
      error = "bad pre-state account " + key;
      return false;
    }
    m.record.nonce = nonce.low64();
    for (const auto& [slot, value] : acc["storage"].members()) {
      uint256 k, v;
      if (!uint256::from_hex(slot.data(), slot.size(), k) || !hex_u256(value, v)) {
        error = "bad storage in " + key;
        return false;
      }
      if (!v.is_zero()) m.storage[k] = v;
    }
    backend.put(a, std::move(m));
  }
  return true;
}

bool network_selected(const std::string& network, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  for (const std::string& w : wanted) {
    if (network == w) return true;
    if (network.size() > w.size() + 2 && network.compare(0, w.size() + 2, w + "To") == 0) return true;
    std::string tail = "To" + w + "AtTime15k";
    if (network.size() > tail.size() && network.compare(network.size() - tail.size(), tail.size(), tail) == 0) return true;
  }
  return false;
}

FixtureOutcome run_one(const std::string& name, const Json& fx) {
  FixtureOutcome out;
  out.name = name;
  out.network = fx["network"].text();
  auto failed = [&](const std::string& why) { out.verdict = FixtureOutcome::Verdict::Failed; out.reason = why; return out; };
  uint256 chain_id(1);
  hex_u256(fx["config"]["chainid"], chain_id);
  block::ChainConfig config;
  if (!chain_config_for(out.network, fx["config"]["blobSchedule"], chain_id.low64(), config)) {
    out.reason = "network not supported (before Cancun)";
    return out;
  }
  if (!fx.has("blocks")) { out.reason = "not a blockchain_test fixture"; return out; }

  MemoryBackend backend;
  std::string error;
  if (!load_pre(fx["pre"], backend, error)) return failed(error);
  Bytes genesis_rlp;
  if (!hex_bytes(fx["genesisRLP"], genesis_rlp)) return failed("bad genesisRLP");
  rlp::Item genesis_item;
  std::vector<rlp::Item> genesis_parts;
  if (rlp::decode(genesis_rlp, genesis_item) != rlp::Error::Ok || rlp::list_items(genesis_item, genesis_parts) != rlp::Error::Ok ||
      genesis_parts.empty())
    return failed("genesisRLP does not decode");
  block::Header genesis;
  const char* herr = nullptr;
  if (!block::decode_header(genesis_parts[0].raw, genesis_parts[0].raw_size, genesis, herr)) return failed(herr);
  if (backend.root() != genesis.state_root) return failed("pre-state root differs from the genesis state root");

  // Every accepted block is a possible parent (ethereum/tests has side-chain fixtures): keep each
  // head's ancestors and post-state, and continue from the one the next block names as parent.
  struct Head {
    std::vector<block::Header> ancestors;
    std::map<Address, MemoryAccount> accounts;
  };
  std::map<Hash32, Head> heads;
  heads[genesis.hash] = Head{{genesis}, backend.accounts()};
  Hash32 last_accepted = genesis.hash;
  size_t index = 0;
  for (const Json& b : fx["blocks"].items()) {
    ++index;
    const std::string where = "block " + std::to_string(index);
    bool expect_invalid = b.has("expectException");
    Bytes block_rlp;
    if (!hex_bytes(b["rlp"], block_rlp)) {
      if (expect_invalid) continue;
      return failed(where + ": bad rlp hex");
    }
    block::Header h;
    bool header_ok = false;
    rlp::Item item;
    std::vector<rlp::Item> parts;
    if (rlp::decode(block_rlp, item) == rlp::Error::Ok && rlp::list_items(item, parts) == rlp::Error::Ok && !parts.empty())
      header_ok = block::decode_header(parts[0].raw, parts[0].raw_size, h, herr);
    auto parent = header_ok ? heads.find(h.parent_hash) : heads.end();
    const Head& base = parent != heads.end() ? parent->second : heads[last_accepted];
    backend.set_accounts(base.accounts);
    block::BlockResult r = block::validate_block(config, block_rlp.data(), block_rlp.size(), base.ancestors, backend);
    if (r.witness_incomplete) return failed(where + ": " + r.reason);
    if (expect_invalid) {
      if (r.success) return failed(where + " accepted, expected " + b["expectException"].text());
      continue;
    }
    if (!r.success) return failed(where + " rejected: " + r.reason);
    out.gas_used += r.gas_used;
    backend.accept();
    Head next{base.ancestors, backend.accounts()};
    next.ancestors.push_back(h);
    if (next.ancestors.size() > 257) next.ancestors.erase(next.ancestors.begin());
    heads[h.hash] = std::move(next);
    last_accepted = h.hash;
  }
  Hash32 head = last_accepted;
  Bytes last;
  if (hex_bytes(fx["lastblockhash"], last) && last.size() == 32) {
    head = Hash32::from(last.data());
    if (heads.find(head) == heads.end()) return failed("lastblockhash is not a block this run accepted");
  }
  backend.set_accounts(heads[head].accounts);
  if (fx.has("postState")) {
    MemoryBackend expected;
    if (!load_pre(fx["postState"], expected, error)) return failed("postState: " + error);
    if (expected.root() != backend.root()) return failed("post-state differs from postState");
  } else if (fx.has("postStateHash")) {
    Bytes h;
    if (!hex_bytes(fx["postStateHash"], h) || h.size() != 32 || Hash32::from(h.data()) != backend.root())
      return failed("post-state root differs from postStateHash");
  }
  out.verdict = FixtureOutcome::Verdict::Passed;
  return out;
}

}  // namespace

bool chain_config_for(const std::string& network, const Json& blob_schedule, uint64_t chain_id, block::ChainConfig& out) {
  out = block::ChainConfig();
  out.chain_id = chain_id;
  out.deposit_contract = block::mainnet_deposit_contract();
  std::string first = network, second;
  size_t to = network.find("To");
  if (to != std::string::npos && network.size() > 9 && network.compare(network.size() - 9, 9, "AtTime15k") == 0) {
    first = network.substr(0, to);
    second = network.substr(to + 2, network.size() - 9 - to - 2);
  }
  Revision rev;
  if (!fork_revision(first, rev)) return false;
  out.forks.push_back(block::ForkActivation{rev, 0, blob_params(blob_schedule, first, rev)});
  if (!second.empty()) {
    Revision rev2;
    if (!fork_revision(second, rev2)) return false;
    out.forks.push_back(block::ForkActivation{rev2, 15000, blob_params(blob_schedule, second, rev2)});
  }
  return true;
}

std::vector<FixtureOutcome> run_fixture_document(const Json& doc, const std::vector<std::string>& networks) {
  std::vector<FixtureOutcome> outcomes;
  for (const auto& [name, fx] : doc.members()) {
    if (!fx.is_object()) continue;
    if (!network_selected(fx["network"].text(), networks)) continue;
    outcomes.push_back(run_one(name, fx));
  }
  return outcomes;
}

std::vector<FixtureOutcome> run_fixture_file(const std::string& path, const std::vector<std::string>& networks,
                                             std::string& error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) { error = "cannot open " + path; return {}; }
  std::string text;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  Json doc;
  if (!Json::parse(text, doc, error)) { error = path + ": " + error; return {}; }
  if (!doc.is_object()) { error = path + ": not a fixture object"; return {}; }
  return run_fixture_document(doc, networks);
}

}  // namespace oneproof::guest::hostio
