// Stateless block validation; see execute.h. The steps follow the execution specs' order:
// system calls (EIP-4788, EIP-2935), transactions, withdrawals (EIP-4895), requests (EIP-6110,
// EIP-7002, EIP-7251), then the header commitments.
#include "guest/block/execute.h"

#include <algorithm>
#include <cstring>

#include "guest/block/header_rules.h"
#include "guest/block/receipts.h"
#include "guest/crypto/keccak.h"
#include "guest/evm/precompiles.h"
#include "guest/evm/vm.h"
#include "guest/mpt/trie.h"
#include "guest/precompiles/sha256.h"
#include "guest/rlp/rlp.h"
#include "guest/state/state.h"
#include "guest/tx/transaction.h"

namespace oneproof::guest::block {

namespace {

using evm::Revision;

Address address_from_hex(const char* hex) {
  Bytes b;
  from_hex(hex, std::strlen(hex), b);
  return Address::from(b.data());
}

const Address kSystemAddress = address_from_hex("fffffffffffffffffffffffffffffffffffffffe");
const Address kBeaconRootsAddress = address_from_hex("000F3df6D732807Ef1319fB7B8bB8522d0Beac02");
const Address kHistoryStorageAddress = address_from_hex("0000F90827F1C53a10cb7A02335B175320002935");
const Address kWithdrawalRequestAddress = address_from_hex("00000961Ef480Eb55e80D19ad83579A64c007002");
const Address kConsolidationRequestAddress = address_from_hex("0000BBdDc7CE488642fb579F8B00f3a590007251");
constexpr int64_t kSystemCallGas = 30000000;
constexpr uint64_t kTxGasLimitCap = 1ull << 24;          // EIP-7825 (Osaka)
constexpr size_t kMaxRlpBlockSize = 8388608;            // EIP-7934 (Osaka)
constexpr uint64_t kMaxBlobsPerTx = 6;                  // EIP-7594 (Osaka)
constexpr uint64_t kAuthorizationCost = 25000;          // EIP-7702 PER_EMPTY_ACCOUNT_COST
constexpr int64_t kAuthorizationExistingRefund = 25000 - 12500;

Hash32 deposit_event_topic() {
  uint256 v;
  uint256::from_hex("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5", 66, v);
  return to_hash(v);
}

struct Withdrawal {
  uint64_t index = 0, validator = 0, amount_gwei = 0;
  Address address;
  Bytes encoded;
};

int64_t words(size_t n) { return int64_t((n + 31) / 32); }

// Everything one block's execution accumulates.
struct BlockContext {
  const ChainConfig& config;
  const ForkActivation& fork;
  const Header& header;
  state::State& state;
  evm::BlockEnv env;
  uint64_t gas_used = 0;
  uint64_t blob_gas_used = 0;
  std::vector<Receipt> receipts;
  std::string error;  // first invalidity found
};

bool fail(BlockContext& ctx, const std::string& why) {
  if (ctx.error.empty()) ctx.error = why;
  return false;
}

// A system call (EIP-4788 style): from the system address, 30M gas, no fee, no nonce change.
// Returns false when the contract is absent or the call fails and `required` says that makes
// the block invalid (EIP-7002/7251).
bool system_call(BlockContext& ctx, const Address& target, const Bytes& data, bool required, Bytes* output) {
  ctx.state.begin_transaction();
  const Bytes& code = ctx.state.code(target);
  if (code.empty()) {
    ctx.state.end_transaction();
    return required ? fail(ctx, "system contract has no code") : true;
  }
  evm::TxEnv tx_env;
  tx_env.origin = kSystemAddress;
  evm::Vm vm(ctx.state, ctx.env, tx_env);
  evm::Message msg;
  msg.gas = kSystemCallGas;
  msg.sender = kSystemAddress;
  msg.recipient = msg.code_address = target;
  msg.input = data;
  msg.code = &code;
  evm::Result r = vm.call(msg);
  ctx.state.end_transaction();
  if (required && r.status != evm::Status::Success) return fail(ctx, "system call failed");
  if (output) *output = std::move(r.output);
  return true;
}

uint64_t intrinsic_gas(const tx::Transaction& t, Revision rev, uint64_t& floor) {
  uint64_t gas = 21000 + 4 * t.data_zero_bytes + 16 * t.data_nonzero_bytes;
  if (t.is_create) gas += 32000 + 2 * uint64_t(words(t.data.size()));
  gas += 2400 * t.access_list_addresses + 1900 * t.access_list_storage_keys;
  gas += kAuthorizationCost * t.authorizations.size();
  uint64_t tokens = t.data_zero_bytes + 4 * t.data_nonzero_bytes;
  floor = rev >= Revision::Prague ? 21000 + 10 * tokens : 0;  // EIP-7623
  return gas;
}

// EIP-7702: applies each valid authorization before the call; returns the refund earned.
int64_t apply_authorizations(BlockContext& ctx, tx::Transaction& t) {
  int64_t refund = 0;
  tx::recover_authorities(t);
  for (const tx::Authorization& a : t.authorizations) {
    if (!a.chain_id.is_zero() && a.chain_id != uint256(ctx.config.chain_id)) continue;
    if (a.nonce == UINT64_MAX) continue;
    if (!a.authority_valid) continue;
    ctx.state.warm_account(a.authority);
    const Bytes& code = ctx.state.code(a.authority);
    Address existing;
    if (!code.empty() && !evm::delegation_target(code, existing)) continue;
    if (ctx.state.nonce(a.authority) != a.nonce) continue;
    if (ctx.state.exists(a.authority)) refund += kAuthorizationExistingRefund;
    Bytes new_code;
    if (!a.address.is_zero()) {
      new_code = {0xef, 0x01, 0x00};
      new_code.insert(new_code.end(), a.address.b, a.address.b + 20);
    }
    Hash32 h = crypto::keccak256(new_code);
    ctx.state.set_code(a.authority, std::move(new_code), h);
    ctx.state.set_nonce(a.authority, a.nonce + 1);
  }
  return refund;
}

bool process_transaction(BlockContext& ctx, tx::Transaction& t, size_t index) {
  const Revision rev = ctx.fork.revision;
  const std::string where = "tx " + std::to_string(index) + ": ";
  if (t.type == tx::TxType::Blob && rev < Revision::Cancun) return fail(ctx, where + "blob tx before Cancun");
  if (t.type == tx::TxType::SetCode && rev < Revision::Prague) return fail(ctx, where + "set-code tx before Prague");
  if (t.has_chain_id && t.chain_id != uint256(ctx.config.chain_id)) return fail(ctx, where + "wrong chain id");
  uint64_t floor = 0;
  uint64_t intrinsic = intrinsic_gas(t, rev, floor);
  if (t.gas_limit < intrinsic) return fail(ctx, where + "intrinsic gas too low");
  if (t.gas_limit < floor) return fail(ctx, where + "gas limit below the calldata floor (EIP-7623)");
  if (rev >= Revision::Osaka && t.gas_limit > kTxGasLimitCap) return fail(ctx, where + "gas limit above the cap (EIP-7825)");
  if (t.nonce == UINT64_MAX) return fail(ctx, where + "nonce at maximum");
  if (t.is_create && t.data.size() > evm::kMaxInitcodeSize) return fail(ctx, where + "initcode too large");
  if (t.gas_limit > ctx.header.gas_limit - ctx.gas_used) return fail(ctx, where + "gas limit exceeds the block's remaining gas");
  const uint256 base_fee = ctx.env.base_fee;
  if (t.max_fee_per_gas < base_fee) return fail(ctx, where + "max fee per gas below base fee");
  if (t.max_priority_fee_per_gas > t.max_fee_per_gas) return fail(ctx, where + "priority fee above max fee");
  uint64_t blob_gas = 0;
  if (t.type == tx::TxType::Blob) {
    if (t.blob_versioned_hashes.empty()) return fail(ctx, where + "blob tx without blobs");
    if (rev >= Revision::Osaka && t.blob_versioned_hashes.size() > kMaxBlobsPerTx) return fail(ctx, where + "too many blobs in tx");
    for (const Hash32& h : t.blob_versioned_hashes)
      if (h.b[0] != 0x01) return fail(ctx, where + "blob versioned hash has a wrong version");
    if (t.max_fee_per_blob_gas < ctx.env.blob_base_fee) return fail(ctx, where + "max fee per blob gas below blob base fee");
    blob_gas = kGasPerBlob * t.blob_versioned_hashes.size();
    if (ctx.blob_gas_used + blob_gas > ctx.fork.blob.max * kGasPerBlob) return fail(ctx, where + "block blob gas above maximum");
  }
  if (t.type == tx::TxType::SetCode && t.authorizations.empty()) return fail(ctx, where + "empty authorization list");

  Address sender;
  if (tx::recover_sender(t, sender) != tx::TxError::Ok) return fail(ctx, where + "invalid signature");
  state::State& st = ctx.state;
  st.begin_transaction();
  if (st.nonce(sender) != t.nonce) return fail(ctx, where + "nonce mismatch");
  const Bytes& sender_code = st.code(sender);
  Address delegate;
  if (!sender_code.empty() && !(rev >= Revision::Prague && evm::delegation_target(sender_code, delegate)))
    return fail(ctx, where + "sender has code (EIP-3607)");
  uint256 max_cost = uint256(t.gas_limit) * t.max_fee_per_gas + t.value + uint256(blob_gas) * t.max_fee_per_blob_gas;
  if (st.balance(sender) < max_cost) return fail(ctx, where + "insufficient funds");

  uint256 priority = t.max_fee_per_gas - base_fee;
  if (t.max_priority_fee_per_gas < priority) priority = t.max_priority_fee_per_gas;
  const uint256 gas_price = base_fee + priority;
  st.sub_balance(sender, uint256(t.gas_limit) * gas_price + uint256(blob_gas) * ctx.env.blob_base_fee);
  st.set_nonce(sender, t.nonce + 1);

  // EIP-2929/2930/3651: the sender, target, coinbase, precompiles and access list start warm.
  st.warm_account(sender);
  st.warm_account(ctx.env.coinbase);
  if (!t.is_create) st.warm_account(t.to);
  for (int i = 1; i <= 0x11; ++i) {
    Address p;
    p.b[19] = uint8_t(i);
    if (evm::is_precompile(p, rev)) st.warm_account(p);
  }
  if (rev >= Revision::Osaka) { Address p; p.b[18] = 1; st.warm_account(p); }
  for (const tx::AccessListEntry& e : t.access_list) {
    st.warm_account(e.address);
    for (const Hash32& k : e.storage_keys) st.warm_slot(e.address, to_u256(k));
  }
  if (t.type == tx::TxType::SetCode) st.add_refund(apply_authorizations(ctx, t));

  evm::TxEnv tx_env;
  tx_env.origin = sender;
  tx_env.gas_price = gas_price;
  tx_env.blob_hashes = t.blob_versioned_hashes;
  evm::Vm vm(st, ctx.env, tx_env);
  evm::Message msg;
  msg.gas = int64_t(t.gas_limit - intrinsic);
  msg.sender = sender;
  msg.value = t.value;
  evm::Result r;
  if (t.is_create) {
    Address addr = evm::create_address(sender, t.nonce);
    st.warm_account(addr);
    msg.kind = evm::CallKind::Create;
    msg.input = t.data;
    r = vm.create(msg, addr);
  } else {
    msg.recipient = msg.code_address = t.to;
    msg.input = t.data;
    msg.code = &st.code(t.to);
    if (rev >= Revision::Prague && evm::delegation_target(*msg.code, delegate)) {
      st.warm_account(delegate);
      msg.code = &st.code(delegate);
      msg.code_address = delegate;
      msg.delegated = true;
    }
    r = vm.call(msg);
  }

  uint64_t gas_left = uint64_t(r.gas_left);
  uint64_t used = t.gas_limit - gas_left;
  int64_t refund = st.refund();
  if (refund < 0) refund = 0;
  uint64_t refund_capped = std::min<uint64_t>(uint64_t(refund), used / 5);  // EIP-3529
  used -= refund_capped;
  if (used < floor) used = floor;
  st.add_balance(sender, uint256(t.gas_limit - used) * gas_price);
  st.add_balance(ctx.env.coinbase, uint256(used) * priority);
  st.end_transaction();

  ctx.gas_used += used;
  ctx.blob_gas_used += blob_gas;
  Receipt receipt;
  receipt.tx_type = uint8_t(t.type);
  receipt.success = r.status == evm::Status::Success;
  receipt.cumulative_gas = ctx.gas_used;
  if (receipt.success) receipt.logs = std::move(vm.logs);
  for (const evm::Log& l : receipt.logs) receipt.bloom.add_log(l);
  ctx.receipts.push_back(std::move(receipt));
  return true;
}

bool decode_withdrawal(const rlp::Item& item, Withdrawal& w) {
  std::vector<rlp::Item> f;
  if (rlp::list_items(item, 4, f) != rlp::Error::Ok) return false;
  w.encoded = item.raw_bytes();
  return rlp::to_u64(f[0], w.index) == rlp::Error::Ok && rlp::to_u64(f[1], w.validator) == rlp::Error::Ok &&
         rlp::to_address(f[2], w.address) == rlp::Error::Ok && rlp::to_u64(f[3], w.amount_gwei) == rlp::Error::Ok;
}

// EIP-6110: a DepositEvent's ABI data must have the exact layout of five dynamic byte strings.
bool parse_deposit(const Bytes& data, Bytes& request) {
  static const uint64_t kOffsets[5] = {160, 256, 320, 384, 512};
  static const uint64_t kSizes[5] = {48, 32, 8, 96, 8};
  if (data.size() != 576) return false;
  for (int i = 0; i < 5; ++i) {
    uint256 off = uint256::from_be(data.data() + 32 * i, 32);
    if (off != uint256(kOffsets[i])) return false;
    uint256 size = uint256::from_be(data.data() + kOffsets[i], 32);
    if (size != uint256(kSizes[i])) return false;
    request.insert(request.end(), data.begin() + ptrdiff_t(kOffsets[i] + 32), data.begin() + ptrdiff_t(kOffsets[i] + 32 + kSizes[i]));
  }
  return true;
}

Hash32 sha256_of(const Bytes& b) { return precompiles::sha256(b); }

}  // namespace

BlockResult validate_block(const ChainConfig& config, const uint8_t* block_rlp, size_t len,
                           const std::vector<Header>& ancestors, state::StateBackend& backend) {
  BlockResult result;
  auto reject = [&](const std::string& why) { result.success = false; result.reason = why; return result; };
  if (ancestors.empty()) return reject("no parent header");
  const Header& parent = ancestors.back();

  rlp::Item block_item;
  std::vector<rlp::Item> parts;
  if (rlp::decode(block_rlp, len, block_item) != rlp::Error::Ok || !block_item.is_list ||
      rlp::list_items(block_item, parts) != rlp::Error::Ok || parts.size() < 3)
    return reject("block is not a valid RLP list");
  Header header;
  const char* herr = nullptr;
  if (!decode_header(parts[0].raw, parts[0].raw_size, header, herr)) return reject(herr);
  result.block_hash = header.hash;
  result.parent_hash = header.parent_hash;
  result.state_root = header.state_root;
  result.number = header.number;
  if (const char* e = check_header(header, parent, config)) return reject(e);
  const ForkActivation& fork = config.at(header.timestamp);
  const Revision rev = fork.revision;
  if (rev >= Revision::Osaka && len > kMaxRlpBlockSize) return reject("block RLP larger than the limit (EIP-7934)");
  if (parts.size() != 4) return reject("block body must have transactions, ommers and withdrawals");
  if (!parts[2].is_list || parts[2].payload_size != 0) return reject("ommers must be empty");
  if (!parts[1].is_list || !parts[3].is_list) return reject("block body lists malformed");

  std::vector<rlp::Item> tx_items, wd_items;
  if (rlp::list_items(parts[1], tx_items) != rlp::Error::Ok) return reject("transactions list malformed");
  if (rlp::list_items(parts[3], wd_items) != rlp::Error::Ok) return reject("withdrawals list malformed");
  std::vector<tx::Transaction> txs(tx_items.size());
  std::vector<Bytes> tx_encodings;
  for (size_t i = 0; i < tx_items.size(); ++i) {
    tx::TxError e = tx::decode_block_item(tx_items[i], txs[i]);
    if (e != tx::TxError::Ok) return reject("tx " + std::to_string(i) + ": " + tx::error_name(e));
    tx_encodings.push_back(txs[i].encoded);
  }
  std::vector<Withdrawal> withdrawals(wd_items.size());
  std::vector<Bytes> wd_encodings;
  for (size_t i = 0; i < wd_items.size(); ++i) {
    if (!decode_withdrawal(wd_items[i], withdrawals[i])) return reject("withdrawal malformed");
    wd_encodings.push_back(withdrawals[i].encoded);
  }
  result.tx_count = txs.size();
  if (mpt::ordered_root(tx_encodings) != header.transactions_root) return reject("transactions root mismatch");
  if (mpt::ordered_root(wd_encodings) != *header.withdrawals_root) return reject("withdrawals root mismatch");

  state::State st(backend);
  BlockContext ctx{config, fork, header, st, {}, 0, 0, {}, {}};
  ctx.env.revision = rev;
  ctx.env.chain_id = config.chain_id;
  ctx.env.coinbase = header.coinbase;
  ctx.env.number = header.number;
  ctx.env.timestamp = header.timestamp;
  ctx.env.gas_limit = header.gas_limit;
  ctx.env.prev_randao = header.prev_randao;
  ctx.env.base_fee = *header.base_fee;
  ctx.env.blob_base_fee = blob_base_fee(*header.excess_blob_gas, fork.blob);
  for (size_t i = ancestors.size(); i-- > 0 && ctx.env.ancestor_hashes.size() < 256;)
    ctx.env.ancestor_hashes.push_back(ancestors[i].hash);

  auto incomplete = [&]() {
    result.witness_incomplete = true;
    return reject("witness incomplete: a state node, code or ancestor header the block needs is missing");
  };

  // Block-start system calls.
  Bytes root_arg(header.parent_beacon_block_root->b, header.parent_beacon_block_root->b + 32);
  system_call(ctx, kBeaconRootsAddress, root_arg, false, nullptr);
  if (rev >= Revision::Prague) {
    Bytes parent_arg(header.parent_hash.b, header.parent_hash.b + 32);
    system_call(ctx, kHistoryStorageAddress, parent_arg, false, nullptr);
  }
  for (size_t i = 0; i < txs.size(); ++i) {
    if (!process_transaction(ctx, txs[i], i)) return st.incomplete() ? incomplete() : reject(ctx.error);
    if (st.incomplete()) return incomplete();
  }
  // Withdrawals credit gwei amounts; an empty account touched this way is removed (EIP-161).
  for (const Withdrawal& w : withdrawals) {
    st.begin_transaction();
    st.add_balance(w.address, uint256(w.amount_gwei) * uint256(1000000000ull));
    st.end_transaction();
  }
  if (rev >= Revision::Prague) {
    Bytes deposits, withdrawal_requests, consolidations;
    const Hash32 topic = deposit_event_topic();
    for (const Receipt& r : ctx.receipts)
      for (const evm::Log& l : r.logs)
        if (l.address == config.deposit_contract && !l.topics.empty() && l.topics[0] == topic)
          if (!parse_deposit(l.data, deposits)) return reject("malformed deposit event");
    if (!system_call(ctx, kWithdrawalRequestAddress, {}, true, &withdrawal_requests) ||
        !system_call(ctx, kConsolidationRequestAddress, {}, true, &consolidations))
      return st.incomplete() ? incomplete() : reject(ctx.error);
    // EIP-7685: sha256 over sha256(type ++ data) of each non-empty request list.
    Bytes concat;
    const Bytes* lists[3] = {&deposits, &withdrawal_requests, &consolidations};
    for (uint8_t type = 0; type < 3; ++type) {
      if (lists[type]->empty()) continue;
      Bytes typed{type};
      typed.insert(typed.end(), lists[type]->begin(), lists[type]->end());
      Hash32 h = sha256_of(typed);
      concat.insert(concat.end(), h.b, h.b + 32);
    }
    if (sha256_of(concat) != *header.requests_hash) return reject("requests hash mismatch");
  }
  if (st.incomplete()) return incomplete();

  result.gas_used = ctx.gas_used;
  if (ctx.gas_used != header.gas_used) return reject("gas used mismatch");
  if (ctx.blob_gas_used != *header.blob_gas_used) return reject("blob gas used mismatch");
  Bloom bloom;
  std::vector<Bytes> receipt_encodings;
  for (const Receipt& r : ctx.receipts) {
    bloom.merge(r.bloom);
    receipt_encodings.push_back(encode_receipt(r));
  }
  if (std::memcmp(bloom.bits, header.logs_bloom, 256) != 0) return reject("logs bloom mismatch");
  if (mpt::ordered_root(receipt_encodings) != header.receipts_root) return reject("receipts root mismatch");
  Hash32 root;
  if (!backend.commit(st.collect_writes(), root)) return incomplete();
  result.computed_state_root = root;
  if (root != header.state_root) return reject("state root mismatch");
  result.success = true;
  return result;
}

}  // namespace oneproof::guest::block
