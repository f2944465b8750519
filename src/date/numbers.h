// Numbers as dates use them: ASCII digits (full-width ones are folded to ASCII already),
// Chinese numerals (二〇二五, 十一, 廿), Sino-Korean spelled numbers (이천십오) and native
// Korean counts (세, 다섯, 열두). Local to the date grammar: a date needs the digit count
// and leading zeros ("08年" is a year, "8年" a count), which a value-only parser loses.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/utf8.h"

namespace hanfacts::date {

enum class NumForm { kDigits, kHanSequence, kHan, kSinoKorean, kNativeKorean };

struct Num {
  long value = 0;
  size_t end = 0;     // byte after the number
  int digits = 0;     // ASCII digits, or numeral characters of a digit-by-digit sequence
  bool leading_zero = false;
  NumForm form = NumForm::kDigits;
};

// ASCII digits at text[pos] (at most 9). Inline: the parser's number cache then keeps
// the answer in registers, where a call's answer in memory was read back at once by a
// wider load than the stores that wrote it (a store-forwarding stall per number).
inline bool parse_digits(std::string_view text, size_t pos, Num& out) {
  size_t i = pos;
  long v = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - pos < 9) v = v * 10 + (text[i++] - '0');
  if (i == pos) return false;
  out = Num{v, i, static_cast<int>(i - pos), text[pos] == '0' && i - pos > 1, NumForm::kDigits};
  return true;
}
// Chinese numerals: digit-by-digit (二〇二五, 一九九八) or positional up to 9999 (十一,
// 二十, 廿三, 一千).
bool parse_han(std::string_view text, size_t pos, Num& out);
// Sino-Korean spelled numbers (이천십오 = 2015, 삼 = 3).
bool parse_sino_korean(std::string_view text, size_t pos, Num& out);
// Native Korean counts 1..12 and 20 (한 두 세 네 다섯 ... 열두 스무).
bool parse_native_korean(std::string_view text, size_t pos, Num& out);
// False when none of the parsers above can read a number at text[pos]: the first code
// point opens none of their numbers. (True does not promise one.) Defined below.
inline bool may_start_number(std::string_view text, size_t pos);
// Digits or Chinese numerals.
bool parse_number(std::string_view text, size_t pos, Num& out);

// 〇零一二三四五六七八九十廿两: inline, the scan asks at many code points.
// (kHanDigits lists the same set, for tables built from it; a unit test holds them equal.)
constexpr bool is_han_digit(char32_t c) {
  switch (c) {
    case U'〇': case U'零': case U'一': case U'二': case U'三': case U'四': case U'五': case U'六':
    case U'七': case U'八': case U'九': case U'十': case U'廿': case U'两':
      return true;
    default:
      return false;
  }
}
inline constexpr std::u32string_view kHanDigits = U"〇零一二三四五六七八九十廿两";
// The first code points of parse_han's numbers: a digit character, 十, 两, 廿, 百 or 千.
constexpr bool is_han_number_start(char32_t c) { return is_han_digit(c) || c == U'百' || c == U'千'; }
// The same set as a list (kHanDigits and these two).
inline constexpr std::u32string_view kHanNumberStarts = U"〇零一二三四五六七八九十廿两百千";

// The first syllables of parse_sino_korean's numbers.
constexpr bool is_sino_korean_start(char32_t c) {
  switch (c) {
    case U'영': case U'공': case U'일': case U'이': case U'삼': case U'사': case U'오': case U'육':
    case U'칠': case U'팔': case U'구': case U'십': case U'백': case U'천':
      return true;
    default:
      return false;
  }
}
// The first syllables of parse_native_korean's counts.
constexpr bool is_native_korean_start(char32_t c) {
  switch (c) {
    case U'스': case U'열': case U'다': case U'여': case U'일': case U'아': case U'한': case U'두':
    case U'세': case U'네':
      return true;
    default:
      return false;
  }
}

// is_han_number_start, is_sino_korean_start or is_native_korean_start as one bit per BMP
// code point, built at compile time: may_start_number asks before every part that may
// open with a number (about 45,000 times on 4 MB of news), where a table built at first
// use cost a call and a guard check each time. The Han starts come from their list (a
// walk over the Han blocks exceeds clang's constexpr step limit), the Hangul ones from a
// walk over the syllables.
inline constexpr std::array<uint64_t, 1024> kNumberStartBits = [] {
  std::array<uint64_t, 1024> b{};
  for (const char32_t c : kHanNumberStarts) b[c >> 6] |= uint64_t{1} << (c & 63);
  for (char32_t c = 0xAC00; c <= 0xD7A3; ++c)
    if (is_sino_korean_start(c) || is_native_korean_start(c)) b[c >> 6] |= uint64_t{1} << (c & 63);
  return b;
}();

inline bool may_start_number(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  const auto* u = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  if (u[0] < 0x80) return u[0] >= '0' && u[0] <= '9';
  // Every Han and Hangul start above is a three-byte code point.
  if ((u[0] & 0xF0) != 0xE0 || pos + 2 >= text.size()) return false;
  const char32_t c = text::decode3(u);
  return (kNumberStartBits[c >> 6] >> (c & 63)) & 1;
}

}  // namespace hanfacts::date
