#include "date/recognizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "date/grammar.h"
#include "date/scan.h"
#include "text/cpu.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

// Flags in the order GUIDELINES.md lists them.
std::string flag_string(unsigned f) {
  std::string out;
  auto add = [&](unsigned bit, const char* name) {
    if (!(f & bit)) return;
    if (!out.empty()) out += ';';
    out += name;
  };
  add(kRelative, "relative");
  add(kApprox, "approx");
  add(kEarly, "early");
  add(kMid, "mid");
  add(kLate, "late");
  add(kSince, "since");
  add(kUntil, "until");
  return out;
}

}  // namespace

Result<Recognizer> Recognizer::create(std::span<const lexicon::Source> sources) {
  auto words = Words::load(sources);
  if (!words.ok()) return words.status();
  Recognizer r;
  r.grammar_ = std::make_shared<const Grammar>(std::move(words).value());
  return r;
}

namespace {

// flag_string of every combination of the seven flags, made once: emit runs per fact.
const std::array<std::string, 128>& flag_strings() {
  static const std::array<std::string, 128> table = [] {
    std::array<std::string, 128> t;
    for (unsigned f = 0; f < t.size(); ++f) t[f] = flag_string(f);
    return t;
  }();
  return table;
}

// A holiday that falls on another day in the article's region (國慶: 10-01 on the
// mainland, 10-10 in Taiwan): that day, in the same year. The region is detected only
// for such a holiday (Document::region is lazy).
const Parsed& in_region(const Parsed& p, const Words& w, const core::Document& doc, Parsed& scratch) {
  if (p.holiday < 0 || w.holiday(p.holiday).regional.empty()) return p;
  const core::Region region = doc.region();
  for (const Holiday::RegionalDay& rd : w.holiday(p.holiday).regional) {
    if (rd.region != region) continue;
    scratch = p;
    scratch.a.month = scratch.b.month = rd.month;
    scratch.a.day = scratch.b.day = rd.day;
    return scratch;
  }
  return p;
}

// What the checks that look back from a date's start read first: the code point right
// before it, and the one before a space there. Decoded once per fact: four checks ask
// (a lunisolar mark, an opening quote, a list mark, a recurring word), and most dates
// follow none of those, which that code point alone tells.
struct Before {
  Before(std::string_view t, size_t start) {
    end = start > 0 && t[start - 1] == ' ' ? start - 1 : start;
    size_t i = end;
    last = end > 0 ? prev_code_point(t, i) : 0;
    at_start = end == start ? last : U' ';
  }
  size_t end;                // the start, less one space right before it
  char32_t last = 0;         // the code point that ends at `end` (0 when end is 0)
  char32_t at_start = 0;     // the code point that ends at the start (0 when it is 0)
};

// Whether a lunisolar mark (农历, 음력) ends right before the date's start, one space
// allowed. A date there that the parse did not take the mark into is no Gregorian date:
// the mark says the date is lunisolar, and it could not be read as one because the day
// does not exist (农历2025年十二月三十: that month has 29 days). No fact beats a wrong one.
bool follows_lunar_mark(const Words& w, std::string_view t, const Before& before) {
  const size_t end = before.end;
  if (end == 0) return false;
  // A mark ends with one of a handful of code points: most dates follow none of them,
  // and need no walk back.
  if (!w.may_end_lunar(before.last)) return false;
  size_t from = end;
  for (int k = 0; k < 3 && from > 0; ++k) {  // marks are two or three code points
    const char32_t c = prev_code_point(t, from);
    if (!w.may_start(c)) continue;  // one bit: most code points start no date word
    const Match m = w.longest(t, from, kind_bit(Kind::kLunar));
    if (m && m.end == end) return true;
  }
  return false;
}

// 지난 2022년, 오는 2030년, 지난 2024년도: a relative prefix (지난, 오는) right before a
// written year (or fiscal year) stays in the span, as writers annotate it; the year itself
// is absolute, so its value and flags do not change. Returns the start with the prefix, or
// `start`.
size_t with_prefix_before_year(const Words& w, std::string_view t, size_t start) {
  if (start < 2 || t[start - 1] != ' ' || start + 4 >= t.size()) return start;
  const auto four_digits = [&t](size_t at) {
    if (at + 4 > t.size()) return false;
    for (size_t k = at; k < at + 4; ++k)
      if (t[k] < '0' || t[k] > '9') return false;
    return true;
  };
  if (!four_digits(start)) return start;
  // Four digits and the year's marker (년, date_words.tsv), as the parse read them, or a
  // range of two such years (지난 2022~2023년).
  size_t year_end = start + 4;
  if (year_end < t.size() && t[year_end] == '~' && four_digits(year_end + 1)) year_end += 5;
  const Match unit = w.longest(t, year_end, kind_bit(Kind::kMarker));
  if (!unit || (w.entry(unit.entry).tag != Tag::kYear && w.entry(unit.entry).tag != Tag::kFiscalYear)) return start;
  const size_t end = start - 1;
  for (size_t len : {size_t{6}, size_t{9}}) {  // two or three syllables
    if (end < len) continue;
    const size_t from = end - len;
    const Match m = w.longest(t, from, kind_bit(Kind::kPrefix));
    if (!m || m.end != end || w.entry(m.entry).tag == Tag::kYear) continue;
    size_t before = from;
    if (from > 0 && text::is_hangul_syllable(prev_code_point(t, before))) continue;
    return from;
  }
  return start;
}

void emit(const Parsed& p, core::Candidates& out) {
  // Filled where it lives: no temporary Candidate to move and destroy per fact.
  core::Candidate& c = out.emplace_back();
  c.type = FactType::kDate;
  c.start = p.start;
  c.end = p.end;
  char buf[2 * kFormatMax + 1];
  size_t n = format_to(p.a, buf);
  if (p.interval) {
    buf[n++] = '/';
    n += format_to(p.b, buf + n);
  }
  // clear() and append(), not assign(): assign() allows a source inside the string
  // itself and tests for that overlap before it copies; append() to a string with room
  // (a reused candidate keeps its capacity) only copies. The lengths of most values (a
  // year, a month or quarter, a day) are named as constants: GCC then copies them in a
  // move or two, where the copy of a length it knows only to be at most 41 bytes cost
  // more than the rest of the append.
  c.value.clear();
  switch (n) {
    case 4: c.value.append(buf, 4); break;
    case 7: c.value.append(buf, 7); break;
    case 10: c.value.append(buf, 10); break;
    default: c.value.append(buf, n); break;
  }
  c.unit = grain_name(p.a.grain);
  // flag_string reads only the seven flag bits (most dates have none: the new
  // candidate's flags are empty already).
  if (p.flags & 127u) {
    const std::string& flags = flag_strings()[p.flags & 127u];
    c.flags.clear();
    c.flags.append(flags.data(), flags.size());
  }
  c.rule = p.rule;
}

}  // namespace

