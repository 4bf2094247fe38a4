// The forks the validator supports. Order matters: a feature "since X" is enabled for every
// revision >= X. Blob-parameter-only (BPO) forks change no EVM rule, only the blob schedule
// (block/chain_config.h), so they map to the revision they build on.
#pragma once
#include <cstdint>

namespace oneproof::guest::evm {

enum class Revision : uint8_t { Cancun = 0, Prague = 1, Osaka = 2 };

inline const char* revision_name(Revision r) {
  switch (r) {
    case Revision::Cancun: return "Cancun";
    case Revision::Prague: return "Prague";
    case Revision::Osaka: return "Osaka";
  }
  return "?";
}

}  // namespace oneproof::guest::evm
