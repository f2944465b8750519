#include "date/written.h"

#include <string>
#include <vector>

#include "date/words.h"
#include "lexicon/sources.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

// The built-in words, taken from the build's model of date_words.tsv (Words::load, once
// a process: about what reading the file's rows here cost), so that one reader of the
// file decides which of its words play which part. An unreadable model leaves them
// empty (no date is then stepped over); the lexicon lint test reports a malformed file.
const WrittenDateWords& builtin_words() {
  static const WrittenDateWords kWords = [] {
    const auto words = Words::load(lexicon::builtin_sources("date"));
    return words.ok() ? words.value().written() : WrittenDateWords{};
  }();
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

size_t written_date_end(const WrittenDateWords& w, std::string_view text, size_t pos) {
  const size_t end = one_date_end(text, pos, w);
  if (end == pos) return pos;
  // Two dates joined by a range word (2027年至2029年, 11月1日至12月31日) are one.
  if (const size_t k = longest_at(text, end, w.ranges); k > end)
    if (const size_t second = one_date_end(text, k, w); second > k) return second;
  return end;
}

size_t written_date_end(std::string_view text, size_t pos) { return written_date_end(builtin_words(), text, pos); }

}  // namespace hanfacts::date
