// Extractor: finds organizations, money amounts and dates in Korean and Chinese text.
//
//   hanfacts::Options options;                       // all recognizers, built-in lexicons
//   auto made = hanfacts::Extractor::Create(options);
//   if (!made.ok()) return fail(made.status());      // e.g. "my.tsv:12: column 'kind': ..."
//   const hanfacts::Extractor& ex = made.value();
//   hanfacts::DocContext doc{.id = "a1", .ref_date = "2025-11-01"};
//   for (const hanfacts::Fact& f : ex.Extract("딥시크는 올해 600억 위안을 ...", doc).facts)
//     std::cout << fact_type_name(f.type) << ' ' << f.text << ' ' << f.value << '\n';
//
// An Extractor is immutable once created: Extract is const, thread-safe and never
// throws, so one instance serves every worker thread. Creating one loads and compiles
// the lexicons, which takes a few milliseconds; do it once.
#pragma once

#include <memory>
#include <string_view>

#include "hanfacts/fact.h"
#include "hanfacts/options.h"
#include "hanfacts/status.h"

namespace hanfacts {

namespace detail {
class Engine;
}

class Extractor {
 public:
  // Loads the built-in lexicons (unless disabled) and every Options::org_lexicons
  // source, validates them and builds the recognizers. Fails with a Status naming the
  // file and line of the first bad row.
  static Result<Extractor> Create(const Options& options);

  // Finds facts in one document. `text` is UTF-8; invalid sequences are treated as
  // U+FFFD and reported in Extraction::warnings. Offsets in the result are bytes into
  // `text`. Never throws; safe to call from many threads at once.
  Extraction Extract(std::string_view text, const DocContext& context) const;

  // The same into `out`, which is overwritten: its vectors and strings keep their
  // capacity, so a thread that reuses one Extraction across documents allocates next to
  // nothing per fact. Never throws; safe to call from many threads, each with its own
  // `out`.
  void ExtractInto(std::string_view text, const DocContext& context, Extraction& out) const;

 private:
  friend class detail::Engine;  // Engine::of, for the command (an internal entry point)
  explicit Extractor(std::shared_ptr<const detail::Engine> engine) : engine_(std::move(engine)) {}
  std::shared_ptr<const detail::Engine> engine_;
};

}  // namespace hanfacts
