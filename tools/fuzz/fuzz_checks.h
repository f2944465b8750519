// Invariants of an Extraction, shared by the fuzz targets and the property test.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "hanfacts/fact.h"
#include "text/utf8.h"

namespace hanfacts::fuzz {

[[noreturn]] inline void violated(const char* what, const Fact& f) {
  std::fprintf(stderr, "invariant violated: %s: %s '%s' [%zu,%zu) value '%s' unit '%s' flags '%s' rule %s\n", what,
               std::string(fact_type_name(f.type)).c_str(), f.text.c_str(), f.start, f.end, f.value.c_str(),
               f.unit.c_str(), f.flags.c_str(), f.rule.c_str());
  std::abort();
}

// Code-point starts as the extractor decodes: a malformed byte is a U+FFFD of its own,
// so a stray continuation byte right after a name is a boundary too.
inline std::vector<bool> code_point_starts(std::string_view text) {
  std::vector<bool> starts(text.size() + 1, false);
  for (size_t i = 0; i < text.size();) {
    starts[i] = true;
    text::next_code_point(text, i);
  }
  starts[text.size()] = true;
  return starts;
}

inline void check_extraction(std::string_view text, const Extraction& ex) {
  static const std::regex kMoney(R"(-?\d+(\.\d+)?(\.\.-?\d+(\.\d+)?)?)");
  static const std::regex kCurrency(R"([A-Z]{3})");
  static const std::regex kDate(
      R"(([0-9X]{4}(-Q[1-4]|-W[0-9X]{2}|-[0-9X]{2}(-[0-9X]{2}(T\d\d(:\d\d)?)?)?)?)(/([0-9X]{4}(-Q[1-4]|-W[0-9X]{2}|-[0-9X]{2}(-[0-9X]{2}(T\d\d(:\d\d)?)?)?)?))?)");
  static const std::regex kGrain(R"(year|quarter|month|week|day|hour|minute)");
  size_t last_end = 0;
  const std::vector<bool> starts = ex.facts.empty() ? std::vector<bool>() : code_point_starts(text);
  for (const Fact& f : ex.facts) {
    if (f.start >= f.end || f.end > text.size()) violated("offsets outside the text", f);
    if (!starts[f.start] || !starts[f.end]) violated("offset inside a code point", f);
    if (text.substr(f.start, f.end - f.start) != f.text) violated("text is not the slice", f);
    if (f.start < last_end) violated("facts out of order or overlapping", f);
    last_end = f.end;
    switch (f.type) {
      case FactType::kMoney:
        if (!std::regex_match(f.value, kMoney) || !std::regex_match(f.unit, kCurrency)) violated("bad MONEY value", f);
        break;
      case FactType::kDate:
        if (!std::regex_match(f.value, kDate) || !std::regex_match(f.unit, kGrain)) violated("bad DATE value", f);
        break;
      case FactType::kOrg:
        if (f.value.empty() || f.unit.empty()) violated("empty ORG value", f);
        break;
    }
  }
}

}  // namespace hanfacts::fuzz
