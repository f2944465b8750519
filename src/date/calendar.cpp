#include "date/calendar.h"

#include <array>
#include <cstring>
#include <iterator>
#include <string_view>


namespace hanfacts::date {

// By Grain's value: a load, where a switch made an indirect jump that mispredicted for
// two facts in three (it runs once per fact).
// Howard Hinnant's civil-date algorithms (public domain descriptions), rewritten here.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

long easter_sunday(int y, bool orthodox) {
  if (orthodox) {
    // Meeus's Julian algorithm, then the Julian date's day (Julian day numbers are
    // calendar-free: 1970-01-01 is JDN 2440588).
    const int a = y % 4, b = y % 7, c = y % 19, d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7;
    const int month = (d + e + 114) / 31, day = (d + e + 114) % 31 + 1;
    // The Julian calendar's JDN of y-month-day (Richards' algorithm, c = 0 for Julian).
    const long yy = y + 4716 - (14 - month) / 12, mm = (month + 9) % 12;
    const long jdn = 365 * yy + yy / 4 + (153 * mm + 2) / 5 + day - 1402;
    return jdn - 2440588;
  }
  // The anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, chapter 8).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return days_from_civil(y, month, day);
}

int weekday(int y, int m, int d) { return weekday_of_day(days_from_civil(y, m, d)); }

int weekday_of_day(long z) {
  long w = (z + 3) % 7;  // 1970-01-01 was a Thursday (4)
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

void week_monday(int iso_year, int week, int& y, int& m, int& d) {
  // Week 1 holds January 4th.
  const long jan4 = days_from_civil(iso_year, 1, 4);
  const long monday1 = jan4 - (weekday(iso_year, 1, 4) - 1);
  civil_from_days(monday1 + 7L * (week - 1), y, m, d);
}

Value week_of(int y, int m, int d) { return week_of_day(days_from_civil(y, m, d)); }

Value week_of_day(long z) {
  const long thursday = z + (4 - weekday_of_day(z));
  int ty, tm, td;
  civil_from_days(thursday, ty, tm, td);
  const long jan1 = days_from_civil(ty, 1, 1);
  Value v;
  v.grain = Grain::kWeek;
  v.year = ty;
  v.month = static_cast<int>((thursday - jan1) / 7 + 1);
  return v;
}

Value shift(const Value& v, Grain unit, long n) {
  Value out = v;
  switch (unit) {
    case Grain::kYear: out.year += static_cast<int>(n); break;
    case Grain::kQuarter: {
      if (v.grain == Grain::kQuarter) {
        long q = v.year * 4L + (v.month - 1) + n;
        out.year = static_cast<int>(q >= 0 ? q / 4 : (q - 3) / 4);
        out.month = static_cast<int>(q - out.year * 4L) + 1;
      } else {
        return shift(v, Grain::kMonth, 3 * n);
      }
      break;
    }
    case Grain::kMonth: {
      long mo = v.year * 12L + (v.month - 1) + n;
      out.year = static_cast<int>(mo >= 0 ? mo / 12 : (mo - 11) / 12);
      out.month = static_cast<int>(mo - out.year * 12L) + 1;
      if (out.day > days_in_month(out.year, out.month)) out.day = days_in_month(out.year, out.month);
      break;
    }
    case Grain::kWeek: {
      if (v.grain == Grain::kWeek) {
        int y, m, d;
        week_monday(v.year, v.month, y, m, d);
        civil_from_days(days_from_civil(y, m, d) + 7 * n, y, m, d);
        out = week_of(y, m, d);
      } else {
        return shift(v, Grain::kDay, 7 * n);
      }
      break;
    }
    case Grain::kDay:
    case Grain::kHour:
    case Grain::kMinute: {
      // Within one month (오늘, 어제, 明天 nearly always) the day number runs on with the
      // day: no conversion there and back. (Only from a valid date, which the two
      // conversions would otherwise turn into one.)
      if (v.month >= 1 && v.month <= 12) {
        const int length = days_in_month(v.year, v.month);
        if (v.day >= 1 && v.day <= length && n >= 1 - v.day && n <= length - v.day) {
          out.day = static_cast<int>(v.day + n);
          break;
        }
      }
      int y, m, d;
      civil_from_days(days_from_civil(v.year, v.month, v.day) + n, y, m, d);
      out.year = y, out.month = m, out.day = d;
      break;
    }
  }
  return out;
}

std::string format(const Value& v) {
  char buf[kFormatMax];
  return std::string(buf, format_to(v, buf));
}

}  // namespace hanfacts::date
