#include <string>

#include "common/test.h"
#include "guest/crypto/test/hex.h"
#include "guest/rlp/rlp.h"

using namespace oneproof::guest;
using namespace oneproof::guest::rlp;
using test::hex;

namespace {
Error decode_hex(const std::string& h, Item& out) {
  static Bytes keep;  // the item views into this buffer
  keep = hex(h);
  return decode(keep, out);
}
Bytes str(const std::string& s) { return Bytes(s.begin(), s.end()); }
}  // namespace

// Valid vectors from ethereum/tests RLPTests/rlptest.json (names as there).
OP_TEST(rlp_encodes_reference_vectors) {
  CHECK(encode_bytes(str("")) == hex("80"));                                     // emptystring
  CHECK(encode_bytes(str("dog")) == hex("83646f67"));                            // shortstring
  CHECK(encode_bytes(Bytes{0x00}) == hex("00"));                                 // single byte below 0x80
  CHECK(encode_bytes(Bytes{0x80}) == hex("8180"));
  std::string lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";  // longstring (56 bytes)
  Bytes enc = encode_bytes(str(lorem));
  CHECK(enc.size() == 58 && enc[0] == 0xb8 && enc[1] == 0x38);
  CHECK(encode_u64(0) == hex("80"));         // zero
  CHECK(encode_u64(1) == hex("01"));         // smallint
  CHECK(encode_u64(127) == hex("7f"));
  CHECK(encode_u64(128) == hex("8180"));
  CHECK(encode_u64(1000) == hex("8203e8"));  // mediumint2
  CHECK(encode_u64(100000) == hex("830186a0"));
  CHECK(encode_u256(uint256(0, 0, 0, 0x0100000000000000ull)) ==
        hex("a00100000000000000000000000000000000000000000000000000000000000000"));

  Encoder e;  // stringlist ["dog", "god", "cat"]
  size_t l = e.begin_list();
  e.add_bytes(str("dog"));
  e.add_bytes(str("god"));
  e.add_bytes(str("cat"));
  e.end_list(l);
  CHECK(e.bytes() == hex("cc83646f6783676f6483636174"));

  Encoder s;  // listsoflists2 [[],[[]],[[],[[]]]]
  size_t a = s.begin_list();
  size_t a1 = s.begin_list(); s.end_list(a1);
  size_t a2 = s.begin_list(); size_t a21 = s.begin_list(); s.end_list(a21); s.end_list(a2);
  size_t a3 = s.begin_list(); size_t a31 = s.begin_list(); s.end_list(a31);
  size_t a32 = s.begin_list(); size_t a321 = s.begin_list(); s.end_list(a321); s.end_list(a32); s.end_list(a3);
  s.end_list(a);
  CHECK(s.bytes() == hex("c7c0c1c0c3c0c1c0"));

  Encoder big;  // a list longer than 55 bytes takes the long form
  size_t b = big.begin_list();
  for (int i = 0; i < 4; ++i) big.add_bytes(str("aaaaaaaaaaaaaaaaaaaa"));
  big.end_list(b);
  CHECK(big.bytes().size() == 2 + 4 * 21 && big.bytes()[0] == 0xf8 && big.bytes()[1] == 84);
}

OP_TEST(rlp_decodes_and_round_trips) {
  Item it;
  REQUIRE(decode_hex("cc83646f6783676f6483636174", it) == Error::Ok);
  CHECK(it.is_list);
  std::vector<Item> items;
  REQUIRE(list_items(it, 3, items) == Error::Ok);
  CHECK(items[1].bytes() == str("god"));
  CHECK(list_items(it, 2, items) == Error::WrongItemCount);

  uint64_t v = 0;
  REQUIRE(decode_hex("830186a0", it) == Error::Ok);
  CHECK(to_u64(it, v) == Error::Ok && v == 100000);
  REQUIRE(decode_hex("80", it) == Error::Ok);
  CHECK(to_u64(it, v) == Error::Ok && v == 0);
  REQUIRE(decode_hex("7f", it) == Error::Ok);
  CHECK(to_u64(it, v) == Error::Ok && v == 127);

  // Every length class round-trips through the encoder.
  for (size_t n : {0, 1, 2, 55, 56, 255, 256, 70000}) {
    Bytes payload(n, 0xab);
    Bytes enc = encode_bytes(payload);
    Item d;
    REQUIRE(decode(enc, d) == Error::Ok);
    CHECK(!d.is_list && d.bytes() == payload && d.raw_size == enc.size());
  }
  uint256 big = uint256::max();
  Bytes enc = encode_u256(big);
  Item d;
  uint256 back;
  REQUIRE(decode(enc, d) == Error::Ok);
  CHECK(to_u256(d, back) == Error::Ok && back == big);
}

