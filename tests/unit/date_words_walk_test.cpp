// One trie walk for several questions (Words::longest3, used by Grammar::may_start) and
// the value format written into a buffer (format_to, used per fact by find()): both must
// give exactly what the separate calls give.
#include <doctest/doctest.h>

#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "date/calendar.h"
#include "date/words.h"
#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "text/fold.h"

using namespace hanfacts;

namespace {

const date::Words& words() {
  static const date::Words w = date::Words::load(lexicon::builtin_sources("date")).value();
  return w;
}

constexpr date::KindMask kOpenersAlone =
    date::kind_bit(date::Kind::kYearRel) | date::kind_bit(date::Kind::kMonthRel) |
    date::kind_bit(date::Kind::kWeekRel) | date::kind_bit(date::Kind::kDayRel) |
    date::kind_bit(date::Kind::kQuarterRel) | date::kind_bit(date::Kind::kWeekday) |
    date::kind_bit(date::Kind::kHalf) | date::kind_bit(date::Kind::kPartYear) |
    date::kind_bit(date::Kind::kPartMonth) | date::kind_bit(date::Kind::kNth) | date::kind_bit(date::Kind::kEra) |
    date::kind_bit(date::Kind::kSeason) | date::kind_bit(date::Kind::kHalfRel);

void check_all_positions(std::string_view t, date::KindMask kinds, date::KindMask other, date::KindMask part) {
  const date::Words& w = words();
  for (size_t pos = 0; pos <= t.size(); ++pos) {
    date::Match stop2, stop3, part3;
    const date::Match a2 = w.longest2(t, pos, kinds, other, stop2);
    const date::Match a3 = w.longest3(t, pos, kinds, other, stop3, part, part3);
    const date::Match p1 = w.longest(t, pos, part);
    CAPTURE(pos);
    CHECK(a3.entry == a2.entry);
    CHECK(a3.end == a2.end);
    CHECK(stop3.entry == stop2.entry);
    CHECK(stop3.end == stop2.end);
    CHECK(part3.entry == p1.entry);
    CHECK(part3.end == p1.end);
  }
}

// Words::longest_each at every position of t against one walk per kind (longest with
// that kind alone): the same word, or none, for each.
void check_each_all_positions(std::string_view t) {
  const date::Words& w = words();
  date::Words::Each each;
  for (size_t pos = 0; pos < t.size(); ++pos) {
    w.longest_each(t, pos, each);
    CAPTURE(pos);
    for (int k = 0; k < static_cast<int>(date::Kind::kCount); ++k) {
      const date::Match m = w.longest(t, pos, date::kind_bit(static_cast<date::Kind>(k)));
      CAPTURE(k);
      const bool has = (each.kinds >> k) & 1;
      CHECK(has == static_cast<bool>(m));
      if (has && m) {
        CHECK(each.entry[k] == m.entry);
        CHECK(each.end[k] == m.end);
      }
    }
  }
}

// GUIDELINES.md's value forms, written independently of calendar.cpp: fields of fixed
// width, X for a field the text left unresolved.
std::string reference_format(const date::Value& v) {
  auto field = [](int value, int width, bool x) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*d", width, value);
    return x ? std::string(static_cast<size_t>(width), 'X') : std::string(buf);
  };
  std::string s = field(v.year < 0 ? 0 : v.year % 10000, 4, v.x_year);
  switch (v.grain) {
    case date::Grain::kYear: break;
    case date::Grain::kQuarter:
      s.append("-Q").append(std::to_string(v.month % 10));
      break;
    case date::Grain::kWeek:
      s.append("-W").append(field(v.month % 100, 2, v.x_month));
      break;
    case date::Grain::kMonth:
      s.append("-").append(field(v.month % 100, 2, v.x_month));
      break;
    default:
      s.append("-").append(field(v.month % 100, 2, v.x_month));
      s.append("-").append(field(v.day % 100, 2, v.x_day));
      if (v.grain == date::Grain::kDay) break;
      s.append("T").append(field(v.hour % 100, 2, false));
      if (v.grain == date::Grain::kHour) break;
      s.append(":").append(field(v.minute % 100, 2, false));
  }
  return s;
}

}  // namespace

