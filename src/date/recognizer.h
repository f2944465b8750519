// DATE recognizer: absolute, partial and relative dates, resolved against the document's
// reference date; also finds that reference date in the article's dateline.
//
//   auto made = date::Recognizer::create(lexicon::builtin_sources("date"));
//   doc.ref = made.value().detect_reference(doc);   // when no date was given
//   made.value().find(doc, candidates);             // DATE candidates, byte offsets
//
// Immutable after create(); find() and detect_reference() are thread-safe. Conventions
// (spans, values, grains, flags) are those of corpus/GUIDELINES.md.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "hanfacts/status.h"
#include "lexicon/sources.h"

namespace hanfacts::date {

// Parses shared by detect_reference() and find() for one document: pass the same Scan
// to both. Detection runs the date scan's first pass once over the whole text (it also
// notes where dateline labels may start) and asks the grammar, without a reference, only
// at the positions it reads (it stops early), keeping those parses; find() then walks the
// same positions, keeps each kept parse that did not read the reference, and asks the
// grammar at the rest. A Scan hands
// its record on to the next one made on the same thread. (Documents over 1 MB keep
// detection to their head and tail, as without a Scan.)
class Scan {
 public:
  Scan();
  ~Scan();
  Scan(Scan&&) noexcept;
  Scan& operator=(Scan&&) noexcept;

 private:
  friend class Recognizer;
  std::unique_ptr<struct ScanState> state_;
};

class Recognizer {
 public:
  static Result<Recognizer> create(std::span<const lexicon::Source> sources);
  // The article's own date (dateline, byline, first full date), if any. With `scan`,
  // the parses it needs are shared with a later find(doc, out, scan).
  std::optional<core::RefDate> detect_reference(const core::Document& doc, Scan* scan = nullptr) const;
  // Appends DATE candidates found in `doc`, resolving relative ones against doc.ref.
  void find(const core::Document& doc, core::Candidates& out, Scan* scan = nullptr) const;

 private:
  std::shared_ptr<const class Grammar> grammar_;
};

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (an offset suffix is ignored).
std::optional<core::RefDate> parse_ref_date(std::string_view s);
// "2025-11-01" or "2025-11-01T21:27".
std::string format_ref_date(const core::RefDate& d);

}  // namespace hanfacts::date
