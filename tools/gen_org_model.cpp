// Compiles the built-in organization lexicon (lexicons/org/, lexicons/geo/places.tsv)
// into the ORG recognizer's model at build time, so start-up reads finished tables
// (org::prebuilt_model()) instead of parsing 8,000+ organizations and building the
// trie, the automaton and the typo index in every process.
//
//   hanfacts_gen_org_model OUT.bin OUT.cpp
//
// OUT.bin holds org::Recognizer::save() of the built-in files; OUT.cpp defines
// org::prebuilt_model() over it (tools/model_file.h).
// The generator links the same objects as the library, with this file's prebuilt_model()
// (none) and the DATE words' (none), so the model is always the one this build's code
// compiles.
#include <cstdio>
#include <string>

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
  return tools::generate(argc, argv, "org", [](const std::vector<lexicon::Source>& sources) -> Result<std::string> {
    auto made = org::Recognizer::build(sources);
    if (!made.ok()) return made.status();
    return made.value().save();
  });
}
