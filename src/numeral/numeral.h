// Numerals in Korean and Chinese text: the shared parser behind MONEY and DATE.
//
//   for (const numeral::Numeral& n : numeral::find_numerals(text::fold("12조600억 원")))
//     n.value_string();   // "12060000000000"
//
//   // At a known position (what recognizers use): the longest numeral starting there.
//   numeral::ParseOptions o = numeral::ParseOptions::for_dates();
//   if (auto n = numeral::parse_numeral_at(text, pos, o)) use(n->low, n->end);
//
// Values are exact decimals (no floating point). Input is folded text (text/fold.h):
// full-width digits are already ASCII and 萬/億/兩/點/負/貳 are already 万/亿/两/点/负/贰.
//
// What is a numeral (each form can be switched off in ParseOptions):
//   Arabic       1,234,567  1.5  .77  1 234 567 (space groups of three)  1e10  2^5  40k
//   Korean       삼천오백만  일억이 (= 100000002: Korean never elides)  12조600억  3만8210
//                2억 4천 4백만  4천3백21  322백  1.5조  삼점사 (3.4)  마이너스 3
//                native 하나 둘 … 스물여섯 아흔아홉, attributive 한 두 세 네 스무
//   Chinese      一千零五十  两千四百五 (= 2450: a trailing digit after 百/千/万 is one
//                unit lower)  壹佰伍拾  廿 卅 卌  1.5万亿  四万万 (= 4×10^8)  五兆 (10^12)
//                二〇二五 (digit strings of three or more digits, or with 〇/零)  十点二三
//   vague        十几亿 = 11亿..19亿, 几十亿 = 10亿..90亿, 数百万, 수십억 = 10억..90억 (ranges,
//                approx); 十多万, 500余万, 10여만 (the stated value, approx)
//   fractions    3분의 1, 삼분의 이, 三分之一, 3/4, 1 4/5, 일과 이분의 일, 三百五十又3分之1
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hanfacts/status.h"

namespace hanfacts::numeral {

// GCC and Clang's 128-bit integer (__extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 Int128;

// An exact decimal: mantissa / 10^scale. 128 bits hold every amount news prints
// (10^20 with 18 decimals) with room to spare.
struct Decimal {
  Int128 mantissa = 0;
  int scale = 0;
  static Decimal of(long long v) { return Decimal{v, 0}; }
  // Plain decimal, no exponent, no trailing zeros after the point: "1500000000000", "1.5".
  std::string to_string() const;
  // Appends to_string() to `out` (no temporary string).
  void append_to(std::string& out) const;
  // Drops trailing zeros after the point (1.50 -> 1.5, scale 0 stays).
  Decimal normalized() const;
  bool is_zero() const { return mantissa == 0; }
  double to_double() const;
  // Inline for the common case, both at the same scale (every whole amount): the
  // comparisons run several times per amount (is_range(), range ends).
  friend bool operator==(const Decimal& a, const Decimal& b) {
    return a.scale == b.scale ? a.mantissa == b.mantissa : equal_any(a, b);
  }
  friend bool operator<(const Decimal& a, const Decimal& b) {
    return a.scale == b.scale ? a.mantissa < b.mantissa : less_any(a, b);
  }

