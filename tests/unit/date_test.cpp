// Date module: calendar arithmetic, values without a reference date, and reference date
// detection from datelines, bylines and first lines.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "date/calendar.h"
#include "date/lunar.h"
#include "date/words.h"
#include "date/written.h"
#include "hanfacts/extractor.h"

using namespace hanfacts;

namespace {

const Extractor& extractor() {
  static const Extractor ex = Extractor::Create(Options{}).value();
  return ex;
}

// The DATE facts of `text` as "surface=value[flags]" joined by spaces.
std::string dates(const std::string& text, const std::string& ref = "") {
  DocContext ctx;
  ctx.ref_date = ref;
  std::string out;
  for (const Fact& f : extractor().Extract(text, ctx).facts) {
    if (f.type != FactType::kDate) continue;
    if (!out.empty()) out += ' ';
    out += f.text + "=" + f.value + (f.flags.empty() ? "" : "[" + f.flags + "]");
  }
  return out;
}

}  // namespace

TEST_CASE("calendar: ISO weeks, weekdays, shifts") {
  CHECK(date::format(date::week_of(2025, 11, 1)) == "2025-W44");
  CHECK(date::format(date::week_of(2021, 1, 3)) == "2020-W53");  // a Sunday still in 2020's last week
  CHECK(date::weekday(2025, 11, 1) == 6);                         // Saturday
  date::Value m{date::Grain::kMonth, 2025, 1};
  CHECK(date::format(date::shift(m, date::Grain::kMonth, -1)) == "2024-12");
  date::Value q{date::Grain::kQuarter, 2025, 1};
  CHECK(date::format(date::shift(q, date::Grain::kQuarter, -1)) == "2024-Q4");
  date::Value d{date::Grain::kDay, 2024, 3, 31};
  CHECK(date::format(date::shift(d, date::Grain::kMonth, -1)) == "2024-02-29");  // clamped to the month
}

TEST_CASE("calendar: a shift by days within the month equals the conversions there and back") {
  // shift() adds the days to the day where the month holds the result; the day numbers
  // decide everywhere else. Every valid day of years around two leap rules, moved by up to
  // 40 days either way, and the weekly and weekday arithmetic built on them.
  int differ = 0;
  for (const int y : {-5, 1899, 1900, 1999, 2000, 2023, 2024, 2025, 2100, 3000})
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= date::days_in_month(y, m); ++d) {
        const long z = date::days_from_civil(y, m, d);
        const date::Value w = date::week_of(y, m, d), wz = date::week_of_day(z);
        if (date::weekday_of_day(z) != date::weekday(y, m, d) || w.year != wz.year || w.month != wz.month) ++differ;
        for (long n = -40; n <= 40; ++n) {
          const date::Value v = date::shift(date::Value{date::Grain::kDay, y, m, d}, date::Grain::kDay, n);
          int ey, em, ed;
          date::civil_from_days(z + n, ey, em, ed);
          if (v.year != ey || v.month != em || v.day != ed) ++differ;
        }
      }
  CHECK(differ == 0);
}

namespace {

// The Gregorian day of a lunisolar one as YYYY-MM-DD, or "none".
std::string civil(date::LunarCalendar cal, date::LunarMonth lm, int day) {
  int y = 0, m = 0, d = 0;
  if (!date::lunar_to_civil(cal, lm, day, y, m, d)) return "none";
  return date::format(date::Value{date::Grain::kDay, y, m, d});
}

}  // namespace

TEST_CASE("lunar calendar: the Chinese and the Korean one, through ICU") {
  using date::LunarCalendar;
  CHECK(civil(LunarCalendar::kChinese, {2025, 1}, 1) == "2025-01-29");
  CHECK(civil(LunarCalendar::kChinese, {2025, 8}, 15) == "2025-10-06");
  // New moons close to midnight: ICU's own calendar says 2027-02-07 and 2030-02-02 for
  // the Chinese new year; Seoul's meridian (UTC+9) does put 2027's Korean one a day later.
  CHECK(civil(LunarCalendar::kChinese, {2027, 1}, 1) == "2027-02-06");
  CHECK(civil(LunarCalendar::kChinese, {2030, 1}, 1) == "2030-02-03");
  CHECK(civil(LunarCalendar::kKorean, {2026, 1}, 1) == "2026-02-17");
  CHECK(civil(LunarCalendar::kKorean, {2027, 1}, 1) == "2027-02-07");
  // The same answer again (from the thread's memo).
  CHECK(civil(LunarCalendar::kChinese, {2025, 8}, 15) == "2025-10-06");
  // Leap months: 2025 has a sixth one, 2023 a second one; 2025 has no fifth.
  CHECK(civil(LunarCalendar::kChinese, {2025, 6, true}, 1) == "2025-07-25");
  CHECK(civil(LunarCalendar::kChinese, {2023, 2, true}, 1) == "2023-03-22");
  CHECK(civil(LunarCalendar::kChinese, {2025, 5, true}, 1) == "none");
  // The seventh month of 2025 runs 2025-08-23 .. 2025-09-21.
  CHECK(date::lunar_month_days(LunarCalendar::kKorean, {2025, 7}) == 30);
  // No day past the month's end, whatever its length (29 or 30), and refusals out of range.
  const int days = date::lunar_month_days(LunarCalendar::kChinese, {2025, 6});
  CHECK((days == 29 || days == 30));
  CHECK(civil(LunarCalendar::kChinese, {2025, 6}, days) != "none");
  CHECK(civil(LunarCalendar::kChinese, {2025, 6}, days + 1) == "none");
  CHECK(civil(LunarCalendar::kChinese, {0, 1}, 1) == "none");
  CHECK(civil(LunarCalendar::kChinese, {2025, 13}, 1) == "none");
}

namespace {

// The Gregorian day of a solar term as YYYY-MM-DD, or "none".
std::string term_day(date::LunarCalendar cal, int year, int month, int term) {
  int y = 0, m = 0, d = 0;
  if (!date::solar_term_to_civil(cal, year, month, term, y, m, d)) return "none";
  return date::format(date::Value{date::Grain::kDay, y, m, d});
}

}  // namespace

