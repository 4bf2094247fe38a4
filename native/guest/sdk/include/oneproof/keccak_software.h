/* keccak-f[1600] computed instruction by instruction, for hosts without the precompile and for
 * comparing against it. */
#ifndef ONEPROOF_KECCAK_SOFTWARE_H
#define ONEPROOF_KECCAK_SOFTWARE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** keccak-f[1600] on 25 lanes (lane x + 5y at index x + 5y), in place. */
void op_keccak_permute_software(uint64_t state[25]);

#ifdef __cplusplus
}
#endif

#endif
