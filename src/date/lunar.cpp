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
#include "date/lunar_table.h"

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

// The sun's apparent ecliptic longitude in degrees [0, 360) at Julian ephemeris day
// `jde`: the Earth's heliocentric longitude from the largest terms of VSOP87 (Meeus,
// Astronomical Algorithms, appendix III), turned round to the sun and moved to FK5,
// less aberration, plus nutation in longitude (Meeus chapters 22 and 25). Good to a few
// arcseconds, a minute or two of the sun's motion: a solar term lands on the wrong day
// only when it falls that close to midnight.
double sun_longitude(double jde) {
  struct Term {
    double a, b, c;  // a cos(b + c tau), a in 1e-8 radians
  };
  static constexpr Term kL0[] = {
      {175347046, 0, 0},           {3341656, 4.6692568, 6283.0758500}, {34894, 4.62610, 12566.15170},
      {3497, 2.7441, 5753.3849},   {3418, 2.8289, 3.5231},            {3136, 3.6277, 77713.7715},
      {2676, 4.4181, 7860.4194},   {2343, 6.1352, 3930.2097},         {1324, 0.7425, 11506.7698},
      {1273, 2.0371, 529.6910},    {1199, 1.1096, 1577.3435},         {990, 5.233, 5884.927},
      {902, 2.045, 26.298},        {857, 3.508, 398.149},             {780, 1.179, 5223.694},
      {753, 2.533, 5507.553},      {505, 4.583, 18849.228},           {492, 4.205, 775.523},
      {357, 2.920, 0.067},         {317, 5.849, 11790.629},           {284, 1.899, 796.298},
      {271, 0.315, 10977.079},     {243, 0.345, 5486.778},            {206, 4.806, 2544.314},
      {205, 1.869, 5573.143},      {202, 2.458, 6069.777},            {156, 0.833, 213.299},
      {132, 3.411, 2942.463},      {126, 1.083, 20.775},              {115, 0.645, 0.980},
      {103, 0.636, 4694.003},      {102, 0.976, 15720.839},           {102, 4.267, 7.114},
      {99, 6.21, 2146.17},         {98, 0.68, 155.42},                {86, 5.98, 161000.69},
      {85, 1.30, 6275.96},         {85, 3.67, 71430.70},              {80, 1.81, 17260.15},
      {79, 3.04, 12036.46},        {75, 1.76, 5088.63},               {74, 3.50, 3154.69},
      {74, 4.68, 801.82},          {70, 0.83, 9437.76},               {62, 3.98, 8827.39},
      {61, 1.82, 7084.90},         {57, 2.78, 6286.60},               {56, 4.39, 14143.50},
      {56, 3.47, 6279.55},         {52, 0.19, 12139.55},              {52, 1.33, 1748.02},
      {51, 0.28, 5856.48},         {49, 0.49, 1194.45},               {41, 5.37, 8429.24},
      {41, 2.40, 19651.05},        {39, 6.17, 10447.39},              {37, 6.04, 10213.29},
      {37, 2.57, 1059.38},         {36, 1.71, 2352.87},               {36, 1.78, 6812.77},
      {33, 0.59, 17789.85},        {30, 0.44, 83996.85},              {30, 2.74, 1349.87},
      {25, 3.16, 4690.48}};
  static constexpr Term kL1[] = {
      {628331966747, 0, 0},      {206059, 2.678235, 6283.075850}, {4303, 2.6351, 12566.1517},
      {425, 1.590, 3.523},       {119, 5.796, 26.298},            {109, 2.966, 1577.344},
      {93, 2.59, 18849.23},      {72, 1.14, 529.69},              {68, 1.87, 398.15},
      {67, 4.41, 5507.55},       {59, 2.89, 5223.69},             {56, 2.17, 155.42},
      {45, 0.40, 796.30},        {36, 0.47, 775.52},              {29, 2.65, 7.11},
      {21, 5.34, 0.98},          {19, 1.85, 5486.78},             {19, 4.97, 213.30},
      {17, 2.99, 6275.96},       {16, 0.03, 2544.31},             {16, 1.43, 2146.17},
      {15, 1.21, 10977.08},      {12, 2.83, 1748.02},             {12, 3.26, 5088.63},
      {12, 5.27, 1194.45},       {12, 2.08, 4694.00},             {11, 0.77, 553.57},
      {10, 1.30, 6286.60},       {10, 4.24, 1349.87},             {9, 2.70, 242.73},
      {9, 5.64, 951.72},         {8, 5.30, 2352.87},              {6, 2.65, 9437.76},
      {6, 4.67, 4690.48}};
  static constexpr Term kL2[] = {{52919, 0, 0},       {8720, 1.0721, 6283.0758}, {309, 0.867, 12566.152},
                                 {27, 0.05, 3.52},    {16, 5.19, 26.30},         {16, 3.68, 155.42},
                                 {10, 0.76, 18849.23}, {9, 2.06, 77713.77},      {7, 0.83, 775.52},
                                 {5, 4.66, 1577.34}};
  static constexpr Term kL3[] = {{289, 5.844, 6283.076}, {35, 0, 0}, {17, 5.49, 12566.15}};
  static constexpr Term kL4[] = {{114, 3.142, 0}, {8, 4.13, 6283.08}, {1, 3.84, 12566.15}};
  const double tau = (jde - 2451545.0) / 365250;  // Julian millennia from J2000
  auto series = [tau](const auto& terms) {
    double sum = 0;
    for (const Term& x : terms) sum += x.a * std::cos(x.b + x.c * tau);
    return sum;
  };
  const double earth = (series(kL0) + tau * (series(kL1) + tau * (series(kL2) + tau * (series(kL3) + tau * series(kL4))))) / 1e8;
  const double t = tau * 10;  // Julian centuries
  double sun = earth * 180 / std::numbers::pi + 180;
  // To FK5: -0.09033 arcseconds. Aberration: -20.4898" at the sun's mean distance (its
  // change with distance is under half an arcsecond).
  sun += (-0.09033 - 20.4898) / 3600;
  // Nutation in longitude (Meeus 22, its four largest terms: within half an arcsecond).
  const double node = 125.04452 - 1934.136261 * t, l_sun = 280.4665 + 36000.7698 * t, l_moon = 218.3165 + 481267.8813 * t;
  sun += (-17.20 * sin_deg(node) - 1.32 * sin_deg(2 * l_sun) - 0.23 * sin_deg(2 * l_moon) + 0.21 * sin_deg(2 * node)) / 3600;
  return sun - 360 * std::floor(sun / 360);
}