TEST_CASE("solar terms: the day the sun reaches the term, by each calendar's meridian") {
  using date::LunarCalendar;
  // Expected days checked against an independent ephemeris (the lunar-javascript
  // package's table of terms, Beijing time); the near-midnight ones are where a
  // low-precision solar longitude (a quarter of an hour off) gave the wrong day.
  struct Row {
    LunarCalendar cal;
    int year, month, term;
    const char* day;
  };
  const Row rows[] = {
      {LunarCalendar::kChinese, 2025, 4, 1, "2025-04-04"},   // 清明
      {LunarCalendar::kChinese, 2026, 4, 1, "2026-04-05"},
      {LunarCalendar::kChinese, 2025, 2, 1, "2025-02-03"},   // 立春
      {LunarCalendar::kChinese, 2025, 12, 2, "2025-12-21"},  // 冬至 at 23:03 in Beijing
      {LunarCalendar::kKorean, 2025, 12, 2, "2025-12-22"},   // ... and 00:03 in Seoul
      {LunarCalendar::kChinese, 2016, 7, 1, "2016-07-07"},   // 小暑 at 00:03
      {LunarCalendar::kChinese, 2051, 3, 2, "2051-03-20"},   // 春分 at 23:59
      {LunarCalendar::kKorean, 2051, 3, 2, "2051-03-21"},
      {LunarCalendar::kChinese, 1950, 4, 2, "1950-04-20"},   // 谷雨 at 23:59
      {LunarCalendar::kChinese, 0, 4, 1, "none"},
      {LunarCalendar::kChinese, 2025, 4, 3, "none"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.year);
    CAPTURE(r.month);
    CHECK(term_day(r.cal, r.year, r.month, r.term) == r.day);
  }
}

TEST_CASE("Easter and the Hebrew and Islamic calendars") {
  // Days checked against published calendars: Western and Orthodox Easter, Passover's
  // first day (15 Nisan), Purim in a leap year (14 Adar II), Ramadan and Eid al-Fitr by
  // Umm al-Qura.
  auto day = [](long days) {
    int y, m, d;
    date::civil_from_days(days, y, m, d);
    return date::format(date::Value{date::Grain::kDay, y, m, d});
  };
  CHECK(day(date::easter_sunday(2025, false)) == "2025-04-20");
  CHECK(day(date::easter_sunday(2025, true)) == "2025-04-20");
  CHECK(day(date::easter_sunday(2026, false)) == "2026-04-05");
  CHECK(day(date::easter_sunday(2026, true)) == "2026-04-12");
  CHECK(day(date::easter_sunday(2024, true)) == "2024-05-05");
  struct Row {
    date::WorldCalendar cal;
    int year, month, day;
    const char* first;
    int month_days;
  };
  const Row rows[] = {
      {date::WorldCalendar::kHebrew, 2018, 8, 15, "2018-03-31", 30},
      {date::WorldCalendar::kHebrew, 2024, 7, 14, "2024-03-24", 29},
      {date::WorldCalendar::kIslamic, 2026, 9, 1, "2026-02-18", 30},
      {date::WorldCalendar::kIslamic, 2026, 10, 1, "2026-03-20", 29},
      {date::WorldCalendar::kIslamic, 2013, 12, 10, "2013-10-15", 29},
  };
  for (const Row& r : rows) {
    CAPTURE(r.first);
    long first = 0;
    int days = 0;
    REQUIRE(date::world_calendar_day(r.cal, r.year, r.month, r.day, first, days));
    CHECK(day(first) == r.first);
    CHECK(days == r.month_days);
  }
  // Adar I exists only in a leap year (5785, 2025, has none).
  long first = 0;
  int days = 0;
  CHECK_FALSE(date::world_calendar_day(date::WorldCalendar::kHebrew, 2025, 6, 1, first, days));
}

TEST_CASE("holidays without a reference date") {
  // A fixed Gregorian day keeps its month and day; a lunar one moves with the year.
  CHECK(dates("크리스마스 특수") == "크리스마스=XXXX-12-25[relative]");
  CHECK(dates("추석 연휴") == "추석=XXXX-XX-XX[relative]");
  CHECK(dates("2024년 추석") == "2024년 추석=2024-09-17");
  // A solar term keeps its month: only its day moves.
  CHECK(dates("冬至前后") == "冬至=XXXX-12-XX[relative;approx]");
}

TEST_CASE("Christmas and New Year's Day that make one holiday season") {
  // 圣诞 needs a word after it, 新年 too (新年伊始 is no day): each is the other's.
  CHECK(dates("聖誕新年期間舉辦演唱會", "2026-11-20") == "聖誕=2026-12-25[relative] 新年=2027-01-01[relative]");
  CHECK(dates("新年伊始，各地开工", "2026-11-20") == "");
}

TEST_CASE("hour 24 ends its day: the next day's 00") {
  CHECK(dates("活动持续到11月11日24时", "2026-11-20") == "11月11日24时=2026-11-12T00[relative]");
  CHECK(dates("2026年12月31日 24:00", "2026-11-20") == "2026年12月31日 24:00=2027-01-01T00:00");
  CHECK(dates("11월 11일 24시까지", "2026-11-20") == "11월 11일 24시=2026-11-12T00[relative;until]");
}

TEST_CASE("a lunisolar second end that makes no range leaves the first end Gregorian") {
  // The dash might open a range; the leap month after it cannot end one, and its
  // lunisolar mark must not make 5月1日 a lunisolar day.
  CHECK(dates("2025年5月1日—今年闰六月") == "2025年5月1日=2025-05-01 今年闰六月=2025-07-25/2025-08-22[relative]");
  CHECK(dates("2025년 5월 1일 — 올해 윤6월") == "2025년 5월 1일=2025-05-01 올해 윤6월=2025-07-25/2025-08-22[relative]");
}

TEST_CASE("a range from a day to a coarser end, or back, runs by days") {
  CHECK(dates("今年1月至11月24日", "2026-11-28") == "今年1月至11月24日=2026-01-01/2026-11-24[relative]");
  CHECK(dates("내년 1월 1일부터 2030년까지", "2026-11-28") == "내년 1월 1일부터 2030년=2027-01-01/2030-12-31[relative]");
  CHECK(dates("다음 달 1일부터 연말까지", "2026-11-28") == "다음 달 1일부터 연말=2026-12-01/2026-12-31[relative]");
  // A Korean 부터 range needs its 까지: here 연말 names the sale.
  CHECK(dates("다음 달 1일부터 연말 세일", "2026-11-28") == "다음 달 1일=2026-12-01[relative;since] 연말=2026[relative;late]");
  // A second end before the first is in the next year (or month, when it names only its
  // day); a lunisolar one in the next lunar year.
  CHECK(dates("12月30日至1月2日", "2026-11-24") == "12月30日至1月2日=2026-12-30/2027-01-02[relative]");
  CHECK(dates("30日至2日", "2026-11-24") == "30日至2日=2026-11-30/2026-12-02[relative]");
  CHECK(dates("腊月廿三至正月十五", "2026-11-24") == "腊月廿三至正月十五=2027-01-30/2027-02-20[relative]");
  // A bare day as the second end: which month it is in is unclear (two facts; the month
  // alone, two months after November across the year's turn, is next January).
  CHECK(dates("1月至24日", "2026-11-28") == "1月=2027-01[relative] 24日=2026-11-24[relative]");
}

