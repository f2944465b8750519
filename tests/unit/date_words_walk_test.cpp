// One trie walk for several questions (Words::longest3, used by Grammar::may_start) and
// the value format written into a buffer (format_to, used per fact by find()): both must
// give exactly what the separate calls give.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <span>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "date/calendar.h"
#include "date/words.h"
#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "text/fold.h"
#include "text/utf8.h"

using namespace hanfacts;

namespace {

const date::Words& words() {
  static const date::Words w = date::Words::load(lexicon::builtin_sources("date")).value();
  return w;
}

// Every surface of the built-in date lexicons, as written (not folded), in file order;
// with `squeezed`, each is followed by itself with its spaces left out.
std::vector<std::string> date_surfaces(bool squeezed = false) {
  std::vector<std::string> out;
  for (const lexicon::Source& src : lexicon::builtin_sources("date")) {
    auto table = lexicon::parse_tsv(src.content, src.name, {"surface"});
    REQUIRE(table.ok());
    for (const lexicon::Row& row : table.value().rows())
      for (std::string_view s : lexicon::split_values(table.value().cell(row, "surface"))) {
        out.emplace_back(s);
        if (!squeezed) continue;
        std::string no_spaces;
        for (char c : s)
          if (c != ' ') no_spaces += c;
        out.push_back(std::move(no_spaces));
      }
  }
  return out;
}

constexpr date::KindMask kOpenersAlone =
    date::kind_bit(date::Kind::kYearRel) | date::kind_bit(date::Kind::kMonthRel) |
    date::kind_bit(date::Kind::kWeekRel) | date::kind_bit(date::Kind::kDayRel) |
    date::kind_bit(date::Kind::kQuarterRel) | date::kind_bit(date::Kind::kWeekday) |
    date::kind_bit(date::Kind::kHalf) | date::kind_bit(date::Kind::kPartYear) |
    date::kind_bit(date::Kind::kPartMonth) | date::kind_bit(date::Kind::kNth) | date::kind_bit(date::Kind::kEra) |
    date::kind_bit(date::Kind::kSeason) | date::kind_bit(date::Kind::kHalfRel);

void check_all_positions(std::string_view t, date::KindMask kinds, date::KindMask other, date::KindMask part) {
  const date::Words& w = words();
  for (size_t pos = 0; pos <= t.size(); ++pos) {
    date::Match stop2, stop3, part3;
    const date::Match a2 = w.longest2(t, pos, kinds, other, stop2);
    const date::Match a3 = w.longest3(t, pos, kinds, other, stop3, part, part3);
    const date::Match p1 = w.longest(t, pos, part);
    CAPTURE(pos);
    CHECK(a3.entry == a2.entry);
    CHECK(a3.end == a2.end);
    CHECK(stop3.entry == stop2.entry);
    CHECK(stop3.end == stop2.end);
    CHECK(part3.entry == p1.entry);
    CHECK(part3.end == p1.end);
  }
}

// Words::longest_each at every position of t against one walk per kind (longest with
// that kind alone): the same word, or none, for each.
void check_each_all_positions(std::string_view t) {
  const date::Words& w = words();
  date::Words::Each each;
  for (size_t pos = 0; pos < t.size(); ++pos) {
    w.longest_each(t, pos, each);
    CAPTURE(pos);
    for (int k = 0; k < static_cast<int>(date::Kind::kCount); ++k) {
      const date::Match m = w.longest(t, pos, date::kind_bit(static_cast<date::Kind>(k)));
      CAPTURE(k);
      const bool has = (each.kinds >> k) & 1;
      CHECK(has == static_cast<bool>(m));
      if (has && m) {
        CHECK(each.entry[k] == m.entry);
        CHECK(each.end[k] == m.end);
      }
    }
  }
}

// GUIDELINES.md's value forms, written independently of calendar.cpp: fields of fixed
// width, X for a field the text left unresolved.
std::string reference_format(const date::Value& v) {
  auto field = [](int value, int width, bool x) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*d", width, value);
    return x ? std::string(static_cast<size_t>(width), 'X') : std::string(buf);
  };
  std::string s = field(v.year < 0 ? 0 : v.year % 10000, 4, v.x_year);
  switch (v.grain) {
    case date::Grain::kYear: break;
    case date::Grain::kQuarter:
      s.append("-Q").append(std::to_string(v.month % 10));
      break;
    case date::Grain::kWeek:
      s.append("-W").append(field(v.month % 100, 2, v.x_month));
      break;
    case date::Grain::kMonth:
      s.append("-").append(field(v.month % 100, 2, v.x_month));
      break;
    default:
      s.append("-").append(field(v.month % 100, 2, v.x_month));
      s.append("-").append(field(v.day % 100, 2, v.x_day));
      if (v.grain == date::Grain::kDay) break;
      s.append("T").append(field(v.hour % 100, 2, false));
      if (v.grain == date::Grain::kHour) break;
      s.append(":").append(field(v.minute % 100, 2, false));
  }
  return s;
}

}  // namespace

