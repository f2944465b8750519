// Fact: one organization, money amount or date found in a document.
//
// A Fact is one row of the CSV output (see README.md, "CSV schema"):
//   ORG   value = canonical English name, unit = kind ("company", "lab", ...)
//   MONEY value = exact decimal in major units or "LOW..HIGH", unit = ISO 4217 code
//   DATE  value = ISO 8601 at its grain or "START/END", unit = grain ("day", ...)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hanfacts {

enum class FactType { kOrg, kMoney, kDate };

// "ORG", "MONEY", "DATE".
std::string_view fact_type_name(FactType type);

struct Fact {
  FactType type = FactType::kOrg;
  // UTF-8 byte offsets into the text given to Extractor::Extract, end exclusive.
  // Writers convert them to code points when asked (--offsets chars).
  size_t start = 0;
  size_t end = 0;
  std::string text;   // the surface exactly as in the original text
  std::string value;  // normalized value, see above
  std::string unit;   // kind, ISO 4217 code or grain
  std::string flags;  // ';'-separated qualifiers, e.g. "approx;equiv=1"
  std::string rule;   // name of the rule that produced it (for --explain and tests)
};

// What Extract found in one document.
struct Extraction {
  std::vector<Fact> facts;  // in text order, not overlapping
  std::string ref_date;     // reference date used for relative dates ("" if none)
  std::string ref_source;   // where it came from: "option", "record", "dateline", ""
  std::string lang;         // "ko", "zh" or "" (no Hangul or Han text)
  // Problems with the input that did not stop extraction (e.g. invalid UTF-8).
  std::vector<std::string> warnings;
};

}  // namespace hanfacts
