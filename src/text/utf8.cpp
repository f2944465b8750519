#include "text/utf8.h"

#include <unicode/uchar.h>

namespace hanfacts::text {

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  // Every byte that is not a continuation byte starts a code point; for valid UTF-8
  // this is exact and it is what the writers need to convert offsets quickly.
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

size_t find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned b = p[i];
    if (b < 0x80) { ++i; continue; }
    // Three-byte sequences (Hangul, Han) checked inline: continuation bytes, no
    // overlong form (E0 80..9F), no surrogate (ED A0..BF).
    if ((b & 0xF0) == 0xE0 && i + 2 < n) {
      const unsigned b1 = p[i + 1], b2 = p[i + 2];
      if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && (b != 0xE0 || b1 >= 0xA0) && (b != 0xED || b1 < 0xA0)) {
        i += 3;
        continue;
      }
    }
    const size_t at = i;
    if (next_code_point(s, i) == kReplacement) {
      // A literal U+FFFD (EF BF BD) is valid; a decoding failure advanced one byte.
      if (i - at != 3) return at;
    }
  }
  return std::string_view::npos;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return is_ascii_digit(c) || is_ascii_alpha(c);
  if (is_hangul_syllable(c) || is_han(c)) return true;
  return u_isalnum(static_cast<UChar32>(c));
}

}  // namespace hanfacts::text
