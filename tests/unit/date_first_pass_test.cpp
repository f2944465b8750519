// The DATE scan's first pass (date::scan_first_pass, issue 8): its blocks (64 bytes with
// AVX-512, 32 with AVX2, 16 with SSE2, each path run on its own as far as the machine has
// it) must let through exactly the code points the plain rule does, as dates and as
// dateline labels, for any table, any start and any mix of ASCII, two-, three- and
// four-byte code points. Each path drops the three-byte starts whose next code point's
// byte says no (Grammar::first_pass_keeps) where that code point starts in the same
// block (the one-at-a-time loop: before fast_end): the rule is told where the blocks are.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "date/scan.h"
#include "text/cpu.h"
#include "text/utf8.h"

using namespace hanfacts;

namespace {

// The ends of the blocks scan_first_pass reads [from, fast_end) in with `widest`, on
// this machine: 64 bytes while they fit (AVX-512), then 32 (AVX2), then 16 (SSE2), as
// the machine has them; the code points from the first boundary after the last block to
// fast_end one at a time.
std::vector<size_t> block_ends(size_t from, size_t fast_end, size_t widest) {
  std::vector<size_t> ends;
  size_t i = from;
#if defined(__SSE2__)
  const bool avx512 = text::cpu::avx512() && text::cpu::avx512_vbmi2() && text::cpu::bmi2();
  for (const size_t width : {size_t{64}, size_t{32}, size_t{16}}) {
    if (width > widest || (width == 64 && !avx512) || (width == 32 && !text::cpu::avx2())) continue;
    for (; i + width <= fast_end; i += width) ends.push_back(i + width);
  }
#endif
  (void)from, (void)widest;
  return ends;
}

// The rule, one code point at a time: a three-byte code point by its byte in `starts`
// (the first bit for a date, the second for a label), but no date when it is a Hangul
// syllable right after another (inside a Korean word), or when the code point after it
// leads a three-byte one too, starts in the same block (the loop: before fast_end) and
// the two bytes say no (no third bit in the first, and in the second no bit 4 + the
// first code point's last two bits); a digit or an apostrophe unless a digit comes right
// before it (a date only); any other non-ASCII code point (both). Offsets from `base` of
// the code points that start in [i, fast_end), read in blocks that end at `ends`.
struct Lists {
  std::vector<uint32_t> dates, labels;
};
uint32_t code_point3(const unsigned char* u) { return ((u[0] & 0x0FU) << 12) | ((u[1] & 0x3FU) << 6) | (u[2] & 0x3FU); }
uint32_t table_byte(const std::vector<uint32_t>& starts, const unsigned char* u) {
  const uint32_t c = code_point3(u);
  return (starts[c >> 2] >> (8 * (c & 3))) & 255;
}
Lists expected(const std::string& t, size_t i, size_t fast_end, size_t base, const std::vector<uint32_t>& starts,
               const std::vector<size_t>& ends = {}) {
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  Lists out;
  while (i < fast_end) {
    const unsigned b = s[i];
    bool date, label;
    size_t len;
    if (b < 0x80) {
      const bool prev_digit = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
      date = ((b >= '0' && b <= '9') || b == '\'') && !prev_digit;
      label = false;
      len = 1;
    } else if ((b & 0xF0) == 0xE0) {
      const uint32_t c = code_point3(s + i);
      const uint32_t byte = table_byte(starts, s + i);
      const auto hangul = [](uint32_t x) { return x >= 0xAC00 && x <= 0xD7A3; };
      const bool after_hangul =
          i >= 3 && (s[i - 3] & 0xF0) == 0xE0 &&
          hangul(((s[i - 3] & 0x0FU) << 12) | ((s[i - 2] & 0x3FU) << 6) | (s[i - 1] & 0x3FU));
      // The end of the block i is in (fast_end past the last block).
      size_t block_end = fast_end;
      for (const size_t e : ends)
        if (i < e) {
          block_end = e;
          break;
        }
      const bool dropped = i + 3 < block_end && (s[i + 3] & 0xF0) == 0xE0 && !(byte & 4) &&
                           !((table_byte(starts, s + i + 3) >> (4 + (c & 3))) & 1);
      date = (byte & 1) && !(hangul(c) && after_hangul) && !dropped;
      label = byte & 2;
      len = 3;
    } else {
      date = label = true;
      len = (b & 0xE0) == 0xC0 ? 2 : 4;
    }
    if (date) out.dates.push_back(static_cast<uint32_t>(i - base));
    if (label) out.labels.push_back(static_cast<uint32_t>(i - base));
    i += len;
  }
  return out;
}

std::string random_text(std::mt19937& rng, size_t code_points) {
  std::string t;
  std::uniform_int_distribution<int> kind(0, 9);
  for (size_t k = 0; k < code_points; ++k) {
    char32_t c;
    switch (kind(rng)) {
      case 0: c = static_cast<char32_t>('0' + rng() % 10); break;
      case 1: c = rng() % 4 == 0 ? U'\'' : static_cast<char32_t>(' ' + rng() % 95); break;
      case 2: c = static_cast<char32_t>(0x80 + rng() % 0x780); break;      // two bytes
      case 3: c = static_cast<char32_t>(0x10000 + rng() % 0x1000); break;  // four bytes
      case 4: c = static_cast<char32_t>(0x4E00 + rng() % 0x100); break;    // a few Han
      // Around the ends of the Hangul syllables (U+AC00, U+D7A3), which the blocks test
      // from the bytes.
      case 5: c = static_cast<char32_t>(rng() % 2 ? 0xABF8 + rng() % 16 : 0xD79C + rng() % 16); break;
      default: c = static_cast<char32_t>(0xAC00 + rng() % 0x2BA4); break;  // Hangul
    }
    text::append_utf8(t, c);
  }
  return t;
}

// The table's fourth bit of each byte is whether the code point is a Hangul syllable, as
// Grammar builds it (the AVX2 pass reads it there): set so in `starts`.
std::vector<uint32_t> hangul_bits(std::vector<uint32_t> starts) {
  for (uint32_t c = 0; c < 0x10000; ++c) {
    const uint32_t bit = 8u << (8 * (c & 3));
    starts[c >> 2] = c >= 0xAC00 && c <= 0xD7A3 ? starts[c >> 2] | bit : starts[c >> 2] & ~bit;
  }
  return starts;
}
// A third of the words random, the rest empty.
std::vector<uint32_t> random_table(std::mt19937& rng) {
  std::vector<uint32_t> starts(16384);
  for (uint32_t& w : starts) w = rng() % 3 == 0 ? static_cast<uint32_t>(rng()) : 0;
  return hangul_bits(std::move(starts));
}

}  // namespace

