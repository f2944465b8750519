// Exact decimal arithmetic on a 128-bit mantissa (numeral/numeral.h).
#include <algorithm>
#include <array>
#include <cstring>

#include "numeral/numeral.h"

namespace hanfacts::numeral {
namespace {

// Mantissas stay below 10^36 so that one more multiplication by 10 or a small factor
// never wraps around.
constexpr Int128 pow10_i128(int n) {
  Int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}
constexpr Int128 kLimit = pow10_i128(36);

// "00" "01" ... "99": two digits per table load when writing a number.
constexpr auto kDigitPairs = [] {
  std::array<char, 200> a{};
  for (int i = 0; i < 100; ++i) a[2 * i] = static_cast<char>('0' + i / 10), a[2 * i + 1] = static_cast<char>('0' + i % 10);
  return a;
}();

// 10^k and the largest mantissa that may be multiplied by it, k = 0..36.
struct Pow10Table {
  Int128 pow[37] = {};
  Int128 max_factor[37] = {};
  constexpr Pow10Table() {
    for (int k = 0; k <= 36; ++k) {
      pow[k] = pow10_i128(k);
      max_factor[k] = kLimit / pow[k];
    }
  }
};
constexpr Pow10Table kPow10;

Int128 abs128(Int128 v) { return v < 0 ? -v : v; }

bool fits(Int128 v) { return abs128(v) < kLimit; }

// Brings a and b to the same scale (the larger one).
bool align(Decimal& a, Decimal& b) {
  while (a.scale < b.scale) {
    if (!fits(a.mantissa * 10)) return false;
    a.mantissa *= 10;
    ++a.scale;
  }
  while (b.scale < a.scale) {
    if (!fits(b.mantissa * 10)) return false;
    b.mantissa *= 10;
    ++b.scale;
  }
  return true;
}

}  // namespace

// Same scale is handled inline (numeral.h): the values are equal exactly when the
// mantissas are (no normalizing).
bool Decimal::equal_any(const Decimal& a, const Decimal& b) {
  Decimal x = a.normalized(), y = b.normalized();
  return x.mantissa == y.mantissa && x.scale == y.scale;
}

bool Decimal::less_any(const Decimal& a, const Decimal& b) {
  Decimal x = a, y = b;
  if (!align(x, y)) return x.to_double() < y.to_double();
  return x.mantissa < y.mantissa;
}

Decimal Decimal::normalized() const {
  Decimal d = *this;
  while (d.scale > 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    --d.scale;
  }
  if (d.mantissa == 0) d.scale = 0;
  return d;
}

std::string Decimal::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

void Decimal::append_to(std::string& out) const {
  if (scale == 0 && mantissa >= 0 && mantissa <= static_cast<Int128>(~0ULL)) {  // most amounts
    // Written backwards. Amounts are mostly a few digits and a run of zeros (794억 =
    // 79400000000): whole blocks of four zeros are stored first, then two digits at a
    // time (division by a constant is a multiplication).
    unsigned long long v = static_cast<unsigned long long>(mantissa);
    char buf[24];
    char* const end = buf + sizeof buf;
    char* p = end;
    if (v == 0) *--p = '0';
    for (; v != 0 && v % 10000 == 0; v /= 10000) p -= 4, std::memcpy(p, "0000", 4);
    for (; v >= 100; v /= 100) p -= 2, std::memcpy(p, kDigitPairs.data() + 2 * (v % 100), 2);
    if (v >= 10) p -= 2, std::memcpy(p, kDigitPairs.data() + 2 * v, 2);
    else if (v > 0) *--p = static_cast<char>('0' + v);
    out.append(p, static_cast<size_t>(end - p));
    return;
  }
  Decimal d = normalized();
  const bool neg = d.mantissa < 0;
  Int128 m = abs128(d.mantissa);
  // Digits are written backwards into a buffer (at most 39 digits, a point, a sign and
  // leading zeros up to the scale, which arithmetic keeps far below 100), then copied.
  char buf[192];
  char* const end = buf + sizeof buf;
  char* p = end;
  int written = 0;
  auto put = [&](char c) {
    *--p = c;
    if (++written == d.scale) *--p = '.';
  };
  // 128-bit division is a library call; peel 18-digit chunks off with one division each
  // and format them in 64-bit arithmetic (every amount below 1.8e19 takes only this).
  constexpr unsigned long long kChunk = 1000000000000000000ULL;  // 10^18
  while (m > static_cast<Int128>(~0ULL)) {
    unsigned long long low = static_cast<unsigned long long>(m % kChunk);
    m /= kChunk;
    for (int k = 0; k < 18; ++k, low /= 10) put(static_cast<char>('0' + low % 10));
  }
  unsigned long long v = static_cast<unsigned long long>(m);
  do {
    put(static_cast<char>('0' + v % 10));
    v /= 10;
  } while (v > 0);
  while (written <= d.scale) put('0');  // 0.05: zeros up to the point and one before it
  if (neg) *--p = '-';
  out.append(p, static_cast<size_t>(end - p));
}

double Decimal::to_double() const {
  double v = static_cast<double>(mantissa);
  for (int i = 0; i < scale; ++i) v /= 10;
  return v;
}

Decimal detail::add_any(const Decimal& a, const Decimal& b, bool& ok) {
  if (a.scale == 0 && b.scale == 0) {  // whole numbers: most of what numerals add
    const Int128 m = a.mantissa + b.mantissa;
    if (fits(a.mantissa) && fits(b.mantissa) && fits(m)) return Decimal{m, 0};
    ok = false;
    return {};
  }
  Decimal x = a, y = b;
  if (!align(x, y) || !fits(x.mantissa + y.mantissa)) {
    ok = false;
    return {};
  }
  return Decimal{x.mantissa + y.mantissa, x.scale}.normalized();
}

Decimal sub(const Decimal& a, const Decimal& b, bool& ok) { return add(a, Decimal{-b.mantissa, b.scale}, ok); }

Decimal mul(const Decimal& a, const Decimal& b, bool& ok) {
  Decimal x = a.normalized(), y = b.normalized();
  if (x.mantissa == 0 || y.mantissa == 0) return {};
  if (abs128(x.mantissa) >= kLimit / abs128(y.mantissa)) {
    ok = false;
    return {};
  }
  return Decimal{x.mantissa * y.mantissa, x.scale + y.scale}.normalized();
}

Decimal detail::mul_pow10_any(const Decimal& a, int exp10, bool& ok) {
  Decimal d = a;
  if (exp10 < 0) {
    d.scale -= exp10;
    if (d.scale > 60) ok = false;
    return d.normalized();
  }
  if (d.scale == 0 && exp10 <= 36) {  // one multiplication: 5 x 10^8 for 5亿
    if (abs128(d.mantissa) >= kPow10.max_factor[exp10]) {
      ok = false;
      return {};
    }
    return Decimal{d.mantissa * kPow10.pow[exp10], 0};
  }
  for (int i = 0; i < exp10; ++i) {
    if (d.scale > 0) {
      --d.scale;
    } else {
      if (!fits(d.mantissa * 10)) {
        ok = false;
        return {};
      }
      d.mantissa *= 10;
    }
  }
  return d.normalized();
}

Decimal div(const Decimal& a, const Decimal& b, bool& ok) {
  Decimal x = a.normalized(), y = b.normalized();
  if (y.mantissa == 0) {
    ok = false;
    return {};
  }
  // x/y = (xm / ym) * 10^(ys - xs); compute xm * 10^k / ym with k as large as fits.
  const bool neg = (x.mantissa < 0) != (y.mantissa < 0);
  Int128 num = abs128(x.mantissa), den = abs128(y.mantissa);
  int k = 0;
  while (k < 20 && num < kLimit / 10) {
    num *= 10;
    ++k;
  }
  Int128 q = num / den;
  if ((num % den) * 2 >= den) ++q;  // round half up
  Decimal r{neg ? -q : q, x.scale - y.scale + k};
  if (r.scale < 0) r = mul_pow10(Decimal{r.mantissa, 0}, -r.scale, ok);
  // Keep at most 20 decimals.
  while (r.scale > 20) {
    const Int128 rem = r.mantissa % 10;
    r.mantissa /= 10;
    if (abs128(rem) >= 5) r.mantissa += r.mantissa < 0 ? -1 : 1;
    --r.scale;
  }
  return r.normalized();
}

std::string Numeral::value_string() const {
  return is_range() ? low.to_string() + ".." + high.to_string() : low.to_string();
}

}  // namespace hanfacts::numeral
