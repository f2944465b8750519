#include "hanfacts/extractor.h"

#include <exception>

#include "core/engine.h"

namespace hanfacts {

std::string_view fact_type_name(FactType type) {
  switch (type) {
    case FactType::kOrg: return "ORG";
    case FactType::kMoney: return "MONEY";
    case FactType::kDate: return "DATE";
  }
  return "?";
}

Result<Extractor> Extractor::Create(const Options& options) {
  try {
    auto made = detail::Engine::create(options);
    if (!made.ok()) return made.status();
    return Extractor(std::move(made).value());
  } catch (const std::exception& e) {
    return Status(StatusCode::kInvalidData, std::string("cannot build the extractor: ") + e.what());
  }
}

Extraction Extractor::Extract(std::string_view text, const DocContext& context) const {
  Extraction result;
  ExtractInto(text, context, result);
  return result;
}

void Extractor::ExtractInto(std::string_view text, const DocContext& context, Extraction& out) const {
  // The contract is "never throws": an allocation failure or a bug in a recognizer
  // costs this document its facts, reported as a warning, not the whole run.
  try {
    engine_->extract_into(text, context, out);
  } catch (const std::exception& e) {
    out = Extraction();
    out.warnings.push_back(detail::internal_error_warning(e));
  }
}

}  // namespace hanfacts
