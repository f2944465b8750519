// Converts the byte offsets of facts (sorted, non-overlapping) into code-point offsets
// in one forward pass over the text.
//
//   OffsetConverter offset(text, OffsetUnit::kChars);
//   for (const Fact& f : facts) write(offset(f.start), offset(f.end));
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "hanfacts/writer.h"
#include "text/utf8.h"

namespace hanfacts::output {

// Code points in text[from, to) (a non-continuation byte starts one, as in
// text::count_code_points). Facts are about 60 bytes apart, so this is called with short
// ranges twice per fact: whole 16-byte blocks, then the last partial block read as the
// 16 bytes ending at `to` with the lanes already counted masked off, never a byte loop
// (except within the first 16 bytes of the text, where that read would start before it).
inline size_t count_code_points_between(std::string_view text, size_t from, size_t to) {
#if defined(__SSE2__)
  if (to - from >= 254 * 16) return text::count_code_points(text.substr(from, to - from));  // lanes would overflow
  const char* s = text.data();
  // Lanes count up by one per code point start (compare gives -1): a signed byte above
  // -0x41 is ASCII or a lead byte, continuation bytes (0x80..0xBF) are -0x80..-0x41.
  const __m128i kLastCont = _mm_set1_epi8(-0x41);
  __m128i lanes = _mm_setzero_si128();
  size_t i = from;
  for (; i + 16 <= to; i += 16)
    lanes = _mm_sub_epi8(lanes, _mm_cmpgt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i)), kLastCont));
  const size_t rest = to - i;
  size_t extra = 0;
  if (rest > 0) {
    if (to >= 16) {
      // Sixteen zero bytes then sixteen 0xFF: read at `rest`, the last `rest` lanes are set.
      static constexpr unsigned char kTail[32] = {0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
                                                  0,    0,    0,    0,    0,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                  0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + to - 16));
      const __m128i keep = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kTail + rest));
      lanes = _mm_sub_epi8(lanes, _mm_and_si128(_mm_cmpgt_epi8(v, kLastCont), keep));
    } else {
      for (; i < to; ++i) extra += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    }
  }
  const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
  return extra + static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
#else
  return text::count_code_points(text.substr(from, to - from));
#endif
}

class OffsetConverter {
 public:
  OffsetConverter(std::string_view text, OffsetUnit unit) : text_(text), unit_(unit) {}
  // `byte` must not decrease between calls (facts are in text order).
  size_t operator()(size_t byte) {
    if (unit_ == OffsetUnit::kBytes) return byte;
    if (byte < byte_) { byte_ = 0; chars_ = 0; }  // defensive: restart rather than go wrong
    // Counted from the previous offset (the previous fact's start or end), not from 0.
    const size_t to = std::min(byte, text_.size());
    if (to > byte_) chars_ += count_code_points_between(text_, byte_, to);
    byte_ = byte;
    return chars_;
  }

 private:
  std::string_view text_;
  OffsetUnit unit_;
  size_t byte_ = 0;
  size_t chars_ = 0;
};

}  // namespace hanfacts::output