TEST_CASE("date words: longest3 answers longest2 and longest(part) in one walk") {
  const date::KindMask stop = date::kind_bit(date::Kind::kStop);
  const std::vector<std::string> texts = {
      "올해 3분기, 지난달 3일, 오늘날 매주 월요일, 이번 주 화요일, 약 3년 전, 지난 9월, 다음 달 초",
      "今年一季度，上个月，本周二，约三年前，上海，第一，上半年，年底之前，每周一例会，去年同期",
      "연말 결제, 월말, 내일부터, 전년 같은 기간, 최근 이틀, 첫째 화요일, 마지막 주, 올 상반기",
  };
  for (const std::string& raw : texts) {
    const std::string t = text::fold(raw);
    check_all_positions(t, date::kOpeners, stop, kOpenersAlone & date::kOpeners);
  }
  // Random mixes of the words' own pieces: spaces inside and between words, cut words.
  std::mt19937 rng(7);
  const std::string pieces[] = {"올", "해", "지난", " ", "달", "今", "年", "上", "个", "月", "约", "第",
                                "이번", "주", "매", "周", "一", "3", "년", "전", "오늘", "날", "초"};
  for (int round = 0; round < 200; ++round) {
    std::string t;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) t += pieces[rng() % std::size(pieces)];
    check_all_positions(text::fold(t), date::kOpeners, stop, kOpenersAlone & date::kOpeners);
  }
}

TEST_CASE("date words: longest_each answers longest for every kind, on every word of the vocabulary") {
  // Every surface of the date lexicons (words that share a surface, words inside longer
  // ones, surfaces with spaces), each alone, run together and with the space left out.
  std::vector<std::string> surfaces = date_surfaces();
  for (std::string& s : surfaces) s = text::fold(s);
  REQUIRE(surfaces.size() > 500);
  std::string run;
  for (size_t i = 0; i < surfaces.size(); ++i) {
    check_each_all_positions(surfaces[i]);
    std::string squeezed;
    for (char c : surfaces[i])
      if (c != ' ') squeezed += c;
    run += surfaces[i] + (i % 3 == 0 ? " " : "") + squeezed;
    if (run.size() > 400) {
      check_each_all_positions(run);
      run.clear();
    }
  }
  check_each_all_positions(run);
}

TEST_CASE("date words: word_ending_at finds the shortest word that ends there, on every word of the vocabulary") {
  // Every surface of the date lexicons, as written and with its spaces left out, after a
  // Han character, a Hangul syllable, a code point of one, two or four bytes or nothing:
  // word_ending_at (which steps back over a three-byte code point at once, over the others
  // a byte at a time, and walks only from the code points whose two first bytes may open a
  // word of the kinds, may_hold2) gives what a walk from every code point start gives.
  const date::Words& w = words();
  const date::KindMask asked[] = {date::kind_bit(date::Kind::kRecurring), date::kind_bit(date::Kind::kHolidayList),
                                  date::kind_bit(date::Kind::kNth), date::kind_bit(date::Kind::kLunar),
                                  ~date::KindMask{0}};
  constexpr size_t kMaxBytes = 12;
  size_t found = 0;
  for (const std::string& surface : date_surfaces(true))
    for (const char* before : {"", "他", "그", "a", "\u00e9", "\U0001F600"}) {
      const std::string t = text::fold(before + surface);
      const size_t end = t.size();
      for (const date::KindMask kinds : asked) {
        size_t want = end;
        for (size_t len = 1; len <= std::min(end, kMaxBytes) && want == end; ++len)
          if ((static_cast<unsigned char>(t[end - len]) & 0xC0) != 0x80 && w.longest(t, end - len, kinds).end == end)
            want = end - len;
        found += want != end;
        INFO(t);
        CHECK(w.word_ending_at(t, end, kinds, kMaxBytes) == want);
      }
    }
  CHECK(found > 1000);
}