TEST_CASE("date words: longest3 answers longest2 and longest(part) in one walk") {
  const date::KindMask stop = date::kind_bit(date::Kind::kStop);
  const std::vector<std::string> texts = {
      "올해 3분기, 지난달 3일, 오늘날 매주 월요일, 이번 주 화요일, 약 3년 전, 지난 9월, 다음 달 초",
      "今年一季度，上个月，本周二，约三年前，上海，第一，上半年，年底之前，每周一例会，去年同期",
      "연말 결제, 월말, 내일부터, 전년 같은 기간, 최근 이틀, 첫째 화요일, 마지막 주, 올 상반기",
  };
  for (const std::string& raw : texts) {
    const std::string t = text::fold(raw);
    check_all_positions(t, date::kOpeners, stop, kOpenersAlone & date::kOpeners);
  }
  // Random mixes of the words' own pieces: spaces inside and between words, cut words.
  std::mt19937 rng(7);
  const std::string pieces[] = {"올", "해", "지난", " ", "달", "今", "年", "上", "个", "月", "约", "第",
                                "이번", "주", "매", "周", "一", "3", "년", "전", "오늘", "날", "초"};
  for (int round = 0; round < 200; ++round) {
    std::string t;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) t += pieces[rng() % std::size(pieces)];
    check_all_positions(text::fold(t), date::kOpeners, stop, kOpenersAlone & date::kOpeners);
  }
}

TEST_CASE("date words: longest_each answers longest for every kind, on every word of the vocabulary") {
  // Every surface of the date lexicons (words that share a surface, words inside longer
  // ones, surfaces with spaces), each alone, run together and with the space left out.
  std::vector<std::string> surfaces;
  for (const lexicon::Source& src : lexicon::builtin_sources("date")) {
    auto table = lexicon::parse_tsv(src.content, src.name, {"surface"});
    REQUIRE(table.ok());
    for (const lexicon::Row& row : table.value().rows())
      for (std::string_view s : lexicon::split_values(table.value().cell(row, "surface")))
        surfaces.push_back(text::fold(s));
  }
  REQUIRE(surfaces.size() > 500);
  std::string run;
  for (size_t i = 0; i < surfaces.size(); ++i) {
    check_each_all_positions(surfaces[i]);
    std::string squeezed;
    for (char c : surfaces[i])
      if (c != ' ') squeezed += c;
    run += surfaces[i] + (i % 3 == 0 ? " " : "") + squeezed;
    if (run.size() > 400) {
      check_each_all_positions(run);
      run.clear();
    }
  }
  check_each_all_positions(run);
}

TEST_CASE("date format: format_to writes what format returns") {
  std::mt19937 rng(11);
  const date::Grain grains[] = {date::Grain::kYear, date::Grain::kQuarter, date::Grain::kMonth, date::Grain::kWeek,
                                date::Grain::kDay,  date::Grain::kHour,    date::Grain::kMinute};
  for (int round = 0; round < 2000; ++round) {
    date::Value v;
    v.grain = grains[rng() % std::size(grains)];
    v.year = static_cast<int>(rng() % 12000) - 10;
    v.month = 1 + static_cast<int>(rng() % 53);
    v.day = 1 + static_cast<int>(rng() % 31);
    v.hour = static_cast<int>(rng() % 24);
    v.minute = static_cast<int>(rng() % 60);
    v.x_year = rng() % 3 == 0;
    v.x_month = rng() % 3 == 0;
    v.x_day = rng() % 3 == 0;
    char buf[date::kFormatMax];
    const size_t n = date::format_to(v, buf);
    REQUIRE(n <= date::kFormatMax);
    CHECK(std::string(buf, n) == reference_format(v));
    CHECK(date::format(v) == reference_format(v));
  }
  date::Value v{date::Grain::kMinute, 2025, 11, 1, 21, 27};
  CHECK(date::format(v) == "2025-11-01T21:27");
  v.grain = date::Grain::kQuarter;
  v.month = 3;
  CHECK(date::format(v) == "2025-Q3");
}
