#include "text/cpu.h"
#include "text/fold.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// HANFACTS_FOLD_NO_AVX2 builds only the SSE2/scalar block scan (to test it on AVX2 machines).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(HANFACTS_FOLD_NO_AVX2)
#include <immintrin.h>
#define HANFACTS_FOLD_AVX2 1
#endif

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <vector>

#include "text/fold_data.h"
#include "text/utf8.h"

namespace hanfacts::text {
namespace {

// Hangul and Han counts in one word: Hangul in the low 32 bits, Han in the high ones
// (at most kLangWindow code points are counted, so neither overflows).
constexpr uint64_t kOneHangul = 1, kOneHan = uint64_t{1} << 32;

constexpr uint64_t lang_unit(char32_t c) {
  return is_hangul_syllable(c) ? kOneHangul : is_han(c) ? kOneHan : 0;
}

// lang_unit by BMP block of 64 code points: is_hangul_syllable and is_han start and end
// on block bounds except in two blocks (U+3000 with 〇, U+D780 with the last
// syllables), marked kMixedBlock and decided per code point.
constexpr uint64_t kMixedBlock = uint64_t{1} << 63;
constexpr auto kLangByBlock = [] {
  std::array<uint64_t, 0x10000 / 64> units{};
  for (char32_t block = 0; block < 0x10000 / 64; ++block) {
    int hangul = 0, han = 0;
    for (char32_t c = block * 64; c < block * 64 + 64; ++c) {
      hangul += is_hangul_syllable(c);
      han += is_han(c);
    }
    units[block] = hangul == 64 ? kOneHangul : han == 64 ? kOneHan : hangul + han == 0 ? 0 : kMixedBlock;
  }
  return units;
}();

// lang_unit summed over the code points of `s`. Hangul syllables and BMP Han are the
// three-byte form, decoded in place; other multi-byte forms (Han outside the BMP) and
// malformed bytes go through next_code_point (an overlong or surrogate three-byte form
// decodes to no unit either way).
uint64_t lang_units(std::string_view s) {
  uint64_t units = 0;
  for (size_t i = 0; i < s.size();) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    if (p[0] < 0x80) {
      ++i;
    } else if ((p[0] & 0xF0) == 0xE0 && i + 2 < s.size() && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      units += lang_unit(decode3(p));
      i += 3;
    } else {
      units += lang_unit(next_code_point(s, i));
    }
  }
  return units;
}

// Fold results for every BMP code point, from the table generated at build time
// (text/fold_data.h). Outside the BMP (rare in news: extension-B ideographs, emoji)
// code points fold to themselves.
class FoldTable {
 public:
  // Built once per run, at start-up (6,300 entries): the pool and the folds are sized
  // first and written in place, where an append and a push_back per entry were calls.
  FoldTable() {
    identity_bits_.fill(~uint64_t{0});
    // Surrogates fold to "" (not identity): U+D800..U+DFFF are whole blocks of 64.
    static_assert(0xD800 % 64 == 0 && 0xE000 % 64 == 0);
    std::fill(identity_bits_.begin() + 0xD800 / 64, identity_bits_.begin() + 0xE000 / 64, uint64_t{0});
    // fold_of() reads the slots of code points that do not fold to themselves: those
    // set below, and surrogates (slot 0, as when the array was zeroed first; the scans
    // never ask for them). The other slots are never read and not cleared (128 KB).
    std::fill(slot_.begin() + 0xD800, slot_.begin() + 0xE000, uint16_t{0});
    size_t pool_size = 0;
    for (size_t k = 0; k < fold_data::kEntryCount; ++k) pool_size += fold_data::kEntries[k].length;
    pool_.assign(pool_size + kPad, '\0');  // a fold is copied kPad bytes at a time when it fits
    folds_.resize(fold_data::kEntryCount);
    char* const pool = pool_.data();
    uint32_t at = 0;
    for (size_t k = 0; k < fold_data::kEntryCount; ++k) {
      const fold_data::FoldEntry& e = fold_data::kEntries[k];
      std::memcpy(pool + at, e.folded, e.length);
      folds_[k] = Fold{at, e.length, is_han(e.code_point), lang_units(std::string_view(e.folded, e.length))};
      slot_[e.code_point] = static_cast<uint16_t>(k);
      identity_bits_[e.code_point >> 6] &= ~(uint64_t{1} << (e.code_point & 63));
      at += e.length;
    }
    // Every entry an index can address (a lead's low four bits, a second byte's low six)
    // is written here, so the arrays are not zeroed first (two 126 KB clears). Below
    // U+0800 a three-byte sequence is overlong: never identity, no units.
    for (uint32_t high = 0; high < 0x400; ++high) {
      const size_t index = (high >> 6) | ((high & 0x3F) << 8);
      three_identity_[index] = high >= 0x20 ? identity_bits_[high] : 0;
      three_lang_[index] = high >= 0x20 ? kLangByBlock[high] : 0;
    }
    // The syllables' bits a word at a time: U+AC00 starts a block of 64, the last
    // syllable's block holds 32 of them (U+D780..U+D79F).
    static_assert(0xAC00 % 64 == 0 && 0xD7A0 % 64 == 32);
    hangul_identity_ = true;
    for (size_t w = 0xAC00 / 64; w < 0xD7A0 / 64; ++w) hangul_identity_ &= identity_bits_[w] == ~uint64_t{0};
    hangul_identity_ &= (identity_bits_[0xD7A0 / 64] & 0xFFFFFFFFu) == 0xFFFFFFFFu;
  }

