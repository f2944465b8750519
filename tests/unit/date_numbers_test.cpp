// The date grammar's numeral words (src/date/numbers.h) come from
// lexicons/numeral/numerals.tsv: the generated rows are the file's, each set is the rows'
// it says, and the parsers read exactly those words.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "date/grammar.h"
#include "date/numbers.h"
#include "hanfacts/extractor.h"
#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "numeral/numeral.h"
#include "numeral/numeral_rows.h"
#include "text/utf8.h"

using namespace hanfacts;

namespace {

std::string utf8_of(std::u32string_view w) {
  std::string out;
  for (const char32_t c : w) text::append_utf8(out, c);
  return out;
}

// The BMP code points a test accepts, in code point order, as UTF-8.
template <class Test>
std::string members(Test test) {
  std::string out;
  for (char32_t c = 1; c < 0x10000; ++c)
    if (test(c)) text::append_utf8(out, c);
  return out;
}

// The code points of numerals.tsv's rows (as generated) that `keep` accepts, in code point order.
template <class Keep>
std::string row_members(Keep keep) {
  return members([&](char32_t c) {
    for (const numeral::NumeralRow& r : numeral::kNumeralRows)
      if (r.word.size() == 1 && r.word[0] == c && keep(r)) return true;
    return false;
  });
}

const char* kind_name(numeral::RowKind k) {
  static const char* const kNames[] = {"digit", "unit",   "scale",       "tens",        "point",   "vague",
                                       "approx", "native_tens", "native_unit", "joiner", "negative"};
  return kNames[static_cast<int>(k)];
}

// A row as the file writes it, one word: "zh digit 2 两 counting|date".
std::string row_text(const numeral::NumeralRow& r) {
  static const char* const kFlags[] = {"ambiguous", "attributive", "word_with_particle", "counting", "date"};
  std::string flags;
  for (int b = 0; b < 5; ++b)
    if (r.flags & (1u << b)) flags += std::string(flags.empty() ? "" : "|") + kFlags[b];
  return std::string(r.chinese ? "zh" : "ko") + " " + kind_name(r.kind) + " " + std::to_string(r.value) + " " +
         utf8_of(r.word) + " " + flags;
}

}  // namespace

TEST_CASE("date numbers: the generated numeral rows are numerals.tsv's, word by word") {
  const auto file = lexicon::read_file(HANFACTS_SOURCE_DIR "/lexicons/numeral/numerals.tsv");
  REQUIRE(file.ok());
  const auto table = lexicon::parse_tsv(file.value(), "numerals.tsv", {"lang", "kind", "value", "words", "flags"});
  REQUIRE(table.ok());
  const lexicon::Table& t = table.value();
  std::vector<std::string> want, got;
  for (const lexicon::Row& row : t.rows())
    for (const std::string_view w : lexicon::split_values(t.cell(row, "words")))
      want.push_back(std::string(t.cell(row, "lang")) + " " + std::string(t.cell(row, "kind")) + " " +
                     std::string(t.cell(row, "value")) + " " + std::string(w) + " " + std::string(t.cell(row, "flags")));
  for (const numeral::NumeralRow& r : numeral::kNumeralRows) got.push_back(row_text(r));
  CHECK(got == want);
  // And numeral::'s own reading of the file agrees on the rows the date sets use.
  for (int v = 0; v <= 9; ++v) {
    INFO(v);
    const std::vector<char32_t> zh = numeral::chinese_digits(v), ko = numeral::sino_korean_digits(v);
    CHECK(utf8_of(std::u32string(zh.begin(), zh.end())) ==
          row_members([v](const numeral::NumeralRow& r) { return r.chinese && r.kind == numeral::RowKind::kDigit && r.value == v; }));
    CHECK(utf8_of(std::u32string(ko.begin(), ko.end())) ==
          row_members([v](const numeral::NumeralRow& r) { return !r.chinese && r.kind == numeral::RowKind::kDigit && r.value == v; }));
  }
  std::vector<std::string> native_read, native_rows;
  for (const numeral::NativeKoreanWord& w : numeral::native_korean_words())
    native_read.push_back(utf8_of(w.word) + " " + std::to_string(w.value) + (w.attributive ? " attributive" : ""));
  for (const bool tens : {true, false})
    for (const numeral::NumeralRow& r : numeral::kNumeralRows)
      if (r.kind == (tens ? numeral::RowKind::kNativeTens : numeral::RowKind::kNativeUnit))
        native_rows.push_back(utf8_of(r.word) + " " + std::to_string(r.value) +
                              (r.has(numeral::kRowAttributive) ? " attributive" : ""));
  CHECK(native_read == native_rows);
}

