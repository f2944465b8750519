// Compiles a recognizer's built-in lexicon files into its model at build time, so start-up
// reads finished tables (NS::prebuilt_model()) instead of parsing the files and building
// them in every process:
//   org:  lexicons/org/ (and lexicons/geo/places.tsv) into the ORG recognizer's trie,
//         automaton and typo index (org::Recognizer::save());
//   date: lexicons/date/ (and lexicons/geo/places.tsv) into the DATE words' trie and
//         tables (date::Words::save()).
//
//   hanfacts_gen_model org|date OUT.bin OUT.cpp
//
// OUT.bin holds the model; OUT.cpp defines NS::prebuilt_model() over it
// (tools/model_file.h). The generator links the same objects as the library, with no
// prebuilt models (the definitions below), so a model is always the one this build's
// code compiles.
#include <cstdio>
#include <string>
#include <string_view>

#include "date/words.h"
#include "lexicon/sources.h"
#include "model_file.h"
#include "org/recognizer.h"

namespace hanfacts::org {
std::string_view prebuilt_model() { return {}; }
}  // namespace hanfacts::org
namespace hanfacts::date {
std::string_view prebuilt_model() { return {}; }
}  // namespace hanfacts::date

int main(int argc, char** argv) {
  using namespace hanfacts;
  using Sources = std::vector<lexicon::Source>;
  const std::string_view ns = argc > 1 ? argv[1] : "";
  if (ns == "org")
    return tools::generate(argc - 1, argv + 1, "org", [](const Sources& sources) -> Result<std::string> {
      auto made = org::Recognizer::build(sources);
      if (!made.ok()) return made.status();
      return made.value().save();
    });
  if (ns == "date")
    return tools::generate(argc - 1, argv + 1, "date", [](const Sources& sources) -> Result<std::string> {
      auto made = date::Words::build(sources);
      if (!made.ok()) return made.status();
      return made.value().save(sources);
    });
  std::fprintf(stderr, "usage: hanfacts_gen_model org|date OUT.bin OUT.cpp\n");
  return 2;
}
