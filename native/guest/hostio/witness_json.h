// Host-side loading of a block to validate: the block RLP as hex, the witness in
// debug_executionWitness shape ({"state": [node hex], "codes": [hex], "headers": [header RLP hex,
// oldest first, ending with the parent], "keys": ignored}) and a chain file
// ({"chainId": n, "fork": "Prague", "blobSchedule": {"target", "max", "baseFeeUpdateFraction"}}, or
// "forks": [{"fork", "timestamp", "blobSchedule"}] for a schedule). Host-only.
#pragma once
#include <string>
#include <string_view>

#include "guest/validator/input.h"

namespace oneproof::guest::hostio {

bool parse_chain_json(std::string_view text, block::ChainConfig& out, std::string& error);
// Fills `in` from the three texts (chain_json may be empty: mainnet Prague defaults).
bool load_validator_input(std::string_view block_hex, std::string_view witness_json, std::string_view chain_json,
                          validator::Input& in, std::string& error);

}  // namespace oneproof::guest::hostio
