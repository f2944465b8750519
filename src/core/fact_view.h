// FactView: a fact as the engine finds it, before it is copied into a public Fact.
#pragma once

#include <cstddef>
#include <string_view>

#include "hanfacts/fact.h"

namespace hanfacts::core {

// The fields of a Fact as views: into the document's text (`text`), into the engine's
// candidates (`value`, `flags`) and into the recognizers' constants (`unit`, `rule`).
// The command formats its rows from these (output::Formatter), without the copies and
// moves into a Fact's strings; a view is valid until the thread that made it extracts
// from its next document (Engine::extract_views).
struct Candidate;

struct FactView {
  FactView() = default;
  FactView(FactType fact_type, size_t from, size_t to, std::string_view surface, std::string_view value_text,
           std::string_view unit_text, std::string_view flag_text, std::string_view rule_name)
      : type(fact_type), start(from), end(to), text(surface), value(value_text), unit(unit_text), flags(flag_text),
        rule(rule_name) {}
  // The view of candidate `c` found at [from, to) of the original text `original`
  // (core/document.h). The engine makes its views with it in place (emplace_back), where
  // a view built first and pushed had to be kept on the stack for the vector's growth
  // path: a dozen stores per fact that the path never used.
  FactView(const Candidate& c, size_t from, size_t to, const char* original);

  FactType type = FactType::kOrg;
  size_t start = 0, end = 0;  // UTF-8 byte offsets into the original text, end exclusive
  std::string_view text;      // the surface: the original text at [start, end)
  std::string_view value, unit, flags;
  std::string_view rule;  // the rule's name (whatever Options::rule_names says: a view costs nothing)
};

}  // namespace hanfacts::core
