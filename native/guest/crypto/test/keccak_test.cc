#include "common/test.h"
#include "guest/crypto/keccak.h"
#include "guest/crypto/test/hex.h"

using namespace oneproof::guest;
using namespace oneproof::guest::crypto;
using test::h32;

OP_TEST(keccak_known_vectors) {
  CHECK(keccak256(nullptr, 0) == h32("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
  CHECK(keccak256(nullptr, 0) == kEmptyCodeHash);
  const uint8_t abc[] = {'a', 'b', 'c'};
  CHECK(keccak256(abc, 3) == h32("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
}

OP_TEST(keccak_rate_boundaries) {
  Bytes seq(200);
  for (size_t i = 0; i < seq.size(); ++i) seq[i] = uint8_t(i);
  CHECK(keccak256(seq) == h32("bfb0aa97863e797943cf7c33bb7e880bb4543f3d2703c0923c6901c2af57b890"));
  CHECK(keccak256(Bytes(136, 'a')) == h32("a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e"));
  CHECK(keccak256(Bytes(135, 'a')) == h32("34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446"));
}

OP_TEST(keccak_streaming_matches_one_shot) {
  Bytes seq(200);
  for (size_t i = 0; i < seq.size(); ++i) seq[i] = uint8_t(i * 7 + 1);
  Hash32 expected = keccak256(seq);
  for (size_t split : {0, 1, 7, 135, 136, 137, 199, 200}) {
    Keccak256 k;
    k.update(seq.data(), split);
    k.update(seq.data() + split, seq.size() - split);
    CHECK(k.finalize() == expected);
  }
  Keccak256 bytewise;
  for (uint8_t b : seq) bytewise.update(&b, 1);
  CHECK(bytewise.finalize() == expected);
  // One changed byte changes the digest.
  seq[100] ^= 1;
  CHECK(keccak256(seq) != expected);
}

OP_TEST(keccak_f1600_zero_state) {
  // FIPS 202 / Keccak team reference: keccak-f[1600] of the all-zero state, first lane.
  uint64_t s[25] = {};
  keccak_f1600(s);
  CHECK_EQ(s[0], 0xF1258F7940E1DDE7ull);
  CHECK_EQ(s[24], 0xEAF1FF7B5CECA249ull);
}
