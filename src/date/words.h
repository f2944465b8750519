// The date vocabulary (lexicons/date/*.tsv) compiled into a byte trie over folded
// surfaces, so the scanner asks "which date words start here?" in one walk.
//
//   auto words = Words::load(lexicon::builtin_sources("date"));
//   Match m = words.value().longest(text, pos, kind_bit(Kind::kDayRel));
//   if (m) entry(m.entry).offset ...   // m.end: byte after the word
//
// Spaces inside a surface ("이번 주") are optional in the text. Immutable after load;
// lookups never allocate.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/region.h"
#include "date/written.h"
#include "hanfacts/status.h"
#include "lexicon/sources.h"
#include "text/utf8.h"

namespace hanfacts::date {

// text::prev_code_point (the code point that ends right before s[i], i > 0; i moves to
// its start), with a three-byte code point (Han, Hangul, CJK punctuation: what the date
// checks mostly read back over) decoded in place instead of through the general loop and
// next_code_point. The same answer for any bytes: the fast path takes only a lead byte
// and two continuation bytes that decode to a well-formed code point.
inline char32_t prev_code_point(std::string_view s, size_t& i) {
  if (i >= 3) {
    const auto* u = reinterpret_cast<const unsigned char*>(s.data()) + i - 3;
    if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
      const char32_t c = text::decode3(u);
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
        i -= 3;
        return c;
      }
    }
  }
  return text::prev_code_point(s, i);
}

enum class Kind : uint8_t {
  kYearRel, kMonthRel, kWeekRel, kDayRel, kQuarterRel, kWeekday, kWeekdayShort, kHalf,
  kPart, kPartYear, kPartMonth, kQualBefore, kQualAfter, kApproxCount, kAgo, kPrefix,
  kMarker, kSpanUnit, kDaypart, kRange, kOrdinal, kDateline, kStop, kDurationAfter, kSpanPrefix, kFirstN, kNth, kNthUnit, kLinker, kClassifier, kEra, kSeason, kDaypartAfter, kBetween, kBetweenEnd, kVagueCount, kHalfRel, kNowadays, kContrastPast, kHoliday, kLunar, kLunarMonth, kCountedSpan, kSameDay, kLunarLeap, kHolidayPeriod, kEnding, kRecurring, kQualAfterHoliday, kHolidayList, kManyNoun, kViewpoint, kWeekdayCounter, kIssueMark, kWeekdayPractice, kChangeTo, kEventNoun, kApposition, kDurationBefore, kRelFollow, kBylineEnd, kCount
};

using KindMask = uint64_t;
constexpr KindMask kind_bit(Kind k) { return KindMask{1} << static_cast<int>(k); }

// Kinds of words that can open a date expression (or a stop word that blocks one): every
// parse that does not start with a number starts with one of these.
constexpr KindMask kOpeners = kind_bit(Kind::kYearRel) | kind_bit(Kind::kMonthRel) | kind_bit(Kind::kWeekRel) |
                              kind_bit(Kind::kDayRel) | kind_bit(Kind::kQuarterRel) | kind_bit(Kind::kWeekday) |
                              kind_bit(Kind::kHalf) | kind_bit(Kind::kPartYear) | kind_bit(Kind::kPartMonth) |
                              kind_bit(Kind::kQualBefore) | kind_bit(Kind::kPrefix) | kind_bit(Kind::kOrdinal) |
                              kind_bit(Kind::kSpanPrefix) | kind_bit(Kind::kFirstN) | kind_bit(Kind::kNth) |
                              kind_bit(Kind::kEra) | kind_bit(Kind::kSeason) | kind_bit(Kind::kHalfRel) |
                              kind_bit(Kind::kHoliday) | kind_bit(Kind::kLunar) | kind_bit(Kind::kLunarMonth) | kind_bit(Kind::kLunarLeap) |
                              kind_bit(Kind::kCountedSpan);

