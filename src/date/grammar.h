// The date grammar: reads one date expression at a position of folded text and resolves
// it against a reference date.
//
//   Grammar g(std::move(words));
//   Parsed p;
//   if (g.parse_at(text, pos, &ref, p)) format(p.a) ...   // p.start..p.end is the span
//
// An expression is a chain of parts, coarse to fine, each optional:
//   [qualifier] year (2025년, 二〇二五年, 지난해, '25년, 1990년대)
//               half | quarter | month (상반기, 3분기, 第三季度, 9월, 지난달)
//               part of period (초, 중순, 말, 年底)
//               day (1일, 11月1号, 오늘, 上周二, 지난 화요일)
//               time of day (오후 3시, 21:27)
//   [range connector + a second chain that inherits the missing parts] [qualifier]
// or a counted offset (3년 전, 两年前, 5天后) or a numeric date (2025.11.01, 2/15).
// The vocabulary comes from lexicons/date (words.h); only numbers and the order of parts
// are code. Language needs no switch: Korean and Chinese words never collide in the
// lexicon, and both follow the same coarse-to-fine order.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"
#include "date/calendar.h"
#include "date/numbers.h"
#include "date/words.h"
#include "numeral/numeral.h"
#include "text/utf8.h"

namespace hanfacts::date {

enum Flag : unsigned {
  kRelative = 1u << 0,
  kApprox = 1u << 1,
  kEarly = 1u << 2,
  kMid = 1u << 3,
  kLate = 1u << 4,
  kSince = 1u << 5,
  kUntil = 1u << 6,
};

// The spelled Korean numbers that may open a date, by their first syllables, for the
// gate (Grammar::build_gate): the native counts parse_native_korean reads
// (numbers_detail::kNativeCounts, as lexicons/numeral/numerals.tsv spells them: 한 두 세
// 네 다섯 … 아홉, 열 열한 열두, 스무, 스물네), and the Sino-Korean numbers a year or a
// quarter opens with (일천, 이천; 일분기 … 사분기: the digits, 천 and date_words.tsv's
// Korean quarter marker).
struct DateNumberStarts {
  std::vector<char32_t> one_syllable;  // the counts of one syllable (열 한 두 세 네)
  std::vector<char32_t> after_ten;     // the second syllables of the counts that open with one (열한, 열두)
  // The first two syllables of the other longer counts (스물네, 스무, 다섯).
  std::vector<std::pair<char32_t, char32_t>> pairs;
  // The Sino-Korean numbers' first two syllables (이천, 삼분).
  std::vector<std::pair<char32_t, char32_t>> sino_pairs;
};
DateNumberStarts date_number_starts(const Words& words);

// Rule names asked about outside the rule that sets them (Parsed::rule). Rules are
// string literals held as views: their length is known where they are set, so a fact
// copies its rule name without a strlen.
inline constexpr std::string_view kRuleWeekday = "weekday";
inline constexpr std::string_view kRuleNthWeekday = "nth_weekday";
inline constexpr std::string_view kRuleHoliday = "holiday";

struct Parsed {
  size_t start = 0, end = 0;  // the expression, qualifiers excluded (bytes)
  size_t next = 0;            // where scanning resumes: after trailing qualifiers
  Value a, b;                 // a == b unless interval
  bool interval = false;
  unsigned flags = 0;
  std::string_view rule = "";  // a string literal
  // Set by parse_at whether or not it succeeds: whether the answer read the reference
  // date or the context year (when not, it holds for any of them).
  bool ref_used = false, ctx_used = false;
  // A year counted back from the year the text last named (전년보다, 前一年): a comparison
  // that leaves the text's year where it was.
  bool looks_back = false;
  // Whether the expression named a day alone, with no year, month or week written before
  // it (28일 밝혔다, 이날, 昨天): news dates its report so. Such a day is of a month (지난
  // 20일 … 전월 말보다: the month before the 20th's), but the year the text is about stays
  // where it was (지난해 4분기 … 28일 밝혔다 … 전년의 두 배: 전년 is the year before 지난해).
  bool day_only = false;
  // Whether it is a month, quarter or week ahead of the reference date's (다음 달 2일, 다음
  // 분기, 다음 주): a deadline or a plan, which names no year the text reports on, so that
  // year stays where it was (지난해 영업손실은… 다음 달 2일까지… 4분기 매출은: the 4분기 of
  // 지난해, GUIDELINES). One behind it (지난달) still moves it: in January, December is
  // last year's.
  bool year_unnamed = false;
  // The holiday the date is (Words::holiday), or -1: some fall on another day in another
  // region (Recognizer::find reads the article's region for those alone).
  int holiday = -1;
};

// What the text last named, for the words that count from it rather than from the
// reference date: its year (이듬해, 同年, 전년, and a bare quarter still to come; 0:
// none), and its last quarter (전 분기: the one before it; quarter 0: none).
struct TextContext {
  int year = 0;
  int quarter_year = 0, quarter = 0;
  size_t quarter_end = 0;  // where that quarter's expression ended (1분기|(1~3월))
  int month_year = 0, month = 0;
  // Whether that year, quarter and month needed the reference date (지난해 did, 2024년
  // did not): a word counting from them is `relative` only then (GUIDELINES: a value that
  // needed the reference date).
  bool year_relative = false, quarter_relative = false, month_relative = false;
  // The day the text last named and where its expression ended: 전날 and 次日 count
  // from it when no sentence ends in between (13일 전날보다 is the 12th).
  int day_year = 0, day_month = 0, day = 0;
  size_t day_end = 0;
  bool day_relative = false;
  bool operator==(const TextContext&) const = default;
};

// The context after the parse `p`: p's year, unless p needed a reference it lacked,
// looked back (전년보다, a comparison), named a day alone or named no year; p's quarter
// when p is one; p's month when p is a month or a day (or a time of a day) of one.
inline void advance_context(const Parsed& p, TextContext& c) {
  if (p.b.x_year || p.looks_back) return;
  const bool relative = (p.flags & kRelative) != 0;
  if (!p.day_only && !p.year_unnamed) {
    c.year = p.b.year;
    c.year_relative = relative;
  }
  if (p.b.grain == Grain::kQuarter && !p.interval) {
    c.quarter_year = p.b.year, c.quarter = p.b.month, c.quarter_end = p.end;
    c.quarter_relative = relative;
  }
  // A time of a day names that day too (10月20日20时开启预售，次日起…: the 21st).
  const bool day_or_time = p.b.grain == Grain::kDay || p.b.grain == Grain::kHour || p.b.grain == Grain::kMinute;
  // So does a range of days within one month (다음 달 6~7일 … 같은 달 15일).
  const bool one_month = !p.interval || (p.a.year == p.b.year && p.a.month == p.b.month && !p.a.x_month);
  if ((p.b.grain == Grain::kMonth || day_or_time) && one_month && !p.b.x_month) {
    c.month_year = p.b.year, c.month = p.b.month;
    c.month_relative = relative;
  }
  if (day_or_time && !p.interval && !p.b.x_month && !p.b.x_day) {
    c.day_year = p.b.year, c.day_month = p.b.month, c.day = p.b.day;
    c.day_end = p.end;
    c.day_relative = relative;
  }
}

// Words::longest_each answers for one text, by position: the parser asks about the same
// few positions many times (a number's marker for the year, the month, the day...; which
// parts may open at a start), and a scan's parses about many of the same positions again
// (a failed parse and the next one, a parse and its re-reading with a reference); the
// start filter's walks (Grammar::may_start_at with a cache) are the parse's first ones.
// Valid for one text only: make one per pass over a text. Direct-mapped: a position's
// slot is its offset modulo kSlots (the positions one parse asks about are close
// together; 16 measured best of 8 to 64).
struct WordCache {
  static constexpr size_t kSlots = 16;
  struct Slot {
    size_t pos;        // the position the slot holds (npos: none)
    Words::Each each;  // Words::longest_each at pos
  };
  Slot slot[kSlots];
  WordCache() { clear(); }
  // Forgets every walk (for the next text).
  void clear() {
    for (Slot& s : slot) s.pos = std::string_view::npos;
    han_pos_ = std::string_view::npos;
  }
  // parse_han at p, read once while p is the last position asked: the start filter reads
  // the number a Han numeral opens (十年间, 二十五条) and the parse that follows reads it
  // again at the same place (Parser::han), a positional one through the general numeral
  // parser each time. `out` is set only when a number is read, as by parse_han.
  bool han(std::string_view t, size_t p, Num& out) {
    if (han_pos_ != p) {
      han_ok_ = parse_han(t, p, han_num_);
      han_pos_ = p;
    }
    if (han_ok_) out = han_num_;
    return han_ok_;
  }
  // Words::longest_each at p (< t.size()), walked once while the slot holds p.
  const Words::Each& at(const Words& w, std::string_view t, size_t p) {
    Slot& s = slot[p & (kSlots - 1)];
    if (s.pos != p) {
      w.longest_each(t, p, s.each);
      s.pos = p;
    }
    return s.each;
  }

