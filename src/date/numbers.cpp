#include "date/numbers.h"

#include "numeral/numeral.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

// Inlined into its callers: parse_han reads a code point per digit character and one or
// two after them (about 17,000 calls on 4 MB, where GCC kept it out of line).
[[gnu::always_inline]] inline char32_t peek(std::string_view s, size_t i, size_t& next) {
  next = i;
  if (i >= s.size()) return 0;
  // Han and Hangul inline: the grammar reads folded text, which is valid UTF-8.
  const auto* u = reinterpret_cast<const unsigned char*>(s.data()) + i;
  if ((u[0] & 0xF0) == 0xE0 && i + 2 < s.size()) {
    next = i + 3;
    return text::decode3(u);
  }
  return text::next_code_point(s, next);
}

// A plain integer up to 9999 in the given script read by numeral::parse_numeral_at with
// the date options (no decimals, fractions or vague counts: 八点三十 is 8 and 30).
bool shared_integer(std::string_view text, size_t pos, numeral::Script script, NumForm form, Num& out) {
  static const numeral::ParseOptions kOptions = numeral::ParseOptions::for_dates();
  // The grammar asks at many places that hold no numeral: one switch turns most away
  // before the general parser runs.
  if (pos >= text.size()) return false;
  const auto b = static_cast<unsigned char>(text[pos]);
  if (b < 0x80) return false;  // every Han and Hangul numeral is a multi-byte code point
  const char32_t c = text::code_point_at(text, pos);  // folded text is valid UTF-8
  if (script == numeral::Script::kChinese ? !is_han_number_start(c) : !is_sino_korean_start(c))
    return false;
  const auto n = numeral::parse_numeral_at(text, pos, kOptions);
  if (!n || n->script != script || n->is_range() || n->fraction || n->has_decimal_point || n->has_scale ||
      n->low.scale != 0 || n->low.mantissa < 0 || n->low.mantissa > 9999)
    return false;
  out = Num{static_cast<long>(n->low.mantissa), n->end, 0, false, form};
  return true;
}

}  // namespace


bool parse_han(std::string_view text, size_t pos, Num& out) {
  // The grammar asks at many places that hold no numeral: turn them away on the first
  // code point (every reading below starts with a digit character, 十, 两, 百 or 千).
  if (pos >= text.size() || static_cast<unsigned char>(text[pos]) < 0x80) return false;
  if (!is_han_number_start(text::code_point_at(text, pos))) return false;  // folded text is valid UTF-8
  // Digit-by-digit first: two or more digit characters in a row, no 十.
  size_t i = pos, next;
  long seq = 0;
  int count = 0;
  for (int d = han_sequence_digit(peek(text, i, next)); d >= 0; d = han_sequence_digit(peek(text, i, next))) {
    seq = seq * 10 + d;
    ++count;
    i = next;
  }
  if (count >= 2) {
    out = Num{seq, i, count, false, NumForm::kHanSequence};
    return true;
  }
  // One digit character alone (一季度, 三月, 两年前) needs no general parser.
  {
    const char32_t c = peek(text, pos, next);
    const int d = han_date_digit(c);  // 两 too: 两年前
    size_t after;
    const char32_t c2 = peek(text, next, after);
    if (d >= 0 && !han_number_goes_on(c2)) {
      out = Num{d, next, 0, false, NumForm::kHan};
      return true;
    }
  }
  // 十, 百 or 千 alone (十年, 百年) neither. (Han numerals are three bytes.)
  if (const int v = numeral::lone_numeral_char(text, pos); v >= 0) {
    out = Num{v, pos + 3, 0, false, NumForm::kHan};
    return true;
  }
  // Positional (十一, 二十, 廿三, 一千): the shared numeral parser.
  return shared_integer(text, pos, numeral::Script::kChinese, NumForm::kHan, out);
}

bool parse_sino_korean(std::string_view text, size_t pos, Num& out) {
  // The first syllable opens a number (빵 and 륙, digits to the numeral parser, open no
  // date's); one digit or unit syllable alone (이번, 일부, 사업: most of the Sino-Korean
  // starts the grammar asks at in running text) needs no general parser then. (Hangul
  // syllables are three bytes.)
  if (pos >= text.size() || static_cast<unsigned char>(text[pos]) < 0x80 ||
      !is_sino_korean_start(text::code_point_at(text, pos)))
    return false;
  if (const int v = numeral::lone_numeral_char(text, pos); v >= 0) {
    out = Num{v, pos + 3, 0, false, NumForm::kSinoKorean};
    return true;
  }
  return shared_integer(text, pos, numeral::Script::kKorean, NumForm::kSinoKorean, out);
}

bool parse_native_korean(std::string_view text, size_t pos, Num& out) {
  size_t i;
  const char32_t c = peek(text, pos, i);
  int k = numbers_detail::kNativeCountStartSet.value(c);  // the first count of that syllable
  if (k < 0) return false;
  // The counts of that first syllable, longest first (열한 before 열).
  size_t after2;
  const char32_t c2 = peek(text, i, after2);
  for (const numbers_detail::NativeCounts& counts = numbers_detail::kNativeCounts;
       k < counts.size && counts.at[k].syllables[0] == c; ++k) {
    const numbers_detail::NativeCount& n = counts.at[k];
    size_t end = i;
    if (n.size >= 2) {
      if (c2 != n.syllables[1]) continue;
      end = after2;
      if (n.size == 3 && peek(text, after2, end) != n.syllables[2]) continue;
    }
    out = Num{n.value, end, 0, false, NumForm::kNativeKorean};
    return true;
  }
  return false;
}

bool parse_number(std::string_view text, size_t pos, Num& out) {
  if (pos >= text.size()) return false;
  if (text[pos] >= '0' && text[pos] <= '9') return parse_digits(text, pos, out);
  return parse_han(text, pos, out);
}

}  // namespace hanfacts::date