namespace {

// Where the first pass appends: the date candidates, and (when `lab` is set) the label
// candidates. Offsets from `base`.
struct FirstPassOut {
  uint32_t* cand;
  size_t k;
  uint32_t* lab;
  size_t l;
  void emit(uint32_t at, uint32_t dates, uint32_t labels) {
    for (uint32_t m = dates; m; m &= m - 1) cand[k++] = at + static_cast<uint32_t>(__builtin_ctz(m));
    if (lab)
      for (uint32_t m = labels; m; m &= m - 1) lab[l++] = at + static_cast<uint32_t>(__builtin_ctz(m));
  }
};

// The lanes of a block (bit j: the code point at lane j) that lead a three-byte code point
// whose date start the first pass drops: the next code point, at lane j + 3, leads a
// three-byte one too and their bytes in the table say no (Grammar::first_pass_keeps). A
// start whose next code point begins past the block is kept (the scan's pair test still
// reads it). `alone`: the lanes whose byte has kStartAlone; `next_second`: the lanes j
// whose next code point's byte (lane j + 3's) has the second bit of lane j's group.
template <class Mask>
inline Mask pair_drops(Mask lead3, Mask alone, Mask next_second) {
  return lead3 & ~alone & (lead3 >> 3) & ~next_second;
}

// Bit j (j < 3) when a Hangul syllable starts at s[i - 3 + j]: what the block passes
// carry into a block at i for hangul_inside (i + 1 < the text's size).
inline uint32_t hangul_carry_at(const unsigned char* s, size_t i) {
  uint32_t carry = 0;
  for (unsigned j = 0; j < 3; ++j)
    if (i + j >= 3 && (s[i - 3 + j] & 0xF0) == 0xE0 && text::is_hangul_syllable(text::decode3(s + i - 3 + j)))
      carry |= 1u << j;
  return carry;
}

#if defined(__x86_64__)

const bool kHasAvx2 = text::cpu::avx2();
const bool kHasAvx512 = text::cpu::avx512() && text::cpu::avx512_vbmi2() && text::cpu::bmi2();

// A byte constant of first_pass_avx2's loop, made once before it: the empty asm hides
// the value from the optimizer, which would otherwise rebuild every constant from an
// immediate in every block (three instructions each; the loop has more of them than
// there are registers, and one kept on the stack is read as an operand).
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i bytes32(unsigned char c) {
  __m256i x = _mm256_set1_epi8(static_cast<char>(c));
  asm("" : "+x"(x));
  return x;
}
[[gnu::target("avx2"), gnu::always_inline]] inline uint32_t mask32(__m256i m) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(m));
}
// scan_first_pass's block loop, 32 bytes at a time, where the three-byte code points'
// bytes in the table are gathered eight lanes at a time instead of read one lane after
// another (the scalar reads are most of the pass's cost on Han and Hangul text). Every
// lane is read as if it led a three-byte sequence: its 16-bit code point c indexes the
// table (always inside it, whatever the bytes); only lanes that do lead one are kept. The
// table word c >> 2 and the byte's place 8 * (c & 3) are made for all 32 lanes at once
// from the three bytes, in bytes: c >> 2 is ((b0 & 0x0F) << 2 | (b1 & 0x30) >> 4) << 8 |
// (b1 & 0x0F) << 4 | (b2 & 0x3F) >> 2, and 8 * (c & 3) is (b2 & 0x03) << 3. Whether a
// lane is a Hangul syllable is a bit of its byte, and the starts that pair_drops names
// are dropped here, on the bytes' masks.
// Returns where it stopped (a block boundary, possibly inside a code point).
[[gnu::target("avx2")]] size_t first_pass_avx2(const unsigned char* s, size_t i, size_t fast_end, size_t base,
                                               const uint32_t* starts, FirstPassOut& out_io) {
  // The appends go through a copy of their ends, written back once at the end: through
  // the reference the counts were read from memory and written back at every block.
  FirstPassOut out = out_io;
  const auto* table = reinterpret_cast<const int*>(starts);
  uint32_t prev_digit = i > 0 && static_cast<unsigned>(s[i - 1] - '0') < 10u;
  uint32_t hangul_carry = hangul_carry_at(s, i);
  const __m256i xF0 = bytes32(0xF0), xE0 = bytes32(0xE0), xC0 = bytes32(0xC0), x80 = bytes32(0x80);
  const __m256i digit0 = bytes32('0'), x09 = bytes32(9), apostrophe = bytes32('\'');
  const __m256i x0F = bytes32(0x0F), x3C = bytes32(0x3C), x03 = bytes32(0x03), x18 = bytes32(0x18);
  // The second bit of each group (Grammar::second_group: a code point's last two bits,
  // its third byte's), looked up by those bits.
  static_assert(Grammar::kStartSecond == 16);
  const __m256i group_bit = _mm256_setr_epi8(16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                             16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  // The loads reach s[i + 33] < fast_end + 2 <= the text's size. (The loop is tested at
  // its foot, against the last block's start: two instructions a block fewer.)
  if (i + 32 > fast_end) return i;
  const size_t last = fast_end - 32;
  do {
    const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const uint32_t lead3 = mask32(_mm256_cmpeq_epi8(_mm256_and_si256(v0, xF0), xE0));
    const uint32_t cont = mask32(_mm256_cmpeq_epi8(_mm256_and_si256(v0, xC0), x80));
    const uint32_t high = mask32(v0);
    const __m256i x = _mm256_sub_epi8(v0, digit0);
    const uint32_t digit = mask32(_mm256_cmpeq_epi8(_mm256_min_epu8(x, x09), x));
    const uint32_t apos = mask32(_mm256_cmpeq_epi8(v0, apostrophe));
    const uint32_t other = high & ~cont & ~lead3;  // two- and four-byte code points
    uint32_t dates = ((digit | apos) & ~((digit << 1) | prev_digit)) | other, labels = other;
    if (lead3) {
      const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 1));
      const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 2));
      // Byte shifts through 16-bit ones, masked to the bits that stay within each byte.
      const __m256i word_lo = _mm256_or_si256(_mm256_and_si256(_mm256_slli_epi16(v1, 4), xF0),
                                              _mm256_and_si256(_mm256_srli_epi16(v2, 2), x0F));
      const __m256i word_hi = _mm256_or_si256(_mm256_and_si256(_mm256_slli_epi16(v0, 2), x3C),
                                              _mm256_and_si256(_mm256_srli_epi16(v1, 4), x03));
      const __m256i place = _mm256_and_si256(_mm256_slli_epi16(v2, 3), x18);
      // 16-bit table words: lanes 0-7 and 16-23 in `lo`, 8-15 and 24-31 in `hi`.
      const __m256i lo = _mm256_unpacklo_epi8(word_lo, word_hi), hi = _mm256_unpackhi_epi8(word_lo, word_hi);
      const __m128i words16[4] = {_mm256_castsi256_si128(lo), _mm256_castsi256_si128(hi),
                                  _mm256_extracti128_si256(lo, 1), _mm256_extracti128_si256(hi, 1)};
      const __m128i place_lo = _mm256_castsi256_si128(place), place_hi = _mm256_extracti128_si256(place, 1);
      const __m128i places[4] = {place_lo, _mm_unpackhi_epi64(place_lo, place_lo), place_hi,
                                 _mm_unpackhi_epi64(place_hi, place_hi)};
      // The byte of each lane in a 32-bit lane, eight lanes a quarter.
      __m256i byte[4];
      for (unsigned q = 0; q < 4; ++q) {
        const __m256i words = _mm256_i32gather_epi32(table, _mm256_cvtepu16_epi32(words16[q]), 4);
        byte[q] = _mm256_srlv_epi32(words, _mm256_cvtepu8_epi32(places[q]));
      }
      // Down to one byte a lane, back in text order (the packs work within 128-bit
      // halves), then one mask per bit.
      const __m256i low8 = _mm256_set1_epi32(0xFF);
      const __m256i p01 = _mm256_packus_epi32(_mm256_and_si256(byte[0], low8), _mm256_and_si256(byte[1], low8));
      const __m256i p23 = _mm256_packus_epi32(_mm256_and_si256(byte[2], low8), _mm256_and_si256(byte[3], low8));
      const __m256i packed = _mm256_permutevar8x32_epi32(_mm256_packus_epi16(p01, p23),
                                                         _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
      const uint32_t hangul = mask32(_mm256_slli_epi16(packed, 4)) & lead3;
      const uint32_t inside = hangul & ((hangul << 3) | hangul_carry);
      hangul_carry = hangul >> 29;
      // Each lane's next code point's byte three lanes on (the block's last three lanes
      // take zeros: pair_drops keeps them), tested at the first's group bit.
      const __m256i next = _mm256_alignr_epi8(_mm256_permute2x128_si256(packed, packed, 0x81), packed, 3);
      const __m256i want = _mm256_shuffle_epi8(group_bit, _mm256_and_si256(v2, x03));
      const uint32_t seconds = ~mask32(_mm256_cmpeq_epi8(_mm256_and_si256(next, want), _mm256_setzero_si256()));
      const uint32_t drops = pair_drops<uint32_t>(lead3, mask32(_mm256_slli_epi16(packed, 5)), seconds);
      dates |= mask32(_mm256_slli_epi16(packed, 7)) & lead3 & ~inside & ~drops;
      labels |= mask32(_mm256_slli_epi16(packed, 6)) & lead3;
    } else {
      hangul_carry = 0;
    }
    out.emit(static_cast<uint32_t>(i - base), dates, labels);
    prev_digit = digit >> 31;
    i += 32;
  } while (i <= last);
  out_io = out;
  return i;
}

