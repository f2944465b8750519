// MONEY recognizer: numerals (numeral/) bound to currency words from lexicons/money/,
// with qualifiers, ranges and parenthetical equivalents.
#pragma once

#include <span>
#include <vector>

#include "core/document.h"
#include "hanfacts/status.h"
#include "lexicon/sources.h"

namespace hanfacts::money {

class Recognizer {
 public:
  static Result<Recognizer> create(std::span<const lexicon::Source> sources);
  // Appends MONEY candidates found in `doc`. Thread-safe.
  void find(const core::Document& doc, std::vector<core::Candidate>& out) const;
};

}  // namespace hanfacts::money