TEST_CASE("a quarter still to come, after an earlier year was named, is that year's") {
  // A February results report: 4분기 is last year's, and 전년 (a comparison) does not move
  // the year the text is about.
  CHECK(dates("지난해 연간 매출이 전년보다 21% 늘었다. 4분기 매출은 80억 달러", "2026-02-26") ==
        "지난해=2025[relative] 전년=2024[relative] 4분기=2025-Q4[relative]");
  CHECK(dates("去年全年营收增长。第四季度营收", "2025-02-20") == "去年=2024[relative] 第四季度=2024-Q4[relative]");
  // A quarter under way or past, or a text about this year: the reference year.
  CHECK(dates("지난해 매출이 늘었다. 4분기 매출은", "2025-11-01") == "지난해=2024[relative] 4분기=2025-Q4[relative]");
  CHECK(dates("올해 1분기 매출. 3분기 전망", "2026-02-26") == "올해 1분기=2026-Q1[relative] 3분기=2026-Q3[relative]");
  // A deadline ahead names no year the text reports on; a month behind does (in January,
  // last December's year).
  CHECK(dates("지난해 손실이 컸다. 청약은 다음 달 2일까지 받는다. 4분기 매출은 줄었다", "2027-01-29") ==
        "지난해=2026[relative] 다음 달 2일=2027-02-02[relative;until] 4분기=2026-Q4[relative]");
  // So does a month or a quarter after 오는 or 다음 (a meeting, a launch).
  CHECK(dates("지난해 4분기 매출을 밝혔다. 오는 3월 24일 주총에 올린다. 4분기 HBM 매출은", "2027-01-28") ==
        "지난해 4분기=2026-Q4[relative] 오는 3월 24일=2027-03-24[relative] 4분기=2026-Q4[relative]");
  CHECK(dates("지난해 손실이 컸다. 다음 1분기에 출시한다. 4분기 매출은", "2027-01-28") ==
        "지난해=2026[relative] 다음 1분기=2028-Q1[relative] 4분기=2026-Q4[relative]");
  CHECK(dates("2015년 이후 가장 많았다. 지난달 계약을 맺어 4분기에만", "2027-01-14") ==
        "2015년=2015[since] 지난달=2026-12[relative] 4분기=2026-Q4[relative]");
}

TEST_CASE("전 분기 counts from the quarter the text last named") {
  CHECK(dates("3분기 매출은 전 분기 대비 7% 늘었다. 전 분기 실적도", "2024-10-25") ==
        "3분기=2024-Q3[relative] 전 분기=2024-Q2[relative] 전 분기=2024-Q2[relative]");
  // No quarter named before: the reference date's previous one (and it moves nothing);
  // 지난 분기 always so.
  CHECK(dates("전 분기 대비 늘었다. 전분기보다", "2024-10-25") == "전 분기=2024-Q3[relative] 전분기=2024-Q3[relative]");
  CHECK(dates("3분기 매출. 지난 분기 대비", "2024-10-25") == "3분기=2024-Q3[relative] 지난 분기=2024-Q3[relative]");
}

TEST_CASE("전월 counts from the month the text last named") {
  // An early-November report on October's reserves: 전월 is September.
  CHECK(dates("10월 말 외환보유액은 전월 말 대비 늘었다", "2026-11-04") ==
        "10월 말=2026-10[relative;late] 전월 말=2026-09[relative;late]");
  // No month named before: the reference month's previous one.
  CHECK(dates("전월 대비 수출이 늘었다", "2026-11-04") == "전월=2026-10[relative]");
}

TEST_CASE("no reference date: ref-dependent fields print as X") {
  // A one-line text with no dateline and no full date: nothing to resolve against.
  CHECK(dates("9월에 출시") == "9월=XXXX-09[relative]");
  CHECK(dates("21일 발표") == "21일=XXXX-XX-21[relative]");
  CHECK(dates("지난해 매출") == "지난해=XXXX[relative]");
  CHECK(dates("上周 发布") == "上周=XXXX-WXX[relative]");
}

TEST_CASE("reference date from a dateline label") {
  const std::string ko = "AI 반도체 경쟁\n입력 2025.02.21 09:30\n지난해 매출이 늘었다. 21일 발표했다.";
  DocContext ctx;
  Extraction got = extractor().Extract(ko, ctx);
  CHECK(got.ref_date == "2025-02-21T09:30");
  CHECK(got.ref_source == "dateline");
  CHECK(dates(ko) == "2025.02.21 09:30=2025-02-21T09:30 지난해=2024[relative] 21일=2025-02-21[relative]");

  const std::string zh = "标题\n发布时间：2025-03-01 10:20 来源：新华网\n去年营收增长。";
  CHECK(extractor().Extract(zh, ctx).ref_date == "2025-03-01T10:20");

  const std::string approved = "기사\n승인 : 2025. 11. 01. 21:27\n올해 9월";
  CHECK(extractor().Extract(approved, ctx).ref_date == "2025-11-01T21:27");

  // Korean portal datelines: a weekday in parentheses before the time, a closing
  // period and 오전/오후 before it; the reference keeps the minute.
  const std::string weekday = "셀트리온\n최종수정 2025년 09월 22일(월) 10:15\n이날 발표했다.";
  CHECK(extractor().Extract(weekday, ctx).ref_date == "2025-09-22T10:15");
  const std::string pm = "관세\n입력2025.04.10. 오후 1:20 수정2025.04.10. 오후 2:05\n어제 발표";
  CHECK(extractor().Extract(pm, ctx).ref_date == "2025-04-10T13:20");
  CHECK(dates(pm) == "2025.04.10. 오후 1:20=2025-04-10T13:20 2025.04.10. 오후 2:05=2025-04-10T14:05 "
                     "어제=2025-04-09[relative]");
}