// What `unit` says, parsed once.
enum class Tag : uint8_t {
  kNone, kYear, kFiscalYear, kDecade, kQuarter, kMonth, kWeek, kDay, kHour, kMinute, kHalfHour,
  kEarly, kMid, kLate, kApprox, kSince, kUntil, kAm, kPm, kNoon, kNight, kDayOfMonth,
  kSpring, kSummer, kAutumn, kWinter, kCentury, kContext, kWithin, kYearTurn, kTerm, kFrom, kFollow,
  kBare
};

enum class Lang : uint8_t { kAny, kKo, kZh };

struct Entry {
  Kind kind;
  Lang lang;
  Tag tag;
  int offset;  // for Kind::kHoliday: the index of its Holiday (Words::holiday)
  bool has_offset = false;  // the offset column was filled (a season with its own direction: 明春)
};

// The day a holiday falls on in a given year (lexicons/date/holidays.tsv).
enum class HolidayCalendar : uint8_t { kSolar, kLunar, kNthWeekday, kSolarTerm, kEaster, kOrthodoxEaster, kHebrew, kIslamic };
struct Holiday {
  HolidayCalendar calendar = HolidayCalendar::kSolar;
  bool korean = false;  // lunar, solar_term: the Korean calendar (dangi) rather than the Chinese one
  int month = 1;
  int day = 1;      // kNthWeekday: which one (1-5, or -1 for the last); kSolarTerm: the month's 1st or 2nd term
  int weekday = 0;  // kNthWeekday: 1 = Monday .. 7 = Sunday
  int shift = 0;    // days added
  int days = 1;     // days it lasts (逾越节: 9, eve included); 0: the whole month of its calendar (斋月)
  // Folded words one of which must follow the holiday word (after an optional space);
  // empty when none is needed.
  std::vector<std::string> follow;
  // The folded names of the countries whose own day it is (感恩节: 美国); empty when it
  // is kept alike everywhere. See Words::other_country_before.
  std::vector<std::string> countries;
  // Gregorian days it falls on instead in some regions (國慶 in Taiwan: 10-10).
  struct RegionalDay {
    core::Region region;
    int month, day;
  };
  std::vector<RegionalDay> regional;
  template <class Io>
  void serial(Io& io) {
    io(calendar), io(korean), io(month), io(day), io(weekday), io(shift), io(days);
    io(follow), io(countries), io(regional);
  }
};

struct Match {
  int entry = -1;  // index into Words::entry, -1 when nothing matched
  size_t end = 0;  // byte after the match
  explicit operator bool() const { return entry >= 0; }
};

class Words {
 public:
  // Compiles `sources` (the date files; geo/places.tsv too unless they bring their own).
  // For the built-in files alone (lexicon::builtin_sources("date"), as they are) it reads
  // the words that the build compiled from them (prebuilt_model()) instead: the same
  // tables, with none of the work.
  static Result<Words> load(std::span<const lexicon::Source> sources);
  // load() that always compiles the sources (the build's generator, tests).
  static Result<Words> build(std::span<const lexicon::Source> sources);
  // The compiled words as bytes (lexicon/serial.h), for prebuilt_model(); `sources`:
  // what build() compiled them from.
  std::string save(std::span<const lexicon::Source> sources) const;
  // The words in `saved` (save() of this build), which must have been made from
  // `sources` (names and sizes are checked, not contents).
  static Result<Words> load_saved(std::string_view saved, std::span<const lexicon::Source> sources);
  // Reads or writes every field that lookups use (lexicon/serial.h): save(), load_saved().
  template <class Io>
  void serial(Io& io);