  // One bit per BMP code point (8 KB, stays in the L1 cache while text is scanned).
  bool identity(char32_t c) const { return c >= 0x10000 || ((identity_bits_[c >> 6] >> (c & 63)) & 1) != 0; }

  // The fold of a code point that does not fold to itself, with the language units
  // (lang_unit) of the code points it folds to. Readable for kPad bytes from `text`.
  static constexpr size_t kPad = 16;
  struct Fold {
    uint32_t offset = 0;
    uint8_t length = 0;
    bool han = false;  // the code point itself is Han (is_han): a Traditional count
    uint64_t lang = 0;
  };
  const Fold& fold_of(char32_t c) const { return folds_[slot_[c]]; }
  const char* pool() const { return pool_.data(); }
  std::string_view folded(char32_t c) const {
    const Fold& f = fold_of(c);
    return {pool_.data() + f.offset, f.length};
  }

  // What the scan needs about a three-byte sequence, by its first two bytes: the
  // identity bits and the kLangByBlock entry of the 64 code points they start (none are
  // identity below U+0800, where the sequence would be overlong). Two arrays, so that an
  // index scales by 8 within the load. Indexed by the sequence's first two bytes as a
  // little-endian word masked with 0x3F0F (payload bits 15-12 in bits 3-0, bits 11-6 in
  // bits 13-8): one AND instead of shifting the bits together. Of each array's 16 K
  // entries 1 K are used, in 64 runs of 16 (8 KB touched).
  const uint64_t* three_identity() const { return three_identity_.get(); }
  const uint64_t* three_lang() const { return three_lang_.get(); }

  // Every Hangul syllable up to U+D79F folds to itself (true with every ICU so far): the
  // block scan then takes them by their bytes alone, without a lookup.
  bool hangul_identity() const { return hangul_identity_; }

 private:
  // Not zeroed when made (new T[n], not new T[n]()): see the constructor.
  std::unique_ptr<uint64_t[]> three_identity_{new uint64_t[0x3F10]}, three_lang_{new uint64_t[0x3F10]};
  std::string pool_;
  std::vector<Fold> folds_;
  std::array<uint16_t, 0x10000> slot_;  // not zeroed: see the constructor
  std::array<uint64_t, 0x10000 / 64> identity_bits_{};
  bool hangul_identity_ = false;
};

const FoldTable& table() {
  static const FoldTable* const kTable = new FoldTable();  // built once, never freed
  return *kTable;
}

// The scan takes text in blocks of 64 bytes, classified 32 at a time. For each byte of
// 32, a bit in each of these masks (bit k for byte k) says what kind of byte it is; the
// masks are computed for all 32 bytes at once (AVX2 where the CPU has it, else SSE2,
// else byte by byte), so that text which folds to itself costs no branch per byte and
// no lookup per Hangul syllable. Reads p[0, 33).
struct BlockMasks {
  uint32_t plain = 0;   // ASCII other than an upper-case letter: folds to itself
  uint32_t upper = 0;   // 'A'..'Z': folds to the lower-case letter, same length
  uint32_t lead3 = 0;   // 1110xxxx: starts a three-byte sequence
  uint32_t cont = 0;    // 10xxxxxx
  // Leads by their first two bytes (only meaningful where a whole sequence follows):
  uint32_t hangul = 0;  // U+AC00..U+D79F, Hangul syllables (EA B0 .. ED 9D)
  uint32_t han = 0;     // U+4E00..U+9FFF, CJK unified ideographs (E4 B8 .. E9 BF)
};

// The classifiers are objects so that their constants are set up once per text, not
// once per block.
#if defined(HANFACTS_FOLD_AVX2)
class ClassifyAvx2 {
 public:
  [[gnu::target("avx2")]] ClassifyAvx2()
      : a_(set1('A')), w25_(set1(25)), x20_(set1(0x20)), xF0_(set1(0xF0)), xE0_(set1(0xE0)), xC0_(set1(0xC0)),
        x0F_(set1(0x0F)), xE9_(set1(0xE9)), second_min_(by_nibble(kSecondMin)), second_max_(by_nibble(kSecondMax)) {}