TEST_CASE("reference date from a byline with the year of another full date") {
  const std::string zh = "2025年03月02日 08:00\n新华社北京3月1日电 昨天，……";
  DocContext ctx;
  // The first full date in the head gives the year; the byline gives the day.
  CHECK(extractor().Extract(zh, ctx).ref_date == "2025-03-01");
}

TEST_CASE("reference date from the first lines; none otherwise") {
  DocContext ctx;
  CHECK(extractor().Extract("2024-12-30\n어제 발표", ctx).ref_date == "2024-12-30");
  CHECK(extractor().Extract("어제 발표했다", ctx).ref_date.empty());
  // A given date wins over the dateline.
  DocContext given;
  given.ref_date = "2025-11-01";
  CHECK(extractor().Extract("입력 2025.02.21 09:30\n어제", given).ref_date == "2025-11-01");
}

TEST_CASE("context years: 이듬해 and 次年 count from the year the text last named") {
  // Counted from a written year, the value needs no reference date: not relative.
  CHECK(dates("2019년 설립됐고 이듬해 상장했다", "2025-11-01") == "2019년=2019 이듬해=2020");
  CHECK(dates("2019年成立，次年上市", "2025-11-01") == "2019年=2019 次年=2020");
  // Counted from a relative year, it is.
  CHECK(dates("작년에 설립됐고 이듬해 상장했다", "2025-11-01") == "작년=2024[relative] 이듬해=2025[relative]");
  // With no year before it, the reference year stands in.
  CHECK(dates("이듬해 상장했다", "2025-11-01") == "이듬해=2026[relative]");
}

TEST_CASE("context years: 전년 is the year before the one the text last named") {
  // Annual results published in February: 지난해 is 2025, and 전년 the year before it.
  CHECK(dates("지난해 매출은 302억 달러로 전년보다 21% 늘었다", "2026-02-26") ==
        "지난해=2025[relative] 전년=2024[relative]");
  // A quarter of this year: 전년 같은 기간 is last year's.
  CHECK(dates("3분기 매출은 전년 같은 기간보다 4% 늘었다", "2025-11-01") ==
        "3분기=2025-Q3[relative] 전년=2024[relative]");
  // A day named alone dates the report, not the year the text is about: 전년 and a bare
  // quarter still to come count from 지난해 (a January results report)...
  CHECK(dates("지난해 4분기 영업이익을 28일 밝혔다. 4분기 매출은 늘었고 연간 이익은 전년의 두 배다", "2027-01-28") ==
        "지난해 4분기=2026-Q4[relative] 28일=2027-01-28[relative] 4분기=2026-Q4[relative] 전년=2025[relative]");
  CHECK(dates("去年四季度利润增长，公司昨天公布。同年营收也创新高", "2027-01-28") ==
        "去年四季度=2026-Q4[relative] 昨天=2027-01-27[relative] 同年=2026[relative]");
  // ...but it is a day of a month: 전월 counts from the 20th's month.
  CHECK(dates("추석 이후 잔액은 지난 20일 765조 원으로 전월 말보다 늘었다", "2026-11-26") ==
        "추석=2026-09-25[relative;since] 지난 20일=2026-11-20[relative] 전월 말=2026-10[relative;late]");
  // 同日 counts from the day its sentence named, as 같은 날 does: from a written day it
  // needs no reference.
  CHECK(dates("地政总署2026年11月17日截标，地政总署同日傍晚公布结果", "2026-11-18") ==
        "2026年11月17日=2026-11-17 同日=2026-11-17");
  // Nothing named before: the year before the reference.
  CHECK(dates("예산은 전년보다 8% 늘었다", "2025-11-01") == "전년=2024[relative]");
  // Chinese 上年 stays deictic ("last year"): news uses it as 去年 whatever was named.
  CHECK(dates("90年代后期开始。该集团上年出售业务", "2026-02-10") ==
        "90年代后期=1990/1999[late;since] 上年=2025[relative]");
}

TEST_CASE("a one-syllable holiday that needs a word after it, first in a list") {
  // 설 alone needs 연휴 or the like after it; in a list the word comes after the last
  // holiday (설·춘절 연휴), and the scan's gate lets 설 through before the list mark.
  CHECK(dates("\"설·춘절 연휴 외국인 잡는다\"", "2026-12-08") ==
        "설=2027-02-07[relative] 춘절=2027-02-06[relative]");
}

TEST_CASE("a holiday that needs a word after it has it in a copula before a date") {
  // 동지인 22일: "the 22nd, the winter solstice"; both are dates. 동지 is also "comrade",
  // and 동지인 before a name (오랜 동지인 김 의원) stays no date (a case).
  CHECK(dates("구는 동지인 22일 팥죽 나눔 행사를 연다", "2026-12-15") == "동지=2026-12-22[relative] 22일=2026-12-22[relative]");
  CHECK(dates("동지인 다음 달 22일에는", "2026-11-20") == "동지=2026-12-22[relative] 다음 달 22일=2026-12-22[relative]");
  CHECK(dates("동지인데도", "2026-11-20") == "");
}

TEST_CASE("a day after a copula is the day just named, not the one nearest the reference") {
  // 동지인 22일 written in mid-November: the solstice's 22nd, not November's.
  CHECK(dates("구는 동지인 22일 팥죽 나눔 행사를 연다", "2026-11-12") == "동지=2026-12-22[relative] 22일=2026-12-22[relative]");
  // Past the holiday's qualifier, and a range of days around it.
  CHECK(dates("청명 무렵인 4~6일 산불 감시를 늘린다", "2027-04-22") ==
        "청명=2027-04-05[relative;approx] 4~6일=2027-04-04/2027-04-06[relative]");
  // A day the copula does not join keeps the nearest occurrence.
  CHECK(dates("동지 팥죽을 나누고 22일 행사를 연다", "2026-11-12") == "동지=2026-12-22[relative] 22일=2026-11-22[relative]");
}

TEST_CASE("A和B without 之间 stays two dates; with it, one range") {
  CHECK(dates("2015年和2018年", "2025-11-01") == "2015年=2015 2018年=2018");
  CHECK(dates("2015年和2018年之间", "2025-11-01") == "2015年和2018年=2015/2018");
}

