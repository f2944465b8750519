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

namespace detail {

Result<std::shared_ptr<const Engine>> create_engine(const Options& options) {
  try {
    return Engine::create(options);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInvalidData, std::string("cannot build the extractor: ") + e.what());
  }
}

void extract_into(const Engine& engine, std::string_view text, const DocContext& context, Extraction& out) {
  // The contract is "never throws": an allocation failure or a bug in a recognizer
  // costs this document its facts, reported as a warning, not the whole run.
  try {
    engine.extract_into(text, context, out);
  } catch (const std::exception& e) {
    out = Extraction();
    out.warnings.push_back(std::string("internal error, no facts for this document: ") + e.what());
  }
}

}  // namespace detail

Result<Extractor> Extractor::Create(const Options& options) {
  auto made = detail::create_engine(options);
  if (!made.ok()) return made.status();
  return Extractor(std::move(made).value());
}

Extraction Extractor::Extract(std::string_view text, const DocContext& context) const {
  Extraction result;
  detail::extract_into(*engine_, text, context, result);
  return result;
}

}  // namespace hanfacts
