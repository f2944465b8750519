#include "date/words.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <type_traits>

#include "lexicon/places.h"
#include "lexicon/serial.h"
#include "lexicon/tsv.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

// The code point of `s` at k, or after one space there (a surface's spaces are optional
// in the text: the scan's third look skips one); 0 at the end.
char32_t code_point_past_space(std::string_view s, size_t k) {
  if (k < s.size() && s[k] == ' ') ++k;
  return k < s.size() ? text::next_code_point(s, k) : 0;
}

struct Name {
  std::string_view text;
  int value;
};

constexpr Name kKinds[] = {
    {"year_rel", 0},      {"month_rel", 1},        {"week_rel", 2},       {"day_rel", 3},
    {"quarter_rel", 4},   {"weekday", 5},          {"weekday_short", 6},  {"half", 7},
    {"part", 8},          {"part_year", 9},        {"part_month", 10},    {"qualifier_before", 11},
    {"qualifier_after", 12}, {"approx_count", 13}, {"ago", 14},           {"prefix", 15},
    {"marker", 16},       {"span_unit", 17},       {"daypart", 18},       {"range", 19},
    {"ordinal", 20},      {"dateline", 21},        {"stop", 22},          {"duration_after", 23},
    {"span_prefix", 24}, {"first_n", 25},  {"nth", 26},          {"nth_unit", 27},      {"linker", 28},
    {"classifier", 29},  {"era", 30},      {"season", 31},       {"daypart_after", 32}, {"between", 33}, {"between_end", 34}, {"vague_count", 35}, {"half_rel", 36}, {"nowadays", 37}, {"contrast_past", 38},
    // 39 (holiday) comes from holidays.tsv, not from a kind cell.
    {"lunar", 40}, {"lunar_month", 41}, {"counted_span", 42}, {"same_day", 43}, {"lunar_leap", 44}, {"holiday_period", 45}, {"ending", 46}, {"recurring", 47}, {"qualifier_after_holiday", 48}, {"holiday_list", 49}, {"many_noun", 50}, {"viewpoint", 51}, {"weekday_counter", 52}, {"issue_mark", 53}, {"weekday_practice", 54}, {"change_to", 55}, {"event_noun", 56}, {"apposition", 57}, {"duration_before", 58}, {"rel_follow", 59}, {"byline_end", 60},
};

constexpr Name kTags[] = {
    {"", 0},        {"year", 1},   {"fiscal_year", 2}, {"decade", 3}, {"quarter", 4}, {"month", 5},
    {"week", 6},    {"day", 7},    {"hour", 8},        {"minute", 9}, {"half_hour", 10},
    {"early", 11},  {"mid", 12},   {"late", 13},       {"approx", 14}, {"since", 15}, {"until", 16},
    {"am", 17},     {"pm", 18},    {"noon", 19},       {"night", 20}, {"day_of_month", 21},
    {"spring", 22}, {"summer", 23}, {"autumn", 24}, {"winter", 25}, {"century", 26}, {"context", 27}, {"within", 28},
    {"year_turn", 29}, {"term", 30}, {"from", 31}, {"follow", 32}, {"bare", 33},
};

// "ko", "zh" or "any"; false for anything else.
bool parse_lang(std::string_view s, Lang& out) {
  if (s == "ko") out = Lang::kKo;
  else if (s == "zh") out = Lang::kZh;
  else if (s == "any") out = Lang::kAny;
  else return false;
  return true;
}

// A whole integer cell with an optional leading '+'; false when it is not one.
bool parse_int(std::string_view s, int& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

// Holidays have a file (and columns) of their own: the day they fall on is no offset.
bool is_holiday_source(std::string_view name) {
  constexpr std::string_view kName = "holidays.tsv";
  return name.size() >= kName.size() && name.substr(name.size() - kName.size()) == kName;
}

template <size_t N>
int lookup(const Name (&names)[N], std::string_view s) {
  for (const Name& n : names)
    if (n.text == s) return n.value;
  return -1;
}

}  // namespace

int32_t Words::child(int32_t node, unsigned char b) const {
  for (int32_t e = nodes_[static_cast<size_t>(node)].first_edge; e >= 0; e = edges_[static_cast<size_t>(e)].next)
    if (edges_[static_cast<size_t>(e)].byte == b) return edges_[static_cast<size_t>(e)].to;
  return -1;
}

// A space in a surface is an edge of its own (to the node's space child): a text with a
// space there walks it, and a text without one may step over it (Flat::space_child).
// Surfaces without the space keep their own edges, so 전국 does not match 전 국내 just
// because 전 분기 has a space after 전.
void Words::add(std::string_view s, int entry) {
  int32_t node = 0;
  bool pending_space = false;
  for (unsigned char b : s) {
    if (b == ' ') {
      pending_space = true;
      continue;
    }
    if (pending_space) node = step_or_add(node, ' ');
    pending_space = false;
    node = step_or_add(node, b);
  }
  const auto word = static_cast<int32_t>(node_words_.size());
  node_words_.push_back({entry, -1});
  Node& n = nodes_[static_cast<size_t>(node)];
  if (n.last_word >= 0) node_words_[static_cast<size_t>(n.last_word)].next = word;
  else n.first_word = word;
  n.last_word = word;
}

