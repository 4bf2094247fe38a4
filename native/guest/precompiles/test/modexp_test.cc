#include <string>

#include "common/test.h"
#include "guest/crypto/test/hex.h"
#include "guest/precompiles/modexp.h"

using namespace oneproof::guest;
using namespace oneproof::guest::precompiles;
using test::hex;

namespace {
Bytes word(uint64_t v) {
  Bytes w(32, 0);
  for (int i = 0; i < 8; ++i) w[31 - i] = uint8_t(v >> (8 * i));
  return w;
}
Bytes input(const std::string& base, const std::string& exp, const std::string& mod) {
  Bytes b = hex(base), e = hex(exp), m = hex(mod);
  Bytes in = word(b.size());
  Bytes el = word(e.size()), ml = word(m.size());
  in.insert(in.end(), el.begin(), el.end());
  in.insert(in.end(), ml.begin(), ml.end());
  in.insert(in.end(), b.begin(), b.end());
  in.insert(in.end(), e.begin(), e.end());
  in.insert(in.end(), m.begin(), m.end());
  return in;
}
Bytes run(const Bytes& in) {
  Bytes out;
  if (!modexp(in.data(), in.size(), out)) return Bytes{0xde, 0xad};
  return out;
}
}  // namespace

OP_TEST(modexp_eip198_examples) {
  // 3^(p-1) mod p = 1 for the secp256k1 prime p (EIP-198's first example).
  const std::string p = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
  const std::string p_minus_1 = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e";
  CHECK(run(input("03", p_minus_1, p)) == word(1));
  // Base length 0: 0^(p-1) = 0 (the second example).
  CHECK(run(input("", p_minus_1, p)) == word(0));
  // Exponent 0: 1 mod m, and m = 1: 0.
  CHECK(run(input("05", "", "0d")) == hex("01"));
  CHECK(run(input("05", "", "01")) == hex("00"));
  // Modulus 0 gives zeros of the modulus length; modulus length 0 gives empty output.
  CHECK(run(input("05", "02", "0000")) == hex("0000"));
  CHECK(run(input("05", "02", "")).empty());
}

