#include "date/written.h"

#include <string>
#include <vector>

#include "lexicon/sources.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace detail {
namespace {

std::string_view trim_cell(std::string_view s) {  // as lexicon::parse_tsv trims a cell
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// date_words.tsv has five columns; a file of more than 16 gives no words (parse_tsv()
// would keep them all: a difference only for a file this module never reads).
constexpr size_t kMaxColumns = 16;

// The line's cells, trimmed, into `cells`; their count, or kMaxColumns + 1 when more.
size_t split_cells(std::string_view line, std::string_view (&cells)[kMaxColumns]) {
  size_t count = 0;
  for (size_t pos = 0;;) {
    const size_t tab = line.find('\t', pos);
    if (count == kMaxColumns) return kMaxColumns + 1;
    cells[count++] = trim_cell(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
    if (tab == std::string_view::npos) return count;
    pos = tab + 1;
  }
}

}  // namespace

// The rows are read in place, as lexicon::parse_tsv() would read them but with no
// std::string per cell nor vector per row: parse_tsv() of the whole file (about 1,100
// rows, half of them Korean) cost 1.57 M instructions at the first ORG date of a run,
// for the forty-odd words kept here. The same file gives the same words, and a file
// parse_tsv() would refuse (a BOM, invalid UTF-8, a missing column, a row with the wrong
// number of cells) gives none.
WrittenDateWords read_written_date_words(std::string_view content) {
  WrittenDateWords w;
  if (content.substr(0, 3) == "\xEF\xBB\xBF" || text::find_invalid_utf8(content) != std::string_view::npos) return w;
  std::string_view cells[kMaxColumns];
  size_t columns = 0;  // 0 until the header row
  size_t lang_at = 0, surface_at = 0, kind_at = 0, unit_at = 0;
  for (size_t pos = 0; pos < content.size();) {
    const size_t nl = content.find('\n', pos);
    const std::string_view line = content.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    if (trim_cell(line).empty() || trim_cell(line).front() == '#') continue;
    const size_t count = split_cells(line, cells);
    if (count > kMaxColumns) return WrittenDateWords{};
    if (columns == 0) {
      // The first of equal names, as lexicon::Table::column() finds it.
      auto column = [&](std::string_view name) {
        for (size_t i = 0; i < count; ++i)
          if (cells[i] == name) return i;
        return count;
      };
      lang_at = column("lang"), surface_at = column("surface"), kind_at = column("kind"), unit_at = column("unit");
      if (lang_at == count || surface_at == count || kind_at == count || unit_at == count) return w;
      columns = count;
      continue;
    }
    if (count != columns) return WrittenDateWords{};
    const std::string_view lang = cells[lang_at], kind = cells[kind_at], unit = cells[unit_at];
    if (lang != "zh" && lang != "any") continue;
    std::vector<std::string>* into = nullptr;
    if (kind == "marker" && (unit == "year" || unit == "month")) into = &w.part_markers;
    else if (kind == "marker" && (unit == "day" || unit == "day_of_month")) into = &w.day_markers;
    else if (kind == "range") into = &w.ranges;
    else if (kind == "first_n") into = &w.first_months;
    else if (kind == "day_rel" && unit.empty()) into = &w.day_words;
    else if (kind == "part") into = &w.parts;
    else if (kind == "qualifier_after") into = &w.after;
    if (!into) continue;
    std::string folded = text::fold(cells[surface_at]);
    if (!folded.empty()) into->push_back(std::move(folded));
  }
  return w;
}

}  // namespace detail

namespace {

using detail::WrittenDateWords;

WrittenDateWords load_words() {
  for (const lexicon::Source& src : lexicon::builtin_sources("date"))
    if (src.name.ends_with("/date_words.tsv")) return detail::read_written_date_words(src.content);
  return {};
}

const WrittenDateWords& words() {
  static const WrittenDateWords kWords = load_words();
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
