// Converts the byte offsets of facts into code-point offsets, from a table of the
// text's code point starts built in one pass (CodePointIndex).
//
//   OffsetConverter offset(text, OffsetUnit::kChars);
//   for (const Fact& f : facts) write(offset(f.start), offset(f.end));
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "hanfacts/writer.h"

namespace hanfacts::output {

// Code points before every byte offset of a text, from a table built in one pass: per
// 64-byte block, a mask of the bytes that start a code point and the count before the
// block. A lookup is then a load and a population count, with no loop: converting two
// offsets per fact by counting the bytes between facts cost a loop of 16-byte blocks
// with an unpredictable number of rounds each time. Keeps its room between texts.
class CodePointIndex {
 public:
  // The table of `text`, in this index's room (offsets.cpp: 64 bytes per two AVX2
  // comparisons where the CPU has AVX2, else per four SSE2 ones).
  void build(std::string_view text);
  // Code points in text[0, byte), byte <= the text's size.
  size_t chars_before(size_t byte) const { return chars_before(starts_.data(), before_.data(), byte); }
  // The same from the table's two arrays (starts(), before(): valid until the next
  // build()). A loop that writes output through a char pointer, which may alias
  // anything, keeps these pointers in registers; the vectors' own would be loaded again
  // after every store.
  static size_t chars_before(const uint64_t* starts, const size_t* before, size_t byte) {
    const size_t b = byte >> 6;
    return before[b] + popcount64(starts[b] & ((uint64_t{1} << (byte & 63)) - 1));
  }
  const uint64_t* starts() const { return starts_.data(); }
  const size_t* before() const { return before_.data(); }

  // Bits set in x, without a call: the baseline x86-64 target has no POPCNT, and the
  // compiler's fallback is a library call.
  static size_t popcount64(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<size_t>((x * 0x0101010101010101ULL) >> 56);
  }

 private:
  std::vector<uint64_t> starts_;
  std::vector<size_t> before_;
};

class OffsetConverter {
 public:
  OffsetConverter(std::string_view text, OffsetUnit unit) : OffsetConverter(text, unit, nullptr) {}
  // With `scratch`, the code point table is built in its room (a Formatter keeps one
  // for all its documents) instead of one of this converter's own.
  OffsetConverter(std::string_view text, OffsetUnit unit, CodePointIndex* scratch)
      : size_(text.size()), unit_(unit), index_(scratch != nullptr ? *scratch : own_) {
    if (unit_ == OffsetUnit::kChars) {
      index_.build(text);
      starts_ = index_.starts();
      before_ = index_.before();
    }
  }
  OffsetConverter(const OffsetConverter&) = delete;
  OffsetConverter& operator=(const OffsetConverter&) = delete;

  // Offsets may come in any order; one past the text's end counts as its end.
  size_t operator()(size_t byte) const {
    if (unit_ == OffsetUnit::kBytes) return byte;
    return CodePointIndex::chars_before(starts_, before_, std::min(byte, size_));
  }

 private:
  size_t size_;
  OffsetUnit unit_;
  CodePointIndex own_;  // used without a scratch index (empty until built)
  CodePointIndex& index_;
  const uint64_t* starts_ = nullptr;  // index_'s table, once built
  const size_t* before_ = nullptr;
};

}  // namespace hanfacts::output
