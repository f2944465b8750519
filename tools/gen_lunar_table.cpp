// Build-time generator of the lunisolar table (src/date/lunar_table.h): for the lunar
// year that begins in each Gregorian year 1900-2100, in ICU's Chinese and Korean (dangi)
// calendars, the day its first month begins (days since 1970-01-01, as ICU puts it) and
// the month its leap month follows (0: none). Run by the build, not by users:
//
//   hanfacts_gen_lunar_table OUTPUT.cpp
//
// Why a table: making ICU's lunisolar calendars costs 2.7 MB of memory per process, for
// an answer that never changes for a given ICU. Why generated: a copy checked in once
// drifts from the ICU the project is built against; this way the table always is that
// ICU's answer (the unit test "the lunisolar table agrees with ICU" still holds it to
// the calendars at run time).
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/uversion.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "date/lunar_table.h"

namespace {

using hanfacts::date::kLunarTableFirstYear;
using hanfacts::date::kLunarTableLastYear;

// ICU's extended year of the lunar year that begins in a Gregorian year (as in
// src/date/lunar.cpp): the Chinese calendar counts from 2637 BCE, the Korean one from
// 2333 BCE.
constexpr int kChineseEpoch = 2637, kKoreanEpoch = 2333;
constexpr double kMsPerDay = 86400000.0;

// One calendar's rows, "{first, leap}, " six to a line with the first year of each line
// as a comment. False (and `error` set) when ICU cannot say.
bool rows(const char* locale, int epoch, std::string& body, std::string& error) {
  UErrorCode st = U_ZERO_ERROR;
  // GMT throughout: a day of one calendar maps to a day of the other, no time zone.
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), st));
  if (U_FAILURE(st) || !cal) {
    error = std::string(locale) + ": " + u_errorName(st);
    return false;
  }
  // Day 1 of month `month` (leap: the leap month after it) of lunar year `year`, or
  // false when the year has no such month (ICU then moves to another one).
  auto first_day = [&](int year, int month, bool leap, long& day) {
    cal->clear();
    cal->set(UCAL_EXTENDED_YEAR, year + epoch);
    cal->set(UCAL_MONTH, month - 1);
    cal->set(UCAL_IS_LEAP_MONTH, leap ? 1 : 0);
    cal->set(UCAL_DATE, 1);
    UErrorCode s = U_ZERO_ERROR;
    const UDate when = cal->getTime(s);
    if (U_FAILURE(s)) return false;
    const bool exists = cal->get(UCAL_IS_LEAP_MONTH, s) == (leap ? 1 : 0) && cal->get(UCAL_MONTH, s) == month - 1;
    if (U_FAILURE(s) || !exists) return false;
    day = static_cast<long>(std::floor(when / kMsPerDay));
    return true;
  };
  for (int year = kLunarTableFirstYear; year <= kLunarTableLastYear; ++year) {
    long first = 0;
    if (!first_day(year, 1, false, first)) {
      error = std::string(locale) + ": no first month in " + std::to_string(year);
      return false;
    }
    int leap = 0;
    for (int month = 1; month <= 12; ++month) {
      long day = 0;
      if (!first_day(year, month, true, day)) continue;
      if (leap != 0) {  // a lunar year has at most one leap month
        error = std::string(locale) + ": two leap months in " + std::to_string(year);
        return false;
      }
      leap = month;
    }
    const int column = (year - kLunarTableFirstYear) % 6;
    if (column == 0) body += "    ";
    body += "{" + std::to_string(first) + ", " + std::to_string(leap) + "},";
    if (column == 5 || year == kLunarTableLastYear)
      body += "  // " + std::to_string(year - column) + "\n";
    else
      body += " ";
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT.cpp\n", argv[0]);
    return 2;
  }
  std::string chinese, korean, error;
  if (!rows("zh@calendar=chinese", kChineseEpoch, chinese, error) ||
      !rows("ko@calendar=dangi", kKoreanEpoch, korean, error)) {
    std::fprintf(stderr, "hanfacts_gen_lunar_table: %s\n", error.c_str());
    return 1;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << "// Generated at build time by tools/gen_lunar_table.cpp from ICU " U_ICU_VERSION
         ": do not edit.\n"
         "#include \"date/lunar_table.h\"\n\n"
         "namespace hanfacts::date {\n\n"
         "const LunarYear kChineseLunarYears[kLunarTableYears] = {\n"
      << chinese
      << "};\n\n"
         "const LunarYear kKoreanLunarYears[kLunarTableYears] = {\n"
      << korean
      << "};\n\n"
         "}  // namespace hanfacts::date\n";
  out.close();
  if (!out) {
    std::fprintf(stderr, "hanfacts_gen_lunar_table: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