// The lunation whose new moon is nearest day `day` (days since 1970).
double lunation_near(long day) {
  return std::round((static_cast<double>(day) + kJulianDay1970 - 2451550.09766) / 29.530588861);
}

// First day and length of month `lm` from the table of 1900-2100 (lunar_table.h): the
// lunation ICU makes it (the year's first month's lunation, plus the months before it,
// a leap month among them counting too), its first day and length by the new-moon
// formula. Days 0 for a leap month the year does not have. False outside the table.
bool table_month(bool korean, LunarMonth lm, long& first, int& days) {
  if (lm.year < kLunarTableFirstYear || lm.year > kLunarTableLastYear) return false;
  const LunarYear& ly = (korean ? kKoreanLunarYears : kChineseLunarYears)[lm.year - kLunarTableFirstYear];
  first = 0, days = 0;
  if (lm.leap && ly.leap != lm.month) return true;
  const int index = lm.leap ? lm.month : lm.month - 1 + (ly.leap != 0 && lm.month > ly.leap ? 1 : 0);
  const double k = lunation_near(ly.first) + index;
  first = new_moon_day(k, korean, lm.year);
  days = static_cast<int>(new_moon_day(k + 1, korean, lm.year) - first);
  return true;
}

// One thread's lunisolar months so far, and its ICU calendars for the years beyond the
// table (made on the first such year: creating them costs far more than a conversion,
// and their data 2.7 MB of memory).
struct Converter {
  std::unique_ptr<icu::Calendar> lunar[2];
  bool made = false, failed = false;
  // First days of months by key, direct-mapped: an article names a few lunar dates.
  struct Slot {
    uint32_t key = 0;   // 0: empty
    long first = 0;     // days since 1970 of the month's first day
    int days = 0;       // its length; 0 when there is no such month or ICU could not say
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