TEST_CASE("value format: grains, X digits") {
  date::Value v{date::Grain::kMinute, 2025, 11, 1, 21, 7};
  CHECK(date::format(v) == "2025-11-01T21:07");
  v.grain = date::Grain::kQuarter;
  v.month = 3;
  CHECK(date::format(v) == "2025-Q3");
  date::Value x{date::Grain::kDay, 2025, 9, 21};
  x.x_year = x.x_month = true;
  CHECK(date::format(x) == "XXXX-XX-21");
  date::Value w{date::Grain::kWeek, 705, 3};
  CHECK(date::format(w) == "0705-W03");
}

// format_to's digit table against snprintf, field by field: every grain, every
// two-digit value of each field, years over the whole four-digit range (and past it, and
// below 0), X digits on and off.
namespace {
std::string format_reference(const date::Value& v) {
  char b[64];
  const auto two = [&](int n, bool x) { return x ? std::string("XX") : (std::snprintf(b, sizeof b, "%02d", n % 100), std::string(b)); };
  std::string s = v.x_year ? "XXXX" : (std::snprintf(b, sizeof b, "%04d", v.year < 0 ? 0 : v.year % 10000), std::string(b));
  switch (v.grain) {
    case date::Grain::kYear: return s;
    case date::Grain::kQuarter: return s + "-Q" + std::to_string(v.month % 10);
    case date::Grain::kWeek: return s + "-W" + two(v.month, v.x_month);
    case date::Grain::kMonth: return s + "-" + two(v.month, v.x_month);
    case date::Grain::kDay: return s + "-" + two(v.month, v.x_month) + "-" + two(v.day, v.x_day);
    case date::Grain::kHour: return s + "-" + two(v.month, v.x_month) + "-" + two(v.day, v.x_day) + "T" + two(v.hour, false);
    case date::Grain::kMinute:
      return s + "-" + two(v.month, v.x_month) + "-" + two(v.day, v.x_day) + "T" + two(v.hour, false) + ":" +
             two(v.minute, false);
  }
  return s;
}
}  // namespace

TEST_CASE("value format: format_to agrees with snprintf on every grain and field value") {
  const date::Grain grains[] = {date::Grain::kYear, date::Grain::kQuarter, date::Grain::kMonth, date::Grain::kWeek,
                                date::Grain::kDay,  date::Grain::kHour,    date::Grain::kMinute};
  int failures = 0;
  const auto check = [&](const date::Value& v) {
    char buf[date::kFormatMax];
    const std::string got(buf, date::format_to(v, buf));
    if (got != format_reference(v) && ++failures <= 5) CHECK(got == format_reference(v));
  };
  for (const date::Grain g : grains) {
    for (int year : {-5, 0, 7, 99, 100, 705, 1999, 2025, 9999, 10000, 12345})
      for (int flags = 0; flags < 8; ++flags) {
        date::Value v{g, year, 12, 31, 23, 59};
        v.x_year = flags & 1, v.x_month = flags & 2, v.x_day = flags & 4;
        check(v);
      }
    for (int year = 0; year < 10000; year += 37) check(date::Value{g, year, 6, 15, 12, 30});
    for (int n = 0; n < 100; ++n) {
      check(date::Value{g, 2025, n % (g == date::Grain::kQuarter ? 10 : 100), 1, 0, 0});
      check(date::Value{g, 2025, 1, n, 0, 0});
      check(date::Value{g, 2025, 1, 1, n, 0});
      check(date::Value{g, 2025, 1, 1, 0, n});
    }
  }
  CHECK(failures == 0);
}

// The year is one copy from a table of every four-digit number (kFourDigits): each entry
// against snprintf, at every grain, the years around the table's ends, and the X year
// beside a written month.
TEST_CASE("value format: format_to writes every four-digit year from its table, and fields past 99") {
  const date::Grain grains[] = {date::Grain::kYear, date::Grain::kQuarter, date::Grain::kMonth, date::Grain::kWeek,
                                date::Grain::kDay,  date::Grain::kHour,    date::Grain::kMinute};
  int failures = 0;
  for (const date::Grain g : grains)
    for (int year = -1; year <= 10001; ++year) {
      const date::Value v{g, year, 3, 9, 7, 5};
      char buf[date::kFormatMax];
      const std::string got(buf, date::format_to(v, buf));
      if (got != format_reference(v) && ++failures <= 5) CHECK(got == format_reference(v));
    }
  // Fields of 100 and more (no parse gives them, but the format takes their last two
  // digits, as snprintf's reference does) miss format_to's fast path for fields below 100.
  for (const date::Grain g : grains)
    for (int n = 100; n < 400; ++n)
      for (const date::Value v : {date::Value{g, 2025, n, 1, 0, 0}, date::Value{g, 2025, 1, n, 0, 0},
                                  date::Value{g, 2025, 1, 1, n, 0}, date::Value{g, 2025, 1, 1, 0, n}}) {
        char buf[date::kFormatMax];
        const std::string got(buf, date::format_to(v, buf));
        if (got != format_reference(v) && ++failures <= 5) CHECK(got == format_reference(v));
      }
  CHECK(failures == 0);
  date::Value x{date::Grain::kMonth, 2025, 9};
  x.x_year = true;
  char buf[date::kFormatMax];
  CHECK(std::string(buf, date::format_to(x, buf)) == "XXXX-09");
}

// find() copies values of 4, 7 and 10 bytes with constant lengths, the others with theirs:
// a value of each length, alone and as an interval's ends.
TEST_CASE("value format: find() writes values of every length whole") {
  CHECK(dates("2023年销量", "2025-11-01") == "2023年=2023");
  CHECK(dates("2023年9月销量", "2025-11-01") == "2023年9月=2023-09");
  CHECK(dates("2023년 3분기 매출", "2025-11-01") == "2023년 3분기=2023-Q3");
  CHECK(dates("2023年9月5日发布", "2025-11-01") == "2023年9月5日=2023-09-05");
  CHECK(dates("2023年至2024年", "2025-11-01") == "2023年至2024年=2023/2024");
  CHECK(dates("2023年9月5日至7日", "2025-11-01") == "2023年9月5日至7日=2023-09-05/2023-09-07");
  CHECK(dates("2023년 9월 5일 오후 3시 30분", "2025-11-01") == "2023년 9월 5일 오후 3시 30분=2023-09-05T15:30");
}

