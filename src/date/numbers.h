// Numbers as dates use them: ASCII digits (full-width ones are folded to ASCII already),
// Chinese numerals (二〇二五, 十一, 廿), Sino-Korean spelled numbers (이천십오) and native
// Korean counts (세, 다섯, 열두). Local to the date grammar: a date needs the digit count
// and leading zeros ("08年" is a year, "8年" a count), which a value-only parser loses.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "numeral/numeral_rows.h"
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
// Native Korean counts 1..12, 20 and 24 (한 두 세 네 다섯 ... 열두 스무 스물네: kNativeCounts).
bool parse_native_korean(std::string_view text, size_t pos, Num& out);
// False when none of the parsers above can read a number at text[pos]: the first code
// point opens none of their numbers. (True does not promise one.) Defined below.
inline bool may_start_number(std::string_view text, size_t pos);
// Digits or Chinese numerals.
bool parse_number(std::string_view text, size_t pos, Num& out);

// The numeral words below come from lexicons/numeral/numerals.tsv at compile time
// (numeral::kNumeralRows, generated from it by the build): the Chinese and Sino-Korean
// characters its rows flag date, and the native Korean counts its native rows spell. The
// limits are the date grammar's own: what a date counts in one native word.
inline constexpr int kMaxNativeCount = 12;  // 열두 달: no date counts more in one native word…
inline constexpr int kMaxNativeTens = 20;   // …but the tens 스무 (스무 해)…
inline constexpr int kNativeDayHours = 24;  // …and a day's hours (스물네 시간)