 private:
  size_t han_pos_;  // han()'s last position (npos: none) and its answer
  bool han_ok_ = false;
  Num han_num_;
};

class Grammar {
 public:
  explicit Grammar(Words words) : words_(std::move(words)) { build_gate(); }

  // Reads the longest date expression that starts at `pos` (a leading qualifier may
  // start there too). `ref` may be null: ref-dependent fields then print as X.
  // `context` is what the text named before (TextContext): 이듬해, 同年 and 전 분기 count from it.
  // `cache` (optional) carries word lookups over to the next parse of the same text.
  // `doc`: the article `text` is (its region), when known: a Taiwanese one writes the
  // Republic's years bare (115年1月, Words::bare_era_offset).
  bool parse_at(std::string_view text, size_t pos, const core::RefDate* ref, Parsed& out,
                const TextContext& context = {}, WordCache* cache = nullptr, const core::Document* doc = nullptr) const;

  // True when a parse may start at text[pos] (cheap pre-filter: digits, numerals, date
  // words), and the character before allows a word start. When a stop word starts
  // there (a word that holds a date word but is none: 每周一, 오늘날) and `skip_to` is
  // given, it receives the byte after that word.
  // `cache` (optional: the one the parses of this text share) receives the dictionary
  // walk after a number, which the parse that follows would make again.
  bool may_start_at(std::string_view text, size_t pos, size_t* skip_to = nullptr, WordCache* cache = nullptr) const;