// GCC 12's AVX-512 intrinsics start from an "undefined" register it then warns about
// (its bug 105593): quiet that warning for these two functions alone.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// first_pass_avx512's look-ups for one group of sixteen compressed lanes (the bytes of
// the three-byte code points they lead in a8, b8, c8): the date, label and alone bits of
// their bytes in the table and whether each is a Hangul syllable, as 16-bit masks in
// compressed order; the bytes themselves and the second bit of each one's group
// (Grammar::second_group), which the next compressed lane's byte is tested at
// (next_seconds).
struct GroupBits {
  uint32_t dates = 0, labels = 0, alone = 0, hangul = 0;
  __m512i bytes, group_bits;
};
[[gnu::target("avx512f,avx512bw,avx512vl"), gnu::always_inline]] inline GroupBits group_bits(const int* table, __m128i a8,
                                                                                        __m128i b8, __m128i c8) {
  const __m512i low4 = _mm512_set1_epi32(0x0F), low6 = _mm512_set1_epi32(0x3F), low2 = _mm512_set1_epi32(3);
  const __m512i a = _mm512_and_si512(_mm512_cvtepu8_epi32(a8), low4);
  const __m512i b = _mm512_and_si512(_mm512_cvtepu8_epi32(b8), low6);
  const __m512i c = _mm512_and_si512(_mm512_cvtepu8_epi32(c8), low6);
  const __m512i cp = _mm512_or_si512(_mm512_or_si512(_mm512_slli_epi32(a, 12), _mm512_slli_epi32(b, 6)), c);
  const __m512i words = _mm512_i32gather_epi32(_mm512_srli_epi32(cp, 2), table, 4);
  GroupBits g;
  g.bytes = _mm512_srlv_epi32(words, _mm512_slli_epi32(_mm512_and_si512(cp, low2), 3));
  g.group_bits = _mm512_sllv_epi32(_mm512_set1_epi32(Grammar::kStartSecond), _mm512_and_si512(cp, low2));
  g.dates = _mm512_test_epi32_mask(g.bytes, _mm512_set1_epi32(Grammar::kStartDate));
  g.labels = _mm512_test_epi32_mask(g.bytes, _mm512_set1_epi32(Grammar::kStartLabel));
  g.alone = _mm512_test_epi32_mask(g.bytes, _mm512_set1_epi32(Grammar::kStartAlone));
  g.hangul = _mm512_cmplt_epu32_mask(_mm512_sub_epi32(cp, _mm512_set1_epi32(0xAC00)), _mm512_set1_epi32(0xD7A4 - 0xAC00));
  return g;
}
// The compressed lanes of `g` whose next compressed lane's byte (the first of `then`'s
// lanes after the last of g's) has the lane's group bit.
[[gnu::target("avx512f,avx512bw,avx512vl"), gnu::always_inline]] inline uint32_t next_seconds(const GroupBits& g,
                                                                                         __m512i then) {
  return _mm512_test_epi32_mask(_mm512_alignr_epi32(then, g.bytes, 1), g.group_bits);
}

