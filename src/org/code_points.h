// The ORG scan's input decoded a block at a time: folded text (valid UTF-8) as code
// points with single spaces left out, each with its entry of a per-BMP-code-point table
// (the recognizer's cp_info), its byte offset, and two bits: a space was left out just
// before it, and the class in the entry's two bits from kClassShift (class_of())
// differs from the code point before's.
//
//   CodePointReader reader(text, info, beyond_bmp);
//   CodePointBlock& b = ...;  // large (a few KB): a member of a reused object
//   while (reader.next(b))
//     for (size_t k = 0; k < b.count; ++k) use(b.c[k], b.info[k], b.base + b.start[k]);
//
// Why: a scan that decodes as it steps takes data-dependent branches on every code
// point (ASCII or three bytes, a space to leave out, a change of class), and they
// mispredict where words and spaces alternate. Decoding a block ahead, from bit masks of
// 64 bytes at a time (AVX2), and many code points at a time in vector registers where
// the CPU has AVX-512 (VBMI2), leaves the scan's loop over the block one branch per
// code point; a block stays in L1.
//
// A space is left out when the byte after it is not a space (a double space is read as
// a space, and so is a space that ends the text); every left-out space is followed by a
// code point that is not, so the `spaced` bit of that code point stands for it.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hanfacts::org {

// Where a code point's class sits in its info entry: two bits from kClassShift.
inline constexpr unsigned kClassShift = 6;
constexpr uint32_t class_of(uint32_t info) { return (info >> kClassShift) & 3; }

// The bits of `bits` at the set bits of `mask`, gathered to the low end in their order
// (BMI2's pext): the AVX2 decoder's fallback where pext is slow. One count of the mask's
// bits below each set bit of bits & mask, few a window (a left-out space every few Korean
// code points), where a loop over the mask's bits would take one a code point.
inline uint64_t gather_bits_by_count(uint64_t bits, uint64_t mask) {
  uint64_t gathered = 0;
  for (uint64_t rest = bits & mask; rest != 0; rest &= rest - 1)
    gathered |= uint64_t{1} << std::popcount(mask & ((rest & (~rest + 1)) - 1));
  return gathered;
}

struct CodePointBlock {
  // Code points a block holds at most; the vector decoder adds up to 60 at a time.
  static constexpr size_t kCapacity = 512;
  static constexpr size_t kWords = kCapacity / 64 + 1;
  size_t base = 0;   // text offset that start[] counts from
  size_t count = 0;  // code points in the block
  // The code points, and past the last c[count] = 0, so a scan may load the code point
  // of an entry before it tests for the end marker.
  alignas(64) uint32_t c[kCapacity + 1];
  // info[c], or the reader's beyond_bmp for c > 0xFFFF; and past the last, info[count]
  // is beyond_bmp too: an end marker, so a scan whose loop sends that entry to a slower
  // path anyway (a code point beyond the BMP) tests for the block's end only there.
  alignas(64) uint32_t info[kCapacity + 1];
  alignas(64) uint32_t start[kCapacity];  // bytes from base to the code point's first byte
  uint64_t spaced[kWords];  // bit k: a space was left out just before code point k
  uint64_t breaks[kWords];  // bit k: class_of(info[k]) differs from the code point before's (0 before the first)
};

class CodePointReader {
 public:
  // The decoders, each the one before with the instructions of a later CPU.
  enum class Isa : uint8_t { kScalar, kAvx2, kAvx512 };
  // `info` has 0x10000 entries; `text` is valid UTF-8 (folded text is). `best`: the
  // latest decoder to use, where the CPU has it (tests pick each one).
  CodePointReader(std::string_view text, const uint32_t* info, uint32_t beyond_bmp, Isa best = Isa::kAvx512);
  // Decodes the next block into `b`: false (and b.count == 0) at the end of the text.
  bool next(CodePointBlock& b);
  // The decoder next() uses.
  Isa isa() const { return isa_; }

  // What the decoders carry from one block to the next.
  struct Carry {
    size_t pos = 0;          // next byte to read (a code point's first)
    uint32_t last_class = 0; // class_of() the last code point decoded
    bool spaced = false;     // a space was left out just before `pos`
  };

 private:
  std::string_view text_;
  const uint32_t* info_;
  uint32_t beyond_bmp_;
  Isa isa_;
  Carry carry_;
};

}  // namespace hanfacts::org
