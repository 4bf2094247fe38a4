// Transaction validity and execution; see transactions.h.
#include "guest/block/transactions.h"

#include <algorithm>

#include "guest/block/header_rules.h"
#include "guest/crypto/keccak.h"
#include "guest/evm/precompiles.h"
#include "guest/evm/vm.h"

namespace oneproof::guest::block {

namespace {

using evm::Revision;

constexpr uint64_t kTxGasLimitCap = 1ull << 24;          // EIP-7825 (Osaka)
constexpr uint64_t kMaxBlobsPerTx = 6;                  // EIP-7594 (Osaka)
constexpr uint64_t kAuthorizationCost = 25000;          // EIP-7702 PER_EMPTY_ACCOUNT_COST
constexpr int64_t kAuthorizationExistingRefund = 25000 - 12500;

int64_t words(size_t n) { return int64_t((n + 31) / 32); }

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

}  // namespace

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
  // Saturating: fee caps are attacker-chosen 256-bit values and must not wrap below the balance.
  uint256 max_cost = add_saturating(add_saturating(mul_saturating(uint256(t.gas_limit), t.max_fee_per_gas), t.value),
                                    mul_saturating(uint256(blob_gas), t.max_fee_per_blob_gas));
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

}  // namespace oneproof::guest::block
