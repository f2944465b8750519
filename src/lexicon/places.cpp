#include "lexicon/places.h"

#include <algorithm>
#include <string>

#include "lexicon/tsv.h"

namespace hanfacts::lexicon {

bool is_places_source(std::string_view source_name) { return source_name.ends_with("/geo/places.tsv"); }

std::vector<Source> with_places(std::span<const Source> sources) {
  std::vector<Source> all(sources.begin(), sources.end());
  if (std::none_of(all.begin(), all.end(), [](const Source& s) { return is_places_source(s.name); }))
    for (const Source& s : builtin_sources("geo")) all.push_back(s);
  return all;
}

Result<std::vector<Place>> parse_places(const Source& source) {
  auto parsed = parse_tsv(source.content, source.name, {"place", "home"});
  if (!parsed.ok()) return parsed.status();
  const Table& t = parsed.value();
  std::vector<Place> out;
  for (const Row& row : t.rows()) {
    const std::string_view home = t.cell(row, "home");
    if (!home.empty() && home != "yes") return t.error(row, "home", "'yes' or empty, not '" + std::string(home) + "'");
    for (std::string_view name : split_values(t.cell(row, "place"))) {
      if (name.empty()) return t.error(row, "place", "empty place");
      out.push_back({std::string(name), !home.empty()});
    }
  }
  return out;
}

}  // namespace hanfacts::lexicon
