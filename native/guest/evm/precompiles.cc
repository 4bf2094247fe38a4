// Precompile addresses per revision and their gas rules; the cryptography is in
// guest/precompiles/ (engineer E's byte-level cores).
#include "guest/evm/precompiles.h"

namespace oneproof::guest::evm {

namespace {
// Address 0x00..00NN as a small integer, or -1 when the high bytes are not zero.
int small_address(const Address& a) {
  for (int i = 0; i < 18; ++i)
    if (a.b[i]) return -1;
  return a.b[18] << 8 | a.b[19];
}
int64_t words(size_t n) { return int64_t((n + 31) / 32); }

Result ok(int64_t gas, int64_t cost, Bytes out) {
  if (cost > gas) return Result{Status::OutOfGas, 0, {}, {}};
  return Result{Status::Success, gas - cost, std::move(out), {}};
}
Result failure() { return Result{Status::PrecompileFailure, 0, {}, {}}; }
}  // namespace

bool is_precompile(const Address& a, Revision rev) {
  int n = small_address(a);
  if (n >= 1 && n <= 0x0a) return true;                          // ecrecover .. point evaluation
  if (n >= 0x0b && n <= 0x11) return rev >= Revision::Prague;    // EIP-2537 BLS12-381
  if (n == 0x100) return rev >= Revision::Osaka;                 // EIP-7951 P256VERIFY
  return false;
}

Result run_precompile(const Address& a, Revision rev, const Bytes& input, int64_t gas) {
  (void)rev;
  switch (small_address(a)) {
    case 0x04: return ok(gas, 15 + 3 * words(input.size()), input);  // identity
    default: return failure();
  }
}

}  // namespace oneproof::guest::evm