  const Words& words() const { return words_; }

  // Code points that can begin anything may_start_at accepts (one bit per BMP point):
  // the scan's first, one-load test.
  bool gate(char32_t c) const { return c < 0x10000 && ((gate_[c >> 6] >> (c & 63)) & 1); }
  // The same for a three-byte UTF-8 sequence, straight from its bytes: the lead and the
  // first continuation name the 64-point word, the last continuation the bit.
  unsigned gate3(const unsigned char* u) const {
    return static_cast<unsigned>((gate_[((u[0] & 0x0FU) << 6) | (u[1] & 0x3FU)] >> (u[2] & 0x3FU)) & 1);
  }
  // The gate's words (gate3's table).
  const uint64_t* gate_bits() const { return gate_.data(); }
  // The scan's first-pass table: a byte per BMP code point c, four points to a 32-bit
  // word (word c >> 2, bits 8 * (c & 3) and the seven after): the gate's bit
  // (kStartDate), whether a dateline label may start with c (kStartLabel), whether c
  // opens a word of its own that a three-byte code point may follow (kStartAlone: those
  // of pair_singles_ that stand alone, lead in or are numerals: many code points may make
  // them a start), whether c is a Hangul syllable (kStartHangul: the AVX2 pass reads it
  // with the rest, where it tested the bytes) and, one bit per group of first code
  // points (kStartSecond << second_group(c1)), whether c is the second code point of some
  // opening pair whose first is in that group (pair_bits_' pairs). One load answers all.
  // The alone and second bits let the first pass drop most three-byte starts whose
  // second code point no opening has there (上面, 이번), which the pair test
  // (gate_pair_at) would drop after them: first_pass_keeps.
  const uint32_t* start_bits() const { return start_bits_.data(); }
  static constexpr uint32_t kStartDate = 1, kStartLabel = 2, kStartAlone = 4, kStartHangul = 8, kStartSecond = 16;
  // The byte of start_bits() for code point c (< 0x10000).
  static uint32_t start_byte(const uint32_t* starts, uint32_t c) { return (starts[c >> 2] >> (8 * (c & 3))) & 255; }
  // The group of a pair's first code point c1 whose bit a second code point's byte holds:
  // c1's last two bits (four groups turn away more pairs than one set of seconds did).
  static unsigned second_group(uint32_t c1) { return c1 & 3; }
  // Whether a date may start at a three-byte c1 that passes the gate, before a
  // three-byte c2, as far as their bytes in start_bits() tell: no when c1 is no word of
  // its own that c2 may follow and c2 is the second code point of no opening pair whose
  // first is in c1's group, where gate_pair_at says no too (but for its hash's stray
  // hits, where may_start_at says no). The first pass's test (its blocks make it on
  // masks).
  static bool first_pass_keeps(uint32_t c1, uint32_t c1_bits, uint32_t c2_bits) {
    return (c1_bits & kStartAlone) || ((c2_bits >> (4 + second_group(c1))) & 1);
  }
  // Whether some dateline label starts with an ASCII character.
  bool ascii_label_starts() const { return ascii_label_starts_; }
  // The second look, for code points that pass the gate: may a date start with c1 c2?
  // (The words' and the numbers' sets, merged into one of each kind by build_gate.)
  // A c1 that opens a word of its own (上, 约, 一, 전 분기) is asked what may follow it:
  // single_follow_[c1] names the classes of second code points that can make it a start
  // (after a lead-in: whatever may start a date; after a numeral: what may go on with a
  // number), follow_class_[c2] the classes c2 is in. Most such c1 in running text
  // (上面, 约翰, 统一) fail this one test instead of a dictionary walk in may_start_at.
  // Every c2 is in class "any", so a c1 that any c2 may follow needs no look at c2's
  // classes; the others read them from two bits per code point (16 KB, where a byte per
  // code point took 64 KB: these loads miss the cache more than any other of the scan's).
  // Longer words are found by their first two code points, hashed (pair_slot).
  bool gate_pair(char32_t c1, char32_t c2) const {
    if (c1 < 0x10000 && ((pair_singles_[c1 >> 6] >> (c1 & 63)) & 1) && single_follows(c1, c2)) return true;
    return pair_marked(pair_key(c1, c2));
  }
  // The scan's pair test at text[pos], a three-byte code point with at least eight bytes
  // of valid UTF-8 from pos: gate_pair for it and the code point after it, read straight
  // from the bytes (the pair's key is its eight bytes from pos, the bytes after the
  // second code point cut off: no decoding, unless the first is a word of its own), and
  // sharper after a lead-in alone before digits (约600亿元: single_starts_at).
  [[gnu::always_inline]] bool gate_pair_at(std::string_view text, size_t pos) const {
    const auto* u = reinterpret_cast<const unsigned char*>(text.data()) + pos;
    if ((pair_singles_[((u[0] & 0x0FU) << 6) | (u[1] & 0x3FU)] >> (u[2] & 0x3FU)) & 1)
      if (single_starts_at(u, text.size() - pos)) return true;
    return pair_marked(load_le64(u) << kPairKeyShift[u[3] >> 4]);
  }
  // gate_pair_at with fewer than eight bytes from pos (at least three): decoded.
  bool gate_pair_near_end(std::string_view text, size_t pos) const;
  // The scan's test at a three-byte code point (eight bytes from pos, as gate_pair_at):
  // gate_pair_at, and a third look where its pair test let the pair through only because
  // words of three or more code points start with it (完成后 and 消费者权益日 pass 完成,
  // 消费), no word of two code points and no number's pair: their third code point must
  // follow (完成了, 消费品 open nothing). A single's own readings are its single path,
  // asked first. Only such pairs' slots are looked at again (pair_long_); a slot some
  // other pair marks too keeps gate_pair_at's answer. A native count and a space (한 달)
  // is such a pair too: its unit must follow the spaces. Before a space, the single path
  // reads the code point after the spaces (single_past_space: 약 3년, not 약 5783억).
  [[gnu::always_inline]] bool gate_start_at(std::string_view text, size_t pos) const {
    const auto* u = reinterpret_cast<const unsigned char*>(text.data()) + pos;
    if ((pair_singles_[((u[0] & 0x0FU) << 6) | (u[1] & 0x3FU)] >> (u[2] & 0x3FU)) & 1)
      if (single_starts_at(u, text.size() - pos) && (u[3] != ' ' || single_past_space(u, text.size() - pos)))
        return true;
    const uint64_t key = load_le64(u) << kPairKeyShift[u[3] >> 4];
    const uint32_t h = pair_slot(key);
    if (!((pair_bits_[h >> 6] >> (h & 63)) & 1)) return false;
    return !((pair_long_[h >> 6] >> (h & 63)) & 1) || third_follows(text, pos, key);
  }
  // The scan's quick look at an ASCII digit that opens a number: false when the character
  // right after the digits can neither go on with a date (a separator, a space, '·') nor
  // start a word that follows a number, where may_start_at says no too (1.5억, 30%,
  // 600亿, 12:30, a number that ends the line: two in three digit runs in news). One
  // byte, or one bit for a three-byte code point, and no call; true leaves the answer to
  // may_start_at. (The same tests as may_start's digit branch and number_continues, up
  // to the first that needs more than that character.)
  [[gnu::always_inline]] bool digits_may_open(std::string_view text, size_t pos) const {
    const size_t n = text.size();
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    // The run's end from the eight bytes after its first digit, where they are in the
    // text (nearly every run is shorter: no loop to enter), else digit_run_end's loop.
    size_t e;
    if (uint64_t w; std::endian::native == std::endian::little && pos + 9 <= n) {
      std::memcpy(&w, s + pos + 1, 8);
      const uint64_t t = w ^ 0x3030303030303030ull;  // (numeral::digit_run_end's test)
      const uint64_t other = (((t & 0x7F7F7F7F7F7F7F7Full) + 0x7676767676767676ull) | t) & 0x8080808080808080ull;
      e = other ? pos + 1 + static_cast<size_t>(std::countr_zero(other) >> 3)
                : numeral::digit_run_end(text.data(), pos + 9, n);
    } else {
      e = numeral::digit_run_end(text.data(), pos + 1, n);
    }
    if (e >= n) return false;
    // One load tells for every byte but a dot and a three-byte code point's lead
    // (after_digits_), where a chain of compares took a dozen instructions.
    const unsigned b = s[e], how = after_digits_[b];
    if (how <= kAfterDigitsYes) return how == kAfterDigitsYes;
    if (how == kAfterDigitsDot) return e - pos == 4;  // only a four-digit year goes on with a dot
    if (e + 2 >= n) return true;
    // The code point's word and bit in after_number_starts_, from its three bytes.
    return (after_number_starts_[((b & 0x0FU) << 6) | (s[e + 1] & 0x3FU)] >> (s[e + 2] & 0x3FU)) & 1;
  }
  // Whether some word that may follow a number in a date (a unit, a count mark, a range
  // connector) starts with c: digits_may_open's test of a code point.
  bool may_follow_number(char32_t c) const { return c < 0x10000 && ((after_number_starts_[c >> 6] >> (c & 63)) & 1); }
  // gate_pair's classes of second code points (bits of single_follow_ and follow_class).
  static constexpr uint8_t kFollowAny = 1, kFollowLeadIn = 2, kFollowNumber = 4, kFollowSpace = 8,
                           kFollowBracket = 16;
  // A mark of single_follow_ beside those classes: c1 opens a date alone only as a lead-in
  // right before what follows (约, 약, 第), so an ASCII digit after it makes it a start only
  // where that number may open one (Grammar::digits_may_open; gate_pair_at reads it).
  static constexpr uint8_t kDigitsLook = 32;
  // Another such mark: before a three-byte code point other than Hangul (第一, 约三, 约新),
  // the lead-in's date would open with it (may_start after the lead-in reads it as at a
  // word start, when no vague-count word starts with one), so the scan's test there
  // answers (gate_start_at: 第二阶段, 约三成, 约新台币 open nothing).
  static constexpr uint8_t kHanLook = 64;

