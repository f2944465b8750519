// Corpus-as-tests (Duckling style): every row of tests/cases/*.tsv is one input and
// the single fact it must produce. Columns:
//   name   stable case name (usually the rule it exercises)
//   input  the text
//   type   ORG | MONEY | DATE | NUMBER (the shared numeral parser), or a negative:
//          empty = no fact at all; !MONEY = no MONEY fact (others may appear)
//   value unit flags   expected fields (flags compared as a set; qid=... ignored)
//   text   (optional) expected surface when it is not the whole input, e.g. qualifiers
//          stay outside: input "약 600억 위안", text "600억 위안", flags "approx"
//   ref    (optional) reference date; default 2025-11-01
// Usage: hanfacts_cases CASES_DIR [FILE_SUBSTRING]
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "hanfacts/extractor.h"
#include "lexicon/tsv.h"
#include "numeral/numeral.h"
#include "text/fold.h"

using namespace hanfacts;

namespace {

constexpr const char* kDefaultRef = "2025-11-01";

std::set<std::string> flag_set(std::string_view flags) {
  std::set<std::string> out;
  std::stringstream ss{std::string(flags)};
  for (std::string f; std::getline(ss, f, ';');)
    if (!f.empty() && f.rfind("qid=", 0) != 0) out.insert(f);
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

std::string describe(const std::vector<Fact>& facts) {
  std::string out;
  for (const Fact& f : facts) {
    if (!out.empty()) out += " | ";
    out += std::string(fact_type_name(f.type)) + " '" + f.text + "' " + f.value + " " + f.unit + " [" + f.flags +
           "] (" + f.rule + ")";
  }
  return out.empty() ? "nothing" : out;
}

// Returns "" on success, else what went wrong.
std::string run_case(const Extractor& ex, const lexicon::Table& t, const lexicon::Row& row) {
  const std::string input(t.cell(row, "input"));
  const std::string type(t.cell(row, "type"));
  std::string want_text(t.cell(row, "text"));
  if (want_text.empty()) want_text = trim(input);
  std::string ref(t.cell(row, "ref"));
  if (ref.empty()) ref = kDefaultRef;

  if (type == "NUMBER") {
    const std::string folded = text::fold(input);
    auto nums = numeral::find_numerals(folded);
    if (nums.size() != 1) return "expected one numeral, found " + std::to_string(nums.size());
    // Offsets are into the folded text; compare surfaces after folding the expectation.
    const std::string got_text = folded.substr(nums[0].start, nums[0].end - nums[0].start);
    if (got_text != text::fold(want_text)) return "numeral covers '" + got_text + "'";
    if (nums[0].value_string() != t.cell(row, "value"))
      return "value " + nums[0].value_string() + " != " + std::string(t.cell(row, "value"));
    if (flag_set(t.cell(row, "flags")) != flag_set(nums[0].approx ? "approx" : ""))
      return std::string("approx is ") + (nums[0].approx ? "set" : "not set");
    return "";
  }

  DocContext ctx;
  ctx.ref_date = ref;
  Extraction got = ex.Extract(input, ctx);
  if (type.empty()) return got.facts.empty() ? "" : "expected nothing, got " + describe(got.facts);
  if (type[0] == '!') {
    for (const Fact& f : got.facts)
      if (fact_type_name(f.type) == type.substr(1)) return "expected no " + type.substr(1) + ", got " + describe(got.facts);
    return "";
  }
  if (got.facts.size() != 1) return "expected one fact, got " + describe(got.facts);
  const Fact& f = got.facts[0];
  if (fact_type_name(f.type) != type || f.text != want_text || f.value != t.cell(row, "value") ||
      f.unit != t.cell(row, "unit") || flag_set(f.flags) != flag_set(t.cell(row, "flags"))) {
    return "got " + describe(got.facts) + "; want " + type + " '" + want_text + "' " + std::string(t.cell(row, "value")) +
           " " + std::string(t.cell(row, "unit")) + " [" + std::string(t.cell(row, "flags")) + "]";
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: hanfacts_cases CASES_DIR [FILE_SUBSTRING]\n");
    return 2;
  }
  const std::string filter = argc > 2 ? argv[2] : "";
  auto made = Extractor::Create(Options{});
  if (!made.ok()) {
    std::fprintf(stderr, "%s\n", made.status().to_string().c_str());
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (auto& e : std::filesystem::directory_iterator(argv[1]))
    if (e.path().extension() == ".tsv" && e.path().filename().string().find(filter) != std::string::npos)
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  int total = 0, failed = 0;
  for (const auto& path : files) {
    auto content = lexicon::read_file(path.string());
    if (!content.ok()) {
      std::printf("%s\n", content.status().to_string().c_str());
      ++failed;
      continue;
    }
    auto table = lexicon::parse_tsv(content.value(), path.filename().string(), {"name", "input", "type", "value", "unit", "flags"});
    if (!table.ok()) {
      std::printf("%s\n", table.status().to_string().c_str());
      ++failed;
      continue;
    }
    int file_failed = 0;
    for (const auto& row : table.value().rows()) {
      ++total;
      std::string problem = run_case(made.value(), table.value(), row);
      if (!problem.empty()) {
        ++file_failed;
        std::printf("  FAIL %s:%d %s: %s: %s\n", path.filename().c_str(), row.line,
                    std::string(table.value().cell(row, "name")).c_str(),
                    std::string(table.value().cell(row, "input")).c_str(), problem.c_str());
      }
    }
    std::printf("%-24s %4zu cases, %4d failed\n", path.filename().c_str(), table.value().rows().size(), file_failed);
    failed += file_failed;
  }
  std::printf("%d passed, %d failed\n", total - failed, failed);
  return failed == 0 ? 0 : 1;
}
