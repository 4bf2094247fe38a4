// System calls and execution requests; see system_calls.h.
#include "guest/block/system_calls.h"

#include <cstring>

#include "guest/evm/vm.h"
#include "guest/precompiles/sha256.h"

namespace oneproof::guest::block {

namespace {

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

Hash32 deposit_event_topic() {
  uint256 v;
  uint256::from_hex("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5", 66, v);
  return to_hash(v);
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

}  // namespace

void block_start_calls(BlockContext& ctx) {
  Bytes root_arg(ctx.header.parent_beacon_block_root->b, ctx.header.parent_beacon_block_root->b + 32);
  system_call(ctx, kBeaconRootsAddress, root_arg, false, nullptr);
  if (ctx.fork.revision >= evm::Revision::Prague) {
    Bytes parent_arg(ctx.header.parent_hash.b, ctx.header.parent_hash.b + 32);
    system_call(ctx, kHistoryStorageAddress, parent_arg, false, nullptr);
  }
}

bool requests_hash(BlockContext& ctx, Hash32& out) {
  Bytes deposits, withdrawal_requests, consolidations;
  const Hash32 topic = deposit_event_topic();
  for (const Receipt& r : ctx.receipts)
    for (const evm::Log& l : r.logs)
      if (l.address == ctx.config.deposit_contract && !l.topics.empty() && l.topics[0] == topic)
        if (!parse_deposit(l.data, deposits)) return fail(ctx, "malformed deposit event");
  if (!system_call(ctx, kWithdrawalRequestAddress, {}, true, &withdrawal_requests) ||
      !system_call(ctx, kConsolidationRequestAddress, {}, true, &consolidations))
    return false;
  // EIP-7685: sha256 over sha256(type ++ data) of each non-empty request list.
  precompiles::Sha256 outer;
  const Bytes* lists[3] = {&deposits, &withdrawal_requests, &consolidations};
  for (uint8_t type = 0; type < 3; ++type) {
    if (lists[type]->empty()) continue;
    Bytes typed{type};
    typed.insert(typed.end(), lists[type]->begin(), lists[type]->end());
    Hash32 h = precompiles::sha256(typed);
    outer.update(h.b, 32);
  }
  out = outer.finalize();
  return true;
}

}  // namespace oneproof::guest::block
