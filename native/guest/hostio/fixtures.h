// Runs BlockchainTest JSON fixtures (execution-spec-tests / ethereum/tests format) through the
// stateless validator: the fixture's `pre` is a complete pre-state, each block is validated on
// top of the previous accepted one, valid blocks must be accepted and reach the expected hash and
// post-state, blocks with `expectException` must be rejected. Host-only.
#pragma once
#include <string>
#include <vector>

#include "guest/block/chain_config.h"
#include "guest/hostio/json.h"

namespace oneproof::guest::hostio {

struct FixtureOutcome {
  std::string name;
  std::string network;
  enum class Verdict { Passed, Failed, Skipped } verdict = Verdict::Skipped;
  std::string reason;  // why it failed or was skipped
  uint64_t gas_used = 0;
};

// Builds the fork schedule for a fixture network name ("Cancun", "PragueToOsakaAtTime15k",
// "BPO1", ...) with blob parameters from the fixture's config.blobSchedule (or the defaults).
// False for networks before Cancun.
bool chain_config_for(const std::string& network, const Json& blob_schedule, uint64_t chain_id,
                      block::ChainConfig& out);

// Runs every fixture of a parsed file whose network passes `networks` (empty = all). A network
// matches when it equals an entry or, for transition networks, ends with "To<entry>AtTime15k" or
// starts with "<entry>To".
std::vector<FixtureOutcome> run_fixture_document(const Json& doc, const std::vector<std::string>& networks);
std::vector<FixtureOutcome> run_fixture_file(const std::string& path, const std::vector<std::string>& networks,
                                             std::string& error);

}  // namespace oneproof::guest::hostio