TEST_CASE("date numbers: each set is the numerals.tsv rows flagged date that it names") {
  using numeral::NumeralRow;
  using numeral::RowKind;
  const auto zh_date = [](const NumeralRow& r) { return r.chinese && r.has(numeral::kRowDate); };
  const auto ko_date = [](const NumeralRow& r) { return !r.chinese && r.has(numeral::kRowDate); };
  CHECK(members(date::is_han_number_start) == row_members(zh_date));
  CHECK(members(date::is_han_digit) ==
        row_members([&](const NumeralRow& r) { return zh_date(r) && (r.kind != RowKind::kUnit || r.value == 1); }));
  CHECK(members(date::is_sino_korean_start) == row_members(ko_date));
  CHECK(members(date::han_number_goes_on) == row_members([&](const NumeralRow& r) {
          return zh_date(r) || (r.chinese && (r.kind == RowKind::kScale || r.kind == RowKind::kPoint));
        }));
  for (char32_t c = 1; c < 0x10000; ++c) {
    int digit = -1, sequence = -1;
    for (const NumeralRow& r : numeral::kNumeralRows)
      if (zh_date(r) && r.kind == RowKind::kDigit && r.word[0] == c) {
        digit = r.value;
        if (!r.has(numeral::kRowCounting)) sequence = r.value;
      }
    if (date::han_date_digit(c) != digit || date::han_sequence_digit(c) != sequence) {
      INFO(static_cast<uint32_t>(c));
      CHECK(date::han_date_digit(c) == digit);
      CHECK(date::han_sequence_digit(c) == sequence);
    }
  }
  // What the rows say today (the financial forms 壹 贰 佰, 俩, 参, 卅 卌, 빵 and 륙 are
  // numerals but open no date's number).
  CHECK(members(date::is_han_digit) == "〇一七三两九二五八六十四廿零");
  CHECK(members(date::is_han_number_start) == "〇一七三两九二五八六十千四廿百零");
  CHECK(members(date::han_number_goes_on) == "〇一七万三两九二五亿兆八六十千四廿点百零");
  CHECK(members(date::is_sino_korean_start) == "공구백사삼십영오육이일천칠팔");
  CHECK(members(date::is_native_korean_start) == "네다두세스아여열일한");
  CHECK(members([](char32_t c) { return date::han_sequence_digit(c) >= 0; }) == "〇一七三九二五八六四零");
  CHECK(members(date::is_han_counting_digit) ==
        row_members([&](const NumeralRow& r) { return zh_date(r) && r.has(numeral::kRowCounting); }));
  CHECK(members(date::is_han_counting_digit) == "两");
  CHECK(date::han_date_digit(U'两') == 2);
  CHECK(date::han_sequence_digit(U'两') == -1);
  // The gate's start bits are the three starts' sets.
  CHECK(members([](char32_t c) { return (date::kNumberStartBits[c >> 6] >> (c & 63)) & 1; }) ==
        members([](char32_t c) {
          return date::is_han_number_start(c) || date::is_sino_korean_start(c) || date::is_native_korean_start(c);
        }));
}