TEST_CASE("date first pass: blocks let through what the one-code-point rule does") {
  std::mt19937 rng(20251101);
  for (int round = 0; round < 1200; ++round) {
    const size_t widest = size_t{64} >> (round % 4 == 3 ? 6 : round % 4);  // 64, 32, 16, 1
    std::vector<uint32_t> starts = random_table(rng);
    const std::string t = random_text(rng, 1 + rng() % 400);
    const size_t n = t.size();
    if (n < 3) continue;
    // A start at a code point boundary, an end before the last two bytes.
    size_t from = rng() % n;
    while (from > 0 && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) --from;
    size_t fast_end = std::min(n - 2, from + rng() % (n + 1));
    // Often a whole number of blocks, so that a code point may run past the last one.
    if (rng() % 2 && fast_end - from >= 16 && from + (fast_end - from) / 16 * 16 <= n - 2)
      fast_end = from + (fast_end - from) / 16 * 16;
    if (from >= fast_end) continue;
    const size_t base = from - std::min<size_t>(from, rng() % 8);
    const Lists want = expected(t, from, fast_end, base, starts, block_ends(from, fast_end, widest));
    INFO("round " << round << " size " << n << " from " << from << " fast_end " << fast_end << " widest " << widest);
    std::vector<uint32_t> cand(n + 32), lab(n + 32);
    size_t k = 0, l = 0;
    const auto* s = reinterpret_cast<const unsigned char*>(t.data());
    const size_t stop =
        date::scan_first_pass(s, from, fast_end, base, starts.data(), cand.data(), k, lab.data(), &l, widest);
    cand.resize(k);
    lab.resize(l);
    CHECK(cand == want.dates);
    CHECK(lab == want.labels);
    // Without a label list: the same dates.
    std::vector<uint32_t> alone(n + 32);
    size_t k2 = 0;
    CHECK(date::scan_first_pass(s, from, fast_end, base, starts.data(), alone.data(), k2, nullptr, nullptr, widest) ==
          stop);
    alone.resize(k2);
    CHECK(alone == want.dates);
    // It stops at the first code point boundary at or after fast_end.
    size_t boundary = from;
    while (boundary < fast_end) text::next_code_point(t, boundary);
    CHECK(stop == boundary);
  }
}

TEST_CASE("date first pass: the 32-byte blocks run up to fast_end and add to the lists they are handed") {
  // first_pass_avx2 tests its loop at the foot, against the last block's start
  // (fast_end - 32), and appends through a copy of the lists' counts written back at the
  // end: with fast_end exactly one to five blocks on (and a byte short of that, and one
  // past), every block that fits is read in 32 bytes, the last one too, and the entries
  // go after those already in the lists.
  std::mt19937 rng(20261202);
  size_t blocks = 0;
  for (int round = 0; round < 400; ++round) {
    const std::vector<uint32_t> starts = random_table(rng);
    const std::string t = random_text(rng, 200 + rng() % 100);
    const size_t n = t.size();
    size_t from = rng() % 24;
    while (from > 0 && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) --from;
    const size_t whole = 1 + static_cast<size_t>(round) % 5;
    const size_t fast_end = std::min(n - 2, from + 32 * whole + (rng() % 3) - 1);
    if (fast_end <= from) continue;
    const std::vector<size_t> ends = block_ends(from, fast_end, 32);
    blocks += ends.size();
    const Lists want = expected(t, from, fast_end, from, starts, ends);
    INFO("round " << round << " size " << n << " from " << from << " fast_end " << fast_end);
    const size_t before_k = 1 + rng() % 5, before_l = rng() % 3;
    std::vector<uint32_t> cand(n + 48, 7777), lab(n + 48, 7777);
    size_t k = before_k, l = before_l;
    date::scan_first_pass(reinterpret_cast<const unsigned char*>(t.data()), from, fast_end, from, starts.data(),
                          cand.data(), k, lab.data(), &l, 32);
    REQUIRE(k >= before_k);
    REQUIRE(l >= before_l);
    CHECK(std::vector<uint32_t>(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(before_k)) ==
          std::vector<uint32_t>(before_k, 7777));
    CHECK(std::vector<uint32_t>(cand.begin() + static_cast<std::ptrdiff_t>(before_k),
                                cand.begin() + static_cast<std::ptrdiff_t>(k)) == want.dates);
    CHECK(std::vector<uint32_t>(lab.begin() + static_cast<std::ptrdiff_t>(before_l),
                                lab.begin() + static_cast<std::ptrdiff_t>(l)) == want.labels);
  }
  CHECK(blocks > 0);
}

