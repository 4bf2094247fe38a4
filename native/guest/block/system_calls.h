// Calls the protocol makes itself: EIP-4788 (beacon block root) and EIP-2935 (parent hash) at
// the start of a block, and the Prague requests at its end: deposits from the deposit contract's
// logs (EIP-6110), the EIP-7002 and EIP-7251 queues, combined into the EIP-7685 requests hash.
#pragma once
#include "guest/block/block_context.h"

namespace oneproof::guest::block {

// The block-start system calls of the fork (a missing contract is skipped, as the EIPs say).
void block_start_calls(BlockContext& ctx);
// Prague+: computes the requests hash; false (with ctx.error) when a deposit event is malformed
// or a request contract is missing or fails.
bool requests_hash(BlockContext& ctx, Hash32& out);

}  // namespace oneproof::guest::block