TEST_CASE("date numbers: the native counts are numerals.tsv's words before a counter, up to 12, 20 and 24") {
  std::vector<std::string> counts;
  for (int k = 0; k < date::numbers_detail::kNativeCounts.size; ++k) {
    const date::numbers_detail::NativeCount& n = date::numbers_detail::kNativeCounts.at[k];
    counts.push_back(utf8_of(std::u32string_view(n.syllables, static_cast<size_t>(n.size))) + "=" +
                     std::to_string(n.value));
  }
  CHECK(counts == std::vector<std::string>{"열한=11", "열두=12", "열=10", "스물네=24", "스무=20", "한=1", "두=2",
                                           "세=3", "네=4", "다섯=5", "여섯=6", "여덟=8", "일곱=7", "아홉=9"});
  // Each reads as a whole, the longest first; neighbours that are no date's count do not.
  for (const std::string& c : counts) {
    const std::string word = c.substr(0, c.find('='));
    date::Num n;
    INFO(word);
    CHECK(date::parse_native_korean(word + " 달", 0, n));
    CHECK(n.end == word.size());
    CHECK(std::to_string(n.value) == c.substr(c.find('=') + 1));
    CHECK(n.form == date::NumForm::kNativeKorean);
  }
  date::Num n;
  CHECK((date::parse_native_korean("열세 달", 0, n) && n.value == 10 && n.end == 3));  // 13: 열 alone
  CHECK((date::parse_native_korean("스물한 살", 0, n) == false));                      // 21: none
  CHECK((date::parse_native_korean("스물", 0, n) == false));                           // 스무 before a counter
  CHECK((date::parse_native_korean("하나", 0, n) == false));                           // 한 before a counter
  CHECK((date::parse_native_korean("서른 살", 0, n) == false));
  CHECK((date::parse_native_korean("여", 0, n) == false));
  CHECK((date::parse_native_korean("스물네", 0, n) && n.value == 24 && n.end == 9));
  // The gate's native starts (date_number_starts) are these counts' first syllables.
  const date::DateNumberStarts starts = date::date_number_starts(date::Words::load(lexicon::builtin_sources("date")).value());
  std::u32string firsts(starts.one_syllable.begin(), starts.one_syllable.end());
  for (const auto& p : starts.pairs) firsts.push_back(p.first);
  CHECK(members([&](char32_t c) { return firsts.find(c) != std::u32string::npos; }) ==
        members(date::is_native_korean_start));
}

TEST_CASE("date numbers: a Chinese digit is a number alone unless the numeral goes on") {
  date::Num n;
  CHECK((date::parse_han("三月", 0, n) && n.value == 3 && n.end == 3));
  CHECK((date::parse_han("两年前", 0, n) && n.value == 2 && n.end == 3));
  CHECK((date::parse_han("〇年", 0, n) && n.value == 0));
  CHECK((date::parse_han("二〇二五年", 0, n) && n.value == 2025 && n.form == date::NumForm::kHanSequence));
  CHECK((date::parse_han("三十日", 0, n) && n.value == 30 && n.end == 6));
  CHECK((date::parse_han("廿三日", 0, n) && n.value == 23));
  CHECK(!date::parse_han("三万", 0, n));   // a scale: no date's number
  CHECK(!date::parse_han("三兆", 0, n));   // 兆 too (numerals.tsv's third Chinese scale)
  CHECK(!date::parse_han("壹月", 0, n));   // a financial form opens none
  CHECK(!date::parse_han("俩月", 0, n));
  CHECK((date::parse_han("三点", 0, n) && n.value == 3 && n.end == 3));
  CHECK((date::parse_sino_korean("이천십오년", 0, n) && n.value == 2015));
  CHECK(!date::parse_sino_korean("빵", 0, n));
  CHECK(!date::parse_sino_korean("륙", 0, n));
}

TEST_CASE("date numbers: a counting digit (两) names no month or quarter") {
  static const Extractor ex = Extractor::Create(Options{}).value();
  const auto dates = [](const std::string& text) {
    std::string out;
    for (const Fact& f : ex.Extract(text, DocContext{}).facts)
      if (f.type == FactType::kDate) out += f.text + "=" + f.value + " ";
    return out;
  };
  CHECK(dates("公司二季度业绩增长。") == "二季度=XXXX-Q2 ");
  CHECK(dates("公司两季度业绩增长。") == "");
  CHECK(dates("二月销售增长。") == "二月=XXXX-02 ");
  CHECK(dates("两月销售增长。") == "");
}