// Appends at + j for every bit j set in `bits` to out[k...], returns the new count: the
// offsets of each sixteen lanes are compressed in a register and stored whole (up to 16
// entries past the new count are overwritten: the buffers have that much room). No
// branch per bit: a loop over the bits mispredicts its exit about once a block, and the
// flush costs the gathers' overlap with the next block.
[[gnu::target("avx512f,popcnt"), gnu::always_inline]] inline size_t compress_offsets(uint32_t* out, size_t k, uint32_t at,
                                                                                 uint64_t bits) {
  const __m512i lanes = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(at)),
                                         _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  for (unsigned q = 0; q < 4; ++q) {
    const auto m = static_cast<__mmask16>(bits >> (16 * q));
    const __m512i offsets = _mm512_add_epi32(lanes, _mm512_set1_epi32(static_cast<int>(16 * q)));
    _mm512_storeu_si512(out + k, _mm512_maskz_compress_epi32(m, offsets));
    k += static_cast<size_t>(_mm_popcnt_u32(m));
  }
  return k;
}

// The same pass 64 bytes at a time with AVX-512 (VBMI2 for the byte compress), where
// only the lanes that lead a three-byte code point are looked up: their three bytes are
// compressed to the front of three registers first, so two gathers of sixteen serve the
// at most 22 code points of a block instead of eight gathers of eight serving every byte
// (the gathers' loads are most of the AVX2 pass's cost). The answers, one bit per
// compressed lane, go back to their byte positions by a bit deposit into the lead mask.
// (hangul_inside, a third of all candidates in Korean news, is a mask operation here, as
// is pair_drops.)
// Returns where it stopped (a block boundary, possibly inside a code point).
[[gnu::target("avx512f,avx512bw,avx512vl,avx512vbmi2,bmi,bmi2,popcnt")]] size_t first_pass_avx512(
    const unsigned char* s, size_t i, size_t fast_end, size_t base, const uint32_t* starts, FirstPassOut& out) {
  const auto* table = reinterpret_cast<const int*>(starts);
  uint64_t prev_digit = i > 0 && static_cast<unsigned>(s[i - 1] - '0') < 10u;
  uint64_t hangul_carry = hangul_carry_at(s, i);
  const __m512i f0 = _mm512_set1_epi8(static_cast<char>(0xF0)), e0 = _mm512_set1_epi8(static_cast<char>(0xE0));
  const __m512i c0 = _mm512_set1_epi8(static_cast<char>(0xC0)), x80 = _mm512_set1_epi8(static_cast<char>(0x80));
  // The loads reach s[i + 65] < fast_end + 2 <= the text's size.
  while (i + 64 <= fast_end) {
    const __m512i v0 = _mm512_loadu_si512(s + i);
    const uint64_t lead3 = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v0, f0), e0);
    const uint64_t cont = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v0, c0), x80);
    const uint64_t high = _mm512_movepi8_mask(v0);
    const uint64_t digit = _mm512_cmple_epu8_mask(_mm512_sub_epi8(v0, _mm512_set1_epi8('0')), _mm512_set1_epi8(9));
    const uint64_t apos = _mm512_cmpeq_epi8_mask(v0, _mm512_set1_epi8('\''));
    const uint64_t other = high & ~cont & ~lead3;  // two- and four-byte code points
    uint64_t dates = ((digit | apos) & ~((digit << 1) | prev_digit)) | other, labels = other;
    if (lead3) {
      const __m512i a = _mm512_maskz_compress_epi8(lead3, v0);
      const __m512i b = _mm512_maskz_compress_epi8(lead3, _mm512_loadu_si512(s + i + 1));
      const __m512i c = _mm512_maskz_compress_epi8(lead3, _mm512_loadu_si512(s + i + 2));
      const GroupBits g0 =
          group_bits(table, _mm512_castsi512_si128(a), _mm512_castsi512_si128(b), _mm512_castsi512_si128(c));
      GroupBits g1;
      g1.bytes = _mm512_setzero_si512();
      g1.group_bits = _mm512_setzero_si512();
      if (_mm_popcnt_u64(lead3) > 16)
        g1 = group_bits(table, _mm512_extracti32x4_epi32(a, 1), _mm512_extracti32x4_epi32(b, 1),
                        _mm512_extracti32x4_epi32(c, 1));
      const uint64_t hangul = _pdep_u64(g0.hangul | g1.hangul << 16, lead3);
      const uint64_t inside = hangul & ((hangul << 3) | hangul_carry);
      hangul_carry = hangul >> 61;
      // The next compressed lane is the one three on when that one leads. (In malformed
      // text alone, a lead in between makes it another, and the 32nd compressed lane's
      // next and the lanes past it are not looked up: those starts are kept.)
      constexpr uint64_t kNoLookup = ~uint64_t{0x7FFFFFFF};
      const uint32_t seconds0 = next_seconds(g0, g1.bytes), seconds1 = next_seconds(g1, _mm512_setzero_si512());
      const uint64_t drops = pair_drops<uint64_t>(lead3, _pdep_u64(g0.alone | g1.alone << 16, lead3),
                                                  _pdep_u64(seconds0 | uint64_t{seconds1} << 16 | kNoLookup, lead3)) &
                             ~((lead3 >> 1) | (lead3 >> 2));
      dates |= _pdep_u64(g0.dates | g1.dates << 16, lead3) & ~inside & ~drops;
      labels |= _pdep_u64(g0.labels | g1.labels << 16, lead3);
    } else {
      hangul_carry = 0;
    }
    const auto at = static_cast<uint32_t>(i - base);
    out.k = compress_offsets(out.cand, out.k, at, dates);
    if (out.lab) out.l = compress_offsets(out.lab, out.l, at, labels);
    prev_digit = digit >> 63;
    i += 64;
  }
  return i;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif

}  // namespace

