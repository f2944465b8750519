#include "date/words.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "lexicon/tsv.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

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
    {"span_prefix", 24}, {"first_n", 25},
};

constexpr Name kTags[] = {
    {"", 0},        {"year", 1},   {"fiscal_year", 2}, {"decade", 3}, {"quarter", 4}, {"month", 5},
    {"week", 6},    {"day", 7},    {"hour", 8},        {"minute", 9}, {"half_hour", 10},
    {"early", 11},  {"mid", 12},   {"late", 13},       {"approx", 14}, {"since", 15}, {"until", 16},
    {"am", 17},     {"pm", 18},    {"noon", 19},       {"night", 20}, {"day_of_month", 21},
};

template <size_t N>
int lookup(const Name (&names)[N], std::string_view s) {
  for (const Name& n : names)
    if (n.text == s) return n.value;
  return -1;
}

}  // namespace

int32_t Words::child(int32_t node, unsigned char b) const {
  for (const auto& [byte, to] : nodes_[static_cast<size_t>(node)].next)
    if (byte == b) return to;
  return -1;
}

void Words::add(std::string_view s, int entry) {
  int32_t node = 0;
  bool pending_space = false;
  for (unsigned char b : s) {
    if (b == ' ') {
      pending_space = true;
      continue;
    }
    if (pending_space) nodes_[static_cast<size_t>(node)].space_ok = true;
    pending_space = false;
    int32_t to = child(node, b);
    if (to < 0) {
      to = static_cast<int32_t>(nodes_.size());
      auto& next = nodes_[static_cast<size_t>(node)].next;
      next.insert(std::lower_bound(next.begin(), next.end(), std::make_pair(b, int32_t{0})), {b, to});
      nodes_.emplace_back();
    }
    node = to;
  }
  nodes_[static_cast<size_t>(node)].entries.push_back(entry);
}

Result<Words> Words::load(std::span<const lexicon::Source> sources) {
  Words w;
  w.nodes_.emplace_back();
  for (const lexicon::Source& src : sources) {
    auto parsed = lexicon::parse_tsv(src.content, src.name, {"lang", "surface", "kind", "offset", "unit"});
    if (!parsed.ok()) return parsed.status();
    const lexicon::Table& t = parsed.value();
    for (const lexicon::Row& row : t.rows()) {
      Entry e{};
      const std::string_view lang = t.cell(row, "lang");
      if (lang == "ko") e.lang = Lang::kKo;
      else if (lang == "zh") e.lang = Lang::kZh;
      else if (lang == "any") e.lang = Lang::kAny;
      else return t.error(row, "lang", "unknown value '" + std::string(lang) + "'");
      const int kind = lookup(kKinds, t.cell(row, "kind"));
      if (kind < 0) return t.error(row, "kind", "unknown value '" + std::string(t.cell(row, "kind")) + "'");
      e.kind = static_cast<Kind>(kind);
      const int tag = lookup(kTags, t.cell(row, "unit"));
      if (tag < 0) return t.error(row, "unit", "unknown value '" + std::string(t.cell(row, "unit")) + "'");
      e.tag = static_cast<Tag>(tag);
      const std::string_view off = t.cell(row, "offset");
      e.offset = 0;
      if (!off.empty()) {
        std::string_view digits = off;
        if (digits.front() == '+') digits.remove_prefix(1);
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), e.offset);
        if (ec != std::errc() || p != digits.data() + digits.size())
          return t.error(row, "offset", "not an integer: '" + std::string(off) + "'");
      }
      const std::string surface = text::fold(t.cell(row, "surface"));
      if (surface.empty()) return t.error(row, "surface", "empty");
      const int index = static_cast<int>(w.entries_.size());
      w.entries_.push_back(e);
      w.add(surface, index);
      size_t i = 0;
      const char32_t first = text::next_code_point(surface, i);
      constexpr KindMask kOpeners = kind_bit(Kind::kYearRel) | kind_bit(Kind::kMonthRel) |
                                    kind_bit(Kind::kWeekRel) | kind_bit(Kind::kDayRel) |
                                    kind_bit(Kind::kQuarterRel) | kind_bit(Kind::kWeekday) |
                                    kind_bit(Kind::kHalf) | kind_bit(Kind::kPartYear) |
                                    kind_bit(Kind::kPartMonth) | kind_bit(Kind::kQualBefore) |
                                    kind_bit(Kind::kPrefix) | kind_bit(Kind::kOrdinal) |
                                    kind_bit(Kind::kSpanPrefix) | kind_bit(Kind::kStop) |
                                    kind_bit(Kind::kFirstN);
      if (first < 0x10000 && (kOpeners & kind_bit(e.kind))) w.starts_[first >> 6] |= uint64_t{1} << (first & 63);
    }
  }
  return w;
}

Match Words::longest(std::string_view text, size_t pos, KindMask kinds) const {
  Match best;
  int32_t node = 0;
  size_t i = pos;
  while (true) {
    const Node& n = nodes_[static_cast<size_t>(node)];
    for (int32_t e : n.entries)
      if (kinds & kind_bit(entries_[static_cast<size_t>(e)].kind)) {
        best.entry = e;
        best.end = i;
        break;
      }
    if (i >= text.size() || n.next.empty()) break;
    size_t j = i;
    // An optional space: only where the surface had one, and only between words.
    if (n.space_ok && node != 0 && text[j] == ' ') ++j;
    int32_t to = child(node, static_cast<unsigned char>(text[j]));
    if (to < 0 && j != i) to = child(node, static_cast<unsigned char>(text[i])), j = i;
    if (to < 0) break;
    node = to;
    i = j + 1;
  }
  return best;
}

}  // namespace hanfacts::date