TEST_CASE("lunisolar marks: a date right after a whole mark that could not be read as lunisolar is no fact") {
  // 2025's twelfth lunar month has 29 days: with the mark before it, the day does not
  // exist, and its Gregorian reading would be wrong.
  CHECK(dates("农历2025年十二月三十", "2025-11-01") == "");
  CHECK(dates("农历 2025年十二月三十", "2025-11-01") == "");
  CHECK(dates("阴历2025年十二月三十", "2025-11-01") == "");
  // The mark's last character alone, or ending another word, is no mark.
  CHECK(dates("历2025年十二月三十", "2025-11-01") == "2025年十二月三十=2025-12-30");
  CHECK(dates("来历2025年12月30日", "2025-11-01") == "2025年12月30日=2025-12-30");
  CHECK(dates("력 2025년 12월 30일", "2025-11-01") == "2025년 12월 30일=2025-12-30");
  CHECK(dates("2025年12月30日", "2025-11-01") == "2025年12月30日=2025-12-30");
}

TEST_CASE("an ago word that opens a longer day word is that word") {
  // 13일 전날보다: "on the 13th, than the day before", not "13 days ago". 전날 counts from
  // the day the sentence named (GUIDELINES), so here it is the 12th.
  CHECK(dates("13일 전날보다 9% 올랐다", "2026-11-12") ==
        "13일=2026-11-13[relative] 전날=2026-11-12[relative]");
}

TEST_CASE("months in a parenthesis after a quarter spell it out, in its year") {
  CHECK(dates("내년 1분기(1~3월) 전기요금이 동결된다", "2026-12-21") ==
        "내년 1분기=2027-Q1[relative] 1~3월=2027-01/2027-03[relative]");
  CHECK(dates("지난해 4분기(10~12월) 영업이익이 늘었다", "2027-01-20") ==
        "지난해 4분기=2026-Q4[relative] 10~12월=2026-10/2026-12[relative]");
  // Months outside the quarter, or not in its parenthesis, take the reference year.
  CHECK(dates("내년 1분기(4~6월) 요금", "2026-12-21") == "내년 1분기=2027-Q1[relative] 4~6월=2026-04/2026-06[relative]");
  CHECK(dates("내년 1분기에는 1~3월 요금이", "2026-12-21") ==
        "내년 1분기=2027-Q1[relative] 1~3월=2026-01/2026-03[relative]");
}

TEST_CASE("the day before or after counts from the day the sentence named") {
  // Alone, 전날 is the day before the article's; 다음 날 and 次日 are no date.
  CHECK(dates("전날 뉴욕증시는 올랐다", "2026-11-15") == "전날=2026-11-14[relative]");
  CHECK(dates("다음 날 다시 만났다", "2026-11-15") == "");
  CHECK(dates("13일 귀국했고 다음 날 출국했다", "2026-11-15") ==
        "13일=2026-11-13[relative] 다음 날=2026-11-14[relative]");
  CHECK(dates("展会于2026年11月3日开幕，次日成交额达5亿元", "2026-11-15") ==
        "2026年11月3日=2026-11-03 次日=2026-11-04");
  // So from a time of a day: it names that day.
  CHECK(dates("将于10月20日20时开启预售，次日起推出服务", "2026-10-15") ==
        "10月20日20时=2026-10-20T20[relative] 次日=2026-10-21[relative;since]");
  // A time of day after it is in its span, as after 明天.
  CHECK(dates("12月31日将延长开放时间至次日凌晨2时", "2026-11-25") ==
        "12月31日=2026-12-31[relative] 次日凌晨2时=2027-01-01T02[relative]");
  // A decimal point ends no sentence; a sentence's end cuts it off, and then 전날 is the
  // day before the article's.
  CHECK(dates("13일 주가는 3.5% 올라 전날보다 높았다", "2026-11-15") ==
        "13일=2026-11-13[relative] 전날=2026-11-12[relative]");
  CHECK(dates("13일 귀국했다. 전날 증시는 올랐다", "2026-11-15") ==
        "13일=2026-11-13[relative] 전날=2026-11-14[relative]");
  CHECK(dates("3년 전 이맘때", "2026-11-12") == "3년 전=2023[relative]");
}

TEST_CASE("a bare weekday listed right after a day is the first such day from that day on") {
  CHECK(dates("下周二和周四开会", "2026-05-20") == "下周二=2026-05-26[relative] 周四=2026-05-28[relative]");
  CHECK(dates("下周二、周四", "2026-05-20") == "下周二=2026-05-26[relative] 周四=2026-05-28[relative]");
  CHECK(dates("다음 주 화요일과 목요일 회의", "2026-05-20") ==
        "다음 주 화요일=2026-05-26[relative] 목요일=2026-05-28[relative]");
  CHECK(dates("다음 주 화·목요일 회의", "2026-05-20") == "다음 주 화=2026-05-26[relative] 목요일=2026-05-28[relative]");
  // Without the list mark the weekday is the reference week's, as before.
  CHECK(dates("下周二开会，周四休息", "2026-05-20") == "下周二=2026-05-26[relative] 周四=2026-05-21[relative]");
  // Within the reference week nothing changes.
  CHECK(dates("周二和周四", "2026-05-20") == "周二=2026-05-19[relative] 周四=2026-05-21[relative]");
}

TEST_CASE("a range of days within one month names that month for the words that count from it") {
  // 전월 counts from the month the text last named: a range of two days of April names
  // April as a single day does.
  CHECK(dates("다음 달 6~7일 판매량은 전월보다 늘 전망이다", "2026-03-23") ==
        "다음 달 6~7일=2026-04-06/2026-04-07[relative] 전월=2026-03[relative]");
  CHECK(dates("다음 달 6일 판매량은 전월보다 늘 전망이다", "2026-03-23") ==
        "다음 달 6일=2026-04-06[relative] 전월=2026-03[relative]");
  // A range across months names none of them: 전월 counts from the reference.
  CHECK(dates("4월 30일~5월 2일 판매량은 전월보다 늘었다", "2026-03-23") ==
        "4월 30일~5월 2일=2026-04-30/2026-05-02[relative] 전월=2026-02[relative]");
}

