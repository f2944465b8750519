// The lexicon files embedded at build time (tools/embed_lexicons.cmake).
#pragma once

#include <span>
#include <string_view>

namespace hanfacts::lexicon {

struct EmbeddedFile {
  std::string_view path;     // relative to lexicons/, e.g. "org/organizations.tsv"
  std::string_view content;  // the file's bytes
};

// Every lexicons/**/*.tsv file, sorted by path.
std::span<const EmbeddedFile> builtin_files();

}  // namespace hanfacts::lexicon
