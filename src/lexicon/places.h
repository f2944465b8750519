// lexicons/geo/places.tsv: countries and world regions, read by two recognizers (ORG: a
// place before a suffix makes a kind; DATE: a country before another country's holiday).
//
//   std::vector<lexicon::Source> all = lexicon::with_places(sources);
//   for (const auto& src : all)
//     if (lexicon::is_places_source(src.name)) auto places = lexicon::parse_places(src);
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hanfacts/status.h"
#include "lexicon/sources.h"

namespace hanfacts::lexicon {

struct Place {
  std::string name;  // as written in the file (not folded), one of a row's '|' values
  bool home = false;      // a home country of Korean or Chinese news (한국, 中国)
};

bool is_places_source(std::string_view source_name);

// `sources`, plus the built-in places file when they bring none.
std::vector<Source> with_places(std::span<const Source> sources);

// Every place of the file; an error names its file, line and column.
Result<std::vector<Place>> parse_places(const Source& source);

}  // namespace hanfacts::lexicon