TEST_CASE("one qualifier after two holidays that make one break bounds both, else the last only") {
  // 中秋国庆假期前: before the joint Mid-Autumn and National Day break, so both are until.
  CHECK(dates("将于中秋国庆假期前组织收储", "2025-08-01") ==
        "中秋=2025-10-06[relative;until] 国庆=2025-10-01[relative;until]");
  // So do two holidays listed with a mark between them (及, 과 and a space).
  CHECK(dates("將在聖誕節及元旦假期前推出措施", "2026-11-28") ==
        "聖誕節=2026-12-25[relative;until] 元旦=2027-01-01[relative;until]");
  CHECK(dates("추석과 설 연휴 전에 지급한다", "2026-08-01") ==
        "추석=2026-09-25[relative;until] 설=2026-02-17[relative;until]");
  // Without a word for their days after the list, the qualifier is the last holiday's.
  CHECK(dates("双11和圣诞节前后是海外旺季", "2026-08-20") ==
        "双11=2026-11-11[relative] 圣诞节=2026-12-25[relative;approx]");
  CHECK(dates("叠加双11和元旦前的年货节", "2026-10-20") ==
        "双11=2026-11-11[relative] 元旦=2027-01-01[relative;until]");
  // 같은 날 is the reference day (or the day its sentence named), but not after a year word.
  CHECK(dates("한국은행은 같은 날 보고서를 냈다", "2026-05-14") == "같은 날=2026-05-14[relative]");
  CHECK(dates("사과 가격은 전년 같은 날보다 30% 올랐다", "2025-12-04") == "전년=2024[relative]");
  // 에서 … 으로 is a change of one date into another: two dates, no range.
  CHECK(dates("소진 시점이 2050년대 중반에서 2071년으로 늦춰진다", "2026-11-27") ==
        "2050년대 중반=2050/2059[mid] 2071년=2071");
  // 清明 with its consecutive holiday (連假) after 春節及: both holidays.
  CHECK(dates("可望受惠於春節及清明連假的出遊需求", "2026-12-08") ==
        "春節=2027-02-06[relative] 清明=2027-04-05[relative]");
  // 自 before the subject of the event the date is of, 以来 after the event: since.
  CHECK(dates("这是自五粮液1998年上市以来第三次下调", "2026-10-31") == "1998年=1998[since]");
  CHECK(dates("该公司1998年上市以来", "2026-10-31") == "1998年=1998");
  CHECK(dates("来自五粮液1998年上市以来", "2026-10-31") == "1998年=1998");
  // The opener two to eight characters before the date (a subject of one to seven), near
  // the text's start and after a long run of Han (Words::since_opener_stepping_back looks
  // at those characters' bytes before the walk back decodes them: every place in its window).
  const std::string subject = "五粮液股份公司集团有限";  // eleven characters
  for (const std::string before : {"", "中国的经济学家们普遍认为在这个时候，"})
    for (size_t n = 1; n <= 9; ++n) {
      const std::string t = before + "自" + subject.substr(0, 3 * n) + "1998年上市以来";
      INFO(t);
      CHECK(dates(t, "2026-10-31") == (n <= 7 ? "1998年=1998[since]" : "1998年=1998"));
    }
  // The subject with its gloss, the event with Latin letters and digits.
  CHECK(dates("自深度求索（DeepSeek）去年1月发布R1模型以来", "2026-07-09") == "去年1月=2025-01[relative;since]");
  CHECK(dates("自深度求索（一家杭州的大模型公司，成立于2023年）去年1月发布以来", "2026-07-09") ==
        "2023年=2023 去年1月=2025-01[relative]");
  // 下周一|举行: a stop word (一举) that jieba's segmentation does not keep whole blocks nothing.
  CHECK(dates("將於下周一舉行投資者日", "2026-11-28") == "下周一=2026-11-30[relative]");
  // Without a qualifier each is a plain date.
  CHECK(dates("中秋国庆期间", "2025-08-01") == "中秋=2025-10-06[relative] 国庆=2025-10-01[relative]");
}

TEST_CASE("a bare Korean 전 after a holiday marks until; 전날 is the eve") {
  CHECK(dates("추석 전 마무리한다", "2026-08-01") == "추석=2026-09-25[relative;until]");
  CHECK(dates("춘절 연휴 전에 재고를 늘렸다", "2026-11-01") == "춘절=2027-02-06[relative;until]");
  CHECK(dates("설 전날 귀성", "2026-08-01") == "설=2026-02-17[relative] 전날=2026-02-16[relative]");
  // Elsewhere a bare 전 after a space is no qualifier, and 3년 전 stays "three years ago".
  CHECK(dates("9월 전망이 밝다", "2026-08-01") == "9월=2026-09[relative]");
  CHECK(dates("3년 전 이맘때", "2026-11-12") == "3년 전=2023[relative]");
}

TEST_CASE("a written date's shape ends where its last marker does (date_words.tsv's words)") {
  // What ORG steps over between a place and its act word; input is folded text.
  const auto end_of = [](std::string_view text) { return text.substr(0, date::written_date_end(text, 0)); };
  CHECK(end_of("26日发布") == "26日");
  CHECK(end_of("2026年11月27日发布") == "2026年11月27日");
  CHECK(end_of("3号起") == "3号起");
  CHECK(end_of("1—10月签约") == "1—10月");
  CHECK(end_of("前10月追回") == "前10月");
  CHECK(end_of("今(24)日宣布") == "今(24)日");
  CHECK(end_of("11月底完成") == "11月底");
  CHECK(end_of("2027年初启动") == "2027年初");
  CHECK(end_of("12月20日前完成") == "12月20日前");
  CHECK(end_of("12月中旬前完成") == "12月中旬前");
  CHECK(end_of("26日底") == "26日");  // a day takes no part
  // Two dates joined by a range word are one shape; a range word alone after one is not.
  CHECK(end_of("2027年至2029年杭州") == "2027年至2029年");
  CHECK(end_of("11月1日至12月31日发放") == "11月1日至12月31日");
  CHECK(end_of("2027年到场") == "2027年");
  CHECK(end_of("26家企业").empty());
  CHECK(end_of("前10名").empty());
  CHECK(end_of("今(24)家").empty());
  // The words are looked for with their first byte tested first: at the text's end, cut
  // short there, or sharing only their first bytes (年 and 平 share two), none is found.
  CHECK(end_of("2026年").size() == std::string_view("2026年").size());
  CHECK(end_of("2026").empty());
  CHECK(end_of("2026\xE5\xB9").empty());  // 年 cut short
  CHECK(end_of("2026平").empty());
  CHECK(end_of("前").empty());
  CHECK(date::written_date_end("26日", 5) == 5);  // at the end
}

