#include "text/utf8.h"

#include <unicode/uchar.h>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace hanfacts::text {

size_t count_code_points(std::string_view s) {
  // Every byte that is not a continuation byte starts a code point; for valid UTF-8
  // this is exact and it is what the writers need to convert offsets quickly.
  // Eight bytes at a time: a continuation byte (10xxxxxx) has bit 7 set and bit 6
  // clear; the flags (one per byte, 0 or 1) are summed by one multiplication.
  const size_t size = s.size();
  size_t i = 0, continuations = 0;
#if defined(__SSE2__)
  // Sixteen at a time: a continuation byte is one below -0x40 as a signed byte; each
  // lane counts its continuation bytes (compare gives -1) for up to 255 blocks, then the
  // lanes are summed (SAD against zero).
  while (i + 16 <= size) {
    __m128i lanes = _mm_setzero_si128();
    for (size_t blocks = 0; blocks < 255 && i + 16 <= size; ++blocks, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(v, _mm_set1_epi8(-0x40)));
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    continuations += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; i + 8 <= size; i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const uint64_t flags = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
    continuations += (flags * 0x0101010101010101ull) >> 56;
  }
  for (; i < size; ++i) continuations += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return size - continuations;
}

size_t find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (i + 4 <= n) {
      // Four bytes at once: four ASCII bytes, one ASCII byte, or a three-byte sequence
      // (Hangul, Han) checked inline: lead and continuation bits, no overlong form
      // (below U+0800), no surrogate (U+D800..DFFF).
      uint32_t x;
      std::memcpy(&x, p + i, 4);
      if ((x & 0x80808080u) == 0) {
        i += 4;
        continue;
      }
      if ((x & 0x80u) == 0) {  // little-endian: the first byte is the low one
        ++i;
        continue;
      }
      if ((x & 0xC0C0F0u) == 0x8080E0u) {
        const uint32_t c = ((x & 0x0Fu) << 12) | ((x & 0x3F00u) >> 2) | ((x >> 16) & 0x3Fu);
        if (c >= 0x800 && c - 0xD800u >= 0x800u) {
          i += 3;
          continue;
        }
        return i;
      }
    } else if (p[i] < 0x80) {
      ++i;
      continue;
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
