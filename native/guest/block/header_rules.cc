// Header-against-parent rules; see header_rules.h.
#include "guest/block/header_rules.h"

#include <cstdint>

namespace oneproof::guest::block {

namespace {
constexpr uint64_t kElasticity = 2;
constexpr uint64_t kBaseFeeChangeDenominator = 8;
constexpr uint64_t kGasLimitBoundDivisor = 1024;
constexpr uint64_t kMinGasLimit = 5000;
constexpr size_t kMaxExtraData = 32;
}  // namespace

uint256 expected_base_fee(const Header& parent) {
  uint256 parent_fee = parent.base_fee ? *parent.base_fee : uint256();
  uint64_t target = parent.gas_limit / kElasticity;
  if (target == 0 || parent.gas_used == target) return parent_fee;
  if (parent.gas_used > target) {
    uint256 delta = parent_fee * uint256(parent.gas_used - target) / uint256(target) / uint256(kBaseFeeChangeDenominator);
    if (delta < uint256(1)) delta = uint256(1);
    return parent_fee + delta;
  }
  uint256 delta = parent_fee * uint256(target - parent.gas_used) / uint256(target) / uint256(kBaseFeeChangeDenominator);
  return parent_fee - delta;
}

uint256 fake_exponential(const uint256& factor, const uint256& numerator, const uint256& denominator) {
  // The EIP-4844 Taylor series. Terms that would not fit in 256 bits mean a fee no transaction can
  // pay: saturate instead of wrapping, which also bounds the loop on adversarial excess values.
  if (denominator.is_zero()) return uint256::max();
  uint256 output;
  uint256 accum = mul_saturating(factor, denominator);
  for (uint64_t i = 1; !accum.is_zero(); ++i) {
    output = add_saturating(output, accum);
    uint256 scaled = mul_saturating(accum, numerator);
    if (output == uint256::max() || scaled == uint256::max()) return uint256::max();
    accum = scaled / mul_saturating(denominator, uint256(i));
  }
  return output / denominator;
}

uint256 blob_base_fee(uint64_t excess_blob_gas, const BlobParams& params) {
  return fake_exponential(uint256(1), uint256(excess_blob_gas), uint256(params.update_fraction));
}

uint64_t expected_excess_blob_gas(const Header& parent, const BlobParams& params, evm::Revision rev) {
  uint64_t parent_excess = parent.excess_blob_gas.value_or(0);
  uint64_t parent_used = parent.blob_gas_used.value_or(0);
  uint64_t target_gas = params.target * kGasPerBlob;
  if (parent_excess + parent_used < target_gas) return 0;
  if (rev >= evm::Revision::Osaka) {
    // EIP-7918: when execution gas dominates, the excess only grows (by the target-to-max share).
    uint256 parent_fee = parent.base_fee ? *parent.base_fee : uint256();
    if (mul_saturating(uint256(kBlobBaseCost), parent_fee) >
        mul_saturating(uint256(kGasPerBlob), blob_base_fee(parent_excess, params)))
      return parent_excess + parent_used * (params.max - params.target) / params.max;
  }
  return parent_excess + parent_used - target_gas;
}

const char* check_header(const Header& h, const Header& parent, const ChainConfig& config) {
  const ForkActivation& fork = config.at(h.timestamp);
  if (h.number != parent.number + 1) return "header number is not parent number + 1";
  if (h.parent_hash != parent.hash) return "parent hash mismatch";
  if (h.timestamp <= parent.timestamp) return "timestamp not after parent";
  if (h.extra_data.size() > kMaxExtraData) return "extra data longer than 32 bytes";
  if (h.gas_used > h.gas_limit) return "gas used above gas limit";
  if (h.gas_limit < kMinGasLimit) return "gas limit below minimum";
  if (h.gas_limit > uint64_t(INT64_MAX)) return "gas limit above 2^63 - 1";
  uint64_t bound = parent.gas_limit / kGasLimitBoundDivisor;
  uint64_t diff = h.gas_limit > parent.gas_limit ? h.gas_limit - parent.gas_limit : parent.gas_limit - h.gas_limit;
  if (diff >= bound) return "gas limit changed too much";
  if (!h.difficulty.is_zero()) return "difficulty must be zero";
  if (h.nonce != 0) return "nonce must be zero";
  // keccak256(rlp([])): no ommers after the merge.
  static const uint8_t kEmptyOmmers[32] = {0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a, 0xab, 0x85, 0xb5,
                                           0x67, 0xb6, 0xcc, 0xd4, 0x1a, 0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a,
                                           0x74, 0x13, 0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47};
  if (h.ommers_hash != Hash32::from(kEmptyOmmers)) return "ommers hash is not the empty list hash";
  if (!h.base_fee) return "missing base fee";
  if (*h.base_fee != expected_base_fee(parent)) return "invalid base fee";
  if (!h.withdrawals_root) return "missing withdrawals root";
  if (!h.blob_gas_used || !h.excess_blob_gas || !h.parent_beacon_block_root) return "missing Cancun header fields";
  if (fork.revision >= evm::Revision::Prague && !h.requests_hash) return "missing requests hash";
  if (fork.revision < evm::Revision::Prague && h.requests_hash) return "requests hash before Prague";
  if (*h.excess_blob_gas != expected_excess_blob_gas(parent, fork.blob, fork.revision)) return "invalid excess blob gas";
  if (*h.blob_gas_used > fork.blob.max * kGasPerBlob) return "blob gas used above maximum";
  if (*h.blob_gas_used % kGasPerBlob != 0) return "blob gas used not a multiple of the blob size";
  return nullptr;
}

}  // namespace oneproof::guest::block