TEST_CASE("a written date's words are the date_words.tsv rows that Words::build sorts out") {
  // Rows added to the built-in file: a Chinese range word (迄) joins two dates, and a
  // Korean marker (째) plays no part in a Chinese date's shape.
  std::vector<lexicon::Source> sources = lexicon::builtin_sources("date");
  std::string words;
  for (lexicon::Source& src : sources) {
    if (!src.name.ends_with("/date_words.tsv")) continue;
    words = std::string(src.content) + "zh\t迄\trange\t\t\nko\t째\tmarker\t\tday\n";
    src.content = words;
  }
  REQUIRE(!words.empty());
  const auto built = date::Words::build(sources);
  REQUIRE_MESSAGE(built.ok(), built.status().to_string());
  const date::WrittenDateWords& own = built.value().written();
  const auto end_of = [&own](std::string_view text) { return text.substr(0, date::written_date_end(own, text, 0)); };
  CHECK(end_of("2027年迄2029年杭州") == "2027年迄2029年");
  CHECK(end_of("2027年至2029年杭州") == "2027年至2029年");
  CHECK(end_of("3째").empty());
  CHECK(end_of("26日发布") == "26日");
  // The built-in words do not have 迄.
  CHECK(date::written_date_end("2027年迄2029年", 0) == std::string_view("2027年").size());
}

TEST_CASE("a holiday's needed word after it is matched whole, its first byte tested first") {
  // holiday_follows turns a needed word away on its first byte before the string compare:
  // the word whole, glued or after spaces, opens the holiday; a word sharing only its
  // first bytes (연 of 연휴, 연말), the text's end and spaces alone do not.
  CHECK(dates("설 연휴에", "2026-12-08") == "설=2027-02-07[relative]");
  CHECK(dates("설연휴에", "2026-12-08") == "설=2027-02-07[relative]");
  CHECK(dates("설  연휴", "2026-12-08") == "설=2027-02-07[relative]");
  CHECK(dates("설 연", "2026-12-08").empty());
  CHECK(dates("설 연말", "2026-12-08") == "연말=2026[relative;late]");
  CHECK(dates("설", "2026-12-08").empty());
  CHECK(dates("설 ", "2026-12-08").empty());
}

// A month and day without a year, near the year's turn: the other year's day is taken
// when it is less than 92 days from the reference day (day_part skips that search when
// this year's day is 273 days away or less, where a year away can be no nearer than 92).
TEST_CASE("dates: a month and day across the year's turn, at the edge of three months") {
  CHECK(dates("1월 1일 개최", "2025-10-02") == "1월 1일=2026-01-01[relative]");  // 274 days back, 91 ahead
  CHECK(dates("1월 1일 개최", "2025-10-01") == "1월 1일=2025-01-01[relative]");  // 273 back, 92 ahead
  CHECK(dates("12月31日召开", "2026-04-01") == "12月31日=2025-12-31[relative]");  // 274 ahead, 91 back
  CHECK(dates("12月31日召开", "2026-04-02") == "12月31日=2026-12-31[relative]");  // 273 ahead, 92 back
}

TEST_CASE("a day after a month opens with a number or 初; anything else leaves the month") {
  // day_part turns away a position where no number and no 初 starts before it reads
  // anything (most months have no day after them): every day reading still holds.
  const std::string ref = "2025-06-10";
  CHECK(dates("2025年3月5日召开", ref) == "2025年3月5日=2025-03-05");
  CHECK(dates("2025年十一月一日", ref) == "2025年十一月一日=2025-11-01");
  CHECK(dates("이천이십오년 삼월 삼일", ref) == "이천이십오년 삼월 삼일=2025-03-03");
  CHECK(dates("2025年正月初五", ref) == "2025年正月初五=2025-02-02");
  CHECK(dates("农历三月初三", ref) == "农历三月初三=2025-03-31[relative]");
  CHECK(dates("正月初一至初五", ref) == "正月初一至初五=2025-01-29/2025-02-02[relative]");
  CHECK(dates("正月初一至十五", ref) == "正月初一至十五=2025-01-29/2025-02-12[relative]");
  CHECK(dates("2025年3月中旬", ref) == "2025年3月中旬=2025-03[mid]");
  CHECK(dates("2025年3月份", ref) == "2025年3月份=2025-03");
  CHECK(dates("2025年3月初", ref) == "2025年3月初=2025-03[early]");
  CHECK(dates("2025年3月初召开", ref) == "2025年3月初=2025-03[early]");
  CHECK(dates("2025년 3월 기준", ref) == "2025년 3월=2025-03");
  CHECK(dates("3월 첫째 화요일", ref) == "3월 첫째 화요일=2025-03-04[relative]");
  CHECK(dates("2025年3月", ref) == "2025年3月=2025-03");
  CHECK(dates("2025年3月\xE5\x88", ref) == "2025年3月=2025-03");
}

TEST_CASE("parses after others read only what they set: digits, numerals and spelled numbers in turn") {
  // The parser leaves its number caches (the last digits, Han and Sino-Korean readings,
  // the unit after digits) and a number-and-unit's fields unset until a reader writes
  // them: each parse of a text (the parser built again in the same place) reads the
  // same dates as that sentence alone, in either order of the sentences.
  const std::string ref = "2025-06-10";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2025年3月5日召开。", "2025年3月5日=2025-03-05"},
      {"三月五日举行。", "三月五日=2025-03-05[relative]"},
      {"2026년 4월 7일 발표했다. ", "2026년 4월 7일=2026-04-07"},
      {"이천이십오년 삼월 삼일 열렸다. ", "이천이십오년 삼월 삼일=2025-03-03"},
      {"十一月一日至三日举办。", "十一月一日至三日=2025-11-01/2025-11-03[relative]"},
      {"2024年12月闭幕。", "2024年12月=2024-12"},
      {"3년 전 일이다. ", "3년 전=2022[relative]"},
      {"二〇二三年十月一日开业。", "二〇二三年十月一日=2023-10-01"},
      {"13~15일 열린다. ", "13~15일=2025-06-13/2025-06-15[relative]"},
      {"一九九八年上市。", "一九九八年=1998"},
      {"2023-2025年规划。", "2023-2025年=2023/2025"},
      {"다음 달 8일까지 진행. ", "다음 달 8일=2025-07-08[relative;until]"},
  };
  std::string all, want, rall, rwant;
  for (const auto& [text, date] : cases) {
    CHECK(dates(text, ref) == date);
    all += text;
    want += (want.empty() ? "" : " ") + date;
  }
  for (auto it = cases.rbegin(); it != cases.rend(); ++it) {
    rall += it->first;
    rwant += (rwant.empty() ? "" : " ") + it->second;
  }
  CHECK(dates(all, ref) == want);
  CHECK(dates(rall, ref) == rwant);
}
