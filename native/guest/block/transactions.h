// One transaction in a block: validity against the block and the sender's state (type allowed
// by the fork, chain id, intrinsic gas and the EIP-7623 floor, EIP-7825 cap, nonce, fees, blob
// fees, balance, EIP-3607), then EIP-7702 authorizations, execution, refunds and fee payment, and
// its receipt. An invalid transaction makes the block invalid (ctx.error says why).
#pragma once
#include "guest/block/block_context.h"
#include "guest/tx/transaction.h"

namespace oneproof::guest::block {

bool process_transaction(BlockContext& ctx, tx::Transaction& t, size_t index);

}  // namespace oneproof::guest::block