 private:
  // Different scales: aligned, or normalized, first (decimal.cpp).
  static bool equal_any(const Decimal& a, const Decimal& b);
  static bool less_any(const Decimal& a, const Decimal& b);
};

// Arithmetic used by numeral, money and date code. Results are normalized; on overflow
// (beyond about 10^36 in the mantissa) `ok` is cleared and the value is meaningless.
//   Decimal add(const Decimal& a, const Decimal& b, bool& ok);       (inline, below)
//   Decimal mul_pow10(const Decimal& a, int exp10, bool& ok);       (inline, below; exp10 may be negative)
Decimal sub(const Decimal& a, const Decimal& b, bool& ok);
Decimal mul(const Decimal& a, const Decimal& b, bool& ok);

namespace detail {
Decimal add_any(const Decimal& a, const Decimal& b, bool& ok);
Decimal mul_pow10_any(const Decimal& a, int exp10, bool& ok);
inline bool fits64(Int128 v) { return v == static_cast<long long>(v); }
}  // namespace detail

// Whole numbers within 64 bits (nearly every amount) take these inline paths: the sum
// or the product by 10^0..10^17 cannot leave the range, so no checks are needed.
inline Decimal add(const Decimal& a, const Decimal& b, bool& ok) {
  if (a.scale == 0 && b.scale == 0 && detail::fits64(a.mantissa) && detail::fits64(b.mantissa))
    return Decimal{a.mantissa + b.mantissa, 0};
  return detail::add_any(a, b, ok);
}
inline Decimal mul_pow10(const Decimal& a, int exp10, bool& ok) {
  static constexpr long long kPow[18] = {1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
                                  100000000LL, 1000000000LL, 10000000000LL, 100000000000LL, 1000000000000LL,
                                  10000000000000LL, 100000000000000LL, 1000000000000000LL,
                                  10000000000000000LL, 100000000000000000LL};
  if (a.scale == 0 && exp10 >= 0 && exp10 < 18 && detail::fits64(a.mantissa))
    return Decimal{a.mantissa * kPow[exp10], 0};
  return detail::mul_pow10_any(a, exp10, ok);
}
// a / b rounded to 20 decimal places (fractions such as 1/3 do not terminate).
Decimal div(const Decimal& a, const Decimal& b, bool& ok);

enum class Script : unsigned char { kArabic, kKorean, kChinese };

struct Numeral {
  // Provided, so that value-initialization (optional::emplace(), Numeral{}) runs the
  // members' initializers instead of zeroing the whole struct first with a `rep stos`,
  // whose start-up costs more than the stores (one per numeral parse).
  Numeral() {}
  size_t start = 0, end = 0;  // bytes in the scanned text, end exclusive
  Decimal low;                // the value, or the low end of a range
  Decimal high;               // == low unless this is a range (십几亿, 수십억, 数百万)
  bool approx = false;        // vague counts (수십, 几十, 数百, 十多万, 500余万)
  bool fraction = false;      // 3분의 1, 3/4: the value may be rounded (20 decimals)
  bool has_scale = false;     // contains 만/억/조/경 or 万/亿/兆
  int scale_exp = 0;          // exponent of the last scale word (8 for 5亿, 4 for 3만8210)
  bool has_decimal_point = false;
  bool native = false;        // a native Korean numeral (하나, 스물, 한 ...)
  // The script of the numeral's characters: kArabic when only digits (and separators),
  // else the script of its spelled characters.
  Script script = Script::kArabic;
  // For vague counts: the value with the vague digit read as 0 (二十几万 -> 200000), which
  // is how some other systems report them.
  Decimal base;
  bool is_range() const { return !(low == high); }
  // "LOW" or "LOW..HIGH".
  std::string value_string() const;
};

struct ParseOptions {
  bool native_korean = true;    // 하나 둘 셋, 스물여섯, 한/두/세/네 before a counter
  bool spelled_decimal = true;  // 삼점사, 十点五, 零点七七 (점/点 after a spelled integer)
  bool fractions = true;        // 3분의 1, 三分之一, 3/4, 1 4/5
  bool exponents = true;        // 1e10, 2^5, 2.5^-1
  bool metric_suffix = true;    // 40k, 1.2m, .0012g (Latin k/m/g after digits)
  bool negative = true;         // -3, 负三, 마이너스 3, 음수 3
  bool vague = true;            // 十几, 几十, 数百, 수십, 몇백, 多/余/여 before a scale
  bool space_groups = true;     // 1 234 567, and spaces between numeral groups (2억 4천)
  bool dozen = true;            // 一打 = 12, 五十打 = 600
  // The settings a date recognizer wants: plain numbers only ("8点30分" must not read
  // as 8.3, "30분의" must not start a fraction).
  static ParseOptions for_dates() {
    ParseOptions o;
    o.native_korean = false;
    o.spelled_decimal = false;
    o.fractions = false;
    o.exponents = false;
    o.metric_suffix = false;
    o.negative = false;
    o.vague = false;
    o.space_groups = false;
    o.dozen = false;
    return o;
  }
};

// The longest numeral that starts exactly at byte `pos` of `text` (folded), or nullopt.
// No word-boundary checks are made (the caller knows its context): at "이상" it reads
// 이 = 2, at "만원" it reads 만 = 10000. Cheap when `pos` is not a numeral character.
std::optional<Numeral> parse_numeral_at(std::string_view text, size_t pos, const ParseOptions& options = {});

// True when the code point can start a numeral (a digit, a numeral character, a sign
// or vague word's first letter). Lets scanners skip everything else cheaply.
bool can_start_numeral(char32_t c);

// The numeral characters and native Korean number words come from
// lexicons/numeral/numerals.tsv, the Korean particles and copula endings that decide
// whether a Sino-Korean syllable is a number (삼은, 1억 이상, 삼백이다) from
// lexicons/numeral/korean_endings.tsv, both read at start-up. numerals_status() is ok,
// or the first error of the two (file, line, column: a unit test asserts it is ok);
// check_numerals() and check_korean_endings() read other content in their files'
// formats and return its first error.
const Status& numerals_status();
Status check_numerals(std::string_view content, std::string_view name);
Status check_korean_endings(std::string_view content, std::string_view name);

// A native Korean number word of lexicons/numeral/numerals.tsv (rows native_tens and
// native_unit): 열 스물 … 아흔, 하나 둘 … 아홉, and the forms before a counter (한 두 세 네
// 스무, attributive).
struct NativeKoreanWord {
  std::u32string word;
  int value;
  bool tens;         // a native_tens row (열, 스물); else native_unit (하나, 다섯)
  bool attributive;  // only before a counter: 한 두 세 네 스무
};
// The native Korean number words, the native_tens rows then the native_unit rows, each
// in the file's order (for tables built from them at start-up, as the date grammar's gate
// of native counts: 두 달 전, 열두 달).
const std::vector<NativeKoreanWord>& native_korean_words();
// The Sino-Korean digit syllables of numerals.tsv with the given value (1: 일; 0: 영 빵
// 공), and its unit syllables of the given power of ten (3: 천), in code point order.
std::vector<char32_t> sino_korean_digits(int value);
std::vector<char32_t> sino_korean_units(int power);
// The Chinese digit characters of the given value (0: 〇 零), in code point order.
std::vector<char32_t> chinese_digits(int value);
// The joiners of numerals.tsv in a script's language (kChinese: 又; kKorean: 과 와), in
// UTF-8: the words between a whole number and its fraction (일과 이분의 일, 三百五十又3分之1),
// which MONEY reads between a major unit and its minor tail too (五元又三毛).
std::vector<std::string> joiners(Script script);

// True for the spelled numeral characters of both languages (一 十 万 일 십 만 点 几 ...),
// not for ASCII digits or native Korean words.
bool is_numeral_char(char32_t c);
// is_numeral_char as a set over the BMP: sets bit c & 63 of bmp[c >> 6] for every
// numeral character c (for tables built from it at start-up, word by word instead of a
// call per code point).
void mark_numeral_chars(std::span<uint64_t, 1024> bmp);

// True for the numeral characters that are also ordinary words' (陆地, 收拾, 参加, 공, 수):
// alone they are no numeral.
bool is_ambiguous_numeral_char(char32_t c);

// True for the Korean scale words 만, 억, 조, 경 (what an amount written 3000억 ends with).
bool is_korean_scale(char32_t c);

// The value of the numeral character at text[pos] when it is a whole numeral alone: a
// Sino-Korean digit syllable (영 = 0, 일 = 1 … 구 = 9) or a unit of either language (십 十
// 拾 = 10, 백 百 佰 = 100, 천 千 仟 = 1000), with no numeral character after it (이번,
// 일부, 十年, 百年), no ASCII digit after a unit (십5 is 15), no copula after a 이 (이다)
// and no 分 after a hundred (百分之: per cent).
// parse_numeral_at with ParseOptions::for_dates() (no native Korean numerals, which read
// 일곱 as 7; no vague counts: 十几 is 10 there) then reads exactly that character, as
// callers that ask at many such characters may take without the general parser.
// -1 otherwise, when the general parser must decide.
int lone_numeral_char(std::string_view text, size_t pos);

// Whether `c` (folded) is a Chinese measure word of lexicons/numeral/counters.tsv (个, 年,
// 倍): a number glued to one counts that thing (港元1個月拆息 is a one-month rate, no
// amount of 1 Hong Kong dollar).
bool is_chinese_measure_word(char32_t c);

// Whether text[start, end) lies wholly inside an occurrence of an ordinary word of
// lexicons/numeral/non_numeral_words.tsv (一切, 四川, 三元锂): no number there.
bool inside_non_numeral_word(std::string_view text, size_t start, size_t end);
// The code points of those words, one bit per BMP point (bit c & 63 of word c >> 6; those
// beyond it are not noted): a span whose first code point is none of them lies inside
// no such word, and a caller asking per amount may test that inline before the call.
const uint64_t* non_numeral_word_chars();  // 1024 words

// Every numeral in `text`, leftmost-longest, not overlapping, in text order, with
// word-boundary checks for spelled numerals: a Hangul numeral must start a word, and
// one syllable (일, 이, 만) or an attributive native numeral (한, 세) counts only before
// a non-Hangul character, a particle or a counter (이후, 한국, 세계 are words). Chinese
// 大写 characters that are also ordinary words (陆, 伍, 拾, 肆) count only inside longer
// numerals (陆地, 收拾 are words). A Chinese numeral wholly inside an ordinary word listed
// in lexicons/numeral/non_numeral_words.tsv (一切, 四川, 统一) is not reported.
std::vector<Numeral> find_numerals(std::string_view text, const ParseOptions& options = {});

// The first byte at or after s[i] that is no ASCII digit, or n (i <= n, s holds n bytes):
// where a run of digits ends. Eight bytes at a time while eight are left: the runs news
// prints (years, amounts) are short, and a loop over bytes mispredicts its exit once a
// run, where this tests one mask.
inline size_t digit_run_end(const char* s, size_t i, size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      // x ^ '0' is 0..9 exactly for a digit; (t & 0x7F) + 0x76 sets a byte's top bit for
      // 10 and above (no carry into the next byte), t itself for bytes of 0x80 and above.
      const uint64_t t = w ^ 0x3030303030303030ull;
      const uint64_t other = (((t & 0x7F7F7F7F7F7F7F7Full) + 0x7676767676767676ull) | t) & 0x8080808080808080ull;
      if (other) return i + static_cast<size_t>(std::countr_zero(other) >> 3);
    }
  }
  while (i < n && static_cast<unsigned char>(s[i] - '0') <= 9) ++i;
  return i;
}

}  // namespace hanfacts::numeral
