#include <string>

#include "common/test.h"
#include "guest/crypto/test/hex.h"
#include "guest/precompiles/blake2f.h"
#include "guest/precompiles/ecrecover.h"
#include "guest/precompiles/ripemd160.h"
#include "guest/precompiles/sha256.h"

using namespace oneproof::guest;
using namespace oneproof::guest::precompiles;
using test::h32;
using test::hex;

namespace {
Bytes str(const std::string& s) { return Bytes(s.begin(), s.end()); }
Bytes ripemd(const Bytes& b) {
  uint8_t out[20];
  ripemd160(b.data(), b.size(), out);
  return Bytes(out, out + 20);
}
const std::string kTwoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
}  // namespace

OP_TEST(sha256_known_vectors) {
  CHECK(sha256(Bytes{}) == h32("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  CHECK(sha256(str("abc")) == h32("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  CHECK(sha256(str(kTwoBlocks)) == h32("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
  Sha256 s;  // streaming in odd pieces gives the same digest
  Bytes m = str(kTwoBlocks);
  s.update(m.data(), 3);
  s.update(m.data() + 3, m.size() - 3);
  CHECK(s.finalize() == sha256(m));
}

OP_TEST(ripemd160_known_vectors) {
  CHECK(ripemd(Bytes{}) == hex("9c1185a5c5e9fc54612808977ee8f548b2258d31"));
  CHECK(ripemd(str("abc")) == hex("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"));
  CHECK(ripemd(str("message digest")) == hex("5d0689ef49d2fae572b881b123a85ffa21595f36"));
  CHECK(ripemd(str(kTwoBlocks)) == hex("12a053384a9c0c88e405a06c27dcf49ada62eb2b"));
  std::string eighty;
  for (int i = 0; i < 8; ++i) eighty += "1234567890";
  CHECK(ripemd(str(eighty)) == hex("9b752e45573d4b39f4dbd3323cab82bf63326bfb"));
}

namespace {
// EIP-152 input: rounds, h, m, t, f.
Bytes blake2f_input(uint32_t rounds, const uint64_t h[8], const uint8_t block[128], uint64_t t0, uint8_t f) {
  Bytes in;
  for (int i = 3; i >= 0; --i) in.push_back(uint8_t(rounds >> (8 * i)));
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j) in.push_back(uint8_t(h[i] >> (8 * j)));
  in.insert(in.end(), block, block + 128);
  for (int j = 0; j < 8; ++j) in.push_back(uint8_t(t0 >> (8 * j)));
  for (int j = 0; j < 8; ++j) in.push_back(0);
  in.push_back(f);
  return in;
}
// BLAKE2b-512 initial state: IV with the parameter block (digest length 64, fanout/depth 1) mixed in.
void blake2b_init(uint64_t h[8]) {
  const uint64_t iv[8] = {0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
                          0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
                          0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};
  for (int i = 0; i < 8; ++i) h[i] = iv[i];
  h[0] ^= 0x01010040;
}
}  // namespace

OP_TEST(blake2f_matches_blake2b_digests) {
  // BLAKE2b-512("abc") is one final compression (the input of EIP-152's test vector 5).
  uint64_t h[8];
  blake2b_init(h);
  uint8_t block[128] = {'a', 'b', 'c'};
  Bytes in = blake2f_input(12, h, block, 3, 1);
  CHECK(in.size() == 213);
  uint8_t out[64];
  REQUIRE(blake2f(in.data(), in.size(), out));
  CHECK(Bytes(out, out + 64) == hex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));

  // BLAKE2b-512 of bytes 0..199: a non-final block (t = 128, f = 0), then the final one (t = 200).
  uint8_t data[200];
  for (int i = 0; i < 200; ++i) data[i] = uint8_t(i);
  blake2b_init(h);
  Bytes first = blake2f_input(12, h, data, 128, 0);
  REQUIRE(blake2f(first.data(), first.size(), out));
  for (int i = 0; i < 8; ++i) {
    h[i] = 0;
    for (int j = 7; j >= 0; --j) h[i] = (h[i] << 8) | out[8 * i + j];
  }
  uint8_t last[128] = {};
  for (int i = 0; i < 72; ++i) last[i] = data[128 + i];
  Bytes second = blake2f_input(12, h, last, 200, 1);
  REQUIRE(blake2f(second.data(), second.size(), out));
  CHECK(Bytes(out, out + 64) == hex("fb3c1f0f56a56f8e316fdf5d853c8c872c39635d083634c3904fc3ac07d1b578e85ff0e480e92d44ade33b62e893ee32343e79ddf6ef292e89b582d312502314"));
}

OP_TEST(blake2f_rejects_bad_inputs) {
  uint64_t h[8];
  blake2b_init(h);
  uint8_t block[128] = {};
  Bytes in = blake2f_input(12, h, block, 0, 1);
  uint8_t out[64];
  uint32_t rounds = 0;
  CHECK(blake2f_rounds(in.data(), in.size(), rounds) && rounds == 12);
  CHECK(!blake2f(in.data(), in.size() - 1, out));  // EIP-152 vectors 1 and 2: wrong length
  Bytes longer = in;
  longer.push_back(0);
  CHECK(!blake2f(longer.data(), longer.size(), out));
  in.back() = 2;  // vector 3: final flag must be 0 or 1
  CHECK(!blake2f(in.data(), in.size(), out));
  // 0 rounds is valid (vector 4) and differs from 12 rounds.
  Bytes zero = blake2f_input(0, h, block, 0, 1), twelve = blake2f_input(12, h, block, 0, 1);
  uint8_t a[64], b[64];
  REQUIRE(blake2f(zero.data(), zero.size(), a) && blake2f(twelve.data(), twelve.size(), b));
  CHECK(Bytes(a, a + 64) != Bytes(b, b + 64));
}

OP_TEST(ecrecover_precompile) {
  Bytes in = hex(
      "456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3"
      "000000000000000000000000000000000000000000000000000000000000001c"
      "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"
      "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada");
  uint8_t out[32];
  REQUIRE(ecrecover(in.data(), in.size(), out));
  CHECK(Bytes(out, out + 32) == hex("0000000000000000000000007156526fbd7a3c72969b54f64e42c10fbb768c8a"));
  Bytes bad_v = in;
  bad_v[63] = 29;
  CHECK(!ecrecover(bad_v.data(), bad_v.size(), out));
  Bytes v_high_bytes = in;
  v_high_bytes[32] = 1;  // v must be exactly 27 or 28 as a 32-byte word
  CHECK(!ecrecover(v_high_bytes.data(), v_high_bytes.size(), out));
  CHECK(!ecrecover(in.data(), 0, out));  // all zeros: v = 0
  // Truncated input reads as zero-padded: s becomes 0 -> invalid.
  CHECK(!ecrecover(in.data(), 96, out));
}