  // Longest word starting at text[pos] whose kind is in `kinds`.
  Match longest(std::string_view text, size_t pos, KindMask kinds) const {
    Match stop;
    return longest2(text, pos, kinds, 0, stop);
  }
  // One walk for two questions: the longest word of `kinds` (returned) and the longest
  // of `other` (into `other_match`).
  Match longest2(std::string_view text, size_t pos, KindMask kinds, KindMask other, Match& other_match) const {
    Match unused;
    return longest3(text, pos, kinds, other, other_match, 0, unused);
  }
  // longest2 and, in the same walk, the longest word of `part` (a subset of `kinds`).
  Match longest3(std::string_view text, size_t pos, KindMask kinds, KindMask other, Match& other_match,
                 KindMask part, Match& part_match) const;
  // Every kind's longest word starting at text[pos] in one walk: out[k] for kind k (the
  // first entry of that kind where several end at the same place).
  struct Each {
    // A bit per kind with a word here: entry[k] and end[k] are set only for those (one
    // mask test answers "no word of these kinds"). Trivially constructible (lives in
    // scratch memory).
    KindMask kinds;
    int32_t entry[static_cast<int>(Kind::kCount)];
    uint32_t end[static_cast<int>(Kind::kCount)];
  };
  void longest_each(std::string_view text, size_t pos, Each& out) const;
  // True when some word of `kinds` could start at text[pos]: the first byte alone
  // decides most positions.
  bool may_hold(std::string_view text, size_t pos, KindMask kinds) const {
    return pos < text.size() && (root_below_[static_cast<unsigned char>(text[pos])] & kinds);
  }
  // The first position in [from, to) where may_hold2 says yes, or `to`.
  size_t next_may_hold(std::string_view text, size_t from, size_t to, KindMask kinds) const {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (size_t i = from; i < to; ++i)
      if ((root_below_[s[i]] & kinds) && may_hold2(text, i, kinds)) return i;
    return to;
  }
  // may_hold with one more byte looked at: rejects most positions a lead byte shared
  // by many syllables lets through. May say yes wrongly, never no wrongly.
  bool may_hold2(std::string_view text, size_t pos, KindMask kinds) const {
    if (!may_hold(text, pos, kinds)) return false;
    if (pos + 1 >= text.size()) return true;
    const auto node = static_cast<size_t>(root_child_[static_cast<unsigned char>(text[pos])]);
    const Flat& n = flat_[node];
    if ((masks_[node].here & kinds) || n.space_child >= 0) return true;
    const int32_t to = step(n, static_cast<unsigned char>(text[pos + 1]));
    return to >= 0 && (masks_[static_cast<size_t>(to)].below & kinds);
  }
  const Entry& entry(int i) const { return entries_[static_cast<size_t>(i)]; }
  // The holiday of a Kind::kHoliday entry: holiday(entry(i).offset).
  const Holiday& holiday(int i) const { return holidays_[static_cast<size_t>(i)]; }
  // Whether the name of a country that does not keep holiday `h` as its own ends right
  // before `start` (one space, or 的/의 and a space, allowed): 以色列国庆节 and 베트남
  // 국경절 name those countries' days, which the holidays file does not give. Home
  // countries (geo/places.tsv) never count: 中国国庆节 is 国庆节.
  bool other_country_before(std::string_view text, size_t start, const Holiday& h) const;
  // Whether a word that makes the date after it recur (Kind::kRecurring: 매년, 每年, 每逢)
  // ends right before `start` (one space allowed): 매년 10월 is every October, no one date.
  bool recurring_before(std::string_view text, size_t start) const;
  // The start of the shortest word of `kinds` that ends at `end` and starts at most
  // `max_bytes` before it, or `end` when none does (the scan's words read backwards).
  size_t word_ending_at(std::string_view text, size_t end, KindMask kinds, size_t max_bytes) const;
  // True when some word that can open a date expression (a relative word, weekday,
  // prefix, leading qualifier...) starts with code point c: the scan's pre-filter.
  bool may_start(char32_t c) const {
    return c < 0x10000 ? (starts_[c >> 6] >> (c & 63)) & 1 : false;
  }
  // may_start's table, one bit per BMP code point.
  const uint64_t* start_bits() const { return starts_.data(); }
  // The first two code points of the words that can open a date, in start_pairs()
  // (words of one code point, or with a space after the first, are in single() instead).
  void mark_pair(char32_t c1, char32_t c2) { start_pairs_.emplace_back(c1, c2); }
  static uint32_t pair_hash(char32_t c1, char32_t c2) {
    return ((static_cast<uint32_t>(c1) * 0x9E3779B1u) ^ (static_cast<uint32_t>(c2) * 0x85EBCA77u)) >> 16;
  }
  // True when some dateline label (Kind::kDateline) may start with code point c: the
  // label search's one-load filter (exact on the first code point; beyond the BMP, yes).
  bool may_start_label(char32_t c) const {
    return c < 0x10000 ? (label_starts_[c >> 6] >> (c & 63)) & 1 : true;
  }
  // may_start_label's table, one bit per BMP code point.
  const uint64_t* label_bits() const { return label_starts_.data(); }
  // may_start_label for a three-byte UTF-8 sequence, straight from its bytes.
  bool may_start_label3(const unsigned char* u) const {
    return (label_starts_[((u[0] & 0x0FU) << 6) | (u[1] & 0x3FU)] >> (u[2] & 0x3FU)) & 1;
  }
  // The first code point boundary in [i, to) of valid UTF-8 `text` whose code point
  // may_start_label lets through (or that is neither ASCII nor three bytes long: the
  // caller tests those), else `to`. Three-byte sequences are tested straight from their
  // bytes (the lead and first continuation name the 64-point word, the last the bit).
  size_t next_label_start(std::string_view text, size_t i, size_t to) const {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const uint64_t* bits = label_starts_.data();
    const size_t three_end = text.size() >= 2 ? std::min(to, text.size() - 2) : 0;
    while (i < to) {
      const unsigned b = s[i];
      if ((b & 0xF0) == 0xE0 && i < three_end) {
        if ((bits[((b & 0x0FU) << 6) | (s[i + 1] & 0x3FU)] >> (s[i + 2] & 0x3FU)) & 1) return i;
        i += 3;
      } else if (b < 0x80) {
        if ((bits[b >> 6] >> (b & 63)) & 1) return i;
        ++i;
      } else {
        return i;
      }
    }
    return to;
  }
  // The marks that close a dated byline (kind byline_end: 新华社北京3月1日电, 广西新闻网钦州
  // 11月28日讯), folded; they are not words of the trie.
  const std::vector<std::string>& byline_marks() const { return byline_marks_; }
  // The Chinese and language-neutral words that make the shape of a date written with
  // digits (date/written.h), sorted out of the rows this model is built from.
  const WrittenDateWords& written() const { return written_; }
  // The offset of the era whose years Taiwanese articles write without its name (the
  // era row with unit bare: 民国, so 115年1月 is January 2026 there), or 0 when none.
  int bare_era_offset() const { return bare_era_offset_; }
  // The same for the first two code points (hashed: may say yes wrongly, never no
  // wrongly; a label of one code point or with a space after the first passes any c2).
  bool may_start_label_pair(char32_t c1, char32_t c2) const {
    if (c1 < 0x10000 && ((label_singles_[c1 >> 6] >> (c1 & 63)) & 1)) return true;
    const uint32_t h = pair_hash(c1, c2);
    return (label_pairs_[h >> 6] >> (h & 63)) & 1;
  }
  // True when some word (of any kind) may end with code point c (beyond the BMP, yes):
  // a date that ends right before a given character must end with a word or a number.
  bool may_end_word(char32_t c) const {
    return c < 0x10000 ? (ends_[c >> 6] >> (c & 63)) & 1 : true;
  }
  // Whether c opens a qualifier_before word tagged since (自, 从): few words, checked
  // before any walk where such a word is looked for far from a date.
  bool may_open_since(char32_t c) const {
    return ((since_opener_filter_ >> end_slot(c)) & 1) &&
           std::find(since_opener_firsts_.begin(), since_opener_firsts_.end(), c) != since_opener_firsts_.end();
  }
  // Whether the UTF-8 of some code point may_open_since names (自, 从) starts at
  // p - 3k for some k in [from_chars, to_chars] (p <= size) with no character p - 3j
  // before it, from_chars <= j < k, ending in an ASCII byte (no Han character does): a
  // walk back over Han characters for such a word, which decodes every character it
  // passes, is needed only then. (May say yes wrongly: for an opener that is not three
  // bytes long, always.)
  bool since_opener_stepping_back(std::string_view text, size_t p, size_t from_chars, size_t to_chars) const;
  // The same for a window the caller names at compile time (the DATE walk back's): inline,
  // its characters unrolled, one load and two tests each where the window lies inside the
  // text (the call and the general window's arithmetic cost as much as the tests).
  template <size_t kFromChars, size_t kToChars>
  bool since_opener_stepping_back(std::string_view text, size_t p) const {
    static_assert(kFromChars >= 1 && kFromChars <= kToChars);
    if (p < 3 * kToChars) return since_opener_stepping_back(text, p, kFromChars, kToChars);
    const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + p;
#pragma GCC unroll 16
    for (size_t k = kFromChars; k <= kToChars; ++k) {
      const unsigned last = s[2 - 3 * static_cast<std::ptrdiff_t>(k)];
      if (last < 0x80) return false;
      if (((since_opener_last_bytes_ >> (last & 63)) & 1) && since_opener_at(s - 3 * k)) return true;
    }
    return false;
  }
  // True when some lunisolar mark (Kind::kLunar: 农历, 음력) ends with code point c (asked
  // once per fact, before any walk back).
  bool may_end_lunar(char32_t c) const { return ends_kind(c, kEndsLunar); }
  // The same question for recurring words (Kind::kRecurring: 每年, 매년; recurring_before),
  // asked once per fact.
  bool may_end_recurring(char32_t c) const { return ends_kind(c, kEndsRecurring); }
  // Whether c opens a recurring word (每, 매, 해…): recurring_before tests each code point
  // it steps back over before any walk.
  bool may_open_recurring(char32_t c) const {
    return ((recurring_first_filter_ >> end_slot(c)) & 1) &&
           std::find(recurring_firsts_.begin(), recurring_firsts_.end(), c) != recurring_firsts_.end();
  }
  // The same question for list marks (Kind::kHolidayList: 、, 和, 과, ·), asked before every
  // date that might follow listed ordinals (매월 둘째·넷째 일요일).
  bool may_end_list_mark(char32_t c) const { return ends_kind(c, kEndsListMark); }
  // Appends the first code point of every word whose kind is in `kinds`.
  void first_code_points(KindMask kinds, std::vector<char32_t>& out) const {
    for (const auto& [kind, c] : firsts_)
      if (kind_bit(kind) & kinds) out.push_back(c);
  }
  // The same for the words of `kinds` whose unit is `tag` (분기, the Korean marker of
  // quarters: firsts_ holds an entry's first code point at its index).
  void first_code_points(KindMask kinds, Tag tag, std::vector<char32_t>& out) const {
    for (size_t i = 0; i < firsts_.size() && i < entries_.size(); ++i)
      if ((kind_bit(firsts_[i].first) & kinds) && entries_[i].tag == tag) out.push_back(firsts_[i].second);
  }
  // The opening and stop words behind single(): their first code point stands alone in
  // the word (`after` 0) or is followed by a space and then `after` (the space is
  // optional in the text).
  struct SingleStart {
    char32_t first;
    char32_t after;
    Kind kind;
    int offset = 0;  // the entry's (a first_n word's own count: 首 in 首季)
  };
  const std::vector<SingleStart>& single_starts() const { return single_starts_; }
  // The set behind single() (1024 words), and the pairs of first code points marked
  // (mark_pair, each once; Grammar builds its pair filter from them).
  const uint64_t* single_bits() const { return singles_.data(); }
  const std::vector<std::pair<char32_t, char32_t>>& start_pairs() const { return start_pairs_; }
  // The first three code points of those words, three entries each (each triple once):
  // c1, c2 and the code point after them, 0 for a word of two code points, past the
  // surface's optional space where it has one there (다음 달: 다 음 달, which the third
  // look reads in 다음달 and 다음 달). Grammar's third look (gate_start_at) is built from them.
  const std::vector<char32_t>& start_triples() const { return start_triples_; }
  bool single(char32_t c) const { return c < 0x10000 && ((singles_[c >> 6] >> (c & 63)) & 1); }
  void mark_single(char32_t c) {
    if (c < 0x10000) singles_[c >> 6] |= uint64_t{1} << (c & 63);
  }