  // With kStore, also stores the block with upper-case letters lowered at `out`.
  template <bool kStore>
  [[gnu::target("avx2")]] BlockMasks operator()(const unsigned char* p, char* out) const {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
    const __m256i upper = in_range(v, a_, w25_);
    BlockMasks m;
    m.upper = bits(upper);
    m.plain = ~bits(v) & ~m.upper;
    m.lead3 = bits(_mm256_cmpeq_epi8(_mm256_and_si256(v, xF0_), xE0_));
    m.cont = bits(_mm256_cmpgt_epi8(xC0_, v));  // signed: 0x80..0xBF are the bytes below 0xC0
    // A lead's low nibble picks the range its second byte must be in for a Hangul
    // syllable or a Han character (kSecondMin/Max, one table lookup for both), and leads
    // from 0xEA on are the Hangul ones.
    const __m256i nibble = _mm256_and_si256(v, x0F_);
    const __m256i lo = _mm256_shuffle_epi8(second_min_, nibble), hi = _mm256_shuffle_epi8(second_max_, nibble);
    const __m256i second_ge = _mm256_cmpeq_epi8(_mm256_max_epu8(v1, lo), v1);
    const __m256i second_le = _mm256_cmpeq_epi8(_mm256_min_epu8(v1, hi), v1);
    const uint32_t syllable_or_han = bits(_mm256_and_si256(second_ge, second_le)) & m.lead3;
    const uint32_t from_ea = bits(_mm256_cmpgt_epi8(v, xE9_));  // signed: 0xEA..0xFF (and ASCII, not a lead)
    m.hangul = syllable_or_han & from_ea;
    m.han = syllable_or_han & ~from_ea;
    if constexpr (kStore)
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm256_or_si256(v, _mm256_and_si256(upper, x20_)));
    return m;
  }

 private:
  // The empty asm hides the value from the optimizer: the vector is then built once and
  // kept, where the compiler would otherwise rebuild it from an immediate in every block.
  [[gnu::target("avx2")]] static __m256i set1(unsigned v) {
    __m256i x = _mm256_set1_epi8(static_cast<char>(v));
    asm("" : "+x"(x));
    return x;
  }
  [[gnu::target("avx2")]] static uint32_t bits(__m256i m) { return static_cast<uint32_t>(_mm256_movemask_epi8(m)); }
  // lo <= v <= lo + width, unsigned.
  [[gnu::target("avx2")]] static __m256i in_range(__m256i v, __m256i lo, __m256i width) {
    const __m256i x = _mm256_sub_epi8(v, lo);
    return _mm256_cmpeq_epi8(_mm256_min_epu8(x, width), x);
  }
  // The second bytes of a Hangul syllable (U+AC00..U+D79F: EA B0 .. ED 9D) or a CJK unified
  // ideograph (U+4E00..U+9FFF: E4 B8 .. E9 BF) by the low nibble of the lead: the range
  // [kSecondMin, kSecondMax], empty for the leads of neither.
  static constexpr unsigned char kSecondMin[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xB8, 0x80, 0x80, 0x80,
                                                   0x80, 0x80, 0xB0, 0x80, 0x80, 0x80, 0xFF, 0xFF};
  static constexpr unsigned char kSecondMax[16] = {0x00, 0x00, 0x00, 0x00, 0xBF, 0xBF, 0xBF, 0xBF,
                                                   0xBF, 0xBF, 0xBF, 0xBF, 0xBF, 0x9D, 0x00, 0x00};
  // A table of 16 bytes in both lanes, for _mm256_shuffle_epi8.
  [[gnu::target("avx2")]] static __m256i by_nibble(const unsigned char (&table)[16]) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(table)));
  }
  __m256i a_, w25_, x20_, xF0_, xE0_, xC0_, x0F_, xE9_, second_min_, second_max_;
};
// Every CPU with AVX2 so far also has BMI1 and BMI2; scan_avx2 uses them too.
const bool kHasAvx2 = cpu::avx2() && cpu::bmi1() && cpu::bmi2();
// AVX-512 (F, BW, VL) doubles the vector registers to 32, enough for the classifier's
// sixteen constants and the block's vectors at once (see FoldBuilder::scan_avx512).
const bool kHasAvx512 = cpu::avx512() && cpu::bmi2();
#endif

// The same masks without AVX2: two halves with SSE2, else byte by byte.
class ClassifyGeneric {
 public:
  template <bool kStore>
  BlockMasks operator()(const unsigned char* p, char* out) const {
    return masks(p, kStore ? out : nullptr);
  }

