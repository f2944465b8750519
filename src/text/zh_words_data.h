// The Chinese word table's data: words of one to four BMP Han characters from jieba's
// dictionary, each with its cost (negative log probability, scaled), and indexes over
// them. Generated at build time by tools/gen_zh_words.cpp; text/zh_words.cpp reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hanfacts::text::zh_words_data {

// The arrays are byte strings (a string literal compiles in a second; an initializer list
// of 340,000 numbers took most of a minute), read in the build machine's byte order
// through the accessors below.

// kCount keys of 8 bytes, sorted: a word's code points 16 bits each, the first in the high
// bits, zero-padded; kCosts[i] is the cost of key i.
extern const char kKeys[];
extern const unsigned char kCosts[];
extern const size_t kCount;
extern const uint8_t kUnknownCost;  // a character the dictionary lacks

// By BMP code point c: keys [first(c), first(c + 1)) are the words that start with c
// (0x10001 offsets of 4 bytes), and kSingle[c] is c's cost as a word of its own
// (kUnknownCost when unlisted).
extern const char kFirst[];
extern const unsigned char kSingle[];

// A bit per pair_hash() of every two characters that stand next to each other inside
// some word, in words of 8 bytes: no word crosses a cut between two characters whose bit
// is clear.
inline constexpr unsigned kPairBits = 22;  // 512 KB
extern const char kPairs[];
inline uint32_t pair_hash(char32_t a, char32_t b) {
  return (static_cast<uint32_t>(a) * 0x9E3779B1u ^ static_cast<uint32_t>(b) * 0x85EBCA77u) >> (32 - kPairBits);
}

inline uint64_t key(size_t i) {
  uint64_t v;
  std::memcpy(&v, kKeys + 8 * i, 8);
  return v;
}
inline uint32_t first(char32_t c) {
  uint32_t v;
  std::memcpy(&v, kFirst + 4 * static_cast<size_t>(c), 4);
  return v;
}
inline bool pair_bit(uint32_t h) {
  uint64_t v;
  std::memcpy(&v, kPairs + 8 * static_cast<size_t>(h >> 6), 8);
  return (v >> (h & 63)) & 1;
}

}  // namespace hanfacts::text::zh_words_data