 private:
  // Build-time trie, flattened by finish() into the arrays below. Its nodes, edges and
  // words are lists in three vectors, with no allocation per node (a vector of children
  // and one of words per node made most of the build's cost).
  struct Node {
    int32_t first_edge = -1;  // edges_: the children, sorted by byte
    int32_t first_word = -1, last_word = -1;  // node_words_: the words ending here, in the order added
  };
  struct Edge {
    unsigned char byte;
    int32_t to;
    int32_t next;  // the sibling with the next larger byte, or -1
  };
  struct NodeWord {
    int32_t entry;
    int32_t next;  // or -1
  };
  int32_t child(int32_t node, unsigned char b) const;
  int32_t step_or_add(int32_t node, unsigned char b);
  void add(std::string_view folded_surface, int entry);
  // Adds a word of folded `surface` (not empty) and its entry, and notes its first code
  // points in the scan's filters. `follow`: words one of which must come after it (a
  // holiday's), so a word of one code point opens a date only before them.
  void add_word(const std::string& surface, const Entry& e, std::span<const std::string> follow = {});
  Status load_places(const lexicon::Source& src);
  Status load_holidays(const lexicon::Source& src);
  Status finish();

  // The walked form, in 16 bytes a node (four to a cache line: a walk reads a node per
  // code point or byte, and the ORG pass evicts them between documents, so the walks'
  // cost is mostly these loads). Node i has children bytes_[first .. first + count)
  // (sorted) with targets to_[...], or, when kDense is set, a direct table by
  // continuation byte, dense_[first + (b & 63)]. Its words (entries_count of them) are
  // flat_entries_[entries_first ...], or when it has one, entries_first itself
  // (entries_of): each an entry index and its kind (entry_index, entry_kind). The kinds
  // of words ending at it and in its subtree, which only some walks read, are in
  // masks_[i].
  struct Flat {
    uint32_t first = 0;
    uint32_t entries_first = 0;
    // The child on ' ' (a surface with a space here), or -1. The text may leave that
    // space out: next_node() then steps from the space child.
    int32_t space_child = -1;
    uint16_t count = 0;
    uint8_t entries_count = 0;
    uint8_t flags = 0;  // kBoundary, kDense, kEntries, kLeaf, kSpace
  };
  static_assert(sizeof(Flat) == 16);
  static constexpr uint8_t kBoundary = 1;  // the path to it ends a code point (every word ending is one)
  static constexpr uint8_t kDense = 2;
  static constexpr uint8_t kEntries = 4;  // some word ends here
  static constexpr uint8_t kLeaf = 8;     // no child
  static constexpr uint8_t kSpace = 16;   // a space child
  struct Masks {
    KindMask here = 0, below = 0;
  };
  const uint32_t* entries_of(const Flat& n) const {
    return n.entries_count == 1 ? &n.entries_first : flat_entries_.data() + n.entries_first;
  }
  static int32_t entry_index(uint32_t packed) { return static_cast<int32_t>(packed >> 8); }
  static Kind entry_kind(uint32_t packed) { return static_cast<Kind>(packed & 0xFF); }
  // A node as the walks carry it: its index in the low 16 bits and its flags above them,
  // so that a step through a node with no word and one way on (most of a walk) needs no
  // load of the node: the code point table's slots hold these. kNoNode: none.
  static constexpr uint32_t kNoNode = 0xFFFFFFFF;
  static constexpr size_t kMaxNodes = 0xFFFF;  // load() checks
  static size_t node_of(uint32_t ref) { return ref & 0xFFFF; }
  static unsigned flags_of(uint32_t ref) { return (ref >> 16) & 0xFF; }
  uint32_t ref_of(int32_t node) const {
    return node < 0 ? kNoNode : static_cast<uint32_t>(node) | uint32_t{flat_[static_cast<size_t>(node)].flags} << 16;
  }
  int32_t step(const Flat& n, unsigned char b) const {
    if (n.flags & kDense) return (b & 0xC0) == 0x80 ? dense_[n.first + (b & 63)] : -1;
    for (uint32_t k = n.first; k < n.first + n.count; ++k)
      if (bytes_[k] == b) return to_[k];
    return -1;
  }
  // Three-byte code points in one step from a boundary node: the node its third byte
  // reaches (as a ref), or kNoNode when no word goes on with that code point. An
  // open-addressing table keyed by node and code point (Han and Hangul, most of the
  // text, take three byte steps otherwise). A slot is the key (node << 16 | c) + 1 in its
  // low half and the target's ref in its high half: a probe reads one 8-byte word.
  uint32_t cp_step(size_t node, uint32_t c) const {
    const uint32_t key = ((static_cast<uint32_t>(node) << 16) | c) + 1;
    for (size_t h = static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> cp_shift_);; h = (h + 1) & cp_mask_) {
      const uint64_t slot = cp_slots_[h];
      if (static_cast<uint32_t>(slot) == key) return static_cast<uint32_t>(slot >> 32);
      if (static_cast<uint32_t>(slot) == 0) return kNoNode;
    }
  }
  // The shared step of the walks at a boundary node `ref` whose text ends before text[i]
  // (i < size): when the next code point is three bytes long, the node after it (from
  // `ref`, or from its space child when the text leaves a surface's space out) and the
  // text position after it in `ref`/`i`, returning 1; 0 when no word goes on there (the
  // byte steps would end inside the code point, where no word ends); -1 when the byte
  // steps must decide (not three bytes long, a space among them).
  int cp_advance(std::string_view text, uint32_t& ref, size_t& i) const {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    // A space in the text goes by the byte steps (to the space child, if any).
    if (i + 2 >= text.size() || (s[i] & 0xF0) != 0xE0) return -1;
    const uint32_t c = text::decode3(s + i);
    uint32_t z = cp_step(node_of(ref), c);
    if (z == kNoNode && (flags_of(ref) & kSpace))  // the surface's space left out
      z = cp_step(static_cast<size_t>(flat_[node_of(ref)].space_child), c);
    if (z == kNoNode) return 0;
    ref = z;
    i += 3;
    return 1;
  }
  // The node after byte b of the text at node n: its own child, else (a surface with a
  // space here that the text leaves out) the space child's; -1 when neither.
  int32_t next_node(const Flat& n, unsigned char b) const {
    const int32_t to = step(n, b);
    if (to >= 0 || n.space_child < 0 || b == ' ') return to;
    return step(flat_[static_cast<size_t>(n.space_child)], b);
  }
  // The walks' first step from the root at text[pos] (pos < size): a three-byte code
  // point at once (a word that starts with it, if any, goes on from the node after it;
  // no word ends inside it), anything else by its first byte. False when no word starts
  // there.
  bool first_step(std::string_view text, size_t pos, uint32_t& ref, size_t& i) const {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    if ((s[pos] & 0xF0) == 0xE0 && pos + 2 < text.size()) {
      ref = cp_step(0, text::decode3(s + pos));
      i = pos + 3;
    } else {
      ref = ref_of(root_child_[s[pos]]);
      i = pos + 1;
    }
    return ref != kNoNode;
  }
  std::vector<uint64_t> cp_slots_;
  size_t cp_mask_ = 0;
  int cp_shift_ = 64;

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<NodeWord> node_words_;
  std::vector<Flat> flat_;
  std::vector<Masks> masks_;
  std::vector<unsigned char> bytes_;
  std::vector<int32_t> to_;
  std::vector<uint32_t> flat_entries_;  // entry index << 8 | kind
  std::vector<int32_t> dense_;
  int32_t root_child_[256];
  KindMask root_below_[256];
  std::vector<Entry> entries_;
  std::vector<Holiday> holidays_;
  // geo/places.tsv: folded place name -> whether it is a home country (한국, 中国).
  std::unordered_map<std::string, bool> places_;
  size_t max_place_bytes_ = 0;
  std::vector<uint64_t> starts_ = std::vector<uint64_t>(1024, 0);
  std::vector<std::pair<char32_t, char32_t>> start_pairs_;
  std::vector<char32_t> start_triples_;  // start_triples()
  std::vector<uint64_t> singles_ = std::vector<uint64_t>(1024, 0);
  std::vector<uint64_t> label_starts_ = std::vector<uint64_t>(1024, 0);
  std::vector<uint64_t> ends_ = std::vector<uint64_t>(1024, 0);
  std::vector<char32_t> since_opener_firsts_;  // first code points of since-tagged qualifier_before words (自, 从)
  // Their UTF-8 (three bytes, b0 | b1 << 8 | b2 << 16), or 0 for one of another length.
  std::vector<uint32_t> since_opener_utf8_;
  // Whether u[0..2] is one of them (or some opener is not three bytes long).
  bool since_opener_at(const unsigned char* u) const;
  // Bit b & 63 of each one's last byte b (all bits when one is not three bytes long):
  // since_opener_stepping_back's first test of a character.
  uint64_t since_opener_last_bytes_ = 0;
  // The last code points of Kind::kLunar, Kind::kRecurring (年, 月, 주 …) and
  // Kind::kHolidayList words, each with the kinds it ends (kEnds* bits): an open-addressed
  // table, kEndTableSize entries of code point << 8 | kinds (0: empty), probed from
  // end_table_slot. A table at a quarter full answers most code points (those that end no
  // such word) at their first entry, and the others in a probe or two: the 64-bit filters
  // it replaced let a quarter of the code points before dates through to a search of a
  // list of up to twenty (most of may_end_recurring's cost).
  static constexpr uint32_t kEndsLunar = 1, kEndsRecurring = 2, kEndsListMark = 4;
  static constexpr size_t kEndTableSize = 256;
  static unsigned end_table_slot(char32_t c) { return (static_cast<uint32_t>(c) * 0x9E3779B1u) >> 24; }
  bool ends_kind(char32_t c, uint32_t kind) const {
    for (unsigned i = end_table_slot(c);; i = (i + 1) % kEndTableSize) {
      const uint32_t e = end_table_[i];
      if (e == 0) return false;
      if ((e >> 8) == static_cast<uint32_t>(c)) return (e & kind) != 0;
    }
  }
  // Records that c ends a word of `kind` (at most kEndTableSize / 2 code points).
  bool add_end(char32_t c, uint32_t kind);
  std::vector<uint32_t> end_table_ = std::vector<uint32_t>(kEndTableSize);
  size_t end_table_used_ = 0;  // (while building)
  bool too_many_ends_ = false;
  // A bit per end_slot that some code point of since_opener_firsts_ takes: a code point
  // whose bit is clear is not in the list, which is the answer for most characters
  // since_across_subject walks back over.
  uint64_t since_opener_filter_ = 0;
  std::vector<char32_t> recurring_firsts_;  // the first code points of Kind::kRecurring words (每, 매 …)
  uint64_t recurring_first_filter_ = 0;     // their end_slot bits
  static unsigned end_slot(char32_t c) { return (static_cast<uint32_t>(c) * 0x9E3779B1u) >> 26; }
  std::vector<std::pair<Kind, char32_t>> firsts_;  // per entry
  std::vector<SingleStart> single_starts_;
  std::vector<std::pair<char32_t, Kind>> follow_singles_;  // one-code-point words that need a word after them (설)
  std::vector<uint64_t> label_pairs_ = std::vector<uint64_t>(1024, 0);
  std::vector<uint64_t> label_singles_ = std::vector<uint64_t>(1024, 0);
  std::vector<std::string> byline_marks_;  // byline_marks()
  WrittenDateWords written_;                // written()
  int bare_era_offset_ = 0;                 // bare_era_offset()
  // Adds a row's folded word to the written() list its part in a written date puts it in,
  // if any.
  void sort_written(const Entry& e, const std::string& surface);
};

// The built-in date words as Words::save() wrote them at build time
// (tools/gen_model.cpp writes the file that defines it into the build folder), or
// empty in the generators themselves.
std::string_view prebuilt_model();

}  // namespace hanfacts::date