 private:
  // When `out` is set, also stores the block with upper-case letters lowered there.
  BlockMasks masks(const unsigned char* p, char* out) const {
#if defined(__SSE2__)
    const BlockMasks lo = half(p, out), hi = half(p + 16, out != nullptr ? out + 16 : nullptr);
    return {lo.plain | hi.plain << 16, lo.upper | hi.upper << 16, lo.lead3 | hi.lead3 << 16,
            lo.cont | hi.cont << 16,   lo.hangul | hi.hangul << 16, lo.han | hi.han << 16};
#else
    BlockMasks m;
    for (unsigned k = 0; k < 32; ++k) {
      const unsigned b = p[k], b1 = p[k + 1];
      const uint32_t bit = uint32_t{1} << k;
      const bool upper = b - 'A' < 26u;
      if (b < 0x80 && !upper) m.plain |= bit;
      if (upper) m.upper |= bit;
      if ((b & 0xF0) == 0xE0) m.lead3 |= bit;
      if ((b & 0xC0) == 0x80) m.cont |= bit;
      if (b == 0xEB || b == 0xEC || (b == 0xEA && b1 >= 0xB0) || (b == 0xED && b1 <= 0x9D)) m.hangul |= bit;
      if ((b >= 0xE5 && b <= 0xE9) || (b == 0xE4 && b1 >= 0xB8)) m.han |= bit;
      if (out != nullptr) out[k] = static_cast<char>(upper ? b | 0x20 : b);
    }
    return m;
#endif
  }

#if defined(__SSE2__)
  static __m128i set1(unsigned v) { return _mm_set1_epi8(static_cast<char>(v)); }
  static uint32_t bits(__m128i m) { return static_cast<uint32_t>(_mm_movemask_epi8(m)); }
  static __m128i in_range(__m128i v, unsigned lo, unsigned width) {  // lo <= v <= lo + width, unsigned
    const __m128i x = _mm_sub_epi8(v, set1(lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(x, set1(width)), x);
  }
  // Sixteen bytes (masks in bits 0-15).
  static BlockMasks half(const unsigned char* p, char* out) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    const __m128i upper = in_range(v, 'A', 25);
    const auto eq = [&](unsigned b) { return _mm_cmpeq_epi8(v, set1(b)); };
    const auto sec_ge = [&](unsigned b) { return _mm_cmpeq_epi8(_mm_max_epu8(v1, set1(b)), v1); };
    const __m128i sec_le_9d = _mm_cmpeq_epi8(_mm_min_epu8(v1, set1(0x9D)), v1);
    BlockMasks m;
    m.upper = bits(upper);
    m.plain = ~bits(v) & 0xFFFFu & ~m.upper;
    m.lead3 = bits(_mm_cmpeq_epi8(_mm_and_si128(v, set1(0xF0)), set1(0xE0)));
    m.cont = bits(_mm_cmpgt_epi8(set1(0xC0), v));  // signed: 0x80..0xBF are the bytes below 0xC0
    m.hangul = bits(_mm_or_si128(in_range(v, 0xEB, 1),
                                 _mm_or_si128(_mm_and_si128(eq(0xEA), sec_ge(0xB0)), _mm_and_si128(eq(0xED), sec_le_9d))));
    m.han = bits(_mm_or_si128(in_range(v, 0xE5, 4), _mm_and_si128(eq(0xE4), sec_ge(0xB8))));
    if (out != nullptr) _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_or_si128(v, _mm_and_si128(upper, set1(0x20))));
    return m;
  }
#endif
};

// Bits 0..k-1 (k <= 64).
constexpr uint64_t below(size_t k) { return k >= 64 ? ~uint64_t{0} : (uint64_t{1} << k) - 1; }

}  // namespace

void append_folded(std::string& out, char32_t c) {
  const FoldTable& t = table();
  if (t.identity(c)) append_utf8(out, c);
  else out += t.folded(c);
}

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append_folded(out, next_code_point(s, i));
  return out;
}

// The constructor's one pass. Most Korean and Simplified Chinese news folds to itself:
// until the first change nothing is written (identity_, no copy, no map). From the
// first change on the folded text is written into folded_ at index f, which is kept at
// least kSlack bytes (plus what is left of the original) short of its size, so that a
// whole block or fold can be stored and the excess overwritten later.
class FoldBuilder {
 public:
  FoldBuilder(FoldedText& ft, std::string_view original)
      : ft_(ft),
        t_(table()),
        original_(original),
        s_(reinterpret_cast<const unsigned char*>(original.data())),
        n_(original.size()) {}

  void run() {
#if defined(HANFACTS_FOLD_AVX2)
    if (kHasAvx512) scan_avx512(*this);
    else if (kHasAvx2) scan_avx2(*this);
    else scan<ClassifyGeneric>();
#else
    scan<ClassifyGeneric>();
#endif
    ft_.hangul_ = static_cast<uint32_t>(lang_);
    ft_.han_ = static_cast<size_t>(lang_ >> 32);
    if (ft_.identity_) return;
    ft_.folded_.resize(f_);
    ft_.anchors_.push_back({static_cast<uint32_t>(f_), static_cast<uint32_t>(n_), 0, 0, 0});
  }