size_t scan_first_pass(const unsigned char* s, size_t i, size_t fast_end, size_t base, const uint32_t* starts,
                       uint32_t* cand, size_t& k_io, uint32_t* lab, size_t* l_io, size_t widest) {
  FirstPassOut out{cand, k_io, lab, l_io ? *l_io : 0};
#if defined(__SSE2__)
  const size_t from = i;
#if defined(__x86_64__)
  if (kHasAvx512 && widest >= 64) i = first_pass_avx512(s, i, fast_end, base, starts, out);
  if (kHasAvx2 && widest >= 32) i = first_pass_avx2(s, i, fast_end, base, starts, out);
#endif
  // Sixteen bytes at a time. In valid UTF-8 the code points that start in a block are
  // its bytes that are not continuation bytes, so every test is a mask: ASCII digits and
  // apostrophes (a digit after a digit continues a number), other non-ASCII code points,
  // and the three-byte ones by their bits in `starts`, read through code points computed
  // for all sixteen lanes at once. Every lane is before fast_end, so its two following
  // bytes exist (the loads reach s[i + 17] < fast_end + 2 <= the text's size).
  if (i + 16 <= fast_end && widest >= 16) {
    const __m128i low4 = _mm_set1_epi8(0x0F), low6 = _mm_set1_epi8(0x3F), low8 = _mm_set1_epi16(0x00FF);
    const __m128i zero = _mm_setzero_si128();
    unsigned prev_digit = i > 0 && static_cast<unsigned>(s[i - 1] - '0') < 10u;
    unsigned hangul_carry = hangul_carry_at(s, i);
    alignas(16) uint16_t cps[16];
    uint8_t bytes[16];  // the table's byte of each lead
    while (i + 16 <= fast_end) {
      const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const auto mask = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
      const unsigned lead3 = mask(_mm_cmpeq_epi8(_mm_and_si128(v0, _mm_set1_epi8(static_cast<char>(0xF0))),
                                                 _mm_set1_epi8(static_cast<char>(0xE0))));
      const unsigned cont = mask(_mm_cmpeq_epi8(_mm_and_si128(v0, _mm_set1_epi8(static_cast<char>(0xC0))),
                                                _mm_set1_epi8(static_cast<char>(0x80))));
      const unsigned high = mask(v0);
      const __m128i x = _mm_sub_epi8(v0, _mm_set1_epi8('0'));
      const unsigned digit = mask(_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(9)), x));
      const unsigned apos = mask(_mm_cmpeq_epi8(v0, _mm_set1_epi8('\'')));
      const unsigned other = high & ~cont & ~lead3;
      unsigned dates = ((digit | apos) & ~((digit << 1) | prev_digit)) | other, labels = other;
      if (lead3) {
        const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 1));
        const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 2));
        const __m128i a = _mm_and_si128(v0, low4), b = _mm_and_si128(v1, low6), c = _mm_and_si128(v2, low6);
        const __m128i lo = _mm_unpacklo_epi8(a, b), hi = _mm_unpackhi_epi8(a, b);  // a | b << 8
        // (a << 6 | b) << 6 | c: the code point each lane would lead.
        const auto cp16 = [&](__m128i ab, __m128i c16) {
          const __m128i ab6 = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(ab, low8), 6), _mm_srli_epi16(ab, 8));
          return _mm_or_si128(_mm_slli_epi16(ab6, 6), c16);
        };
        _mm_store_si128(reinterpret_cast<__m128i*>(cps), cp16(lo, _mm_unpacklo_epi8(c, zero)));
        _mm_store_si128(reinterpret_cast<__m128i*>(cps + 8), cp16(hi, _mm_unpackhi_epi8(c, zero)));
        unsigned hangul = 0, alone = 0, next_second = 0;
        for (unsigned m = lead3; m; m &= m - 1) {
          const unsigned p = static_cast<unsigned>(__builtin_ctz(m));
          const uint32_t byte = Grammar::start_byte(starts, cps[p]);
          bytes[p] = static_cast<uint8_t>(byte);
          dates |= (byte & 1) << p;
          labels |= ((byte >> 1) & 1) << p;
          alone |= ((byte >> 2) & 1) << p;
          hangul |= static_cast<unsigned>(text::is_hangul_syllable(cps[p])) << p;
        }
        const unsigned inside = hangul & ((hangul << 3) | hangul_carry);
        hangul_carry = hangul >> 13;
        // pair_drops' second bits, for the leads whose next code point leads one too.
        for (unsigned m = lead3 & (lead3 >> 3); m; m &= m - 1) {
          const unsigned p = static_cast<unsigned>(__builtin_ctz(m));
          next_second |= ((bytes[p + 3] >> (4 + Grammar::second_group(cps[p]))) & 1u) << p;
        }
        dates &= ~inside & ~pair_drops<unsigned>(lead3, alone, next_second);
      } else {
        hangul_carry = 0;
      }
      out.emit(static_cast<uint32_t>(i - base), dates, labels);
      prev_digit = (digit >> 15) & 1;
      i += 16;
    }
  }
  // A code point may run past the last block: on to its end, the next boundary.
  if (i != from && (s[i] & 0xC0) == 0x80) {
    size_t lead = i;
    while ((s[lead] & 0xC0) == 0x80) --lead;
    i = lead + kScanTables.len[s[lead]];
  }
#endif
  while (i < fast_end) {
    const unsigned b0 = s[i];
    const auto at = static_cast<uint32_t>(i - base);
    if ((b0 & 0xF0) == 0xE0) {
      const char32_t c = text::decode3(s + i);
      const uint32_t byte = Grammar::start_byte(starts, c);
      bool date = (byte & 1) && !hangul_inside(s, i);
      // pair_drops' test, where the next code point starts before fast_end.
      if (date && i + 3 < fast_end && (s[i + 3] & 0xF0) == 0xE0)
        date = Grammar::first_pass_keeps(c, byte, Grammar::start_byte(starts, text::decode3(s + i + 3)));
      out.emit(at, date, (byte >> 1) & 1);
      i += 3;
      continue;
    }
    // A digit right after a digit continues a number: only a run's first digit counts.
    const unsigned prev = i > 0 ? s[i - 1] : 0;
    out.emit(at, (kScanTables.ascii[b0] & !(prev - '0' < 10u)) | (b0 >= 0x80), b0 >= 0x80);
    i += kScanTables.len[b0];
  }
  k_io = out.k;
  if (l_io) *l_io = out.l;
  return i;
}

namespace {

// One spare record per thread: the engine makes a Scan per document, so the record and
// its vectors are handed on to the next document with their capacity instead of being
// allocated and grown again each time. (A very long document's record is let go.)
thread_local std::unique_ptr<ScanState> t_spare_state;

}  // namespace