int32_t Words::step_or_add(int32_t node, unsigned char b) {
  // The sorted list of children: the child on b, or where it goes (after `prev`).
  int32_t prev = -1, e = nodes_[static_cast<size_t>(node)].first_edge;
  while (e >= 0 && edges_[static_cast<size_t>(e)].byte < b) prev = e, e = edges_[static_cast<size_t>(e)].next;
  if (e >= 0 && edges_[static_cast<size_t>(e)].byte == b) return edges_[static_cast<size_t>(e)].to;
  const auto to = static_cast<int32_t>(nodes_.size());
  const auto edge = static_cast<int32_t>(edges_.size());
  edges_.push_back({b, to, e});
  (prev >= 0 ? edges_[static_cast<size_t>(prev)].next : nodes_[static_cast<size_t>(node)].first_edge) = edge;
  nodes_.emplace_back();
  return to;
}

void Words::add_word(const std::string& surface, const Entry& e, std::span<const std::string> follow) {
  const int index = static_cast<int>(entries_.size());
  entries_.push_back(e);
  add(surface, index);
  {
    size_t back = surface.size();
    const char32_t last = text::prev_code_point(surface, back);
    if (last < 0x10000) ends_[last >> 6] |= uint64_t{1} << (last & 63);
    const uint32_t kind = e.kind == Kind::kLunar         ? kEndsLunar
                          : e.kind == Kind::kRecurring   ? kEndsRecurring
                          : e.kind == Kind::kHolidayList ? kEndsListMark
                                                         : 0;
    if (kind != 0 && !add_end(last, kind)) too_many_ends_ = true;
  }
  size_t i = 0;
  const char32_t first = text::next_code_point(surface, i);
  firsts_.emplace_back(e.kind, first);
  if (e.kind == Kind::kRecurring && !may_open_recurring(first)) {
    recurring_firsts_.push_back(first);
    recurring_first_filter_ |= uint64_t{1} << end_slot(first);
  }
  if (e.kind == Kind::kQualBefore && e.tag == Tag::kSince &&
      std::find(since_opener_firsts_.begin(), since_opener_firsts_.end(), first) == since_opener_firsts_.end()) {
    since_opener_firsts_.push_back(first);
    since_opener_filter_ |= uint64_t{1} << end_slot(first);
    const auto* u = reinterpret_cast<const unsigned char*>(surface.data());
    since_opener_utf8_.push_back(i == 3 ? uint32_t{u[0]} | uint32_t{u[1]} << 8 | uint32_t{u[2]} << 16 : 0);
    since_opener_last_bytes_ |= i == 3 ? uint64_t{1} << (u[2] & 63) : ~uint64_t{0};
  }
  if (e.kind == Kind::kDateline) {
    if (first < 0x10000) label_starts_[first >> 6] |= uint64_t{1} << (first & 63);
    size_t k = i;
    const char32_t second = k < surface.size() ? text::next_code_point(surface, k) : U' ';
    if (second == U' ') {
      if (first < 0x10000) label_singles_[first >> 6] |= uint64_t{1} << (first & 63);
    } else {
      const uint32_t h = pair_hash(first, second);
      label_pairs_[h >> 6] |= uint64_t{1} << (h & 63);
    }
  }
  if (first < 0x10000 && ((kOpeners | kind_bit(Kind::kStop)) & kind_bit(e.kind))) {
    starts_[first >> 6] |= uint64_t{1} << (first & 63);
    if (i >= surface.size() && !follow.empty()) {
      // 설 before 연휴, 명절…: the gate lets it through before one of them (or a space).
      mark_single(first);
      follow_singles_.emplace_back(first, e.kind);
      for (const std::string& f : follow) {
        size_t k = 0;
        const char32_t after = text::next_code_point(f, k);
        single_starts_.push_back({first, after, e.kind});
        start_triples_.insert(start_triples_.end(), {first, after, code_point_past_space(f, k)});
      }
    } else if (i >= surface.size() || surface[i] == ' ') {
      mark_single(first);
      size_t k = i + 1;
      const char32_t after = k < surface.size() ? text::next_code_point(surface, k) : 0;
      single_starts_.push_back({first, after, e.kind, e.offset});
      // 전 분기 written 전분기: the word's code point after `after` is its third.
      if (after != 0) start_triples_.insert(start_triples_.end(), {first, after, code_point_past_space(surface, k)});
    } else {
      const char32_t second = text::next_code_point(surface, i);
      mark_pair(first, second);
      start_triples_.insert(start_triples_.end(), {first, second, code_point_past_space(surface, i)});
    }
  }
}