  // The block scan with a given classify (instantiated once per instruction set). The
  // state lives in locals while blocks are taken (the stores through `out` could
  // otherwise alias the members) and in the members around step().
  template <class Classify>
  [[gnu::always_inline]] inline void scan() {
    const Classify classify;
    const uint64_t* const identity = t_.three_identity();
    const uint64_t* const three_lang = t_.three_lang();
    const bool hangul_identity = t_.hangul_identity();
    const unsigned char* const s = s_;
    const size_t n = n_;
    size_t i = i_, f = f_;
    char* out = out_;
    uint64_t lang = lang_;
    // The text's last bytes go through a zero-padded copy (a block reads 67 bytes).
    alignas(32) unsigned char tail[128];
    // The blocks, compiled twice: before the copy starts (nothing is written; an upper-case
    // letter or a change stops the block for step(), which starts the copy) and once
    // copying (every block is stored, upper-case letters lowered, and folded in place), so
    // that no block asks which.
    const auto take_blocks = [&]<bool kCopying>() {
      while (i < n) {
        if (!kCopying && out != nullptr) return;
        const unsigned char* p = s + i;
        uint64_t limit_bits = 0;  // bytes past the end of the text
        if (n - i < 67) {
          std::memset(tail, 0, sizeof tail);
          std::memcpy(tail, s + i, n - i);
          p = tail;
          limit_bits = ~below(n - i);
        }
        // 64 bytes in two halves: the scalar work below is per block, so a block twice as
        // long costs it half as often per byte.
        const BlockMasks lo = classify.template operator()<kCopying>(p, kCopying ? out + f : nullptr);
        const BlockMasks hi = classify.template operator()<kCopying>(p + 32, kCopying ? out + f + 32 : nullptr);
        const auto join = [](uint32_t low, uint32_t high) { return low | uint64_t{high} << 32; };
        const uint64_t plain = join(lo.plain, hi.plain), upper = join(lo.upper, hi.upper),
                       lead3 = join(lo.lead3, hi.lead3), cont = join(lo.cont, hi.cont), han = join(lo.han, hi.han);
        const uint64_t hangul = hangul_identity ? join(lo.hangul, hi.hangul) : 0;
        // Fine: ASCII that folds to itself (and upper-case letters once copying: lowered in
        // the copy), three-byte leads, continuation bytes exactly where a lead one or two
        // bytes before expects one.
        const uint64_t bad =
            ~(plain | (kCopying ? upper : 0) | lead3 | cont) | (cont ^ ((lead3 << 1) | (lead3 << 2))) | limit_bits;
        size_t end = bad != 0 ? static_cast<size_t>(__builtin_ctzll(bad)) : 64;
        bool stop = bad != 0;
        // A sequence cut by `end` is left for the next block or for step().
        if (end >= 1 && ((lead3 >> (end - 1)) & 1u) != 0) end -= 1;
        else if (end >= 2 && ((lead3 >> (end - 2)) & 1u) != 0) end -= 2;
        // Three-byte sequences other than Hangul syllables: identity by table.
        const uint64_t changed = changed_leads(p, lead3 & ~hangul & below(end), identity);
        uint64_t folded = 0;  // the leads folded in the block's copy
        size_t shrink = 0;    // bytes the block's copy lost to them
        if (changed != 0) {
          // Once copying, code points whose folds are no longer than them (full-width
          // punctuation and digits, Traditional characters: in Chinese text one every few
          // dozen bytes) are folded in the block's copy, where stopping at each would
          // classify the rest of the block again. Not in the block that the language
          // window ends in, so that the window holds all of the block's code points or none.
          size_t first_left = static_cast<size_t>(__builtin_ctzll(changed));
          if (kCopying && (f + 64 <= FoldedText::kLangWindow || f >= FoldedText::kLangWindow)) {
            const InBlock r = fold_in_block(p, changed, out + f, f, i, f < FoldedText::kLangWindow);
            lang += r.units;
            shrink = r.shrink;
            first_left = r.first_left;
            folded = changed & below(first_left);
          }
          if (first_left < 64) {
            end = first_left;  // step() takes it
            stop = true;
          }
        }
        if (f < FoldedText::kLangWindow) {
          // Without folds in the block its bytes are as many folded as original ones; with
          // them the whole block is in the window.
          const uint64_t counted = below(end) & below(FoldedText::kLangWindow - f) & ~folded;
          lang += static_cast<uint64_t>(__builtin_popcountll(hangul & counted)) * kOneHangul +
                  static_cast<uint64_t>(__builtin_popcountll(han & counted)) * kOneHan;
          for (uint64_t rest = lead3 & ~hangul & ~han & counted; rest != 0; rest &= rest - 1) {
            const auto q = static_cast<unsigned>(__builtin_ctzll(rest));
            uint32_t x;
            std::memcpy(&x, p + q, 4);
            const uint64_t units = three_lang[x & 0x3F0Fu];
            lang += units != kMixedBlock ? units : lang_unit(decode3(p + q));
          }
        }
        i += end, f += end - shrink;
        if (!stop || i >= n) continue;
        i_ = i, f_ = f, lang_ = lang;
        step();
        i = i_, f = f_, out = out_, lang = lang_;
      }
    };
    take_blocks.template operator()<false>();
    take_blocks.template operator()<true>();
    i_ = i, f_ = f, lang_ = lang;
  }

