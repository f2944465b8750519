#include "date/numbers.h"

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

int sino_korean_digit(char32_t c) {
  switch (c) {
    case U'영': case U'공': return 0;
    case U'일': return 1;
    case U'이': return 2;
    case U'삼': return 3;
    case U'사': return 4;
    case U'오': return 5;
    case U'육': return 6;
    case U'칠': return 7;
    case U'팔': return 8;
    case U'구': return 9;
    default: return -1;
  }
}

char32_t peek(std::string_view s, size_t i, size_t& next) {
  next = i;
  if (i >= s.size()) return 0;
  return text::next_code_point(s, next);
}

}  // namespace

bool is_han_digit(char32_t c) { return han_digit(c) >= 0 || c == U'十' || c == U'廿' || c == U'两'; }

bool parse_digits(std::string_view text, size_t pos, Num& out) {
  size_t i = pos;
  long v = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - pos < 9) v = v * 10 + (text[i++] - '0');
  if (i == pos) return false;
  out = Num{v, i, static_cast<int>(i - pos), text[pos] == '0' && i - pos > 1, NumForm::kDigits};
  return true;
}

bool parse_han(std::string_view text, size_t pos, Num& out) {
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
  // Positional: [d]千[d]百[d]十[d] (with 廿 = 20, 两 = 2).
  i = pos;
  long total = 0, digit = -1;
  bool any = false;
  while (true) {
    char32_t c = peek(text, i, next);
    int d = han_digit(c);
    if (c == U'两') d = 2;
    if (d >= 0) {
      if (digit >= 0) break;  // two digits in a row after a unit
      digit = d;
      any = true;
      i = next;
      continue;
    }
    long unit = c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : c == U'廿' ? 20 : 0;
    if (unit == 0) break;
    if (c == U'廿') {
      if (digit >= 0) break;
      total += 20;
    } else {
      total += (digit < 0 ? 1 : digit) * unit;
    }
    digit = -1;
    any = true;
    i = next;
  }
  if (!any) return false;
  if (digit > 0) total += digit;
  out = Num{total, i, 0, false, NumForm::kHan};
  return true;
}

bool parse_sino_korean(std::string_view text, size_t pos, Num& out) {
  size_t i = pos, next;
  long total = 0, digit = -1;
  bool any = false;
  while (true) {
    char32_t c = peek(text, i, next);
    int d = sino_korean_digit(c);
    if (d >= 0) {
      if (digit >= 0) break;
      digit = d;
      any = true;
      i = next;
      continue;
    }
    long unit = c == U'십' ? 10 : c == U'백' ? 100 : c == U'천' ? 1000 : 0;
    if (unit == 0) break;
    total += (digit < 0 ? 1 : digit) * unit;
    digit = -1;
    any = true;
    i = next;
  }
  if (!any) return false;
  if (digit > 0) total += digit;
  out = Num{total, i, 0, false, NumForm::kSinoKorean};
  return true;
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
