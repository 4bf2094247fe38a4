// rv32im guest that measures the cycle cost of secp256k1 public-key recovery: it reads one byte n
// from the private input, recovers n public keys (cycling over two known signatures) and commits
// them. cycles(n) - cycles(0), divided by n, is the cost of one recovery. Build and run:
//   node bin/oneproof.js zkvm build native/guest/crypto/bench/secp256k1_cycles_guest.cc \
//     native/guest/crypto/secp256k1*.cc native/guest/crypto/keccak.cc -I native -I native/guest \
//     -o build/guest-secp/secp_cycles.elf
//   node bin/oneproof.js zkvm run build/guest-secp/secp_cycles.elf --input <file holding n> --json
#include <oneproof/guest.h>

#include "guest/crypto/secp256k1.h"

using namespace oneproof::guest;

namespace {

uint256 word(const char* hex) {
  uint256 v;
  uint256::from_hex(hex, 64, v);
  return v;
}

Hash32 hash32(const char* hex) {
  uint8_t b[32];
  word(hex).to_be(b);
  return Hash32::from(b);
}

}  // namespace

int main() {
  struct Vector { const char* hash; const char* r; const char* s; unsigned parity; };
  // EIP-155's example (parity 0) and go-ethereum's ECRECOVER test (parity 1).
  const Vector vectors[2] = {
      {"daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53",
       "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276",
       "67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83", 0},
      {"456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3",
       "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608",
       "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada", 1},
  };
  uint8_t n = 0;
  if (op_input_len() > 0) op_read(&n, 1);
  for (unsigned i = 0; i < n; ++i) {
    const Vector& v = vectors[i % 2];
    uint8_t key[64];
    if (crypto::recover_public_key(hash32(v.hash), word(v.r), word(v.s), v.parity, false, key) != crypto::RecoverError::Ok)
      op_halt(1);
    op_commit(key, 64);
  }
  op_halt(0);
}