#if defined(__x86_64__)
namespace {

// The E3 bytes of s[i, i + 32).
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i e3_bytes32(const unsigned char* s, size_t i) {
  return _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i)),
                           _mm256_set1_epi8(static_cast<char>(0xE3)));
}
// Two 32-byte masks as one, bit k for byte k.
[[gnu::target("avx2"), gnu::always_inline]] inline uint64_t mask64(__m256i lo, __m256i hi) {
  return uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(lo))} |
         uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(hi))} << 32;
}
// The marks among the E3 bytes at i + the bits of m (a mark needs its three bytes in s[0, n)).
[[gnu::target("bmi"), gnu::always_inline]] inline void take_title_marks(const unsigned char* s, size_t n, size_t i,
                                                                        uint64_t m, std::vector<TitleMark>& out) {
  for (; m != 0; m &= m - 1) {
    const size_t p = i + static_cast<size_t>(__builtin_ctzll(m));
    if (p + 2 < n && s[p + 1] == 0x80 && (s[p + 2] | 1) == 0x8B) out.push_back({p, s[p + 2] == 0x8A});
  }
}
// find_title_marks' loop (t.size() >= 64): the E3 bytes of 128 bytes at a time, tested
// as one, and only those checked for 80 8A / 80 8B after them. Every 《 and 》 starts with
// E3, and E3 is rare enough (CJK punctuation; Korean text has next to none: half the
// blocks of the stream have none) that the plain search's cost was its memchr call per
// E3 (some fifty instructions each), not its reading of the bytes. Then 64 bytes, and the
// last, partial block read as the text's last 64 bytes, with the bytes already read
// shifted out of its mask.
[[gnu::target("avx2,bmi")]] void find_title_marks_avx2(const unsigned char* s, size_t n, std::vector<TitleMark>& out) {
  size_t i = 0;
  for (; i + 128 <= n; i += 128) {
    const __m256i a = e3_bytes32(s, i), b = e3_bytes32(s, i + 32), c = e3_bytes32(s, i + 64),
                  d = e3_bytes32(s, i + 96);
    const __m256i any = _mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, d));
    if (_mm256_testz_si256(any, any)) continue;
    take_title_marks(s, n, i, mask64(a, b), out);
    take_title_marks(s, n, i + 64, mask64(c, d), out);
  }
  if (i + 64 <= n) {
    take_title_marks(s, n, i, mask64(e3_bytes32(s, i), e3_bytes32(s, i + 32)), out);
    i += 64;
  }
  if (i < n) take_title_marks(s, n, i, mask64(e3_bytes32(s, n - 64), e3_bytes32(s, n - 32)) >> (i - (n - 64)), out);
}
const bool kTitleMarksAvx2 = text::cpu::avx2() && text::cpu::bmi1();

}  // namespace
#endif

void find_title_marks(std::string_view t, std::vector<TitleMark>& out, bool vector) {
#if defined(__x86_64__)
  if (vector && kTitleMarksAvx2 && t.size() >= 64) {
    find_title_marks_avx2(reinterpret_cast<const unsigned char*>(t.data()), t.size(), out);
    return;
  }
#endif
  (void)vector;
  // 《 and 》 are E3 80 8A and E3 80 8B: find E3 80 (CJK punctuation), then the last byte.
  for (size_t p = t.find("\xE3\x80"); p != std::string_view::npos && p + 3 <= t.size(); p = t.find("\xE3\x80", p + 2)) {
    const auto last = static_cast<unsigned char>(t[p + 2]);
    if (last == 0x8A || last == 0x8B) out.push_back({p, last == 0x8A});
  }
}

std::unique_ptr<ScanState> take_scan_state() {
  if (t_spare_state) return std::move(t_spare_state);
  return std::make_unique<ScanState>();
}

Scan::Scan() = default;
Scan::~Scan() {
  if (state_ && !t_spare_state && state_->starts.capacity() <= 16384 && state_->memo.capacity() <= 256) {
    state_->filled = false;
    t_spare_state = std::move(state_);
  }
}
Scan::Scan(Scan&&) noexcept = default;
Scan& Scan::operator=(Scan&&) noexcept = default;

void record_scan(const Grammar& g, std::string_view t, ScanState& s, LabelStarts* labels) {
  s.data = t.data();
  s.size = t.size();
  s.filled = true;
  s.starts.clear();
  s.memo.clear();
  s.cache.clear();
  size_t resume_at = 0;  // every position the first pass lets through: the visit skips nothing
  scan_starts(g, t, 0, t.size(), resume_at, [&](size_t pos) { s.starts.push_back(static_cast<uint32_t>(pos)); },
              labels);
}

namespace {

constexpr size_t kMaxListWordBytes = 12;  // 다섯 번째, 最后一个
constexpr int kMaxListedOrdinals = 4;

// Whether only a list mark (date_words.tsv, holiday_list: 、, 和, 과) or a range word
// (range: 至, 到) and spaces stand between `end` and `start`: the date at `start` is the
// next item of a list, or the end of a range, whose first item ends at `end`.
bool lists_on(const Words& w, std::string_view t, size_t end, size_t start) {
  if (start <= end) return false;
  const Match mark = w.longest(t, end, kind_bit(Kind::kHolidayList) | kind_bit(Kind::kRange));
  size_t after = mark ? mark.end : start;
  while (after < start && t[after] == ' ') ++after;
  return mark && after == start;
}

// A recurring word that is also a stop word (每周, 每星期, 매주: the scan skips it whole,
// so that 每周一 is no Monday) names a recurring weekday with the weekday that it holds
// or that follows it (每周|二 through 周二, 매주 |화); the dates listed after that weekday
// recur too (每周二、周五, 매주 화·금요일, 每周一至周五). Returns where the weekday ends, or
// 0 when the skipped word [pos, skip_to) is no such word or names no weekday.
size_t skipped_recurring_weekday_end(const Words& w, std::string_view t, size_t pos, size_t skip_to) {
  if (!w.recurring_before(t, skip_to)) return 0;
  const KindMask weekdays = kind_bit(Kind::kWeekday) | kind_bit(Kind::kWeekdayShort);
  size_t q = pos;
  text::next_code_point(t, q);
  for (; q <= skip_to && q < t.size(); text::next_code_point(t, q))
    if (const Match m = w.longest(t, q, weekdays); m && m.end > skip_to) return m.end;
  if (skip_to < t.size() && t[skip_to] == ' ')
    if (const Match m = w.longest(t, skip_to + 1, weekdays)) return m.end;
  return 0;
}

// 매월 둘째·넷째 일요일: ordinals listed before a date (date_words.tsv, nth, each with a list
// mark after it) share the recurring word before the first of them. Returns where the
// first starts, or `start`.
size_t listed_ordinals_start(const Words& w, std::string_view t, size_t start) {
  for (int n = 0; n < kMaxListedOrdinals; ++n) {
    // Most dates follow no list mark: the code point before says so at once.
    if (start == 0) break;
    size_t before = start;
    if (!w.may_end_list_mark(prev_code_point(t, before))) break;
    const size_t mark = w.word_ending_at(t, start, kind_bit(Kind::kHolidayList), kMaxListWordBytes);
    if (mark == start) break;
    const size_t nth = w.word_ending_at(t, mark, kind_bit(Kind::kNth), kMaxListWordBytes);
    if (nth == mark) break;
    start = nth;
  }
  return start;
}

// Whether the date [start, end), a word (not digits), opens a short quoted name: an opening
// quote right before it (`open`, the code point that ends at start), and one to four more
// characters and the closing quote right after it (“今日酒价” a platform, “冬至饺子宴” an
// event). A quoted sentence runs on longer (“明年春节前的订单已基本排满”), and a date alone
// in quotes stays a date (“双11”以来).
bool opens_short_quoted_name(std::string_view t, size_t start, size_t end, char32_t open) {
  constexpr int kMaxNameRest = 4;
  if (open != U'“' && open != U'「') return false;
  if (start == 0 || end >= t.size() || !text::is_han(text::code_point_at(t, start))) return false;
  size_t p = end;
  for (int n = 0; p < t.size(); ++n) {
    const char32_t c = text::next_code_point(t, p);
    if (c == U'”' || c == U'」') return n > 0;
    if (n == kMaxNameRest || !text::is_han(c)) return false;
  }
  return false;
}

// The 《 and 》 of a text in order, found once, when its first date asks (most Korean
// articles have none): inside_title runs for every date found, and scanning the bytes
// around each one cost more than the rest of the date scan's checks together.
class TitleBrackets {
 public:
  explicit TitleBrackets(std::string_view t) : t_(t) {}

