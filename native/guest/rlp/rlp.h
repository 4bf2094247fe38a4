// Recursive Length Prefix (Ethereum yellow paper, appendix B): a strict decoder producing
// zero-copy views over the input, and an encoder. The decoder accepts only the canonical form:
// minimal length prefixes, no leading zeros in lengths, single bytes below 0x80 encoded as
// themselves, and (for integer accessors) no leading zero bytes. Every failure is an Error code.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "guest/common/bytes.h"

namespace oneproof::guest::rlp {

enum class Error : uint8_t {
  Ok = 0,
  Truncated,            // the input ends before the item (or its length prefix) does
  NonCanonicalSize,     // a long-form length that fits the short form, or a length with a leading zero byte
  SingleByteAsString,   // 0x81 followed by a byte < 0x80: must be encoded as the byte itself
  TrailingBytes,        // bytes left over after the item, or inside a list after its last item
  ExpectedList,         // a string where a list is required
  ExpectedString,       // a list where a string is required
  LeadingZero,          // an integer with a leading zero byte (zero must be the empty string)
  Overflow,             // an integer wider than the requested type
  WrongSize,            // a fixed-size string (address, hash) of another length
  WrongItemCount,       // a list with a different number of items than the structure needs
};

const char* error_name(Error e);

// One decoded item: a view into the caller's buffer, valid while that buffer lives.
struct Item {
  bool is_list = false;
  const uint8_t* payload = nullptr;  // string bytes, or the concatenated encodings of the list items
  size_t payload_size = 0;
  const uint8_t* raw = nullptr;      // the whole encoding, prefix included
  size_t raw_size = 0;

  Bytes bytes() const { return Bytes(payload, payload + payload_size); }
  Bytes raw_bytes() const { return Bytes(raw, raw + raw_size); }
};

// Decodes the item at the start of [p, p+n); `consumed` gets its full encoded size.
Error decode_prefix(const uint8_t* p, size_t n, Item& out, size_t& consumed);
// Decodes exactly one item spanning all of [p, p+n) (TrailingBytes otherwise).
Error decode(const uint8_t* p, size_t n, Item& out);
inline Error decode(const Bytes& b, Item& out) { return decode(b.data(), b.size(), out); }

// Iterates over the items of a list item.
class ListReader {
 public:
  explicit ListReader(const Item& list) : p_(list.payload), end_(list.payload + list.payload_size) {}
  bool done() const { return p_ == end_; }
  Error next(Item& out);

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

// All items of a list (ExpectedList for a string).
Error list_items(const Item& list, std::vector<Item>& out);
// Same, requiring exactly `count` items (WrongItemCount otherwise).
Error list_items(const Item& list, size_t count, std::vector<Item>& out);

// Typed accessors for string items. Integers are big-endian without leading zeros.
Error to_u64(const Item& it, uint64_t& out);
Error to_u256(const Item& it, uint256& out);
Error to_bytes(const Item& it, Bytes& out);
Error to_address(const Item& it, Address& out);  // exactly 20 bytes
Error to_hash(const Item& it, Hash32& out);      // exactly 32 bytes

// ---- encoding --------------------------------------------------------------------------------
// Appends encodings to a byte buffer; lists are opened and closed around their items.
class Encoder {
 public:
  void add_bytes(const uint8_t* p, size_t n);
  void add_bytes(const Bytes& b) { add_bytes(b.data(), b.size()); }
  template <size_t N>
  void add_bytes(const FixedBytes<N>& b) { add_bytes(b.b, N); }
  void add_u64(uint64_t v);
  void add_u256(const uint256& v);
  // Appends an already-encoded item verbatim.
  void add_raw(const uint8_t* p, size_t n) { out_.insert(out_.end(), p, p + n); }
  void add_raw(const Bytes& b) { add_raw(b.data(), b.size()); }

  // begin_list() returns a marker to pass to end_list(), which writes the list prefix.
  size_t begin_list() { return out_.size(); }
  void end_list(size_t marker);

  const Bytes& bytes() const { return out_; }
  Bytes take() { return std::move(out_); }

 private:
  Bytes out_;
};

// Single-item helpers.
Bytes encode_bytes(const uint8_t* p, size_t n);
inline Bytes encode_bytes(const Bytes& b) { return encode_bytes(b.data(), b.size()); }
Bytes encode_u64(uint64_t v);
Bytes encode_u256(const uint256& v);
// The prefix of a list whose items' encodings total `payload_size` bytes.
Bytes list_prefix(size_t payload_size);

}  // namespace oneproof::guest::rlp
