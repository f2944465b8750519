#include "org/lexicon.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/region.h"
#include "lexicon/places.h"
#include "lexicon/tsv.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace hanfacts::org {
namespace {

constexpr std::string_view kKinds[] = {"company",       "lab",       "university", "institute",
                                       "government",    "media",     "association", "international",
                                       "research_firm", "investor",  "exchange"};


constexpr std::string_view kNameColumns[] = {"ko", "zh_hans", "zh_hant", "en"};

bool is_slug(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

bool is_qid(std::string_view s) {
  if (s.size() < 2 || s[0] != 'Q') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool is_known_kind(std::string_view kind) {
  return std::find(std::begin(kKinds), std::end(kKinds), kind) != std::end(kKinds);
}

bool is_known_region(std::string_view region) {
  return core::region_from_code(region) != core::Region::kNone;
}

std::string name_key(std::string_view surface) {
  std::string folded = text::fold(surface);
  std::erase(folded, ' ');
  return folded;
}

std::vector<std::string> shared_name_conflicts(const std::vector<Entry>& entries) {
  std::vector<std::string> out;
  std::map<std::string, std::vector<size_t>, std::less<>> owners;  // folded key -> entries
  for (size_t ei = 0; ei < entries.size(); ++ei) {
    const Entry& e = entries[ei];
    for (const Name& n : e.names) {
      std::vector<size_t>& own = owners[n.key];
      if (std::find(own.begin(), own.end(), ei) != own.end()) continue;  // same key twice in one entry
      for (size_t other : own) {
        const Entry& o = entries[other];
        if (o.region != e.region) continue;
        out.push_back(e.source + ":" + std::to_string(e.line) + ": name '" + n.surface + "' (folded '" + n.key +
                      "') also names '" + o.id + "' at " + o.source + ":" + std::to_string(o.line) +
                      (e.region.empty() ? std::string(" (give one of them a region)")
                                        : " (both region " + e.region + ")"));
      }
      own.push_back(ei);
    }
  }
  return out;
}

bool is_entity_source(std::string_view source_name) {
  constexpr std::string_view kBuiltin = "<builtin>/";
  if (source_name.substr(0, kBuiltin.size()) != kBuiltin) return true;  // a user file
  return source_name.find("/org/entities/") != std::string_view::npos;
}

Result<std::vector<Entry>> parse_entity_file(const lexicon::Source& source) {
  auto parsed = lexicon::parse_tsv(source.content, source.name,
                                   {"id", "name", "kind", "qid", "ko", "zh_hans", "zh_hant", "en", "context"});
  if (!parsed.ok()) return parsed.status();
  const lexicon::Table& t = parsed.value();
  // Columns by index, found once (Table::cell() looks each name up again: a row reads
  // nine cells, and the built-in files have thousands of rows).
  const auto cell = [](const lexicon::Row& row, size_t i) {
    return i < row.cells.size() ? std::string_view(row.cells[i]) : std::string_view();
  };
  const size_t id_col = t.column("id"), name_col = t.column("name"), kind_col = t.column("kind"),
               qid_col = t.column("qid"), region_col = t.column("region"), context_col = t.column("context"),
               local_col = t.column("local");
  size_t name_cols[std::size(kNameColumns)];
  for (size_t k = 0; k < std::size(kNameColumns); ++k) name_cols[k] = t.column(kNameColumns[k]);
  std::vector<Entry> out;
  out.reserve(t.rows().size());
  // Ids as views of the table's cells (alive until this returns): a hashed lookup of a
  // view, not an ordered map's dozen string compares and a copy of each id.
  std::unordered_map<std::string_view, int> line_of_id;
  line_of_id.reserve(t.rows().size());
  for (const lexicon::Row& row : t.rows()) {
    Entry e;
    e.id = cell(row, id_col);
    e.name = cell(row, name_col);
    e.kind = cell(row, kind_col);
    e.qid = cell(row, qid_col);
    e.source = source.name;
    e.line = row.line;
    if (!is_slug(e.id)) return t.error(row, "id", "'" + e.id + "' is not a lowercase ASCII slug");
    const auto [seen, added] = line_of_id.emplace(cell(row, id_col), row.line);
    if (!added) return t.error(row, "id", "duplicate id '" + e.id + "' (first on line " + std::to_string(seen->second) + ")");
    if (e.name.empty()) return t.error(row, "name", "empty canonical name");
    if (!is_known_kind(e.kind)) return t.error(row, "kind", "unknown value '" + e.kind + "'");
    e.region = cell(row, region_col);  // optional column
    if (!e.region.empty() && !is_known_region(e.region))
      return t.error(row, "region", "unknown value '" + e.region + "'");
    if (!e.qid.empty() && !is_qid(e.qid)) return t.error(row, "qid", "'" + e.qid + "' is not a Wikidata id (Q...)");
    for (size_t k = 0; k < std::size(kNameColumns); ++k) {
      const std::string_view column = kNameColumns[k];
      for (std::string_view surface : lexicon::split_values(cell(row, name_cols[k]))) {
        Name n;
        n.surface = surface;
        n.key = name_key(surface);
        n.has_space = surface.find(' ') != std::string_view::npos;
        if (n.key.empty()) return t.error(row, column, "name '" + n.surface + "' is empty after folding");
        e.names.push_back(std::move(n));
      }
    }
    if (e.names.empty()) return t.error(row, "ko", "entry '" + e.id + "' has no names in ko, zh_hans, zh_hant or en");
    // The `context` and `local` columns name some of the row's names again, to flag them.
    const auto flag_names = [&](size_t col, const char* column, bool Name::*flag) -> std::optional<Status> {
      for (std::string_view surface : lexicon::split_values(cell(row, col))) {
        const std::string key = name_key(surface);
        bool found = false;
        for (Name& n : e.names) {
          if (n.key == key) {
            n.*flag = true;
            found = true;
          }
        }
        if (!found) return t.error(row, column, "'" + std::string(surface) + "' is not one of this row's names");
      }
      return std::nullopt;
    };
    if (auto bad = flag_names(context_col, "context", &Name::context)) return *bad;
    if (!cell(row, local_col).empty() && e.region.empty()) return t.error(row, "local", "a local name needs the row's region");
    if (auto bad = flag_names(local_col, "local", &Name::local)) return *bad;
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<Suffix>> parse_suffix_file(const lexicon::Source& source) {
  auto parsed = lexicon::parse_tsv(source.content, source.name, {"suffix", "kind", "min_name", "members"});
  if (!parsed.ok()) return parsed.status();
  const lexicon::Table& t = parsed.value();
  std::vector<Suffix> out;
  for (const lexicon::Row& row : t.rows()) {
    Suffix s;
    s.key = name_key(t.cell(row, "suffix"));
    s.kind = t.cell(row, "kind");
    if (s.key.empty()) return t.error(row, "suffix", "empty suffix");
    if (!is_known_kind(s.kind)) return t.error(row, "kind", "unknown value '" + s.kind + "'");
    if (const std::string_view min = t.cell(row, "min_name"); !min.empty()) {
      if (min.size() != 1 || min[0] < '1' || min[0] > '4') return t.error(row, "min_name", "must be 1 to 4 or empty");
      s.min_name = min[0] - '0';
    }
    if (const std::string_view members = t.cell(row, "members"); !members.empty()) {
      if (members != "yes") return t.error(row, "members", "must be 'yes' or empty");
      s.named_by_members = true;
    }
    if (const std::string_view acts = t.cell(row, "acts"); !acts.empty()) {
      if (acts != "yes") return t.error(row, "acts", "must be 'yes' or empty");
      if (s.kind != "government") return t.error(row, "acts", "only a government suffix acts");
      s.acts_only = true;
    }
    if (const std::string_view parent = t.cell(row, "parent"); !parent.empty()) {
      if (parent != "yes") return t.error(row, "parent", "must be 'yes' or empty");
      if (s.kind != "institute") return t.error(row, "parent", "only an institute is named with its parent");
      s.named_with_parent = true;
    }
    if (const std::string_view trades = t.cell(row, "trades"); !trades.empty()) {
      if (trades != "yes") return t.error(row, "trades", "must be 'yes' or empty");
      if (s.kind != "company") return t.error(row, "trades", "only a company's kind word comes after its trades");
      s.after_trades = true;
    }
    // One row per suffix: a second one repeats or contradicts the first.
    if (std::any_of(out.begin(), out.end(), [&s](const Suffix& o) { return o.key == s.key; }))
      return t.error(row, "suffix", "'" + s.key + "' is listed twice (once folded)");
    out.push_back(std::move(s));
  }
  return out;
}

// The `role` column's values (lexicons/org/words.tsv's preamble says what each means).
constexpr std::pair<std::string_view, WordRole> kWordRoles[] = {
    {"particle", WordRole::kParticle},       {"kind_word", WordRole::kKindWord},
    {"topic", WordRole::kTopic},             {"stop_head", WordRole::kStopHead},
    {"common", WordRole::kCommon},           {"stop_word", WordRole::kStopWord},
    {"stop_tail", WordRole::kStopTail},      {"suffix_word", WordRole::kSuffixWord},
    {"product", WordRole::kProduct},         {"division", WordRole::kDivision},
    {"legal_form", WordRole::kLegalForm},    {"byline", WordRole::kByline},
    {"field", WordRole::kField},             {"short_form_lead", WordRole::kShortFormLead},
    {"acts", WordRole::kActs},               {"act_adverb", WordRole::kActAdverb},
    {"act_join", WordRole::kActJoin},        {"run_by", WordRole::kRunBy},
    {"act_prep", WordRole::kActPrep},        {"facility", WordRole::kFacility},
    {"locative", WordRole::kLocative},       {"act_noun", WordRole::kActNoun},
    {"act_title", WordRole::kActTitle},      {"county", WordRole::kCounty},
    {"facility_measure", WordRole::kFacilityMeasure}, {"region_noun", WordRole::kRegionNoun},
    {"brand_word", WordRole::kBrandWord}, {"time_phrase_end", WordRole::kTimePhraseEnd},
    {"foreign_division", WordRole::kForeignDivision}, {"possessive", WordRole::kPossessive},
    {"conjunction", WordRole::kConjunction},   {"council", WordRole::kCouncil},
    {"council_committee", WordRole::kCouncilCommittee}, {"person_title", WordRole::kPersonTitle},
    {"town", WordRole::kTown}, {"head_title", WordRole::kHeadTitle},
    {"own_government", WordRole::kOwnGovernment}, {"joint_verb", WordRole::kJointVerb},
    {"building_front", WordRole::kBuildingFront}, {"list_etc", WordRole::kListEtc},
    {"place_count", WordRole::kPlaceCount}, {"national", WordRole::kNational},
    {"subject_lead", WordRole::kSubjectLead}, {"app_word", WordRole::kAppWord}, {"state_end", WordRole::kStateEnd},
    {"time_prep", WordRole::kTimePrep}, {"ordinal", WordRole::kOrdinal}, {"count_unit", WordRole::kCountUnit}, {"amount_unit", WordRole::kAmountUnit}, {"food_name", WordRole::kFoodName}, {"food_word", WordRole::kFoodWord},
    {"stop_before_division", WordRole::kStopBeforeDivision},
    {"act_before_amount", WordRole::kActBeforeAmount},
    {"province_division", WordRole::kProvinceDivision},
    {"measure", WordRole::kMeasure},
    {"office_building", WordRole::kOfficeBuilding}, {"currency_name", WordRole::kCurrencyName},
    {"conversion", WordRole::kConversion},
};

Result<std::vector<Word>> parse_word_file(const lexicon::Source& source) {
  auto parsed = lexicon::parse_tsv(source.content, source.name, {"word", "role"});
  if (!parsed.ok()) return parsed.status();
  const lexicon::Table& t = parsed.value();
  std::vector<Word> out;
  for (const lexicon::Row& row : t.rows()) {
    const std::string_view role = t.cell(row, "role");
    const auto named = std::find_if(std::begin(kWordRoles), std::end(kWordRoles),
                                    [role](const auto& nr) { return nr.first == role; });
    if (named == std::end(kWordRoles)) return t.error(row, "role", "unknown value '" + std::string(role) + "'");
    const WordRole r = named->second;
    for (std::string_view w : lexicon::split_values(t.cell(row, "word"))) {
      Word word{name_key(w), r};
      if (word.key.empty()) return t.error(row, "word", "empty word");
      if (r == WordRole::kCounty) {
        size_t i = 0;
        const char32_t c = text::next_code_point(word.key, i);
        if (i != word.key.size() || c > 0xFFFF || !text::is_han(c))
          return t.error(row, "word", "a county's name is one Chinese character: '" + std::string(w) + "'");
      }
      out.push_back(std::move(word));
    }
  }
  return out;
}

Result<std::vector<PlaceGovernment>> parse_place_government_file(const lexicon::Source& source) {
  auto parsed = lexicon::parse_tsv(source.content, source.name, {"government", "place"});
  if (!parsed.ok()) return parsed.status();
  const lexicon::Table& t = parsed.value();
  // org/shared_districts.tsv has a `within` column, and every row of it names its city.
  const std::vector<std::string>& columns = t.columns();
  const bool has_within = std::find(columns.begin(), columns.end(), "within") != columns.end();
  std::vector<PlaceGovernment> out;
  for (const lexicon::Row& row : t.rows()) {
    PlaceGovernment g;
    g.government = t.cell(row, "government");
    g.within = t.cell(row, "within");
    g.source = source.name;
    g.line = row.line;
    if (!is_slug(g.government)) return t.error(row, "government", "'" + g.government + "' is not an entry id");
    if (has_within && !is_slug(g.within)) return t.error(row, "within", "'" + g.within + "' is not an entry id");
    for (std::string_view surface : lexicon::split_values(t.cell(row, "place"))) {
      Name n;
      n.surface = surface;
      n.key = name_key(surface);
      n.has_space = surface.find(' ') != std::string_view::npos;
      n.context = n.place = true;
      if (n.key.empty()) return t.error(row, "place", "name '" + n.surface + "' is empty after folding");
      g.names.push_back(std::move(n));
    }
    if (g.names.empty()) return t.error(row, "place", "no place names");
    out.push_back(std::move(g));
  }
  return out;
}

Result<std::vector<CountryShortForm>> parse_country_short_form_file(const lexicon::Source& source) {
  auto parsed = lexicon::parse_tsv(source.content, source.name, {"country", "short"});
  if (!parsed.ok()) return parsed.status();
  const lexicon::Table& t = parsed.value();
  std::vector<CountryShortForm> out;
  for (const lexicon::Row& row : t.rows()) {
    CountryShortForm f;
    f.country = text::fold(t.cell(row, "country"));
    f.source = source.name;
    f.line = row.line;
    if (f.country.empty() || f.country.find(' ') != std::string::npos)
      return t.error(row, "country", "'" + std::string(t.cell(row, "country")) + "' is not one word");
    for (std::string_view s : lexicon::split_values(t.cell(row, "short"))) {
      std::string folded = text::fold(s);
      if (text::count_code_points(folded) != 1)
        return t.error(row, "short", "'" + std::string(s) + "' is not one character");
      f.shorts.push_back(std::move(folded));
    }
    if (f.shorts.empty()) return t.error(row, "short", "no short forms");
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Name> short_form_names(const Entry& entry, std::span<const CountryShortForm> forms) {
  std::vector<Name> out;
  if (entry.kind != "government" && entry.kind != "international") return out;
  for (const Name& n : entry.names) {
    if (n.context || n.place) continue;
    const std::string folded = text::fold(n.surface);
    for (const CountryShortForm& f : forms) {
      if (!folded.starts_with(f.country)) continue;
      std::string_view rest = std::string_view(folded).substr(f.country.size());
      const bool spaced = !rest.empty() && rest.front() == ' ';
      if (spaced) {
        rest.remove_prefix(std::min(rest.size(), rest.find_first_not_of(' ')));
      } else {
        // Glued only in Chinese: a Han country name, then the body's Han name.
        char32_t country_last = 0;
        for (size_t k = 0; k < f.country.size();) country_last = text::next_code_point(f.country, k);
        size_t k = 0;
        if (rest.empty() || !text::is_han(country_last) || !text::is_han(text::next_code_point(rest, k))) continue;
      }
      if (text::count_code_points(name_key(rest)) < 2) continue;
      for (const std::string& s : f.shorts) {
        Name g;
        g.surface = s + (spaced ? " " : "") + std::string(rest);
        g.key = name_key(g.surface);
        g.has_space = spaced;
        out.push_back(std::move(g));
      }
    }
  }
  return out;
}

Result<std::vector<Word>> parse_place_file(const lexicon::Source& source) {
  auto places = lexicon::parse_places(source);
  if (!places.ok()) return places.status();
  std::vector<Word> out;
  for (const lexicon::Place& pl : places.value()) {
    if (pl.home) out.push_back(Word{name_key(pl.name), WordRole::kHomePlace});
    out.push_back(Word{name_key(pl.name), WordRole::kPlace});
  }
  return out;
}

}  // namespace hanfacts::org
