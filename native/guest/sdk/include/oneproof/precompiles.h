/* Precompiles: operations the zkVM proves in dedicated chips instead of instruction by instruction. */
#ifndef ONEPROOF_PRECOMPILES_H
#define ONEPROOF_PRECOMPILES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** keccak-f[1600] on 25 little-endian 64-bit lanes, in place. `state` must be 4-byte aligned. */
void op_keccak_permute(uint64_t state[25]);

#ifdef __cplusplus
}
#endif

#endif
