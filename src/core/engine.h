// The engine behind hanfacts::Extractor: the compiled recognizers and the document
// pipeline (fold -> reference date -> recognizers -> overlap resolution -> facts).
#pragma once

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/fact_view.h"
#include "date/recognizer.h"
#include "hanfacts/extractor.h"
#include "hanfacts/fact.h"
#include "hanfacts/options.h"
#include "hanfacts/status.h"
#include "money/recognizer.h"
#include "org/recognizer.h"

namespace hanfacts::detail {

class Engine {
 public:
  static Result<std::shared_ptr<const Engine>> create(const Options& options);
  // The engine behind an Extractor: the command's way to extract_views.
  static const Engine& of(const Extractor& extractor) { return *extractor.engine_; }

  // Extractor::ExtractInto without its no-throw guard: `out` is overwritten, its facts
  // and strings keep their capacity.
  void extract_into(std::string_view text, const DocContext& context, Extraction& out) const;

  // The same facts as views (in text order) into `facts`, and the rest of an Extraction
  // (language, reference date, warnings) into `info`, whose facts are left as they are:
  // the command formats its rows from the views, where filling a Fact per fact cost
  // more than the rows. The views are valid until this thread's next extraction (they
  // see the engine's candidates) and as long as `text`. Never throws: an exception
  // costs the document its facts and becomes a warning, as in Extractor::ExtractInto.
  void extract_views(std::string_view text, const DocContext& context, Extraction& info,
                     std::vector<core::FactView>& facts) const;

 private:
  Engine() = default;
  // extract_views without the guard (`facts` is overwritten).
  void find_facts(std::string_view text, const DocContext& context, Extraction& info,
                  std::vector<core::FactView>& facts) const;
  std::optional<org::Recognizer> orgs_;
  std::optional<money::Recognizer> money_;
  std::optional<date::Recognizer> dates_;  // also detects datelines, so always built
  core::RegionDetector regions_;
  bool find_dates_ = true;
  bool rule_names_ = true;  // Options::rule_names
  bool fact_text_ = true;   // Options::fact_text
};

// The warning that replaces a document's facts when extracting them threw `e`.
std::string internal_error_warning(const std::exception& e);

// Detects the dominant language from Hangul vs Han code points (in the first
// text::FoldedText::kLangWindow bytes).
core::Lang detect_lang(std::string_view text);
// The same decision from counts already made (FoldedText::hangul_count, han_count).
core::Lang lang_from_counts(size_t hangul, size_t han);

}  // namespace hanfacts::detail