 private:
  static constexpr size_t kSlack = 128;

  // The leads among `leads` (bit k: a three-byte sequence starts at p[k]) whose code
  // points do not fold to themselves. Surrogates and overlong forms never do. (The bits
  // are taken as 64 and the bytes read apart: fewer instructions per lead.)
  [[gnu::always_inline]] static inline uint64_t changed_leads(const unsigned char* p, uint64_t leads,
                                                              const uint64_t* identity) {
    uint64_t changed = 0;
    for (; leads != 0; leads &= leads - 1) {
      const auto q = static_cast<size_t>(__builtin_ctzll(leads));
      uint16_t first_two;
      std::memcpy(&first_two, p + q, 2);
      if (((identity[first_two & 0x3F0Fu] >> (p[q + 2] & 0x3Fu)) & 1) == 0) changed |= leads & -leads;
    }
    return changed;
  }

  // Folds the `changed` leads of a block (read at p, original byte o; its copy at `out`,
  // folded byte `at_f`) in the copy, in order, up to the first whose fold is longer than
  // it or that is malformed: each fold replaces its code point there and the rest of the
  // copy moves up behind it. Returns the language units of the folds when `counted` (the
  // block is in the language window), the bytes the copy shrank by, and the position of
  // the first lead left (64 when none). Inlined into the scan (flatten): a call cost the
  // scan's vector registers, all of them saved and restored around it, in every block of
  // Chinese text.
  struct InBlock {
    uint64_t units;
    uint32_t shrink, first_left;
  };
  InBlock fold_in_block(const unsigned char* p, uint64_t changed, char* out, size_t at_f, size_t o, bool counted) {
    InBlock r{0, 0, 64};
    for (; changed != 0; changed &= changed - 1) {
      const auto q = static_cast<uint32_t>(__builtin_ctzll(changed));
      const char32_t c = decode3(p + q);
      const FoldTable::Fold* fo = c >= 0x800 && (c < 0xD800 || c > 0xDFFF) ? &t_.fold_of(c) : nullptr;
      if (fo == nullptr || fo->length > 3) {
        r.first_left = q;
        break;
      }
      if (counted) {
        r.units += fo->lang;
        ft_.traditional_ += fo->han;
      }
      char* const at = out + q - r.shrink;
      put_in_block(at, t_.pool() + fo->offset, fo->length);
      if (fo->length != 3) add_change(at_f + q - r.shrink, o + q, 3, fo->length);
      r.shrink += 3 - fo->length;
    }
    return r;
  }

  // Replaces the three-byte code point that a block's copy holds at `at` by its fold
  // `rep` (at most three bytes, readable for FoldTable::kPad) and moves the rest of the
  // copy up behind it. Reads and writes [at, at + 67), within the copy's slack. (The rest
  // goes through four 16-byte values, not an array, which the compiler stored to the
  // stack on the way.)
  static void put_in_block(char* at, const char* rep, size_t len) {
    using Chunk = char __attribute__((vector_size(16)));
    Chunk rest[4];
    std::memcpy(&rest[0], at + 3, 16);
    std::memcpy(&rest[1], at + 19, 16);
    std::memcpy(&rest[2], at + 35, 16);
    std::memcpy(&rest[3], at + 51, 16);
    std::memcpy(at, rep, 4);
    std::memcpy(at + len, &rest[0], 16);
    std::memcpy(at + len + 16, &rest[1], 16);
    std::memcpy(at + len + 32, &rest[2], 16);
    std::memcpy(at + len + 48, &rest[3], 16);
  }

  void start_copy() {
    ft_.identity_ = false;
    // The copy goes into the bytes the last text left (assign() keeps them, with their
    // size): every byte of the folded text is written before run() cuts it to size, and
    // the slack past it holds whatever the stores leave there anyway, so only room
    // beyond the last size is made (and cleared); the whole copy cleared first was a
    // memset per text that folds.
    if (ft_.folded_.size() < n_ + kSlack) ft_.folded_.resize(n_ + kSlack);
    out_ = ft_.folded_.data();
    std::memcpy(out_, s_, i_);  // f_ == i_ so far
    ft_.anchors_.push_back({});
  }

