// Where a Chinese date written with digits ends, for a recognizer that steps over one
// without reading it: a place acts when its act word comes after a date
// (哈尔滨市|26日|发布, 武汉市于|2026年11月27日|发布, 乌兰察布|前10月|签约). The DATE
// recognizer reads such dates itself; this is only their shape.
//
//   const size_t e = date::written_date_end(folded, pos);   // == pos: no date there
//
// The words are rows of lexicons/date/date_words.tsv (Chinese and language-neutral):
// markers of a year, month or day (年, 月, 日, 号), range connectors (—, ~, 至), words
// for a year's first months (前), and day words that take Taiwan's bracketed day of the
// month (今（24）日). Words::build sorts them out with the rest of that file's rows
// (Words::written()), so the file has one reader.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hanfacts::date {

// The date words the shape needs, folded, a list for each part they play.
struct WrittenDateWords {
  std::vector<std::string> part_markers;  // 年, 月: another part may follow
  std::vector<std::string> day_markers;   // 日, 号: the date ends
  std::vector<std::string> ranges;        // —, ~, 至
  std::vector<std::string> first_months;  // 前, 首
  std::vector<std::string> day_words;     // 今日, 昨日: 今(24)日
  std::vector<std::string> parts;         // 初, 中旬, 底: after a month or a year
  std::vector<std::string> after;         // 前, 左右: after the whole

  template <class Io>
  void serial(Io& io) {
    io(part_markers), io(day_markers), io(ranges), io(first_months), io(day_words), io(parts), io(after);
  }
  bool operator==(const WrittenDateWords&) const = default;
};

// The end of a date written with digits at `pos` in folded text, or `pos` when none
// starts there: up to three parts of at most four digits and a marker (26日, 11月27日,
// 2026年11月27日, 3号), a part's digits may be a range (1—10月), the whole may open with
// a first-months word (前10月), or a day word with the day of the month in brackets
// (今(24)日); a part of the month or year may follow (11月底, 2027年初), and then, or after
// a day, a qualifier (12月20日前, 月底前); a range word and a second such date may follow
// (2027年至2029年). No calendar check and no reference date: a shape, not a value.
size_t written_date_end(const WrittenDateWords& words, std::string_view folded, size_t pos);
// The same with the built-in date words (the build's model, loaded on first use).
size_t written_date_end(std::string_view folded, size_t pos);

}  // namespace hanfacts::date
