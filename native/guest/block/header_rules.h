// Consensus rules between a header and its parent that need no execution: number, timestamp,
// gas limit bounds, EIP-1559 base fee, EIP-4844/7691/7918 blob gas accounting, extra data size,
// the post-merge constants, and the fork's required optional fields.
#pragma once
#include "guest/block/chain_config.h"
#include "guest/block/header.h"

namespace oneproof::guest::block {

constexpr uint64_t kGasPerBlob = 131072;
constexpr uint64_t kBlobBaseCost = 8192;  // EIP-7918

uint256 expected_base_fee(const Header& parent);
uint64_t expected_excess_blob_gas(const Header& parent, const BlobParams& params, evm::Revision rev);
// fake_exponential(1, excess, fraction): the blob base fee for an excess blob gas.
uint256 blob_base_fee(uint64_t excess_blob_gas, const BlobParams& params);
uint256 fake_exponential(const uint256& factor, const uint256& numerator, const uint256& denominator);

// Returns nullptr when `header` may follow `parent`, else the rule it breaks.
const char* check_header(const Header& header, const Header& parent, const ChainConfig& config);

}  // namespace oneproof::guest::block
