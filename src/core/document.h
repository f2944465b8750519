// What recognizers see (Document) and what they produce (Candidate), before the engine
// resolves overlaps, numbers facts and maps offsets back to the original text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fact_view.h"
#include "core/region.h"
#include "hanfacts/fact.h"
#include "text/fold.h"

namespace hanfacts::core {

enum class Lang { kUnknown, kKo, kZh };

// A reference point in time for relative dates: the article's dateline or a given date.
// hour and minute are -1 when unknown.
struct RefDate {
  int year = 0, month = 0, day = 0, hour = -1, minute = -1;
  friend bool operator==(const RefDate&, const RefDate&) = default;
};

struct Document {
  const text::FoldedText& folded;
  std::string_view text;  // == folded.text(): what recognizers scan, byte offsets refer to it
  Lang lang = Lang::kUnknown;
  std::optional<RefDate> ref;
  const RegionDetector* regions = nullptr;  // none: region() is kNone

  // The article's region (core/region.h), detected on first use: only documents that
  // hold a word whose meaning depends on it (a bare 元, a name of several regions' bodies)
  // pay for the detection.
  Region region() const {
    if (!region_cache) region_cache = regions ? regions->detect(folded) : Region::kNone;
    return *region_cache;
  }
  mutable std::optional<Region> region_cache;
};

struct Candidate {
  // Provided, so that a new candidate (out.emplace_back(), one per fact) runs the
  // members' initializers instead of being zeroed whole first with a `rep stos`, whose
  // start-up costs more than the stores.
  Candidate() {}
  FactType type = FactType::kOrg;
  size_t start = 0, end = 0;  // bytes in Document::text, end exclusive
  std::string value;
  // Views, not copies: a unit is a constant of the recognizer (an ISO code, an org kind
  // from its lexicon, a grain name) and a rule name a string literal, both outliving
  // the candidate (which lives only within Engine::extract).
  std::string_view unit;
  std::string flags;      // ';'-separated; "equiv=N" is added by the engine from equiv_of
  std::string_view rule;  // stable rule name
  // Index (in the candidate vector) of the fact this one restates, e.g. the 12조 원 in
  // "600억 위안(약 12조 원)" restates the 600억 위안. -1 when none.
  int equiv_of = -1;
  // Breaks ties between overlapping candidates of equal length: higher wins.
  int priority = 0;

  // Back to a new candidate's values, keeping the strings' capacity (see Candidates).
  // A new member gets its default here as well as above; the unit test "core:
  // a reused candidate equals a new one" fails until it does.
  void reset() {
    type = FactType::kOrg;
    start = end = 0;
    value.clear();
    unit = {};
    flags.clear();
    rule = {};
    equiv_of = -1;
    priority = 0;
  }
};

inline FactView::FactView(const Candidate& c, size_t from, size_t to, const char* original)
    : type(c.type),
      start(from),
      end(to),
      text(original + from, to - from),
      value(c.value),
      unit(c.unit),
      flags(c.flags),
      rule(c.rule) {}

// The candidates of one document: what recognizers append to (emplace_back, then fill
// the fields in place), in room a thread keeps from one document to the next. clear()
// keeps the candidates it drops alive, and emplace_back hands one of them back reset
// to a new candidate's values, so its strings keep their capacity: an ORG name longer
// than a short string's 15 bytes, or flags such as "alias;qid=Q...", were a new
// allocation for every such fact and a free when the next document cleared them.
class Candidates {
 public:
  // A candidate with a new one's values, at the end.
  Candidate& emplace_back() {
    if (size_ == items_.size()) return grow();
    Candidate& c = items_[size_++];
    c.reset();
    return c;
  }
  // Drops every candidate (they stay alive for emplace_back to reuse).
  void clear() { size_ = 0; }
  // Candidates kept alive, in use or not: a huge document's may be given back (release).
  size_t room() const { return items_.size(); }
  void release() {
    std::vector<Candidate>().swap(items_);
    size_ = 0;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Candidate& operator[](size_t i) { return items_[i]; }
  const Candidate& operator[](size_t i) const { return items_[i]; }
  Candidate& back() { return items_[size_ - 1]; }
  const Candidate& back() const { return items_[size_ - 1]; }
  Candidate* data() { return items_.data(); }
  const Candidate* data() const { return items_.data(); }
  Candidate* begin() { return items_.data(); }
  Candidate* end() { return items_.data() + size_; }
  const Candidate* begin() const { return items_.data(); }
  const Candidate* end() const { return items_.data() + size_; }

 private:
  // A new candidate past every one made so far (rare once a thread has seen a few
  // documents): out of line, so that the recognizers' loops that append inline only
  // the reuse.
  Candidate& grow();
  std::vector<Candidate> items_;  // [0, size_) in use, then reset on reuse
  size_t size_ = 0;
};

// Appends `flag` to a ';'-separated list unless it is already there.
void add_flag(std::string& flags, std::string_view flag);

}  // namespace hanfacts::core
