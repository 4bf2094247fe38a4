// The precompiled contracts at 0x01..0x11 (and P256VERIFY at 0x100 from Osaka): which exist in a
// revision, their gas rules, and the call into the byte-level cores of guest/precompiles/.
#pragma once
#include "guest/evm/environment.h"

namespace oneproof::guest::evm {

bool is_precompile(const Address& a, Revision rev);
// Runs the precompile with `gas` available: on success gas_left = gas - cost; on failure
// (insufficient gas or invalid input) status PrecompileFailure/OutOfGas and all gas is consumed.
Result run_precompile(const Address& a, Revision rev, const Bytes& input, int64_t gas);

}  // namespace oneproof::guest::evm
