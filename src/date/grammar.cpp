#include "date/grammar.h"

#include <algorithm>
#include <array>
#include <bit>
#include <climits>

#include "date/lunar.h"
#include "date/numbers.h"
#include "numeral/numeral.h"
#include "text/utf8.h"
#include "text/zh_words.h"

namespace hanfacts::date {
namespace {

constexpr size_t kNo = std::string_view::npos;

// The words an ordinal part (nth_part) may open with: 첫째 화요일, 的第三个月, 最后3周.
constexpr KindMask kNthOpeners =
    kind_bit(Kind::kLinker) | kind_bit(Kind::kNth) | kind_bit(Kind::kOrdinal) | kind_bit(Kind::kFirstN);

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u2018'; }
constexpr std::u32string_view kApostrophes = U"'\u2019\u2018";  // is_apostrophe's, for tables
// The marks that end a sentence in both languages (a '.' also can: see same_sentence).
bool is_sentence_mark(char32_t c) { return c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?' || c == U'\n'; }

// The code point at t[i] and the position after it (0 at the end). Han and Hangul
// inline: the grammar reads folded text, which is valid UTF-8. Inlined into its callers
// (the parts read a code point or two each, and GCC kept it out of line: a call, its
// spills and the returned pair cost more than the three-byte decode itself).
[[gnu::always_inline]] inline char32_t cp_at(std::string_view t, size_t i, size_t& next) {
  next = i;
  if (i >= t.size()) return 0;
  const auto* u = reinterpret_cast<const unsigned char*>(t.data()) + i;
  if ((u[0] & 0xF0) == 0xE0 && i + 2 < t.size()) {
    next = i + 3;
    return text::decode3(u);
  }
  return text::next_code_point(t, next);
}

// Whether the code point before t[i] is a Hangul syllable: three bytes in valid UTF-8
// (folded text), read in place.
bool hangul_before(std::string_view t, size_t i) {
  if (i < 3) return false;
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  if ((s[i - 3] & 0xF0) != 0xE0) return false;
  return text::is_hangul_syllable(text::decode3(s + i - 3));
}

char32_t cp_before(std::string_view t, size_t i) {
  if (i == 0) return 0;
  return prev_code_point(t, i);
}

// Skips up to three spaces (Korean spaces between parts: "2025년 11월 1일").
size_t skip_spaces(std::string_view t, size_t i) {
  for (int n = 0; n < 3 && i < t.size() && t[i] == ' '; ++n) ++i;
  return i;
}

Value year_value(int y) {
  Value v;
  v.grain = Grain::kYear;
  v.year = y;
  return v;
}
Value month_value(int y, int m) {
  Value v;
  v.grain = Grain::kMonth;
  v.year = y;
  v.month = m;
  return v;
}
Value day_value(int y, int m, int d) {
  Value v;
  v.grain = Grain::kDay;
  v.year = y;
  v.month = m;
  v.day = d;
  return v;
}

// Whether the holiday word `m` has after it (past spaces) a word it needs, when it needs
// one: bare 설 is the holiday only before 연휴, 명절… (Words::add_word's gate agrees).
// In a list of holidays the word may follow the last one only (聖誕、元旦假期: 圣诞
// needs 假期 or the like, which comes after 元旦): a list mark (kind holiday_list) and a
// holiday that has what it needs, or needs nothing, will do. So may a range's second end
// (清明至五一期间, 五一至国庆期间): a range word and such a holiday. So may a copula that
// makes the holiday another name of the date after it (동지인 22일, 동지인 다음 달 22일).
bool holiday_follows(const Words& w, std::string_view t, const Match& m, int listed = 0) {
  const Holiday& h = w.holiday(w.entry(m.entry).offset);
  if (h.follow.empty()) return true;
  const size_t j = skip_spaces(t, m.end);
  // The first byte first: most holiday words have none of their words after them, and
  // one compare of a byte turns most away before the string compare's call.
  for (const std::string& f : h.follow)
    if (f.empty() || (j < t.size() && t[j] == f[0] && t.compare(j, f.size(), f) == 0)) return true;
  if (const Match a = w.longest(t, m.end, kind_bit(Kind::kApposition))) {
    const size_t k = skip_spaces(t, a.end);
    if (k > a.end && k < t.size() && (is_digit(t[k]) || w.longest(t, k, kOpeners))) return true;
  }
  constexpr int kMaxListed = 3;
  if (listed < kMaxListed) {
    Match joint = w.longest(t, j, kind_bit(Kind::kHolidayList));
    if (!joint) joint = w.longest(t, j, kind_bit(Kind::kRange));
    if (joint) {
      const Match next = w.longest(t, skip_spaces(t, joint.end), kind_bit(Kind::kHoliday));
      if (next && holiday_follows(w, t, next, listed + 1)) return true;
    }
  }
  return false;
}

// The year of a yearly day nearest `today` (days since 1970), among the years around
// `year`: `day_in(y, day)` gives that day in year y (false when y has none); `dir` < 0
// keeps days before today, > 0 after it, 0 either. False when no year qualifies.
// (Holidays and lunisolar dates without a year: 지난 추석, 腊月廿三 in January.)
template <class DayIn>
bool nearest_year(int year, long today, int dir, DayIn day_in, int& best) {
  long best_gap = -1;
  for (int y = year - 1; y <= year + 1; ++y) {
    long day;
    if (!day_in(y, day) || (dir < 0 && day >= today) || (dir > 0 && day <= today)) continue;
    const long gap = day > today ? day - today : today - day;
    if (best_gap < 0 || gap < best_gap) best = y, best_gap = gap;
  }
  return best_gap >= 0;
}

// Chronological key of a value's first day (for ordering the ends of a range).
long first_day(const Value& v) {
  switch (v.grain) {
    case Grain::kYear: return days_from_civil(v.year, 1, 1);
    case Grain::kQuarter: return days_from_civil(v.year, 3 * (v.month - 1) + 1, 1);
    case Grain::kMonth: return days_from_civil(v.year, v.month, 1);
    case Grain::kWeek: {
      int y, m, d;
      week_monday(v.year, v.month, y, m, d);
      return days_from_civil(y, m, d);
    }
    default: return days_from_civil(v.year, v.month, v.day);
  }
}


unsigned flag_of(Tag t) {
  switch (t) {
    case Tag::kEarly: return kEarly;
    case Tag::kMid: return kMid;
    case Tag::kLate: return kLate;
    case Tag::kApprox: return kApprox;
    case Tag::kSince: return kSince;
    case Tag::kUntil: return kUntil;
    default: return 0;
  }
}

// The first or last point, at grain `g`, of a year, quarter or month value `v` of grain g
// or coarser: a range's end read at the finer grain of the two (2030 ends in 2030-12).
Value at_grain(const Value& v, Grain g, bool last) {
  Value out = v;
  out.grain = g;
  if (g == v.grain) return out;
  if (g == Grain::kQuarter) out.month = last ? 4 : 1;
  else if (v.grain == Grain::kYear) out.month = last ? 12 : 1;
  else out.month = 3 * (v.month - 1) + (last ? 3 : 1);  // a quarter's months
  return out;
}

// The first (or, with `last`, the last) day of the year, quarter, month or week `v`.
Value day_of(const Value& v, bool last) {
  if (v.grain == Grain::kDay) return v;
  Value out = v;
  if (v.grain == Grain::kWeek) {  // Monday to Sunday
    int y, m, d;
    week_monday(v.year, v.month, y, m, d);
    if (last) civil_from_days(days_from_civil(y, m, d) + 6, y, m, d);
    out.year = y, out.month = m, out.day = d;
    out.grain = Grain::kDay;
    return out;
  }
  if (v.grain == Grain::kYear) out.month = last ? 12 : 1;
  else if (v.grain == Grain::kQuarter) out.month = 3 * (v.month - 1) + (last ? 3 : 1);
  out.day = last ? days_in_month(out.year, out.month) : 1;
  out.grain = Grain::kDay;
  return out;
}

// Years, quarters and months: the grains a range may mix (내년 하반기부터 2030년까지).
bool is_coarse(Grain g) { return g == Grain::kYear || g == Grain::kQuarter || g == Grain::kMonth; }

struct Cur {
  bool set = false;
  Value a, b;
  bool interval = false;
  unsigned flags = 0;
  bool spelled = false;    // a spelled Sino-Korean year came first: 이천십오년 삼월 삼일
  bool inherited = false;  // the first part came from the other end of a range
  bool day_only = false;   // Parsed::day_only
  bool year_unnamed = false;  // Parsed::year_unnamed
  // The interval is a range the text wrote with both its ends (2023~2025년, 3至5月,
  // 民國115年至118年), read by one rule, as parse() reads 2026年至2029年: a since or until
  // word around it says nothing the range does not (自2026至2029年).
  bool written_range = false;
  std::string_view rule = "";  // a string literal (Parsed::rule)
  void point(const Value& v) {
    set = true;
    a = b = v;
    interval = false;
    written_range = false;
  }
  void range(const Value& x, const Value& y) {
    set = true;
    a = x;
    b = y;
    interval = true;
    written_range = false;
  }
  void written(const Value& x, const Value& y) {
    range(x, y);
    written_range = true;
  }
};

// Number + unit marker, or a range of two numbers sharing the marker (13~15일, 2023~2025년).
struct NumUnit {
  Num first, second;
  bool ranged = false;
  Tag tag = Tag::kNone;
  size_t end = kNo;
};

enum NumKinds : unsigned { kAllowDigits = 1, kAllowHan = 2, kAllowSino = 4 };

constexpr KindMask kWeekdayKinds = kind_bit(Kind::kWeekday) | kind_bit(Kind::kWeekdayShort);

class Parser {
 public:
  // `context` (what the text named before this parse) is read in place: it outlives the parser.
  Parser(const Words& w, std::string_view t, const core::RefDate* ref, const TextContext& context, WordCache* cache,
         const core::Document* doc)
      : cache_(cache), w_(w), t_(t), doc_(doc), context_(context) {
    if (ref) {
      ref_store_ = *ref;
      has_ref_store_ = true;
    } else {
      ref_store_ = core::RefDate{2000, 1, 1, -1, -1};
    }
  }

  // Whether the parse read the reference date or the context year: when it did not, its
  // result holds for any reference (find() reuses the parses dateline detection needed).
  bool ref_used() const { return ref_used_; }
  bool ctx_used() const { return ctx_used_; }

  bool parse(size_t pos, Parsed& out) {
    unsigned flags = 0;
    size_t i = pos;
    Match q = word(i, kind_bit(Kind::kQualBefore));
    if (q) {
      flags |= flag_of(w_.entry(q.entry).tag);
      i = sp(q.end);
    }
    const size_t start = i;
    i = after_lunar_mark(i);
    Cur a;
    size_t end = core(i, a);
    if (end == kNo) return false;
    // A weekday before the date it names: 周日, 二月十号.
    if (a.rule == kRuleWeekday) {
      size_t j = sp(end);
      if (j < t_.size() && t_[j] == ',') j = sp(j + 1);
      Cur d;
      const size_t e2 = j != end ? core(j, d) : kNo;
      if (e2 != kNo && d.a.grain == Grain::kDay && !d.interval) {
        a = d;
        end = e2;
      }
    }
    Cur& result = a;  // (a range reads a before it rewrites it)
    bool ranged = false;
    size_t after_between = 0;
    // A range: the second end inherits what it leaves out from the first (7月13日到15日).
    {
      size_t j = sp(end);
      Match r = word(j, kind_bit(Kind::kRange));
      // 2015年和2018年之间: "and" joins a range only when "between" closes it.
      const bool between = !r && (r = word(j, kind_bit(Kind::kBetween)));
      const bool coarse_a = is_coarse(a.a.grain) && a.a.grain == a.b.grain;
      // A weekend (이번 주말부터 다음 달 8일까지) is days: a range from it runs by days.
      const bool days_a = a.interval && a.a.grain == Grain::kDay && a.b.grain == Grain::kDay;
      if (r && (!a.interval || coarse_a || days_a)) {
        Cur b;
        base_ = &a.b;
        base_spelled_ = a.spelled;
        base_daypart_ = last_daypart_;
        // Inside a range a closing 间 or 之间 is "between", not a duration: 2025年至2030年间.
        between_ = true;
        // A second end that does not make a range leaves no lunisolar mark behind
        // (2025年5月1日—今年闰六月: the leap month is no reason to read 5月1日 as lunar).
        const LunarState lunar_before = lunar_state();
        size_t e2 = core(sp(r.end), b);
        base_ = nullptr;
        between_ = false;
        // A lunisolar second end after a Gregorian first (除夕至正月初三: a holiday's day,
        // then a lunisolar day) is turned into its Gregorian day on its own; the range is
        // then Gregorian, as its first end is.
        if (e2 != kNo && lunar_ && !lunar_before.lunar) {
          Cur civil = b;
          if (to_civil(civil)) b = civil;
          else e2 = kNo;
          set_lunar_state(lunar_before);
        }
        Match close = e2 != kNo ? word(e2, kind_bit(Kind::kBetweenEnd)) : Match{};
        if (between && !close) e2 = kNo;
        // 2050년대 중반에서 2071년으로: "from" and a to-word after the second end make a
        // change of one date into another, two dates, not a range (as for amounts).
        if (e2 != kNo && w_.entry(r.entry).tag == Tag::kFrom && word(e2, kind_bit(Kind::kChangeTo))) e2 = kNo;
        // Ends of one grain, or of years, quarters and months mixed (내년 하반기부터
        // 2030년까지, a half being an interval of months): then the range runs at the finer
        // grain of the two, from the first one's start to the second one's end.
        const bool same = !a.interval && !b.interval && b.a.grain == a.a.grain;
        Value from, to;  // the range's ends, when the two make one
        bool joins = false;
        if (e2 != kNo && !same && coarse_a && is_coarse(b.a.grain) && b.a.grain == b.b.grain &&
            !(b.inherited && b.a.grain == a.a.grain)) {
          const Grain g = std::max(a.a.grain, b.a.grain);  // the finer (Grain runs coarse to fine)
          from = at_grain(a.a, g, false), to = at_grain(b.b, g, true), joins = true;
        } else if (e2 != kNo && !same && !a.interval && !b.interval && !lunar_ && ends_day_and_coarse(a, b) &&
                   (w_.entry(r.entry).lang != Lang::kKo || until_after(e2))) {
          // A day and a coarser end (今年1月至11月24日, 내년 1월 1일부터 2030년까지): the range
          // runs by days, from the first end's first day to the second's last. A Korean
          // 부터 range needs its 까지 then: 다음 달 1일부터 연말 세일 names the sale.
          // A second end that took its year from the first and falls before it is in the
          // following year (本周至2月5日 in November).
          if (b.inherited && b.b.grain == Grain::kDay && first_day(b.b) < first_day(a.a)) b.b = shift(b.b, Grain::kYear, 1);
          from = day_of(a.a, false), to = day_of(b.b, true), joins = true;
        } else if (e2 != kNo && days_a && !b.interval && b.a.grain == Grain::kDay && !lunar_ &&
                   (w_.entry(r.entry).lang != Lang::kKo || until_after(e2))) {
          if (b.inherited && first_day(b.b) < first_day(a.a)) b.b = shift(b.b, Grain::kYear, 1);
          from = a.a, to = b.b, joins = true;
        } else if (e2 != kNo && same) {
          if ((b.inherited || lunar_) && first_day(b.b) < first_day(a.a)) {
            // 8月至2月: the second end is in the following year, or month when it names
            // only its day (30日至2日); so is a lunisolar one before the first
            // (腊月廿三至正月十五: the first month of the next lunar year).
            const Grain up = b.b.grain == Grain::kDay && b.b.month == a.a.month ? Grain::kMonth : Grain::kYear;
            b.b = shift(b.b, up, 1);
          }
          from = a.a, to = b.b, joins = true;
        }
        if (joins && first_day(to) >= first_day(from)) {
          result.range(from, to);
          result.flags = a.flags | (b.flags & kRelative);
          result.rule = "range";
          flags &= ~(kSince | kUntil);  // 从A到B: the range says it all
          end = e2;
          ranged = true;
          if (close) after_between = close.end;  // 之间 stays outside the span
        }
        if (!ranged) set_lunar_state(lunar_before);
      }
    }
    if (lunar_ && !to_civil(result)) return false;
    if (!lunar_ && !ranged) turn_bare_month(result);
    const bool both_ends = ranged || result.written_range;
    if (result.written_range) flags &= ~(kSince | kUntil);
    // Trailing qualifiers, outside the span.
    unsigned flags_after = 0;  // what the qualifiers after the date say
    size_t next = end;
    if (after_between) {
      next = after_between;
    } else {
      bool joint = false;
      // A quarter named by its position is a part of its year too (第2季後: since).
      const bool after_part = (result.flags & (kEarly | kMid | kLate)) != 0 ||
                              (result.a.grain == Grain::kQuarter && !result.interval);
      Match m = result.rule == kRuleHoliday ? qualifier_after_holiday(end, &joint) : qualifier_after(end, false, after_part);
      if (!m) m = qualifier_after_event(end);
      if (const size_t quoted = past_closing_quote(start, end); !m && quoted != end)
        m = result.rule == kRuleHoliday ? qualifier_after_holiday(quoted, &joint)
                                         : qualifier_after(quoted, false, after_part);
      // Two may stand together, an approximation first: 7월께부터 is about July, since;
      // 연말께까지 about the year's end, until.
      for (int k = 0; m && k < 2; ++k) {
        const unsigned f = flag_of(w_.entry(m.entry).tag);
        if (!(both_ends && (f & (kUntil | kSince)))) flags |= f;
        flags_after |= f;
        next = m.end;
        if (!(f & kApprox)) break;
        m = word(next, kind_bit(Kind::kQualAfter));
      }
      if (joint) next = end;
    }
    // 自五粮液1998年上市以来: 自 before the subject of the event the date is of, and 以来
    // after the event, mark since as 自 right before the date does.
    if (!q && !(flags & (kSince | kUntil)) && since_across_subject(start, end)) flags |= kSince;
    // 从上年的6.1%降至5.4%: a date followed by the possessive 的 names whose value the
    // sentence starts from, so the 从/自 before it is "from", not "since"; so does one with
    // a verb of one or two characters before 的 (记者从24日召开的会议上获悉: from the meeting
    // held on the 24th). (截至…的 keeps its "until": 截至2025年6月30日的第二季度 is the
    // quarter up to that day.)
    // So does one a viewpoint word closes (从三季报看，: judging from the Q3 report).
    // An approximation between the date and 的 changes nothing (从2018年前后的5亿元左右).
    if (q && (next == end || !(flags_after & (kSince | kUntil))) &&
        (possessive_after(next) || viewpoint_after(next)))
      flags &= ~(flag_of(w_.entry(q.entry).tag) & kSince);
    out.start = start;
    out.end = end;
    out.next = next;
    out.a = result.a;
    out.b = result.b;
    out.interval = result.interval;
    out.flags = result.flags | flags;
    out.rule = result.rule;
    out.looks_back = looks_back_;
    out.day_only = result.day_only;
    out.year_unnamed = result.year_unnamed;
    out.holiday = result.rule == kRuleHoliday ? holiday_ : -1;
    return true;
  }

 private:
  size_t sp(size_t i) const { return skip_spaces(t_, i); }

  const core::RefDate& ref() const {
    ref_used_ = true;
    return ref_store_;
  }
  bool has_ref() const {
    ref_used_ = true;
    return has_ref_store_;
  }
  // The offset of the era whose years the article writes bare (Words::bare_era_offset:
  // a Taiwanese article's 115年), or 0. The region is detected only when a year asks;
  // the answer counts as a read of the reference, so that a parse made without the
  // document (the dateline search's) is not reused.
  int bare_era_offset() const {
    ref_used_ = true;
    return doc_ && w_.bare_era_offset() != 0 && doc_->region() == core::Region::kTw ? w_.bare_era_offset() : 0;
  }

  // The cached walk at p (p < size): every kind's longest word there. The parts ask
  // about one position several times in a row (a marker for the year, the month, the
  // day): the last slot asked for is kept at hand.
  const WordCache::Slot& words_at(size_t p) const {
    if (last_slot_->pos == p) return *last_slot_;
    WordCache::Slot& s = cache_->slot[p & (WordCache::kSlots - 1)];
    if (s.pos != p) {
      w_.longest_each(t_, p, s.each);
      s.pos = p;
    }
    last_slot_ = &s;
    return s;
  }

  // False only where word(p, kinds) finds nothing: no word of `kinds` starts with the
  // byte at p (Words::may_hold), or the walk kept at hand is p's and has none. A test
  // without a call, for the questions most positions answer no (a qualifier after a date).
  [[gnu::always_inline]] bool may_hold_word(size_t p, KindMask kinds) const {
    return w_.may_hold(t_, p, kinds) && (last_slot_->pos != p || (last_slot_->each.kinds & kinds));
  }

  [[gnu::always_inline]] Match word(size_t p, KindMask kinds) const {
    if (!w_.may_hold(t_, p, kinds)) return Match{};
    // The grammar asks about the same few positions many times (a number's marker for
    // the year, the month, the day...): one walk per position answers every kind.
    const WordCache::Slot& s = words_at(p);
    const Words::Each* each = &s.each;
    if (!(each->kinds & kinds)) return Match{};
    Match m;
    for (KindMask left = kinds & each->kinds; left;) {
      const int k = __builtin_ctzll(left);
      left &= left - 1;
      if (!m || each->end[k] > m.end || (each->end[k] == m.end && each->entry[k] < m.entry))
        m = Match{each->entry[k], each->end[k]};
    }
    // A longer non-date word wins: 3일 전했다 is "reported on the 3rd", not "3 days ago".
    // One tagged `week` blocks only a weekday (上周日均 is last week's daily average, while
    // 3月1日均价 keeps its day).
    // A Chinese stop word counts only where jieba's segmentation keeps it whole: 下周一|举行
    // is "will hold next Monday" (举行 a word), where 本周|一举|拿下 keeps 一举.
    constexpr int kStopKind = static_cast<int>(Kind::kStop);
    if (m && (each->kinds & kind_bit(Kind::kStop)) && each->end[kStopKind] > m.end &&
        (w_.entry(each->entry[kStopKind]).tag != Tag::kWeek || (kinds & kWeekdayKinds)) &&
        !stop_crossed(p, each->end[kStopKind]))
      return Match{};
    // So does a one-syllable last word after a space (이번 주|총 is this week's AGM, 다음 달|러
    // no month): the syllable is a word of its own only before an ending or a date word.
    if (m && (m.end == p + 3 || (m.end >= p + 4 && t_[m.end - 4] == ' ')) && runs_on_in_word(m.end)) return Match{};
    return m;
  }

  // A one-syllable Korean date word (월, 일, 전, 말, 초, 경 …) goes on inside its word only
  // through a particle or ending (9월엔, 1일자로, 3년 전부터: the `ending` words), another
  // date word (9월말, 3년간) or a number (오후 두시삼십분). Any other syllable makes it a
  // piece of another word: 12월물 (a futures month), 3월호 (an issue), 9월 말레이시아,
  // 3일 전했다, 3년 후보, 경제. A longer date word keeps its meaning before a noun
  // (추석선물, 연말특수); the compounds where it does not are stop words (연말정산).
  // Kept for the last position asked: the markers and units a number's readings ask
  // about (년, 월, 일 as a marker, a unit, a count's unit...) end at the same place.
  bool runs_on_in_word(size_t end) const {
    if (end != runs_on_pos_) {
      runs_on_ = runs_on_read(end);
      runs_on_pos_ = end;
    }
    return runs_on_;
  }
  bool runs_on_read(size_t end) const {
    if (end + 3 > t_.size() || !hangul_syllable_at(end) || !hangul_syllable_at(end - 3)) return false;
    constexpr KindMask kGoesOn = ~kind_bit(Kind::kStop);
    if (w_.may_hold(t_, end, kGoesOn) && (words_at(end).each.kinds & kGoesOn)) return false;
    Num n;
    return !parse_native_korean(t_, end, n) && !parse_sino_korean(t_, end, n);
  }
  bool hangul_syllable_at(size_t p) const {
    const auto b0 = static_cast<unsigned char>(t_[p]);
    if (b0 < 0xEA || b0 > 0xED) return false;  // U+AC00..U+D7A3 lead with EA..ED
    size_t next = p;
    return text::is_hangul_syllable(cp_at(t_, p, next));
  }

  // What may open a part at p: the kinds of the words that start there and whether a
  // number does. Every part of a chain begins with one of its own words or with a number,
  // and tests that first, before it reads the reference or changes anything: core() and
  // chain() look once here and call only the parts whose first token is present, instead
  // of each part finding out through lookups of its own. (A superset: a word a longer
  // stop word hides still counts, so a part is only ever skipped when it would fail.)
  struct Opening {
    KindMask words = 0;
    bool number = false;
    bool has(KindMask kinds) const { return (words & kinds) != 0; }
  };
  Opening opening(size_t p) const {
    Opening o;
    if (p >= t_.size()) return o;
    if (w_.may_hold(t_, p, ~KindMask{0})) o.words = words_at(p).each.kinds;
    o.number = is_digit(t_[p]) || may_start_number(t_, p);
    return o;
  }

  // `holiday`: after a holiday name a one-syllable word after a space qualifies too
  // (추석 전, 설 연휴 전에: before the holiday), since no number can follow it there.
  // Words of kind qualifier_after_holiday qualify only there and after a part of a period
  // (中秋节后, 추석 직후, 12月中旬后, 年底后, 第2季後: since, `after_part`), since after a
  // number they say "later" (三年后, 3일 후).
  //
  // Most dates have no qualifier after them: that answer is tested here, inline, and
  // qualifier_checked reads the rest. It is exact: qualifier_checked looks for a word
  // only at `end` and past the spaces after it, and where may_hold_word says none starts
  // at either, word() finds none.
  Match qualifier_after(size_t end, bool holiday = false, bool after_part = false) const {
    const KindMask kinds = qualifier_kinds(holiday, after_part);
    if (!may_hold_word(end, kinds) && (end >= t_.size() || t_[end] != ' ' || !may_hold_word(sp(end), kinds)))
      return Match{};
    return qualifier_checked(end, holiday, after_part);
  }
  static KindMask qualifier_kinds(bool holiday, bool after_part) {
    return kind_bit(Kind::kQualAfter) | (holiday || after_part ? kind_bit(Kind::kQualAfterHoliday) : 0);
  }
  [[gnu::noinline]] Match qualifier_checked(size_t end, bool holiday, bool after_part) const {
    size_t from = end;
    const KindMask kinds = qualifier_kinds(holiday, after_part);
    Match m = word(end, kinds);
    if (!m) {
      const size_t j = sp(end);
      if (j == end) return m;
      m = word(j, kinds);
      // After a space only words of two or more syllables: "9월 이후", never "2025년 경제".
      if (m && m.end - j < 6 && !holiday) return Match{};
      if (!m) return m;
      from = j;
    }
    // A qualifier whose last character opens a date word running past it is none: in
    // 2025年至今年10月 the words are 至 and 今年, not 至今 "up to now". (Another qualifier
    // there is the same word read from inside: 이전에 holds 전에.) Words that say what is
    // no date (stop, viewpoint) are none: 元宵节以来|看房 keeps 以来, though 来看 ("judging
    // from") is one of both.
    if (m.end - from >= 6) {
      size_t last = m.end - 1;
      while (last > from && (static_cast<unsigned char>(t_[last]) & 0xC0) == 0x80) --last;
      const Words::Each& each = words_at(last).each;
      // Only the kinds present (a few bits), not every kind.
      constexpr KindMask kNoDate = kind_bit(Kind::kStop) | kind_bit(Kind::kViewpoint);
      for (KindMask left = each.kinds & ~kinds & ~kNoDate; left; left &= left - 1)
        if (each.end[__builtin_ctzll(left)] > m.end) return Match{};
    }
    // A one-syllable qualifier that opens a longer date word is that word: 설 전날 is the
    // eve of 설, not "before 설".
    if (holiday && m.end - from < 6) {
      const Words::Each& each = words_at(from).each;
      for (KindMask left = each.kinds; left; left &= left - 1)
        if (each.end[__builtin_ctzll(left)] > m.end) return Match{};
    }
    // A one-character Chinese qualifier that also opens a span (span_prefix, first_n: 前,
    // 后) followed by a numeral and a unit is that span: 2025年前三季度, 春节前10天. Another
    // stays a qualifier (明年起三年内: since, then within three years), as does a longer one
    // (年底之前一线城市) and one before a numeral that counts no period (春節前三讀, "before
    // the festival, the third reading").
    size_t next;
    cp_at(t_, from, next);
    if (m.end > next) return m;
    const char32_t after = cp_at(t_, m.end, next);
    if (!is_digit(static_cast<char>(after < 0x80 ? after : 0)) && !is_han_digit(after)) return m;
    if (!(words_at(from).each.kinds & (kind_bit(Kind::kSpanPrefix) | kind_bit(Kind::kFirstN)))) return m;
    Num n;
    if (!number(m.end, kAllowDigits | kAllowHan, n)) return Match{};
    size_t u = sp(n.end);
    if (const Match c = word(u, kind_bit(Kind::kClassifier))) u = c.end;
    if (!word(u, kind_bit(Kind::kMarker) | kind_bit(Kind::kSpanUnit))) return m;
    return Match{};
  }

  // One end a day, the other a year, quarter, month or week (이번 주부터 다음 달 10일까지: from
  // the week's Monday); a second end's day names its month (1月至24日 is no range: which
  // 24th is unclear).
  static bool ends_day_and_coarse(const Cur& a, const Cur& b) {
    const Grain ga = a.a.grain, gb = b.a.grain;
    if (gb == Grain::kDay && b.rule == "day") return false;
    const auto coarser = [](Grain g) { return is_coarse(g) || g == Grain::kWeek; };
    return (ga == Grain::kDay && coarser(gb)) || (coarser(ga) && gb == Grain::kDay);
  }
  // Whether an until word (까지, 为止) follows `end`.
  bool until_after(size_t end) const {
    const Match q = word(sp(end), kind_bit(Kind::kQualAfter));
    return q && (flag_of(w_.entry(q.entry).tag) & kUntil);
  }

  static constexpr std::string_view kDe = "\xE7\x9A\x84";  // 的, the possessive
  // Whether 的 follows `end` at once or after one or two Han characters (a verb: 召开的).
  bool possessive_after(size_t end) const {
    for (size_t i = end, k = 0; k <= 2 && i < t_.size(); ++k) {
      if (t_.compare(i, kDe.size(), kDe) == 0) return true;
      size_t next;
      const char32_t c = cp_at(t_, i, next);
      if (!text::is_han(c) || is_han_digit(c)) return false;
      i = next;
    }
    return false;
  }

  // 连续|第3季下跌, 连续|3季: after a duration word a quarter's number counts quarters (the
  // third in a row, three in a row), naming none. True when such a word ends at p, or
  // right before an ordinal that ends at p (the scan also tries the number: 连续第|3季).
  // Only a word of two characters (连续): the one-character ones (多, 来) also end names
  // before a quarter (拼多多|二季度, 蔚来|三季度).
  bool in_a_row(size_t p) const {
    // Either word ends right before p: most quarters have no character there that ends
    // any word (one bit), and need neither walk back.
    if (!w_.may_end_word(cp_before(t_, p))) return false;
    const size_t q = w_.word_ending_at(t_, p, kind_bit(Kind::kOrdinal), kMaxOrdinalBytes);
    return q >= kInARowWordBytes &&
           w_.word_ending_at(t_, q, kind_bit(Kind::kDurationAfter), kInARowWordBytes) == q - kInARowWordBytes;
  }
  static constexpr size_t kMaxOrdinalBytes = 6;  // 第
  static constexpr size_t kInARowWordBytes = 6;  // 连续: two characters, exactly

  // Whether a relative year word (전년, 지난해, 去年) ends right before p or one space before it.
  bool year_word_before(size_t p) const {
    // Korean spaces the words (전년 같은 날); Chinese does not (去年同日).
    const size_t e = p >= 1 && t_[p - 1] == ' ' ? p - 1 : p;
    for (size_t chars = 1, q = e; chars <= 3 && q >= 3; ++chars) {
      q -= 3;
      if (const Match y = word(q, kind_bit(Kind::kYearRel)); y && y.end == e) return true;
    }
    return false;
  }
  // Whether a viewpoint word (看, 来看) follows `end` at once or after a few Han characters
  // (三季|报|看, 今年|资助结果|看), and no letter, digit or character follows it.
  static constexpr size_t kMaxViewpointChars = 4;
  bool viewpoint_after(size_t end) const {
    for (size_t i = end, k = 0; k <= kMaxViewpointChars && i < t_.size(); ++k) {
      if (const Match m = word(i, kind_bit(Kind::kViewpoint))) {
        size_t next;
        if (m.end >= t_.size() || !text::is_word_char(cp_at(t_, m.end, next))) return true;
      }
      size_t next;
      const char32_t c = cp_at(t_, i, next);
      if (!text::is_han(c) || is_han_digit(c)) return false;
      i = next;
    }
    return false;
  }

  // Whether a since word of its own (自, by jieba's segmentation: not 来自, 自主) opens the
  // clause's subject before `start`, a few Han characters or a list of them back, and 以来
  // (a since word that counts up to now) closes the event after `end` in the same clause.
  // The subject may carry its gloss (自深度求索（DeepSeek）去年1月…), and the event Latin
  // letters and digits (发布R1模型以来).
  static constexpr int kMaxSubjectChars = 8, kMaxEventChars = 12;
  static constexpr size_t kMaxSubjectGlossBytes = 32;
  bool since_across_subject(size_t start, size_t end) const {
    // The event follows the date at once (1998年|上市以来). Tested inline, in parse():
    // about half the dates (every Korean one) stop here, where the call and the walk's
    // register saves cost more than the test.
    if (size_t next; end >= t_.size() || !text::is_han(cp_at(t_, end, next))) return false;
    return since_across_subject_walk(start, end);
  }
  [[gnu::noinline]] bool since_across_subject_walk(size_t start, size_t end) const {
    // The opener first: a one-byte table (may_hold2) rejects most positions before any
    // word lookup, and most dates have no since word a few characters back.
    constexpr KindMask kAfter = kind_bit(Kind::kQualAfter), kBefore = kind_bit(Kind::kQualBefore);
    size_t p = start, opener = kNo;
    if (p >= 3 && t_[p - 1] == ')') {  // (folded from （)
      const size_t open = t_.rfind('(', p - 1);
      if (open == std::string_view::npos || p - open > kMaxSubjectGlossBytes || open < 3) return false;
      p = open;
    }
    // The opener starts three bytes a character back from p, two to eight characters
    // back (the loop below looks there): most dates have none there, which a compare of
    // those bytes tells before any character is decoded.
    if (!w_.since_opener_stepping_back<2, kMaxSubjectChars>(t_, p)) return false;
    // Han characters and 、 are three bytes long (is_han's others, beyond the BMP, four):
    // where the byte three back leads a three-byte code point (valid UTF-8: that code
    // point ends at p), it is decoded in place, with none of cp_before's checks.
    const auto* u = reinterpret_cast<const unsigned char*>(t_.data());
    for (int chars = 0; chars < kMaxSubjectChars && p >= 3; ++chars) {
      const char32_t c = (u[p - 3] & 0xF0) == 0xE0 ? text::decode3(u + p - 3) : cp_before(t_, p);
      if (!text::is_han(c) && c != U'、') return false;
      p -= 3;
      if (chars > 0 && w_.may_open_since(c))
        if (const Match q = word(p, kBefore); q && q.end == p + 3 && (flag_of(w_.entry(q.entry).tag) & kSince)) {
          opener = p;
          break;
        }
    }
    if (opener == kNo) return false;
    // Not the end of a word (来自) nor the start of one (自主, 自己).
    if (const char32_t before = cp_before(t_, opener); text::is_han(before)) {
      size_t next;
      const char32_t pair[2] = {before, cp_at(t_, opener, next)};
      if (text::zh_words::cost(pair) >= 0) return false;
    }
    if (crossed(opener, opener + 3)) return false;
    for (size_t i = end, chars = 0; chars < kMaxEventChars && i < t_.size(); ++chars) {
      if (w_.may_hold2(t_, i, kAfter))
        if (const Match m = word(i, kAfter); m && w_.entry(m.entry).offset < 0) return true;
      size_t next;
      if (const char32_t c = cp_at(t_, i, next); !text::is_han(c) && !text::is_ascii_alpha(c) && !text::is_ascii_digit(c))
        return false;
      i = next;
    }
    return false;
  }

  // Where a quoted date's qualifier may start: past its closing quote when the date is all
  // the quote holds (“双11”以来 is since 双11), else `end`.
  size_t past_closing_quote(size_t start, size_t end) const {
    if (start == 0 || end >= t_.size()) return end;
    // The closing mark first: one byte rules out most dates (no quote after them),
    // before any code point is decoded.
    const auto b0 = static_cast<unsigned char>(t_[end]);
    if (b0 != 0xE2 && b0 != 0xE3 && b0 != '"' && b0 != '\'') return end;
    size_t next;
    const char32_t open = cp_before(t_, start), close = cp_at(t_, end, next);
    const bool pair = (open == U'\u201C' && close == U'\u201D') || (open == U'\u2018' && close == U'\u2019') ||
                      (open == U'\u300C' && close == U'\u300D') || (open == U'\u300E' && close == U'\u300F') ||
                      (open == close && (open == U'"' || open == U'\''));
    return pair ? next : end;
  }

  // 2011년 가동 이후, 2024년 상장 이후, 내년 3월 신학기부터: a Korean date, one noun of two
  // to four syllables (the event the date is of: 정상회담), and a since word after a space or glued
  // to the noun: the date is since, as 自2025年投产以来 is in Chinese. The noun stays outside
  // the span. Only since: 까지 after a noun is as often "even" (물량까지), 이전 "transfer"
  // (기술 이전); and a glued 부터 after 로 is "from" a source (정부로부터). A compound
  // event noun may be longer before a spaced since word (2024년 동계청소년올림픽 이후).
  static constexpr int kMaxEventSyllables = 4, kMaxSpacedEventSyllables = 8;
  Match qualifier_after_event(size_t end) const {
    if (end >= t_.size() || t_[end] != ' ') return Match{};
    size_t j = end + 1, next = 0;
    char32_t last = 0;
    for (int syllables = 1; syllables <= kMaxSpacedEventSyllables && j < t_.size(); ++syllables) {
      last = cp_at(t_, j, next);
      if (!text::is_hangul_syllable(last)) return Match{};
      j = next;
      if (syllables < 2 || j >= t_.size()) continue;
      const bool spaced = t_[j] == ' ';
      const size_t at = spaced ? j + 1 : j;
      // Most syllables open no qualifier: two bytes tell, before a walk.
      const Match m = w_.may_hold2(t_, at, kind_bit(Kind::kQualAfter)) ? word(at, kind_bit(Kind::kQualAfter)) : Match{};
      const bool since = m && m.end - at >= 6 && flag_of(w_.entry(m.entry).tag) == kSince;
      if (spaced) return since ? m : Match{};
      if (since && last != U'로' && syllables <= kMaxEventSyllables) return m;
    }
    return Match{};
  }

  // The qualifier after a holiday ending at `end`: a word for the days around it (two at
  // most: 설 연휴 기간까지) may come between, and stays outside the span (추석 연휴부터,
  // 春节假期以来). So may a second holiday that makes one break with it: the qualifier of
  // 中秋国庆假期前 bounds both (中秋 until, 国庆 until), and so does a list of two with
  // a word for their days after it (聖誕節及元旦假期前: the list mark, role holiday_list,
  // between them). Without that word a listed holiday keeps its qualifier to itself: in
  // 双11和圣诞节前后 only Christmas is approximate.
  // `joint` says a second holiday came between: the scan goes on after the first, so that
  // the second is a date of its own.
  Match qualifier_after_holiday(size_t end, bool* joint = nullptr) const {
    Match m = qualifier_after(end, true);
    bool listed = false;  // a list mark before the second holiday
    for (size_t j = end, k = 0; !m && k < 2; ++k) {
      Match days = word(sp(j), kind_bit(Kind::kHolidayPeriod));
      if (!days && j == end && joint) {
        const Match mark = word(j, kind_bit(Kind::kHolidayList));
        if ((days = holiday_word(mark ? sp(mark.end) : j))) *joint = true, listed = static_cast<bool>(mark);
      }
      if (!days) break;
      j = days.end;
      if (!listed || k > 0) m = qualifier_after(j, true);
    }
    return m;
  }

  // Whether an approximate-count word at p (多, 余) is "many" before the noun it counts
  // (2025年|多家公司, 10月|多地), not "and more" after the number before it.
  bool says_many(size_t p) const {
    const Match ap = word(p, kind_bit(Kind::kApproxCount));
    return ap && word(ap.end, kind_bit(Kind::kManyNoun));
  }

  // `named`: the number and unit before p name a period by its position (3분기, 9월,
  // 2026년), so a "within" word after it (안에, 내에, 内) keeps it a date: 3분기 안에 is
  // "within Q3", where 3개월 안에 is "within three months".
  bool is_duration_after(size_t p, bool named = false) const {
    // 10月和5月间: inside "A和B间" the closing 间 is not the 间 of a duration.
    if (between_ && word(p, kind_bit(Kind::kBetweenEnd))) return false;
    auto counts = [&](const Match& m) { return !(named && w_.entry(m.entry).tag == Tag::kWithin); };
    if (says_many(p)) return false;
    if (const Match m = word(p, kind_bit(Kind::kDurationAfter))) return counts(m);
    // After a space only Korean words (3일 동안): Chinese does not space its words, and
    // "2025年8月20日　来源" is a dateline followed by its source. A word of one syllable
    // there is that word only when it ends its own: 3분기 여수 is Yeosu, not "3 quarters and
    // more" (3년여 glued stays a count).
    const size_t j = sp(p);
    if (j == p) return false;
    const Match m = word(j, kind_bit(Kind::kDurationAfter));
    if (m && m.end == j + 3 && hangul_syllable_at(m.end)) return false;
    return m && w_.entry(m.entry).lang == Lang::kKo && counts(m);
  }

  bool number(size_t p, unsigned allow, Num& n) const {
    if (p >= t_.size()) return false;
    if (is_digit(t_[p])) return (allow & kAllowDigits) && digits(p, n);
    if ((allow & kAllowHan) && han(p, n)) return true;
    if ((allow & kAllowSino) && sino(p, n)) return true;
    return false;
  }

  // Number, optional space, a marker whose tag is in `tags` (bit per Tag); or two
  // numbers joined by a range connector before the marker.
  // (The first number is read straight into `out`: a copy of a Num that a reader has
  // just written through memory is a store-forwarding stall.)
  // `after_month`: the number follows its month (1月|8日), so it names a day, whatever
  // word comes after it (2023年1月8日|內地: no "within 8 days").
  // `out` is set whole when it succeeds, and left for the caller to drop when it fails
  // (every caller's own is fresh: clearing it here again cost eight stores a call).
  bool num_unit(size_t p, unsigned allow, unsigned tags, NumUnit& out, bool after_month = false) const {
    out.ranged = false;
    if (!number(p, allow, out.first)) return false;
    const Num& n = out.first;
    auto marker = [&](size_t at, Match& m) {
      m = word(at, kind_bit(Kind::kMarker));
      if (m && (tags & (1u << static_cast<unsigned>(w_.entry(m.entry).tag)))) return true;
      // A space before the unit only for years (2008 年), or in a spaced Chinese month and
      // day (11 月 28 日, as some outlets space digits): "10 月" alone reads as ten months.
      // (With no space, the marker there is the one just turned away.)
      const size_t spaced = sp(at);
      if (spaced == at) return false;
      m = word(spaced, kind_bit(Kind::kMarker));
      if (!m) return false;
      const unsigned tag = 1u << static_cast<unsigned>(w_.entry(m.entry).tag);
      const unsigned year_tags = tagbit(Tag::kYear) | tagbit(Tag::kFiscalYear) | tagbit(Tag::kDecade);
      return (tags & year_tags & tag) || ((tags & tag) && spaced_month_day(p, spaced, m));
    };
    Match m;
    if (marker(n.end, m)) {
      out.second = n;
      out.tag = w_.entry(m.entry).tag;
      out.end = m.end;
    } else {
      Match r = word(sp(n.end), kind_bit(Kind::kRange));
      if (!r) return false;
      // Only digits form a bare-number range (13~15일, 5-10月): 一到十月 is not one.
      if (n.form != NumForm::kDigits) return false;
      if (!number(sp(r.end), kAllowDigits, out.second) || !marker(out.second.end, m)) return false;
      out.ranged = true;
      out.tag = w_.entry(m.entry).tag;
      out.end = m.end;
    }
    // 2027至2029年间: a closing 间 after a range of numbers is "between", as after a range
    // of dates (between_), not a duration's.
    if (out.ranged && word(out.end, kind_bit(Kind::kBetweenEnd))) return true;
    // Months and four-digit years name a period; days and short years may count one,
    // unless a month is named before the day.
    const bool named = out.tag == Tag::kMonth || out.tag == Tag::kQuarter || after_month ||
                       ((out.tag == Tag::kYear || out.tag == Tag::kFiscalYear) && out.first.digits == 4);
    if (is_duration_after(out.end, named)) return false;
    return true;
  }

  static unsigned tagbit(Tag t) { return 1u << static_cast<unsigned>(t); }

  // Whether the Chinese marker `m` at `at`, after the number at `p` and a space, is part
  // of a spaced month and day: 月 with a day and its 日 or 号 after it, or 日/号 after such
  // a month (11 月 28 日).
  bool spaced_month_day(size_t p, size_t at, const Match& m) const {
    size_t next;
    if (!text::is_han(cp_at(t_, at, next))) return false;
    const Tag tag = w_.entry(m.entry).tag;
    const unsigned day_tags = tagbit(Tag::kDay) | tagbit(Tag::kDayOfMonth);
    if (tag == Tag::kMonth) {
      Num day;
      if (!number(sp(m.end), kAllowDigits, day)) return false;
      const Match d = word(sp(day.end), kind_bit(Kind::kMarker));
      return d && (day_tags & tagbit(w_.entry(d.entry).tag));
    }
    if (!(day_tags & tagbit(tag))) return false;
    // The month's marker, one Han character, ends before the day's number and its space.
    size_t q = p;
    if (q > 0 && t_[q - 1] == ' ') --q;
    if (q < 3) return false;
    const Match month = word(q - 3, kind_bit(Kind::kMarker));
    return month && month.end == q && w_.entry(month.entry).tag == Tag::kMonth;
  }

  // What follows the digits at q: the tags of the markers num_unit may take after them
  // (right after the number or after spaces), whether a range connector follows (13~15일:
  // the marker comes after the second number) or a '·' or '/' (1·4분기), and whether a
  // count's unit or vague-count mark does (3년 전, 10여 년). Every reading of digits as a
  // part needs one of these, and they name the part: chain() and core() call only the
  // parts the unit after the digits allows (2025년 is no quarter, month or day; 97일 no
  // year), instead of each part reading the number, the marker and the connector again.
  // Kept for the last position asked, like the numbers themselves. (Digits only: every
  // part reads them the same way, where a Hangul syllable may open a Sino-Korean or a
  // native Korean number depending on the part.)
  // (Only pos is set when the parser is built: digits_unit_read sets every field before
  // any is read.)
  struct DigitsUnit {
    size_t pos = kNo;
    bool known;  // digits at pos
    unsigned tags;
    bool range, dot, count;
    long value;  // of the digits, which every part bounds (a month is 1 to 12)
    bool leading_zero;
  };
  const DigitsUnit& digits_unit(size_t q) const { return digits_unit_.pos == q ? digits_unit_ : digits_unit_read(q); }
  // (Out of line: read once per position, and kept out of the parts' inlined code.)
  // Written in place, field by field: a local DigitsUnit copied in at the end went
  // through the stack in byte stores read back 16 bytes at a time (two
  // store-forwarding stalls per number, a third of this function's time).
  [[gnu::noinline]] const DigitsUnit& digits_unit_read(size_t q) const {
    DigitsUnit& u = digits_unit_;
    u.pos = q;
    u.known = false;
    u.tags = 0;
    u.range = u.dot = u.count = false;
    u.value = 0;
    u.leading_zero = false;
    Num n;
    if (q < t_.size() && is_digit(t_[q]) && digits(q, n)) {
      u.known = true;
      u.value = n.value;
      u.leading_zero = n.leading_zero;
      const size_t s = sp(n.end);
      auto tags_at = [&](size_t at) {
        const Match m = word(at, kind_bit(Kind::kMarker));
        return m ? tagbit(w_.entry(m.entry).tag) : 0u;
      };
      u.tags = tags_at(n.end) | (s != n.end ? tags_at(s) : 0u);
      u.range = static_cast<bool>(word(s, kind_bit(Kind::kRange)));
      const auto* b = reinterpret_cast<const unsigned char*>(t_.data()) + n.end;
      u.dot = n.end < t_.size() && (b[0] == '/' || (b[0] == 0xC2 && n.end + 1 < t_.size() && b[1] == 0xB7));
      u.count = (word(n.end, kind_bit(Kind::kApproxCount)) && !says_many(n.end)) || word(s, kind_bit(Kind::kSpanUnit));
    }
    return u;
  }
  static constexpr long kNoBound = 999999999;  // above any nine digits
  static constexpr unsigned kYearTags = 1u << static_cast<unsigned>(Tag::kYear) |
                                        1u << static_cast<unsigned>(Tag::kFiscalYear) |
                                        1u << static_cast<unsigned>(Tag::kDecade);
  // False when the number at q is digits that take no marker of `tags` (neither right
  // after them nor through a range: num_unit(q, ..., tags) would fail), or whose value
  // is outside [lo, hi], the bounds of the part's first number (97일 is no day).
  bool unit_may_be(size_t q, unsigned tags, long lo = 0, long hi = kNoBound) const {
    const DigitsUnit& u = digits_unit(q);
    return !u.known || (((u.tags & tags) || u.range) && u.value >= lo && u.value <= hi);
  }
  // A quarter (1 to 4) may also be written 1·4분기 or 3/4분기.
  bool quarter_may_be(size_t q) const {
    const DigitsUnit& u = digits_unit(q);
    return !u.known || (((u.tags & tagbit(Tag::kQuarter)) || u.range || u.dot) && u.value >= 1 && u.value <= 4);
  }
  // A count (3년 전) is 1 to 999, without a leading zero, with a unit or vague-count mark.
  bool count_may_be(size_t q) const {
    const DigitsUnit& u = digits_unit(q);
    return !u.known || (u.count && u.value >= 1 && u.value < 1000 && !u.leading_zero);
  }

  // --- reference-dependent values -------------------------------------------------

  // A value computed from the reference date by arithmetic (지난해, 3년 전, 上周二).
  Value arith(Value v, Cur& cur) const {
    cur.flags |= kRelative;
    if (!has_ref()) v.x_year = v.x_month = v.x_day = true;
    return v;
  }
  Value ref_day() const { return day_value(ref().year, ref().month, ref().day); }

  // The year (and month) a partial date leaves out: from the range's first end if any,
  // else from the reference date.
  void take_year(Cur& cur, int& y, bool& x) const {
    if (base_) {
      y = base_->year;
      x = base_->x_year;
      cur.inherited = true;
      return;
    }
    y = ref().year;
    x = !has_ref();
    cur.flags |= kRelative;
    lunar_year_from_ref_ = true;  // to_civil() picks the nearest lunar year instead
  }
  // Whether months m1..m2 written at i open a parenthesis right after the quarter the text
  // last named and lie inside it (1분기|(|1~3월).
  bool glosses_quarter(size_t i, int m1, int m2) {
    if (base_ || i == 0 || t_[i - 1] != '(') return false;
    ctx_used_ = true;
    const int first = 3 * context_.quarter - 2;
    return context_.quarter > 0 && context_.quarter_end == i - 1 && m1 >= first && m2 <= first + 2;
  }
  void take_month(Cur& cur, int& m, bool& x) const {
    if (base_ && (base_->grain == Grain::kDay || base_->grain == Grain::kHour || base_->grain == Grain::kMinute)) {
      m = base_->month;
      x = base_->x_month;
      cur.inherited = true;
      return;
    }
    m = ref().month;
    x = !has_ref();
    cur.flags |= kRelative;
  }

  // --- the parts -------------------------------------------------------------------

  // `cur` comes in fresh and holds the answer when it is not kNo (else anything). The
  // readers below write their Cur only when they succeed, except chain(), whose Cur is
  // the answer unless a count reads further.
  size_t core(size_t p, Cur& cur) {
    if (p < t_.size() && is_digit(t_[p])) {
      size_t e = p;
      while (e < t_.size() && is_digit(t_[e])) ++e;
      // A numeric date (2025-11-01, 2025.11.1, 2/15) has its separator right after the
      // digits (at most nine: what parse_digits reads); most numbers have none.
      const char sep = e < t_.size() ? t_[e] : 0;
      if (e - p <= 9 && (sep == '-' || sep == '/' || sep == '.')) {
        const size_t e1 = numeric(p, cur);
        if (e1 != kNo) return e1;
      }
      // Every other reading of a number goes on with a word (a unit, a count mark, a
      // range connector) right after it or after spaces, or with the '/' or '·' of 3/4분기;
      // a clock time ends a range (base_). So when no word starts at the digits or
      // right after them (the '.' of 1.5 and 2030.79.48, the ':' of 57:69), none can.
      if (!base_) {
        constexpr KindMask kAny = ~KindMask{0};
        if (e < t_.size() && t_[e] != ' ' && t_[e] != '/' && static_cast<unsigned char>(t_[e]) != 0xC2 &&
            !w_.may_hold(t_, e, kAny) && !w_.may_hold(t_, p, kAny))
          return kNo;
      }
    }
    const Opening o = opening(p);
    constexpr KindMask kCountedWords = kind_bit(Kind::kFirstN) | kind_bit(Kind::kSpanPrefix) | kind_bit(Kind::kCountedSpan);
    const bool count_opens = o.number && count_may_be(p);
    if (!count_opens && !o.has(kCountedWords)) return chain(p, cur, o);
    Cur count;
    const size_t e1 = counted(p, count, o);
    const size_t e2 = chain(p, cur, o);
    if (e1 != kNo && (e2 == kNo || e1 >= e2)) {
      cur = count;
      return e1;
    }
    return e2;
  }

  // 2025-11-01, 2025.11.1, 2025. 11. 01. 21:27, 2025/11/01, 74/10/31, 3/3/2015, 2/15.
  size_t numeric(size_t p, Cur& cur) {
    Num a, b, c;
    if (!digits(p, a)) return kNo;
    size_t i = a.end;
    if (i >= t_.size()) return kNo;
    const char sep = t_[i];
    if (sep != '-' && sep != '/' && sep != '.') return kNo;
    bool spaced = false;
    size_t j = i + 1;
    if (sep == '.' && j < t_.size() && t_[j] == ' ') {
      spaced = true;
      j = sp(j);
    }
    if (!digits(j, b) || b.digits > 2) {
      return kNo;
    }
    size_t k = b.end;
    bool three = false;
    if (k < t_.size() && t_[k] == sep) {
      size_t k2 = k + 1;
      if (spaced) k2 = sp(k2);
      if (digits(k2, c)) three = true;
    }
    size_t end;
    int y = 0, m = 0, d = 0;
    bool partial = false, dot_after = false;
    if (three) {
      end = c.end;
      if (a.digits == 4 && c.digits <= 2) {
        y = static_cast<int>(a.value), m = static_cast<int>(b.value), d = static_cast<int>(c.value);
        if (y < 1000 || y > 2999) return kNo;
      } else if (a.digits <= 2 && sep == '/' && a.value <= 12 && (c.digits == 4 || c.digits == 2)) {
        // Month/day/year, the order of slashed dates in Chinese and English text.
        m = static_cast<int>(a.value), d = static_cast<int>(b.value);
        y = static_cast<int>(c.value);
        if (c.digits == 2) y += y < 50 ? 2000 : 1900;
      } else if (a.digits == 2 && c.digits <= 2 && sep != '.') {
        y = static_cast<int>(a.value);
        y += y < 50 ? 2000 : 1900;
        m = static_cast<int>(b.value), d = static_cast<int>(c.value);
      } else {
        return kNo;
      }
      // More digits or separators: a phone number, an address, a version. A dash may
      // still open a range (2018/1/10-2018/7/10).
      if (end < t_.size() && is_digit(t_[end])) return kNo;
      if (end + 1 < t_.size() && (t_[end] == '.' || t_[end] == '/' || t_[end] == ':') && is_digit(t_[end + 1]))
        return kNo;
      if (sep == '.' && spaced && end < t_.size() && t_[end] == '.') ++end;
      // 2025.04.10. 오후 1:20: the closing period of an unspaced date joins it only
      // when a time of day follows (2025.04.10. at the end of a sentence stays out).
      dot_after = sep == '.' && !spaced && end < t_.size() && t_[end] == '.';
    } else {
      // Month/day: only with a slash, and not two one-digit numbers (1/2 is a fraction).
      if (sep != '/' || a.digits > 2 || (a.value < 10 && b.value < 10)) return kNo;
      end = b.end;
      if (end < t_.size() && (is_digit(t_[end]) || t_[end] == '/' || t_[end] == '.' || t_[end] == '%')) return kNo;
      m = static_cast<int>(a.value), d = static_cast<int>(b.value);
      partial = true;
    }
    if (m < 1 || m > 12 || d < 1 || d > 31) return kNo;
    Value v = day_value(y, m, d);
    if (partial) {
      bool x;
      take_year(cur, v.year, x);
      v.x_year = x;
    }
    cur.point(v);
    cur.rule = partial ? std::string_view("month_day_slash") : "numeric_date";
    // A weekday after it restates the day, as after 19일 (2026-11-06 星期五).
    if (size_t w = weekday_after(end); w != kNo || (dot_after && (w = weekday_after(end + 1)) != kNo)) {
      end = w;
      dot_after = false;
    }
    size_t t2 = time_after(end, cur, Tag::kNone);
    if (t2 == kNo && dot_after) t2 = time_after(end + 1, cur, Tag::kNone);
    return t2 != kNo ? t2 : end;
  }

  // 지난 2주, 上两个月, 下三年: the N whole units before or after the reference one.
  size_t span_before_after(size_t p, Cur& cur) {
    Match pre = word(p, kind_bit(Kind::kSpanPrefix));
    if (!pre) return kNo;
    // The count after it is a vague-count word or a number, which most prefixes have none
    // of (上|半年, 지난|해, 다음| 달): two bytes and a table turn those away before any reader.
    const size_t i = sp(pre.end);
    if (!w_.may_hold2(t_, i, kind_bit(Kind::kVagueCount)) && !may_start_number(t_, i)) return kNo;
    // 签下|15年: a one-character prefix that ends a word with the character before it
    // (签下 "signed", 以下, 留下) is that word's, no "next".
    if (pre.end == p + 3 && p >= 3) {
      size_t next;
      const char32_t pair[2] = {cp_before(t_, p), cp_at(t_, p, next)};
      if (text::is_han(pair[0]) && text::zh_words::cost(pair) >= 0) return kNo;
      // 项目实施的|前两年: after the possessive 的 it is the first N units of what precedes,
      // no span before the reference (今年的前两个月 is read from 今年, as nth_part does).
      if (t_.compare(p - kDe.size(), kDe.size(), kDe) == 0) return kNo;
    }
    Num n;
    bool vague = false;
    if (Match v = word(i, kind_bit(Kind::kVagueCount))) {
      // 다음 몇일: "a few" units, read as the count the lexicon gives, flagged approx.
      n.value = w_.entry(v.entry).offset;
      n.end = v.end;
      vague = true;
    } else if (!number(i, kAllowDigits | kAllowHan | kAllowSino, n) && !parse_native_korean(t_, i, n)) {
      return kNo;
    }
    if (n.value <= 0 || n.value >= 100 || n.form == NumForm::kHanSequence) return kNo;
    Match u = word(sp(n.end), kind_bit(Kind::kSpanUnit));
    if (!u && w_.entry(pre.entry).lang == Lang::kZh && n.form != NumForm::kDigits) {
      // 前两月: a spelled count before a bare 月 counts months (a digit before 月 names one:
      // 前3月 stays "before March").
      Match mk = word(n.end, kind_bit(Kind::kMarker));
      size_t after;
      const char32_t c = mk ? cp_at(t_, mk.end, after) : 0;
      if (mk && w_.entry(mk.entry).tag == Tag::kMonth && !is_han_digit(c) && !(c < 0x80 && is_digit(static_cast<char>(c))))
        u = mk;
    }
    if (!u) return kNo;
    const Entry& ue = w_.entry(u.entry);
    // 지난 2일 is "on the 2nd", the usual Korean way to date a past day.
    if (ue.lang == Lang::kKo && ue.tag == Tag::kDay && !vague) return kNo;
    if (word(sp(u.end), kind_bit(Kind::kAgo)) || is_duration_after(u.end)) return kNo;
    Value v;
    Grain g;
    switch (ue.tag) {
      case Tag::kYear: v = year_value(ref().year), g = Grain::kYear; break;
      case Tag::kMonth: v = month_value(ref().year, ref().month), g = Grain::kMonth; break;
      case Tag::kWeek: v = week_of(ref().year, ref().month, ref().day), g = Grain::kWeek; break;
      case Tag::kDay: v = ref_day(), g = Grain::kDay; break;
      default: return kNo;
    }
    const int dir = w_.entry(pre.entry).offset;
    const Value a = shift(v, g, dir < 0 ? -n.value : 1), b = shift(v, g, dir < 0 ? -1 : n.value);
    // One unit is that unit, not an interval of one: 前一周 is last week (2026-W36).
    if (n.value == 1) cur.point(arith(a, cur));
    else cur.range(arith(a, cur), arith(b, cur));
    if (vague) cur.flags |= kApprox;
    cur.rule = "units_before_after";
    return u.end;
  }

  // 前10个月, 前10月, 首7个月 without a year: the first N months of the reference year,
  // the way year-to-date figures are reported. 首 always reads so; 前 (also "the N
  // months before") only when month N is one of the three before the reference month,
  // when such figures come out (前两个月 in November stays the two months before).
  size_t first_months(size_t p, Cur& cur) {
    const Match f = word(p, kind_bit(Kind::kFirstN));
    if (!f) return kNo;
    Num n;
    if (!number(f.end, kAllowDigits | kAllowHan, n) || n.form == NumForm::kHanSequence || n.value < 1 ||
        n.value > 12)
      return kNo;
    const Match u = word(n.end, kind_bit(Kind::kSpanUnit) | kind_bit(Kind::kMarker));
    if (!u || w_.entry(u.entry).tag != Tag::kMonth) return kNo;
    if (is_duration_after(u.end) || word(u.end, kind_bit(Kind::kAgo))) return kNo;
    const int k = static_cast<int>(n.value), now = ref().month;
    if (word(p, kind_bit(Kind::kSpanPrefix)) && !(k < now && k >= now - 3)) return kNo;
    cur.range(arith(month_value(ref().year, 1), cur), arith(month_value(ref().year, k), cur));
    cur.rule = "first_months";
    return u.end;
  }

  // 今（31）日, 明（2027）年: Taiwanese news writes a number inside a relative word, after
  // its first code point. The word of `kinds` the first code point and what follows the
  // closing bracket spell, with its number of at most `max_digits` digits in `n`, or no
  // match. Its end is in the text (after the bracket and the word's rest).
  Match bracketed_word(size_t p, KindMask kinds, int max_digits, Num& n) {
    if (p + 3 >= t_.size() || t_[p + 3] != '(') return Match{};
    if (!digits(p + 4, n) || n.digits > max_digits) return Match{};
    const size_t close = n.end;
    if (close >= t_.size() || t_[close] != ')') return Match{};
    char joined[16];
    const size_t rest = std::min<size_t>(t_.size() - close - 1, sizeof joined - 3);
    t_.copy(joined, 3, p);
    t_.copy(joined + 3, rest, close + 1);
    const std::string_view w(joined, 3 + rest);
    Match m = w_.longest(w, 0, kinds);
    if (!m || m.end <= 3) return Match{};
    m.end = close + 1 + (m.end - 3);
    return m;
  }

  // 今（31）日, 昨（30）日: the day is that of the month the day word points to.
  size_t bracketed_day(size_t p, Cur& cur) {
    Num d;
    const Match m = bracketed_word(p, kind_bit(Kind::kDayRel), 2, d);
    if (!m || d.value < 1 || d.value > 31) return kNo;
    const Value day = shift(ref_day(), Grain::kDay, w_.entry(m.entry).offset);
    if (static_cast<int>(d.value) > days_in_month(day.year, day.month)) return kNo;
    cur.point(arith(day_value(day.year, day.month, static_cast<int>(d.value)), cur));
    cur.rule = "bracketed_day";
    return m.end;
  }

  // 明（2027）年, 去（2025）年: the year is written, so it needs no reference date.
  size_t bracketed_year(size_t p, Cur& cur) {
    Num y;
    const Match m = bracketed_word(p, kind_bit(Kind::kYearRel), 4, y);
    if (!m || y.digits != 4 || y.value < 1000 || y.value > 2999 || w_.entry(m.entry).tag == Tag::kContext)
      return kNo;
    cur.point(year_value(static_cast<int>(y.value)));
    cur.rule = "bracketed_year";
    return m.end;
  }

  // 3년 전, 10여 년 전, 两年前, 5天后, 두 달 전. `o`: opening(p), which names the readings
  // that may start here (each opens with a word of its own or a number).
  size_t counted(size_t p, Cur& cur, const Opening& o) {
    {
      size_t e = o.has(kind_bit(Kind::kFirstN)) ? first_months(p, cur) : kNo;
      if (e == kNo && o.has(kind_bit(Kind::kSpanPrefix))) e = span_before_after(p, cur);
      if (e != kNo) return e;
    }
    if (p >= t_.size()) return kNo;
    unsigned flags = 0;
    long count;
    size_t i;
    Tag unit;
    if (const Match both = word(p, kind_bit(Kind::kCountedSpan))) {
      // 이틀 전, 열흘 뒤, 일주일 전: the count and its unit in one word.
      count = w_.entry(both.entry).offset;
      unit = w_.entry(both.entry).tag;
      i = both.end;
    } else {
      Num n;
      if (is_digit(t_[p])) {
        if (!digits(p, n) || n.value >= 1000 || n.leading_zero) return kNo;
      } else if (!o.number || (!han(p, n) && !parse_native_korean(t_, p, n))) {
        return kNo;
      }
      if (n.value <= 0 || n.form == NumForm::kHanSequence) return kNo;
      i = n.end;
      Match ap = word(i, kind_bit(Kind::kApproxCount));
      if (ap) flags |= kApprox, i = ap.end;
      i = sp(i);
      Match u = word(i, kind_bit(Kind::kSpanUnit));
      if (!u) return kNo;
      count = n.value;
      unit = w_.entry(u.entry).tag;
      i = u.end;
    }
    const Match ap = word(i, kind_bit(Kind::kApproxCount));
    if (ap) flags |= kApprox, i = ap.end;
    Match ago = word(sp(i), kind_bit(Kind::kAgo));
    if (!ago) return kNo;
    // 13일 전날보다 is "on the 13th, than the day before": a longer day word (전날) that
    // opens with the ago word is that word, not "13 days ago".
    if (const Match day = word(sp(i), kind_bit(Kind::kDayRel)); day && day.end > ago.end) return kNo;
    // 22일 전주시청에서, 22일 전주 한옥마을: a Korean ago word glued to a unit or marker
    // opens a name (전주, Jeonju), not a compound as 9월말 is ("22 days ago's week" is
    // none); endings and qualifiers still follow it (3년 전부터, 10년 전쯤, 사흘 뒤에).
    if (hangul_syllable_at(ago.end - 3) && ago.end + 3 <= t_.size() && hangul_syllable_at(ago.end) &&
        word(ago.end, kind_bit(Kind::kSpanUnit) | kind_bit(Kind::kMarker)))
      return kNo;
    // 주총 2주 전까지: a count after an event noun counts from that event, no date; so
    // does one a word of completion opens (运营满|一年后: once it has run a full year).
    if (after_event_noun(p) || after_duration_word(p)) return kNo;
    // 추수감사절인 26일 이후: a day count of a month's length before an ago word tagged as a
    // since or until qualifier too (이후, 以后) is the day of the month with its qualifier,
    // not days later; 3일 전, 3일 후 and 사흘 뒤 stay counts.
    if (const Tag also = w_.entry(ago.entry).tag; (also == Tag::kSince || also == Tag::kUntil) && unit == Tag::kDay &&
                                                  is_digit(t_[p]) && count <= 31 && !(flags & kApprox))
      return kNo;
    const long off = w_.entry(ago.entry).offset * count;
    Value v;
    Grain g;
    switch (unit) {
      case Tag::kYear: v = year_value(ref().year), g = Grain::kYear; break;
      case Tag::kMonth: v = month_value(ref().year, ref().month), g = Grain::kMonth; break;
      case Tag::kWeek: v = week_of(ref().year, ref().month, ref().day), g = Grain::kWeek; break;
      case Tag::kDay: v = ref_day(), g = Grain::kDay; break;
      default: return kNo;
    }
    cur.point(arith(shift(v, g, off), cur));
    cur.flags |= flags;
    cur.rule = "counted_offset";
    return ago.end;
  }

  // Whether a Korean event noun (date_words.tsv, event_noun) stands one space before p, as
  // a word of its own: 주총 |2주 전까지, 회계연도 개시 |15일 전인.
  bool after_event_noun(size_t p) const {
    if (p < 2 || t_[p - 1] != ' ') return false;
    const size_t end = p - 1;
    // The word before the space starts where its syllables do, at most an event noun's
    // length back; the whole word is the event noun or none.
    size_t from = end;
    while (from >= 3 && end - from < kMaxEventNounBytes && text::is_hangul_syllable(text::code_point_at(t_, from - 3)))
      from -= 3;
    if (from == end || (from >= 3 && text::is_hangul_syllable(text::code_point_at(t_, from - 3)))) return false;
    const std::string_view head = t_.substr(0, end);
    return w_.may_hold(head, from, kind_bit(Kind::kEventNoun)) &&
           w_.longest(head, from, kind_bit(Kind::kEventNoun)).end == end;
  }
  static constexpr size_t kMaxEventNounBytes = 15;  // 지방선거, 주주총회, 정상회담

  // Whether a word of kind duration_before (满, 届满) ends right at p.
  bool after_duration_word(size_t p) const {
    constexpr size_t kMaxChars = 2;
    size_t from = p;
    for (size_t n = 0; n < kMaxChars && from > 0; ++n) {
      prev_code_point(t_, from);
      if (w_.longest(t_.substr(0, p), from, kind_bit(Kind::kDurationBefore)).end == p) return true;
    }
    return false;
  }

  // The year part: 2025년, 二〇二五年, '25년, 08年, 이천십오년, 1990년대, 2023~2025년, 지난해.
  // `two_digit` tells the caller a bare two-digit year needs a month after it (18年10月).
  size_t year_part(size_t p, Cur& cur, bool& two_digit) {
    two_digit = false;
    if (const size_t e = bracketed_year(p, cur); e != kNo) return e;
    // (One byte says most numbers are no such span: the fifth after four digits.)
    if (p + 4 < t_.size() && (t_[p + 4] == '/' || t_[p + 4] == '-'))
      if (const size_t e = fiscal_year_span(p, &cur); e != kNo) return e;
    Match m = word(p, kind_bit(Kind::kYearRel));
    // A word tagged `follow` is the year only before a rel_follow word (올 들어, 올 한 해);
    // before anything else it is another word's (올 것이다) or a prefix (올 3월, its own
    // reading).
    if (m && w_.entry(m.entry).tag == Tag::kFollow && !word(sp(m.end), kind_bit(Kind::kRelFollow))) m = Match{};
    // 五年内 is "within five years": after a numeral, 年内 is the numeral's unit and "within"
    // (so 十来年, 第3次年会). Digits that end a Latin name are no count: Walker S2今年.
    if (m && p > 0) {
      const char32_t before = cp_before(t_, p);
      if (before < 0x80 && is_digit(static_cast<char>(before))) {
        size_t d = p - 1;
        while (d > 0 && is_digit(t_[d - 1])) --d;
        if (d == 0 || !text::is_ascii_alpha(static_cast<unsigned char>(t_[d - 1]))) m = Match{};
      } else if (is_han_digit(before)) {
        m = Match{};
      }
    }
    if (m) {
      const Entry& e = w_.entry(m.entry);
      if (e.tag == Tag::kContext) ctx_used_ = true;
      if (e.tag == Tag::kContext && context_.year > 0) {
        // 이듬해, 同年: from the year the text last named (2019년 ... 이듬해 = 2020).
        cur.point(year_value(context_.year + e.offset));
        if (context_.year_relative) cur.flags |= kRelative;
        cur.rule = "context_year";
        looks_back_ = e.offset < 0;
        return m.end;
      }
      cur.point(arith(year_value(ref().year + e.offset), cur));  // (a year shifts by its number)
      cur.rule = "relative_year";
      // A sports season or a school year after the year is that year, in the span as
      // after a written one (내년 시즌, 明年赛季 as 2027시즌): a marker of two or more code
      // points (년, 年 alone would be another word's start: 明年|年初).
      const size_t j = t_.compare(m.end, 1, " ") == 0 ? m.end + 1 : m.end;
      if (const Match sm = word(j, kind_bit(Kind::kMarker));
          sm && w_.entry(sm.entry).tag == Tag::kYear && sm.end - j >= 6)
        return sm.end;
      return m.end;
    }
    {
      // 十九世纪七十年代, 19세기 70년대: a decade of a named century.
      Num c, d;
      Match cm, dm;
      if (number(p, kAllowDigits | kAllowHan, c) && c.form != NumForm::kHanSequence && c.value >= 1 &&
          c.value <= 21 && (cm = word(c.end, kind_bit(Kind::kMarker))) && w_.entry(cm.entry).tag == Tag::kCentury) {
        const size_t j = sp(cm.end);
        if (!number(j, kAllowDigits | kAllowHan, d) || d.value % 10 != 0 || d.value > 90 ||
            !(dm = word(d.end, kind_bit(Kind::kMarker))) || w_.entry(dm.entry).tag != Tag::kDecade)
          return kNo;
        const int start = static_cast<int>((c.value - 1) * 100 + d.value);
        cur.range(year_value(start), year_value(start + 9));
        cur.rule = "century_decade";
        return dm.end;
      }
    }
    if (Match era = word(p, kind_bit(Kind::kEra))) {
      // 民国三年, 康熙二十年, 神龙元年: the era's first year is 1 (元年). Taiwan counts the
      // Republic's years to this day (民國115年 is 2026), so up to 199.
      Num n;
      size_t e = era.end;
      if (t_.compare(e, 3, "元") == 0) {
        n.value = 1;
        n.end = e + 3;
      } else if (!number(e, kAllowDigits | kAllowHan, n) || n.form == NumForm::kHanSequence || n.value < 1 ||
                 n.value > 199) {
        return kNo;
      }
      // 民國116年, and the fiscal year 民國116年度 (Taiwan's budgets: the calendar year).
      Match mk = word(n.end, kind_bit(Kind::kMarker));
      if (!mk || (w_.entry(mk.entry).tag != Tag::kYear && w_.entry(mk.entry).tag != Tag::kFiscalYear)) return kNo;
      const int offset = w_.entry(era.entry).offset;
      // 民國115年至119年: the era names the range's second year too (written again or not).
      if (const Match r = word(sp(mk.end), kind_bit(Kind::kRange))) {
        size_t j = sp(r.end);
        if (const Match again = word(j, kind_bit(Kind::kEra)); again && again.entry == era.entry) j = again.end;
        Num n2;
        Match mk2;
        if (number(j, kAllowDigits | kAllowHan, n2) && n2.form != NumForm::kHanSequence && n2.value > n.value &&
            n2.value <= 199 && (mk2 = word(n2.end, kind_bit(Kind::kMarker))) && w_.entry(mk2.entry).tag == Tag::kYear) {
          cur.written(year_value(offset + static_cast<int>(n.value)), year_value(offset + static_cast<int>(n2.value)));
          cur.rule = "era_year_range";
          return mk2.end;
        }
      }
      cur.point(year_value(offset + static_cast<int>(n.value)));
      cur.rule = "era_year";
      return mk.end;
    }
    size_t i = p, next = p;
    // An apostrophe ('25년, ’25년) is ASCII or starts with 0xE2: other bytes need no decoding.
    const unsigned char b0 = p < t_.size() ? static_cast<unsigned char>(t_[p]) : 0;
    const bool apos = (b0 == '\'' || b0 == 0xE2) && is_apostrophe(cp_at(t_, p, next));
    if (apos) i = next;
    NumUnit nu;
    if (!num_unit(i, kAllowDigits | kAllowHan | kAllowSino,
                  tagbit(Tag::kYear) | tagbit(Tag::kFiscalYear) | tagbit(Tag::kDecade), nu))
      return kNo;
    // The apostrophe shortens a two-digit year; before a full one ('2027년 예산안') it is a
    // quote, left outside (the scan reads the year from its digits).
    if (apos && nu.first.digits != 2) return kNo;
    auto year_of = [&](const Num& n, bool& two) -> int {
      two = false;
      if (n.form == NumForm::kDigits || n.form == NumForm::kHanSequence) {
        if (n.digits == 4 && n.value >= 1000 && n.value <= 2999) return static_cast<int>(n.value);
        if (n.digits == 2) {
          two = !(apos || n.leading_zero || n.form == NumForm::kHanSequence);
          return static_cast<int>(n.value < 50 ? 2000 + n.value : 1900 + n.value);
        }
        // Taiwan writes the Republic's years bare (115年1月): like a two-digit year, one
        // needs a finer part after it, unless it is a fiscal year (115年度預算).
        if (n.digits == 3 && n.form == NumForm::kDigits && n.value >= 100 && !apos)
          if (const int era = bare_era_offset(); era != 0) {
            two = nu.tag != Tag::kFiscalYear;
            return era + static_cast<int>(n.value);
          }
        return -1;
      }
      if (n.form == NumForm::kSinoKorean && n.value >= 1000 && n.value <= 2999) {
        cur.spelled = true;
        return static_cast<int>(n.value);
      }
      return -1;
    };
    if (nu.tag == Tag::kDecade) {
      // 1990년대, 90年代, 九十年代 (positional 90), 2000년대.
      const Num& n = nu.first;
      int start = -1;
      if (n.value % 10 == 0) {
        if ((n.form == NumForm::kDigits || n.form == NumForm::kHanSequence) && n.digits == 4) start = static_cast<int>(n.value);
        else if (n.value >= 10 && n.value <= 90) start = 1900 + static_cast<int>(n.value);
      }
      if (start < 1000 || nu.ranged) return kNo;
      cur.range(year_value(start), year_value(start + 9));
      cur.rule = "decade";
      return nu.end;
    }
    bool two1 = false, two2 = false;
    const int y1 = year_of(nu.first, two1);
    if (y1 < 0) return kNo;
    if (nu.ranged) {
      const int y2 = year_of(nu.second, two2);
      if (y2 < y1 || two1 || two2) return kNo;
      cur.written(year_value(y1), year_value(y2));
      cur.rule = "year_range";
      return nu.end;
    }
    two_digit = two1;
    cur.point(year_value(y1));
    cur.rule = nu.tag == Tag::kFiscalYear ? std::string_view("fiscal_year") : "year";
    return nu.end;
  }

  // A fiscal year named by the two calendar years it spans, the second by its last two
  // digits (2026/27年度, 2026-27财年: Hong Kong's budget year, April to March): the two
  // years, as written. Only with a fiscal year's marker (2026-27 alone is a range of
  // numbers, 2026/27 a fraction).
  // (With no `cur`, only whether one is there.)
  size_t fiscal_year_span(size_t p, Cur* cur) const {
    Num y, z;
    if (p >= t_.size() || !is_digit(t_[p]) || !parse_digits(t_, p, y) || y.digits != 4 || y.value < 1000 ||
        y.value > 2998 || y.end + 1 >= t_.size() || (t_[y.end] != '/' && t_[y.end] != '-') ||
        !parse_digits(t_, y.end + 1, z) || z.digits != 2 || z.value != (y.value + 1) % 100)
      return kNo;
    const Match mk = word(z.end, kind_bit(Kind::kMarker));
    if (!mk || w_.entry(mk.entry).tag != Tag::kFiscalYear) return kNo;
    if (cur) {
      cur->written(year_value(static_cast<int>(y.value)), year_value(static_cast<int>(y.value) + 1));
      cur->rule = "fiscal_year_span";
    }
    return mk.end;
  }

  static constexpr size_t kMaxListMarkBytes = 3;  // 、, 和, 과: one character
  static constexpr int kNoPrefix = 2;  // prefix_dir(): no relative prefix
  // The direction of a relative prefix at p (지난 -1, 이번 0, 오는/다음 +1), or kNoPrefix.
  // 올 (a prefix of the year) is not one: it names the year.
  int prefix_dir(size_t p) const {
    const Match pre = word(p, kind_bit(Kind::kPrefix));
    return pre && w_.entry(pre.entry).tag != Tag::kYear ? w_.entry(pre.entry).offset : kNoPrefix;
  }
  // The year of period `n` of a year (a half, a quarter) after a relative prefix in
  // direction `dir`, when the reference date is in period `now`: 지난 2분기 is the most
  // recent second quarter before the current one, 다음 1분기 the next first quarter
  // after it, 이번 3분기 this year's (as 지난 9월 is for months).
  int prefixed_year(Cur& cur, int dir, long n, int now, bool& x) const {
    int y = ref().year;
    if (dir < 0 && n >= now) --y;
    if (dir > 0 && n <= now) ++y;
    x = !has_ref();
    cur.flags |= kRelative;
    cur.year_unnamed = dir > 0;  // a plan or a deadline, as 다음 분기 is (Parsed::year_unnamed)
    return y;
  }

  // 상반기, 下半年 after a year or alone; 지난 상반기 (the last first half before the
  // reference one), 다음 하반기.
  size_t half_part(size_t p, Cur& cur, bool have_year) {
    const int dir = have_year ? kNoPrefix : prefix_dir(p);
    Match m = word(dir == kNoPrefix ? p : sp(word(p, kind_bit(Kind::kPrefix)).end), kind_bit(Kind::kHalf));
    if (!m) return kNo;
    const int h = w_.entry(m.entry).offset;
    const Tag scope = w_.entry(m.entry).tag;
    int y;
    bool x;
    if (have_year) y = cur.a.year, x = cur.a.x_year;
    else if (dir != kNoPrefix) y = prefixed_year(cur, dir, h, (ref().month - 1) / 6 + 1, x);
    else take_year(cur, y, x);
    if (scope == Tag::kMonth || scope == Tag::kWeek) {
      // 上半月, 下半周: halves of the reference month (1-15, 16-end) or week (Monday to
      // Wednesday, Thursday to Sunday); only alone.
      if (have_year || dir != kNoPrefix) return kNo;
      long first, last;
      if (scope == Tag::kMonth) {
        const long d1 = days_from_civil(ref().year, ref().month, 1);
        first = h == 1 ? d1 : d1 + 15;
        last = h == 1 ? d1 + 14 : d1 + days_in_month(ref().year, ref().month) - 1;
      } else {
        const long monday = days_from_civil(ref().year, ref().month, ref().day) - (weekday(ref().year, ref().month, ref().day) - 1);
        first = h == 1 ? monday : monday + 3;
        last = h == 1 ? monday + 2 : monday + 6;
      }
      cur.flags &= ~kRelative;
      cur.range(arith(day_at(first), cur), arith(day_at(last), cur));
      cur.rule = "half_period";
      return m.end;
    }
    Value a = month_value(y, h == 1 ? 1 : 7), b = month_value(y, h == 1 ? 6 : 12);
    a.x_year = b.x_year = x;
    cur.range(a, b);
    cur.rule = "half_year";
    return m.end;
  }

  // 上个半年, 下个半年: the half year before or after the reference one.
  size_t half_rel_part(size_t p, Cur& cur) {
    Match m = word(p, kind_bit(Kind::kHalfRel));
    if (!m) return kNo;
    const int half = (ref().month - 1) / 6 + w_.entry(m.entry).offset;  // 0-based, may leave the year
    const int y = ref().year + (half < 0 ? -1 : half > 1 ? 1 : 0);
    const int h = ((half % 2) + 2) % 2;
    cur.range(arith(month_value(y, h * 6 + 1), cur), arith(month_value(y, h * 6 + 6), cur));
    cur.rule = "relative_half_year";
    return m.end;
  }

  // 3분기, 第三季度, 一季度, 삼분기, 1·4분기 after a year or alone; 이번 분기, 上季度.
  size_t quarter_part(size_t p, Cur& cur, bool have_year) {
    if (!have_year) {
      Match r = word(p, kind_bit(Kind::kQuarterRel));
      if (r) {
        const Entry& e = w_.entry(r.entry);
        Value q;
        q.grain = Grain::kQuarter;
        if (e.tag == Tag::kContext) {
          ctx_used_ = true;
          looks_back_ = e.offset < 0;  // a comparison: the text's quarter stays
        }
        if (e.tag == Tag::kContext && context_.quarter > 0) {
          // 3분기 매출은… 전 분기 대비: from the quarter the text last named.
          q.year = context_.quarter_year;
          q.month = context_.quarter;
          cur.point(shift(q, Grain::kQuarter, e.offset));
          if (context_.quarter_relative) cur.flags |= kRelative;
          cur.rule = "context_quarter";
          return r.end;
        }
        q.year = ref().year;
        q.month = (ref().month - 1) / 3 + 1;
        cur.point(arith(shift(q, Grain::kQuarter, e.offset), cur));
        cur.rule = "relative_quarter";
        cur.year_unnamed = e.offset > 0;
        return r.end;
      }
    }
    size_t i = p;
    const int dir = have_year ? kNoPrefix : prefix_dir(p);
    if (dir != kNoPrefix) i = sp(word(p, kind_bit(Kind::kPrefix)).end);
    // 前三季度: the first three quarters, Q1 to Q3.
    const Match first_n = word(i, kind_bit(Kind::kFirstN));
    if (first_n) i = first_n.end;
    Match ord = first_n ? Match{} : word(i, kind_bit(Kind::kOrdinal));
    if (ord) i = sp(ord.end);
    Num n;
    // 首季: a first_n word with a count of its own (its offset) and no number after it is
    // that quarter, Q1 (首三季 stays the first three).
    const bool implied = first_n && w_.entry(first_n.entry).offset > 0 && !number(i, kAllowDigits | kAllowHan | kAllowSino, n);
    if (implied) {
      n = Num{};
      n.value = w_.entry(first_n.entry).offset;
      n.end = i;
      n.form = NumForm::kHan;
    } else if (!number(i, kAllowDigits | kAllowHan | kAllowSino, n) || n.value < 1 || n.value > 4) {
      return kNo;
    }
    // 两 only counts (一兩季內 "within a quarter or two", 前两季度 the first two), as before 月.
    if (!first_n && n.form == NumForm::kHan && n.digits == 0 && han_counting_digit_at(t_, i)) return kNo;
    size_t j = n.end, next;
    // 1~3분기, 一至三季度, 1-3季度: a range of quarters sharing the marker.
    Num n2;
    bool ranged = false;
    if (!first_n) {
      const Match r = word(sp(j), kind_bit(Kind::kRange));
      if (r) {
        size_t k = sp(r.end);
        if (Match o2 = word(k, kind_bit(Kind::kOrdinal))) k = sp(o2.end);
        const unsigned same = n.form == NumForm::kDigits ? kAllowDigits : kAllowHan | kAllowSino;
        if (number(k, same, n2) && n2.value > n.value && n2.value <= 4) {
          const Match m2 = word(sp(n2.end), kind_bit(Kind::kMarker));
          if (m2 && w_.entry(m2.entry).tag == Tag::kQuarter) ranged = true, j = n2.end;
        }
      }
    }
    // 1·4분기, 3/4분기: the old Korean way of writing a quarter.
    const char32_t c = ranged ? 0 : cp_at(t_, j, next);
    if ((c == U'·' || c == U'/') && next < t_.size() && t_[next] == '4') j = next + 1;
    Match m = word(sp(j), kind_bit(Kind::kMarker));
    if (!m || w_.entry(m.entry).tag != Tag::kQuarter) return kNo;
    // A quarter is named by its position: 3분기 안에 is "within Q3" (3분기 연속 counts), as
    // 连续第3季 and 连续3季 count (asked last: most quarters are no such count).
    if (is_duration_after(m.end, true) || in_a_row(p)) return kNo;
    int y;
    bool x;
    if (have_year) {
      y = cur.a.year, x = cur.a.x_year;
    } else if (dir != kNoPrefix) {
      y = prefixed_year(cur, dir, n.value, (ref().month - 1) / 3 + 1, x);
    } else {
      take_year(cur, y, x);
      // 지난해 4분기 매출은… 4분기 영업이익은, written in February: a quarter that has not
      // begun by the reference date, in a text that last named an earlier year, is that
      // year's (results are reported after their quarter ends).
      if (!base_ && !first_n && !x && n.value > (ref().month - 1) / 3 + 1) {
        ctx_used_ = true;
        if (context_.year > 0 && context_.year < y) y = context_.year;
      }
    }
    Value q;
    q.grain = Grain::kQuarter;
    q.year = y;
    q.month = static_cast<int>(n.value);
    q.x_year = x;
    if (first_n && !implied) {
      if (n.value < 2) return kNo;
      Value q1 = q;
      q1.month = 1;
      cur.range(q1, q);
    } else if (ranged) {
      Value q2 = q;
      q2.month = static_cast<int>(n2.value);
      cur.written(q, q2);
    } else {
      cur.point(q);
    }
    cur.rule = "quarter";
    return m.end;
  }

  // Month after a year or alone: 9월, 十一月, 1~3월; alone also 지난달, 지난 9월, 本月.
  size_t month_part(size_t p, Cur& cur, bool have_year) {
    int dir = 2;  // 2: no direction word
    size_t i = p;
    if (!have_year) {
      Match r = word(p, kind_bit(Kind::kMonthRel));
      // 12个月内 and 三月内 are "within twelve (three) months": after a count, its numeral or
      // the classifier after it (个), 月内 is the count's unit and "within", as 年内 is
      // after a numeral (year_part).
      if (r && p > 0) {
        const char32_t before = cp_before(t_, p);
        if ((before < 0x80 && is_digit(static_cast<char>(before))) || is_han_digit(before) ||
            w_.word_ending_at(t_, p, kind_bit(Kind::kClassifier), 3) != p)
          r = Match{};
      }
      if (r) {
        const Entry& e = w_.entry(r.entry);
        if (e.tag == Tag::kContext) {
          ctx_used_ = true;
          looks_back_ = e.offset < 0;  // a comparison: the text's month stays
          if (context_.month > 0) {
            // 10월 말 외환보유액은… 전월 말 대비: from the month the text last named.
            cur.point(shift(month_value(context_.month_year, context_.month), Grain::kMonth, e.offset));
            if (context_.month_relative) cur.flags |= kRelative;
            cur.rule = "context_month";
            return r.end;
          }
        }
        cur.point(arith(shift(month_value(ref().year, ref().month), Grain::kMonth, e.offset), cur));
        cur.rule = "relative_month";
        cur.year_unnamed = e.offset > 0;
        return r.end;
      }
      Match pre = word(p, kind_bit(Kind::kPrefix));
      if (pre && w_.entry(pre.entry).tag != Tag::kYear) {
        dir = w_.entry(pre.entry).offset;
        i = sp(pre.end);
      }
    }
    unsigned allow = kAllowDigits | kAllowHan;
    if (cur.spelled || base_spelled_) allow |= kAllowSino;
    NumUnit nu;
    if (const Match leap = word(i, kind_bit(Kind::kLunarLeap))) {
      // 闰六月: the leap month after the sixth.
      note_lunar(leap);
      lunar_leap_ = true;
      i = leap.end;
    }
    if (const Match named = word(i, kind_bit(Kind::kLunarMonth))) {
      // 正月, 腊月: a lunisolar month by its own name, spelled as Han months are.
      note_lunar(named);
      nu.first.value = w_.entry(named.entry).offset;
      nu.first.form = NumForm::kHan;
      nu.first.end = named.end;
      nu.second = nu.first;
      nu.end = named.end;
    } else if (!num_unit(i, allow, tagbit(Tag::kMonth), nu)) {
      return kNo;
    }
    if (nu.first.value < 1 || nu.first.value > 12 || nu.second.value < 1 || nu.second.value > 12) return kNo;
    if (nu.first.form == NumForm::kHan && nu.first.digits == 0 && han_counting_digit_at(t_, i)) return kNo;
    if (!have_year && dir == 2 && !lunar_ && names_traditional_day(nu)) return kNo;
    const int m1 = static_cast<int>(nu.first.value), m2 = static_cast<int>(nu.second.value);
    int y;
    bool x;
    if (have_year) {
      y = cur.a.year, x = cur.a.x_year;
    } else if (dir != 2) {
      // 지난 9월: the most recent September before the reference month; 오는 3월: the next.
      y = ref().year;
      if (dir < 0 && m1 >= ref().month) --y;
      if (dir > 0 && m1 <= ref().month) ++y;
      x = !has_ref();
      cur.flags |= kRelative;
      cur.year_unnamed = dir > 0;  // a plan or a deadline, as 다음 달 is (Parsed::year_unnamed)
    } else if (glosses_quarter(i, m1, m2)) {
      // 내년 1분기(1~3월), 지난해 4분기(10~12월): the months spell out the quarter just
      // named, in its year.
      y = context_.quarter_year, x = false;
      if (context_.quarter_relative) cur.flags |= kRelative;
    } else {
      take_year(cur, y, x);
    }
    Value a = month_value(y, m1), b = month_value(y, m2);
    a.x_year = b.x_year = x;
    if (nu.ranged) {
      if (m2 < m1) return kNo;
      cur.written(a, b);
    } else {
      cur.point(a);
    }
    cur.rule = "month";
    month_end_ = nu.end;
    month_spelled_ = nu.first.form == NumForm::kHan;
    return nu.end;
  }

  // 三月三, 七月七, 八月十五中秋: a spelled month without a year and a bare spelled day
  // after it (no 日 or 号) name a traditional day by its lunisolar date, a festival's
  // name, not the Gregorian month: no date (a written year makes it a day: 二零零四年八月
  // 十五, bare_day). Unless jieba reads the numeral as opening a word (十月|一起|出发).
  bool names_traditional_day(const NumUnit& month) const {
    if (month.ranged || month.first.form != NumForm::kHan) return false;
    Num day;
    if (!han(month.end, day) || day.form != NumForm::kHan || day.value < 1 || day.value > 30) return false;
    NumUnit marked;
    if (num_unit(month.end, kAllowHan, tagbit(Tag::kDay) | tagbit(Tag::kDayOfMonth), marked)) return false;
    // Asked with the month's last character before the numeral: a word that holds the
    // numeral alone would cross nothing (crossed()), one that runs on past it does.
    size_t last = month.end;
    return last == 0 || !text::is_han(prev_code_point(t_, last)) || !crossed(last, day.end);
  }
  static constexpr long kYearTurnDays = 92;  // "less than three months" across the year's turn
  // A month without a year or a day (1月中旬, 1월) takes the reference year, unless the
  // year's turn lies between: then the same month across it, when that is at most two
  // months from the reference month (1月中旬 in a December article is next January's,
  // 11월 in a January one last November's; 3월 in December stays the reference year's,
  // as statistics for a past March are as likely there as plans for the next one).
  void turn_bare_month(Cur& cur) const {
    if (!lunar_year_from_ref_ || cur.a.grain != Grain::kMonth || cur.interval || cur.inherited || base_ ||
        cur.a.x_year || cur.rule != "month" || !has_ref() || cur.a.year != ref().year)
      return;
    constexpr int kMaxTurnMonths = 2;
    const int r = 12 * ref().year + ref().month;
    for (const int y : {cur.a.year - 1, cur.a.year + 1})
      if (std::abs(12 * y + cur.a.month - r) <= kMaxTurnMonths) {
        cur.a.year = cur.b.year = y;
        return;
      }
  }

  // Whether a count of days more than a month has, and a range connector, come right
  // before p (60일에서 30일로, 从60日压缩到30日): the two ends of such a pair are read
  // alike, so the day at p counts days too. (Looked for backwards: a bare day is rare
  // enough that the few lookups cost nothing.)
  bool after_day_count(size_t p) const {
    auto back_over_spaces = [&](size_t q) {
      while (q > 0 && t_[q - 1] == ' ') --q;
      return q;
    };
    const size_t q = back_over_spaces(p);
    for (size_t k = 1; k <= 9 && k <= q; ++k) {  // a connector is at most three code points
      const Match r = word(q - k, kind_bit(Kind::kRange));
      if (!r || r.end != q) continue;
      const size_t u = back_over_spaces(q - k);
      for (size_t len = 1; len <= 3 && len <= u; ++len) {  // a day marker is one code point
        const Match m = word(u - len, kind_bit(Kind::kMarker));
        if (!m || m.end != u || w_.entry(m.entry).tag != Tag::kDay) continue;
        size_t d = u - len;
        long value = 0, scale = 1;
        int n = 0;
        for (; d > 0 && is_digit(t_[d - 1]) && n < 9; --d, ++n, scale *= 10) value += (t_[d - 1] - '0') * scale;
        return n > 0 && value > 31;
      }
      return false;
    }
    return false;
  }

  // Day after a month (1일, 一日, 13~15일) or alone (21일, 지난 21일, 29日).
  size_t day_part(size_t p, Cur& cur, bool have_month) {
    int dir = 2;
    size_t i = p;
    if (!have_month) {
      Match pre = word(p, kind_bit(Kind::kPrefix));
      if (pre && w_.entry(pre.entry).tag != Tag::kYear) {
        dir = w_.entry(pre.entry).offset;
        i = sp(pre.end);
      }
    }
    unsigned allow = kAllowDigits;
    // Spelled days only where a month (or the range's first end) vouches for them: 十一月一日.
    if (have_month || base_) allow |= kAllowHan;
    if (cur.spelled || base_spelled_) allow |= kAllowSino;
    // Every reading below opens with a number (digits, a Han or Sino-Korean numeral: the
    // marked day, the bare one, a lunisolar one) or with 初: most calls after a month
    // (9월 중, 3月份, 8월 기준) have neither and fail here, before the readers' set-up.
    const bool chu = chu_at(i);
    if (!chu && !may_start_number(t_, i)) return kNo;
    NumUnit nu;
    if (!num_unit(i, allow, tagbit(Tag::kDay) | tagbit(Tag::kDayOfMonth), nu, have_month) &&
        !bare_day(i, have_month, cur, nu)) {
      // 初一..初十: the first ten days of a month, Chinese style; as a range's second end,
      // of the first end's month (正月初一至初五).
      const bool month_known = have_month || (base_ && base_->grain >= Grain::kDay);
      if (!month_known) return kNo;
      Num n;
      if (chu) {
        if (!han(i + 3, n) || n.value < 1 || n.value > 10) return kNo;
        // 本月初一度降至: the numeral opens a word (一度 "once"), so 月初 ends the date.
        if (word(i + 3, kind_bit(Kind::kStop)).end > n.end) return kNo;
      } else {
        // The later lunisolar days are bare numerals: as a range's second end after a
        // lunisolar day, 十五 in 正月初一至十五 is that month's fifteenth.
        if (!(base_ && lunar_ && base_->grain >= Grain::kDay)) return kNo;
        if (!han(i, n) || n.value < 11 || n.value > 30) return kNo;
        if (word(i, kind_bit(Kind::kStop)).end > n.end) return kNo;
      }
      nu = NumUnit{};
      nu.first = nu.second = n;
      nu.end = n.end;
    }
    if (nu.first.value < 1 || nu.first.value > 31 || nu.second.value < 1 || nu.second.value > 31) return kNo;
    if (nu.first.form == NumForm::kHanSequence) return kNo;
    // 12号 alone is a day only when a date continues it (12号上午, 12号起, 12号（周二）):
    // 12号线, 1号楼 and 3号文件 are numbered things.
    if (nu.tag == Tag::kDayOfMonth && !have_month && !base_ && !dated_after(nu.end)) return kNo;
    if (!have_month && !base_ && dir == 2 && after_day_count(p)) return kNo;
    // 개시 15일 전: a count from an event (counted() reads no date there), not the 15th.
    if (!have_month && !base_ && dir == 2 && after_event_noun(p) && word(sp(nu.end), kind_bit(Kind::kAgo))) return kNo;
    const int d1 = static_cast<int>(nu.first.value), d2 = static_cast<int>(nu.second.value);
    Value a;
    if (have_month) {
      // 2月29日 taken from a common reference year: the latest leap year before it.
      if (d1 == 29 && cur.a.month == 2 && (cur.flags & kRelative) && !cur.inherited && has_ref())
        for (int k = 0; k < 8 && days_in_month(cur.a.year, 2) < 29; ++k) --cur.a.year;
      a = day_value(cur.a.year, cur.a.month, d1);
      a.x_year = cur.a.x_year;
      a.x_month = cur.a.x_month;
      // A month and day without a year take the reference year, unless the year's turn
      // lies between: then the occurrence less than three months away (1월 1일부터 in a
      // November article is next January's, 12月20日 in a January one last December's).
      if (lunar_year_from_ref_ && !lunar_ && !cur.inherited && !base_ && has_ref() && cur.a.year == ref().year &&
          d1 <= days_in_month(cur.a.year, cur.a.month)) {
        const long r = days_from_civil(ref().year, ref().month, ref().day);
        long best = std::labs(days_from_civil(cur.a.year, cur.a.month, d1) - r);
        int year = cur.a.year;
        // The same day a year away is 365 or 366 days from this one, so at least
        // 365 - best from the reference day: it can be nearer and within the turn's
        // days only when best > 365 - kYearTurnDays (most dates are nowhere near).
        if (best > 365 - kYearTurnDays)
          for (const int y : {cur.a.year - 1, cur.a.year + 1}) {
            if (d1 > days_in_month(y, cur.a.month)) continue;
            const long dist = std::labs(days_from_civil(y, cur.a.month, d1) - r);
            if (dist < best && dist < kYearTurnDays) best = dist, year = y;
          }
        if (year != cur.a.year) {
          cur.a.year = year;
          a.year = year;
        }
      }
    } else if (dir != 2) {
      // 지난 21일: the most recent 21st before the reference day; 오는 15일: the next.
      Value r = month_value(ref().year, ref().month);
      if (dir < 0 && d1 >= ref().day) r = shift(r, Grain::kMonth, -1);
      if (dir > 0 && d1 <= ref().day) r = shift(r, Grain::kMonth, 1);
      a = day_value(r.year, r.month, d1);
      a.x_year = a.x_month = !has_ref();
      cur.flags |= kRelative;
    } else {
      int y, m;
      bool xy, xm;
      take_year(cur, y, xy);
      take_month(cur, m, xm);
      // 29日 written in February 2018 cannot be of that month: the latest month before
      // it that has the day.
      for (int k = 0; k < 2 && !base_ && has_ref() && d1 > days_in_month(y, m); ++k)
        if (--m == 0) m = 12, --y;
      // A day alone is the occurrence nearest the reference day, as a holiday is: 30日宣布
      // written on December 1st is November 30th, 3일 개최 written on November 28th is
      // December 3rd. A tie keeps the reference month. After a copula that makes it
      // another name of the day just named (동지인 22일, 청명 무렵인 4~6일), it is the
      // occurrence nearest that day.
      if (!base_ && apposed_day(p, d1, y, m)) {
        if (context_.day_relative) cur.flags |= kRelative;
      } else if (!base_ && has_ref() && y == ref().year && m == ref().month) {
        // Days from the reference day, by the months' lengths alone (days_from_civil runs
        // on by the day, and a month's first day follows the last of the month before):
        // d1 - day in the reference month, d1 - day - its length in the month before, and
        // the reference month's length + d1 - day in the month after.
        const long day = ref().day;
        const int length = days_in_month(y, m);
        long best = d1 <= length ? std::labs(d1 - day) : LONG_MAX;
        for (const int step : {-1, 1}) {
          int cy = ref().year, cm = ref().month + step;
          if (cm == 0) cm = 12, --cy;
          if (cm == 13) cm = 1, ++cy;
          const int other = days_in_month(cy, cm);
          if (d1 > other) continue;
          const long dist = std::labs(step < 0 ? d1 - day - other : length + d1 - day);
          if (dist < best) best = dist, y = cy, m = cm;
        }
      }
      a = day_value(y, m, d1);
      a.x_year = xy;
      a.x_month = xm;
    }
    Value b = a;
    b.day = d2;
    if (nu.ranged) {
      if (d2 < d1) return kNo;
      cur.written(a, b);
    } else {
      cur.point(a);
    }
    cur.rule = have_month ? std::string_view("month_day") : "day";
    return nu.end;
  }

  // Whether the day `d` written at p follows the day the text last named through a
  // copula (kind apposition: 동지인 22일), past that day's qualifier (청명 무렵인 4~6일).
  // If so, y and m become the month, of that day's and the two around it, in which d lies
  // nearest that day.
  bool apposed_day(size_t p, int d, int& y, int& m) const {
    ctx_used_ = true;
    if (context_.day <= 0 || context_.day_end > p) return false;
    size_t j = sp(context_.day_end);
    constexpr KindMask kQualifiers = kind_bit(Kind::kQualAfter) | kind_bit(Kind::kQualAfterHoliday);
    if (const Match q = word(j, kQualifiers)) j = q.end;
    const Match a = word(j, kind_bit(Kind::kApposition));
    if (!a || sp(a.end) == a.end || sp(a.end) != p) return false;
    const long named = days_from_civil(context_.day_year, context_.day_month, context_.day);
    long best = LONG_MAX;
    for (const int step : {-1, 0, 1}) {
      int cy = context_.day_year, cm = context_.day_month + step;
      if (cm == 0) cm = 12, --cy;
      if (cm == 13) cm = 1, ++cy;
      if (d > days_in_month(cy, cm)) continue;
      const long dist = std::labs(days_from_civil(cy, cm, d) - named);
      if (dist < best) best = dist, y = cy, m = cm;
    }
    return best != LONG_MAX;
  }

  bool dated_after(size_t e) const {
    size_t j = e;
    if (j < t_.size() && (t_[j] == '(' || t_[j] == ' ')) ++j;
    constexpr KindMask kDateContinues = kind_bit(Kind::kDaypart) | kind_bit(Kind::kWeekday) |
                                        kind_bit(Kind::kQualAfter) | kind_bit(Kind::kRange);
    if (word(j, kDateContinues)) return true;
    Num n;
    Match m;
    return number(j, kAllowDigits | kAllowHan, n) && (m = word(n.end, kind_bit(Kind::kMarker))) &&
           w_.entry(m.entry).tag == Tag::kHour;
  }

  // Whether 初 (E5 88 9D) starts at i (<= the text's size): 初一..初十.
  bool chu_at(size_t i) const {
    const auto* u = reinterpret_cast<const unsigned char*>(t_.data()) + i;
    return i + 3 <= t_.size() && u[0] == 0xE5 && u[1] == 0x88 && u[2] == 0x9D;
  }
  // 二零零四年八月十五: a spelled day without 日 right after a spelled month of a stated
  // year, at the end of the phrase (八月十五 alone is the lunar festival; 八月十五家 a count).
  // Lunisolar days go without 日 whatever follows (正月十五元宵节, 腊月廿三小年).
  bool bare_day(size_t i, bool have_month, const Cur& cur, NumUnit& nu) const {
    if (!have_month || i != month_end_ || !month_spelled_) return false;
    if (!lunar_ && ((cur.flags & kRelative) || cur.a.x_year)) return false;
    Num n;
    if (!han(i, n) || n.form != NumForm::kHan || n.value < 1 || n.value > (lunar_ ? 30 : 31)) return false;
    size_t next;
    const char32_t c = cp_at(t_, n.end, next);
    if (!lunar_ && c >= 0x3400 && c < 0xA000) return false;  // more Han text follows: not a bare day
    nu = NumUnit{};
    nu.first = nu.second = n;
    nu.end = n.end;
    return true;
  }

  // Weekdays: 월요일 (this week), 지난 화요일, 다음 화요일, 上周二, 지난주 일요일; weeks: 지난주, 本周.
  size_t week_part(size_t p, Cur& cur) {
    Match wr = word(p, kind_bit(Kind::kWeekRel));
    if (wr) {
      // By day numbers: the Monday of the reference's week moved by the word's weeks, and
      // the week that holds it (where the week of the reference shifted by weeks, and that
      // week's Monday, converted dates to day numbers and back about ten times).
      const long ref_day_number = days_from_civil(ref().year, ref().month, ref().day);
      const long monday_number =
          ref_day_number - (weekday_of_day(ref_day_number) - 1) + 7L * w_.entry(wr.entry).offset;
      const Value week = week_of_day(monday_number);
      Match wd = word(wr.end, kind_bit(Kind::kWeekday) | kind_bit(Kind::kWeekdayShort));
      if (!wd) wd = word(sp(wr.end), kind_bit(Kind::kWeekday));
      // After a space a short weekday (월, 火) is one only as a range's first end or a
      // list's first item before a weekday (다음 주 월~수요일, 다음 주 화·목요일): alone it is
      // as often a month's word.
      if (!wd)
        if (const Match sh = word(sp(wr.end), kind_bit(Kind::kWeekdayShort))) {
          const Match r = word(sh.end, kind_bit(Kind::kRange) | kind_bit(Kind::kHolidayList));
          if (r && word(sp(r.end), kind_bit(Kind::kWeekday) | kind_bit(Kind::kWeekdayShort))) wd = sh;
        }
      // 本週四隻新股, 本周三家公司: a numeral before a measure word (weekday_counter)
      // counts (four new listings this week), no weekday; unless the measure word opens a
      // word with what follows (本周一|批准: approved on Monday).
      if (size_t next; wd && wd.end - wr.end == 3 && is_han_digit(cp_at(t_, wr.end, next)) &&
                       word(wd.end, kind_bit(Kind::kWeekdayCounter)) && !pair_crossed(wr.end))
        wd = Match{};
      if (wd) {
        int y, m, d;
        civil_from_days(monday_number + w_.entry(wd.entry).offset - 1, y, m, d);
        Value v = day_value(y, m, d);
        cur.point(arith(v, cur));
        cur.rule = "week_weekday";
        cur.year_unnamed = w_.entry(wr.entry).offset > 0;
        return wd.end;
      }
      cur.point(arith(week, cur));
      cur.rule = "relative_week";
      cur.year_unnamed = w_.entry(wr.entry).offset > 0;
      const size_t e = part_or(wr.end, cur);
      // 지난주 말, 이번 주말, 下周末: the end of a week is its weekend, Saturday and Sunday
      // (GUIDELINES), not the week flagged late. Only the one-character "end" word (말, 末):
      // 이번 주 후반 is the week's latter half, still the week flagged late.
      if (e != wr.end && e - sp(wr.end) == 3 && (cur.flags & kLate) && cur.a.grain == Grain::kWeek && !cur.interval) {
        int y, m, d;
        week_monday(cur.a.year, cur.a.month, y, m, d);
        const Value monday = day_value(y, m, d);
        cur.range(shift(monday, Grain::kDay, 5), shift(monday, Grain::kDay, 6));
        cur.flags &= ~kLate;
        cur.rule = "weekend";
      }
      return e;
    }
    int dir = 0;
    size_t i = p;
    Match pre = word(p, kind_bit(Kind::kPrefix));
    if (pre && w_.entry(pre.entry).tag != Tag::kYear) {
      dir = w_.entry(pre.entry).offset;
      i = sp(pre.end);
    }
    Match wd = word(i, kind_bit(Kind::kWeekday));
    if (!wd) return kNo;
    // 일요일 배송, 토요일 근무: a bare weekday before a practice it names is any such day,
    // no date (kind weekday_practice); 이번 일요일 배송 stays that Sunday.
    if (i == p && sp(wd.end) != wd.end && word(sp(wd.end), kind_bit(Kind::kWeekdayPractice))) return kNo;
    const int want = w_.entry(wd.entry).offset;
    // A bare weekday that ends a range after a day is the first such day from that day
    // on (下周一至周三: next week's Wednesday, 周五至周一: the Monday after), not the
    // reference week's.
    if (dir == 0 && base_ && base_->grain == Grain::kDay && !base_->x_year && !base_->x_month && !base_->x_day) {
      const int from = weekday(base_->year, base_->month, base_->day);
      cur.point(shift(day_value(base_->year, base_->month, base_->day), Grain::kDay, ((want - from) % 7 + 7) % 7));
      cur.inherited = true;
      cur.rule = kRuleWeekday;
      return wd.end;
    }
    // A bare weekday listed right after a day (下周二和周四, 다음 주 화요일과 목요일): the
    // first such day from that day on, as in a range.
    // (The list mark is looked for in the text first: only then does the answer depend on
    // the context, which a parse made without it must say.)
    size_t before = p;
    while (before > 0 && t_[before - 1] == ' ') --before;
    const size_t mark_start = dir == 0 && i == p && before > 0
                                  ? w_.word_ending_at(t_, before, kind_bit(Kind::kHolidayList), kMaxListMarkBytes)
                                  : before;
    if (mark_start < before) {
      ctx_used_ = true;
      if (context_.day > 0 && context_.day_end <= mark_start && sp(context_.day_end) == mark_start) {
        {
          const int from = weekday(context_.day_year, context_.day_month, context_.day);
          cur.point(shift(day_value(context_.day_year, context_.day_month, context_.day), Grain::kDay,
                          ((want - from) % 7 + 7) % 7));
          if (context_.day_relative) cur.flags |= kRelative;
          cur.rule = kRuleWeekday;
          return wd.end;
        }
      }
    }
    const int have = weekday(ref().year, ref().month, ref().day);
    long delta;
    if (dir < 0) delta = -(((have - want) % 7 + 7) % 7 == 0 ? 7 : ((have - want) % 7 + 7) % 7);
    else if (dir > 0) delta = (((want - have) % 7 + 7) % 7 == 0 ? 7 : ((want - have) % 7 + 7) % 7);
    else delta = want - have;  // the reference week (Monday to Sunday)
    cur.point(arith(shift(ref_day(), Grain::kDay, delta), cur));
    cur.rule = dir ? std::string_view("relative_weekday") : kRuleWeekday;
    return wd.end;
  }

  // A weekday right after a day restates it: 19일 화요일, 10月12号，星期一.
  size_t weekday_after(size_t p) const {
    size_t j = sp(p);
    if (j < t_.size() && t_[j] == ',') j = sp(j + 1);
    Match wd = word(j, kind_bit(Kind::kWeekday));
    return wd ? wd.end : kNo;
  }

  // 초, 중순, 말, 底, 年底 after a year or month: a flag, the value stays the period.
  // Most years and months have none: that answer is tested here, inline, as in
  // qualifier_after, and part_checked reads the rest. Exact: where no part word may start
  // at p and no space follows, part_checked finds none. (A space is left to
  // part_checked: testing the word past it here too grew the four callers for less than
  // it saved.)
  size_t part_after(size_t p, Cur& cur, KindMask kinds) const {
    if (!may_hold_word(p, kinds) && (p >= t_.size() || t_[p] != ' ')) return kNo;
    return part_checked(p, cur, kinds);
  }
  [[gnu::noinline]] size_t part_checked(size_t p, Cur& cur, KindMask kinds) const {
    size_t at = p;
    Match m = word(p, kinds);
    if (!m) m = word(at = sp(p), kinds);
    if (!m) return kNo;
    // A one-character part that jieba reads as the start of the next word is that word's
    // (上周|初审|时, the first reading, not early last week; 本|月初|审议 keeps it). The
    // segmentation is read from the two characters before it, where the date word ends.
    if (m.end - at == 3 && m.end < t_.size() && text::is_han(cp_before(t_, at))) {
      size_t from = at;
      for (int k = 0; k < 2; ++k) {
        const char32_t c = cp_before(t_, from);
        if (!text::is_han(c)) break;
        from -= c >= 0x10000 ? 4 : 3;
      }
      if (crossed(from, m.end, /*name_cost=*/-1)) return kNo;  // jieba's own reading
    }
    cur.flags |= flag_of(w_.entry(m.entry).tag);
    return m.end;
  }

  // Clock time: 21:27, 3시 30분, 9시 반, 八点十五, 下午5:00 (after a daypart).
  size_t clock(size_t p, int& hour, int& minute) const {
    Num h;
    if (p >= t_.size()) return kNo;
    if (is_digit(t_[p])) {
      if (!digits(p, h) || h.digits > 2) return kNo;
      if (h.end + 2 < t_.size() && t_[h.end] == ':' && is_digit(t_[h.end + 1]) && is_digit(t_[h.end + 2])) {
        hour = static_cast<int>(h.value);
        minute = (t_[h.end + 1] - '0') * 10 + (t_[h.end + 2] - '0');
        size_t e = h.end + 3;
        if (e + 2 < t_.size() && t_[e] == ':' && is_digit(t_[e + 1]) && is_digit(t_[e + 2]))
          e += 3;  // seconds are dropped
        if (e < t_.size() && is_digit(t_[e])) return kNo;
        return e;
      }
    } else if (!may_start_number(t_, p) || (!han(p, h) && !parse_native_korean(t_, p, h))) {
      return kNo;  // (one table turns away the code points that open neither: most after a day)
    }
    Match m = word(h.end, kind_bit(Kind::kMarker));
    if ((!m || w_.entry(m.entry).tag != Tag::kHour) && is_digit(t_[p]) && word(sp(h.end), kind_bit(Kind::kDaypartAfter))) {
      // 3pm: bare digits, read only with the Latin suffix time_of_day takes next.
      hour = static_cast<int>(h.value);
      minute = -1;
      return h.end;
    }
    if (!m || w_.entry(m.entry).tag != Tag::kHour) return kNo;
    if (is_duration_after(m.end)) return kNo;  // 3시간
    hour = static_cast<int>(h.value);
    minute = -1;
    size_t end = m.end;
    const size_t j = sp(end);
    Match half = word(j, kind_bit(Kind::kMarker));
    if (half && w_.entry(half.entry).tag == Tag::kHalfHour) {
      minute = 30;
      return half.end;
    }
    Num mi;
    if ((is_digit(j < t_.size() ? t_[j] : 0) && digits(j, mi)) || han(j, mi) ||
        parse_sino_korean(t_, j, mi)) {
      Match mm = word(mi.end, kind_bit(Kind::kMarker));
      if (mm && w_.entry(mm.entry).tag == Tag::kMinute && mi.value < 60) {
        minute = static_cast<int>(mi.value);
        return mm.end;
      }
      // 八点十五, 三点零五: Chinese minutes without 分, right after 点.
      if (j == end && mi.form != NumForm::kDigits && mi.form != NumForm::kSinoKorean && mi.value < 60 &&
          !(mm && w_.entry(mm.entry).kind == Kind::kMarker)) {
        minute = static_cast<int>(mi.value);
        return mi.end;
      }
    }
    return end;
  }

  // Time of day after a day: [daypart] clock. `preset` is a daypart implied by the day
  // word itself (今晚 = today, evening).
  size_t time_of_day(size_t p, Cur& cur, Tag preset) const {
    if (cur.interval || cur.a.grain != Grain::kDay) return kNo;
    size_t j = sp(p);
    Tag dp = preset;
    Match m = word(j, kind_bit(Kind::kDaypart));
    if (m) {
      dp = w_.entry(m.entry).tag;
      j = sp(m.end);
    }
    int hour = -1, minute = -1;
    size_t e = clock(j, hour, minute);
    if (e == kNo) return kNo;
    if (hour > 24 || minute > 59) return kNo;
    // 3pm, 3:20 p.m.: a Latin suffix names the half of the day.
    if (Match after = word(sp(e), kind_bit(Kind::kDaypartAfter))) {
      if (m || hour > 12) return kNo;
      dp = w_.entry(after.entry).tag;
      e = after.end;
    }
    // The second end of a range keeps the first end's half of the day (晚上7:00到8:00) but
    // never wraps an am hour to midnight (上午10点到12点).
    const bool inherited = !m && preset == inherited_daypart_ && inherited_daypart_ != Tag::kNone && base_;
    switch (dp) {
      case Tag::kPm: if (hour < 12) hour += 12; break;
      case Tag::kNight: if (hour >= 6 && hour < 12) hour += 12; break;
      case Tag::kNoon: if (hour < 6) hour += 12; break;
      case Tag::kAm: if (hour == 12 && !inherited) hour = 0; break;
      default: break;
    }
    last_daypart_ = dp;
    Value v = cur.a;
    // 24时, 24:00: the end of that day, which ISO 8601 writes as the next day's 00:00
    // (11月11日24时 -> 2026-11-12T00). Only a known day can be moved to the next.
    if (hour == 24 && minute <= 0 && !v.x_year && !v.x_month && !v.x_day) {
      v = shift(v, Grain::kDay, 1);
      hour = 0;
    }
    if (hour >= 24) return kNo;
    v.hour = hour;
    v.grain = Grain::kHour;
    if (minute >= 0) v.minute = minute, v.grain = Grain::kMinute;
    cur.point(v);
    return e;
  }

  size_t after_day(size_t end, Cur& cur, Tag preset) {
    // 추석 당일, 除夕当天: "that very day" after a day is that day.
    if (const Match same = word(sp(end), kind_bit(Kind::kSameDay)); same && !cur.interval) end = same.end;
    const size_t w = weekday_after(end);
    if (w != kNo) end = w;
    const size_t t = time_after(end, cur, preset);
    return t != kNo ? t : end;
  }

  // The time of day after a day, also across a weekday in parentheses (22일(월) 10:15,
  // 2025.09.22(월) 10:15, 3月1日（周六）上午9时), the way news datelines print it. Without
  // a time after it the parenthesis stays outside the span.
  size_t time_after(size_t end, Cur& cur, Tag preset) const {
    const size_t t = time_of_day(end, cur, preset);
    if (t != kNo) return t;
    const size_t j = sp(end);
    if (j >= t_.size() || t_[j] != '(') return kNo;
    const Match wd = word(j + 1, kind_bit(Kind::kWeekday) | kind_bit(Kind::kWeekdayShort));
    if (!wd || wd.end >= t_.size() || t_[wd.end] != ')') return kNo;
    return time_of_day(wd.end + 1, cur, preset);
  }

  size_t after_month(size_t end, Cur& cur) {
    if (!cur.interval) {
      const size_t d = day_part(sp(end), cur, true);
      if (d != kNo) return after_day(d, cur, Tag::kNone);
      const size_t n = nth_part(end, cur);
      if (n != kNo) return n;
    }
    const size_t part = part_after(end, cur, kind_bit(Kind::kPart) | kind_bit(Kind::kPartMonth));
    if (part != kNo) return part;
    // Not after a range of months: 1至9月中 is "in January to September".
    if (const size_t mid = cur.interval ? kNo : shared_period_mid(end, "月"); mid != kNo) {
      cur.flags |= kMid;
      return mid;
    }
    return end;
  }

  // Seasons are meteorological month intervals (GUIDELINES §DATE): spring 3-5, summer
  // 6-8, autumn 9-11, winter 12 to 2 of the next year; the turn of the year (연말연시,
  // 岁末年初) December and January.
  // The first month of a season (GUIDELINES: meteorological seasons), or 0.
  static int season_first_month(Tag season) {
    switch (season) {
      case Tag::kSpring: return 3;
      case Tag::kSummer: return 6;
      case Tag::kAutumn: return 9;
      case Tag::kWinter: return 12;
      case Tag::kYearTurn: return 12;
      default: return 0;
    }
  }
  static int season_months(Tag season) { return season == Tag::kYearTurn ? 2 : 3; }
  // Whether the season runs into the next year (winter, the turn of the year).
  static bool first_month_wraps(Tag season) { return season_first_month(season) + season_months(season) - 1 > 12; }
  size_t season_part(size_t p, Cur& cur, int year, bool x) {
    Match se = word(p, kind_bit(Kind::kSeason));
    if (!se) return kNo;
    const Tag season = w_.entry(se.entry).tag;
    const int first = season_first_month(season);
    if (first == 0) return kNo;
    Value a = month_value(year, first);
    Value b = shift(a, Grain::kMonth, season_months(season) - 1);
    a.x_year = b.x_year = x;
    cur.range(a, b);
    cur.rule = "season";
    return se.end;
  }

  // A Korean school term after its year (내년 1학기, 2027학년도 2학기): the school year
  // starts in March (초·중등교육법 시행령), its first term runs to August and its second
  // from September to the end of February, month intervals as seasons are.
  size_t term_part(size_t p, Cur& cur, int year, bool x) {
    Num n;
    // Digits only: 이 학기 is "this term".
    if (!number(p, kAllowDigits, n) || n.value < 1 || n.value > 2) return kNo;
    const Match m = word(sp(n.end), kind_bit(Kind::kMarker));
    if (!m || w_.entry(m.entry).tag != Tag::kTerm) return kNo;
    Value a = month_value(year, n.value == 1 ? 3 : 9);
    Value b = shift(a, Grain::kMonth, 5);
    a.x_year = b.x_year = x;
    cur.range(a, b);
    cur.rule = "school_term";
    return m.end;
  }

  // Past a lunisolar mark at i (음력, 农历), noting it; i itself when there is none, or when
  // the mark opens a longer holiday name (农历新年). Before a holiday (農曆春節, 음력 설) the
  // mark is passed but not noted: the holiday names its own calendar.
  size_t after_lunar_mark(size_t i) {
    const Match m = word(i, kind_bit(Kind::kLunar) | kind_bit(Kind::kHoliday));
    if (!m || w_.entry(m.entry).kind != Kind::kLunar) return i;
    const size_t next = sp(m.end);
    if (!holiday_word(next)) note_lunar(m);
    return next;
  }
  void note_lunar(const Match& m) {
    lunar_ = true;
    lunar_korean_ = w_.entry(m.entry).lang == Lang::kKo;
  }
  struct LunarState {
    bool lunar, korean, leap;
  };
  LunarState lunar_state() const { return {lunar_, lunar_korean_, lunar_leap_}; }
  void set_lunar_state(const LunarState& s) { lunar_ = s.lunar, lunar_korean_ = s.korean, lunar_leap_ = s.leap; }

  // The parse read lunisolar months and days: their Gregorian days (음력 8월 15일 ->
  // 2025-10-06); a lunisolar month alone is the interval of its days, a year stays as it
  // is. False when there is no such day (음력 1~3월, a 30th in a 29-day month, a day
  // whose month the text did not name).
  bool to_civil(Cur& r) {
    const LunarCalendar cal = lunar_korean_ ? LunarCalendar::kKorean : LunarCalendar::kChinese;
    if (lunar_year_from_ref_ && !r.a.x_year && r.a.grain != Grain::kYear) {
      // Without a year, the occurrence nearest the reference day, as for holidays: 腊月廿三
      // in early February is the one days away, not the next lunar year's.
      const long today = days_from_civil(ref().year, ref().month, ref().day);
      // (A month alone counts from its first day; a 30th only in years whose month has one.)
      const int day_of_month = r.a.grain == Grain::kMonth ? 1 : r.a.day;
      const auto day_in = [&](int year, long& day) {
        int y, m, d;
        if (!lunar_to_civil(cal, {year, r.a.month, lunar_leap_}, day_of_month, y, m, d)) return false;
        day = days_from_civil(y, m, d);
        return true;
      };
      int year = r.a.year;
      if (nearest_year(r.a.year, today, 0, day_in, year)) {
        r.b.year += year - r.a.year;
        r.a.year = year;
      }
    }
    const auto civil = [&](Value& v) {
      if (v.x_year) {
        v.x_month = v.x_day = true;  // which day depends on the year
        return true;
      }
      int y, m, d;
      if (!lunar_to_civil(cal, {v.year, v.month, lunar_leap_}, v.day, y, m, d)) return false;
      v.year = y, v.month = m, v.day = d;
      return true;
    };
    switch (r.a.grain) {
      case Grain::kYear: return true;
      case Grain::kDay:
      case Grain::kHour:
      case Grain::kMinute:
        return month_end_ != kNo && civil(r.a) && civil(r.b);
      case Grain::kMonth: {
        // A month, or a range of months (腊月至正月): the first one's first day to the last
        // one's last day.
        Value first = day_value(r.a.year, r.a.month, 1);
        first.x_year = r.a.x_year;
        Value last = day_value(r.b.year, r.b.month, 1);
        last.x_year = r.b.x_year;
        last.day = r.b.x_year ? 1 : lunar_month_days(cal, {r.b.year, r.b.month, lunar_leap_});
        if (!civil(first) || !civil(last)) return false;
        r.range(first, last);
        return true;
      }
      default: return false;
    }
  }

  // The day holiday `h` falls on in `year`, as days since 1970-01-01; false when the
  // calendar cannot say (a lunar year beyond ICU's range, a fifth weekday that is not).
  static bool holiday_day(const Holiday& h, int year, long& day) {
    int days;
    return holiday_days(h, year, day, days);
  }
  // The same, and the days it lasts (逾越节 eight and its eve, 斋月 its month).
  static bool holiday_days(const Holiday& h, int year, long& day, int& days) {
    day = 0;
    days = h.days;
    switch (h.calendar) {
      case HolidayCalendar::kSolar:
        if (h.day > days_in_month(year, h.month)) return false;
        day = days_from_civil(year, h.month, h.day);
        break;
      case HolidayCalendar::kLunar: {
        int y, m, d;
        const LunarCalendar cal = h.korean ? LunarCalendar::kKorean : LunarCalendar::kChinese;
        if (!lunar_to_civil(cal, {year, h.month}, h.day, y, m, d)) return false;
        day = days_from_civil(y, m, d);
        break;
      }
      case HolidayCalendar::kSolarTerm: {
        int y, m, d;
        const LunarCalendar cal = h.korean ? LunarCalendar::kKorean : LunarCalendar::kChinese;
        if (!solar_term_to_civil(cal, year, h.month, h.day, y, m, d)) return false;
        day = days_from_civil(y, m, d);
        break;
      }
      case HolidayCalendar::kEaster:
      case HolidayCalendar::kOrthodoxEaster:
        day = easter_sunday(year, h.calendar == HolidayCalendar::kOrthodoxEaster);
        break;
      case HolidayCalendar::kHebrew:
      case HolidayCalendar::kIslamic: {
        int month_days;
        const WorldCalendar cal = h.calendar == HolidayCalendar::kHebrew ? WorldCalendar::kHebrew : WorldCalendar::kIslamic;
        if (!world_calendar_day(cal, year, h.month, h.day, day, month_days)) return false;
        if (days == 0) days = month_days;
        break;
      }
      case HolidayCalendar::kNthWeekday: {
        const int last = days_in_month(year, h.month);
        if (h.day < 0) {
          day = days_from_civil(year, h.month, last) - (weekday(year, h.month, last) - h.weekday + 7) % 7;
        } else {
          const int first = 1 + (h.weekday - weekday(year, h.month, 1) + 7) % 7 + 7 * (h.day - 1);
          if (first > last) return false;
          day = days_from_civil(year, h.month, first);
        }
        break;
      }
    }
    day += h.shift;
    return true;
  }

  // A holiday word at p, when the word it needs after it (if any) is there.
  Match holiday_word(size_t p) const {
    const Match m = word(p, kind_bit(Kind::kHoliday));
    if (!m || !holiday_follows(w_, t_, m)) return Match{};
    // A holiday written as a number (十一, 五一) after a numeral or 第 is part of that
    // number: 第十一期间 is "the eleventh term".
    size_t next;
    if (p > 0 && is_han_digit(cp_at(t_, p, next))) {
      const char32_t before = cp_before(t_, p);
      if (is_han_number_start(before) || before == U'第' || (before < 0x80 && is_digit(static_cast<char>(before))))
        return Match{};
    }
    return m;
  }

  // A holiday of `year`: the day it falls on (2025年春节, 올해 추석 -> 2025-10-06). With
  // `x` (no reference date gave the year) a lunar or weekday-rule holiday's month and day
  // print as X too: they move from year to year. A solar term keeps its month (清明 is in
  // April every year) and only its day moves.
  size_t holiday_part(size_t p, Cur& cur, int year, bool x) const {
    const Match m = holiday_word(p);
    if (!m) return kNo;
    const Holiday& h = w_.holiday(w_.entry(m.entry).offset);
    if (x) {
      Value v = day_value(year, h.month, h.calendar == HolidayCalendar::kSolar ? h.day : 1);
      v.x_year = true;
      const bool moves = h.calendar != HolidayCalendar::kSolar || h.shift != 0;
      v.x_month = moves && !(h.calendar == HolidayCalendar::kSolarTerm && h.shift == 0);
      v.x_day = moves;
      cur.point(v);
    } else {
      long day;
      int days;
      if (!holiday_days(h, year, day, days)) return kNo;
      if (days > 1) cur.range(day_at(day), day_at(day + days - 1));
      else cur.point(day_at(day));
    }
    cur.rule = kRuleHoliday;
    holiday_ = w_.entry(m.entry).offset;
    return m.end;
  }

  // A holiday without a year: the one nearest the reference day (a December article's
  // 春节 is the coming one, a February article's the one just past), or after a prefix
  // the last one before it (지난 추석) or the next one after it (다음 설날); as the second
  // end of a range, the first one on or after the first end, in its year (2024年春节至国庆)
  // or the next (圣诞节至元旦: New Year's Day after that Christmas).
  size_t relative_holiday(size_t p, Cur& cur) {
    const Match pre = word(p, kind_bit(Kind::kPrefix));
    const bool prefixed = pre && w_.entry(pre.entry).tag != Tag::kYear;
    const size_t j = prefixed ? sp(pre.end) : p;
    const Match m = holiday_word(j);
    if (!m) return kNo;
    int dir = prefixed ? w_.entry(pre.entry).offset : 0;
    if (base_ && dir == 0) {
      int year;
      bool x;
      take_year(cur, year, x);
      Cur same_year = cur;
      const size_t end = holiday_part(j, same_year, year, x);
      if (end == kNo || x || first_day(same_year.a) >= first_day(*base_)) {
        cur = same_year;
        return end;
      }
      return holiday_part(j, cur, year + 1, x);
    }
    cur.flags |= kRelative;
    if (!has_ref()) return holiday_part(j, cur, ref().year, true);
    // 春节以来 counts up to now: the last one, not the nearest (a coming one in November).
    if (dir == 0) {
      const Match q = qualifier_after_holiday(m.end);
      if (q && w_.entry(q.entry).offset < 0) dir = -1;
    }
    const Holiday& h = w_.holiday(w_.entry(m.entry).offset);
    const long today = days_from_civil(ref().year, ref().month, ref().day);
    int year = 0;
    if (!nearest_year(ref().year, today, dir, [&](int y, long& day) { return holiday_day(h, y, day); }, year)) return kNo;
    return holiday_part(j, cur, year, false);
  }

  // Weeks of a month or year are the Monday-to-Sunday weeks wholly inside it: the first
  // starts on its first Monday, the last ends on its last Sunday.
  static long first_monday(int y, int m) {
    return days_from_civil(y, m, 1) + (8 - weekday(y, m, 1)) % 7;
  }
  static long last_sunday(int y, int m) {
    const int last = days_in_month(y, m);
    return days_from_civil(y, m, last) - weekday(y, m, last) % 7;
  }
  static Value week_at(long day) {
    int y, m, d;
    civil_from_days(day, y, m, d);
    return week_of(y, m, d);
  }
  static Value day_at(long day) {
    int y, m, d;
    civil_from_days(day, y, m, d);
    return day_value(y, m, d);
  }

  // After a month or a year (cur, a point), or alone (cur = the reference month): an
  // ordinal picking a weekday, week, day or month inside it (3월 마지막 월요일, 2014년 10월
  // 첫번째주, 十月的第一个星期一, 2015년 10월 마지막날, 2021年的第三个月), or its first or last N
  // units (2021年的前2周, 今年的最后3周, 去年的前10天).
  size_t nth_part(size_t p, Cur& cur) {
    if (cur.interval || (cur.a.grain != Grain::kMonth && cur.a.grain != Grain::kYear)) return kNo;
    const bool in_year = cur.a.grain == Grain::kYear;
    size_t i = sp(p);
    if (Match l = word(i, kind_bit(Kind::kLinker))) i = l.end;
    long n = 0;
    bool count = false;  // first/last N units
    Match nth = word(i, kind_bit(Kind::kNth));
    Match ord = nth ? Match{} : word(i, kind_bit(Kind::kOrdinal) | kind_bit(Kind::kFirstN));
    Num num;
    if (nth) {
      n = w_.entry(nth.entry).offset;
      i = sp(nth.end);
      // 最后3周: the last N units.
      if (n < 0 && number(i, kAllowDigits | kAllowHan, num) && num.form != NumForm::kHanSequence) {
        count = num.value != 1;  // 最后一天 is the last day, not a span of one
        i = sp(num.end);
      }
    } else if (ord) {
      if (!number(sp(ord.end), kAllowDigits | kAllowHan, num) || num.form == NumForm::kHanSequence) return kNo;
      n = num.value;
      count = w_.entry(ord.entry).kind == Kind::kFirstN;
      i = num.end;
    } else {
      return kNo;
    }
    if (count && (num.value < 1 || num.value > 366)) return kNo;
    if (!count && (n == 0 || n > 53)) return kNo;
    // A month without a year is read across the year's turn as it is alone (1월 마지막 주
    // in a December article is next January's last week). (Turned only here, once the
    // words are there: most months have none after them.)
    Cur turned = cur;
    turn_bare_month(turned);
    const int y = turned.a.year, m = cur.a.month;
    const bool x = cur.a.x_year;
    // A weekday: 첫째 화요일, 第一个星期一, 最后一个星期一.
    if (!count && !in_year) {
      size_t j = i;
      if (Match c = word(j, kind_bit(Kind::kClassifier))) j = c.end;
      Match wd = word(j, kind_bit(Kind::kWeekday));
      if (wd) {
        const int want = w_.entry(wd.entry).offset;
        long day;
        if (n > 0) {
          day = days_from_civil(y, m, 1) + (want - weekday(y, m, 1) + 7) % 7 + 7 * (n - 1);
          if (day >= days_from_civil(y, m, 1) + days_in_month(y, m)) return kNo;
        } else {
          const int last = days_in_month(y, m);
          day = days_from_civil(y, m, last) - (weekday(y, m, last) - want + 7) % 7;
        }
        Value v = day_at(day);
        v.x_year = x;
        cur.point(v);
        cur.rule = kRuleNthWeekday;
        return after_day(wd.end, cur, Tag::kNone);
      }
    }
    Match u = word(i, kind_bit(Kind::kNthUnit) | kind_bit(Kind::kSpanUnit));
    if (!u) return kNo;
    const Tag unit = w_.entry(u.entry).tag;
    const long period_first = in_year ? days_from_civil(y, 1, 1) : days_from_civil(y, m, 1);
    const long period_last = in_year ? days_from_civil(y, 12, 31) : days_from_civil(y, m, days_in_month(y, m));
    const long monday1 = in_year ? first_monday(y, 1) : first_monday(y, m);
    const long sunday_n = in_year ? last_sunday(y, 12) : last_sunday(y, m);
    Value a, b;
    switch (unit) {
      case Tag::kWeek: {
        const long k = count ? num.value : 1;
        if (n > 0 && !count) a = b = week_at(monday1 + 7 * (n - 1));
        else if (n > 0) a = week_at(monday1), b = week_at(monday1 + 7 * (k - 1));
        else a = week_at(sunday_n - 6 - 7 * (k - 1)), b = week_at(sunday_n - 6);
        if (first_day(a) < period_first - 6 || first_day(b) > period_last) return kNo;
        // A weekday of that week: 10월 마지막 주 일요일, 第二周的周三.
        if (!count) {
          size_t j = sp(u.end);
          if (Match l = word(j, kind_bit(Kind::kLinker))) j = l.end;
          if (const Match wd = word(j, kind_bit(Kind::kWeekday))) {
            const long day = first_day(a) + w_.entry(wd.entry).offset - 1;
            if (day < period_first || day > period_last) return kNo;
            Value v = day_at(day);
            v.x_year = x;
            cur.point(v);
            cur.rule = kRuleNthWeekday;
            return after_day(wd.end, cur, Tag::kNone);
          }
        }
        break;
      }
      case Tag::kDay: {
        if (!count && n > 0) return kNo;  // 첫날 and its kind are words of their own
        const long k = count ? num.value : 1;
        if (n > 0) a = day_at(period_first), b = day_at(period_first + k - 1);
        else a = day_at(period_last - (k - 1)), b = day_at(period_last);
        if (k > period_last - period_first + 1) return kNo;
        break;
      }
      case Tag::kMonth: {
        if (!in_year) return kNo;
        const long k = count ? num.value : 1;
        if (k > 12 || (!count && n > 12)) return kNo;
        if (!count) a = b = month_value(y, n > 0 ? static_cast<int>(n) : 12);
        else if (n > 0) a = month_value(y, 1), b = month_value(y, static_cast<int>(k));
        else a = month_value(y, 13 - static_cast<int>(k)), b = month_value(y, 12);
        break;
      }
      default: return kNo;
    }
    a.x_year = b.x_year = x;
    if (count) cur.range(a, b);
    else cur.point(a);
    cur.rule = "nth_unit";
    return u.end;
  }

  // `o`: opening(p).
  size_t chain(size_t p, Cur& cur, const Opening& o) {
    if (base_ && (base_->grain == Grain::kHour || base_->grain == Grain::kMinute)) {
      // 9:30 ~ 11:00, 上午10点到12点: a clock time alone ends a range on the same day.
      Cur probe;
      Value day = *base_;
      day.grain = Grain::kDay;
      probe.point(day);
      inherited_daypart_ = base_daypart_;
      const size_t e = time_of_day(p, probe, base_daypart_);
      inherited_daypart_ = Tag::kNone;
      if (e != kNo && (probe.a.hour * 60 + probe.a.minute) > (base_->hour * 60 + base_->minute)) {
        probe.inherited = true;
        cur = probe;
        return e;
      }
    }
    bool two_digit = false;
    // An apostrophe opens a year of its own ('25년), a bracket after the first code point
    // a year word around its number (明（2027）年).
    const unsigned char b0 = p < t_.size() ? static_cast<unsigned char>(t_[p]) : 0;
    // (2026/27年度: a fiscal year's span, which the digits' unit does not say.)
    const bool year_opens = (o.number && unit_may_be(p, kYearTags | tagbit(Tag::kCentury))) ||
                            (o.number && p + 4 < t_.size() && t_[p + 4] == '/' && fiscal_year_span(p, nullptr) != kNo) ||
                            o.has(kind_bit(Kind::kYearRel) | kind_bit(Kind::kEra)) || b0 == '\'' || b0 == 0xE2 ||
                            (p + 3 < t_.size() && t_[p + 3] == '(');
    size_t end = year_opens ? year_part(p, cur, two_digit) : kNo;
    const bool have_year = end != kNo;
    if (!have_year) {
      // 올 9월, 올 상반기, 올 연말: the reference year, then a finer part must follow.
      Match pre = word(p, kind_bit(Kind::kPrefix));
      if (pre && w_.entry(pre.entry).tag == Tag::kYear) {
        size_t j = sp(pre.end);
        Cur probe;
        probe.point(arith(year_value(ref().year), probe));
        size_t e;
        if ((e = half_part(j, probe, true)) != kNo || (e = quarter_part(j, probe, true)) != kNo) {
          cur = probe;
          return part_or(e, cur);
        }
        if ((e = month_part(j, probe, true)) != kNo) {
          cur = probe;
          return after_month(e, cur);
        }
        // 올겨울 in January is the winter under way, which began last year (as 이번 겨울).
        int season_year = ref().year;
        if (const Match se = word(j, kind_bit(Kind::kSeason)); se) {
          const Tag season = w_.entry(se.entry).tag;
          if (first_month_wraps(season) && ref().month <= season_months(season) - 1) --season_year;
        }
        if ((e = season_part(j, probe, season_year, !has_ref())) != kNo) {
          cur = probe;
          return e;
        }
        if ((e = holiday_part(j, probe, ref().year, !has_ref())) != kNo) {
          cur = probe;
          return after_day(e, cur, Tag::kNone);
        }
        // 올 연말, 올 초: a part of the year, which stays the value.
        if ((e = part_after(pre.end, probe, kind_bit(Kind::kPart) | kind_bit(Kind::kPartYear))) != kNo) {
          cur = probe;
          cur.rule = "part_of_period";
          return e;
        }
        return kNo;
      }
    }
    if (have_year) {
      if (cur.interval) return part_or(end, cur);  // 1990년대 초, 2023~2025년
      // 2025年农历八月十五: the lunisolar mark may follow the year.
      const size_t j = after_lunar_mark(sp(end));
      const Opening oj = opening(j);
      size_t e;
      if (oj.has(kind_bit(Kind::kHoliday)) && (e = holiday_part(j, cur, cur.a.year, cur.a.x_year)) != kNo)
        return after_day(e, cur, Tag::kNone);
      if (oj.has(kind_bit(Kind::kHalf)) && (e = half_part(j, cur, true)) != kNo) return part_or(e, cur);
      if (((oj.number && quarter_may_be(j)) || oj.has(kind_bit(Kind::kFirstN) | kind_bit(Kind::kOrdinal))) &&
          (e = quarter_part(j, cur, true)) != kNo)
        return part_or(e, cur);
      if (((oj.number && unit_may_be(j, tagbit(Tag::kMonth), 1, 12)) ||
           oj.has(kind_bit(Kind::kLunarMonth) | kind_bit(Kind::kLunarLeap))) &&
          (e = month_part(j, cur, true)) != kNo)
        return after_month(e, cur);
      if (two_digit) return kNo;
      if (oj.has(kNthOpeners) && (e = nth_part(end, cur)) != kNo) return e;
      if (oj.has(kind_bit(Kind::kSeason)) && (e = season_part(j, cur, cur.a.year, cur.a.x_year)) != kNo) return e;
      if (oj.number && unit_may_be(j, tagbit(Tag::kTerm), 1, 2) && (e = term_part(j, cur, cur.a.year, cur.a.x_year)) != kNo)
        return e;
      const size_t part = part_after(end, cur, kind_bit(Kind::kPart) | kind_bit(Kind::kPartYear));
      if (part != kNo) return part;
      if (const size_t mid = shared_period_mid(end, "年"); mid != kNo) {
        cur.flags |= kMid;
        return mid;
      }
      return end;
    }
    size_t e;
    // Before the month: a holiday named by a lunisolar month and day (正月初一) is the holiday.
    if (o.has(kind_bit(Kind::kHoliday) | kind_bit(Kind::kPrefix))) {
      Cur probe = cur;
      if ((e = relative_holiday(p, probe)) != kNo) {
        cur = probe;
        return after_day(e, cur, Tag::kNone);
      }
    }
    if (o.has(kind_bit(Kind::kHalfRel)) && (e = half_rel_part(p, cur)) != kNo) return e;
    if (o.has(kind_bit(Kind::kHalf) | kind_bit(Kind::kPrefix)) && (e = half_part(p, cur, false)) != kNo)
      return part_or(e, cur);
    if (((o.number && quarter_may_be(p)) ||
         o.has(kind_bit(Kind::kQuarterRel) | kind_bit(Kind::kFirstN) | kind_bit(Kind::kOrdinal) | kind_bit(Kind::kPrefix))) &&
        (e = quarter_part(p, cur, false)) != kNo)
      return part_or(e, cur);
    if (((o.number && unit_may_be(p, tagbit(Tag::kMonth), 1, 12)) ||
         o.has(kind_bit(Kind::kMonthRel) | kind_bit(Kind::kPrefix) | kind_bit(Kind::kLunarMonth) |
               kind_bit(Kind::kLunarLeap))) &&
        (e = month_part(p, cur, false)) != kNo)
      return after_month(e, cur);
    Match pm = word(p, kind_bit(Kind::kPartYear) | kind_bit(Kind::kPartMonth));
    // A season that opens with a part word is the season: 연말|연시 is the turn of the year.
    if (pm && o.has(kind_bit(Kind::kSeason)) && word(p, kind_bit(Kind::kSeason)).end > pm.end) pm = Match{};
    // 十年中国: after a numeral, 年中 is "years" + "in", not "mid-year". (The code point
    // before is read only when such a word starts here.)
    const char32_t before = pm ? cp_before(t_, p) : 0;
    if (pm && !(before < 0x80 && is_digit(static_cast<char>(before))) && !is_han_digit(before)) {
      // 연말, 年底: this year; 월말, 月底: this month.
      const Entry& en = w_.entry(pm.entry);
      if (en.kind == Kind::kPartYear) cur.point(arith(year_value(ref().year), cur));
      else cur.point(arith(month_value(ref().year, ref().month), cur));
      cur.flags |= flag_of(en.tag);
      cur.rule = "part_of_period";
      return pm.end;
    }
    if (opening(sp(p)).has(kNthOpeners)) {
      // 첫째 화요일: a weekday inside the reference month. Not a unit (最后一天, 마지막
      // 주, 첫날): alone, "the last day" is of whatever period the text is about (假期最后一天
      // the holiday's last day), which is seldom the month of the dateline.
      Cur probe;
      probe.point(arith(month_value(ref().year, ref().month), probe));
      if ((e = nth_part(p, probe)) != kNo && probe.rule == kRuleNthWeekday) {
        cur = probe;
        return e;
      }
    }
    if (o.has(kind_bit(Kind::kPrefix) | kind_bit(Kind::kSeason))) {
      // 이번 여름, 지난 겨울, 여름: the season of (or around) the reference date.
      Match pre = word(p, kind_bit(Kind::kPrefix));
      const size_t j = pre && w_.entry(pre.entry).tag != Tag::kYear ? sp(pre.end) : p;
      Match se = word(j, kind_bit(Kind::kSeason));
      // A season word alone names the season in general (겨울 관광, 冬季新品): a date only
      // with a prefix (올여름, 지난 겨울) or a direction of its own (今冬, 明春); with a year
      // it is read after the year.
      if (se && !pre && !w_.entry(se.entry).has_offset) se = Match{};
      if (se && (pre || j == p)) {
        // A season word may carry its own direction (明春 next spring, 去冬 last winter).
        const int dir = pre && j != p ? w_.entry(pre.entry).offset : w_.entry(se.entry).offset;
        cur.flags |= kRelative;
        int y = ref().year;
        // Winter runs December to February: in January and February "this winter" began
        // in the previous year (and in January the turn of the year did).
        const Tag season = w_.entry(se.entry).tag;
        if (first_month_wraps(season) && ref().month <= season_months(season) - 1) --y;
        if (dir != 0) {
          // 지난여름: the last one that ended before the reference month (in November,
          // this year's; in July, last year's); 다음 겨울: the next one not yet begun.
          const long now = ref().year * 12L + ref().month - 1;
          const long first = y * 12L + season_first_month(season) - 1, last = first + season_months(season) - 1;
          if (dir < 0 && last >= now) --y;
          if (dir > 0 && first <= now) ++y;
        }
        const size_t e2 = season_part(j, cur, y, !has_ref());
        if (e2 != kNo) return e2;
      }
    }
    if (o.has(kind_bit(Kind::kWeekRel) | kind_bit(Kind::kPrefix) | kind_bit(Kind::kWeekday)) &&
        (e = week_part(p, cur)) != kNo) {
      if (cur.a.grain == Grain::kDay) return day_only(after_day(e, cur, Tag::kNone), cur);
      return e;
    }
    if ((e = bracketed_day(p, cur)) != kNo) return day_only(after_day(e, cur, Tag::kNone), cur);
    Match dr = word(p, kind_bit(Kind::kDayRel));
    if (dr && nowadays(p, dr)) return kNo;
    if (dr) {
      const Entry& rel = w_.entry(dr.entry);
      if (rel.tag == Tag::kContext) {
        // 전년 같은 날보다: the same day of a year named right before it, which the text
        // leaves undated (the year is a fact of its own).
        if (rel.offset == 0 && year_word_before(p)) return kNo;
        // 13일 전날보다, 开幕次日: from the day the sentence named, else the reference day.
        ctx_used_ = true;
        if (context_.day > 0 && same_sentence(context_.day_end, p)) {
          looks_back_ = rel.offset < 0;  // a comparison: the text's day stays
          cur.point(shift(Value{Grain::kDay, context_.day_year, context_.day_month, context_.day}, Grain::kDay, rel.offset));
          if (context_.day_relative) cur.flags |= kRelative;
          cur.rule = "context_day";
          // 次日凌晨2时: a time of day after it, as after 明天.
          const size_t t = time_of_day(dr.end, cur, rel.tag);
          return day_only(t != kNo ? t : dr.end, cur);
        }
        // With no day named, 전날 is the day before the article's, as news uses it, but
        // 다음 날 or 次日 is the day after some event the text does not date: no fact.
        if (rel.offset > 0) return kNo;
      }
      cur.point(arith(shift(ref_day(), Grain::kDay, rel.offset), cur));
      cur.rule = "relative_day";
      const size_t t = time_of_day(dr.end, cur, w_.entry(dr.entry).tag);
      return day_only(t != kNo ? t : dr.end, cur);
    }
    // 初五 after 正月初一至: a day of the first end's lunisolar month.
    const bool chinese_day = base_ && lunar_ && o.has(kind_bit(Kind::kPart));
    if (((o.number && unit_may_be(p, tagbit(Tag::kDay) | tagbit(Tag::kDayOfMonth), 1, 31)) ||
         o.has(kind_bit(Kind::kPrefix)) || chinese_day) &&
        (e = day_part(p, cur, false)) != kNo)
      return day_only(after_day(e, cur, Tag::kNone), cur);
    return kNo;
  }
  // The end of a chain that named a day alone (28일, 이날, 지난 화요일), marked so.
  static size_t day_only(size_t end, Cur& cur) {
    cur.day_only = true;
    return end;
  }

  // No sentence ends in [from, to): no sentence mark between them, and no '.' before a
  // space or the end of that stretch (a Korean sentence's end, not a decimal point).
  bool same_sentence(size_t from, size_t to) const {
    if (from > to) return false;
    for (size_t q = from; q < to;) {
      const char32_t c = cp_at(t_, q, q);
      if (is_sentence_mark(c) || (c == U'.' && (q >= to || t_[q] == ' '))) return false;
    }
    return true;
  }

  // 过去人们…，今天则…: "today" set against "the past" earlier in the sentence means
  // "nowadays", not the reference day. A past word followed by a count (过去一周) is a
  // span, not a contrast.
  bool nowadays(size_t p, const Match& dr) const {
    // (The walk at p that found dr says whether a nowadays word starts there at all.)
    if (!(words_at(p).each.kinds & kind_bit(Kind::kNowadays))) return false;
    const Match nw = w_.longest(t_, p, kind_bit(Kind::kNowadays));
    if (!nw || nw.end != dr.end) return false;
    constexpr size_t kLookBack = 180;  // bytes: about 60 Han characters
    const size_t floor = p > kLookBack ? p - kLookBack : 0;
    for (size_t q = p; q > floor;) {
      const char32_t c = cp_before(t_, q);
      if (is_sentence_mark(c)) break;
      q -= c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (!w_.may_hold2(t_, q, kind_bit(Kind::kContrastPast))) continue;  // most characters: two bytes say so
      const Match past = w_.longest(t_, q, kind_bit(Kind::kContrastPast));
      if (!past) continue;
      size_t next;
      const char32_t after = cp_at(t_, past.end, next);
      if (is_han_digit(after) || (after < 0x80 && is_digit(static_cast<char>(after))) ||
          w_.longest(t_, past.end, kind_bit(Kind::kVagueCount) | kind_bit(Kind::kSpanUnit)))
        continue;
      return true;
    }
    return false;
  }

  // 2027年中, 下月中: the period's 年 or 月 is also the first character of 年中 or 月中
  // (mid-year, mid-month), where jieba's segmentation reads that as a word
  // (2027年中投产: 年中|投产, 下月中发布), not 中 opening another (2027年中国: 年|中国,
  // 9月中国). `unit` is the period's character. Returns the end of 中, or kNo.
  size_t shared_period_mid(size_t end, std::string_view unit) const {
    // 中 first: after most years and months it is absent, and one byte says so.
    static constexpr std::string_view kMid = "中";
    if (end >= t_.size() || t_[end] != kMid[0] || t_.substr(end, kMid.size()) != kMid || end < unit.size() ||
        t_.substr(end - unit.size(), unit.size()) != unit)
      return kNo;
    if (word(end, kind_bit(Kind::kStop))) return kNo;  // 中美, 中欧: China and another country
    return pair_crossed(end - 3) ? kNo : end + 3;
  }
  // Whether jieba's least-cost segmentation of the Han characters from `at` (up to six
  // after the word) puts a word across an edge of the word [at, end): 年中|投产 keeps
  // 年中, 年|中国 crosses it; 四只|新股 keeps 四只, 一|批准 crosses 一批.
  // `name_cost`: what [at, end) costs as a word when the dictionary does not list it (see
  // crosses_edge; -1: no word).
  bool crossed(size_t at, size_t end, int name_cost = text::zh_words::kNameCost) const {
    char32_t run[text::zh_words::kMaxChars];
    size_t n = 0, word_chars = 0;
    for (size_t i = at; i < t_.size() && n < text::zh_words::kMaxChars;) {
      size_t next = i;
      const char32_t c = cp_at(t_, i, next);
      if (!text::is_han(c) || (i >= end && n >= word_chars + 6)) break;
      run[n++] = c;
      if (i < end) word_chars = n;
      i = next;
    }
    return word_chars > 0 && text::zh_words::crosses_edge(std::span<const char32_t>(run, n), 0, word_chars, name_cost);
  }
  // A Chinese word [at, end) that jieba's segmentation reads otherwise (see crossed()).
  bool stop_crossed(size_t at, size_t end) const {
    size_t next;
    return text::is_han(cp_at(t_, at, next)) && crossed(at, end);
  }
  // crossed() for the two characters from `at`.
  bool pair_crossed(size_t at) const {
    size_t second = at, end = at;
    cp_at(t_, at, second);
    cp_at(t_, second, end);
    return crossed(at, end);
  }
  size_t part_or(size_t end, Cur& cur) const {
    const size_t part = part_after(end, cur, kind_bit(Kind::kPart));
    return part != kNo ? part : end;
  }

  // A number reader's last answer, kept by position: a number that opens a parse is read
  // by the numeric form, the count, the century, the year, the quarter, the month and the
  // day in turn, at the same position. The readers (parse_digits, parse_sino_korean)
  // leave `out` alone when they fail and set all of it when they succeed, so the kept
  // answer is exactly theirs. (Han numerals are kept in the word cache instead, which the
  // start filter shares: WordCache::han.)
  // (`num` is left unset until a reader succeeds, and read only then: the parser is built
  // once per parse, about 34,000 times on 4 MB, and setting three unused Nums was a
  // third of its construction.)
  struct LastNumber {
    LastNumber() {}
    size_t pos = kNo;
    bool ok;  // (set by the first get(): pos is no position until then)
    union {
      Num num;
    };
    template <class Read>
    bool get(size_t p, Num& out, Read read) {
      if (p != pos) {
        Num n;
        ok = read(p, n);
        pos = p;
        if (ok) num = n;
      }
      if (ok) out = num;
      return ok;
    }
  };
  bool digits(size_t p, Num& out) const {
    return digits_.get(p, out, [this](size_t q, Num& n) { return parse_digits(t_, q, n); });
  }
  bool han(size_t p, Num& out) const {
    return cache_->han(t_, p, out);  // shared with the start filter (may_start)
  }
  // Sino-Korean numbers go through the general numeral parser: the year's and the
  // quarter's readings of one syllable (삼성, 일부) ask at the same position in turn.
  bool sino(size_t p, Num& out) const {
    return sino_.get(p, out, [this](size_t q, Num& n) { return parse_sino_korean(t_, q, n); });
  }
  mutable LastNumber digits_, sino_;
  mutable size_t runs_on_pos_ = kNo;  // runs_on_in_word's last position and answer
  mutable bool runs_on_ = false;
  mutable DigitsUnit digits_unit_;

  WordCache* cache_;  // longest_each answers by position (Parser::word)
  mutable const WordCache::Slot* last_slot_ = &cache_->slot[0];

  const Words& w_;
  std::string_view t_;
  const core::Document* doc_;  // the article (its region), or null: see bare_era_offset()
  // Read only through ref() and has_ref(), which note the read.
  core::RefDate ref_store_;
  bool has_ref_store_ = false;
  mutable bool ref_used_ = false, ctx_used_ = false;
  const Value* base_ = nullptr;
  bool base_spelled_ = false;
  const TextContext& context_;  // what the text named before this parse
  bool between_ = false;  // reading B of "A和B之间"
  // The parse read a lunisolar mark or month name (음력, 农历, 正月): its month and day are
  // lunisolar ones, converted at the end (to_civil), with the Korean calendar for a
  // Korean word.
  bool lunar_ = false;
  bool lunar_korean_ = false;
  bool lunar_leap_ = false;  // the lunisolar month is a leap one (闰六月)
  bool looks_back_ = false;  // Parsed::looks_back
  mutable int holiday_ = -1;  // Parsed::holiday (set by holiday_part)
  mutable bool lunar_year_from_ref_ = false;  // take_year() gave the year from the reference
  size_t month_end_ = kNo;  // where the last month part ended, and whether it was spelled
  bool month_spelled_ = false;
  Tag base_daypart_ = Tag::kNone;                 // half of the day the range's first end named
  mutable Tag last_daypart_ = Tag::kNone;         // set by time_of_day
  mutable Tag inherited_daypart_ = Tag::kNone;
};

}  // namespace

namespace {

// Words::longest for `kinds` from a longest_each answer: the longest word, and among
// those ending at the same place the first entry (entries sit at their trie node in
// index order, so the walk meets the smallest first).
Match longest_of(const Words::Each& each, KindMask kinds) {
  Match m;
  for (KindMask left = kinds & each.kinds; left; left &= left - 1) {
    const int k = __builtin_ctzll(left);
    if (!m || each.end[k] > m.end || (each.end[k] == m.end && each.entry[k] < m.entry))
      m = Match{each.entry[k], each.end[k]};
  }
  return m;
}

constexpr KindMask kAfterNumber = kind_bit(Kind::kMarker) | kind_bit(Kind::kSpanUnit) |
                                  kind_bit(Kind::kApproxCount) | kind_bit(Kind::kRange);
// Opening words that cannot stand alone: a number or another date part must follow
// (약 3년 전, 上两个月, 第三季度, 지난 9월, 올 상반기).
constexpr KindMask kLeadIns = kind_bit(Kind::kQualBefore) | kind_bit(Kind::kPrefix) | kind_bit(Kind::kOrdinal) |
                              kind_bit(Kind::kSpanPrefix) | kind_bit(Kind::kFirstN);

}  // namespace

namespace {

// Bit k of the low 32 bits of x moved to bit 2k: two sets over the same code points
// interleaved into a table of two bits a code point.
uint64_t spread_bits(uint64_t x) {
  x &= 0xFFFFFFFFu;
  x = (x | x << 16) & 0x0000FFFF0000FFFFull;
  x = (x | x << 8) & 0x00FF00FF00FF00FFull;
  x = (x | x << 4) & 0x0F0F0F0F0F0F0F0Full;
  x = (x | x << 2) & 0x3333333333333333ull;
  x = (x | x << 1) & 0x5555555555555555ull;
  return x;
}

template <class Bits>
void mark(Bits& bits, char32_t c) {
  if (c < 0x10000) bits[c >> 6] |= uint64_t{1} << (c & 63);
}

}  // namespace

// Once per grammar, and cold: as a hot function its code changed GCC's inlining in the
// parser (prev_code_point, 0.11 M instructions on 4 MB).
[[gnu::cold]] DateNumberStarts date_number_starts(const Words& words) {
  DateNumberStarts out;
  // The native counts parse_native_korean reads (numbers.h's kNativeCounts, numerals.tsv's
  // words): those of one syllable (한 두 세 네 열); after such a syllable, the second of a
  // longer count that opens with it (열한, 열두); the others' first two (다섯, 스무, 스물네).
  const numbers_detail::NativeCounts& counts = numbers_detail::kNativeCounts;
  for (int k = 0; k < counts.size; ++k)
    if (counts.at[k].size == 1) out.one_syllable.push_back(counts.at[k].syllables[0]);
  for (int k = 0; k < counts.size; ++k) {
    const numbers_detail::NativeCount& n = counts.at[k];
    if (n.size == 1) continue;
    if (std::find(out.one_syllable.begin(), out.one_syllable.end(), n.syllables[0]) != out.one_syllable.end()) {
      if (std::find(out.after_ten.begin(), out.after_ten.end(), n.syllables[1]) == out.after_ten.end())
        out.after_ten.push_back(n.syllables[1]);
    } else if (const std::pair<char32_t, char32_t> pair(n.syllables[0], n.syllables[1]);
               std::find(out.pairs.begin(), out.pairs.end(), pair) == out.pairs.end()) {
      out.pairs.push_back(pair);
    }
  }
  // Sino-Korean: a year's thousands (일천, 이천: 1 or 2 before 천) and a quarter's number
  // before a quarter marker in Hangul (일분기 … 사분기: 1..4 before 분기, date_words.tsv's
  // marker of unit quarter).
  for (const char32_t thousand : numeral::sino_korean_units(3))
    for (int d = 1; d <= 2; ++d)
      for (const char32_t digit : numeral::sino_korean_digits(d)) out.sino_pairs.emplace_back(digit, thousand);
  std::vector<char32_t> quarters;
  words.first_code_points(kind_bit(Kind::kMarker), Tag::kQuarter, quarters);
  std::sort(quarters.begin(), quarters.end());
  quarters.erase(std::unique(quarters.begin(), quarters.end()), quarters.end());
  for (const char32_t q : quarters)
    if (text::is_hangul_syllable(q))
      for (int d = 1; d <= 4; ++d)
        for (const char32_t digit : numeral::sino_korean_digits(d)) out.sino_pairs.emplace_back(digit, q);
  return out;
}

// The tables below are built from sets and lists a 64-bit word (64 code points) at a
// time: a test of every BMP code point cost several million instructions at each start
// of the program, most of a one-document run's.
void Grammar::build_gate() {
  std::copy_n(words_.start_bits(), gate_.size(), gate_.begin());
  for (char32_t c : kHanDigits) mark(gate_, c), numbers_.mark_single(c);
  for (char32_t c : kApostrophes) mark(gate_, c), numbers_.mark_single(c);
  // Native Korean counts (두 달 전, 열두 달, 스무 해) and the spelled Sino-Korean numbers
  // that may open a date (이천십오년, 삼분기), from numerals.tsv and date_words.tsv
  // (date_number_starts): their first syllables pass the gate.
  const DateNumberStarts starts = date_number_starts(words_);
  for (char32_t k : starts.one_syllable) mark(gate_, k);
  for (const auto& [c1, c2] : starts.pairs) mark(gate_, c1);
  for (const auto& [c1, c2] : starts.sino_pairs) {
    mark(gate_, c1);
    sino_pairs_.push_back(uint64_t{c1} << 32 | c2);
  }
  // A native Korean count of one syllable opens a date only as "count, spaces, counted
  // unit or vague-count mark" (한 달 전, 세달, 열두 달): the second code point is a space,
  // the first of such a word, or 한/두 after 열. Longer counts and spelled Sino-Korean
  // numbers open a date only with their own second syllable.
  // The pair with the space is marked below, with its third code points: the unit's.
  std::vector<char32_t> units;
  words_.first_code_points(kind_bit(Kind::kSpanUnit) | kind_bit(Kind::kApproxCount), units);
  // (The pairs with 한/두 are marked after every one-syllable count, a superset.)
  for (char32_t k : starts.one_syllable) {
    for (char32_t c2 : starts.after_ten) numbers_.mark_pair(k, c2);
    for (char32_t c2 : units) numbers_.mark_pair(k, c2);
  }
  // 今（31）日, 明（2027）年: a day or year word with its number inside it (bracketed_word).
  std::vector<char32_t> day_words;
  words_.first_code_points(kind_bit(Kind::kDayRel) | kind_bit(Kind::kYearRel), day_words);
  for (char32_t c : day_words) numbers_.mark_pair(c, U'(');
  for (const auto& [c1, c2] : starts.pairs) numbers_.mark_pair(c1, c2);
  for (const auto& [c1, c2] : starts.sino_pairs) numbers_.mark_pair(c1, c2);
  for (size_t i = 0; i < pair_singles_.size(); ++i) pair_singles_[i] = words_.single_bits()[i] | numbers_.single_bits()[i];
  for (const auto& [c1, c2] : words_.start_pairs()) mark_pair(c1, c2, true);
  for (const auto& [c1, c2] : numbers_.start_pairs()) mark_pair(c1, c2);
  // The words' pairs by length: a word of two code points keeps its slot short; the
  // others' first three code points make the third look's set. (A single's own readings
  // are gate_start_at's single path, which decides before the pair test: 上市公司 is no
  // start, where 上市后 is a stop word and 上 a lead-in that 市 cannot follow.)
  const std::vector<char32_t>& triples = words_.start_triples();
  for (size_t k = 0; k + 2 < triples.size(); k += 3) {
    const char32_t c1 = triples[k], c2 = triples[k + 1], c3 = triples[k + 2];
    const uint32_t h = pair_slot(pair_key(c1, c2));
    if (c3 == 0) {
      set_slot(pair_short_, h);
    } else {
      set_slot(pair_long_, h);
      set_slot(triple_bits_, triple_slot(pair_key(c1, c2), c3));
    }
  }
  // A native count and a space (한 달 전, 열 예): a start only before a counted unit or a
  // vague-count mark after the spaces (the third look), as a longer word's pair.
  for (char32_t k : starts.one_syllable) {
    mark_pair(k, U' ', true);
    const uint64_t key = pair_key(k, U' ');
    set_slot(pair_long_, pair_slot(key));
    for (char32_t c3 : units) set_slot(triple_bits_, triple_slot(key, c3));
  }
  build_follow();
  for (size_t w = 0; w < pair_long_.size(); ++w) pair_long_[w] &= ~pair_short_[w];
  // The singles that a three-byte code point may follow (gate_pair's single path): those
  // that stand alone, and the lead-ins and numerals (after which the gate's code points and
  // the numerals go on). One that needs a space or a bracket after it (전 분기, 今（31）日)
  // is a pair's first before any three-byte code point.
  std::array<uint64_t, 1024> alone{};
  for (size_t w = 0; w < pair_singles_.size(); ++w)
    for (uint64_t bits = pair_singles_[w]; bits != 0; bits &= bits - 1) {
      const size_t c = 64 * w + static_cast<size_t>(std::countr_zero(bits));
      if (single_follow_[c] & (kFollowAny | kFollowLeadIn | kFollowNumber)) alone[w] |= uint64_t{1} << (c & 63);
    }
  // A byte a code point, four to a word: the gate's bit, the labels', those singles',
  // the Hangul syllables' and the pairs' second code points' by group.
  const uint64_t* labels = words_.label_bits();
  std::array<uint64_t, 1024> hangul{};
  for (char32_t c = 0xAC00; c <= 0xD7A3; ++c) mark(hangul, c);
  // Each set's bits four at a time, each to the low bit of its byte.
  static constexpr std::array<uint32_t, 16> kSpread = [] {
    std::array<uint32_t, 16> t{};
    for (uint32_t x = 0; x < 16; ++x)
      for (uint32_t k = 0; k < 4; ++k) t[x] |= ((x >> k) & 1) << (8 * k);
    return t;
  }();
  for (size_t w = 0; w < gate_.size(); ++w) {
    const uint64_t sets[8] = {gate_[w], labels[w], alone[w], hangul[w], pair_seconds_[0][w], pair_seconds_[1][w],
                              pair_seconds_[2][w], pair_seconds_[3][w]};
    for (unsigned b = 0; b < 8; ++b)
      if (sets[b] != 0)
        for (size_t q = 0; q < 16; ++q) start_bits_[16 * w + q] |= kSpread[(sets[b] >> (4 * q)) & 0xF] << b;
  }
  ascii_label_starts_ = (labels[0] | labels[1]) != 0;
}

// What may follow a code point that passes pair_singles_ for may_start_at to say yes or
// skip (a superset: the classes only turn away what may_start would reject). Its paths:
// an opener or stop word of one code point (ANY when it stands alone or stops; after a
// lead-in, may_start again at the next code point: a digit, an apostrophe, a space, a
// vague count or what passes the gate); a word with a space after its first code point
// (the space, or the code point after it: the space is optional); a numeral (一 goes on
// with a number: ASCII, numeral characters, '·', a space or a word after a number);
// 今（31）日 (an opening bracket after any word's first code point). Longer words keep
// their pairs in pair_bits_ (mark_pair).
void Grammar::build_follow() {
  // The code points in class "after a lead-in" and in class "after a numeral" (every
  // code point is in class "any").
  std::array<uint64_t, 1024> lead_in{}, number{};
  std::copy(gate_.begin(), gate_.end(), lead_in.begin());
  for (char c = '0'; c <= '9'; ++c) mark(lead_in, static_cast<char32_t>(c));
  mark(lead_in, U'\'');
  mark(lead_in, U' ');
  std::vector<char32_t> vague, after_number;
  words_.first_code_points(kind_bit(Kind::kVagueCount), vague);
  for (char32_t c : vague) mark(lead_in, c);
  number[0] = number[1] = ~uint64_t{0};  // ASCII
  for (char32_t c : kHanNumberStarts) mark(number, c);
  mark(number, U'\u00B7');
  numeral::mark_numeral_chars(number);
  words_.first_code_points(kAfterNumber, after_number);
  for (char32_t c : after_number) {
    mark(number, c);
    mark(after_number_starts_, c);
  }
  for (unsigned b = 0; b < 256; ++b) {
    const bool yes = b >= 0x80 || b == '-' || b == '/' || b == '~' || b == ' ' || ((after_number_starts_[b >> 6] >> (b & 63)) & 1);
    after_digits_[b] = b == '.' ? kAfterDigitsDot : (b & 0xF0) == 0xE0 ? kAfterDigitsLead3 : yes ? kAfterDigitsYes : kAfterDigitsNo;
  }
  // The lead-in and numeral bits, packed (follow_class adds the rest): 32 code points a
  // word, bit 0 and bit 1 of each pair.
  for (size_t w = 0; w < lead_in.size(); ++w) {
    if ((lead_in[w] | number[w]) == 0) continue;
    for (size_t h = 0; h < 2; ++h)
      follow_bits_[2 * w + h] = spread_bits(lead_in[w] >> (32 * h)) | spread_bits(number[w] >> (32 * h)) << 1;
  }
  std::vector<char32_t> markers, parts;
  words_.first_code_points(kind_bit(Kind::kMarker), markers);
  words_.first_code_points(kind_bit(Kind::kPart), parts);
  for (const Words::SingleStart& s : words_.single_starts()) {
    if (s.first >= 0x10000) continue;
    uint8_t& need = single_follow_[s.first];
    // 올 초: a year prefix goes on with a part of the year too, which opens nothing alone
    // (not in the lead-in class): its pairs with the parts' first code points.
    if (s.kind == Kind::kPrefix && s.after == 0)
      for (char32_t p : parts) mark_pair(s.first, p);
    // 首季: a first_n word with a count of its own goes on with a marker too.
    if (s.kind == Kind::kFirstN && s.offset > 0) {
      need |= kFollowSpace;
      for (char32_t m : markers) mark_pair(s.first, m);
    }
    if (s.after != 0) {
      need |= kFollowSpace;
      // A word's pair: its third code point is in start_triples (설 before 명절, not 설명).
      mark_pair(s.first, s.after, true);
    } else {
      need |= (kind_bit(s.kind) & kLeadIns) ? kFollowLeadIn : kFollowAny;
    }
  }
  // A lead-in alone before a digit opens a date only through the number (may_start at the
  // digit), unless some word starts with a digit (none does: then may_start's other
  // readings there, a part of the year after 올 or a unit after a native count, are
  // words at the digit too).
  std::vector<char32_t> firsts;
  words_.first_code_points(~KindMask{0}, firsts);
  const bool digit_words = std::any_of(firsts.begin(), firsts.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; });
  digit_words_ = digit_words;
  // A lead-in alone before a three-byte code point other than Hangul (a Chinese numeral,
  // 新, 合): may_start there asks for a vague-count word first (after a lead-in), then as
  // at a word start (kHanLook), unless some vague-count word starts with such a code point.
  std::vector<char32_t> vague_firsts;
  words_.first_code_points(kind_bit(Kind::kVagueCount), vague_firsts);
  const bool han_vague = std::any_of(vague_firsts.begin(), vague_firsts.end(), [](char32_t c) {
    return c >= 0x800 && c < 0x10000 && !text::is_hangul_syllable(c);
  });
  for (size_t w = 0; w < pair_singles_.size(); ++w)
    for (uint64_t bits = pair_singles_[w]; bits != 0; bits &= bits - 1) {
      const auto c = static_cast<char32_t>(64 * w + static_cast<size_t>(std::countr_zero(bits)));
      uint8_t& need = single_follow_[c];
      if (is_han_digit(c)) need |= kFollowNumber;
      if (is_apostrophe(c)) need |= kFollowAny;
      // Set by neither path above: no narrowing.
      if (need == 0) need = kFollowAny;
      if (need == kFollowLeadIn) need |= (digit_words ? 0 : kDigitsLook) | (han_vague ? 0 : kHanLook);
      need |= kFollowBracket;
    }
}

bool Grammar::gate_pair_near_end(std::string_view text, size_t pos) const {
  const char32_t c1 = text::decode3(reinterpret_cast<const unsigned char*>(text.data()) + pos);
  const char32_t c2 = pos + 3 < text.size() ? text::code_point_at(text, pos + 3) : 0;
  const auto* u = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  if (c1 < 0x10000 && ((pair_singles_[c1 >> 6] >> (c1 & 63)) & 1) && single_starts_at(u, text.size() - pos)) return true;
  return pair_marked(pair_key(c1, c2));
}

bool Grammar::third_follows(std::string_view text, size_t pos, uint64_t pair) const {
  // The third code point starts after the second, whose length its lead byte tells (as
  // in the pair's key).
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = pos + 3 + kLeadLength[s[pos + 3] >> 4];
  // A space there may be a word's own (다음 달, 같은 날): the code point after it is read.
  // After a space as the second (a native count's: 한 달), the count's unit follows up to
  // three spaces in all (skip_spaces); more spaces than that: may_start's answer.
  if (s[pos + 3] == ' ') {
    const size_t last = pos + 6;
    while (i < text.size() && i < last && s[i] == ' ') ++i;
    if (i < text.size() && s[i] == ' ') return true;
  } else if (i < text.size() && s[i] == ' ') {
    ++i;
  }
  if (i >= text.size()) return false;  // no third code point: no word that needs one
  const char32_t c3 = (s[i] & 0xF0) == 0xE0 && i + 2 < text.size() ? text::decode3(s + i) : text::code_point_at(text, i);
  const uint32_t t = triple_slot(pair, c3);
  return (triple_bits_[t >> 6] >> (t & 63)) & 1;
}

bool Grammar::single_starts_at(const unsigned char* u, size_t avail) const {
  const std::string_view rest(reinterpret_cast<const char*>(u), avail);
  const char32_t c1 = text::decode3(u);
  const char32_t c2 = avail > 3 ? text::code_point_at(rest, 3) : 0;
  // 约600亿元: the lead-in's date would open with the number (may_start after it), whose
  // first look this is (it reads no byte before the digits).
  const unsigned need = single_follow_[c1];
  if (need & (kDigitsLook | kHanLook)) {  // a lead-in alone (the singles' one test)
    if ((need & kDigitsLook) && c2 >= U'0' && c2 <= U'9') return digits_may_open(rest, 3);
    // 约新台币, 第二阶段: as may_start reads the code point after the lead-in (a sharper
    // answer than the class's).
    if ((need & kHanLook) && avail >= 3 + 8 && (u[3] & 0xF0) == 0xE0 && !text::is_hangul_syllable(c2))
      return single_follows(c1, c2) && han_opens_at(u, avail);
  }
  return single_follows(c1, c2);
}

bool Grammar::han_opens_at(const unsigned char* u, size_t avail) const {
  return gate_start_at(std::string_view(reinterpret_cast<const char*>(u), avail), 3);
}

bool Grammar::single_past_space(const unsigned char* u, size_t avail) const {
  const char32_t c1 = text::decode3(u);
  const unsigned need = single_follow_[c1];
  if (need & kFollowAny) return true;
  // The spaces may_start skips after the single (skip_spaces: up to three); nothing after
  // them, or more spaces than that: its answer.
  size_t j = 4;
  while (j < avail && j < 6 && u[j] == ' ') ++j;
  if (j >= avail || u[j] == ' ') return true;
  const std::string_view rest(reinterpret_cast<const char*>(u), avail);
  const char32_t c3 = (u[j] & 0xF0) == 0xE0 && j + 2 < avail ? text::decode3(u + j) : text::code_point_at(rest, j);
  if (c3 >= 0x10000) return true;
  // 약 3년: the lead-in's date opens with the number (the digits look, as before a digit
  // right after it).
  if ((need & kDigitsLook) && c3 >= U'0' && c3 <= U'9') return digits_may_open(rest, j);
  if (need & follow_class(c3) & (kFollowLeadIn | kFollowNumber)) return true;
  return pair_marked(pair_key(c1, c3));
}

bool Grammar::number_continues(std::string_view text, size_t e, WordCache* cache) const {
  // Every date that opens with a number continues with a separator (2025.11.01, 13~15),
  // a unit (2025년, 3분기, 3년 전, 两个月) or a vague-count mark (10여 년): most numbers in
  // news (amounts, percentages, counts) fail this one look.
  if (e >= text.size()) return false;
  const char a = text[e];
  // (Not ':': a clock time alone is no date, and no date word starts with it.)
  if (a == '-' || a == '/' || a == '.' || a == '~') return true;
  if (static_cast<unsigned char>(a) == 0xC2 && e + 1 < text.size() && static_cast<unsigned char>(text[e + 1]) == 0xB7)
    return true;  // 1·4분기
  const size_t j = skip_spaces(text, e);
  // Most numbers go on with a code point no such word starts with (억, 万, %, ','): one
  // bit says so before the dictionary is walked.
  if (j >= text.size()) return false;
  const char32_t c = text::code_point_at(text, j);
  if (c < 0x10000 && !((after_number_starts_[c >> 6] >> (c & 63)) & 1)) return false;
  return word_at(text, j, kAfterNumber, cache);
}

bool Grammar::word_at(std::string_view text, size_t pos, KindMask kinds, WordCache* cache) const {
  if (!cache || pos >= text.size()) return static_cast<bool>(words_.longest(text, pos, kinds));
  // The walk for every kind, made where the parse that follows will look too.
  return (cache->at(words_, text, pos).kinds & kinds) != 0;
}

Match Grammar::word_match(std::string_view text, size_t pos, KindMask kinds, WordCache* cache) const {
  if (!words_.may_hold(text, pos, kinds)) return Match{};
  return cache ? longest_of(cache->at(words_, text, pos), kinds) : words_.longest(text, pos, kinds);
}

bool Grammar::number_may_open(std::string_view text, size_t pos, size_t e, WordCache* cache) const {
  // number_continues' tests first, on the walk it makes (one walk answers the rest for
  // most numbers: the word after them starts right at e).
  if (e >= text.size()) return false;
  // A separator or '·' right after the digits: a numeric date (2025.11.01), a range
  // (13~15일, 2023-2025년), a quarter (1·4분기, 3/4분기). The parser reads on from there.
  const auto a = static_cast<unsigned char>(text[e]);
  if (a == '-' || a == '/' || a == '.' || a == '~' || a == 0xC2) return number_continues(text, e, cache);
  const size_t s = skip_spaces(text, e);
  if (s >= text.size()) return false;
  size_t next;
  const char32_t c = cp_at(text, s, next);
  if (c < 0x10000 && !((after_number_starts_[c >> 6] >> (c & 63)) & 1)) return false;
  if (!cache) {  // (tests, dateline detection without a record)
    WordCache own;
    return number_may_open(text, pos, e, &own);
  }
  WordCache& words = *cache;
  const Words::Each& at_s = words.at(words_, text, s);
  if (!(at_s.kinds & kAfterNumber)) return false;
  Num n;
  parse_digits(text, pos, n);
  // More digits than the parser reads as one number, or a word that starts with a digit
  // (a user's): leave the answer to the parser. So for a range connector (13~15일,
  // 2023至2025年): the marker comes after the second number.
  if (n.end != e || digit_words_ || (at_s.kinds & kind_bit(Kind::kRange))) return true;
  const long v = n.value;
  // The marker right after the digits or after spaces (Parser::digits_unit's tags), and
  // the part it lets the number open when its value and length fit (year_part,
  // quarter_part, month_part, day_part).
  auto marker_opens = [&](const Words::Each& w, size_t at) {
    if (!(w.kinds & kind_bit(Kind::kMarker))) return false;
    constexpr int kMarker = static_cast<int>(Kind::kMarker);
    switch (words_.entry(w.entry[kMarker]).tag) {
      case Tag::kYear:
      case Tag::kFiscalYear:  // 2025년, 25年: year_part's year_of (115年: a Taiwanese article's, it decides)
        return n.digits == 2 || (n.digits == 4 && v >= 1000 && v <= 2999) ||
               (n.digits == 3 && v >= 100 && words_.bare_era_offset() != 0);
      case Tag::kDecade:  // 1990년대, 90年代
        return v % 10 == 0 && (n.digits == 4 ? v >= 1000 : v >= 10 && v <= 90);
      case Tag::kCentury: {
        // 19세기 70년대: a century right after the digits is read only with its decade.
        if (at != e || v < 1 || v > 21) return false;
        const size_t j = skip_spaces(text, w.end[kMarker]);
        size_t after;
        return j < text.size() && (is_digit(text[j]) || is_han_number_start(cp_at(text, j, after)));
      }
      case Tag::kQuarter: return v >= 1 && v <= 4;
      case Tag::kMonth: return v >= 1 && v <= 12;
      case Tag::kDay:
      case Tag::kDayOfMonth: return v >= 1 && v <= 31;
      default: return false;
    }
  };
  if (marker_opens(at_s, s) || (s != e && marker_opens(words.at(words_, text, e), e))) return true;
  // A count (3년 전, 10여 년 전, 5天后): 1 to 999 without a leading zero, an optional
  // vague-count mark, a unit, another optional mark, then an ago word (Parser::counted).
  // Each mark is tried both taken and not (the parser's lookup may refuse it: a longer
  // stop word).
  if (v < 1 || v > 999 || n.leading_zero) return false;
  const KindMask approx = kind_bit(Kind::kApproxCount);
  auto ago_after_unit = [&](size_t i) {
    const Match u = word_match(text, i, kind_bit(Kind::kSpanUnit), &words);
    if (!u) return false;
    if (word_match(text, skip_spaces(text, u.end), kind_bit(Kind::kAgo), &words)) return true;
    const Match ap = word_match(text, u.end, approx, &words);
    return ap && word_match(text, skip_spaces(text, ap.end), kind_bit(Kind::kAgo), &words);
  };
  if (ago_after_unit(s)) return true;
  const Match ap = word_match(text, e, approx, &words);
  return ap && ago_after_unit(skip_spaces(text, ap.end));
}

bool Grammar::may_start_at(std::string_view text, size_t pos, size_t* skip_to, WordCache* cache) const {
  return may_start(text, pos, skip_to, true, cache);
}

bool Grammar::may_start(std::string_view text, size_t pos, size_t* skip_to, bool word_start, WordCache* cache) const {
  if (pos >= text.size()) return false;
  const char b = text[pos];
  if (static_cast<unsigned char>(b) < 0x80) {
    if (is_digit(b)) {
      if (word_start && pos > 0) {
        const char p = text[pos - 1];
        if (is_digit(p) || is_alpha(p)) return false;
        // 3.2025 or 1,2025: the digits continue a number.
        if ((p == '.' || p == ',') && pos >= 2 && is_digit(text[pos - 2])) return false;
      }
      size_t e = numeral::digit_run_end(text.data(), pos, text.size());
      // A number with a decimal point (1.5억, 约1.5万亿) opens no date, alone or after a
      // lead-in: of the dotted forms only a four-digit year does (2025.11.01), and no
      // date word starts with '.'.
      if (e < text.size() && text[e] == '.' && e - pos != 4) return false;
      // A second number right after '-' or '~' (2018-01-10, 13~15일, 2023-2025년) makes a
      // date only as the middle of a three-part numeric date or as a range that a unit
      // closes: either way something continues after it, as after any number that opens
      // a date. (99-76, 010-1234: scores and phone numbers.)
      if (e + 1 < text.size() && (text[e] == '-' || text[e] == '~') && is_digit(text[e + 1])) {
        const size_t e2 = numeral::digit_run_end(text.data(), e + 1, text.size());
        return number_continues(text, e2, cache);
      }
      // At a word start the number opens the date itself, so what follows it must suit
      // one of its readings (5年期, 67년간, 9125달러, 100余家: no date); after a lead-in
      // (지난 2주, 前3个月) the lead-in's parts read it their own ways.
      return word_start ? number_may_open(text, pos, e, cache) : number_continues(text, e, cache);
    }
    return b == '\'' && pos + 1 < text.size() && is_digit(text[pos + 1]);
  }
  size_t next;
  const char32_t c = cp_at(text, pos, next);
  // 다음 몇일: after a lead-in, a vague count.
  if (!word_start && word_at(text, pos, kind_bit(Kind::kVagueCount), cache)) return true;
  if (!gate(c)) return false;
  if (is_apostrophe(c)) return next < text.size() && is_digit(text[next]);
  const bool hangul = text::is_hangul_syllable(c);
  // Korean words start after a non-Hangul character: 오늘 but not 그오늘.
  if (word_start && hangul && hangul_before(text, pos)) return false;
  Match stop, alone, open;
  // One walk: the longest opener, the longest stop word, and the longest opener that
  // stands alone (asked below when a lead-in leads nowhere). With the parses' cache, the
  // walk for every kind, kept for the parse that follows (the same three answers: the
  // longest word of the kinds asked, the first entry among those ending there). There
  // the one that stands alone is read from the walk only when it is asked (after a
  // lead-in that leads nowhere, or a word that opens nothing): most positions answer
  // before, and reading it cost a third of the answers' reading.
  bool alone_read = true;
  if (cache) {
    const Words::Each& each = cache->at(words_, text, pos);
    open = longest_of(each, kOpeners);
    constexpr int kStopKind = static_cast<int>(Kind::kStop);
    if (each.kinds & kind_bit(Kind::kStop)) stop = Match{each.entry[kStopKind], each.end[kStopKind]};
    alone_read = false;
  } else {
    open = words_.longest3(text, pos, kOpeners, kind_bit(Kind::kStop), stop, kOpeners & ~kLeadIns, alone);
  }
  // (From the cache again: the walks made since may have taken pos's slot.)
  auto read_alone = [&] {
    if (!alone_read) alone = longest_of(cache->at(words_, text, pos), kOpeners & ~kLeadIns), alone_read = true;
  };
  // 설 with no 연휴, 명절… after it opens nothing (the gate agrees: Words::add_word).
  if (open && words_.entry(open.entry).kind == Kind::kHoliday && !holiday_follows(words_, text, open)) {
    read_alone();
    if (alone.entry == open.entry) alone = Match{};
    open = Match{};
  }
  // A stop word as long as the opener wins too: 最后 is both the ordinal "last" and a
  // stop word, and alone it is no date, while its 后 ("after") must not open one.
  if (stop && (!open || stop.end >= open.end)) {
    if (skip_to) *skip_to = stop.end;
    return false;
  }
  // 올 with no 들어 or 한 해 after it is no year (Parser::year_part agrees), and its other
  // readings are asked for (the prefix of 올 3월; none is longer: it is the longest word
  // of its kind here). With the prefix row first in date_words.tsv, `open` holds the
  // prefix already and 올라, 올려 cost no second walk.
  auto lacks_follower = [&](const Match& m) {
    return words_.entry(m.entry).tag == Tag::kFollow &&
           !word_at(text, skip_spaces(text, m.end), kind_bit(Kind::kRelFollow), cache);
  };
  if (open && !(kind_bit(words_.entry(open.entry).kind) & kLeadIns) && lacks_follower(open)) {
    read_alone();
    if (alone.entry == open.entry) alone = Match{};
    open = word_match(text, pos, kOpeners & ~kind_bit(words_.entry(open.entry).kind), cache);
  }
  if (open) {
    if (!(kind_bit(words_.entry(open.entry).kind) & kLeadIns)) return true;
    if (may_start(text, skip_spaces(text, open.end), nullptr, false, cache)) return true;
    // 올 초: a year prefix before a part of the year, which opens nothing alone.
    const Entry& lead = words_.entry(open.entry);
    if (lead.kind == Kind::kPrefix && lead.tag == Tag::kYear &&
        word_at(text, skip_spaces(text, open.end), kind_bit(Kind::kPart), cache))
      return true;
    // 首季: a first_n word with a count of its own before a marker (quarter_part reads it).
    if (lead.kind == Kind::kFirstN && lead.offset > 0 && word_at(text, open.end, kind_bit(Kind::kMarker), cache))
      return true;
    // A shorter word that stands alone may still start here.
    read_alone();
    if (alone && !lacks_follower(alone)) return true;
  }
  Num n;
  if (!hangul) {
    // 今（31）日: a day word opened around a bracketed day of the month. After a lead-in
    // (截至|昨（13）日) only a day or year word's first code point, as the scan's gate has
    // it (its pairs with '('): 上|复(31) is none.
    if (next + 1 < text.size() && text[next] == '(' && is_digit(text[next + 1]) && words_.may_start(c) &&
        (word_start || gate_pair(c, U'(')))
      return true;
    if (!is_han_digit(c)) return false;
    // A lone numeral (一个, 统一): when no numeral character follows, the number ends
    // right after it, so what follows decides before the numeral parser is asked.
    size_t after;
    const char32_t c2 = cp_at(text, next, after);
    if (!(c2 < 0x80 || is_han_number_start(c2) || numeral::is_numeral_char(c2)) &&
        !number_continues(text, next, cache))
      return false;
    // (Through the cache: the parse that follows reads the same number.)
    return (cache ? cache->han(text, pos, n) : parse_han(text, pos, n)) && number_continues(text, n.end, cache);
  }
  // 두 달 전, 한 달 전: native Korean counts before a counted unit
  if (parse_native_korean(text, pos, n)) {
    const size_t j = skip_spaces(text, n.end);
    if (word_at(text, j, kind_bit(Kind::kSpanUnit) | kind_bit(Kind::kApproxCount), cache)) return true;
  }
  // After a lead-in any spelled Sino-Korean count may follow (지난 이주, 다음 삼년).
  if (!word_start && parse_sino_korean(text, pos, n) && number_continues(text, n.end, cache)) return true;
  // Spelled Sino-Korean numbers open a date only before 천 (이천십오년) or 분 (삼분기):
  // date_number_starts' pairs.
  size_t after;
  const uint64_t key = uint64_t{c} << 32 | cp_at(text, next, after);
  return std::find(sino_pairs_.begin(), sino_pairs_.end(), key) != sino_pairs_.end();
}

bool Grammar::parse_at(std::string_view text, size_t pos, const core::RefDate* ref, Parsed& out,
                       const TextContext& context, WordCache* cache, const core::Document* doc) const {
  if (!cache) {
    WordCache local;
    return parse_at(text, pos, ref, out, context, &local, doc);
  }
  Parser p(words_, text, ref, context, cache, doc);
  const bool ok = p.parse(pos, out);
  out.ref_used = p.ref_used();
  out.ctx_used = p.ctx_used();
  return ok;
}

}  // namespace hanfacts::date