namespace {

// The prebuilt words' first bytes: a model of another layout is not read.
constexpr uint64_t kModelMagic = 0x31574554414448ull;  // "HDATEW1"

// What the words were compiled from: each file's name and size (the date files and the
// places file, in load order).
struct SourcesSeen {
  std::vector<std::string> names;
  std::vector<uint64_t> sizes;
  SourcesSeen() = default;
  explicit SourcesSeen(std::span<const lexicon::Source> sources) {
    for (const lexicon::Source& src : lexicon::with_places(sources)) {
      names.push_back(src.name);
      sizes.push_back(src.content.size());
    }
  }
  bool operator==(const SourcesSeen&) const = default;
  template <class Io>
  void serial(Io& io) {
    io(names), io(sizes);
  }
};

}  // namespace

template <class Io>
void Words::serial(Io& io) {
  io(cp_slots_), io(cp_mask_), io(cp_shift_);
  io(flat_), io(masks_), io(bytes_), io(to_), io(flat_entries_), io(dense_), io(root_child_), io(root_below_);
  lexicon::serial_fields(io, entries_, &Entry::kind, &Entry::lang, &Entry::tag, &Entry::offset, &Entry::has_offset);
  io(holidays_);
  // The places as a list sorted by name (the map's own order is no file's).
  std::vector<std::string> place_names;
  std::vector<uint8_t> place_home;
  if constexpr (std::is_same_v<Io, lexicon::SerialWriter>) {
    for (const auto& [name, home] : places_) place_names.push_back(name);
    std::sort(place_names.begin(), place_names.end());
    for (const std::string& name : place_names) place_home.push_back(places_.at(name) ? 1 : 0);
  }
  io(place_names), io(place_home), io(max_place_bytes_);
  if constexpr (std::is_same_v<Io, lexicon::SerialReader>) {
    places_.clear();
    for (size_t i = 0; i < place_names.size() && i < place_home.size(); ++i) places_[place_names[i]] = place_home[i] != 0;
  }
  io(starts_), io(start_pairs_), io(start_triples_), io(singles_), io(label_starts_), io(ends_);
  io(since_opener_firsts_), io(since_opener_utf8_), io(end_table_);
  io(since_opener_filter_);
  io(since_opener_last_bytes_);
  io(recurring_firsts_), io(recurring_first_filter_);
  using KindFirst = std::pair<Kind, char32_t>;
  using FirstKind = std::pair<char32_t, Kind>;
  lexicon::serial_fields(io, firsts_, &KindFirst::first, &KindFirst::second);
  lexicon::serial_fields(io, single_starts_, &SingleStart::first, &SingleStart::after, &SingleStart::kind,
                         &SingleStart::offset);
  lexicon::serial_fields(io, follow_singles_, &FirstKind::first, &FirstKind::second);
  io(label_pairs_), io(label_singles_);
  io(byline_marks_);
  io(written_);
  io(bare_era_offset_);
}

Result<Words> Words::load(std::span<const lexicon::Source> sources) {
  const std::string_view saved = prebuilt_model();
  if (!saved.empty() && lexicon::is_builtin(sources, "date")) {
    auto loaded = load_saved(saved, sources);
    if (loaded.ok()) return loaded;
    // Not this build's words (it cannot happen while the build keeps them in step): compile.
  }
  return build(sources);
}

std::string Words::save(std::span<const lexicon::Source> sources) const {
  lexicon::SerialWriter out;
  out(kModelMagic);
  out(SourcesSeen(sources));
  const_cast<Words&>(*this).serial(out);  // (writing only reads the fields)
  return out.take();
}

Result<Words> Words::load_saved(std::string_view saved, std::span<const lexicon::Source> sources) {
  lexicon::SerialReader in(saved);
  uint64_t magic = 0;
  in(magic);
  if (magic != kModelMagic) return Status(StatusCode::kInvalidData, "not a DATE words model of this build", "date");
  SourcesSeen seen;
  in(seen);
  if (!(seen == SourcesSeen(sources)))
    return Status(StatusCode::kInvalidData, "the DATE words model was made from other lexicon files", "date");
  Words w;
  w.serial(in);
  if (!in.done()) return Status(StatusCode::kInvalidData, "the DATE words model is truncated or damaged", "date");
  return w;
}

