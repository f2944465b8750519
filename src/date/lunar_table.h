// The lunisolar years 1900-2100 as ICU's Chinese and Korean (dangi) calendars count them:
// for the lunar year that begins in each Gregorian year, the day its first month begins
// (days since 1970-01-01, by ICU) and the month its leap month follows (0: none). Which
// lunation each month is follows from these; the day each begins comes from the new-moon
// formula in lunar.cpp, as it does for ICU's months.
//
//   const LunarYear& ly = kChineseLunarYears[year - kLunarTableFirstYear];
//
// The data is generated at build time with the ICU the project is built against
// (tools/gen_lunar_table.cpp, into the build folder's generated/lunar_table.cpp); the
// unit test "the lunisolar table agrees with ICU" compares every month of every year in
// it with ICU's calendars. Internal to src/date (lunar.cpp).
#pragma once

#include <cstdint>

namespace hanfacts::date {

struct LunarYear {
  int32_t first;  // days since 1970-01-01 of the first day of month 1
  int8_t leap;    // the leap month follows this month; 0: no leap month
};

inline constexpr int kLunarTableFirstYear = 1900, kLunarTableLastYear = 2100;
inline constexpr int kLunarTableYears = kLunarTableLastYear - kLunarTableFirstYear + 1;

extern const LunarYear kChineseLunarYears[kLunarTableYears];
extern const LunarYear kKoreanLunarYears[kLunarTableYears];

}  // namespace hanfacts::date
