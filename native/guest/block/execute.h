// Validates one block statelessly: decode, header rules against the parent, transactions
// (validity, execution, receipts), withdrawals, system calls, execution requests and finally the
// roots, gas and hash commitments of the header. An invalid block yields success = false with a
// reason; a witness that lacks data the block touches yields success = false with
// witness_incomplete = true (the block is then neither accepted nor proven invalid).
#pragma once
#include <string>
#include <vector>

#include "guest/block/chain_config.h"
#include "guest/block/header.h"
#include "guest/state/backend.h"

namespace oneproof::guest::block {

struct BlockResult {
  bool success = false;
  bool witness_incomplete = false;
  std::string reason;     // empty on success
  Hash32 block_hash;      // keccak of the header RLP (zero when the header does not decode)
  Hash32 parent_hash;
  Hash32 state_root;      // the header's claimed post-state root (zero when the header does not decode)
  Hash32 computed_state_root;  // the post-state root computed (zero when not reached)
  uint64_t number = 0;
  uint64_t gas_used = 0;
  size_t tx_count = 0;
};

// The backend's commit() stages the new state; callers that chain blocks apply it only on success.
// `ancestors`: decoded ancestor headers, oldest first, ending with the parent (at least the
// parent; up to 256 for BLOCKHASH). `backend` serves the parent's post-state.
BlockResult validate_block(const ChainConfig& config, const uint8_t* block_rlp, size_t len,
                           const std::vector<Header>& ancestors, state::StateBackend& backend);

}  // namespace oneproof::guest::block
