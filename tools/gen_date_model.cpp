// Compiles the built-in date words (lexicons/date/, lexicons/geo/places.tsv) into their
// trie and tables at build time, so start-up reads them (date::prebuilt_model()) instead
// of parsing the files and building the trie in every process.
//
//   hanfacts_gen_date_model OUT.bin OUT.cpp
//
// OUT.bin holds date::Words::save() of the built-in files; OUT.cpp defines
// date::prebuilt_model() over it (tools/model_file.h). Like the ORG model's generator it
// links the library's own objects, with no prebuilt models.
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
  return tools::generate(argc, argv, "date", [](const std::vector<lexicon::Source>& sources) -> Result<std::string> {
    auto made = date::Words::build(sources);
    if (!made.ok()) return made.status();
    return made.value().save(sources);
  });
}
