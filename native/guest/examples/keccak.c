/* keccak-256 (Ethereum's hash) twice: through the KECCAK_PERMUTE precompile and through the
 * instruction-by-instruction permutation; the two must agree. */
#include <oneproof/keccak_software.h>
#include <oneproof/precompiles.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void (*permutation)(uint64_t state[25]);

/* Sponge with rate 136 bytes and Keccak's original padding (0x01 ... 0x80). */
static void keccak256(permutation permute, const uint8_t *msg, size_t len, uint8_t out[32]) {
  uint64_t state[25] = {0};
  uint8_t block[136];
  for (;;) {
    size_t take = len < sizeof block ? len : sizeof block;
    memset(block, 0, sizeof block);
    memcpy(block, msg, take);
    int last = take < sizeof block;
    if (last) {
      block[take] ^= 0x01;
      block[sizeof block - 1] ^= 0x80;
    }
    for (int i = 0; i < 17; i++) {
      uint64_t lane = 0;
      for (int b = 7; b >= 0; b--) lane = lane << 8 | block[8 * i + b];
      state[i] ^= lane;
    }
    permute(state);
    msg += take;
    len -= take;
    if (last) break;
  }
  for (int i = 0; i < 32; i++) out[i] = (uint8_t)(state[i / 8] >> (8 * (i % 8)));
}

static int check(const char *label, const uint8_t *msg, size_t len) {
  uint8_t with_precompile[32], in_software[32];
  keccak256(op_keccak_permute, msg, len, with_precompile);
  keccak256(op_keccak_permute_software, msg, len, in_software);
  printf("keccak256(%s)=", label);
  for (int i = 0; i < 32; i++) printf("%02x", with_precompile[i]);
  int same = memcmp(with_precompile, in_software, 32) == 0;
  printf(same ? "\n" : " MISMATCH with software\n");
  return same;
}

int main(void) {
  static uint8_t long_msg[300];
  for (size_t i = 0; i < sizeof long_msg; i++) long_msg[i] = (uint8_t)i;
  int ok = check("", (const uint8_t *)"", 0);
  ok &= check("abc", (const uint8_t *)"abc", 3);
  ok &= check("0..299", long_msg, sizeof long_msg);
  return ok ? 0 : 1;
}
