#include "date/lunar.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cstdint>
#include <memory>

namespace hanfacts::date {
namespace {

// ICU's extended year of the lunar year that begins in a Gregorian year: the Chinese
// calendar counts from 2637 BCE, the Korean one (dangi) from 2333 BCE.
constexpr int kChineseEpoch = 2637, kKoreanEpoch = 2333;

// One thread's ICU calendars (made on first use: creating one costs far more than a
// conversion) and its answers so far.
struct Converter {
  std::unique_ptr<icu::Calendar> lunar[2];
  std::unique_ptr<icu::GregorianCalendar> gregorian;
  // Answers by key, direct-mapped: an article names a few holidays of a few years.
  struct Slot {
    uint32_t key = 0;  // 0: empty
    int32_t ymd = -1;  // y * 10000 + m * 100 + d, or -1 when ICU could not say
  };
  Slot memo[256];
  bool failed = false;

  bool make() {
    UErrorCode st = U_ZERO_ERROR;
    // GMT throughout: a day of one calendar maps to a day of the other, no time zone.
    lunar[0].reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                                 icu::Locale("zh@calendar=chinese"), st));
    lunar[1].reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                                 icu::Locale("ko@calendar=dangi"), st));
    gregorian = std::make_unique<icu::GregorianCalendar>(*icu::TimeZone::getGMT(), st);
    return U_SUCCESS(st) && lunar[0] && lunar[1];
  }

  int32_t convert(int which, int year, int month, int day) {
    UErrorCode st = U_ZERO_ERROR;
    icu::Calendar& cal = *lunar[which];
    cal.clear();
    cal.set(UCAL_EXTENDED_YEAR, year + (which == 0 ? kChineseEpoch : kKoreanEpoch));
    cal.set(UCAL_MONTH, month - 1);
    cal.set(UCAL_IS_LEAP_MONTH, 0);
    cal.set(UCAL_DATE, day);
    const UDate when = cal.getTime(st);
    gregorian->setTime(when, st);
    const int32_t y = gregorian->get(UCAL_EXTENDED_YEAR, st);
    const int32_t m = gregorian->get(UCAL_MONTH, st) + 1;
    const int32_t d = gregorian->get(UCAL_DATE, st);
    if (U_FAILURE(st) || y < 1 || y > 9999) return -1;
    return y * 10000 + m * 100 + d;
  }
};

}  // namespace

bool lunar_to_civil(LunarCalendar calendar, int year, int month, int day, int& y, int& m, int& d) {
  if (year < 1 || year > 9998 || month < 1 || month > 12 || day < 1 || day > 30) return false;
  thread_local Converter conv;
  if (!conv.gregorian && !conv.failed) conv.failed = !conv.make();
  if (conv.failed) return false;
  const int which = calendar == LunarCalendar::kKorean ? 1 : 0;
  const auto key = static_cast<uint32_t>(((year * 13 + month) * 31 + day) * 2 + which + 1);
  Converter::Slot& slot = conv.memo[(key * 0x9E3779B1u) >> 24];
  if (slot.key != key) slot = {key, conv.convert(which, year, month, day)};
  if (slot.ymd < 0) return false;
  y = slot.ymd / 10000;
  m = slot.ymd / 100 % 100;
  d = slot.ymd % 100;
  return true;
}

}  // namespace hanfacts::date
