// Days of the lunisolar calendar in the Gregorian one, for holidays that follow the moon
// (설날, 추석, 春节, 中秋节; lexicons/date/holidays.tsv), and the days of its solar terms
// (清明, 冬至, 입춘), which follow the sun.
//
//   int y, m, d;
//   if (lunar_to_civil(LunarCalendar::kChinese, {2025, 8}, 15, y, m, d)) ...  // 2025-10-06
//   if (solar_term_to_civil(LunarCalendar::kChinese, 2025, 4, 1, y, m, d)) ...  // 清明: 2025-04-04
//
// ICU's calendars (its Chinese one, and its Korean "dangi" one, which counts days by
// Korea's meridian) say which lunation each month is, leap months included; the day each
// month begins comes from a precise new-moon formula, since ICU finds new moons only to
// within minutes and some month starts a day off (the Chinese new year of 2027 and
// 2030). For 1900-2100 a table of ICU's answers (lunar_table.h, held to ICU by a unit
// test) stands in for the calendars, which are made only for a year beyond it. Answers
// are kept per thread, so a date seen again costs a lookup.
#pragma once

namespace hanfacts::date {

enum class LunarCalendar { kChinese, kKorean };

// A month of the lunar year that begins in Gregorian year `year`: `month` 1..12, or the
// leap month that follows month `month` (闰六月) when `leap`.
struct LunarMonth {
  int year = 0, month = 0;
  bool leap = false;
};

// The Gregorian date of day `day` of lunar month `lm`. False when there is no such day
// (the 30th of a 29-day month, a leap month the year does not have) or ICU cannot say (a
// year out of its range).
bool lunar_to_civil(LunarCalendar calendar, LunarMonth lm, int day, int& y, int& m, int& d);

// The days of that month (29 or 30), or 0 when there is no such month.
int lunar_month_days(LunarCalendar calendar, LunarMonth lm);

// The month's first day (days since 1970-01-01) and length as lunar_to_civil takes them:
// from the table of the years 1900-2100 (false for another year), or from ICU's calendar
// (days 0: no such month). Both for the unit test that holds the table to ICU.
bool lunar_month_from_table(LunarCalendar calendar, LunarMonth lm, long& first, int& days);
void lunar_month_from_icu(LunarCalendar calendar, LunarMonth lm, long& first, int& days);

// The Gregorian date of a solar term: the day on which the sun's apparent longitude
// reaches the term's 15-degree mark, by the calendar's meridian (冬至 of 2025 falls at
// 23:03 in Beijing and so a day later in Seoul). Terms are named by the Gregorian month
// they fall in and `term` 1 (the month's first, 立春 in February, 清明 in April) or 2
// (its second, 春分 in March, 冬至 in December). False for a year beyond 1-9998.
bool solar_term_to_civil(LunarCalendar calendar, int year, int month, int term, int& y, int& m, int& d);

// Two more calendars that follow the moon, for their holidays (逾越节, 开斋节, 斋月): the
// Hebrew one and the Islamic one as Saudi Arabia's Umm al-Qura tables give it, both
// through ICU.
enum class WorldCalendar { kHebrew, kIslamic };

// The first Gregorian day (days since 1970-01-01) in Gregorian year `year` that is day
// `day` of month `month` of `calendar`, and that month's length in days. Hebrew months
// count from Tishri (1 Tishri, 3 Kislev, 6 Adar I, 7 Adar, Adar II in a leap year, 8
// Nisan, 13 Elul); Islamic ones from Muharram (9 Ramadan, 10 Shawwal). A Hebrew date
// falls once in every Gregorian year, an Islamic one once or twice (its year is 354
// days). False when ICU cannot say or the month does not exist that year (Adar I).
bool world_calendar_day(WorldCalendar calendar, int year, int month, int day, long& first, int& month_days);

}  // namespace hanfacts::date