 private:
  void build_gate();
  void build_follow();
  bool may_start(std::string_view text, size_t pos, size_t* skip_to, bool word_start, WordCache* cache) const;
  bool number_continues(std::string_view text, size_t end, WordCache* cache = nullptr) const;
  // Whether a word of `kinds` starts at text[pos], through `cache` when given.
  bool word_at(std::string_view text, size_t pos, KindMask kinds, WordCache* cache) const;
  // The longest word of `kinds` at text[pos] (none at or past the end), through `cache`
  // when given. The parser's lookup (Parser::word) answers the same word or none.
  Match word_match(std::string_view text, size_t pos, KindMask kinds, WordCache* cache) const;
  // Whether the digits text[pos, e) (a whole run, at a word start) have after them what
  // one of the parser's readings of a number there needs (Parser::core): a separator, a
  // range connector, a marker whose part takes their value and length (2025년, 9월; not
  // 5年期, 9125달러), a count's unit with an ago word after it (3년 전; not 67년간). A
  // superset of the parses that succeed there, and number_continues(e) with more tests.
  bool number_may_open(std::string_view text, size_t pos, size_t e, WordCache* cache) const;

  Words words_;
  Words numbers_;  // only its pair sets: how numbers may open a date
  // DateNumberStarts::sino_pairs, each c1 << 32 | c2: may_start's last test (이천, 삼분).
  std::vector<uint64_t> sino_pairs_;
  std::vector<uint64_t> gate_ = std::vector<uint64_t>(1024, 0);
  std::array<uint64_t, 1024> pair_singles_{}, pair_bits_{};
  std::vector<uint32_t> start_bits_ = std::vector<uint32_t>(16384, 0);
  // The second code points of the pairs in pair_bits_ (start_bits' kStartSecond), by the
  // group of the pair's first code point (second_group).
  std::array<std::array<uint64_t, 1024>, 4> pair_seconds_{};
  // gate_pair's classes: of the second code points that may make each single c1 a start
  // (bits: any, after a lead-in, after a numeral, a space, an opening bracket), and, two
  // bits per BMP code point (32 to a word), whether c2 may follow a lead-in (bit 0) and a
  // numeral (bit 1). Every code point is in "any"; only ' ' is a space and '(' a bracket.
  std::vector<uint8_t> single_follow_ = std::vector<uint8_t>(0x10000, 0);
  std::vector<uint64_t> follow_bits_ = std::vector<uint64_t>(0x10000 / 32, 0);
  uint8_t follow_class(char32_t c2) const {  // c2 < 0x10000
    const auto two = static_cast<unsigned>((follow_bits_[c2 >> 5] >> (2 * (c2 & 31))) & 3);
    return static_cast<uint8_t>(kFollowAny | two << 1 | unsigned{c2 == U' '} << 3 | unsigned{c2 == U'('} << 4);
  }
  // The single path of gate_pair, for c1 in pair_singles_: whether c2 may follow it.
  bool single_follows(char32_t c1, char32_t c2) const {
    const unsigned need = single_follow_[c1];
    return (need & kFollowAny) || c2 >= 0x10000 || (need & follow_class(c2));
  }
  // gate_pair_at's single path for the code point at u (in pair_singles_) and the one
  // after it, with `avail` (at least 3) bytes of valid UTF-8 from u: single_follows, and
  // the digits look after a lead-in (kDigitsLook) and the look past it (kHanLook). Out
  // of line, so that the scan's loop keeps nothing for it.
  bool single_starts_at(const unsigned char* u, size_t avail) const;
  // The look after the lead-in at u (kHanLook: a three-byte code point other than Hangul
  // at u + 3, at least eight bytes from there): the scan's test there. A function of its
  // own, so that single_starts_at stays a leaf for the many singles that need no look.
  [[gnu::noinline]] bool han_opens_at(const unsigned char* u, size_t avail) const;
  // gate_start_at's look past a space after a single (u[3] is a space; single_starts_at
  // said yes): whether the code point after the spaces may make the single a start. After
  // a space a single opens a date only as a lead-in before what may start one (약 3년, 约
  // 三年: the lead-in class, or the digits look), as a numeral before a word after a
  // number, as the first of a word with a space inside (한 해, 두 번째: the pair with the
  // word's code point after the space, marked in pair_bits_), or as a native count before
  // its unit (한 달: the numbers' pairs there); 약 절반, 한 곳 no longer reach
  // may_start_at. A single that any code point may follow: yes. Out of line, as
  // single_starts_at.
  bool single_past_space(const unsigned char* u, size_t avail) const;
  // gate_start_at's third look at a three-byte code point whose pair with the code point
  // after it has the key `pair` (pair_key): whether the code point after those two (and
  // after a space there) makes the first three of some word (triple_bits_). Out of line,
  // as single_starts_at.
  bool third_follows(std::string_view text, size_t pos, uint64_t pair) const;
  // A first three code points' bit in triple_bits_: their pair's key and the third, hashed.
  static uint32_t triple_slot(uint64_t pair, char32_t c3) {
    return static_cast<uint32_t>(((pair ^ (uint64_t{c3} * 0xC2B2AE3D27D4EB4Fu)) * 0x9E3779B97F4A7C15u) >> 48);
  }
  // The pair filter (pair_bits_) is keyed by the pair's UTF-8 bytes, so that the scan
  // reads a key straight from the text (gate_pair_at): the first `len` (at most 8) bytes
  // of `bytes` (read little-endian), moved to the top of the word so that the bytes
  // after them drop out.
  static uint64_t bytes_key(uint64_t bytes, unsigned len) { return bytes << (64 - 8 * len); }
  // bytes_key's shift for a three-byte c1 and a c2 whose lead byte has these high four
  // bits: 64 - 8 * (3 + c2's length), a continuation byte (never there in valid text)
  // taken as length 1.
  static constexpr std::array<uint8_t, 16> kPairKeyShift = {32, 32, 32, 32, 32, 32, 32, 32,
                                                            32, 32, 32, 32, 24, 24, 16, 8};
  // The length of a code point whose lead byte has these high four bits, as there.
  static constexpr std::array<uint8_t, 16> kLeadLength = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
  static uint64_t load_le64(const unsigned char* p) {
    uint64_t w = 0;
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(&w, p, 8);
    } else {
      for (int k = 7; k >= 0; --k) w = w << 8 | p[k];
    }
    return w;
  }
  static uint64_t pair_key(char32_t c1, char32_t c2) {
    unsigned char buf[8] = {};
    char* end = text::put_utf8(text::put_utf8(reinterpret_cast<char*>(buf), c1), c2);
    return bytes_key(load_le64(buf), static_cast<unsigned>(end - reinterpret_cast<char*>(buf)));
  }
  // The bit of a key in pair_bits_ (a multiplicative hash: its top 16 bits).
  static uint32_t pair_slot(uint64_t key) { return static_cast<uint32_t>((key * 0x9E3779B97F4A7C15u) >> 48); }
  bool pair_marked(uint64_t key) const {
    const uint32_t h = pair_slot(key);
    return (pair_bits_[h >> 6] >> (h & 63)) & 1;
  }
  // `of_words`: the pair of a date word's first two code points, whose slot build_gate
  // sorts into pair_short_ or pair_long_ by the word's length (start_triples); any other
  // pair (a number's, a single's follower) is marked short here.
  // Sets bit `slot` of a table of slots (pair_bits_, pair_short_, pair_long_, triple_bits_).
  static void set_slot(std::array<uint64_t, 1024>& bits, uint32_t slot) { bits[slot >> 6] |= uint64_t{1} << (slot & 63); }
  void mark_pair(char32_t c1, char32_t c2, bool of_words = false) {
    const uint32_t h = pair_slot(pair_key(c1, c2));
    set_slot(pair_bits_, h);
    if (!of_words) set_slot(pair_short_, h);
    if (c2 < 0x10000) pair_seconds_[second_group(c1)][c2 >> 6] |= uint64_t{1} << (c2 & 63);
  }
  // Slots of pair_bits_ by what marked them: a pair that gate_start_at's third look may
  // not turn away (a word of two code points, a single's first, a number's pair), and
  // (after build_gate) the slots only words of three or more code points marked, whose
  // first three code points are in triple_bits_ (hashed as triple_slot).
  std::array<uint64_t, 1024> pair_short_{}, pair_long_{}, triple_bits_{};
  bool ascii_label_starts_ = false;
  // Whether some word starts with an ASCII digit (none of the built-in ones does): then
  // a number at a word start may open other readings than its own (number_may_open).
  bool digit_words_ = false;
  // First code points of the words that may follow a number in a date (a unit, a count
  // mark, a range connector): number_continues' first test.
  std::array<uint64_t, 1024> after_number_starts_{};
  // digits_may_open's answer by the byte after the digits: no, yes, a dot (yes after
  // four digits), or a three-byte code point's lead (its bit in after_number_starts_).
  static constexpr uint8_t kAfterDigitsNo = 0, kAfterDigitsYes = 1, kAfterDigitsDot = 2, kAfterDigitsLead3 = 3;
  std::array<uint8_t, 256> after_digits_{};
};

}  // namespace hanfacts::date