// Random cases checked against Python's pow(b, e, m): odd and even moduli, multi-limb sizes.
OP_TEST(modexp_matches_reference_values) {
  struct Case { const char *b, *e, *m, *r; };
  const Case cases[] = {
      {"52", "f2", "a7", "08"},
      {"a66513270e", "0c5c7f", "89d23f0824128b2f33", "63392134e43d2a9b20"},
      {"6cad4a268d116ece1738f7d93d9c172411e20b8f6b0d549b6f03675a1600a35a099950d836f675cc81e74ef5e8e25d940ed904759531985d5d9dc9f81818e811",
       "a09f76b5a170b33839263059f28c105d1fb17c2390c192cfd3ac94af0f21ddb6",
       "a4ede6a46b4cb2424a23d5962217beaddbc496cb8e81973e0becd7b03898d190f9ebdacc0cb1e29c658cda1495e60af593bd04cf0fd630f1f29d0da9953f48f1",
       "2d465d49d5527971c12bda925fcdb3dc0b9933508f358e39611c4e67d02ef30c9a73fa51b5083896f5d8d37cbd400b6301e78cef24c6ea3fe7c5a3f14469c60f"},
      {"8c38fb2918f135d25f557203301850c5a38fd547923a736994e3bf911a61dbe22e44158bae97ba94d0eda82f8f6d05584ef8aa38922766581e27a1c08a6a63ec",
       "ae2eb1547f15052434b9b5df9e7769b10f4205b4907a70c31012f037b64ce422",
       "be7d1bfbc7a2ea20b2f14c942e05319acb5c74273f98e2774cbd87ad5c90a9587403e430ec66a78795e761d17731af10506bf2efc6f877186d76b07e881ed162",
       "4cfb459153d3b4ffcc2016acde8006550f9a6c19ded6aea45961168520f01350cbbf8134d6ee3ba1864ba242446ddc63e3ff39c763669ee8735c6d21f9cf5f20"},
      {"aa05e11ab2715945795e8229451abd81f1d69ed617f5e837d70820fe119a72d174c9df6acc011cdd9474031b7f26144b98289fcd59a54a7bb1fee08f571242425051c1ccd17f9acae01f5057ca02135e92b1d3f28ede0d7ac3baea9e13deef86ab1031d0f646e1f40a097c976bf46c697d2caf82eeeacbe226e875555790f82ec1d3fcff2a3af4d46b0a18e8830e07bc1e398f1012bd4acefaecbd389be4bcfc49b64a0872e6cc3ababced2057ee05cde00902c77ebff206867347214cdd2055930d6eaf14f4733f",
       "d269a9a5ae658f33fe3b890b93f448b3a5aa3c814f426dcbb394fb36bb2d420f0f88080b10a3d6b2",
       "c7469a4d8cdb305fdd2e16096e36aab0d1bc52d9230d977ee22571594720771f8ca8181166d2287672fdf2022a96fb1a14a0f9e77f1b103cdf1582b0eab477d26415479c65dc9f503f63af83bd0561e6211c70cf49952399c4aaeac137dc76fb0f17a3007e62aa0a1df9fd789c6539382b0537e65affb2297631a992f0ce583505c6af0758d5563dab2cd31ee315128862c33a4fb774eb5248db40af72158371",
       "c54b1afc28a7e6ed1abb786e8a92c2e6ea0de7855eca10e01d8e88c4db086954c1f3ce27973b4c2a4317e901afa1d7819ff578d00d667fdfe1f42ee4325acd942726c310034dc01818311de44180c88b0731df28fc36d45e95574258638d1cd19c7884a0b0269f21047a0114047cc28dbd201dc2d7cc8f2c7464044f429f4f146417f082fdbaecac9a66e22d12e309d125187483abab49d87297df09b0816c50"},
      {"3bf52ddf5d616499c9e25a7605aec6f0245bd86d40fc891b4a6a50df4db4d66a3a", "26a2",
       "d47c26847f0316909e3bbbe9eaa8948c893b61867626bb7dbd2d1c9af0153e7c2a",
       "6463bd429e465cb470fbf3e5e4d9b128f362da86d30e727f6a02134937ef211f74"},
      {"96d0cc",
       "9e1af341e07a83f73f16dbf4a8b2b0c4312d20203626f3fe39c0519088f590fbbd119c1caaf75e8766ed88daf4016b4013ef254b0c4e010c4759482c9cbc43435cc52eae05cf",
       "f40dd27a65bd628881ad1b72dba7abe1c3", "54fe78225284bfc73235696023fbf3edb5"},
  };
  for (const Case& c : cases) {
    Bytes got = run(input(c.b, c.e, c.m));
    CHECK(got == hex(c.r));
    // Tamper: a different base gives a different result.
    std::string b2 = c.b;
    b2[b2.size() - 1] = b2.back() == '1' ? '2' : '1';
    CHECK(run(input(b2, c.e, c.m)) != hex(c.r));
  }
}

OP_TEST(modexp_short_input_is_zero_padded) {
  // The modulus is cut off: the missing bytes read as zeros (modulus 0x0d00 here).
  Bytes in = input("02", "03", "0d00");
  in.pop_back();
  CHECK(run(in) == hex("0008"));
  // Header alone with huge lengths but mod_len 0: empty output without allocating anything.
  Bytes huge(96, 0xff);
  for (int i = 64; i < 96; ++i) huge[i] = 0;
  CHECK(run(huge).empty());
  // Absurd lengths with a non-zero modulus length are refused, not attempted.
  Bytes absurd(96, 0);
  absurd[31] = 1;
  absurd[32] = 0x7f;  // exp_len ~ 2^254
  absurd[95] = 1;
  Bytes out;
  CHECK(!modexp(absurd.data(), absurd.size(), out));
}

OP_TEST(modexp_gas_inputs) {
  ModexpHeader h = modexp_header(input("03", "0100", "05").data(), 99 + 2);
  CHECK(h.base_len == uint256(1) && h.exp_len == uint256(2) && h.mod_len == uint256(1));
  CHECK(h.exp_head == uint256(0x100));
  CHECK(modexp_adjusted_exp_length(h, 8) == 8);
  // exp_len 40 with a leading byte 0x01 in its first 32 bytes: 8 * (40 - 32) + 248 (EIP-2565) and x16 (EIP-7883).
  std::string e40 = "01" + std::string(78, '0');
  Bytes in = input("03", e40, "05");
  ModexpHeader h40 = modexp_header(in.data(), in.size());
  CHECK(modexp_adjusted_exp_length(h40, 8) == 8 * 8 + 248);
  CHECK(modexp_adjusted_exp_length(h40, 16) == 16 * 8 + 248);
  ModexpHeader zero = modexp_header(input("03", "0000", "05").data(), 101);
  CHECK(modexp_adjusted_exp_length(zero, 8) == 0);
}
