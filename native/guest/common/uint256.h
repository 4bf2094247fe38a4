// A 256-bit unsigned integer for the EVM: four 64-bit limbs, least significant first.
// Portable to rv32im: no floating point, no exceptions, and no `unsigned __int128` unless the
// target has it natively (64-bit hosts); the 64x64->128 product falls back to 32-bit halves.
// Division is Knuth's algorithm D over 32-bit digits, which also serves the 512-bit
// intermediate of mulmod.
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest {

#if defined(__SIZEOF_INT128__) && !defined(__riscv)
#define OP_U256_HAVE_INT128 1
#endif

struct uint256 {
  uint64_t w[4] = {0, 0, 0, 0};  // little-endian limbs: w[0] is the least significant

  constexpr uint256() = default;
  constexpr uint256(uint64_t v) : w{v, 0, 0, 0} {}  // NOLINT: implicit on purpose (literals)
  constexpr uint256(uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3) : w{w0, w1, w2, w3} {}

  static constexpr uint256 max() { return {~0ull, ~0ull, ~0ull, ~0ull}; }

  constexpr bool is_zero() const { return (w[0] | w[1] | w[2] | w[3]) == 0; }
  constexpr explicit operator bool() const { return !is_zero(); }
  // True when the value fits in 64 bits (then low64() is the value).
  constexpr bool fits_u64() const { return (w[1] | w[2] | w[3]) == 0; }
  constexpr uint64_t low64() const { return w[0]; }

  // Big-endian bytes: n <= 32 bytes, left-padded with zeros (longer input keeps the low 32 bytes).
  static uint256 from_be(const uint8_t* p, size_t n) {
    uint256 r;
    if (n > 32) { p += n - 32; n = 32; }
    for (size_t i = 0; i < n; ++i) {
      size_t bit = (n - 1 - i) * 8;
      r.w[bit / 64] |= uint64_t(p[i]) << (bit % 64);
    }
    return r;
  }
  void to_be(uint8_t out[32]) const {
    for (int i = 0; i < 32; ++i) out[31 - i] = uint8_t(w[i / 8] >> ((i % 8) * 8));
  }
  // Parses "0x..." or plain hex (at most 64 digits). Returns false on bad characters or overflow.
  static bool from_hex(const char* s, size_t n, uint256& out) {
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { s += 2; n -= 2; }
    while (n > 0 && *s == '0') { ++s; --n; }
    if (n > 64) return false;
    uint256 r;
    for (size_t i = 0; i < n; ++i) {
      char c = s[i];
      uint64_t d;
      if (c >= '0' && c <= '9') d = uint64_t(c - '0');
      else if (c >= 'a' && c <= 'f') d = uint64_t(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') d = uint64_t(c - 'A' + 10);
      else return false;
      size_t bit = (n - 1 - i) * 4;
      r.w[bit / 64] |= d << (bit % 64);
    }
    out = r;
    return true;
  }

  // Number of significant bits (0 for zero).
  constexpr unsigned bit_width() const {
    for (int i = 3; i >= 0; --i)
      if (w[i]) return unsigned(i * 64 + 64 - __builtin_clzll(w[i]));
    return 0;
  }
  constexpr unsigned count_leading_zeros() const { return 256 - bit_width(); }
  constexpr bool bit(unsigned i) const { return i < 256 && ((w[i / 64] >> (i % 64)) & 1); }
  constexpr bool is_negative() const { return (w[3] >> 63) != 0; }  // two's complement sign
};

// ---- comparison -------------------------------------------------------------------------------
constexpr bool operator==(const uint256& a, const uint256& b) {
  return a.w[0] == b.w[0] && a.w[1] == b.w[1] && a.w[2] == b.w[2] && a.w[3] == b.w[3];
}
constexpr bool operator!=(const uint256& a, const uint256& b) { return !(a == b); }
constexpr bool operator<(const uint256& a, const uint256& b) {
  for (int i = 3; i >= 0; --i)
    if (a.w[i] != b.w[i]) return a.w[i] < b.w[i];
  return false;
}
constexpr bool operator>(const uint256& a, const uint256& b) { return b < a; }
constexpr bool operator<=(const uint256& a, const uint256& b) { return !(b < a); }
constexpr bool operator>=(const uint256& a, const uint256& b) { return !(a < b); }
// Signed (two's complement) comparison for SLT/SGT.
constexpr bool slt(const uint256& a, const uint256& b) {
  bool na = a.is_negative(), nb = b.is_negative();
  if (na != nb) return na;
  return a < b;
}

// ---- bitwise ----------------------------------------------------------------------------------
constexpr uint256 operator&(const uint256& a, const uint256& b) {
  return {a.w[0] & b.w[0], a.w[1] & b.w[1], a.w[2] & b.w[2], a.w[3] & b.w[3]};
}
constexpr uint256 operator|(const uint256& a, const uint256& b) {
  return {a.w[0] | b.w[0], a.w[1] | b.w[1], a.w[2] | b.w[2], a.w[3] | b.w[3]};
}
constexpr uint256 operator^(const uint256& a, const uint256& b) {
  return {a.w[0] ^ b.w[0], a.w[1] ^ b.w[1], a.w[2] ^ b.w[2], a.w[3] ^ b.w[3]};
}
constexpr uint256 operator~(const uint256& a) { return {~a.w[0], ~a.w[1], ~a.w[2], ~a.w[3]}; }

constexpr uint256 operator<<(const uint256& a, unsigned s) {
  if (s >= 256) return {};
  uint256 r;
  unsigned limbs = s / 64, bits = s % 64;
  for (int i = 3; i >= int(limbs); --i) {
    uint64_t v = a.w[i - limbs] << bits;
    if (bits && i - int(limbs) - 1 >= 0) v |= a.w[i - limbs - 1] >> (64 - bits);
    r.w[i] = v;
  }
  return r;
}
constexpr uint256 operator>>(const uint256& a, unsigned s) {
  if (s >= 256) return {};
  uint256 r;
  unsigned limbs = s / 64, bits = s % 64;
  for (unsigned i = 0; i + limbs < 4; ++i) {
    uint64_t v = a.w[i + limbs] >> bits;
    if (bits && i + limbs + 1 < 4) v |= a.w[i + limbs + 1] << (64 - bits);
    r.w[i] = v;
  }
  return r;
}
// Shift amounts as 256-bit values (EVM SHL/SHR/SAR take a full word).
inline uint256 shl(const uint256& shift, const uint256& v) {
  return shift.fits_u64() && shift.w[0] < 256 ? v << unsigned(shift.w[0]) : uint256{};
}
inline uint256 shr(const uint256& shift, const uint256& v) {
  return shift.fits_u64() && shift.w[0] < 256 ? v >> unsigned(shift.w[0]) : uint256{};
}
inline uint256 sar(const uint256& shift, const uint256& v) {
  bool neg = v.is_negative();
  if (!shift.fits_u64() || shift.w[0] >= 256) return neg ? uint256::max() : uint256{};
  unsigned s = unsigned(shift.w[0]);
  uint256 r = v >> s;
  if (neg && s > 0) r = r | ~(uint256::max() >> s);
  return r;
}

// ---- add / sub --------------------------------------------------------------------------------
// a + b, with the carry out in *carry (0 or 1).
inline uint256 add_carry(const uint256& a, const uint256& b, bool* carry) {
  uint256 r;
  uint64_t c = 0;
  for (int i = 0; i < 4; ++i) {
    uint64_t s = a.w[i] + b.w[i];
    uint64_t c1 = s < a.w[i];
    uint64_t t = s + c;
    uint64_t c2 = t < s;
    r.w[i] = t;
    c = c1 | c2;
  }
  if (carry) *carry = c != 0;
  return r;
}
// a - b, with the borrow out in *borrow.
inline uint256 sub_borrow(const uint256& a, const uint256& b, bool* borrow) {
  uint256 r;
  uint64_t br = 0;
  for (int i = 0; i < 4; ++i) {
    uint64_t d = a.w[i] - b.w[i];
    uint64_t b1 = a.w[i] < b.w[i];
    uint64_t t = d - br;
    uint64_t b2 = d < br;
    r.w[i] = t;
    br = b1 | b2;
  }
  if (borrow) *borrow = br != 0;
  return r;
}
inline uint256 operator+(const uint256& a, const uint256& b) { return add_carry(a, b, nullptr); }
inline uint256 operator-(const uint256& a, const uint256& b) { return sub_borrow(a, b, nullptr); }
inline uint256 operator-(const uint256& a) { return uint256{} - a; }
inline uint256& operator+=(uint256& a, const uint256& b) { return a = a + b; }
inline uint256& operator-=(uint256& a, const uint256& b) { return a = a - b; }

// ---- multiplication ---------------------------------------------------------------------------
namespace u256_detail {
// 64x64 -> 128 as (hi, lo).
inline void mul64(uint64_t a, uint64_t b, uint64_t& hi, uint64_t& lo) {
#ifdef OP_U256_HAVE_INT128
  unsigned __int128 p = (unsigned __int128)a * b;
  lo = uint64_t(p);
  hi = uint64_t(p >> 64);
#else
  uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  lo = (p00 & 0xffffffffu) | (mid << 32);
  hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
#endif
}
}  // namespace u256_detail

// Full product: out[0..8) little-endian limbs.
inline void mul_full(const uint256& a, const uint256& b, uint64_t out[8]) {
  for (int i = 0; i < 8; ++i) out[i] = 0;
  for (int i = 0; i < 4; ++i) {
    uint64_t carry = 0;
    if (a.w[i] == 0) continue;
    for (int j = 0; j < 4; ++j) {
      uint64_t hi, lo;
      u256_detail::mul64(a.w[i], b.w[j], hi, lo);
      uint64_t s = out[i + j] + lo;
      hi += s < lo;
      uint64_t t = s + carry;
      hi += t < s;
      out[i + j] = t;
      carry = hi;
    }
    out[i + 4] = carry;
  }
}
// Product modulo 2^256 (skips the upper half).
inline uint256 operator*(const uint256& a, const uint256& b) {
  uint256 r;
  for (int i = 0; i < 4; ++i) {
    uint64_t carry = 0;
    if (a.w[i] == 0) continue;
    for (int j = 0; i + j < 4; ++j) {
      uint64_t hi, lo;
      u256_detail::mul64(a.w[i], b.w[j], hi, lo);
      uint64_t s = r.w[i + j] + lo;
      hi += s < lo;
      uint64_t t = s + carry;
      hi += t < s;
      r.w[i + j] = t;
      carry = hi;
    }
  }
  return r;
}
inline uint256& operator*=(uint256& a, const uint256& b) { return a = a * b; }

// Saturating forms for consensus arithmetic whose true value may exceed 256 bits (transaction
// cost bounds, blob fees): the result is min(true value, 2^256 - 1).
inline uint256 add_saturating(const uint256& a, const uint256& b) {
  bool carry;
  uint256 r = add_carry(a, b, &carry);
  return carry ? uint256::max() : r;
}
inline uint256 mul_saturating(const uint256& a, const uint256& b) {
  uint64_t p[8];
  mul_full(a, b, p);
  if (p[4] | p[5] | p[6] | p[7]) return uint256::max();
  return uint256(p[0], p[1], p[2], p[3]);
}

// ---- division ---------------------------------------------------------------------------------
namespace u256_detail {
// Knuth algorithm D on 32-bit digits (little-endian). u has m digits, v has n digits with
// v[n-1] != 0, n >= 1, m >= n. Writes quotient q[0..m-n] and remainder r[0..n). Arrays are
// small and fixed (at most 16 digits for the 512-bit case), so the stack stays tiny.
inline void divmod_digits(const uint32_t* u, int m, const uint32_t* v, int n, uint32_t* q, uint32_t* r) {
  if (n == 1) {
    uint64_t rem = 0;
    for (int i = m - 1; i >= 0; --i) {
      uint64_t cur = (rem << 32) | u[i];
      q[i] = uint32_t(cur / v[0]);
      rem = cur % v[0];
    }
    r[0] = uint32_t(rem);
    return;
  }
  int s = __builtin_clz(v[n - 1]);
  uint32_t vn[16], un[17];
  for (int i = n - 1; i > 0; --i) vn[i] = (v[i] << s) | (s ? uint32_t(uint64_t(v[i - 1]) >> (32 - s)) : 0);
  vn[0] = v[0] << s;
  un[m] = s ? uint32_t(uint64_t(u[m - 1]) >> (32 - s)) : 0;
  for (int i = m - 1; i > 0; --i) un[i] = (u[i] << s) | (s ? uint32_t(uint64_t(u[i - 1]) >> (32 - s)) : 0);
  un[0] = u[0] << s;
  const uint64_t base = 1ull << 32;
  for (int j = m - n; j >= 0; --j) {
    uint64_t num = (uint64_t(un[j + n]) << 32) | un[j + n - 1];
    uint64_t qhat = num / vn[n - 1];
    uint64_t rhat = num % vn[n - 1];
    while (qhat >= base || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
      --qhat;
      rhat += vn[n - 1];
      if (rhat >= base) break;
    }
    int64_t borrow = 0;
    uint64_t carry = 0;
    for (int i = 0; i < n; ++i) {
      uint64_t p = qhat * vn[i] + carry;
      carry = p >> 32;
      int64_t t = int64_t(un[i + j]) - borrow - int64_t(p & 0xffffffffu);
      un[i + j] = uint32_t(t);
      borrow = t < 0 ? 1 : 0;
    }
    int64_t t = int64_t(un[j + n]) - borrow - int64_t(carry);
    un[j + n] = uint32_t(t);
    if (t < 0) {  // qhat was one too large: add v back
      --qhat;
      uint64_t c = 0;
      for (int i = 0; i < n; ++i) {
        uint64_t sum = uint64_t(un[i + j]) + vn[i] + c;
        un[i + j] = uint32_t(sum);
        c = sum >> 32;
      }
      un[j + n] = uint32_t(uint64_t(un[j + n]) + c);
    }
    q[j] = uint32_t(qhat);
  }
  for (int i = 0; i < n; ++i)
    r[i] = s ? (un[i] >> s) | uint32_t(uint64_t(un[i + 1]) << (32 - s)) : un[i];
}

inline int to_digits(const uint64_t* limbs, int nlimbs, uint32_t* d) {
  int n = 0;
  for (int i = 0; i < nlimbs; ++i) {
    d[2 * i] = uint32_t(limbs[i]);
    d[2 * i + 1] = uint32_t(limbs[i] >> 32);
  }
  for (int i = 2 * nlimbs - 1; i >= 0; --i)
    if (d[i]) { n = i + 1; break; }
  return n;
}
inline uint256 from_digits(const uint32_t* d, int n) {
  uint256 r;
  for (int i = 0; i < n && i < 8; ++i) r.w[i / 2] |= uint64_t(d[i]) << ((i % 2) * 32);
  return r;
}

// (u as `nlimbs` 64-bit limbs) divided by d (nonzero): quotient low 256 bits and remainder.
inline void divmod_limbs(const uint64_t* u, int nlimbs, const uint256& d, uint256* quot, uint256* rem) {
  uint32_t ud[16], vd[8], qd[16] = {0}, rd[8] = {0};
  int m = to_digits(u, nlimbs, ud);
  int n = to_digits(d.w, 4, vd);
  if (m < n) {  // dividend smaller than divisor
    if (quot) *quot = uint256{};
    if (rem) *rem = from_digits(ud, m);
    return;
  }
  divmod_digits(ud, m, vd, n, qd, rd);
  if (quot) *quot = from_digits(qd, m - n + 1);
  if (rem) *rem = from_digits(rd, n);
}
}  // namespace u256_detail

// EVM semantics: division by zero yields zero.
inline void divmod(const uint256& a, const uint256& b, uint256* q, uint256* r) {
  if (b.is_zero()) { if (q) *q = {}; if (r) *r = {}; return; }
  if (a.fits_u64() && b.fits_u64()) {
    if (q) *q = uint256(a.w[0] / b.w[0]);
    if (r) *r = uint256(a.w[0] % b.w[0]);
    return;
  }
  if (a < b) { if (q) *q = {}; if (r) *r = a; return; }
  u256_detail::divmod_limbs(a.w, 4, b, q, r);
}
inline uint256 operator/(const uint256& a, const uint256& b) { uint256 q; divmod(a, b, &q, nullptr); return q; }
inline uint256 operator%(const uint256& a, const uint256& b) { uint256 r; divmod(a, b, nullptr, &r); return r; }

// Signed division (SDIV): truncates toward zero; -2^255 / -1 = -2^255 (wraps).
inline uint256 sdiv(const uint256& a, const uint256& b) {
  if (b.is_zero()) return {};
  bool na = a.is_negative(), nb = b.is_negative();
  uint256 q = (na ? -a : a) / (nb ? -b : b);
  return na != nb ? -q : q;
}
// Signed modulo (SMOD): the result takes the sign of the dividend.
inline uint256 smod(const uint256& a, const uint256& b) {
  if (b.is_zero()) return {};
  bool na = a.is_negative(), nb = b.is_negative();
  uint256 r = (na ? -a : a) % (nb ? -b : b);
  return na ? -r : r;
}
// (a + b) mod m over the 257-bit sum; m = 0 gives 0.
inline uint256 addmod(const uint256& a, const uint256& b, const uint256& m) {
  if (m.is_zero()) return {};
  bool carry;
  uint256 s = add_carry(a, b, &carry);
  if (!carry) return s % m;
  uint64_t u[5] = {s.w[0], s.w[1], s.w[2], s.w[3], 1};
  uint256 r;
  u256_detail::divmod_limbs(u, 5, m, nullptr, &r);
  return r;
}
// (a * b) mod m over the 512-bit product; m = 0 gives 0.
inline uint256 mulmod(const uint256& a, const uint256& b, const uint256& m) {
  if (m.is_zero()) return {};
  uint64_t p[8];
  mul_full(a, b, p);
  uint256 r;
  u256_detail::divmod_limbs(p, 8, m, nullptr, &r);
  return r;
}
// base ^ exponent mod 2^256 (square and multiply from the top bit).
inline uint256 exp(const uint256& base, const uint256& exponent) {
  uint256 result = 1;
  for (int i = int(exponent.bit_width()) - 1; i >= 0; --i) {
    result = result * result;
    if (exponent.bit(unsigned(i))) result = result * base;
  }
  return result;
}
// BYTE: the i-th byte counting from the most significant; 0 when i >= 32.
inline uint256 byte_at(const uint256& i, const uint256& v) {
  if (!i.fits_u64() || i.w[0] >= 32) return {};
  unsigned bit = unsigned(31 - i.w[0]) * 8;
  return uint256((v.w[bit / 64] >> (bit % 64)) & 0xff);
}
// SIGNEXTEND: extends the sign bit of byte b (0 = least significant); unchanged when b >= 31.
inline uint256 signextend(const uint256& b, const uint256& v) {
  if (!b.fits_u64() || b.w[0] >= 31) return v;
  unsigned sign_bit = unsigned(b.w[0]) * 8 + 7;
  uint256 mask = (uint256(1) << (sign_bit + 1)) - uint256(1);
  return v.bit(sign_bit) ? (v | ~mask) : (v & mask);
}

}  // namespace oneproof::guest