Result<Words> Words::build(std::span<const lexicon::Source> sources) {
  Words w;
  w.nodes_.emplace_back();
  // Places are shared with the ORG recognizer (lexicons/geo/): the built-in file unless
  // the sources bring their own.
  for (const lexicon::Source& src : lexicon::with_places(sources)) {
    if (lexicon::is_places_source(src.name)) {
      if (Status st = w.load_places(src); !st.ok()) return st;
      continue;
    }
    if (is_holiday_source(src.name)) {
      if (Status st = w.load_holidays(src); !st.ok()) return st;
      continue;
    }
    auto parsed = lexicon::parse_tsv(src.content, src.name, {"lang", "surface", "kind", "offset", "unit"});
    if (!parsed.ok()) return parsed.status();
    const lexicon::Table& t = parsed.value();
    const size_t lang_at = t.column("lang"), surface_at = t.column("surface"), kind_at = t.column("kind"),
                 offset_at = t.column("offset"), unit_at = t.column("unit");
    for (const lexicon::Row& row : t.rows()) {
      Entry e{};
      const std::string_view lang = t.cell_at(row, lang_at);
      if (!parse_lang(lang, e.lang)) return t.error(row, "lang", "unknown value '" + std::string(lang) + "'");
      const int kind = lookup(kKinds, t.cell_at(row, kind_at));
      if (kind < 0) return t.error(row, "kind", "unknown value '" + std::string(t.cell_at(row, kind_at)) + "'");
      e.kind = static_cast<Kind>(kind);
      const int tag = lookup(kTags, t.cell_at(row, unit_at));
      if (tag < 0) return t.error(row, "unit", "unknown value '" + std::string(t.cell_at(row, unit_at)) + "'");
      e.tag = static_cast<Tag>(tag);
      const std::string_view off = t.cell_at(row, offset_at);
      e.offset = 0;
      if (!off.empty() && !parse_int(off, e.offset))
        return t.error(row, "offset", "not an integer: '" + std::string(off) + "'");
      e.has_offset = !off.empty();
      const std::string surface = text::fold(t.cell_at(row, surface_at));
      if (surface.empty()) return t.error(row, "surface", "empty");
      // One word a row here (the holidays file is the one that lists several).
      if (surface.find('|') != std::string::npos) return t.error(row, "surface", "one word a row, no '|'");
      // A byline's closing mark is looked for by the dateline alone, as bytes: no word of
      // the grammar's, so it stays out of the trie and of the scan's first-code-point and
      // last-code-point tables (电 and 讯 would otherwise pass their filters everywhere).
      w.sort_written(e, surface);
      if (e.kind == Kind::kEra && e.tag == Tag::kBare) w.bare_era_offset_ = e.offset;
      if (e.kind == Kind::kBylineEnd) {
        w.byline_marks_.push_back(surface);
        continue;
      }
      w.add_word(surface, e);
    }
  }
  for (const Holiday& h : w.holidays_)
    for (const std::string& c : h.countries)
      if (!w.places_.contains(c))
        return Status(StatusCode::kInvalidData, "holidays.tsv: column 'country': '" + c + "' is not in geo/places.tsv", "date");
  if (Status st = w.finish(); !st.ok()) return st;
  return w;
}

void Words::sort_written(const Entry& e, const std::string& surface) {
  if (e.lang == Lang::kKo) return;
  std::vector<std::string>* into = nullptr;
  switch (e.kind) {
    case Kind::kMarker:
      if (e.tag == Tag::kYear || e.tag == Tag::kMonth) into = &written_.part_markers;
      else if (e.tag == Tag::kDay || e.tag == Tag::kDayOfMonth) into = &written_.day_markers;
      break;
    case Kind::kRange: into = &written_.ranges; break;
    case Kind::kFirstN: into = &written_.first_months; break;
    case Kind::kDayRel:
      if (e.tag == Tag::kNone) into = &written_.day_words;  // (今晚, 同日: tagged ones take no bracketed day)
      break;
    case Kind::kPart: into = &written_.parts; break;
    case Kind::kQualAfter: into = &written_.after; break;
    default: break;
  }
  if (into) into->push_back(surface);
}

Status Words::load_places(const lexicon::Source& src) {
  auto places = lexicon::parse_places(src);
  if (!places.ok()) return places.status();
  for (const lexicon::Place& pl : places.value()) {
    std::string folded = text::fold(pl.name);
    max_place_bytes_ = std::max(max_place_bytes_, folded.size());
    places_[std::move(folded)] = pl.home;
  }
  return Status();
}

