// Build-time generator of numeral/numeral_rows.h's table: lexicons/numeral/numerals.tsv
// as a constexpr array, one entry per word, so that code reading its sets on a hot path
// (the date grammar's numeral tests, date/numbers.h) builds them at compile time from the
// file rather than from a list of its own. Run by the build, not by users:
//
//   hanfacts_gen_numeral_rows numerals.tsv OUTPUT.h
//
// The file is split as every lexicon is (lexicon::parse_tsv); its content is checked by
// its reader at run time (numeral::numerals_status), not here: an unknown kind or flag
// only fails the build.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "lexicon/tsv.h"
#include "text/utf8.h"

namespace {

constexpr std::pair<std::string_view, const char*> kKinds[] = {
    {"digit", "kDigit"}, {"unit", "kUnit"}, {"scale", "kScale"}, {"tens", "kTens"},
    {"point", "kPoint"}, {"vague", "kVague"}, {"approx", "kApprox"}, {"native_tens", "kNativeTens"},
    {"native_unit", "kNativeUnit"}, {"joiner", "kJoiner"}, {"negative", "kNegative"},
};
constexpr std::pair<std::string_view, const char*> kFlags[] = {
    {"ambiguous", "kRowAmbiguous"}, {"attributive", "kRowAttributive"},
    {"word_with_particle", "kRowWordWithParticle"}, {"counting", "kRowCounting"}, {"date", "kRowDate"},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s numerals.tsv OUTPUT.h\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[1]);
    return 1;
  }
  const std::string text = content.str();
  auto table = hanfacts::lexicon::parse_tsv(text, argv[1], {"lang", "kind", "value", "words", "flags"});
  if (!table.ok()) {
    std::fprintf(stderr, "%s\n", table.status().to_string().c_str());
    return 1;
  }
  const hanfacts::lexicon::Table& t = table.value();
  std::string out =
      "// Generated from lexicons/numeral/numerals.tsv by tools/gen_numeral_rows.cpp: do not edit.\n"
      "#pragma once\n\n"
      "namespace hanfacts::numeral {\n\n"
      "inline constexpr NumeralRow kNumeralRows[] = {\n";
  for (const hanfacts::lexicon::Row& row : t.rows()) {
    const std::string_view lang = t.cell(row, "lang"), kind = t.cell(row, "kind"), value = t.cell(row, "value");
    const char* kind_name = nullptr;
    for (const auto& [name, id] : kKinds)
      if (name == kind) kind_name = id;
    std::string flags;
    bool flags_ok = true;
    for (const std::string_view flag : hanfacts::lexicon::split_values(t.cell(row, "flags"))) {
      const char* id = nullptr;
      for (const auto& [name, fid] : kFlags)
        if (name == flag) id = fid;
      if (!id) flags_ok = false;
      else flags += std::string(flags.empty() ? "" : " | ") + id;
    }
    if ((lang != "zh" && lang != "ko") || !kind_name || !flags_ok || value.empty() ||
        value.find_first_not_of("0123456789") != std::string_view::npos) {
      std::fprintf(stderr, "%s\n", t.error(row, "kind", "a row numeral::'s reader would refuse").to_string().c_str());
      return 1;
    }
    for (const std::string_view word : hanfacts::lexicon::split_values(t.cell(row, "words"))) {
      // The word as \U escapes: the output stays ASCII whatever the compiler's charset.
      std::string escaped;
      for (size_t i = 0; i < word.size();) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "\\U%08X", static_cast<unsigned>(hanfacts::text::next_code_point(word, i)));
        escaped += hex;
      }
      out += std::string("    {") + (lang == "zh" ? "true" : "false") + ", RowKind::" + kind_name + ", " +
             std::string(value) + ", U\"" + escaped + "\", " + (flags.empty() ? "0" : flags) + "},  // " +
             std::string(word) + "\n";
    }
  }
  out += "};\n\n}  // namespace hanfacts::numeral\n";
  std::ofstream file(argv[2], std::ios::binary);
  file << out;
  if (!file) {
    std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[2]);
    return 1;
  }
  return 0;
}
