// Days of the lunisolar calendar in the Gregorian one, for holidays that follow the moon
// (설날, 추석, 春节, 中秋节; lexicons/date/holidays.tsv).
//
//   int y, m, d;
//   if (lunar_to_civil(LunarCalendar::kChinese, 2025, 8, 15, y, m, d)) ...  // 2025-10-06
//
// ICU computes the calendars astronomically (its Chinese calendar, and its Korean "dangi"
// one, which counts from Seoul's meridian); where a new moon falls within minutes of
// midnight an official calendar can differ by a day. Answers are kept per thread, so a
// holiday seen again costs a lookup.
#pragma once

namespace hanfacts::date {

enum class LunarCalendar { kChinese, kKorean };

// The Gregorian date of day `day` of (non-leap) month `month` of the lunar year that
// begins in Gregorian year `year`. False when ICU cannot say (a year out of its range).
bool lunar_to_civil(LunarCalendar calendar, int year, int month, int day, int& y, int& m, int& d);

}  // namespace hanfacts::date