bool Words::other_country_before(std::string_view text, size_t start, const Holiday& h) const {
  if (h.countries.empty()) return false;
  size_t end = start;
  if (end > 0 && text[end - 1] == ' ') --end;
  // 越南的国庆节, 베트남의 국경절: the possessive between them.
  for (std::string_view of : {std::string_view("\xE7\x9A\x84"), std::string_view("\xEC\x9D\x98")})
    if (end >= of.size() && text.substr(end - of.size(), of.size()) == of) {
      end -= of.size();
      if (end > 0 && text[end - 1] == ' ') --end;
      break;
    }
  // The longest place ending there.
  for (size_t len = std::min(end, max_place_bytes_); len > 0; --len) {
    const size_t from = end - len;
    if ((static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) continue;  // not a code point's start
    const auto it = places_.find(std::string(text.substr(from, len)));
    if (it == places_.end()) continue;
    if (it->second) return false;  // a home country
    return std::find(h.countries.begin(), h.countries.end(), it->first) == h.countries.end();
  }
  return false;
}

// The longest recurring word, in bytes: four three-byte code points (每个星期).
constexpr size_t kMaxRecurringBytes = 12;

bool Words::recurring_before(std::string_view text, size_t start) const {
  size_t end = start;
  if (end > 0 && text[end - 1] == ' ') --end;
  // Most dates follow no recurring word: its last code point says so at once, most often
  // by one bit of the filter (the list is searched only on a hit).
  if (end == 0) return false;
  size_t back = end;
  if (!may_end_recurring(prev_code_point(text, back))) return false;
  // word_ending_at's walk back, with the code point at each start tested first: only a
  // few open a recurring word (每, 매, 해…), where may_hold2 lets through every code point
  // whose first two bytes one of those shares (매 and the 63 syllables after it).
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::string_view head = text.substr(0, end);
  const size_t lo = end - std::min(end, kMaxRecurringBytes);
  constexpr KindMask kRecurring = kind_bit(Kind::kRecurring);
  for (size_t from = end; from > lo;) {
    char32_t c;
    if (from >= lo + 3 && (s[from - 3] & 0xF0) == 0xE0) {
      from -= 3;
      c = text::decode3(s + from);
    } else if (s[--from] < 0x80) {
      c = s[from];  // (the digits of 2025년 before 3월)
    } else {
      if ((s[from] & 0xC0) == 0x80) continue;  // not a code point's start
      size_t next = from;
      c = text::next_code_point(text, next);
    }
    if (may_open_recurring(c) && may_hold2(head, from, kRecurring) && longest(head, from, kRecurring).end == end)
      return true;
  }
  return false;
}

bool Words::since_opener_stepping_back(std::string_view text, size_t p, size_t from_chars, size_t to_chars) const {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  if (to_chars < from_chars || 3 * from_chars > p) return false;
  // The characters' starts alone (the walk back reads the text three bytes at a time from
  // p), nearest first, up to the first that ends in an ASCII byte (no Han character does:
  // the walk stops there; many of the dates it asks about follow a few Han characters
  // after an ASCII one). One bit of a character's last byte's low six (the openers' last
  // bytes) turns most of the rest away; the three bytes are compared only after that bit.
  const size_t lo = 3 * to_chars > p ? p % 3 : p - 3 * to_chars;
  for (size_t at = p - 3 * from_chars + 3; at > lo;) {
    at -= 3;
    const unsigned last = s[at + 2];
    if (last < 0x80) return false;
    if (((since_opener_last_bytes_ >> (last & 63)) & 1) && since_opener_at(s + at)) return true;
  }
  return false;
}

bool Words::since_opener_at(const unsigned char* u) const {
  const uint32_t bytes = uint32_t{u[0]} | uint32_t{u[1]} << 8 | uint32_t{u[2]} << 16;
  for (const uint32_t utf8 : since_opener_utf8_)
    if (utf8 == bytes || utf8 == 0) return true;
  return false;
}

size_t Words::word_ending_at(std::string_view text, size_t end, KindMask kinds, size_t max_bytes) const {
  const std::string_view head = text.substr(0, end);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t lo = end - std::min(end, max_bytes);
  // Back one code point at a time from `end` (a code point boundary): a Han or Hangul one,
  // whose lead byte stands three bytes back in valid UTF-8 (folded text), in one step;
  // others a byte at a time, past their continuation bytes.
  for (size_t from = end; from > lo;) {
    if (from >= lo + 3 && (s[from - 3] & 0xF0) == 0xE0) {
      from -= 3;
    } else if ((s[--from] & 0xC0) == 0x80) {
      continue;  // not a code point's start
    }
    // Two bytes looked at before a walk (may_hold2): a Han or Hangul code point's lead
    // byte alone lets nearly every position through (2025년 3월: 년 ends 매년 too, and the
    // walk back from 3월 starts at 년, 5년, 25년...).
    if (may_hold2(head, from, kinds) && longest(head, from, kinds).end == end) return from;
  }
  return end;
}

Status Words::load_holidays(const lexicon::Source& src) {
  auto parsed = lexicon::parse_tsv(src.content, src.name,
                                   {"lang", "surface", "holiday", "calendar", "month", "day", "weekday", "shift", "days", "follow", "regions", "country"});
  if (!parsed.ok()) return parsed.status();
  const lexicon::Table& t = parsed.value();
  // The columns' indices, looked up once (Table::cell_at).
  const struct {
    size_t calendar, country, day, days, follow, lang, month, regions, shift, surface, weekday;
  } col{t.column("calendar"), t.column("country"), t.column("day"),     t.column("days"),
        t.column("follow"),   t.column("lang"),    t.column("month"),   t.column("regions"),
        t.column("shift"),    t.column("surface"), t.column("weekday")};
  constexpr std::string_view kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (const lexicon::Row& row : t.rows()) {
    Entry e{Kind::kHoliday, Lang::kAny, Tag::kNone, static_cast<int>(holidays_.size())};
    const std::string_view lang = t.cell_at(row, col.lang);
    if (!parse_lang(lang, e.lang)) return t.error(row, "lang", "unknown value '" + std::string(lang) + "'");
    Holiday h;
    h.korean = e.lang == Lang::kKo;
    const std::string_view calendar = t.cell_at(row, col.calendar);
    // Each calendar's month and day (easter rows have none: the shift says the day).
    struct CalendarSpec {
      std::string_view name;
      HolidayCalendar calendar;
      int months, day_min, day_max;  // months 0: no month or day
    };
    static constexpr CalendarSpec kCalendars[] = {
        {"solar", HolidayCalendar::kSolar, 12, 1, 31},          {"lunar", HolidayCalendar::kLunar, 12, 1, 30},
        {"nth_weekday", HolidayCalendar::kNthWeekday, 12, -1, 5}, {"solar_term", HolidayCalendar::kSolarTerm, 12, 1, 2},
        {"easter", HolidayCalendar::kEaster, 0, 0, 0},           {"orthodox_easter", HolidayCalendar::kOrthodoxEaster, 0, 0, 0},
        {"hebrew", HolidayCalendar::kHebrew, 13, 1, 30},         {"islamic", HolidayCalendar::kIslamic, 12, 1, 30}};
    const CalendarSpec* spec = nullptr;
    for (const CalendarSpec& c : kCalendars)
      if (c.name == calendar) spec = &c;
    if (!spec) return t.error(row, "calendar", "unknown value '" + std::string(calendar) + "'");
    h.calendar = spec->calendar;
    const bool nth = h.calendar == HolidayCalendar::kNthWeekday;
    if (spec->months == 0) {
      if (!t.cell_at(row, col.month).empty() || !t.cell_at(row, col.day).empty())
        return t.error(row, "month", std::string(calendar) + " takes no month or day: the shift says the day");
    } else {
      if (!parse_int(t.cell_at(row, col.month), h.month) || h.month < 1 || h.month > spec->months)
        return t.error(row, "month", "not a month: '" + std::string(t.cell_at(row, col.month)) + "'");
      if (!parse_int(t.cell_at(row, col.day), h.day) || h.day < spec->day_min || h.day > spec->day_max || h.day == 0)
        return t.error(row, "day", "not a day: '" + std::string(t.cell_at(row, col.day)) + "'");
    }
    const std::string_view weekday = t.cell_at(row, col.weekday);
    for (size_t k = 0; k < std::size(kWeekdays); ++k)
      if (weekday == kWeekdays[k]) h.weekday = static_cast<int>(k) + 1;
    if (nth != (h.weekday != 0))
      return t.error(row, "weekday", nth ? "nth_weekday needs mon..sun" : "only nth_weekday takes a weekday");
    const std::string_view shift = t.cell_at(row, col.shift);
    if (!shift.empty() && !parse_int(shift, h.shift))
      return t.error(row, "shift", "not an integer: '" + std::string(shift) + "'");
    const std::string_view days = t.cell_at(row, col.days);
    const bool moon_months = h.calendar == HolidayCalendar::kHebrew || h.calendar == HolidayCalendar::kIslamic;
    if (days == "month" && moon_months && h.day == 1 && h.shift == 0) h.days = 0;
    else if (!days.empty() && (!parse_int(days, h.days) || h.days < 1 || h.days > 60))
      return t.error(row, "days", "not a number of days 1-60, or 'month' (hebrew and islamic, from day 1): '" + std::string(days) + "'");
    for (std::string_view f : lexicon::split_values(t.cell_at(row, col.follow))) h.follow.push_back(text::fold(f));
    for (std::string_view c : lexicon::split_values(t.cell_at(row, col.country))) h.countries.push_back(text::fold(c));
    for (std::string_view r : lexicon::split_values(t.cell_at(row, col.regions))) {
      // region:MM-DD, e.g. tw:10-10
      const size_t colon = r.find(':'), dash = r.find('-');
      Holiday::RegionalDay rd{core::Region::kNone, 0, 0};
      if (colon != std::string_view::npos && dash > colon) {
        rd.region = core::region_from_code(r.substr(0, colon));
        if (!parse_int(r.substr(colon + 1, dash - colon - 1), rd.month) || !parse_int(r.substr(dash + 1), rd.day)) rd.month = 0;
      }
      if (rd.region == core::Region::kNone || rd.month < 1 || rd.month > 12 || rd.day < 1 || rd.day > 31)
        return t.error(row, "regions", "not region:MM-DD: '" + std::string(r) + "'");
      h.regional.push_back(rd);
    }
    holidays_.push_back(std::move(h));
    for (std::string_view surface : lexicon::split_values(t.cell_at(row, col.surface))) {
      const std::string folded = text::fold(surface);
      if (folded.empty()) return t.error(row, "surface", "empty");
      add_word(folded, e, holidays_.back().follow);
    }
  }
  return Status();
}

bool Words::add_end(char32_t c, uint32_t kind) {
  for (unsigned i = end_table_slot(c);; i = (i + 1) % kEndTableSize) {
    uint32_t& e = end_table_[i];
    if (e == 0) {
      if (end_table_used_ == kEndTableSize / 2) return false;
      ++end_table_used_;
      e = static_cast<uint32_t>(c) << 8;
    }
    if ((e >> 8) == static_cast<uint32_t>(c)) {
      e |= kind;
      return true;
    }
  }
}

Status Words::finish() {
  if (too_many_ends_) return Status(StatusCode::kInvalidData, "too many last code points of lunar, recurring and list words", "date");
  // Such a word may have its following word after the last holiday of a list (설·춘절
  // 연휴): the gate lets it through before a list mark too.
  // So may it have a copula and a date after it (설인 29일).
  for (const auto& [kind, mark] : firsts_)
    if (kind == Kind::kHolidayList || kind == Kind::kApposition)
      for (const auto& [first, word_kind] : follow_singles_) {
        single_starts_.push_back({first, mark, word_kind});
        start_triples_.insert(start_triples_.end(), {first, mark, 0});  // whatever follows the mark
      }
  // 16-bit node ids in the code point table's keys, 8-bit kinds and counts of words per
  // node: the date vocabulary is far below these (about 4,000 nodes).
  // Many words share their first two code points: each pair once.
  std::sort(start_pairs_.begin(), start_pairs_.end());
  start_pairs_.erase(std::unique(start_pairs_.begin(), start_pairs_.end()), start_pairs_.end());
  {
    std::vector<std::array<char32_t, 3>> triples;
    for (size_t k = 0; k + 2 < start_triples_.size(); k += 3)
      triples.push_back({start_triples_[k], start_triples_[k + 1], start_triples_[k + 2]});
    std::sort(triples.begin(), triples.end());
    triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
    start_triples_.clear();
    for (const auto& t : triples) start_triples_.insert(start_triples_.end(), t.begin(), t.end());
  }
  if (nodes_.size() >= kMaxNodes)
    return Status(StatusCode::kInvalidData, "date vocabulary: more than " + std::to_string(kMaxNodes) + " trie nodes");
  static_assert(static_cast<int>(Kind::kCount) <= 256);
  // Each node's children and words as one block each (its lists, in order).
  std::vector<std::pair<unsigned char, int32_t>> kids;
  std::vector<int32_t> words;
  std::vector<uint32_t> kids_at(nodes_.size() + 1), words_at(nodes_.size() + 1);
  kids.reserve(edges_.size());
  words.reserve(node_words_.size());
  for (size_t i = 0; i < nodes_.size(); ++i) {
    kids_at[i] = static_cast<uint32_t>(kids.size());
    words_at[i] = static_cast<uint32_t>(words.size());
    for (int32_t e = nodes_[i].first_edge; e >= 0; e = edges_[static_cast<size_t>(e)].next)
      kids.emplace_back(edges_[static_cast<size_t>(e)].byte, edges_[static_cast<size_t>(e)].to);
    for (int32_t k = nodes_[i].first_word; k >= 0; k = node_words_[static_cast<size_t>(k)].next)
      words.push_back(node_words_[static_cast<size_t>(k)].entry);
  }
  kids_at[nodes_.size()] = static_cast<uint32_t>(kids.size());
  words_at[nodes_.size()] = static_cast<uint32_t>(words.size());
  const auto children = [&](size_t i) { return std::span(kids).subspan(kids_at[i], kids_at[i + 1] - kids_at[i]); };
  const auto words_of = [&](size_t i) { return std::span(words).subspan(words_at[i], words_at[i + 1] - words_at[i]); };
  flat_.assign(nodes_.size(), Flat{});
  masks_.assign(nodes_.size(), Masks{});
  bytes_.clear();
  to_.clear();
  dense_.clear();
  flat_entries_.clear();
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Flat& f = flat_[i];
    if (words_of(i).size() > 255)
      return Status(StatusCode::kInvalidData, "date vocabulary: more than 255 words of one surface");
    f.first = static_cast<uint32_t>(bytes_.size());
    f.count = static_cast<uint16_t>(children(i).size());
    for (const auto& [b, to] : children(i)) bytes_.push_back(b), to_.push_back(to);
    f.entries_first = static_cast<uint32_t>(flat_entries_.size());
    f.entries_count = static_cast<uint8_t>(words_of(i).size());
    for (int32_t e : words_of(i)) {
      const Kind kind = entries_[static_cast<size_t>(e)].kind;
      flat_entries_.push_back(static_cast<uint32_t>(e) << 8 | static_cast<uint32_t>(kind));
      masks_[i].here |= kind_bit(kind);
    }
    if (f.entries_count == 1) {  // kept in the node (entries_of)
      f.entries_first = flat_entries_.back();
      flat_entries_.pop_back();
    }
    if (f.entries_count) f.flags |= kEntries;
    if (f.count == 0) f.flags |= kLeaf;
    f.space_child = child(static_cast<int32_t>(i), ' ');
    if (f.space_child >= 0) f.flags |= kSpace;
    // Wide fan-outs over UTF-8 continuation bytes (the last byte of a syllable) get a
    // direct table instead of a scan.
    bool continuation = children(i).size() >= 4;
    for (const auto& [b, to] : children(i)) continuation = continuation && (b & 0xC0) == 0x80;
    if (continuation) {
      f.first = static_cast<uint32_t>(dense_.size());
      f.flags |= kDense;
      dense_.resize(dense_.size() + 64, -1);
      for (const auto& [b, to] : children(i)) dense_[f.first + (b & 63)] = to;
    }
  }
  // Children always have larger indices than their parent: fold masks bottom-up.
  for (size_t i = nodes_.size(); i-- > 0;) {
    masks_[i].below |= masks_[i].here;
    for (const auto& [b, to] : children(i)) masks_[i].below |= masks_[static_cast<size_t>(to)].below;
  }
  // Code point boundaries (the bytes a node's code point still needs), and the one-step
  // table for three-byte code points out of every boundary node.
  std::vector<uint8_t> rem(nodes_.size(), 0);
  std::vector<std::pair<uint32_t, int32_t>> cps;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (rem[i] == 0) flat_[i].flags |= kBoundary;
    for (const auto& [b, to] : children(i)) {
      const uint8_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      rem[static_cast<size_t>(to)] = static_cast<uint8_t>(rem[i] == 0 ? len - 1 : rem[i] - 1);
    }
    if (rem[i] != 0) continue;
    for (const auto& [b0, x] : children(i)) {
      if ((b0 & 0xF0) != 0xE0) continue;
      for (const auto& [b1, y] : children(static_cast<size_t>(x)))
        for (const auto& [b2, z] : children(static_cast<size_t>(y))) {
          const unsigned char u[3] = {b0, b1, b2};
          cps.emplace_back(((static_cast<uint32_t>(i) << 16) | text::decode3(u)) + 1, z);
        }
    }
  }
  size_t cap = 16;
  int bits = 4;
  while (cap < 2 * cps.size()) cap *= 2, ++bits;
  cp_slots_.assign(cap, 0);
  cp_mask_ = cap - 1;
  cp_shift_ = 64 - bits;
  for (const auto& [key, to] : cps) {  // (every node's flags are final now)
    size_t h = static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> cp_shift_);
    while (static_cast<uint32_t>(cp_slots_[h]) != 0) h = (h + 1) & cp_mask_;
    cp_slots_[h] = uint64_t{key} | uint64_t{ref_of(to)} << 32;
  }
  for (int b = 0; b < 256; ++b) root_child_[b] = -1, root_below_[b] = 0;
  for (const auto& [b, to] : children(0)) {
    root_child_[b] = to;
    root_below_[b] = masks_[static_cast<size_t>(to)].below;
  }
  nodes_ = {};
  edges_ = {};
  node_words_ = {};
  return Status();
}

