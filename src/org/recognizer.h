// ORG recognizer: organizations from the lexicon (lexicons/org/entities/*.tsv plus user
// --lexicon files), matched on folded text, plus unknown organizations found by their
// suffix (lexicons/org/suffixes.tsv). See lexicons/README.md for the file formats and
// corpus/GUIDELINES.md for what is reported.
//
//   auto made = org::Recognizer::create(lexicon::builtin_sources("org"));
//   if (!made.ok()) return made.status();          // "file:12: column 'kind': unknown value 'x'"
//   made.value().find(doc, candidates);             // const, thread-safe
//
// One scan per document runs an Aho-Corasick automaton (org/automaton.h) over the
// code-point trie (org/trie.h) that holds every name, suffix and ORG word: one step per
// code point, whatever the number of names, and the rules below run only on the keys it
// reports. Rules (stable names, shown in Candidate::rule):
//   org.lexicon        a lexicon name at valid boundaries (Korean particles may follow)
//   org.context        a `context` name with support (kind word next to it, another
//                      organization or a tech/business word in the sentence, a gloss)
//   org.fuzzy          one edit from a long name (jamo edit for Hangul), flag `fuzzy`
//   org.pattern        unknown name + suffix (한빛반도체연구소), flag `pattern`
//   org.alias          bound through a parenthetical gloss or a later mention, flag `alias`
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "hanfacts/status.h"
#include "lexicon/sources.h"

namespace hanfacts::org {

struct Model;  // the compiled lexicon (org/recognizer.cpp)

class Recognizer {
 public:
  // Parses and validates every source; later sources override entries with the same id.
  // Entity files are the built-in files under org/entities/ and every user file; the
  // other built-in org files are the ORG data files (suffixes.tsv, words.tsv).
  // For the built-in files alone (lexicon::builtin_sources("org"), as they are) it reads
  // the model that the build compiled from them (prebuilt_model()) instead: the same
  // tables, with none of the work.
  static Result<Recognizer> create(std::span<const lexicon::Source> sources);
  // create() that always compiles the sources (the build's generator, tests).
  static Result<Recognizer> build(std::span<const lexicon::Source> sources);
  // The compiled model as bytes (org/serial.h), for prebuilt_model().
  std::string save() const;
  // The model in `saved` (save() of this build), which must have been made from
  // `sources` (names and sizes are checked, not contents). `lasting`: `saved` outlives
  // the recognizer, so its large tables are read where they lie instead of copied.
  static Result<Recognizer> load(std::string_view saved, std::span<const lexicon::Source> sources, bool lasting = false);
  // Appends ORG candidates found in `doc`. Thread-safe.
  void find(const core::Document& doc, core::Candidates& out) const;

  // Sizes of the compiled lexicon, for benchmarks and tests.
  size_t entry_count() const;
  size_t name_count() const;
  // Bytes of the scan's tables (trie edges, automaton, payloads), and the trie's states.
  size_t table_bytes() const;
  size_t state_count() const;

 private:
  std::shared_ptr<const Model> model_;
};

// The built-in lexicon's model as Recognizer::save() wrote it at build time
// (tools/gen_model.cpp writes the file that defines it into the build folder), or
// empty in the generator itself.
std::string_view prebuilt_model();

}  // namespace hanfacts::org
