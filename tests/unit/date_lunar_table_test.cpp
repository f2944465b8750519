// The lunisolar table of 1900-2100 (src/date/lunar_table.h) against ICU's calendars:
// every month of every year, leap months asked for where there are none included, must
// begin on the same day and last as long either way.
#include <doctest/doctest.h>

#include "date/calendar.h"
#include "date/lunar.h"

using namespace hanfacts;

TEST_CASE("the lunisolar table agrees with ICU on every month of 1900-2100") {
  size_t months = 0, leaps = 0;
  for (const auto cal : {date::LunarCalendar::kChinese, date::LunarCalendar::kKorean}) {
    for (int year = 1900; year <= 2100; ++year) {
      for (int month = 1; month <= 12; ++month) {
        for (const bool leap : {false, true}) {
          const date::LunarMonth lm{year, month, leap};
          long table_first = -1, icu_first = -1;
          int table_days = -1, icu_days = -1;
          REQUIRE(date::lunar_month_from_table(cal, lm, table_first, table_days));
          date::lunar_month_from_icu(cal, lm, icu_first, icu_days);
          if (table_days != icu_days || (icu_days != 0 && table_first != icu_first))
            FAIL_CHECK((cal == date::LunarCalendar::kKorean ? "dangi " : "chinese ")
                       << year << "-" << month << (leap ? " leap" : "") << ": table " << table_first << " + "
                       << table_days << ", ICU " << icu_first << " + " << icu_days);
          if (icu_days != 0) ++(leap ? leaps : months);
        }
      }
    }
  }
  // Every ordinary month exists; about seven leap months in nineteen years.
  CHECK(months == 2 * 201 * 12);
  CHECK(leaps > 2 * 70);
  CHECK(leaps < 2 * 80);
}

TEST_CASE("lunisolar years beyond the table go to ICU") {
  const auto cal = date::LunarCalendar::kChinese;
  long first = 0;
  int days = 0;
  CHECK_FALSE(date::lunar_month_from_table(cal, {1899, 1}, first, days));
  CHECK_FALSE(date::lunar_month_from_table(cal, {2101, 1}, first, days));
  for (const int year : {1850, 1899, 2101, 2200}) {
    date::lunar_month_from_icu(cal, {year, 1}, first, days);
    REQUIRE(days != 0);
    int y = 0, m = 0, d = 0;
    REQUIRE(date::lunar_to_civil(cal, {year, 1}, 1, y, m, d));
    CHECK(date::days_from_civil(y, m, d) == first);
    CHECK(y == year);
  }
}
