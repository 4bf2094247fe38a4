// Byte formats of verifying keys and proofs: magic, format version, then the fields in order
// (codec.h). Decoding checks the encoding only (canonical elements, lengths within the input, no
// trailing bytes); the verifier then checks every shape against the verifying key.
#pragma once
#include <cstdint>
#include <span>
#include <vector>
#include "stark/codec.h"
#include "stark/proof.h"

namespace oneproof::stark {

std::vector<uint8_t> serialize_vk(const VerifyingKey& vk);
VerifyingKey deserialize_vk(std::span<const uint8_t> bytes);  // throws FormatError

std::vector<uint8_t> serialize_proof(const StarkProof& proof);
StarkProof deserialize_proof(std::span<const uint8_t> bytes);  // throws FormatError

}  // namespace oneproof::stark
