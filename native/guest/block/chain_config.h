// The chain's fork schedule and blob schedule, as the validator needs them: which EVM revision
// and which blob parameters apply at a timestamp (BPO forks only change the blob parameters).
#pragma once
#include <cstdint>
#include <vector>

#include "guest/common/bytes.h"
#include "guest/evm/revision.h"

namespace oneproof::guest::block {

struct BlobParams {
  uint64_t target = 3;
  uint64_t max = 6;
  uint64_t update_fraction = 3338477;
};

struct ForkActivation {
  evm::Revision revision;
  uint64_t timestamp;  // active from this timestamp on
  BlobParams blob;
};

struct ChainConfig {
  uint64_t chain_id = 1;
  std::vector<ForkActivation> forks;  // ascending timestamps; the first one is active from genesis
  Address deposit_contract;           // EIP-6110 deposit event source

  // The fork active at `timestamp` (the first entry if none matches).
  const ForkActivation& at(uint64_t timestamp) const {
    const ForkActivation* f = &forks.front();
    for (const ForkActivation& a : forks)
      if (a.timestamp <= timestamp) f = &a;
    return *f;
  }
};

// The mainnet deposit contract (also used by the public test fixtures and Hoodi).
Address mainnet_deposit_contract();

}  // namespace oneproof::guest::block
