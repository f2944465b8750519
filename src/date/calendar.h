// Calendar arithmetic and the DATE value format (GUIDELINES.md "DATE").
//
//   Value v{Grain::kMonth, 2025, 9};      format(v) == "2025-09"
//   Value w = week_of(2025, 11, 1);        format(w) == "2025-W44"
//
// Proleptic Gregorian calendar, ISO 8601 weeks (Monday first; week 1 holds the year's
// first Thursday). Everything here is pure and allocation-free except format().
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
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
// Inline: the day parts ask it of every day they read (is the 31st in that month?), and
// the call cost more than the answer.
inline int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[(m - 1) % 12];
}
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
// The longest value format_to (below) writes.
inline constexpr size_t kFormatMax = 20;  // "2025-11-01T21:27" is 16

namespace detail {

// "00" .. "99": a two-digit field is one copy from here, where the digit-by-digit form
// took a division (a multiply and shift) per digit, four to six fields a fact.
inline constexpr auto kTwoDigits = [] {
  std::array<char, 200> t{};
  for (int i = 0; i < 100; ++i) {
    t[2 * i] = static_cast<char>('0' + i / 10);
    t[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

// "0000" .. "9999": a year is one four-byte copy from here, where two two-digit fields
// took a division by 100 and two remainders (a multiply, shift and subtract each) for
// every fact's one or two values.
inline constexpr auto kFourDigits = [] {
  std::array<char, 40000> t{};
  for (int i = 0; i < 10000; ++i) {
    t[4 * i] = static_cast<char>('0' + i / 1000);
    t[4 * i + 1] = static_cast<char>('0' + i / 100 % 10);
    t[4 * i + 2] = static_cast<char>('0' + i / 10 % 10);
    t[4 * i + 3] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

// v's last two digits (v >= 0), or XX for a field nobody gave.
inline char* put2(char* out, int v, bool x) {
  if (x) {
    out[0] = out[1] = 'X';
  } else {
    // Most fields are below 100 already: one compare, where the remainder took a
    // multiply, a shift and a subtract.
    const auto u = static_cast<unsigned>(v);
    std::memcpy(out, &kTwoDigits[2 * (u < 100 ? u : u % 100)], 2);
  }
  return out + 2;
}

}  // namespace detail

// format(v) into `buf` (at least kFormatMax bytes, not terminated); returns the length.
// Hand-rolled: formatting runs once per fact on the hot path, where snprintf showed.
// Every field is non-negative (a year below 0 prints as 0000). Inline: find() formats
// every fact's one or two values, and the call cost a sixth of the formatting.
inline size_t format_to(const Value& v, char* buf) {
  // Most years have four digits: one unsigned compare sends the others (below 0, past
  // 9999) to the remainder.
  const int year = static_cast<unsigned>(v.year) < 10000 ? v.year : v.year < 0 ? 0 : v.year % 10000;
  std::memcpy(buf, v.x_year ? "XXXX" : &detail::kFourDigits[4 * static_cast<unsigned>(year)], 4);
  char* out = buf + 4;
  switch (v.grain) {
    case Grain::kYear: break;
    case Grain::kQuarter:
      *out++ = '-';
      *out++ = 'Q';
      *out++ = static_cast<char>('0' + v.month % 10);
      break;
    case Grain::kWeek:
      *out++ = '-';
      *out++ = 'W';
      out = detail::put2(out, v.month, v.x_month);
      break;
    case Grain::kMonth:
      *out++ = '-';
      out = detail::put2(out, v.month, v.x_month);
      break;
    case Grain::kDay:
    case Grain::kHour:
    case Grain::kMinute:
      *out++ = '-';
      out = detail::put2(out, v.month, v.x_month);
      *out++ = '-';
      out = detail::put2(out, v.day, v.x_day);
      if (v.grain == Grain::kDay) break;
      *out++ = 'T';
      out = detail::put2(out, v.hour, false);
      if (v.grain == Grain::kHour) break;
      *out++ = ':';
      out = detail::put2(out, v.minute, false);
      break;
  }
  return static_cast<size_t>(out - buf);
}

}  // namespace hanfacts::date
