// Calendar arithmetic and the DATE value format (GUIDELINES.md "DATE").
//
//   Value v{Grain::kMonth, 2025, 9};      format(v) == "2025-09"
//   Value w = week_of(2025, 11, 1);        format(w) == "2025-W44"
//
// Proleptic Gregorian calendar, ISO 8601 weeks (Monday first; week 1 holds the year's
// first Thursday). Everything here is pure and allocation-free except format().
#pragma once

#include <string>
#include <string_view>

namespace hanfacts::date {

enum class Grain { kYear, kQuarter, kMonth, kWeek, kDay, kHour, kMinute };

// "year", "quarter", ... Inline: every DATE fact's unit is named here (emit), and the
// call cost as much as the lookup.
inline std::string_view grain_name(Grain g) {
  static constexpr std::string_view kNames[] = {"year", "quarter", "month", "week", "day", "hour", "minute"};
  static_assert(std::size(kNames) == static_cast<size_t>(Grain::kMinute) + 1);
  const auto i = static_cast<size_t>(g);
  return i < std::size(kNames) ? kNames[i] : "day";
}

// A point at some grain. Fields finer than the grain are ignored. For kWeek, `year` is the
// ISO week-year and `month` holds the week number. For kQuarter, `month` holds 1..4.
// x_year / x_month / x_day mark fields that needed a reference date nobody gave: they
// print as X digits ("XXXX-09").
struct Value {
  Grain grain = Grain::kDay;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0;
  bool x_year = false, x_month = false, x_day = false;
};

// Days since 1970-01-01 for a civil date, and back.
long days_from_civil(int y, int m, int d);
void civil_from_days(long z, int& y, int& m, int& d);
int days_in_month(int y, int m);
// 1 = Monday .. 7 = Sunday.
int weekday(int y, int m, int d);
// Days since 1970-01-01 of Easter Sunday in Gregorian year y: the Western date (the
// Gregorian computus), or with `orthodox` the Eastern one (the Julian computus, as a
// Gregorian day).
long easter_sunday(int y, bool orthodox);

// The same for a day number (days since 1970-01-01), for callers that count in days.
int weekday_of_day(long z);
// The ISO week holding y-m-d, or day number z.
Value week_of(int y, int m, int d);
Value week_of_day(long z);
// Monday of an ISO week.
void week_monday(int iso_year, int week, int& y, int& m, int& d);

// Adds n units of `g` (year, quarter, month, week, day) to a value of that grain.
Value shift(const Value& v, Grain unit, long n);

// ISO 8601 text at the value's grain: 2025, 2025-Q3, 2025-09, 2025-W44, 2025-11-01,
// 2025-11-01T21, 2025-11-01T21:27.
std::string format(const Value& v);
// The same into `buf` (at least kFormatMax bytes, not terminated); returns the length.
inline constexpr size_t kFormatMax = 20;  // "2025-11-01T21:27" is 16
size_t format_to(const Value& v, char* buf);

}  // namespace hanfacts::date