  // Month `month` of the lunar year beginning in Gregorian `year`, from the table when
  // it holds the year, else from ICU.
  const Slot& month(bool korean, LunarMonth lm) {
    const int year = lm.year, month = lm.month;
    const auto key = static_cast<uint32_t>(((year * 13 + month) * 2 + (lm.leap ? 1 : 0)) * 2 + (korean ? 1 : 0) + 1);
    Slot& slot = memo[(key * 0x9E3779B1u) >> 24];
    if (slot.key == key) return slot;
    slot = Slot{key, 0, 0};
    if (!table_month(korean, lm, slot.first, slot.days)) icu_month(korean, lm, slot.first, slot.days);
    return slot;
  }

  // The month through ICU. ICU knows which lunation each month is (leap months, the
  // year's start) but finds new moons only to within minutes, which puts some months'
  // first day a day off (the Chinese new year of 2027 and 2030); the day of the new moon
  // itself comes from new_moon_jde. Days 0 when there is no such month or ICU cannot say.
  void icu_month(bool korean, LunarMonth lm, long& first_out, int& days_out) {
    first_out = 0, days_out = 0;
    if (!made) made = true, failed = !make();
    if (failed) return;
    const int year = lm.year, month = lm.month;
    UErrorCode st = U_ZERO_ERROR;
    icu::Calendar& cal = *lunar[korean ? 1 : 0];
    cal.clear();
    cal.set(UCAL_EXTENDED_YEAR, year + (korean ? kKoreanEpoch : kChineseEpoch));
    cal.set(UCAL_MONTH, month - 1);
    cal.set(UCAL_IS_LEAP_MONTH, lm.leap ? 1 : 0);
    cal.set(UCAL_DATE, 1);
    const UDate when = cal.getTime(st);
    if (U_FAILURE(st)) return;
    // A leap month the year does not have: ICU moves to another month instead.
    if (lm.leap && (cal.get(UCAL_IS_LEAP_MONTH, st) != 1 || cal.get(UCAL_MONTH, st) != month - 1 || U_FAILURE(st)))
      return;
    const auto icu_first = static_cast<long>(std::floor(when / kMsPerDay));
    const double k = lunation_near(icu_first);
    const long first = new_moon_day(k, korean, year), next = new_moon_day(k + 1, korean, year);
    if (first - icu_first > 1 || icu_first - first > 1) {
      // Not the lunation ICU meant (never seen): trust ICU.
      first_out = icu_first;
      days_out = cal.getActualMaximum(UCAL_DATE, st);
      if (U_FAILURE(st)) days_out = 0;
    } else {
      first_out = first;
      days_out = static_cast<int>(next - first);
    }
  }
};

// The calling thread's converter.
Converter& converter() {
  thread_local Converter conv;
  return conv;
}

bool in_range(int year, int month) { return year >= 1 && year <= 9998 && month >= 1 && month <= 12; }

// One thread's Hebrew and Islamic calendars, made on first use (few texts name their
// holidays).
icu::Calendar* world_calendar(WorldCalendar which) {
  thread_local std::unique_ptr<icu::Calendar> cals[2];
  thread_local bool failed[2] = {false, false};
  const int k = which == WorldCalendar::kHebrew ? 0 : 1;
  if (!cals[k] && !failed[k]) {
    UErrorCode st = U_ZERO_ERROR;
    cals[k].reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                                icu::Locale(k == 0 ? "he@calendar=hebrew" : "ar@calendar=islamic-umalqura"), st));
    failed[k] = U_FAILURE(st) || !cals[k];
  }
  return failed[k] ? nullptr : cals[k].get();
}

}  // namespace

bool lunar_to_civil(LunarCalendar calendar, LunarMonth lm, int day, int& y, int& m, int& d) {
  if (!in_range(lm.year, lm.month) || day < 1) return false;
  const Converter::Slot& s = converter().month(calendar == LunarCalendar::kKorean, lm);
  if (s.days == 0 || day > s.days) return false;
  civil_from_days(s.first + day - 1, y, m, d);
  return true;
}

