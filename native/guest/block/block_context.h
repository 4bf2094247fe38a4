// The state of one block's execution shared by its steps (transactions, system calls, requests):
// the fork, the header, the world state, the EVM's block environment and what accumulates.
#pragma once
#include <string>
#include <vector>

#include "guest/block/chain_config.h"
#include "guest/block/header.h"
#include "guest/block/receipts.h"
#include "guest/evm/environment.h"
#include "guest/state/state.h"

namespace oneproof::guest::block {

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

inline bool fail(BlockContext& ctx, const std::string& why) {
  if (ctx.error.empty()) ctx.error = why;
  return false;
}

}  // namespace oneproof::guest::block
