// Byte searches over the folded text, eight bytes at a time.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace hanfacts::org {

// The first place in [from, lim) of `s` whose byte is `a`, `b` or `c`, or lim (lim <=
// s.size()). Eight bytes at a time, from a word's bytes equal to each (v ^ x has a zero
// byte there: the lowest byte flagged by (z - 0x01…) & ~z & 0x80… is the first zero byte,
// exactly, whatever the flags above it), then the last few one by one: a gloss's
// brackets are searched a byte at a time over up to 160 bytes (Matcher::bind_glosses()).
inline size_t first_of3(std::string_view s, size_t from, size_t lim, char a, char b, char c) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const auto zero_bytes = [](uint64_t z) { return (z - kOnes) & ~z & kHigh; };
  const uint64_t xa = kOnes * static_cast<unsigned char>(a), xb = kOnes * static_cast<unsigned char>(b),
                 xc = kOnes * static_cast<unsigned char>(c);
  size_t q = from;
  for (; q + 8 <= lim; q += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + q, 8);
    // Little-endian: byte k of the text is bits 8k to 8k + 7.
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    if (const uint64_t m = zero_bytes(v ^ xa) | zero_bytes(v ^ xb) | zero_bytes(v ^ xc); m != 0)
      return q + static_cast<size_t>(std::countr_zero(m)) / 8;
  }
  for (; q < lim && s[q] != a && s[q] != b && s[q] != c; ++q) {
  }
  return q;
}

}  // namespace hanfacts::org
