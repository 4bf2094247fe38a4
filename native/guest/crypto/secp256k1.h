// secp256k1 ECDSA public-key recovery, as Ethereum uses it for transaction senders, EIP-7702
// authorities and the ECRECOVER precompile. Not constant-time on purpose: the prover knows the
// witness, so only correctness and speed matter.
#pragma once
#include <cstdint>

#include "guest/common/bytes.h"

namespace oneproof::guest::crypto {

enum class RecoverError : uint8_t {
  Ok = 0,
  InvalidR,           // r == 0 or r >= n
  InvalidS,           // s == 0 or s >= n
  HighS,              // s > n/2 while the caller asked for the EIP-2 rule
  InvalidRecoveryId,  // y parity other than 0 or 1
  NotOnCurve,         // no curve point has x == r
  Infinity,           // the recovered key is the point at infinity
};

// Recovers the uncompressed public key (x || y, 64 bytes big-endian) that signed `hash`.
// `y_parity` is 0 or 1 (v - 27 for ECRECOVER, the typed transactions' yParity as is).
RecoverError recover_public_key(const Hash32& hash, const uint256& r, const uint256& s, unsigned y_parity,
                                bool require_low_s, uint8_t public_key[64]);

// The Ethereum address of the signer: keccak256(public key)[12..32].
RecoverError recover_address(const Hash32& hash, const uint256& r, const uint256& s, unsigned y_parity,
                             bool require_low_s, Address& out);

Address address_of_public_key(const uint8_t public_key[64]);

// The curve order n and n/2, for callers that range-check signatures themselves.
extern const uint256 kSecp256k1N;
extern const uint256 kSecp256k1HalfN;

}  // namespace oneproof::guest::crypto