  // Original bytes [o, o + olen), one code point, fold to `flen` bytes at folded byte
  // at_f, and olen != flen: the last anchor's run takes it when it ends right there with
  // the same lengths, else it starts an anchor (the gap before it is implied).
  void add_change(size_t at_f, size_t o, size_t olen, size_t flen) {
    std::vector<FoldedText::Anchor>& anchors = ft_.anchors_;
    FoldedText::Anchor& last = anchors.back();
    if (end_f_ == at_f && end_o_ == o && last.olen == olen && last.flen == flen && last.count < UINT16_MAX) {
      ++last.count;
      end_f_ += flen, end_o_ += olen;
      return;
    }
    const FoldedText::Anchor a{static_cast<uint32_t>(at_f), static_cast<uint32_t>(o), static_cast<uint8_t>(olen),
                               static_cast<uint8_t>(flen), 1};
    if (last.folded == a.folded && last.original == a.original) last = a;  // the first anchor, with no run
    else anchors.push_back(a);
    end_f_ = at_f + flen, end_o_ = o + olen;
  }

  // Original bytes [i_, j) fold to rep (readable for FoldTable::kPad bytes), whose code
  // points have the language units `units`.
  void replace(size_t j, const char* rep, size_t len, uint64_t units) {
    if (out_ == nullptr) start_copy();
    std::string& folded = ft_.folded_;
    if (f_ + len + (n_ - j) + kSlack > folded.size()) {  // grows: only expansions get here
      folded.resize(std::max(f_ + len + (n_ - j) + kSlack, folded.size() * 3 / 2));
      out_ = folded.data();
    }
    put(out_, f_, i_, j - i_, rep, len, units, lang_);
    f_ += len;
    i_ = j;
  }

  // Stores the fold `rep` (`len` bytes, readable for FoldTable::kPad; language units
  // `units`) of original bytes [o, o + olen) at folded byte f of `out`, which has room.
  [[gnu::always_inline]] inline void put(char* out, size_t f, size_t o, size_t olen, const char* rep, size_t len,
                                         uint64_t units, uint64_t& lang) {
    if (len <= FoldTable::kPad) std::memcpy(out + f, rep, FoldTable::kPad);
    else std::memcpy(out + f, rep, len);
    if (f + len <= FoldedText::kLangWindow) {
      lang += units;
    } else {
      const std::string_view r(rep, len);
      for (size_t k = 0; k < len && f + k < FoldedText::kLangWindow;) lang += lang_unit(next_code_point(r, k));
    }
    if (len != olen) add_change(f, o, olen, len);
  }

  // One code point that the block scan does not take: an upper-case letter before the
  // first change, a code point that folds to something else, one not three bytes long,
  // malformed bytes, a sequence cut by the end of the text.
  [[gnu::noinline]] void step() {
    const unsigned b = s_[i_];
    if (b < 0x80) {
      const char c = static_cast<char>(b - 'A' < 26u ? b | 0x20 : b);
      if (c != static_cast<char>(b) && out_ == nullptr) start_copy();
      if (out_ != nullptr) out_[f_] = c;
      ++i_, ++f_;
      return;
    }
    size_t j = i_;
    const char32_t c = next_code_point(original_, j);
    if (c == kReplacement && j - i_ != 3) {
      static constexpr char kFffd[FoldTable::kPad] = "\xEF\xBF\xBD";
      if (ft_.first_invalid_ == std::string_view::npos) ft_.first_invalid_ = i_;
      replace(j, kFffd, 3, 0);
    } else if (!t_.identity(c)) {
      // Counted with the folded Han that `replace` adds, over the same window.
      if (is_han(c) && f_ < FoldedText::kLangWindow) ++ft_.traditional_;
      const FoldTable::Fold& fo = t_.fold_of(c);
      replace(j, t_.pool() + fo.offset, fo.length, fo.lang);
    } else {
      if (f_ < FoldedText::kLangWindow) lang_ += lang_unit(c);
      if (out_ != nullptr) std::memcpy(out_ + f_, s_ + i_, j - i_);
      f_ += j - i_;
      i_ = j;
    }
  }

#if defined(HANFACTS_FOLD_AVX2)
  // Flattened: scan() and ClassifyAvx2 are compiled into this function, with AVX2, BMI
  // and POPCNT enabled for all of it (BMI: the bit loops' TZCNT/BLSR, SHRX).
  [[gnu::target("avx2,bmi,bmi2,popcnt"), gnu::flatten]] static void scan_avx2(FoldBuilder& b) {
    b.scan<ClassifyAvx2>();
  }
  // The same code compiled for AVX-512 machines: the instructions are ClassifyAvx2's,
  // but with 32 vector registers the compiler keeps the classifier's constants there,
  // where with 16 it reloads several from the stack in every block.
  [[gnu::target("avx2,avx512f,avx512bw,avx512vl,bmi,bmi2,popcnt"), gnu::flatten]] static void scan_avx512(
      FoldBuilder& b) {
    b.scan<ClassifyAvx2>();
  }
#endif

