#include "org/code_points.h"

#include <array>
#include <bit>
#include <cstring>
#include <type_traits>

#include "text/cpu.h"
#include "text/utf8.h"

#if defined(__x86_64__)
// GCC 12's AVX-512 intrinsics start from _mm512_undefined_epi32(), which its
// -Wmaybe-uninitialized takes for a read of an uninitialized value (GCC bug 105593).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#else
#include <immintrin.h>
#endif
#endif

namespace hanfacts::org {

namespace {

using Carry = CodePointReader::Carry;

// One code point at a time, for CPUs without AVX2: ASCII and three-byte forms (Hangul,
// Han) inline (folded text is valid UTF-8, so a lead byte E0-EF and the two bytes after
// it are one code point), the bit masks a word at a time in registers.
void decode_scalar(std::string_view text, const uint32_t* info, uint32_t beyond_bmp, Carry& carry, CodePointBlock& b) {
  const auto* const s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t p = carry.pos, k = b.count;
  uint64_t spaced_bits = 0, break_bits = 0;  // of the code points from k & ~63 on
  while (k < CodePointBlock::kCapacity && p < n) {
    const size_t at = p;
    char32_t c;
    if (s[p] < 0x80) {
      c = s[p++];
    } else if ((s[p] & 0xF0) == 0xE0 && p + 2 < n) {
      c = text::decode3(s + p);
      p += 3;
    } else {
      c = text::next_code_point(text, p);
    }
    if (c == ' ' && p < n && s[p] != ' ') {
      carry.spaced = true;
      continue;
    }
    const uint32_t ci = c <= 0xFFFF ? info[c] : beyond_bmp;
    b.c[k] = c;
    b.info[k] = ci;
    b.start[k] = static_cast<uint32_t>(at - b.base);
    spaced_bits |= uint64_t{carry.spaced} << (k & 63);
    break_bits |= uint64_t{class_of(ci) != carry.last_class} << (k & 63);
    carry.spaced = false;
    carry.last_class = class_of(ci);
    if ((++k & 63) == 0) {
      b.spaced[(k - 1) >> 6] = spaced_bits;
      b.breaks[(k - 1) >> 6] = break_bits;
      spaced_bits = break_bits = 0;
    }
  }
  if ((k & 63) != 0) {
    b.spaced[k >> 6] = spaced_bits;
    b.breaks[k >> 6] = break_bits;
  }
  b.count = k;
  carry.pos = p;
}

#if defined(__x86_64__)

const bool kHasAvx2 = text::cpu::avx2() && text::cpu::bmi1() && text::cpu::bmi2();
const bool kFastPext = text::cpu::fast_pext();
const bool kHasVbmi2 =
    text::cpu::avx512() && text::cpu::avx512_vbmi() && text::cpu::avx512_vbmi2() && text::cpu::bmi2();

// Puts `bits` at bit `at` of `words`, after every bit put so far (none at or past `at`):
// the part that spills into the next word is assigned to it, so only the first word
// needs clearing.
inline void append_bits(uint64_t* words, size_t at, uint64_t bits) {
  const unsigned shift = at & 63;
  words[at >> 6] |= bits << shift;
  words[(at >> 6) + 1] = (bits >> 1) >> (63 - shift);
}

// Both vector decoders read 64-byte windows. Each takes the code points that start in
// its first 60 bytes (so each one's bytes and the byte after it are in the window) and
// finds, as bit masks, their starts and the spaces to leave out.
constexpr size_t kWindow = 64, kTake = 60;
struct WindowMasks {
  uint64_t kept;    // starts of the code points taken and kept
  uint64_t spaced;  // bit j: a space was left out just before byte j
  size_t advance;   // bytes to the next window: to the first code point not taken
};
// From the window's continuation bytes and spaces (bit j: byte j; past the text's end,
// neither), `left` bytes to the text's end and whether a space was left out just before
// the window; updates that for the next window. Any `left` above kTake gives the same
// masks: the window then takes its full kTake bytes and its last byte is not the text's.
inline WindowMasks window_masks(uint64_t cont, uint64_t space, size_t left, uint64_t& spaced) {
  const size_t take = left < kTake ? left : kTake;
  const uint64_t taken = (uint64_t{1} << take) - 1;
  const uint64_t lead = ~cont & taken;
  // A space not followed by one is left out, unless it is the text's last byte.
  const uint64_t not_last = left > kTake ? ~uint64_t{0} : (uint64_t{1} << (left - 1)) - 1;
  const uint64_t single = space & ~(space >> 1) & lead & not_last;
  // The next window starts at the first code point past the taken ones: at the text's
  // end, or in bytes 60-63, where a lead byte or the end is (bytes past it read as
  // neither continuation nor space).
  const size_t advance = left <= kTake ? left : static_cast<size_t>(std::countr_zero(~cont & ~taken));
  const WindowMasks m{lead & ~single, single << 1 | spaced, advance};
  spaced = (single >> (advance - 1)) & 1;
  return m;
}

// For each byte value, the places of its set bits, packed from the low byte up.
constexpr std::array<uint64_t, 256> kSetBits = [] {
  std::array<uint64_t, 256> table{};
  for (unsigned v = 0; v < 256; ++v)
    for (unsigned bit = 0, k = 0; bit < 8; ++bit)
      if ((v >> bit) & 1) table[v] |= uint64_t{bit} << (8 * k++);
  return table;
}();

#define HANFACTS_AVX2 gnu::target("avx2,bmi,bmi2,popcnt")

[[HANFACTS_AVX2, gnu::always_inline]] inline __m256i set8(uint32_t v) { return _mm256_set1_epi32(static_cast<int>(v)); }
[[HANFACTS_AVX2, gnu::always_inline]] inline uint32_t equal_bits(__m256i v, __m256i want) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, want)));
}
// `v`, which the compiler may no longer take for a constant: made once before a loop, it
// stays in a register or on the stack (a memory operand costs no instruction), where GCC
// would build a broadcast constant again (three instructions) in every window.
[[HANFACTS_AVX2, gnu::always_inline]] inline __m256i opaque(__m256i v) {
  asm("" : "+x"(v));
  return v;
}
// Bit k: lane k of `m` (all ones or zeros).
[[HANFACTS_AVX2, gnu::always_inline]] inline uint32_t lane_bits(__m256i m) {
  return static_cast<uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(m)));
}

