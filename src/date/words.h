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

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hanfacts/status.h"
#include "lexicon/sources.h"

namespace hanfacts::date {

enum class Kind : uint8_t {
  kYearRel, kMonthRel, kWeekRel, kDayRel, kQuarterRel, kWeekday, kWeekdayShort, kHalf,
  kPart, kPartYear, kPartMonth, kQualBefore, kQualAfter, kApproxCount, kAgo, kPrefix,
  kMarker, kSpanUnit, kDaypart, kRange, kOrdinal, kDateline, kStop, kDurationAfter, kSpanPrefix, kFirstN, kCount
};

using KindMask = uint32_t;
constexpr KindMask kind_bit(Kind k) { return KindMask{1} << static_cast<int>(k); }

// What `unit` says, parsed once.
enum class Tag : uint8_t {
  kNone, kYear, kFiscalYear, kDecade, kQuarter, kMonth, kWeek, kDay, kHour, kMinute, kHalfHour,
  kEarly, kMid, kLate, kApprox, kSince, kUntil, kAm, kPm, kNoon, kNight, kDayOfMonth
};

enum class Lang : uint8_t { kAny, kKo, kZh };

struct Entry {
  Kind kind;
  Lang lang;
  Tag tag;
  int offset;
};

struct Match {
  int entry = -1;  // index into Words::entry, -1 when nothing matched
  size_t end = 0;  // byte after the match
  explicit operator bool() const { return entry >= 0; }
};

class Words {
 public:
  static Result<Words> load(std::span<const lexicon::Source> sources);

  // Longest word starting at text[pos] whose kind is in `kinds`.
  Match longest(std::string_view text, size_t pos, KindMask kinds) const;
  const Entry& entry(int i) const { return entries_[static_cast<size_t>(i)]; }
  // True when some word that can open a date expression (a relative word, weekday,
  // prefix, leading qualifier...) starts with code point c: the scan's pre-filter.
  bool may_start(char32_t c) const {
    return c < 0x10000 ? (starts_[c >> 6] >> (c & 63)) & 1 : false;
  }

 private:
  struct Node {
    std::vector<std::pair<unsigned char, int32_t>> next;  // sorted by byte
    std::vector<int32_t> entries;                          // words ending here
    bool space_ok = false;  // a space may be skipped in the text before the next byte
  };
  int32_t child(int32_t node, unsigned char b) const;
  void add(std::string_view folded_surface, int entry);

  std::vector<Node> nodes_;
  std::vector<Entry> entries_;
  std::vector<uint64_t> starts_ = std::vector<uint64_t>(1024, 0);
};

}  // namespace hanfacts::date
