// Numerals in Korean and Chinese text: the shared parser behind MONEY and DATE.
//
//   for (const numeral::Numeral& n : numeral::find_numerals(text::fold("12조600억 원")))
//     n.value.to_string();   // "12060000000000"
//
// Values are exact decimals (no floating point). Input is folded text (text/fold.h):
// full-width digits are already ASCII and 萬/億/兩 are already 万/亿/两.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hanfacts::numeral {

// GCC and Clang's 128-bit integer (__extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 Int128;

// An exact decimal: mantissa / 10^scale. 128 bits hold every amount news prints
// (10^20 with 18 decimals) with room to spare.
struct Decimal {
  Int128 mantissa = 0;
  int scale = 0;
  // Plain decimal, no exponent, no trailing zeros after the point: "1500000000000", "1.5".
  std::string to_string() const;
  friend bool operator==(const Decimal& a, const Decimal& b);
};

struct Numeral {
  size_t start = 0, end = 0;  // bytes in the scanned text, end exclusive
  Decimal low;                // the value, or the low end of a range
  Decimal high;               // == low unless this is a range (십几亿, 수십억, 3~5万)
  bool approx = false;        // vague counts (수십, 几十, 数百)
  bool is_range() const { return !(low == high); }
  // "LOW" or "LOW..HIGH".
  std::string value_string() const;
};

// Every numeral in `text`, leftmost-longest, not overlapping, in text order.
std::vector<Numeral> find_numerals(std::string_view text);

}  // namespace hanfacts::numeral
