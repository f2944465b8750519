// Lint over the built-in lexicons (OpenCC's dictionary lint idea): every file parses and
// is NFC; organization entity files (lexicons/org/entities/*.tsv) have ids unique across
// files, rows sorted by id, known kinds and regions, `context` names from the same row,
// and no folded name on two entries unless they differ in region. Each failure lists
// every offending row, not just the first.
#include <doctest/doctest.h>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <string>

#include "lexicon/builtin.h"
#include "lexicon/places.h"
#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "org/lexicon.h"

using namespace hanfacts;

namespace {

bool is_nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  const bool ok = nfc->isNormalized(u, status);
  return U_SUCCESS(status) && ok;
}

}  // namespace

TEST_CASE("lexicon lint: every built-in file parses and is NFC") {
  REQUIRE(!lexicon::builtin_files().empty());
  for (const auto& f : lexicon::builtin_files()) {
    const std::string name = "<builtin>/" + std::string(f.path);
    auto parsed = lexicon::parse_tsv(f.content, name, {});
    CHECK_MESSAGE(parsed.ok(), parsed.status().to_string());
    // Report the first line that is not NFC.
    int line = 1;
    for (size_t pos = 0; pos < f.content.size();) {
      size_t nl = f.content.find('\n', pos);
      if (nl == std::string_view::npos) nl = f.content.size();
      CHECK_MESSAGE(is_nfc(f.content.substr(pos, nl - pos)), name << ":" << line << ": text is not NFC");
      pos = nl + 1;
      ++line;
    }
    CHECK_MESSAGE(f.content.substr(0, 1) == "#", name << ": opens without a '#' preamble");
  }
}

TEST_CASE("lexicon lint: organization files") {
  std::map<std::string, std::string> where_id;  // id -> file:line
  std::vector<org::Entry> all;
  std::vector<org::PlaceGovernment> place_governments;
  std::vector<org::CountryShortForm> short_forms;
  size_t entries = 0;
  for (const auto& src : lexicon::builtin_sources("org")) {
    if (!org::is_entity_source(src.name)) {
      // Data files parse with their own readers.
      Status st;
      if (src.name.ends_with("/suffixes.tsv")) {
        auto r = org::parse_suffix_file(src);
        if (!r.ok()) st = r.status();
      } else if (src.name.ends_with("/words.tsv")) {
        auto r = org::parse_word_file(src);
        if (!r.ok()) st = r.status();
      } else if (src.name.ends_with("/place_governments.tsv") || src.name.ends_with("/shared_districts.tsv")) {
        auto r = org::parse_place_government_file(src);
        if (!r.ok()) st = r.status();
        else
          for (org::PlaceGovernment& g : r.value()) place_governments.push_back(std::move(g));
      } else if (src.name.ends_with("/country_short_forms.tsv")) {
        auto r = org::parse_country_short_form_file(src);
        if (!r.ok()) st = r.status();
        else
          for (org::CountryShortForm& f : r.value()) short_forms.push_back(std::move(f));
      } else {
        st = Status(StatusCode::kInvalidData, "unexpected ORG data file (entities belong in org/entities/)", src.name);
      }
      CHECK_MESSAGE(st.ok(), st.to_string());
      continue;
    }
    auto parsed = org::parse_entity_file(src);  // kinds, qids, context names, ids in one file
    CHECK_MESSAGE(parsed.ok(), parsed.status().to_string());
    if (!parsed.ok()) continue;
    std::string prev_id;
    for (const org::Entry& e : parsed.value()) {
      ++entries;
      const std::string at = src.name + ":" + std::to_string(e.line);
      CHECK_MESSAGE(prev_id < e.id, at << ": id '" << e.id << "' is not sorted (after '" << prev_id << "')");
      prev_id = e.id;
      // Plain pairs, not structured bindings: clang 14 cannot capture bindings in the
      // lambdas that doctest's macros expand to.
      const auto id_insert = where_id.emplace(e.id, at);
      CHECK_MESSAGE(id_insert.second, at << ": id '" << e.id << "' also at " << id_insert.first->second);
      all.push_back(e);
    }
  }
  for (const std::string& conflict : org::shared_name_conflicts(all)) CHECK_MESSAGE(false, conflict);
  // A place's bare names belong to a government of the built-in lexicon (the recognizer
  // skips rows whose entry a lexicon lacks, so a misspelt id would go unnoticed there).
  std::map<std::string, const org::Entry*> by_id;
  for (const org::Entry& e : all) by_id.emplace(e.id, &e);
  CHECK(!place_governments.empty());
  for (const org::PlaceGovernment& g : place_governments) {
    const auto it = by_id.find(g.government);
    const std::string at = g.source + ":" + std::to_string(g.line);
    CHECK_MESSAGE(it != by_id.end(), at << ": unknown entry '" << g.government << "'");
    if (it != by_id.end()) CHECK_MESSAGE(it->second->kind == "government", at << ": '" << g.government << "' is not a government");
    if (g.within.empty()) continue;
    const auto city = by_id.find(g.within);
    CHECK_MESSAGE(city != by_id.end(), at << ": unknown city '" << g.within << "'");
    if (city != by_id.end()) CHECK_MESSAGE(city->second->kind == "government", at << ": '" << g.within << "' is not a government");
  }
  // A country's short forms name some listed body (a row that gives no name is dead
  // data: a misspelt country, or a country none of whose bodies is listed with its name).
  CHECK(!short_forms.empty());
  size_t generated = 0;
  for (const org::CountryShortForm& f : short_forms) {
    const std::span<const org::CountryShortForm> one(&f, 1);
    size_t n = 0;
    for (const org::Entry& e : all) n += org::short_form_names(e, one).size();
    CHECK_MESSAGE(n > 0, f.source << ":" << f.line << ": country '" << f.country << "' opens no listed body's name");
    generated += n;
  }
  MESSAGE("names with a country's short form: " << generated);
  MESSAGE("organizations in the built-in lexicon: " << entries);
}

TEST_CASE("lexicon lint: places, shared by ORG and DATE") {
  const std::vector<lexicon::Source> none;
  const std::vector<lexicon::Source> all = lexicon::with_places(none);  // the built-in file joins
  REQUIRE(all.size() == 1);
  REQUIRE(lexicon::is_places_source(all[0].name));
  auto places = lexicon::parse_places(all[0]);
  REQUIRE_MESSAGE(places.ok(), places.status().to_string());
  std::vector<std::string> home;
  for (const lexicon::Place& p : places.value())
    if (p.home) home.push_back(p.name);
  CHECK(std::find(home.begin(), home.end(), "한국") != home.end());
  CHECK(std::find(home.begin(), home.end(), "中国") != home.end());
  CHECK(lexicon::with_places(all).size() == 1);  // sources that bring one keep theirs
  // A bad cell names the file, line and column.
  const lexicon::Source bad{"user/geo/places.tsv", "place\thome\n미국\tmaybe\n"};
  auto err = lexicon::parse_places(bad);
  REQUIRE_FALSE(err.ok());
  CHECK(err.status().to_string().find("user/geo/places.tsv:2") != std::string::npos);
  CHECK(err.status().to_string().find("home") != std::string::npos);
}
