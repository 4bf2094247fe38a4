// The validator program's input and public output.
//
// INPUT (the guest reads it whole with op_read): one RLP list
//   [ version = 1,
//     chain  = [chain_id, deposit_contract (20 bytes),
//               [[revision, activation_timestamp, blob_target, blob_max, blob_update_fraction], ...]],
//     block  = the block's RLP (bytes: [header, transactions, ommers, withdrawals]),
//     headers = [ancestor header RLP, ...]   oldest first, ending with the parent (up to 256),
//     state  = [trie node RLP, ...]          the witness: state and storage trie nodes,
//     codes  = [bytecode, ...] ]
// revision: 0 Cancun, 1 Prague, 2 Osaka (BPO forks repeat the revision with new blob values);
// forks are listed with ascending timestamps.
//
// PUBLIC VALUES (committed, 97 bytes, fixed layout):
//   [0..32)  block hash (keccak of the header RLP; zero if the header does not decode)
//   [32..64) parent hash
//   [64..96) state root claimed by the header
//   [96]     1 if the block is valid on top of the parent, 0 otherwise (invalid block, malformed
//            input, or a witness that lacks data the block needs)
#pragma once
#include <vector>

#include "guest/block/chain_config.h"
#include "guest/block/execute.h"
#include "guest/common/bytes.h"

namespace oneproof::guest::validator {

constexpr uint64_t kInputVersion = 1;
constexpr size_t kPublicValuesSize = 97;

struct Input {
  block::ChainConfig chain;
  Bytes block_rlp;
  std::vector<Bytes> headers;
  std::vector<Bytes> state_nodes;
  std::vector<Bytes> codes;
};

Bytes encode_input(const Input& in);
// False (with `error`) on malformed input.
bool decode_input(const uint8_t* data, size_t len, Input& out, const char*& error);

// Validates the block described by an encoded input (the same code path natively and in the guest).
block::BlockResult validate_encoded(const uint8_t* data, size_t len);
block::BlockResult validate(const Input& in);

void public_values(const block::BlockResult& r, uint8_t out[kPublicValuesSize]);

}  // namespace oneproof::guest::validator
