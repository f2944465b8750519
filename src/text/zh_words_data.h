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

// The words by hash: kCount keys of 8 bytes (a word's code points 16 bits each, the
// first in the high bits, zero-padded; never 0) in a table of 2^kWordBits slots, each at
// word_slot(key) or the first free slot after it (wrapping), 0 in a free slot; and
// kWordCosts[slot] the cost of the word in that slot. A lookup reads a few slots in a
// row (mostly one cache line), and the words of two, three and four characters at a
// place are three lookups that do not wait for each other: a search of sorted keys was a
// chain of dependent cache misses, a dozen for a common first character.
inline constexpr unsigned kWordBits = 19;  // 524,288 slots for ~342,000 words
extern const char kWordKeys[];
extern const unsigned char kWordCosts[];
extern const size_t kCount;
extern const uint8_t kUnknownCost;  // a character the dictionary lacks
inline uint32_t word_slot(uint64_t key) { return static_cast<uint32_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - kWordBits)); }

// By BMP code point c, kSingle[c] is c's cost as a word of its own (kUnknownCost when
// unlisted).
extern const unsigned char kSingle[];

// A bit per pair_hash() of every two characters that stand next to each other inside
// some word, in words of 8 bytes: no word crosses a cut between two characters whose bit
// is clear.
inline constexpr unsigned kPairBits = 22;  // 512 KB
extern const char kPairs[];
inline uint32_t pair_hash(char32_t a, char32_t b) {
  return (static_cast<uint32_t>(a) * 0x9E3779B1u ^ static_cast<uint32_t>(b) * 0x85EBCA77u) >> (32 - kPairBits);
}

inline uint64_t word_key(size_t slot) {
  uint64_t v;
  std::memcpy(&v, kWordKeys + 8 * slot, 8);
  return v;
}
inline bool pair_bit(uint32_t h) {
  uint64_t v;
  std::memcpy(&v, kPairs + 8 * static_cast<size_t>(h >> 6), 8);
  return (v >> (h & 63)) & 1;
}

}  // namespace hanfacts::text::zh_words_data