// The window's masks from two 32-byte compares; the kept starts' positions packed a
// byte of the mask at a time (kSetBits); then, 8 code points at a time, each one's four
// bytes gathered into a 32-bit lane, the UTF-8 forms decoded and blended by the lead
// byte, the info entries gathered and each class compared with the one before. Most
// windows of Korean and Chinese text start no code point of two or four bytes: there
// only the ASCII and three-byte forms are decoded.
[[HANFACTS_AVX2]] void decode_avx2(std::string_view text, const uint32_t* info, uint32_t beyond_bmp, Carry& carry,
                                   CodePointBlock& b) {
  const auto* const s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t p = carry.pos;
  // The class of the code point before the next group's first, in lane 7: within a
  // window, the group before's classes; at the window's end, the last code point's,
  // put in every lane once per window rather than in every group.
  // (Classes stay where they sit in the info entries, at kClassShift: compared, not
  // read, they need no shift.)
  __m256i last_class = set8(carry.last_class << kClassShift);
  uint64_t spaced = carry.spaced;
  size_t count = b.count;
  // The text's last bytes, copied so the window and the four bytes read at each start
  // stay inside it.
  alignas(32) unsigned char tail[kWindow + 4];
  // Packed starts, 8 at a time: every byte ever written is below 64, so a group's lanes
  // past the window's starts read inside the window too.
  alignas(32) unsigned char starts[kWindow + 8] = {};
  // The window's byte masks, read from the stack as memory operands in every window (an
  // empty asm says they may have changed): held in registers, as the decode's masks
  // below are, GCC saved and restored them around the groups in every window.
  struct {
    __m256i above_cont, blank, flip_forms, below_forms;
  } window_bytes = {_mm256_set1_epi8(-0x40), _mm256_set1_epi8(' '), _mm256_set1_epi8(static_cast<char>(0xA0)),
                    _mm256_set1_epi8(0x4F)};
  // The decode's masks.
  const __m256i class_bits = opaque(set8(3u << kClassShift)), m07 = opaque(set8(0x07)), m1f = opaque(set8(0x1F)),
                m3f = opaque(set8(0x3F)), mff = opaque(set8(0xFF)), mfc0 = opaque(set8(0xFC0)),
                m3f000 = opaque(set8(0x3F000)), beyond = opaque(set8(beyond_bmp));
  // The three-byte form's payload bits in the lane (lead, b1, b2), and the weights of
  // its bytes in their 16-bit halves (64, 1; 1, 0) and of the halves (64, 1).
  const __m256i payload3 = opaque(set8(0x003F3F0F)), byte_weights3 = opaque(set8(0x00010140)),
                half_weights3 = opaque(set8(0x00010040));
  // The bytes below which a lead opens three bytes' and four bytes' forms, less one.
  const __m256i below3 = opaque(set8(0xDF)), below4 = opaque(set8(0xEF));
  while (count + kWindow <= CodePointBlock::kCapacity && p < n) {
    const size_t left = n - p;
    const unsigned char* w = s + p;
    if (left < sizeof tail) {
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, w, left);
      w = tail;
    }
    asm("" : "+m"(window_bytes));
    const auto& [above_cont, blank, flip_forms, below_forms] = window_bytes;
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 32));
    // Continuation bytes (0x80-0xBF) are, as signed bytes, those below -0x40: one
    // compare where a mask and a compare for equal took two.
    const uint64_t cont = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(above_cont, lo))) |
                          uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(above_cont, hi)))} << 32;
    const uint64_t space = equal_bits(lo, blank) | uint64_t{equal_bits(hi, blank)} << 32;
    // More than kTake bytes from the end, the masks do not depend on how far (see
    // window_masks): there `left` is a constant, and the end's bounds fold away.
    const WindowMasks m =
        left > kTake ? window_masks(cont, space, kTake + 1, spaced) : window_masks(cont, space, left, spaced);
    // Whether a byte of the window leads a two or four bytes' form (0xC0-0xDF, 0xF0-0xFF),
    // from one compare of the two halves' larger bytes: xor with 0xA0 maps exactly those
    // to 0x50-0x7F as signed bytes, and the rest below (0xE0-0xEF to 0x40-0x4F,
    // continuation bytes to 0x00-0x3F, ASCII to negatives). A lead in bytes 60-63 (not
    // taken) makes it true where no kept start needs it: the decode of all forms below
    // is right for every form, only slower.
    const __m256i larger = _mm256_max_epi8(_mm256_xor_si256(lo, flip_forms), _mm256_xor_si256(hi, flip_forms));
    const bool other_forms = _mm256_movemask_epi8(_mm256_cmpgt_epi8(larger, below_forms)) != 0;
    unsigned kept_count = 0;
    for (unsigned i = 0; i < 8; ++i) {
      const unsigned byte = (m.kept >> (8 * i)) & 0xFF;
      const uint64_t places = kSetBits[byte] + 0x0808080808080808ull * i;
      std::memcpy(starts + kept_count, &places, sizeof places);
      kept_count += static_cast<unsigned>(std::popcount(byte));
    }
    // The kept code points a space was left out before, by their place among the kept
    // starts: the spaced bits at the kept starts, gathered to the low end (BMI2's pext),
    // one instruction where a count of the starts before each such start cost some nine
    // a space (Korean text leaves out a space every few code points); the count where
    // pext is slow (see cpu::fast_pext).
    append_bits(b.spaced, count, kFastPext ? _pext_u64(m.spaced, m.kept) : gather_bits_by_count(m.spaced, m.kept));
    const __m256i offset = set8(static_cast<uint32_t>(p - b.base));
    uint64_t same_bits = 0;  // the window's code points of their predecessor's class
    // Lanes past the window's kept code points need no mask: their starts are bytes of
    // the window (see `starts`), so they decode to a code point below 0x10000 unless
    // the byte reads as a four-byte lead, and what they store lies past the block's
    // count, where the next window or next() writes over it; their bits go at the end.
    // The groups' loop made twice, with and without the decode of the two and four
    // bytes' forms, so the usual one holds no branch and its registers no values of
    // the other's. (A lambda has its own target: the attribute gives it AVX2, in GNU
    // syntax, which GCC applies to the call operator.)
    const auto decode_groups = [&](auto all_forms) __attribute__((target("avx2,bmi,bmi2,popcnt"), always_inline)) {
      for (unsigned g = 0; g < kept_count; g += 8) {
        const __m256i j = _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(starts + g)));
        // x = b0 | b1 << 8 | b2 << 16 | b3 << 24 for the code point's bytes.
        const __m256i x = _mm256_i32gather_epi32(reinterpret_cast<const int*>(w), j, 1);
        const __m256i b0 = _mm256_and_si256(x, mff);
        // The lanes whose info entry is read: beyond the BMP (a four-byte form) none is.
        __m256i bmp = _mm256_cmpeq_epi32(b0, b0);
        // The three-byte form by two multiply-adds: each 16-bit half of the lane's payload
        // bits (lead & 0x0F, then the continuation bytes' six bits) made by maddubs,
        // lead * 64 + b1 and b2, then maddwd: (lead * 64 + b1) * 64 + b2; three
        // instructions, where shifting and masking each byte into place took eight.
        const __m256i c3 = _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_and_si256(x, payload3), byte_weights3),
                                             half_weights3);
        __m256i c = c3;
        if constexpr (decltype(all_forms)::value) {
          const __m256i c2 = _mm256_or_si256(_mm256_slli_epi32(_mm256_and_si256(x, m1f), 6),
                                             _mm256_and_si256(_mm256_srli_epi32(x, 8), m3f));
          const __m256i c4 = _mm256_or_si256(_mm256_or_si256(_mm256_slli_epi32(_mm256_and_si256(x, m07), 18),
                                                             _mm256_and_si256(_mm256_slli_epi32(x, 4), m3f000)),
                                             _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi32(x, 10), mfc0),
                                                             _mm256_and_si256(_mm256_srli_epi32(x, 24), m3f)));
          const __m256i four = _mm256_cmpgt_epi32(b0, below4);
          c = _mm256_blendv_epi8(c2, c3, _mm256_cmpgt_epi32(b0, below3));
          c = _mm256_blendv_epi8(c, c4, four);
          bmp = _mm256_cmpeq_epi32(four, _mm256_setzero_si256());
        }
        // ASCII lanes take the lead byte itself: its top bit, shifted to the lane's sign
        // bit, picks between the two (a float blend reads only the sign bits).
        c = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(b0), _mm256_castsi256_ps(c),
                                                 _mm256_castsi256_ps(_mm256_slli_epi32(x, 24))));
        const __m256i ci = _mm256_mask_i32gather_epi32(beyond, reinterpret_cast<const int*>(info), c, bmp, 4);
        const size_t k = count + g;
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(b.c + k), c);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(b.info + k), ci);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(b.start + k), _mm256_add_epi32(j, offset));
        const __m256i cls = _mm256_and_si256(ci, class_bits);
        // Each lane's code point before: the group before's lane 7, then lanes 0-6 (the
        // halves [last_class's high, cls's low] then [cls's low, cls's high], each pair
        // shifted down by 12 bytes): two instructions and no index vector, where a
        // rotation by an index vector and a blend held one more register.
        const __m256i before = _mm256_alignr_epi8(cls, _mm256_permute2x128_si256(last_class, cls, 0x21), 12);
        same_bits |= uint64_t{lane_bits(_mm256_cmpeq_epi32(cls, before))} << g;
        last_class = cls;
      }
    };
    if (other_forms)
      decode_groups(std::true_type{});
    else
      decode_groups(std::false_type{});
    // The last code point's class, lane (kept_count - 1) % 8 of the last group, in every
    // lane (none kept: lane 7 of a vector holding one class in every lane).
    last_class = _mm256_permutevar8x32_epi32(last_class, set8((kept_count - 1) % 8));
    append_bits(b.breaks, count, ~same_bits & ((uint64_t{1} << kept_count) - 1));  // kept_count <= kTake < 64
    count += kept_count;
    p += m.advance;
  }
  b.count = count;
  carry.pos = p;
  carry.last_class = static_cast<uint32_t>(_mm256_extract_epi32(last_class, 0)) >> kClassShift;
  carry.spaced = spaced != 0;
}