namespace numbers_detail {

// Up to 32 code points, each with a small value, in the order added; a code point added
// again keeps its first value.
struct CodePointList {
  char32_t at[32] = {};
  int value[32] = {};
  int size = 0;
  constexpr void add(char32_t c, int v) {
    for (int k = 0; k < size; ++k)
      if (at[k] == c) return;
    if (size == 32) throw "CodePointList: more than 32 code points";  // a compile error where constexpr
    at[size] = c, value[size++] = v;
  }
  constexpr bool has(char32_t c) const {
    for (int k = 0; k < size; ++k)
      if (at[k] == c) return true;
    return false;
  }
  constexpr const char32_t* begin() const { return at; }
  constexpr const char32_t* end() const { return at + size; }
};

// A set of code points, each with a small value, as an open hash table that a multiplier
// spreads with no two in one slot (found at compile time): a test is a multiply, a shift,
// a load and a compare, where a switch over the scattered numeral characters is a tree of
// compares. An empty slot holds kNone, which no code point asked about is.
template <int kBits>
struct CodePointSet {
  static constexpr int kSlots = 1 << kBits;
  static constexpr char32_t kNone = 0xFFFFFFFF;
  char32_t keys[kSlots] = {};
  signed char values[kSlots] = {};
  uint32_t multiplier = 0;
  constexpr unsigned slot(char32_t c) const { return (static_cast<uint32_t>(c) * multiplier) >> (32 - kBits); }
  constexpr bool has(char32_t c) const { return keys[slot(c)] == c; }
  // The value of c, or -1 when c is not in the set.
  constexpr int value(char32_t c) const {
    const unsigned h = slot(c);
    return keys[h] == c ? values[h] : -1;
  }
};

template <int kBits>
constexpr CodePointSet<kBits> make_set(const CodePointList& list) {
  // Odd multipliers drawn by a linear congruential generator: neighbouring ones would
  // move the products' top bits too little to part a clash.
  uint32_t m = 2654435761u;
  for (int tries = 0; tries < 10000; ++tries, m = (m * 1664525u + 1013904223u) | 1u) {
    CodePointSet<kBits> set;
    set.multiplier = m;
    for (char32_t& k : set.keys) k = CodePointSet<kBits>::kNone;
    bool clash = false;
    for (int k = 0; k < list.size && !clash; ++k) {
      const unsigned h = set.slot(list.at[k]);
      clash = set.keys[h] != CodePointSet<kBits>::kNone;
      set.keys[h] = list.at[k], set.values[h] = static_cast<signed char>(list.value[k]);
    }
    if (!clash) return set;
  }
  throw "make_set: no multiplier found";  // a compile error
}

// The Chinese (or Sino-Korean) characters numerals.tsv flags date and `keep` accepts,
// with their values.
template <class Keep>
constexpr CodePointList date_chars(bool chinese, Keep keep) {
  CodePointList out;
  for (const numeral::NumeralRow& r : numeral::kNumeralRows)
    if (r.chinese == chinese && r.has(numeral::kRowDate) && keep(r)) out.add(r.word[0], r.value);
  return out;
}

// A native Korean count the date grammar reads, of one to three syllables.
struct NativeCount {
  char32_t syllables[3] = {};
  int size = 0;
  int value = 0;
};
struct NativeCounts {
  NativeCount at[32] = {};
  int size = 0;
};

// Whether a native row is in its form before a counter: the attributive row where its
// value has one (한, not 하나; 스무, not 스물), else the word itself (다섯, 열).
constexpr bool counter_form(const numeral::NumeralRow& w) {
  if (w.has(numeral::kRowAttributive)) return true;
  for (const numeral::NumeralRow& o : numeral::kNumeralRows)
    if (o.kind == w.kind && o.value == w.value && o.has(numeral::kRowAttributive)) return false;
  return true;
}

// The native counts of numerals.tsv a date reads (parse_native_korean): each unit in its
// form before a counter (한 두 … 아홉), the tens in that form up to kMaxNativeTens (열,
// 스무), and a tens word as it stands before a unit (열, 스물) with such a unit when the
// sum is at most kMaxNativeCount or a day's hours (열한, 열두, 스물네). Grouped by first
// syllable, longest first, for the longest match.
constexpr NativeCounts native_counts() {
  NativeCounts all;
  const auto add = [&all](std::u32string_view a, std::u32string_view b, int value) {
    if (all.size == 32 || a.size() + b.size() > 3) throw "native_counts: too many or too long";
    NativeCount& n = all.at[all.size++];
    for (const char32_t c : a) n.syllables[n.size++] = c;
    for (const char32_t c : b) n.syllables[n.size++] = c;
    n.value = value;
  };
  for (const numeral::NumeralRow& u : numeral::kNumeralRows) {
    if (u.kind == numeral::RowKind::kNativeUnit && counter_form(u)) add(u.word, U"", u.value);
    if (u.kind == numeral::RowKind::kNativeTens && counter_form(u) && u.value <= kMaxNativeTens) add(u.word, U"", u.value);
    if (u.kind != numeral::RowKind::kNativeTens || u.has(numeral::kRowAttributive)) continue;
    for (const numeral::NumeralRow& v : numeral::kNumeralRows)
      if (v.kind == numeral::RowKind::kNativeUnit && counter_form(v) &&
          (u.value + v.value <= kMaxNativeCount || u.value + v.value == kNativeDayHours))
        add(u.word, v.word, u.value + v.value);
  }
  // Stable sort by first syllable's first appearance, then by length, longest first.
  NativeCounts out;
  for (int k = 0; k < all.size; ++k) {
    const char32_t first = all.at[k].syllables[0];
    bool placed = false;
    for (int j = 0; j < out.size; ++j) placed = placed || out.at[j].syllables[0] == first;
    if (placed) continue;
    for (int len = 3; len >= 1; --len)
      for (int j = k; j < all.size; ++j)
        if (all.at[j].syllables[0] == first && all.at[j].size == len) out.at[out.size++] = all.at[j];
  }
  return out;
}

inline constexpr NativeCounts kNativeCounts = native_counts();

// The first syllables of kNativeCounts, each with the index of its first count there.
constexpr CodePointList native_count_starts() {
  CodePointList out;
  for (int k = 0; k < kNativeCounts.size; ++k) out.add(kNativeCounts.at[k].syllables[0], k);
  return out;
}

// Date characters below a hundred (digits, 十, 廿): 百 and 千 open numbers but are no
// digit characters.
constexpr bool below_hundred(const numeral::NumeralRow& r) { return r.kind != numeral::RowKind::kUnit || r.value == 1; }
constexpr bool any_row(const numeral::NumeralRow&) { return true; }
// The digits a digit-by-digit number is written with (二〇二五): the counting form 两 is none.
constexpr bool sequence_digit(const numeral::NumeralRow& r) {
  return r.kind == numeral::RowKind::kDigit && !r.has(numeral::kRowCounting);
}

inline constexpr CodePointList kHanDigitList = date_chars(true, below_hundred);
inline constexpr CodePointList kHanNumberStartList = date_chars(true, any_row);
inline constexpr CodePointList kSinoKoreanStartList = date_chars(false, any_row);
inline constexpr CodePointList kNativeCountStartList = native_count_starts();

// The characters after which a Chinese digit is no number alone: a date character, a
// scale (万 亿 兆) or the point (点) goes on with it.
constexpr CodePointList han_number_goes_on() {
  CodePointList out = kHanNumberStartList;
  for (const numeral::NumeralRow& r : numeral::kNumeralRows)
    if (r.chinese && (r.kind == numeral::RowKind::kScale || r.kind == numeral::RowKind::kPoint)) out.add(r.word[0], 0);
  return out;
}

inline constexpr CodePointSet<5> kHanDigitSet = make_set<5>(kHanDigitList);
inline constexpr CodePointSet<5> kHanDateDigitSet =
    make_set<5>(date_chars(true, [](const numeral::NumeralRow& r) { return r.kind == numeral::RowKind::kDigit; }));
inline constexpr CodePointSet<5> kHanCountingDigitSet = make_set<5>(date_chars(true, [](const numeral::NumeralRow& r) {
  return r.kind == numeral::RowKind::kDigit && r.has(numeral::kRowCounting);
}));
inline constexpr CodePointSet<5> kHanSequenceDigitSet = make_set<5>(date_chars(true, sequence_digit));
inline constexpr CodePointSet<6> kHanNumberStartSet = make_set<6>(kHanNumberStartList);
inline constexpr CodePointSet<6> kHanNumberGoesOnSet = make_set<6>(han_number_goes_on());
inline constexpr CodePointSet<6> kSinoKoreanStartSet = make_set<6>(kSinoKoreanStartList);
inline constexpr CodePointSet<5> kNativeCountStartSet = make_set<5>(kNativeCountStartList);

}  // namespace numbers_detail

