#include "date/numbers.h"

#include "numeral/numeral.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

// 〇零一二三四五六七八九 -> 0..9; 两 counts as 2 only in positional numbers.
int han_digit(char32_t c) {
  switch (c) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

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
  for (char32_t c = peek(text, i, next); han_digit(c) >= 0; c = peek(text, i, next)) {
    seq = seq * 10 + han_digit(c);
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
    const int d = c == U'两' ? 2 : han_digit(c);
    size_t after;
    const char32_t c2 = peek(text, next, after);
    if (d >= 0 && !is_han_digit(c2) && c2 != U'百' && c2 != U'千' && c2 != U'万' && c2 != U'亿' && c2 != U'点') {
      out = Num{d, next, 0, false, NumForm::kHan};
      return d > 0 || c == U'零' || c == U'〇';
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
  size_t i, next;
  const char32_t c = peek(text, pos, i);
  const char32_t c2 = peek(text, i, next);
  long v = 0;
  bool two = false;  // a two-syllable word
  // Longest first: 열한 before 열; 스물네 is a count of hours (24).
  switch (c) {
    case U'스':
      if (c2 == U'무') v = 20, two = true;
      else if (c2 == U'물' && next < text.size() && peek(text, next, next) == U'네') {
        out = Num{24, next, 0, false, NumForm::kNativeKorean};
        return true;
      }
      break;
    case U'열':
      v = c2 == U'한' ? 11 : c2 == U'두' ? 12 : 10;
      two = v != 10;
      break;
    case U'다': if (c2 == U'섯') v = 5, two = true; break;
    case U'여': v = c2 == U'섯' ? 6 : c2 == U'덟' ? 8 : 0, two = true; break;
    case U'일': if (c2 == U'곱') v = 7, two = true; break;
    case U'아': if (c2 == U'홉') v = 9, two = true; break;
    case U'한': v = 1; break;
    case U'두': v = 2; break;
    case U'세': v = 3; break;
    case U'네': v = 4; break;
    default: break;
  }
  if (v == 0) return false;
  out = Num{v, two ? next : i, 0, false, NumForm::kNativeKorean};
  return true;
}

bool parse_number(std::string_view text, size_t pos, Num& out) {
  if (pos >= text.size()) return false;
  if (text[pos] >= '0' && text[pos] <= '9') return parse_digits(text, pos, out);
  return parse_han(text, pos, out);
}

}  // namespace hanfacts::date