TEST_CASE("date first pass: a code point that runs past the last block") {
  // Fifteen (then thirty-one) ASCII bytes, then a four-byte and a three-byte code point
  // across the end of the first block: the pass goes on at the boundary after them.
  for (const size_t ascii : {size_t{15}, size_t{31}}) {
    for (const char32_t c : {U'\U0001F600', U'\u4E00', U'\u00E9'}) {
      std::string t(ascii, 'a');
      text::append_utf8(t, c);
      t += "12'x";
      std::vector<uint32_t> starts = hangul_bits(std::vector<uint32_t>(16384, ~uint32_t{0}));
      std::vector<uint32_t> cand(t.size() + 32), lab(t.size() + 32);
      size_t k = 0, l = 0;
      const size_t stop = date::scan_first_pass(reinterpret_cast<const unsigned char*>(t.data()), 0, ascii + 1, 0,
                                                starts.data(), cand.data(), k, lab.data(), &l);
      cand.resize(k);
      lab.resize(l);
      size_t boundary = ascii;
      text::next_code_point(t, boundary);
      CHECK(stop == boundary);
      const Lists want = expected(t, 0, ascii + 1, 0, starts, block_ends(0, ascii + 1, 64));
      CHECK(cand == want.dates);
      CHECK(lab == want.labels);
    }
  }
}

// find_title_marks (the 《 and 》 that inside_title asks about): its vector loop must find
// what a byte-by-byte search does, for texts of every length around its 64-byte blocks,
// marks across block ends and in the last partial block, cut short at the text's end, and
// E3 bytes that lead other code points (、。「) or no mark (E3 80 E3 80 8A).
TEST_CASE("date title marks: the vector search finds what the plain one does") {
  auto plain = [](const std::string& t) {
    std::vector<std::pair<size_t, bool>> want;
    for (size_t p = 0; p + 3 <= t.size(); ++p)
      if (t.compare(p, 3, "\xE3\x80\x8A") == 0 || t.compare(p, 3, "\xE3\x80\x8B") == 0)
        want.emplace_back(p, static_cast<unsigned char>(t[p + 2]) == 0x8A);
    return want;
  };
  auto found = [](const std::string& t, bool vector) {
    std::vector<date::TitleMark> marks;
    date::find_title_marks(t, marks, vector);
    std::vector<std::pair<size_t, bool>> got;
    for (const auto& m : marks) got.emplace_back(m.pos, m.opens);
    return got;
  };
  // Pieces: the two marks, their neighbours and prefixes, other E3 code points, text.
  const std::vector<std::string> pieces = {"\xE3\x80\x8A", "\xE3\x80\x8B", "\xE3\x80\x89", "\xE3\x80\x8C",
                                           "\xE3\x80\x81", "\xE3\x80",     "\xE3",         "\xE3\x81\x8A",
                                           "\x80\x8A",     "a",            "2026",         "\xE5\xB9\xB4",
                                           "\xEC\x9B\x94", "\n"};
  std::mt19937 rng(8);
  int with_marks = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string t;
    const size_t target = rng() % 300;
    while (t.size() < target) t += pieces[rng() % pieces.size()];
    // Cut anywhere, a mark's bytes included.
    if (!t.empty() && rng() % 2) t.resize(rng() % (t.size() + 1));
    const auto want = plain(t);
    with_marks += !want.empty();
    CHECK(found(t, true) == want);
    CHECK(found(t, false) == want);
  }
  CHECK(with_marks > 1000);
  // A mark at every offset of a 64- and a 130-byte text, and ending right at the end.
  for (const size_t n : {size_t{64}, size_t{130}}) {
    for (size_t p = 0; p + 3 <= n; ++p) {
      std::string t(n, 'x');
      t.replace(p, 3, "\xE3\x80\x8B");
      CHECK(found(t, true) == plain(t));
      t.resize(p + 2);  // cut short: no mark
      if (t.size() >= 64) CHECK(found(t, true).empty());
    }
  }
}