  FoldedText& ft_;
  const FoldTable& t_;
  std::string_view original_;
  const unsigned char* s_;
  size_t n_;
  char* out_ = nullptr;  // folded_.data() once copying
  size_t i_ = 0, f_ = 0;  // original byte i_ sits at folded byte f_
  // Language counts (lang_unit words) of the code points that start before folded byte
  // kLangWindow.
  uint64_t lang_ = 0;
  size_t end_f_ = 0, end_o_ = 0;  // where the last anchor's run ends (its gap starts)
};

FoldedText::FoldedText(std::string_view original) { assign(original); }

void FoldedText::assign(std::string_view original) {
  // Room kept between texts; a huge text's room goes with the next one.
  constexpr size_t kKeptBytes = size_t{1} << 20;
  original_ = original;
  identity_ = true;
  first_invalid_ = std::string_view::npos;
  hangul_ = han_ = traditional_ = 0;
  // folded_ keeps its bytes and size until a copy starts (FoldBuilder::start_copy); only
  // a text that folds reads it (text() and the maps ask identity_ first).
  anchors_.clear();
  if (folded_.capacity() > kKeptBytes && original.size() < kKeptBytes) {
    std::string().swap(folded_);
    std::vector<Anchor>().swap(anchors_);
  }
  FoldBuilder(*this, original).run();
}

size_t FoldedText::start_in(const Anchor& a, size_t i) const {
  const size_t gap_f = a.gap_folded();
  if (i >= gap_f) {
    // Same lengths on both sides: the byte itself, moved back to its code point's start
    // (valid UTF-8 from the gap's start on, since malformed bytes are runs of their own).
    const size_t gap_o = a.gap_original();
    size_t o = gap_o + (i - gap_f);
    while (o > gap_o && (static_cast<unsigned char>(original_[o]) & 0xC0) == 0x80) --o;
    return o;
  }
  return a.original + (i - a.folded) / a.flen * a.olen;  // in the run: flen > 0
}

size_t FoldedText::to_original_start(size_t i) const {
  if (identity_) return i;
  if (i >= folded_.size()) return original_.size();
  // The last anchor at or before i holds byte i (anchors_[0] is at 0).
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), i,
                             [](size_t v, const Anchor& a) { return v < a.folded; });
  return start_in(*std::prev(it), i);
}

size_t FoldedText::to_original_end(size_t end) const {
  if (identity_ || end == 0) return end;
  if (end >= folded_.size()) return original_.size();
  // If folded byte `end` starts a new original code point, the span ends right there.
  const size_t at_end = to_original_start(end), before = to_original_start(end - 1);
  if (at_end != before) return at_end;
  // Otherwise the span ends inside one code point's expansion; extend to its end.
  size_t j = before;
  next_code_point(original_, j);
  return j;
}

// Inline: one call per offset instead of two.
[[gnu::always_inline]] inline void FoldedText::Cursor::seek(size_t i) {
  if (at_->folded > i) {  // behind the last offset: search again
    at_ = std::prev(std::upper_bound(f_.anchors_.data(), f_.anchors_.data() + f_.anchors_.size(), i,
                                     [](size_t v, const Anchor& a) { return v < a.folded; }));
  } else {
    while (at_[1].folded <= i) ++at_;  // i < the terminal anchor's folded
  }
}

void FoldedText::Cursor::hold() {
  gap_f_ = at_->gap_folded(), gap_o_ = at_->gap_original();
  next_f_ = at_[1].folded, next_o_ = at_[1].original;
}

size_t FoldedText::Cursor::start_elsewhere(size_t i) {
  if (i >= f_.folded_.size()) return f_.original_.size();
  seek(i);
  hold();
  return f_.start_in(*at_, i);
}

size_t FoldedText::Cursor::end_elsewhere(size_t end) {
  if (end == 0) return end;
  if (end >= f_.folded_.size()) return f_.original_.size();
  seek(end);
  hold();
  const Anchor& a = *at_;
  if (end > gap_f_) {
    // Bytes end - 1 and end in the anchor's gap (the common case): the original offset of
    // byte `end`, moved on to the end of the code point it may be inside. (The gap's text
    // is valid UTF-8 and holds whole code points; a stray continuation byte right after it
    // is a malformed run of its own.)
    size_t o = gap_o_ + (end - gap_f_);
    while (o < next_o_ && (static_cast<unsigned char>(f_.original_[o]) & 0xC0) == 0x80) ++o;
    return o;
  }
  // As to_original_end; byte end - 1 is in this anchor or in the last one before it
  // that starts at or before it.
  const Anchor* k = at_;
  while (k->folded > end - 1) --k;
  const size_t before = f_.start_in(*k, end - 1), at_end = f_.start_in(a, end);
  if (at_end != before) return at_end;
  size_t j = before;
  next_code_point(f_.original_, j);
  return j;
}

}  // namespace hanfacts::text