Match Words::longest3(std::string_view text, size_t pos, KindMask kinds, KindMask other, Match& other_match,
                      KindMask part, Match& part_match) const {
  // `part` is within `kinds`, so the walk for `kinds` and `other` goes deep enough for it
  // too. An optional space inside a surface is taken only where the surface had one.
  Match best;
  other_match = Match{};
  part_match = Match{};
  const KindMask want = kinds | other;
  if (pos >= text.size()) return best;
  uint32_t ref;
  size_t i;
  if (!first_step(text, pos, ref, i) || !(masks_[node_of(ref)].below & want)) return best;
  while (true) {
    const size_t node = node_of(ref);
    const Flat& n = flat_[node];
    if ((n.flags & kEntries) && (masks_[node].here & want)) {
      bool got = false, got_other = false, got_part = false;
      const uint32_t* entries = entries_of(n);
      for (uint32_t k = 0; k < n.entries_count; ++k) {
        const int32_t e = entry_index(entries[k]);
        const KindMask bit = kind_bit(entry_kind(entries[k]));
        if (!got && (kinds & bit)) best.entry = e, best.end = i, got = true;
        if (!got_other && (other & bit)) other_match.entry = e, other_match.end = i, got_other = true;
        if (!got_part && (part & bit)) part_match.entry = e, part_match.end = i, got_part = true;
      }
    }
    if (i >= text.size() || (n.flags & kLeaf)) break;
    if (n.flags & kBoundary) {
      const int r = cp_advance(text, ref, i);
      if (r == 0) break;
      if (r > 0) {
        if (!(masks_[node_of(ref)].below & want)) break;
        continue;
      }
    }
    const int32_t to = next_node(n, static_cast<unsigned char>(text[i]));
    if (to < 0 || !(masks_[static_cast<size_t>(to)].below & want)) break;
    ref = ref_of(to);
    ++i;
  }
  return best;
}

