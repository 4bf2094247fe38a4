// Little-endian byte encoding for keys and proofs. Field elements are written canonically
// (u32 < p); the reader refuses non-canonical values, lengths that exceed what is left of the
// input (so no allocation is larger than the input itself) and trailing bytes.
#pragma once
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>
#include "field/koalabear.h"
#include "hash/sponge.h"

namespace oneproof::stark {

class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ByteWriter {
 public:
  void u32(uint32_t x) { for (int i = 0; i < 4; ++i) bytes_.push_back(uint8_t(x >> (8 * i))); }
  void fp(field::Fp x) { u32(x.to_u32()); }
  void fp4(const field::Fp4& x) { for (const auto& c : x.c) fp(c); }
  void digest(const hash::Digest& d) { for (const auto& c : d) fp(c); }
  void str(const std::string& s) {
    u32(uint32_t(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  std::vector<uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const uint8_t> in) : in_(in) {}
  uint32_t u32() {
    need(4);
    uint32_t x = 0;
    for (int i = 0; i < 4; ++i) x |= uint32_t(in_[pos_ + i]) << (8 * i);
    pos_ += 4;
    return x;
  }
  field::Fp fp() {
    const uint32_t v = u32();
    if (v >= field::P) throw FormatError("non-canonical field element at byte " + std::to_string(pos_ - 4));
    return field::Fp::from_u32(v);
  }
  field::Fp4 fp4() { field::Fp4 r; for (auto& c : r.c) c = fp(); return r; }
  hash::Digest digest() { hash::Digest d; for (auto& c : d) c = fp(); return d; }
  // A length prefix for items of at least `min_item_bytes` bytes each, checked against the input.
  size_t count(size_t min_item_bytes) {
    const uint32_t n = u32();
    if (min_item_bytes > 0 && uint64_t(n) * min_item_bytes > remaining()) throw FormatError("length prefix exceeds the input");
    return n;
  }
  std::string str(size_t max_len) {
    const size_t n = count(1);
    if (n > max_len) throw FormatError("string too long");
    std::string s(in_.begin() + pos_, in_.begin() + pos_ + n);
    pos_ += n;
    return s;
  }
  size_t remaining() const { return in_.size() - pos_; }
  void finish() const {
    if (pos_ != in_.size()) throw FormatError("trailing bytes after the encoded value");
  }

 private:
  void need(size_t n) const {
    if (in_.size() - pos_ < n) throw FormatError("input truncated");
  }
  std::span<const uint8_t> in_;
  size_t pos_ = 0;
};

}  // namespace oneproof::stark