TEST_CASE("date words: recurring_before finds a recurring word before a date after any code point") {
  // Every surface of the date lexicons before a date (3월), with a space and without,
  // after nothing, ASCII, or a code point of two, three or four bytes: recurring_before
  // (which steps back over three-byte code points at once and walks only from a code point
  // that opens a recurring word) answers what a walk from every code point start within
  // the longest such word's twelve bytes answers.
  const date::Words& w = words();
  constexpr date::KindMask kRecurring = date::kind_bit(date::Kind::kRecurring);
  constexpr size_t kMaxBytes = 12;
  size_t found = 0, asked = 0;
  for (const std::string& s : date_surfaces())
    for (const char* before : {"", "a", "12", "\u00e9", "\u4ed6", "\uadf8", "\U0001F600", "\u00e9\U0001F600\u4ed6"})
      for (const char* gap : {"", " "}) {
        const std::string t = text::fold(before + s + gap + "3\uc6d4");
        const size_t start = t.size() - 4;  // 3월
        const size_t end = t[start - 1] == ' ' ? start - 1 : start;
        const std::string_view head = std::string_view(t).substr(0, end);
        bool want = false;
        for (size_t len = 1; len <= std::min(end, kMaxBytes) && !want; ++len)
          want = (static_cast<unsigned char>(t[end - len]) & 0xC0) != 0x80 && w.longest(head, end - len, kRecurring).end == end;
        found += want;
        ++asked;
        INFO(t);
        CHECK(w.recurring_before(t, start) == want);
      }
  CHECK(asked > 5000);
  CHECK(found >= 21 * 8 * 2);  // each recurring word (date_words.tsv) after each code point
}

TEST_CASE("date words: since_opener_stepping_back answers where a since opener starts a character back") {
  // The openers (自, 从: the first code points of the since-tagged qualifier_before words)
  // put at every byte of texts of Han characters, ASCII and a mix, and the question asked
  // at every end p of a window of characters p - 3k, k in [from, to]: yes exactly when an
  // opener's three bytes start at one of those characters (not when they start one or two
  // bytes off, which the walk back from p never reads as a character) and no character
  // between it and the window's nearest end ends in an ASCII byte (the walk stops there).
  const date::Words& w = words();
  std::vector<std::string> openers;
  for (char32_t c = 0x80; c < 0x10000; ++c)
    if (w.may_open_since(c)) {
      std::string u;
      text::append_utf8(u, c);
      REQUIRE(u.size() == 3);
      openers.push_back(u);
    }
  REQUIRE(openers.size() >= 2);
  const std::string fillers[] = {std::string(40, 'a'), "\u4e2d\u56fd\u516c\u53f8\u7684\u7ecf\u6d4e\u5b66\u5bb6\u4eec\u666e\u904d\u8ba4",
                                 "a\u4e2d1\u56fd\u00e9\u516c\u53f8  \u7684\u7ecf\u6d4e\u5b66\u5bb6\u4eec\u666e"};
  size_t yes = 0, asked = 0;
  for (const std::string& opener : openers)
    for (const std::string& filler : fillers)
      for (size_t at = 0; at <= filler.size(); ++at) {
        const std::string t = filler.substr(0, at) + opener + filler.substr(at);
        for (const std::pair<size_t, size_t>& window : {std::pair<size_t, size_t>{2, 8}, {1, 6}, {3, 5}, {5, 3}})
          for (size_t p = 0; p <= t.size(); ++p) {
            // Plain locals, not structured bindings: INFO captures them in a lambda,
            // which clang before 16 refuses for bindings (the CI's sanitizer build).
            const size_t from_chars = window.first, to_chars = window.second;
            bool want = false;
            for (size_t k = from_chars; k <= to_chars && 3 * k <= p && !want; ++k) {
              for (const std::string& o : openers) want = want || t.compare(p - 3 * k, 3, o) == 0;
              if (static_cast<unsigned char>(t[p - 3 * k + 2]) < 0x80) break;  // no Han character ends so
            }
            INFO(t << " p " << p << " chars " << from_chars << "-" << to_chars);
            CHECK(w.since_opener_stepping_back(t, p, from_chars, to_chars) == want);
            // The inline form, for the windows it is built for.
            if (from_chars == 2 && to_chars == 8) CHECK(w.since_opener_stepping_back<2, 8>(t, p) == want);
            if (from_chars == 1 && to_chars == 6) CHECK(w.since_opener_stepping_back<1, 6>(t, p) == want);
            if (from_chars == 3 && to_chars == 5) CHECK(w.since_opener_stepping_back<3, 5>(t, p) == want);
            yes += want;
            ++asked;
          }
      }
  CHECK(yes > 1000);
  CHECK(asked > 10000);
}