#undef HANFACTS_AVX2

#define HANFACTS_VBMI2 gnu::target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,bmi2,popcnt")

[[HANFACTS_VBMI2, gnu::always_inline]] inline __m512i mask32(uint32_t m) { return _mm512_set1_epi32(static_cast<int>(m)); }

// The window's masks from 64-byte compares; then it compresses the kept starts'
// positions (VBMI2) and, 16 code points at a time, gathers each one's four bytes into a 32-bit lane
// (VBMI's byte permute), decodes all four UTF-8 forms and blends by the lead byte,
// gathers the info entries and compares each class with the one before.
[[HANFACTS_VBMI2]] void decode_vector(std::string_view text, const uint32_t* info, uint32_t beyond_bmp, Carry& carry,
                                     CodePointBlock& b) {
  const auto* const s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t p = carry.pos;
  // The last code point's class in every lane: read from the vector itself, since a
  // load of the entry just stored waits for the store (a store-forwarding stall, and
  // the next group's classes wait on it).
  __m512i last_class = _mm512_set1_epi32(static_cast<int>(carry.last_class));
  uint64_t spaced = carry.spaced;
  size_t count = b.count;
  alignas(64) unsigned char starts[64];
  const __m512i iota = _mm512_set_epi8(63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43,
                                       42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22,
                                       21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  // In each 32-bit lane, its low byte in all four bytes.
  const __m512i spread = _mm512_set4_epi32(0x0C0C0C0C, 0x08080808, 0x04040404, 0x00000000);
  const __m512i next_bytes = _mm512_set1_epi32(0x03020100);
  while (count + kWindow <= CodePointBlock::kCapacity && p < n) {
    const size_t left = n - p;
    // Past the text's end the bytes read as 0 (never a space or a continuation byte).
    const __m512i v = left >= 64 ? _mm512_loadu_si512(s + p) : _mm512_maskz_loadu_epi8((uint64_t{1} << left) - 1, s + p);
    const uint64_t cont = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v, _mm512_set1_epi8(static_cast<char>(0xC0))),
                                                 _mm512_set1_epi8(static_cast<char>(0x80)));
    const uint64_t space = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(' '));
    const WindowMasks m = window_masks(cont, space, left, spaced);
    const uint64_t kept = m.kept;
    const uint64_t spaced_bits = _pext_u64(m.spaced, kept);
    const size_t advance = m.advance;
    const auto kept_count = static_cast<unsigned>(std::popcount(kept));
    _mm512_store_si512(starts, _mm512_maskz_compress_epi8(kept, iota));
    const auto offset = static_cast<uint32_t>(p - b.base);
    for (unsigned g = 0; g < kept_count; g += 16) {
      const __m512i j = _mm512_cvtepu8_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(starts + g)));
      const __m512i x = _mm512_permutexvar_epi8(_mm512_add_epi8(_mm512_shuffle_epi8(j, spread), next_bytes), v);
      // x = b0 | b1 << 8 | b2 << 16 | b3 << 24 for the code point's bytes.
      const __m512i b0 = _mm512_and_si512(x, mask32(0xFF));
      const __m512i c2 = _mm512_or_si512(_mm512_slli_epi32(_mm512_and_si512(x, mask32(0x1F)), 6),
                                         _mm512_and_si512(_mm512_srli_epi32(x, 8), mask32(0x3F)));
      const __m512i c3 = _mm512_or_si512(_mm512_or_si512(_mm512_slli_epi32(_mm512_and_si512(x, mask32(0x0F)), 12),
                                                         _mm512_and_si512(_mm512_srli_epi32(x, 2), mask32(0xFC0))),
                                         _mm512_and_si512(_mm512_srli_epi32(x, 16), mask32(0x3F)));
      const __m512i c4 = _mm512_or_si512(_mm512_or_si512(_mm512_slli_epi32(_mm512_and_si512(x, mask32(0x07)), 18),
                                                         _mm512_and_si512(_mm512_slli_epi32(x, 4), mask32(0x3F000))),
                                         _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi32(x, 10), mask32(0xFC0)),
                                                         _mm512_and_si512(_mm512_srli_epi32(x, 24), mask32(0x3F))));
      __m512i c = _mm512_mask_mov_epi32(c2, _mm512_cmpge_epu32_mask(b0, mask32(0xE0)), c3);
      c = _mm512_mask_mov_epi32(c, _mm512_cmpge_epu32_mask(b0, mask32(0xF0)), c4);
      c = _mm512_mask_mov_epi32(c, _mm512_cmplt_epu32_mask(b0, mask32(0x80)), b0);
      const unsigned lanes = kept_count - g < 16 ? kept_count - g : 16;
      const auto valid = static_cast<__mmask16>((1u << lanes) - 1);
      const __mmask16 bmp = _mm512_cmplt_epu32_mask(c, mask32(0x10000)) & valid;
      const __m512i ci = _mm512_mask_i32gather_epi32(mask32(beyond_bmp), bmp, c, info, 4);
      const size_t k = count + g;
      _mm512_storeu_si512(b.c + k, c);
      _mm512_storeu_si512(b.info + k, ci);
      _mm512_storeu_si512(b.start + k, _mm512_add_epi32(j, mask32(offset)));
      const __m512i cls = _mm512_and_si512(_mm512_srli_epi32(ci, kClassShift), mask32(3));
      const __m512i before = _mm512_alignr_epi32(cls, last_class, 15);
      append_bits(b.breaks, k, _mm512_cmpneq_epu32_mask(cls, before) & valid);
      last_class = _mm512_permutexvar_epi32(mask32(lanes - 1), cls);
    }
    append_bits(b.spaced, count, spaced_bits);
    count += kept_count;
    p += advance;
  }
  b.count = count;
  carry.pos = p;
  carry.last_class = static_cast<uint32_t>(_mm512_cvtsi512_si32(last_class));
  carry.spaced = spaced != 0;
}

