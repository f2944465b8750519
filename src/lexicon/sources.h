// Where lexicon content comes from: the embedded built-in files and user files, both
// handed to the same parsers (lexicon/tsv.h).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hanfacts/options.h"
#include "hanfacts/status.h"

namespace hanfacts::lexicon {

struct Source {
  std::string name;          // "<builtin>/org/organizations.tsv" or the user's path
  std::string_view content;  // built-in: static storage; user: owned by the loader
};

// Built-in files under `folder` ("org", "money", "date"), sorted by path.
std::vector<Source> builtin_sources(std::string_view folder);

// Whether `sources` are exactly builtin_sources(folder), the very same bytes: a model
// built from them at build time (org, date) may then be read instead of built.
bool is_builtin(std::span<const Source> sources, std::string_view folder);

// Reads user lexicon sources (paths or in-memory content). `storage` keeps the bytes
// alive as long as the returned Sources are used.
Result<std::vector<Source>> load_user_sources(const std::vector<LexiconSource>& sources,
                                              std::vector<std::string>& storage);

}  // namespace hanfacts::lexicon