TEST_CASE("date format: format_to writes what format returns") {
  std::mt19937 rng(11);
  const date::Grain grains[] = {date::Grain::kYear, date::Grain::kQuarter, date::Grain::kMonth, date::Grain::kWeek,
                                date::Grain::kDay,  date::Grain::kHour,    date::Grain::kMinute};
  for (int round = 0; round < 2000; ++round) {
    date::Value v;
    v.grain = grains[rng() % std::size(grains)];
    v.year = static_cast<int>(rng() % 12000) - 10;
    v.month = 1 + static_cast<int>(rng() % 53);
    v.day = 1 + static_cast<int>(rng() % 31);
    v.hour = static_cast<int>(rng() % 24);
    v.minute = static_cast<int>(rng() % 60);
    v.x_year = rng() % 3 == 0;
    v.x_month = rng() % 3 == 0;
    v.x_day = rng() % 3 == 0;
    char buf[date::kFormatMax];
    const size_t n = date::format_to(v, buf);
    REQUIRE(n <= date::kFormatMax);
    CHECK(std::string(buf, n) == reference_format(v));
    CHECK(date::format(v) == reference_format(v));
  }
  date::Value v{date::Grain::kMinute, 2025, 11, 1, 21, 27};
  CHECK(date::format(v) == "2025-11-01T21:27");
  v.grain = date::Grain::kQuarter;
  v.month = 3;
  CHECK(date::format(v) == "2025-Q3");
}