  // Whether [start, end) lies inside a title in 《》 on its line (《钢铁工业调整升级规划（2016—2020年）》):
  // a year there is part of the title's name, as in other names (GUIDELINES: not dates).
  // The title's brackets lie within 240 bytes of the date on either side.
  bool inside_title(size_t start, size_t end) {
    constexpr size_t kMaxTitleBytes = 240;
    if (!found_) find_all();
    // The nearest bracket ending at or before start must be a 《 ...
    auto after = std::upper_bound(marks_.begin(), marks_.end(), start,
                                  [](size_t pos, const Mark& m) { return pos < m.pos + 3; });
    if (after == marks_.begin()) return false;
    const Mark& opening = *(after - 1);
    const size_t open_end = opening.pos + 3;
    if (!opening.opens || start - open_end >= kMaxTitleBytes || has_newline(open_end, start)) return false;
    // ... and the nearest one starting at or after end a 》 (a new 《 does not close it).
    auto closing = std::lower_bound(after, marks_.end(), end, [](const Mark& m, size_t pos) { return m.pos < pos; });
    return closing != marks_.end() && !closing->opens && closing->pos - end < kMaxTitleBytes &&
           !has_newline(end, closing->pos);
  }

 private:
  using Mark = TitleMark;

  void find_all() {
    found_ = true;
    find_title_marks(t_, marks_);
  }

  bool has_newline(size_t from, size_t to) const {
    return to > from && std::memchr(t_.data() + from, '\n', to - from) != nullptr;
  }

  std::string_view t_;
  bool found_ = false;
  std::vector<Mark> marks_;
};

// Whether the weekday `w` is in parentheses right after the date `day` (the last fact):
// "(" or "（" between them, ")" or "）" after it.
bool weekday_restates(std::string_view t, const core::Candidate& day, const Parsed& w) {
  if (day.type != FactType::kDate || day.unit != "day") return false;
  const size_t open = day.end;
  const size_t len = t.compare(open, 1, "(") == 0 ? 1 : t.compare(open, 3, "\uFF08") == 0 ? 3 : 0;
  if (len == 0 || open + len != w.start) return false;
  return t.compare(w.end, 1, ")") == 0 || t.compare(w.end, 3, "\uFF09") == 0;
}

// Whether an issue number follows at p (2026年|第二期…债券, 安逸花2026年|第五期, 2026年|第52次
// 审议会议): an ordinal mark, a number and an issue mark (date_words.tsv, issue_mark). The
// year is part of the issue's name, as years inside names are (GUIDELINES: not dates).
// The issue number may also close the name in parentheses (2026年湖南省政府专项债券|（十五期）),
// a few Han characters on, with or without its ordinal mark.
bool before_issue_number(const Words& w, std::string_view t, size_t p) {
  // A number and an issue mark at q.
  auto issue_at = [&](size_t q) {
    int n = 0;
    while (q < t.size() && n < 4) {
      size_t next = q;
      const char32_t c = text::next_code_point(t, next);
      if (!(c < 0x80 ? text::is_ascii_digit(c) : numeral::is_numeral_char(c))) break;
      q = next;
      ++n;
    }
    const Match mark = n > 0 ? w.longest(t, q, kind_bit(Kind::kIssueMark)) : Match{};
    return mark ? mark.end : size_t{0};
  };
  if (const Match ordinal = w.longest(t, p, kind_bit(Kind::kOrdinal))) return issue_at(ordinal.end) != 0;
  constexpr int kMaxIssueNameChars = 16;
  for (int n = 0; p < t.size() && n <= kMaxIssueNameChars; ++n) {
    size_t next = p;
    const char32_t c = text::next_code_point(t, next);
    if (c == U'（' || c == U'(') {
      if (n == 0) return false;
      if (const Match ordinal = w.longest(t, next, kind_bit(Kind::kOrdinal))) next = ordinal.end;
      const size_t end = issue_at(next);
      return end != 0 && (t.compare(end, 3, "\uFF09") == 0 || t.compare(end, 1, ")") == 0);
    }
    if (!text::is_han(c)) return false;
    p = next;
  }
  return false;
}

}  // namespace