void Words::longest_each(std::string_view text, size_t pos, Each& out) const {
  out.kinds = 0;
  if (pos >= text.size()) return;
  uint32_t ref;
  size_t i;
  if (!first_step(text, pos, ref, i)) return;
  while (true) {
    const unsigned flags = flags_of(ref);
    // A node with no word and one way on by a three-byte code point is not loaded: its
    // ref has all the walk needs.
    if (flags & kEntries) {
      const Flat& n = flat_[node_of(ref)];
      const uint32_t* entries = entries_of(n);
      KindMask seen = 0;
      for (uint32_t k = 0; k < n.entries_count; ++k) {
        const int32_t e = entry_index(entries[k]);
        const Kind kind = entry_kind(entries[k]);
        if (seen & kind_bit(kind)) continue;
        seen |= kind_bit(kind);
        out.entry[static_cast<int>(kind)] = e;
        out.end[static_cast<int>(kind)] = static_cast<uint32_t>(i);
      }
      out.kinds |= seen;
    }
    if (i >= text.size() || (flags & kLeaf)) break;
    if (flags & kBoundary) {
      const int r = cp_advance(text, ref, i);
      if (r == 0) break;
      if (r > 0) continue;
    }
    ref = ref_of(next_node(flat_[node_of(ref)], static_cast<unsigned char>(text[i])));
    if (ref == kNoNode) break;
    ++i;
  }
}

}  // namespace hanfacts::date