// The built-in words are compiled at build time (tools/gen_model.cpp) and read back
// by load(): they must be the words build() makes from the same files, answer for
// answer, and a model that is not (truncated, other files) is refused.
TEST_CASE("date words: the prebuilt words are the ones build() makes") {
  REQUIRE(!date::prebuilt_model().empty());
  const std::vector<lexicon::Source> builtin = lexicon::builtin_sources("date");
  auto built = date::Words::build(builtin);
  auto loaded = date::Words::load(builtin);
  REQUIRE_MESSAGE(built.ok(), built.status().to_string());
  REQUIRE_MESSAGE(loaded.ok(), loaded.status().to_string());
  const date::Words& a = built.value();
  const date::Words& b = loaded.value();
  // (The saved bytes are not compared: the structs' padding is in them, unset.)
  CHECK(date::Words::load_saved(date::prebuilt_model(), builtin).ok());
  CHECK(date::Words::load_saved(a.save(builtin), builtin).ok());

  // The lookups' answers, beyond what save() writes (a field it left out would show).
  std::vector<uint32_t> differ;
  for (char32_t c = 0; c < 0x10000; ++c)
    if (a.may_start(c) != b.may_start(c) || a.may_start_label(c) != b.may_start_label(c) ||
        a.may_end_word(c) != b.may_end_word(c) || a.single(c) != b.single(c) ||
        a.may_open_since(c) != b.may_open_since(c) || a.may_end_lunar(c) != b.may_end_lunar(c) ||
        a.may_end_list_mark(c) != b.may_end_list_mark(c) || a.may_end_recurring(c) != b.may_end_recurring(c) ||
        a.may_open_recurring(c) != b.may_open_recurring(c))
      differ.push_back(c);
  CHECK(differ == std::vector<uint32_t>{});
  // The lists kept beside the trie.
  CHECK(a.byline_marks() == b.byline_marks());
  CHECK(a.written() == b.written());
  CHECK(!a.written().part_markers.empty());
  size_t files = 0, words_found = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(HANFACTS_SOURCE_DIR "/corpus")) {
    if (e.path().extension() != ".txt") continue;
    ++files;
    const std::string t = text::fold(lexicon::read_file(e.path().string()).value());
    INFO(e.path().string());
    size_t mismatches = 0;
    for (size_t pos = 0; pos < t.size(); ++pos) {
      date::Words::Each ea, eb;
      a.longest_each(t, pos, ea);
      b.longest_each(t, pos, eb);
      bool same = ea.kinds == eb.kinds && a.recurring_before(t, pos) == b.recurring_before(t, pos);
      for (int k = 0; same && k < static_cast<int>(date::Kind::kCount); ++k) {
        if (!((ea.kinds >> k) & 1)) continue;
        ++words_found;
        same = ea.entry[k] == eb.entry[k] && ea.end[k] == eb.end[k];
        const date::Entry& x = a.entry(ea.entry[k]);
        const date::Entry& y = b.entry(eb.entry[k]);
        same = same && x.kind == y.kind && x.lang == y.lang && x.tag == y.tag && x.offset == y.offset &&
               x.has_offset == y.has_offset;
        if (same && x.kind == date::Kind::kHoliday) {
          const date::Holiday& hx = a.holiday(x.offset);
          const date::Holiday& hy = b.holiday(y.offset);
          same = hx.calendar == hy.calendar && hx.korean == hy.korean && hx.month == hy.month && hx.day == hy.day &&
                 hx.weekday == hy.weekday && hx.shift == hy.shift && hx.days == hy.days && hx.follow == hy.follow &&
                 hx.countries == hy.countries && hx.regional.size() == hy.regional.size() &&
                 a.other_country_before(t, pos, hx) == b.other_country_before(t, pos, hy);
        }
      }
      mismatches += !same;
    }
    CHECK(mismatches == 0);
  }
  CHECK(files > 0);
  CHECK(words_found > 0);

  const std::string saved(date::prebuilt_model());
  CHECK(!date::Words::load_saved(saved.substr(0, saved.size() - 1), builtin).ok());
  CHECK(!date::Words::load_saved(saved, std::span(builtin).first(builtin.size() - 1)).ok());
}

TEST_CASE("date words: may_end_lunar, may_end_recurring and may_end_list_mark answer exactly the words' last code points") {
  // The three share one open-addressed table of code points (Words::ends_kind): every code
  // point of the BMP and a few beyond is asked, and only the last code points of words of
  // each kind (every surface of the date lexicons, as written and with its spaces left out)
  // may be answered yes; a probe that took another code point's entry, or stopped short of
  // the one it sought, shows here.
  const date::Words& w = words();
  const date::Kind kinds[] = {date::Kind::kLunar, date::Kind::kRecurring, date::Kind::kHolidayList};
  std::set<char32_t> ends[3];
  for (const std::string& surface : date_surfaces(true)) {
    const std::string t = text::fold(surface);
    if (t.empty()) continue;
    size_t back = t.size();
    const char32_t last = text::prev_code_point(t, back);
    for (size_t k = 0; k < 3; ++k)
      if (w.longest(t, 0, date::kind_bit(kinds[k])).end == t.size()) ends[k].insert(last);
  }
  REQUIRE(!ends[0].empty());
  REQUIRE(!ends[1].empty());
  REQUIRE(!ends[2].empty());
  std::vector<uint32_t> wrong;
  for (char32_t c = 0; c < 0x20000; ++c) {
    const bool answers[3] = {w.may_end_lunar(c), w.may_end_recurring(c), w.may_end_list_mark(c)};
    for (size_t k = 0; k < 3; ++k)
      if (answers[k] != (ends[k].count(c) != 0)) wrong.push_back(static_cast<uint32_t>(c));
  }
  CHECK(wrong == std::vector<uint32_t>{});
}
