// The engine behind hanfacts::Extractor: the compiled recognizers and the document
// pipeline (fold -> reference date -> recognizers -> overlap resolution -> facts).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/document.h"
#include "date/recognizer.h"
#include "hanfacts/fact.h"
#include "hanfacts/options.h"
#include "hanfacts/status.h"
#include "money/recognizer.h"
#include "org/recognizer.h"

namespace hanfacts::detail {

class Engine {
 public:
  static Result<std::shared_ptr<const Engine>> create(const Options& options);
  // Extractor::ExtractInto without its no-throw guard: `out` is overwritten, its facts
  // and strings keep their capacity.
  void extract_into(std::string_view text, const DocContext& context, Extraction& out) const;

 private:
  Engine() = default;
  std::optional<org::Recognizer> orgs_;
  std::optional<money::Recognizer> money_;
  std::optional<date::Recognizer> dates_;  // also detects datelines, so always built
  core::RegionDetector regions_;
  bool find_dates_ = true;
  bool rule_names_ = true;  // Options::rule_names
  bool fact_text_ = true;   // Options::fact_text
};

// Detects the dominant language from Hangul vs Han code points (in the first
// text::FoldedText::kLangWindow bytes).
core::Lang detect_lang(std::string_view text);
// The same decision from counts already made (FoldedText::hangul_count, han_count).
core::Lang lang_from_counts(size_t hangul, size_t han);

}  // namespace hanfacts::detail