// Invalid vectors from ethereum/tests RLPTests/invalidRLPTest.json and the canonical-form rules.
OP_TEST(rlp_rejects_malformed_and_non_canonical) {
  Item it;
  CHECK(decode_hex("", it) == Error::Truncated);                  // emptyEncoding
  CHECK(decode_hex("8100", it) == Error::SingleByteAsString);     // bytesShouldBeSingleByte00
  CHECK(decode_hex("8101", it) == Error::SingleByteAsString);     // bytesShouldBeSingleByte01
  CHECK(decode_hex("817f", it) == Error::SingleByteAsString);     // bytesShouldBeSingleByte7F
  CHECK(decode_hex("81", it) == Error::Truncated);                // lessThanShortLengthArray1
  CHECK(decode_hex("83646f", it) == Error::Truncated);
  CHECK(decode_hex("b800", it) == Error::NonCanonicalSize);       // long form with a leading zero length
  CHECK(decode_hex("b80100", it) == Error::NonCanonicalSize);     // long form for a short payload
  CHECK(decode_hex("b90040" + std::string(128, '0'), it) == Error::NonCanonicalSize);  // leadingZerosInLongLengthArray
  CHECK(decode_hex("f80180", it) == Error::NonCanonicalSize);     // wrongSizeList (short list in long form)
  CHECK(decode_hex("ba010000", it) == Error::Truncated);          // lessThanLongLengthArray
  CHECK(decode_hex("bf0f000000000f021111", it) == Error::Truncated);  // int32Overflow-like lengths
  CHECK(decode_hex("c3646f", it) == Error::Truncated);            // list longer than the input
  CHECK(decode_hex("8080", it) == Error::TrailingBytes);          // two items where one is expected
  // A list whose payload ends inside an item.
  REQUIRE(decode_hex("c28300", it) == Error::Ok);  // outer list is well-formed on its own
  std::vector<Item> items;
  CHECK(list_items(it, items) == Error::Truncated);
  // A list with an inner non-canonical item.
  REQUIRE(decode_hex("c28100", it) == Error::Ok);
  CHECK(list_items(it, items) == Error::SingleByteAsString);

  uint64_t v = 0;
  uint256 w;
  REQUIRE(decode_hex("820001", it) == Error::Ok);
  CHECK(to_u64(it, v) == Error::LeadingZero);                      // leading zeros in integers
  CHECK(to_u256(it, w) == Error::LeadingZero);
  REQUIRE(decode_hex("00", it) == Error::Ok);
  CHECK(to_u64(it, v) == Error::LeadingZero);                      // zero is the empty string, not 0x00
  REQUIRE(decode_hex("89010000000000000000", it) == Error::Ok);
  CHECK(to_u64(it, v) == Error::Overflow);
  REQUIRE(decode_hex("a101" + std::string(64, '0'), it) == Error::Ok);
  CHECK(to_u256(it, w) == Error::Overflow);
  REQUIRE(decode_hex("c0", it) == Error::Ok);
  CHECK(to_u64(it, v) == Error::ExpectedString);
  Address a;
  REQUIRE(decode_hex("83646f67", it) == Error::Ok);
  CHECK(to_address(it, a) == Error::WrongSize);
  CHECK(list_items(it, items) == Error::ExpectedList);
}
