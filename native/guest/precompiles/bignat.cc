#include "guest/precompiles/bignat.h"

namespace oneproof::guest::precompiles::bignat {
namespace {

void trim(Nat& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

// Montgomery arithmetic modulo an odd m of k limbs, on k-limb vectors (values < m).
class Montgomery {
 public:
  explicit Montgomery(const Nat& m) : m_(m), k_(m.size()) {
    uint32_t inv = 1;
    for (int i = 0; i < 5; ++i) inv *= 2 - m_[0] * inv;
    n0inv_ = uint32_t(0) - inv;
  }
  // x * 2^(32k) mod m, padded to k limbs.
  Nat to_mont(const Nat& x) const {
    Nat shifted(k_, 0);
    shifted.insert(shifted.end(), x.begin(), x.end());
    trim(shifted);
    return pad(mod(shifted, m_));
  }
  Nat from_mont(const Nat& x) const {
    Nat one(k_, 0);
    one[0] = 1;
    Nat r = mul(x, one);
    trim(r);
    return r;
  }
  Nat one() const {
    Nat r(k_, 0);
    r.push_back(1);
    return pad(mod(r, m_));
  }
  // CIOS: a * b * 2^(-32k) mod m.
  Nat mul(const Nat& a, const Nat& b) const {
    std::vector<uint32_t> t(k_ + 2, 0);
    for (size_t i = 0; i < k_; ++i) {
      uint64_t carry = 0;
      for (size_t j = 0; j < k_; ++j) {
        uint64_t s = uint64_t(a[j]) * b[i] + t[j] + carry;
        t[j] = uint32_t(s);
        carry = s >> 32;
      }
      uint64_t s = uint64_t(t[k_]) + carry;
      t[k_] = uint32_t(s);
      t[k_ + 1] = uint32_t(s >> 32);
      uint32_t q = t[0] * n0inv_;
      s = uint64_t(q) * m_[0] + t[0];
      carry = s >> 32;
      for (size_t j = 1; j < k_; ++j) {
        s = uint64_t(q) * m_[j] + t[j] + carry;
        t[j - 1] = uint32_t(s);
        carry = s >> 32;
      }
      s = uint64_t(t[k_]) + carry;
      t[k_ - 1] = uint32_t(s);
      t[k_] = t[k_ + 1] + uint32_t(s >> 32);
    }
    Nat r(t.begin(), t.begin() + std::ptrdiff_t(k_));
    if (t[k_] || !less(r, m_)) subtract(r, m_);
    return r;
  }

 private:
  Nat pad(Nat x) const {
    x.resize(k_, 0);
    return x;
  }
  static bool less(const Nat& a, const Nat& b) {  // same length
    for (size_t i = a.size(); i-- > 0;)
      if (a[i] != b[i]) return a[i] < b[i];
    return false;
  }
  static void subtract(Nat& a, const Nat& b) {
    uint64_t borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      uint64_t d = uint64_t(a[i]) - b[i] - borrow;
      a[i] = uint32_t(d);
      borrow = (d >> 32) & 1;
    }
  }
  const Nat& m_;
  size_t k_;
  uint32_t n0inv_;
};

}  // namespace

Nat from_be(const uint8_t* p, size_t n) {
  Nat r((n + 3) / 4, 0);
  for (size_t i = 0; i < n; ++i) {
    size_t bit = (n - 1 - i) * 8;
    r[bit / 32] |= uint32_t(p[i]) << (bit % 32);
  }
  trim(r);
  return r;
}

void to_be(const Nat& a, uint8_t* out, size_t len) {
  for (size_t i = 0; i < len; ++i) {
    size_t byte = len - 1 - i;  // significance of out[i]
    size_t limb = byte / 4;
    out[i] = limb < a.size() ? uint8_t(a[limb] >> (8 * (byte % 4))) : 0;
  }
}

bool is_zero(const Nat& a) { return a.empty(); }
bool is_one(const Nat& a) { return a.size() == 1 && a[0] == 1; }

Nat mul(const Nat& a, const Nat& b) {
  if (a.empty() || b.empty()) return {};
  Nat r(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      uint64_t s = uint64_t(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = uint32_t(s);
      carry = s >> 32;
    }
    r[i + b.size()] = uint32_t(carry);
  }
  trim(r);
  return r;
}

Nat mod(const Nat& a, const Nat& m) {
  size_t n = m.size();
  if (a.size() < n) return a;
  if (n == 1) {
    uint64_t r = 0;
    for (size_t i = a.size(); i-- > 0;) r = ((r << 32) | a[i]) % m[0];
    Nat out{uint32_t(r)};
    trim(out);
    return out;
  }
  // Normalise so the divisor's top limb has its high bit set.
  unsigned s = unsigned(__builtin_clz(m[n - 1]));
  Nat v(n), u(a.size() + 1);
  for (size_t i = n; i-- > 0;) v[i] = (m[i] << s) | (s && i > 0 ? m[i - 1] >> (32 - s) : 0);
  u[a.size()] = s ? a.back() >> (32 - s) : 0;
  for (size_t i = a.size(); i-- > 0;) u[i] = (a[i] << s) | (s && i > 0 ? a[i - 1] >> (32 - s) : 0);
  for (size_t j = a.size() - n + 1; j-- > 0;) {
    uint64_t num = (uint64_t(u[j + n]) << 32) | u[j + n - 1];
    uint64_t qhat = num / v[n - 1], rhat = num % v[n - 1];
    while (qhat >> 32 || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      --qhat;
      rhat += v[n - 1];
      if (rhat >> 32) break;
    }
    // u[j..j+n] -= qhat * v
    int64_t borrow = 0;
    uint64_t carry = 0;
    for (size_t i = 0; i < n; ++i) {
      uint64_t p = qhat * v[i] + carry;
      carry = p >> 32;
      int64_t t = int64_t(u[i + j]) - borrow - int64_t(uint32_t(p));
      u[i + j] = uint32_t(t);
      borrow = t < 0 ? 1 : 0;
    }
    int64_t t = int64_t(u[j + n]) - borrow - int64_t(carry);
    u[j + n] = uint32_t(t);
    if (t < 0) {  // qhat was one too large: add v back
      uint64_t c = 0;
      for (size_t i = 0; i < n; ++i) {
        uint64_t sum = uint64_t(u[i + j]) + v[i] + c;
        u[i + j] = uint32_t(sum);
        c = sum >> 32;
      }
      u[j + n] += uint32_t(c);
    }
  }
  Nat r(n);
  for (size_t i = 0; i < n; ++i) r[i] = (u[i] >> s) | (s ? u[i + 1] << (32 - s) : 0);
  trim(r);
  return r;
}

Nat pow_mod(const Nat& base, const ExponentBytes& exp, const Nat& m) {
  if (is_one(m)) return {};
  size_t first = 0;
  while (first < exp.size() && exp[first] == 0) ++first;
  if (first == exp.size()) return Nat{1};  // x^0 = 1 (m > 1)
  Nat b = mod(base, m);
  if (b.empty()) return {};
  if (m[0] & 1) {
    Montgomery mont(m);
    Nat x = mont.one(), bm = mont.to_mont(b);
    for (size_t i = first; i < exp.size(); ++i)
      for (int bit = 7; bit >= 0; --bit) {
        x = mont.mul(x, x);
        if ((exp[i] >> bit) & 1) x = mont.mul(x, bm);
      }
    return mont.from_mont(x);
  }
  // Even modulus: plain multiply-and-reduce.
  Nat x{1};
  for (size_t i = first; i < exp.size(); ++i)
    for (int bit = 7; bit >= 0; --bit) {
      x = mod(mul(x, x), m);
      if ((exp[i] >> bit) & 1) x = mod(mul(x, b), m);
    }
  return x;
}

}  // namespace oneproof::guest::precompiles::bignat
