// Options for building an Extractor, and the per-document context for Extract.
#pragma once

#include <string>
#include <vector>

namespace hanfacts {

// A lexicon given by the user: either a path to read, or in-memory content with a
// name used in error messages.
struct LexiconSource {
  std::string path;     // file to read, when content is empty
  std::string content;  // TSV text; takes precedence over path when non-empty
  std::string name;     // shown in messages; defaults to path
};

struct Options {
  bool find_orgs = true;
  bool find_money = true;
  bool find_dates = true;
  // Load the lexicons embedded in the binary (lexicons/ at build time).
  bool use_builtin_lexicons = true;
  // Extra organization lexicons, same format as lexicons/org/*.tsv. Entries with an
  // id already known replace the earlier entry.
  std::vector<LexiconSource> org_lexicons;
  // Fill Fact::rule, the name of the rule behind each fact (for --explain and tests).
  // Callers that never read it save a string per fact.
  bool rule_names = true;
  // Fill Fact::text, the surface. Callers that read it from the text at the fact's
  // offsets instead save a copy per fact.
  bool fact_text = true;
};

struct DocContext {
  std::string id;        // document id, for diagnostics only
  std::string ref_date;  // "YYYY-MM-DD" (or "YYYY-MM-DDTHH:MM"); empty: detect dateline
  std::string ref_source = "option";  // reported as Extraction::ref_source when ref_date is set
};

}  // namespace hanfacts
