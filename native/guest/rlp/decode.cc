#include "guest/rlp/rlp.h"

#include <cstring>

namespace oneproof::guest::rlp {

const char* error_name(Error e) {
  switch (e) {
    case Error::Ok: return "ok";
    case Error::Truncated: return "truncated";
    case Error::NonCanonicalSize: return "non-canonical size";
    case Error::SingleByteAsString: return "single byte encoded as string";
    case Error::TrailingBytes: return "trailing bytes";
    case Error::ExpectedList: return "expected list";
    case Error::ExpectedString: return "expected string";
    case Error::LeadingZero: return "integer with leading zero";
    case Error::Overflow: return "integer overflow";
    case Error::WrongSize: return "wrong size";
    case Error::WrongItemCount: return "wrong item count";
  }
  return "unknown";
}

namespace {

// Reads a long-form length of `len_of_len` bytes; rejects leading zeros and lengths < 56.
Error read_long_length(const uint8_t* p, size_t n, size_t len_of_len, size_t& length) {
  if (n < 1 + len_of_len) return Error::Truncated;
  if (p[1] == 0) return Error::NonCanonicalSize;
  if (len_of_len > sizeof(size_t)) return Error::Truncated;  // cannot fit in any buffer we hold
  size_t v = 0;
  for (size_t i = 0; i < len_of_len; ++i) v = (v << 8) | p[1 + i];
  if (v < 56) return Error::NonCanonicalSize;
  length = v;
  return Error::Ok;
}

}  // namespace

Error decode_prefix(const uint8_t* p, size_t n, Item& out, size_t& consumed) {
  if (n == 0) return Error::Truncated;
  uint8_t b = p[0];
  size_t header = 0, length = 0;
  bool is_list = false;
  if (b < 0x80) {
    header = 0;
    length = 1;
  } else if (b <= 0xb7) {
    header = 1;
    length = b - 0x80;
    if (length == 1) {
      if (n < 2) return Error::Truncated;
      if (p[1] < 0x80) return Error::SingleByteAsString;
    }
  } else if (b <= 0xbf) {
    size_t len_of_len = b - 0xb7;
    if (Error e = read_long_length(p, n, len_of_len, length); e != Error::Ok) return e;
    header = 1 + len_of_len;
  } else if (b <= 0xf7) {
    is_list = true;
    header = 1;
    length = b - 0xc0;
  } else {
    is_list = true;
    size_t len_of_len = b - 0xf7;
    if (Error e = read_long_length(p, n, len_of_len, length); e != Error::Ok) return e;
    header = 1 + len_of_len;
  }
  if (length > n - header) return Error::Truncated;  // header <= n holds: checked above
  out.is_list = is_list;
  out.payload = p + header;
  out.payload_size = length;
  out.raw = p;
  out.raw_size = header + length;
  consumed = header + length;
  return Error::Ok;
}

Error decode(const uint8_t* p, size_t n, Item& out) {
  size_t consumed = 0;
  if (Error e = decode_prefix(p, n, out, consumed); e != Error::Ok) return e;
  return consumed == n ? Error::Ok : Error::TrailingBytes;
}

Error ListReader::next(Item& out) {
  size_t consumed = 0;
  if (Error e = decode_prefix(p_, size_t(end_ - p_), out, consumed); e != Error::Ok) return e;
  p_ += consumed;
  return Error::Ok;
}

Error list_items(const Item& list, std::vector<Item>& out) {
  out.clear();
  if (!list.is_list) return Error::ExpectedList;
  ListReader reader(list);
  while (!reader.done()) {
    Item it;
    if (Error e = reader.next(it); e != Error::Ok) return e;
    out.push_back(it);
  }
  return Error::Ok;
}

Error list_items(const Item& list, size_t count, std::vector<Item>& out) {
  if (Error e = list_items(list, out); e != Error::Ok) return e;
  return out.size() == count ? Error::Ok : Error::WrongItemCount;
}

Error to_u64(const Item& it, uint64_t& out) {
  if (it.is_list) return Error::ExpectedString;
  if (it.payload_size > 0 && it.payload[0] == 0) return Error::LeadingZero;
  if (it.payload_size > 8) return Error::Overflow;
  uint64_t v = 0;
  for (size_t i = 0; i < it.payload_size; ++i) v = (v << 8) | it.payload[i];
  out = v;
  return Error::Ok;
}

Error to_u256(const Item& it, uint256& out) {
  if (it.is_list) return Error::ExpectedString;
  if (it.payload_size > 0 && it.payload[0] == 0) return Error::LeadingZero;
  if (it.payload_size > 32) return Error::Overflow;
  out = uint256::from_be(it.payload, it.payload_size);
  return Error::Ok;
}

Error to_bytes(const Item& it, Bytes& out) {
  if (it.is_list) return Error::ExpectedString;
  out.assign(it.payload, it.payload + it.payload_size);
  return Error::Ok;
}

Error to_address(const Item& it, Address& out) {
  if (it.is_list) return Error::ExpectedString;
  if (it.payload_size != 20) return Error::WrongSize;
  std::memcpy(out.b, it.payload, 20);
  return Error::Ok;
}

Error to_hash(const Item& it, Hash32& out) {
  if (it.is_list) return Error::ExpectedString;
  if (it.payload_size != 32) return Error::WrongSize;
  std::memcpy(out.b, it.payload, 32);
  return Error::Ok;
}

}  // namespace oneproof::guest::rlp