void Recognizer::find(const core::Document& doc, core::Candidates& out, Scan* scan) const {
  const std::string_view t = doc.text;
  const core::RefDate* ref = doc.ref ? &*doc.ref : nullptr;
  const Grammar& g = *grammar_;
  ScanState* rec = scan && scan->state_ && scan->state_->made_from(t) ? scan->state_.get() : nullptr;
  const Words& words = g.words();
  Parsed regional;  // in_region's copy
  TitleBrackets titles(t);
  // A parse becomes a fact, with the day of its holiday in the article's region, unless it
  // is a failed lunisolar date's Gregorian reading, another country's own holiday
  // (以色列国庆节) or a date that recurs (매년 10월, 每逢春节).
  const size_t first_date = out.size();  // this recognizer's candidates start here
  size_t recurring_end = 0;              // the end of the last date dropped as recurring
  auto take = [&](const Parsed& p) {
    const Before before(t, p.start);
    if (follows_lunar_mark(words, t, before)) return;
    // A weekday in parentheses right after the day it falls on restates it, as datelines
    // print it (2026年11月28日（星期六）, 22일(월)): no fact of its own.
    if (p.rule == kRuleWeekday && out.size() > first_date && weekday_restates(t, out.back(), p)) return;
    if (titles.inside_title(p.start, p.end) || opens_short_quoted_name(t, p.start, p.end, before.at_start)) return;
    // A written year before an issue number names the issue (2026年第二期…债券); 今年第十一期
    // is this year's eleventh.
    if (p.a.grain == Grain::kYear && !p.interval && text::is_ascii_digit(static_cast<unsigned char>(t[p.start])) &&
        before_issue_number(words, t, p.end))
      return;
    // A recurring date (매년 10월, 每年4月) and the dates listed right after it (每年4月、10月).
    // Before most dates ends neither a list mark nor a recurring word: the code point
    // before says so, with no walk back.
    const size_t listed = p.start > 0 && words.may_end_list_mark(before.at_start)
                              ? listed_ordinals_start(words, t, p.start)
                              : p.start;
    const bool recurring = (listed != p.start || (before.end > 0 && words.may_end_recurring(before.last))) &&
                           words.recurring_before(t, listed);
    if (recurring ||
        (recurring_end > 0 && lists_on(words, t, recurring_end, p.start))) {
      recurring_end = p.end;
      return;
    }
    if (p.holiday >= 0 && words.other_country_before(t, p.start, words.holiday(p.holiday))) return;
    emit(in_region(p, words, doc, regional), out);
    if (const size_t s = with_prefix_before_year(words, t, p.start); s != p.start) out.back().start = s;
  };
  TextContext context;  // what the text named so far (이듬해, 전 분기 count from it)
  // Word lookups shared by the parses of this text: with a record, those of the dateline
  // search's parses too.
  WordCache own_cache;
  WordCache& cache = rec ? rec->cache : own_cache;
  // One position of the scan: may_start_at (a stop word there is skipped whole), then
  // parse_at with the reference and the context. `known` is what the dateline search
  // learnt there: may_start_at's answer (and its stop word), and when it said yes the
  // parse with no reference and no context, kept where it is the answer here too.
  Parsed scratch;  // a parse with the reference and the context (every field set when it succeeds)
  auto visit = [&](size_t pos, size_t& resume, const ScanMemo* known) {
    if (!known || !known->may) {
      size_t skip_to = known ? known->skip_to : 0;
      const bool may = !known && g.may_start_at(t, pos, &skip_to, &cache);
      if (skip_to > pos) {
        // Words that hold a date word but are none (每周一, 최근, 오늘날): skip whole.
        resume = skip_to;
        if (const size_t e = skipped_recurring_weekday_end(words, t, pos, skip_to)) recurring_end = e;
        return;
      }
      if (!may) return;
    }
    const Parsed* p;
    if (known && !known->p.ref_used && (!known->p.ctx_used || context == TextContext{}))
      p = known->ok ? &known->p : nullptr;
    else
      p = g.parse_at(t, pos, ref, scratch, context, &cache, &doc) ? &scratch : nullptr;
    if (!p) return;
    advance_context(*p, context);
    take(*p);
    resume = p->next > pos ? p->next : pos + 1;
  };
  if (!rec) {
    scan_starts(g, t, [&](size_t pos, size_t& resume) { visit(pos, resume, nullptr); });
    return;
  }
  // With a record: the same scan over the positions its first pass let through, with the
  // dateline search's answers where it asked (in order, as the positions).
  // The next answer's position is kept in a local: most positions come after the last
  // answer, and one compare tells (visit() writes to the record, its word cache, so the
  // compiler read the vector's size and entry again at every position).
  const ScanMemo* known = rec->memo.data();
  const ScanMemo* const known_end = known + rec->memo.size();
  size_t known_pos = known != known_end ? known->pos : SIZE_MAX;
  size_t resume = 0;
  for (const uint32_t pos : rec->starts) {
    if (pos < resume) continue;
    while (known_pos < pos) known_pos = ++known != known_end ? known->pos : SIZE_MAX;
    visit(pos, resume, known_pos == pos ? known : nullptr);
  }
}

std::optional<core::RefDate> parse_ref_date(std::string_view s) {
  auto digits = [&](size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
  };
  core::RefDate d;
  if (!digits(0, 4, d.year) || s.size() < 10 || s[4] != '-' || !digits(5, 2, d.month) || s[7] != '-' ||
      !digits(8, 2, d.day))
    return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  if (s.size() > 10) {
    if ((s[10] != 'T' && s[10] != ' ') || !digits(11, 2, d.hour) || s.size() < 16 || s[13] != ':' ||
        !digits(14, 2, d.minute) || d.hour > 23 || d.minute > 59)
      return std::nullopt;
  }
  return d;
}

std::string format_ref_date(const core::RefDate& d) {
  // Once per document: snprintf's format parsing cost about 2,300 instructions a call.
  const bool plain = d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 && d.day >= 0 && d.day <= 99 &&
                     d.hour <= 99 && d.minute <= 99;
  if (!plain) {
    char buf[64];
    if (d.hour >= 0)
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", d.year, d.month, d.day, d.hour, d.minute < 0 ? 0 : d.minute);
    else
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }
  char buf[16];
  auto two = [](char* at, int v) {
    at[0] = static_cast<char>('0' + v / 10);
    at[1] = static_cast<char>('0' + v % 10);
  };
  two(buf, d.year / 100);
  two(buf + 2, d.year % 100);
  buf[4] = '-';
  two(buf + 5, d.month);
  buf[7] = '-';
  two(buf + 8, d.day);
  if (d.hour < 0) return std::string(buf, 10);
  buf[10] = 'T';
  two(buf + 11, d.hour);
  buf[13] = ':';
  two(buf + 14, d.minute < 0 ? 0 : d.minute);
  return std::string(buf, 16);
}

}  // namespace hanfacts::date
