// ORG recognizer: organizations from the lexicon (lexicons/org/*.tsv), matched on folded
// text with word boundaries. See lexicons/README.md for the file format.
#pragma once

#include <span>
#include <vector>

#include "core/document.h"
#include "hanfacts/status.h"
#include "lexicon/sources.h"

namespace hanfacts::org {

class Recognizer {
 public:
  // Parses and validates every source; later sources override entries with the same id.
  static Result<Recognizer> create(std::span<const lexicon::Source> sources);
  // Appends ORG candidates found in `doc`. Thread-safe.
  void find(const core::Document& doc, std::vector<core::Candidate>& out) const;
};

}  // namespace hanfacts::org
