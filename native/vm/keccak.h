// keccak-f[1600]: the permutation behind the KECCAK_PERMUTE syscall (FIPS 202, 24 rounds).
#pragma once
#include <cstdint>

namespace oneproof::vm {

// Permutes the 25 lanes in place; lane (x, y) is state[x + 5 * y].
void keccak_f1600(uint64_t state[25]);

}  // namespace oneproof::vm
