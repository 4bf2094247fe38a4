// Stateless block validation; see execute.h. The steps follow the execution specs' order:
// system calls (EIP-4788, EIP-2935), transactions, withdrawals (EIP-4895), requests (EIP-6110,
// EIP-7002, EIP-7251), then the header commitments.
#include "guest/block/execute.h"

#include <cstring>

#include "guest/block/block_context.h"
#include "guest/block/header_rules.h"
#include "guest/block/system_calls.h"
#include "guest/block/transactions.h"
#include "guest/mpt/trie.h"
#include "guest/rlp/rlp.h"
#include "guest/tx/transaction.h"

namespace oneproof::guest::block {

namespace {

using evm::Revision;

constexpr size_t kMaxRlpBlockSize = 8388608;  // EIP-7934 (Osaka)

struct Withdrawal {
  uint64_t index = 0, validator = 0, amount_gwei = 0;
  Address address;
  Bytes encoded;
};

bool decode_withdrawal(const rlp::Item& item, Withdrawal& w) {
  std::vector<rlp::Item> f;
  if (rlp::list_items(item, 4, f) != rlp::Error::Ok) return false;
  w.encoded = item.raw_bytes();
  return rlp::to_u64(f[0], w.index) == rlp::Error::Ok && rlp::to_u64(f[1], w.validator) == rlp::Error::Ok &&
         rlp::to_address(f[2], w.address) == rlp::Error::Ok && rlp::to_u64(f[3], w.amount_gwei) == rlp::Error::Ok;
}

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

  block_start_calls(ctx);
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
    Hash32 requests;
    if (!requests_hash(ctx, requests)) return st.incomplete() ? incomplete() : reject(ctx.error);
    if (requests != *header.requests_hash) return reject("requests hash mismatch");
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
