// Suites for dates (owned by the date work).
//
// Duckling (ko-time, zh-time): the whole text is one time expression. We pass when exactly
// one DATE fact covers it (at most one leftover character, a particle such as 에) and its
// value equals Duckling's, mapped to our conventions: a value at a grain prints at that
// grain (2013-02-18T00:00:00 day -> 2013-02-18, week -> 2013-W08), an interval's
// exclusive `to` becomes an inclusive end one grain earlier, an open interval is our
// value with `since` (only `from`) or `until` (only `to`).
//
// Recognizers-Text (zh-datetime, ko-datetime): a sentence with every expected entity.
// Date-like entities (date, daterange, datetime, datetimerange) must each hold one of our
// DATE facts whose value matches one of the entity's resolutions; every DATE fact we
// report must lie inside some date-like entity (so times, durations and sets must not
// become dates). Their spans include qualifiers (从, 以前) that ours leave out, so a fact
// inside the entity counts. Resolutions are compared as periods: a daterange
// [start, end) equals our period's first day and the day after it (or its last day:
// upstream writes some closed ranges with an inclusive end), an open range is our
// since/until flag at either boundary.
#include <cstdio>
#include <cstdlib>

#include "conformance.h"
#include "date/calendar.h"
#include "text/utf8.h"

namespace hanfacts::conformance {
namespace {

using date::Grain;
using date::Value;

// "2013-02-12T04:30:00" -> fields; false when malformed.
bool parse_stamp(const std::string& s, int& y, int& mo, int& d, int& h, int& mi) {
  h = mi = 0;
  if (s.size() < 10) return false;
  y = std::atoi(s.substr(0, 4).c_str());
  mo = std::atoi(s.substr(5, 2).c_str());
  d = std::atoi(s.substr(8, 2).c_str());
  if (s.size() >= 16) {
    h = std::atoi(s.substr(11, 2).c_str());
    mi = std::atoi(s.substr(14, 2).c_str());
  }
  return y > 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

bool grain_of(const std::string& name, Grain& g) {
  if (name == "year") g = Grain::kYear;
  else if (name == "quarter") g = Grain::kQuarter;
  else if (name == "month") g = Grain::kMonth;
  else if (name == "week") g = Grain::kWeek;
  else if (name == "day") g = Grain::kDay;
  else if (name == "hour") g = Grain::kHour;
  else if (name == "minute" || name == "second") g = Grain::kMinute;  // seconds are dropped
  else return false;
  return true;
}

// Duckling's start-of-period stamp at a grain as our Value.
bool duckling_value(const std::string& stamp, Grain g, Value& v) {
  int y, mo, d, h, mi;
  if (!parse_stamp(stamp, y, mo, d, h, mi)) return false;
  if (g == Grain::kWeek) {
    v = date::week_of(y, mo, d);
    return true;
  }
  v = Value{};
  v.grain = g;
  v.year = y;
  v.month = g == Grain::kQuarter ? (mo - 1) / 3 + 1 : mo;
  v.day = d;
  v.hour = h;
  v.minute = mi;
  return true;
}

// Duckling's expectation as our (value, flag) pair.
bool duckling_expectation(const json::Value& e, std::string& value, std::string& flag) {
  Grain g;
  if (!grain_of(e["grain"].text, g)) return false;
  Value v;
  if (e.has("value")) {
    if (!duckling_value(e["value"].text, g, v)) return false;
    value = date::format(v);
    return true;
  }
  const bool from = e.has("from"), to = e.has("to");
  Value a, b;
  if (from && !duckling_value(e["from"].text, g, a)) return false;
  if (to) {
    if (!duckling_value(e["to"].text, g, b)) return false;
    // Exclusive end -> inclusive: one grain earlier (hours and minutes step by days here
    // only when they cross midnight, which the suites do not do for date-like cases).
    if (g == Grain::kHour) {
      if (--b.hour < 0) return false;
    } else if (g == Grain::kMinute) {
      if (--b.minute < 0) return false;
    } else {
      b = date::shift(b, g, -1);
    }
  }
  if (from && to) {
    value = date::format(a) + "/" + date::format(b);
  } else if (from) {
    value = date::format(a);
    flag = "since";
  } else {
    // An open end means "before": Duckling's `to` is the boundary itself.
    if (!duckling_value(e["to"].text, g, b)) return false;
    value = date::format(b);
    flag = "until";
  }
  return true;
}

bool has_flag(const std::string& flags, const std::string& f) {
  return (";" + flags + ";").find(";" + f + ";") != std::string::npos;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    text::next_code_point(s, i);
    ++n;
  }
  return n;
}

Outcome score_duckling(const json::Value& ex, const Env& env) {
  std::string want, want_flag;
  if (!duckling_expectation(ex["expected"], want, want_flag)) return {false, "unmapped expectation"};
  DocContext ctx;
  ctx.ref_date = ex["ref"].text;
  const std::string& text = ex["text"].text;
  Extraction got = env.extractor.Extract(text, ctx);
  std::vector<const Fact*> dates;
  for (const Fact& f : got.facts)
    if (f.type == FactType::kDate) dates.push_back(&f);
  if (dates.size() != 1) {
    std::string d = std::to_string(dates.size()) + " dates";
    for (const Fact* f : dates) d += " [" + f->text + "=" + f->value + "]";
    return {false, d + "; want " + want};
  }
  const Fact& f = *dates[0];
  std::string detail = f.text + " = " + f.value + " " + f.unit + " [" + f.flags + "]; want " + want +
                       (want_flag.empty() ? "" : " [" + want_flag + "]");
  // Coverage: the fact and at most one leftover character besides spaces (a particle).
  std::string rest = text.substr(0, f.start) + text.substr(f.end);
  size_t leftover = 0;
  for (size_t i = 0; i < rest.size();) {
    const char32_t c = text::next_code_point(rest, i);
    if (c != U' ' && c != U',' && c != U'\u3000' && c != U'\uFF0C') ++leftover;
  }
  if (leftover > 1) return {false, "partial span: " + detail};
  if (f.value != want) return {false, detail};
  if (!want_flag.empty() && !has_flag(f.flags, want_flag)) return {false, "flag: " + detail};
  return {true, ""};
}

// --- Recognizers-Text --------------------------------------------------------------

// A period in days: [first, after) as days since the epoch, with the time when the
// value has one (minutes since midnight, -1 when none).
struct Period {
  long first = 0, after = 0, last = 0;
  long first_b = 0;  // first day of the last unit (of B in A/B)
  int minutes = -1, minutes_b = -1;
};

bool parse_value(const std::string& v, Period& p) {
  // Our values: 2025 | 2025-Q3 | 2025-09 | 2025-W44 | 2025-11-01[THH[:MM]] | A/B
  auto slash = v.find('/');
  if (slash != std::string::npos) {
    Period a, b;
    if (!parse_value(v.substr(0, slash), a) || !parse_value(v.substr(slash + 1), b)) return false;
    p.first = a.first;
    p.minutes = a.minutes;
    p.after = b.after;
    p.last = b.last;
    p.first_b = b.first;
    p.minutes_b = b.minutes;
    return true;
  }
  if (v.find('X') != std::string::npos || v.size() < 4) return false;
  const int y = std::atoi(v.substr(0, 4).c_str());
  if (v.size() == 4) {
    p.first = date::days_from_civil(y, 1, 1);
    p.after = date::days_from_civil(y + 1, 1, 1);
  } else if (v[5] == 'Q') {
    const int q = v[6] - '0';
    p.first = date::days_from_civil(y, 3 * q - 2, 1);
    p.after = q == 4 ? date::days_from_civil(y + 1, 1, 1) : date::days_from_civil(y, 3 * q + 1, 1);
  } else if (v[5] == 'W') {
    int yy, mm, dd;
    date::week_monday(y, std::atoi(v.substr(6, 2).c_str()), yy, mm, dd);
    p.first = date::days_from_civil(yy, mm, dd);
    p.after = p.first + 7;
  } else if (v.size() == 7) {
    const int m = std::atoi(v.substr(5, 2).c_str());
    p.first = date::days_from_civil(y, m, 1);
    p.after = m == 12 ? date::days_from_civil(y + 1, 1, 1) : date::days_from_civil(y, m + 1, 1);
  } else {
    const int m = std::atoi(v.substr(5, 2).c_str()), d = std::atoi(v.substr(8, 2).c_str());
    p.first = date::days_from_civil(y, m, d);
    p.after = p.first + 1;
    if (v.size() >= 13) p.minutes = std::atoi(v.substr(11, 2).c_str()) * 60 + (v.size() >= 16 ? std::atoi(v.substr(14, 2).c_str()) : 0);
  }
  p.last = p.after - 1;
  p.first_b = p.first;
  p.minutes_b = p.minutes;
  return true;
}

bool stamp_days(const std::string& s, long& days, int& minutes) {
  int y, mo, d, h, mi;
  if (!parse_stamp(s, y, mo, d, h, mi)) return false;
  days = date::days_from_civil(y, mo, d);
  minutes = s.size() >= 16 ? h * 60 + mi : -1;
  return true;
}

bool resolution_matches(const json::Value& r, const Fact& f) {
  Period p;
  if (!parse_value(f.value, p)) return false;
  const std::string type = r["type"].text;
  long d;
  int mins;
  if (r.has("value") && (type == "date" || type == "datetime")) {
    if (!stamp_days(r["value"].text, d, mins)) return false;
    if (type == "date") return p.first == d && p.after == d + 1 && p.minutes < 0;
    return p.first == d && p.minutes == mins;
  }
  const bool has_start = r.has("start") && !r["start"].text.empty();
  const bool has_end = r.has("end") && !r["end"].text.empty();
  long s = 0, e = 0;
  int ms = -1, me = -1;
  if (has_start && !stamp_days(r["start"].text, s, ms)) return false;
  if (has_end && !stamp_days(r["end"].text, e, me)) return false;
  if (ms >= 0 || me >= 0) {
    // Date-time ranges and open date-times: compare days and clock times.
    if (has_start && has_end)
      return p.first == s && p.minutes == ms && p.first_b == e && p.minutes_b == me;
    if (has_start) return has_flag(f.flags, "since") && p.first == s && p.minutes == ms;
    return has_flag(f.flags, "until") && p.first == e && p.minutes == me;
  }
  // Upstream ends are exclusive (the day after), or the first day of the last unit
  // (1995-1997年 ends 1997-01-01), or inclusive for some written-out day ranges.
  if (has_start && has_end) return p.first == s && (p.after == e || p.last == e || p.first_b == e);
  if (has_start) return has_flag(f.flags, "since") && (p.first == s || p.after == s);
  if (has_end) return has_flag(f.flags, "until") && (p.first == e || p.after == e || p.last == e);
  return false;
}

bool date_like(const std::string& type) {
  return type == "datetimeV2.date" || type == "datetimeV2.daterange" || type == "datetimeV2.datetime" ||
         type == "datetimeV2.datetimerange";
}

Outcome score_recognizers(const json::Value& ex, const Env& env) {
  DocContext ctx;
  if (ex["ref"].is_string()) ctx.ref_date = ex["ref"].text;
  const std::string& text = ex["text"].text;
  Extraction got = env.extractor.Extract(text, ctx);
  // Fact offsets are bytes; the suite's are code points.
  struct Span {
    size_t start, end;
    const Fact* fact;
  };
  std::vector<Span> facts;
  for (const Fact& f : got.facts)
    if (f.type == FactType::kDate)
      facts.push_back({code_points(std::string_view(text).substr(0, f.start)),
                       code_points(std::string_view(text).substr(0, f.end)), &f});
  std::string detail;
  std::vector<bool> used(facts.size(), false);
  bool ok = true;
  for (const json::Value& e : ex["expected"].items) {
    if (!e.is_object()) continue;
    const std::string type = e["type"].text;
    const size_t s = static_cast<size_t>(std::atol(e["start"].text.c_str()));
    const size_t en = static_cast<size_t>(std::atol(e["end"].text.c_str()));
    if (!date_like(type)) continue;
    bool matched = false;
    for (size_t k = 0; k < facts.size(); ++k) {
      if (facts[k].start < s || facts[k].end > en) continue;
      used[k] = true;
      for (const json::Value& r : e["values"].items)
        if (resolution_matches(r, *facts[k].fact)) matched = true;
    }
    if (!matched) {
      ok = false;
      detail += "missed " + e["text"].text + " (" + e["timex"].text + ")";
      if (!e["values"].items.empty()) {
        const json::Value& r = e["values"].items[0];
        detail += r.has("value") ? " " + r["value"].text : " " + r["start"].text + ".." + r["end"].text;
      }
      detail += "; ";
    }
  }
  for (size_t k = 0; k < facts.size(); ++k) {
    if (used[k]) continue;
    // A fact inside no date-like entity: a time, duration, set or nothing at all.
    ok = false;
    detail += "extra ";
  }
  if (!ok) {
    detail += "got:";
    for (const Span& f : facts) detail += " [" + f.fact->text + "=" + f.fact->value + " " + f.fact->flags + "]";
  }
  return {ok, detail};
}

}  // namespace

void register_time_suites(std::vector<Suite>& suites) {
  // Floors of issue 4 on the in-scope cases without listed conventions (runner.cpp):
  // every remaining in-scope failure is a "convention:" of GUIDELINES (N units ago is one
  // period at the unit's grain, weekday arithmetic, 지난 2일 = the 2nd, meteorological
  // seasons...). The strict rates (conventions counted as failures) are printed beside.
  suites.push_back({"duckling/ko-time.jsonl", 0.95, score_duckling});
  suites.push_back({"duckling/zh-time.jsonl", 0.95, score_duckling});
  suites.push_back({"recognizers/zh-datetime.jsonl", 0.90, score_recognizers});
  // recognizers/ko-datetime is not scored: upstream marks every case unsupported and 39
  // expected spans are untranslated English, so it serves as a source of phrases only.
}

}  // namespace hanfacts::conformance