bool solar_term_to_civil(LunarCalendar calendar, int year, int month, int term, int& y, int& m, int& d) {
  if (!in_range(year, month) || (term != 1 && term != 2)) return false;
  // 立春 (February's first term) is at 315 degrees; each half month adds 15.
  const double target = std::fmod(315.0 + 30.0 * (month - 2 + 12) + 15.0 * (term - 1), 360.0);
  // From the usual day of the term (the 6th or the 21st), steps of the longitude still
  // to go at the sun's mean rate; each step leaves a few percent of the error before it.
  double jde = static_cast<double>(days_from_civil(year, month, term == 1 ? 6 : 21)) + kJulianDay1970 + 0.5;
  for (int i = 0; i < 8; ++i) {
    double ahead = target - sun_longitude(jde);
    ahead -= 360 * std::round(ahead / 360);  // the short way round, (-180, 180]
    jde += ahead * (365.2422 / 360);
    if (std::abs(ahead) < 1e-6) break;
  }
  const bool korean = calendar == LunarCalendar::kKorean;
  const double jd_ut = jde - delta_t(year) / 86400;
  civil_from_days(static_cast<long>(std::floor(jd_ut - kJulianDay1970 + zone_hours(korean, year) / 24)), y, m, d);
  return true;
}

bool world_calendar_day(WorldCalendar calendar, int year, int month, int day, long& first, int& month_days) {
  icu::Calendar* cal = world_calendar(calendar);
  const int months = calendar == WorldCalendar::kHebrew ? 13 : 12;
  if (!cal || year < 1 || year > 9998 || month < 1 || month > months || day < 1 || day > 30) return false;
  // The calendar years whose dates can fall in Gregorian `year`: a Hebrew year begins in
  // September or October (5786 in 2025), an Islamic one moves back 11 days a year.
  const int base = calendar == WorldCalendar::kHebrew ? year + 3760 : (year - 622) * 33 / 32;
  const int tries = calendar == WorldCalendar::kHebrew ? 2 : 4;
  bool found = false;
  for (int k = 0; k < tries; ++k) {
    const int cy = base + k - (calendar == WorldCalendar::kHebrew ? 0 : 1);
    UErrorCode st = U_ZERO_ERROR;
    cal->clear();
    cal->set(UCAL_EXTENDED_YEAR, cy);
    cal->set(UCAL_MONTH, month - 1);
    cal->set(UCAL_DATE, day);
    const UDate when = cal->getTime(st);
    // A month the year lacks (Adar I outside a leap year) or a day past its end: ICU
    // moves to another one.
    if (U_FAILURE(st) || cal->get(UCAL_MONTH, st) != month - 1 || cal->get(UCAL_DATE, st) != day || U_FAILURE(st))
      continue;
    const auto d = static_cast<long>(std::floor(when / kMsPerDay));
    int y, m, dd;
    civil_from_days(d, y, m, dd);
    if (y != year || (found && d >= first)) continue;
    const int length = cal->getActualMaximum(UCAL_DATE, st);
    if (U_FAILURE(st)) continue;
    first = d;
    month_days = length;
    found = true;
  }
  return found;
}

int lunar_month_days(LunarCalendar calendar, LunarMonth lm) {
  if (!in_range(lm.year, lm.month)) return 0;
  return converter().month(calendar == LunarCalendar::kKorean, lm).days;
}

bool lunar_month_from_table(LunarCalendar calendar, LunarMonth lm, long& first, int& days) {
  return in_range(lm.year, lm.month) && table_month(calendar == LunarCalendar::kKorean, lm, first, days);
}

void lunar_month_from_icu(LunarCalendar calendar, LunarMonth lm, long& first, int& days) {
  first = 0, days = 0;
  if (in_range(lm.year, lm.month)) converter().icu_month(calendar == LunarCalendar::kKorean, lm, first, days);
}

}  // namespace hanfacts::date
