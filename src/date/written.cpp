#include "date/written.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

// The few date words the shape needs, folded. A malformed date_words.tsv leaves them
// empty (no date is then stepped over); the lexicon lint test reports the file.
struct WrittenDateWords {
  std::vector<std::string> part_markers;  // 年, 月: another part may follow
  std::vector<std::string> day_markers;   // 日, 号: the date ends
  std::vector<std::string> ranges;        // —, ~, 至
  std::vector<std::string> first_months;  // 前, 首
  std::vector<std::string> day_words;     // 今日, 昨日: 今(24)日
  std::vector<std::string> parts;         // 初, 中旬, 底: after a month or a year
  std::vector<std::string> after;         // 前, 左右: after the whole

  WrittenDateWords() {
    for (const lexicon::Source& src : lexicon::builtin_sources("date")) {
      if (!src.name.ends_with("/date_words.tsv")) continue;
      // The rows read one at a time (for_each_tsv_row): a Table would copy every cell of
      // the file's rows, of which a few dozen are kept.
      size_t lang_at = 0, kind_at = 0, unit_at = 0, surface_at = 0;
      const Status status = lexicon::for_each_tsv_row(
          src.content, src.name, {"lang", "surface", "kind", "unit"},
          [&](std::span<const std::string_view> columns) {
            const auto at = [&](std::string_view name) {
              return static_cast<size_t>(std::find(columns.begin(), columns.end(), name) - columns.begin());
            };
            lang_at = at("lang"), kind_at = at("kind"), unit_at = at("unit"), surface_at = at("surface");
          },
          [&](int, std::span<const std::string_view> cells) {
            const std::string_view lang = cells[lang_at], kind = cells[kind_at], unit = cells[unit_at];
            if (lang != "zh" && lang != "any") return;
            std::vector<std::string>* into = nullptr;
            if (kind == "marker" && (unit == "year" || unit == "month")) into = &part_markers;
            else if (kind == "marker" && (unit == "day" || unit == "day_of_month")) into = &day_markers;
            else if (kind == "range") into = &ranges;
            else if (kind == "first_n") into = &first_months;
            else if (kind == "day_rel" && unit.empty()) into = &day_words;
            else if (kind == "part") into = &parts;
            else if (kind == "qualifier_after") into = &after;
            if (!into) return;
            std::string folded = text::fold(cells[surface_at]);
            if (!folded.empty()) into->push_back(std::move(folded));
          });
      if (!status.ok())  // (rows before the fault were read)
        for (auto* list : {&part_markers, &day_markers, &ranges, &first_months, &day_words, &parts, &after}) list->clear();
    }
  }
};

const WrittenDateWords& words() {
  static const WrittenDateWords kWords;
  return kWords;
}

// The end of the longest of `list` at text[pos], or pos. Each word's first byte is
// tested before the compare: most positions asked hold none of the words, and the
// compare was a memcmp call a word.
size_t longest_at(std::string_view text, size_t pos, const std::vector<std::string>& list) {
  size_t end = pos;
  if (pos >= text.size()) return end;  // (no word is empty: none fits there)
  for (const std::string& w : list)
    if (pos + w.size() > end && text[pos] == w[0] && text.substr(pos).starts_with(w)) end = pos + w.size();
  return end;
}

constexpr size_t kMaxDigits = 4;  // a year's
constexpr int kMaxParts = 3;      // year, month, day

size_t digits_end(std::string_view text, size_t pos, size_t max) {
  size_t j = pos;
  while (j < text.size() && j - pos < max && text::is_ascii_digit(static_cast<unsigned char>(text[j]))) ++j;
  return j;
}

// 今(24)日: the day word's first code point, the bracketed day, the word's rest.
size_t bracketed_day_end(std::string_view text, size_t pos, const WrittenDateWords& w) {
  if (pos >= text.size()) return pos;
  size_t open = pos;
  text::next_code_point(text, open);
  if (open >= text.size() || text[open] != '(') return pos;
  const size_t close = digits_end(text, open + 1, 2);
  if (close == open + 1 || close >= text.size() || text[close] != ')') return pos;
  const std::string_view first = text.substr(pos, open - pos), rest = text.substr(close + 1);
  for (const std::string& d : w.day_words) {
    const std::string_view word(d);
    if (word.size() > first.size() && word.starts_with(first) && rest.starts_with(word.substr(first.size())))
      return close + 1 + (word.size() - first.size());
  }
  return pos;
}

// written_date_end() without the range of two dates.
size_t one_date_end(std::string_view text, size_t pos, const WrittenDateWords& w) {
  if (const size_t e = bracketed_day_end(text, pos, w); e > pos) return e;
  size_t end = longest_at(text, pos, w.first_months);
  const size_t first = end;
  bool day = false;
  for (int part = 0; part < kMaxParts; ++part) {
    size_t j = digits_end(text, end, kMaxDigits);
    if (j == end) break;
    // 1—10月: the part's digits may be a range.
    if (const size_t k = longest_at(text, j, w.ranges); k > j) {
      const size_t to = digits_end(text, k, kMaxDigits);
      if (to > k) j = to;
    }
    if (const size_t d = longest_at(text, j, w.day_markers); d > j) {
      end = d, day = true;
      break;
    }
    const size_t marker = longest_at(text, j, w.part_markers);
    if (marker == j) break;
    end = marker;
  }
  if (end == first) return pos;
  // A part of the month or year (11月底, 2027年初), then a qualifier (12月20日前, 月底前).
  if (!day) end = longest_at(text, end, w.parts);
  return longest_at(text, end, w.after);
}

}  // namespace

size_t written_date_end(std::string_view text, size_t pos) {
  const WrittenDateWords& w = words();
  const size_t end = one_date_end(text, pos, w);
  if (end == pos) return pos;
  // Two dates joined by a range word (2027年至2029年, 11月1日至12月31日) are one.
  if (const size_t k = longest_at(text, end, w.ranges); k > end)
    if (const size_t second = one_date_end(text, k, w); second > k) return second;
  return end;
}

}  // namespace hanfacts::date