#undef HANFACTS_VBMI2

#else
constexpr bool kHasAvx2 = false, kHasVbmi2 = false;
void decode_avx2(std::string_view, const uint32_t*, uint32_t, Carry&, CodePointBlock&) {}
void decode_vector(std::string_view, const uint32_t*, uint32_t, Carry&, CodePointBlock&) {}
#endif

}  // namespace

CodePointReader::CodePointReader(std::string_view text, const uint32_t* info, uint32_t beyond_bmp, Isa best)
    : text_(text),
      info_(info),
      beyond_bmp_(beyond_bmp),
      isa_(best >= Isa::kAvx512 && kHasVbmi2 ? Isa::kAvx512 : best >= Isa::kAvx2 && kHasAvx2 ? Isa::kAvx2 : Isa::kScalar) {}

bool CodePointReader::next(CodePointBlock& b) {
  b.base = carry_.pos;
  b.count = 0;
  // At the end no decoder runs: a vector one's set-up (its masks) is most of a call that
  // decodes nothing, and every scan ends with one.
  if (carry_.pos >= text_.size()) return false;
  std::memset(b.spaced, 0, sizeof b.spaced);
  std::memset(b.breaks, 0, sizeof b.breaks);
  switch (isa_) {
    case Isa::kAvx512: decode_vector(text_, info_, beyond_bmp_, carry_, b); break;
    case Isa::kAvx2: decode_avx2(text_, info_, beyond_bmp_, carry_, b); break;
    case Isa::kScalar: decode_scalar(text_, info_, beyond_bmp_, carry_, b); break;
  }
  b.info[b.count] = beyond_bmp_;  // the end marker
  b.c[b.count] = 0;
  return b.count > 0;
}

}  // namespace hanfacts::org