// 〇零一二三四五六七八九十廿两 (numerals.tsv's Chinese date characters below a hundred):
// inline, the scan asks at many code points.
constexpr bool is_han_digit(char32_t c) { return numbers_detail::kHanDigitSet.has(c); }
// The first code points of parse_han's numbers: numerals.tsv's Chinese date characters
// (a digit character, 十, 两, 廿, 百 or 千).
constexpr bool is_han_number_start(char32_t c) { return numbers_detail::kHanNumberStartSet.has(c); }
// is_han_digit's and is_han_number_start's code points as lists, for tables built from them.
inline constexpr const numbers_detail::CodePointList& kHanDigits = numbers_detail::kHanDigitList;
inline constexpr const numbers_detail::CodePointList& kHanNumberStarts = numbers_detail::kHanNumberStartList;
// The value of a digit of a digit-by-digit number (〇 零 -> 0, 一 … 九), or -1: 两 counts as
// 2 only in positional numbers.
constexpr int han_sequence_digit(char32_t c) { return numbers_detail::kHanSequenceDigitSet.value(c); }
// The value of a Chinese date digit (〇 零 -> 0, 一 … 九, 两 -> 2), or -1.
constexpr int han_date_digit(char32_t c) { return numbers_detail::kHanDateDigitSet.value(c); }
// A Chinese date digit of counts alone (两, numerals.tsv's counting flag): 两月 and 两季度
// count months and quarters, they name none.
constexpr bool is_han_counting_digit(char32_t c) { return numbers_detail::kHanCountingDigitSet.has(c); }
// Whether text[pos] holds one (every Chinese numeral is a three-byte code point).
inline bool han_counting_digit_at(std::string_view text, size_t pos) {
  const auto* u = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  return pos + 3 <= text.size() && (u[0] & 0xF0) == 0xE0 && is_han_counting_digit(text::decode3(u));
}
// Whether a Chinese digit followed by c may be part of a longer numeral (三十, 二〇, 三百,
// 三万, 三点): then it is no number alone.
constexpr bool han_number_goes_on(char32_t c) { return numbers_detail::kHanNumberGoesOnSet.has(c); }
// The first syllables of parse_sino_korean's numbers: numerals.tsv's Sino-Korean date
// characters (영 공 일 … 구 십 백 천; not 빵 륙).
constexpr bool is_sino_korean_start(char32_t c) { return numbers_detail::kSinoKoreanStartSet.has(c); }
// The first syllables of parse_native_korean's counts (한 두 세 네 다 여 일 아 열 스).
constexpr bool is_native_korean_start(char32_t c) { return numbers_detail::kNativeCountStartSet.has(c); }

// may_start_number's set, one bit per BMP code point, built at compile time: it asks
// before every part that may open with a number (about 45,000 times on 4 MB of news),
// where a table built at first use cost a call and a guard check each time.
inline constexpr std::array<uint64_t, 1024> kNumberStartBits = [] {
  std::array<uint64_t, 1024> b{};
  for (const numbers_detail::CodePointList& list :
       {numbers_detail::kHanNumberStartList, numbers_detail::kSinoKoreanStartList, numbers_detail::kNativeCountStartList})
    for (const char32_t c : list) b[c >> 6] |= uint64_t{1} << (c & 63);
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
