#include "date/lunar.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <memory>
#include <numbers>

#include "date/calendar.h"

namespace hanfacts::date {
namespace {

// ICU's extended year of the lunar year that begins in a Gregorian year: the Chinese
// calendar counts from 2637 BCE, the Korean one (dangi) from 2333 BCE.
constexpr int kChineseEpoch = 2637, kKoreanEpoch = 2333;
constexpr double kMsPerDay = 86400000.0;
constexpr double kJulianDay1970 = 2440587.5;  // 1970-01-01 00:00 UT

double sin_deg(double degrees) { return std::sin(degrees * std::numbers::pi / 180.0); }

// The instant (Julian ephemeris day) of mean-lunation number k's new moon, k = 0 at
// 2000-01-06: Meeus, Astronomical Algorithms (2nd ed.), chapter 49, with its periodic and
// planetary terms; accurate to seconds, which the day boundary needs (the new moon of
// February 2027 falls at 23:56 in Beijing).
double new_moon_jde(double k) {
  const double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1 - 0.002516 * t - 0.0000074 * t2;  // the Earth's orbit's eccentricity factor
  const double m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3;  // the Sun's mean anomaly
  const double mm = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;  // the Moon's
  const double f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;  // latitude
  const double node = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  jde += -0.40720 * sin_deg(mm) + 0.17241 * e * sin_deg(m) + 0.01608 * sin_deg(2 * mm) + 0.01039 * sin_deg(2 * f) +
         0.00739 * e * sin_deg(mm - m) - 0.00514 * e * sin_deg(mm + m) + 0.00208 * e * e * sin_deg(2 * m) -
         0.00111 * sin_deg(mm - 2 * f) - 0.00057 * sin_deg(mm + 2 * f) + 0.00056 * e * sin_deg(2 * mm + m) -
         0.00042 * sin_deg(3 * mm) + 0.00042 * e * sin_deg(m + 2 * f) + 0.00038 * e * sin_deg(m - 2 * f) -
         0.00024 * e * sin_deg(2 * mm - m) - 0.00017 * sin_deg(node) - 0.00007 * sin_deg(mm + 2 * m) +
         0.00004 * sin_deg(2 * mm - 2 * f) + 0.00004 * sin_deg(3 * m) + 0.00003 * sin_deg(mm + m - 2 * f) +
         0.00003 * sin_deg(2 * mm + 2 * f) - 0.00003 * sin_deg(mm + m + 2 * f) + 0.00003 * sin_deg(mm - m + 2 * f) -
         0.00002 * sin_deg(mm - m - 2 * f) - 0.00002 * sin_deg(3 * mm + m) + 0.00002 * sin_deg(4 * mm);
  // Planetary arguments: base and rate in degrees, amplitude in days.
  constexpr double kPlanetary[14][3] = {
      {299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
      {349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110},  {141.74, 53.303771, 0.000062},
      {207.14, 2.453732, 0.000060},  {154.84, 7.306860, 0.000056},  {34.52, 27.261239, 0.000047},
      {207.19, 0.121824, 0.000042},  {291.34, 1.844379, 0.000040},  {161.72, 24.198154, 0.000037},
      {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023}};
  for (size_t i = 0; i < std::size(kPlanetary); ++i) {
    const auto& [base, rate, amplitude] = kPlanetary[i];
    const double secular = i == 0 ? 0.009173 * t2 : 0;  // only the first argument has one
    jde += amplitude * sin_deg(base + rate * k - secular);
  }
  return jde;
}

// TT - UT in seconds (Espenak and Meeus's polynomials, NASA's eclipse pages): about a
// minute now, which moves a new moon across midnight only when it falls that close.
double delta_t(double y) {
  if (y < 1900 || y >= 2150) {
    const double u = (y - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (y < 1920) {
    const double t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t;
  }
  if (y < 1941) {
    const double t = y - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
  }
  if (y < 1961) {
    const double t = y - 1950;
    return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
  }
  if (y < 1986) {
    const double t = y - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
  }
  if (y < 2005) {
    const double t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t +
           0.00002373599 * t * t * t * t * t;
  }
  if (y < 2050) {
    const double t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const double u = (y - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - y);
}

// Hours east of UTC of the meridian a calendar counts days by: China's 120°E since 1929
// (Beijing's own before); Korea's 135°E, but 127.5°E before 1912 and in 1954-1961.
double zone_hours(bool korean, int year) {
  if (korean) return year < 1912 || (year >= 1954 && year <= 1961) ? 8.5 : 9.0;
  return year >= 1929 ? 8.0 : 116.4 / 15;
}

// Days since 1970-01-01 of the day, in that zone, that holds new moon k.
long new_moon_day(double k, bool korean, int year) {
  const double jd_ut = new_moon_jde(k) - delta_t(year) / 86400;
  return static_cast<long>(std::floor(jd_ut - kJulianDay1970 + zone_hours(korean, year) / 24));
}

// The lunation whose new moon is nearest day `day` (days since 1970).
double lunation_near(long day) {
  return std::round((static_cast<double>(day) + kJulianDay1970 - 2451550.09766) / 29.530588861);
}

// One thread's ICU calendars (made on first use: creating one costs far more than a
// conversion) and its answers so far.
struct Converter {
  std::unique_ptr<icu::Calendar> lunar[2];
  bool failed = false;
  // First days of months by key, direct-mapped: an article names a few lunar dates.
  struct Slot {
    uint32_t key = 0;   // 0: empty
    long first = 0;     // days since 1970 of the month's first day
    int days = 0;       // its length; 0 when ICU could not say
  };
  Slot memo[256];

  bool make() {
    UErrorCode st = U_ZERO_ERROR;
    // GMT throughout: a day of one calendar maps to a day of the other, no time zone.
    lunar[0].reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                                 icu::Locale("zh@calendar=chinese"), st));
    lunar[1].reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                                 icu::Locale("ko@calendar=dangi"), st));
    return U_SUCCESS(st) && lunar[0] && lunar[1];
  }

  // Month `month` of the lunar year beginning in Gregorian `year`. ICU knows which
  // lunation each month is (leap months, the year's start) but finds new moons only to
  // within minutes, which puts some months' first day a day off (the Chinese new year of
  // 2027 and 2030); the day of the new moon itself comes from new_moon_jde.
  const Slot& month(bool korean, LunarMonth lm) {
    const int year = lm.year, month = lm.month;
    const auto key = static_cast<uint32_t>(((year * 13 + month) * 2 + (lm.leap ? 1 : 0)) * 2 + (korean ? 1 : 0) + 1);
    Slot& slot = memo[(key * 0x9E3779B1u) >> 24];
    if (slot.key == key) return slot;
    slot = Slot{key, 0, 0};
    UErrorCode st = U_ZERO_ERROR;
    icu::Calendar& cal = *lunar[korean ? 1 : 0];
    cal.clear();
    cal.set(UCAL_EXTENDED_YEAR, year + (korean ? kKoreanEpoch : kChineseEpoch));
    cal.set(UCAL_MONTH, month - 1);
    cal.set(UCAL_IS_LEAP_MONTH, lm.leap ? 1 : 0);
    cal.set(UCAL_DATE, 1);
    const UDate when = cal.getTime(st);
    if (U_FAILURE(st)) return slot;
    // A leap month the year does not have: ICU moves to another month instead.
    if (lm.leap && (cal.get(UCAL_IS_LEAP_MONTH, st) != 1 || cal.get(UCAL_MONTH, st) != month - 1 || U_FAILURE(st)))
      return slot;
    const auto icu_first = static_cast<long>(std::floor(when / kMsPerDay));
    const double k = lunation_near(icu_first);
    const long first = new_moon_day(k, korean, year), next = new_moon_day(k + 1, korean, year);
    if (first - icu_first > 1 || icu_first - first > 1) {
      // Not the lunation ICU meant (never seen): trust ICU.
      slot.first = icu_first;
      slot.days = cal.getActualMaximum(UCAL_DATE, st);
      if (U_FAILURE(st)) slot.days = 0;
    } else {
      slot.first = first;
      slot.days = static_cast<int>(next - first);
    }
    return slot;
  }
};

// The calling thread's converter, or null when ICU could not make one.
Converter* converter() {
  thread_local Converter conv;
  if (!conv.lunar[0] && !conv.failed) conv.failed = !conv.make();
  return conv.failed ? nullptr : &conv;
}

bool in_range(int year, int month) { return year >= 1 && year <= 9998 && month >= 1 && month <= 12; }

}  // namespace

bool lunar_to_civil(LunarCalendar calendar, LunarMonth lm, int day, int& y, int& m, int& d) {
  Converter* conv = converter();
  if (!conv || !in_range(lm.year, lm.month) || day < 1) return false;
  const Converter::Slot& s = conv->month(calendar == LunarCalendar::kKorean, lm);
  if (s.days == 0 || day > s.days) return false;
  civil_from_days(s.first + day - 1, y, m, d);
  return true;
}

int lunar_month_days(LunarCalendar calendar, LunarMonth lm) {
  Converter* conv = converter();
  if (!conv || !in_range(lm.year, lm.month)) return 0;
  return conv->month(calendar == LunarCalendar::kKorean, lm).days;
}

}  // namespace hanfacts::date
