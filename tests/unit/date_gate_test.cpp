// The DATE scan's two-code-point gate (Grammar::gate_pair, issue 8): the scan asks
// may_start_at only where the gate lets a position through, so the gate may say yes
// wrongly but never no where may_start_at would say yes or skip a stop word. Checked at
// every three-byte code point of the corpus folders and of made-up pairs around the
// words of one code point (lead-ins, numerals, words with a space after the first).
// The same for the look at the character after a number (Grammar::digits_may_open).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <random>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "date/grammar.h"
#include "date/numbers.h"
#include "date/scan.h"
#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "text/fold.h"
#include "text/utf8.h"

using namespace hanfacts;

namespace {

const date::Grammar& grammar() {
  static const date::Grammar g(date::Words::load(lexicon::builtin_sources("date")).value());
  return g;
}

// Whether may_start_at says yes at pos of `t`, or skips a stop word there: a start the
// scan's quicker looks must not turn away.
bool taken_at(const std::string& t, size_t pos) {
  size_t skip_to = 0;
  return grammar().may_start_at(t, pos, &skip_to) || skip_to > pos;
}

// Fails, showing the first ten, unless `bad` (made-up texts, each with where it was
// missed) is empty.
void check_no_misses(const std::vector<std::string>& bad) {
  std::string shown;
  for (size_t i = 0; i < bad.size() && i < 10; ++i) shown += bad[i] + "\n";
  CHECK_MESSAGE(bad.empty(), bad.size() << " misses, first:\n" << shown);
}

// Calls visit(pos, c1, c2) at each three-byte code point c1 of `t`, c2 being the code
// point after it (0 at the end).
template <class Visit>
void each_three_byte(const std::string& t, Visit visit) {
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  for (size_t pos = 0; pos + 2 < t.size(); ++pos)
    if ((s[pos] & 0xF0) == 0xE0) visit(pos, text::decode3(s + pos), pos + 3 < t.size() ? text::code_point_at(t, pos + 3) : 0);
}

// Positions of `t` (folded) where the gate says no but may_start_at says yes or skips.
std::vector<std::string> misses(const std::string& t) {
  const date::Grammar& g = grammar();
  std::vector<std::string> out;
  each_three_byte(t, [&](size_t pos, char32_t c1, char32_t c2) {
    // (Before an opening bracket the gate keeps only day words, 今（31）日, the one
    // bracketed form the parser reads: may_start_at alone lets more through there.)
    if (!g.gate(c1) || g.gate_pair(c1, c2) || c2 == U'(') return;
    if (taken_at(t, pos)) out.push_back(t.substr(pos, 24));
  });
  return out;
}


// Checks that `misses_in` finds nothing in any article of the corpus folders (folded).
template <class MissesIn>
void check_corpus(MissesIn misses_in) {
  size_t files = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(HANFACTS_SOURCE_DIR "/corpus")) {
    if (e.path().extension() != ".txt") continue;
    ++files;
    const std::string t = text::fold(lexicon::read_file(e.path().string()).value());
    INFO(e.path().string());
    CHECK(misses_in(t) == std::vector<std::string>{});
  }
  CHECK(files > 0);
}

}  // namespace

TEST_CASE("date gate: the pair gate never turns away a start in the corpus") { check_corpus(misses); }

namespace {

// Positions of `t` (folded) where the scan's pair test on raw bytes (gate_pair_at) and
// the pair test on code points (gate_pair) disagree, other than the scan's no before
// digits that open no date (its digits look after a lead-in alone: 约600亿元) and before
// a three-byte code point other than Hangul where the scan's test there says no (its look
// after a lead-in alone: 第二阶段, 约新台币).
std::vector<std::string> byte_pair_disagreements(const std::string& t) {
  const date::Grammar& g = grammar();
  std::vector<std::string> out;
  each_three_byte(t, [&](size_t pos, char32_t c1, char32_t c2) {
    const bool bytes = pos + 8 <= t.size() ? g.gate_pair_at(t, pos) : g.gate_pair_near_end(t, pos);
    const bool digits_look_no = c2 >= U'0' && c2 <= U'9' && !g.digits_may_open(t, pos + 3);
    const bool han_look_no = c2 >= 0x800 && c2 < 0x10000 && !text::is_hangul_syllable(c2) && pos + 11 <= t.size() &&
                             !g.gate_start_at(t, pos + 3);
    if (bytes != g.gate_pair(c1, c2) && !(!bytes && (digits_look_no || han_look_no)))
      out.push_back(t.substr(pos, 24));
  });
  return out;
}

}  // namespace

TEST_CASE("date gate: the pair test on raw bytes agrees with the one on code points") {
  check_corpus(byte_pair_disagreements);
  // Every length of second code point, and the text's last bytes (decoded there).
  for (const std::string t : {"上a", "上é", "上年", "上😀", "上", "约 3", "今年3月", "上个月底前后还有", "一😀x年"})
    CHECK(byte_pair_disagreements(text::fold(t)) == std::vector<std::string>{});
}

TEST_CASE("date gate: words of one code point and what may follow them") {
  // Every first code point of a one-code-point word (and the numerals), followed by a
  // spread of second code points: digits, spaces, numerals, units, openers, plain text.
  const std::vector<std::string> firsts = {"上", "下", "前", "后", "约", "自", "从", "第", "首", "약", "올",
                                           "제", "전", "봄", "첫", "두", "세", "네", "한", "열", "一", "三",
                                           "十", "两", "〇", "’", "今", "本"};
  const std::vector<std::string> seconds = {
      "",     " ",   "  ",  "3",    "12",  "'2",  "(3",  "一",  "十",  "百",  "千",  "万",  "个月", "年",
      "月",   "日",  "周",  "季度", "半年", "星期", "天",  "多年", "余年", "세기", "분기", "달",  "해",  "주",
      "년",   "번째", "몇",  "次",   "面",  "海",  "翰",  "자",  "국",  "·",  "-",   "~",   "今年", "去年",
      "上周", "下个月", "지난", "다음", "이번", "올해", "오늘", "어제", "초",  "말",  "中旬", "前后", "左右"};
  const std::vector<std::string> before = {"", "他", "그 ", "2", "x"};
  std::vector<std::string> bad;
  for (const std::string& b : before)
    for (const std::string& f : firsts)
      for (const std::string& s1 : seconds)
        for (const std::string& s2 : seconds) {
          const std::string t = text::fold(b + f + s1 + s2 + "。");
          for (const std::string& m : misses(t)) bad.push_back(t + " @ " + m);
        }
  check_no_misses(bad);
}

namespace {

// Digit runs of `t` (folded) where the scan's quick look (Grammar::digits_may_open) says
// no but may_start_at says yes or skips.
std::vector<std::string> digit_misses(const std::string& t) {
  const date::Grammar& g = grammar();
  std::vector<std::string> out;
  for (size_t pos = 0; pos < t.size(); ++pos) {
    if (t[pos] < '0' || t[pos] > '9' || (pos > 0 && t[pos - 1] >= '0' && t[pos - 1] <= '9')) continue;
    if (g.digits_may_open(t, pos)) continue;
    if (taken_at(t, pos)) out.push_back(t.substr(pos, 24));
  }
  return out;
}

}  // namespace

TEST_CASE("date gate: the digits look never turns away a number in the corpus") { check_corpus(digit_misses); }

TEST_CASE("date gate: the digits look and what may follow a number") {
  // Runs of one to five digits (and four with a dot, the year of 2025.11.01), then every
  // printable ASCII character and a spread of units, count marks, connectors and plain
  // words, then a second piece: the look must let through whatever may_start_at takes.
  const std::vector<std::string> numbers = {"3", "12", "2025", "12345", "1.5", "2025.", "3-", "13~"};
  std::vector<std::string> after = {"年", "月", "日", "号", "年度", "季度", "半年", "周", "星期", "天", "个月", "多",
                                    "余", "来", "分", "时", "点", "世纪", "년", "월", "일", "분기", "주", "개월",
                                    "달", "여", "세기", "번째", "시", "초", "중순", "말", "간", "、", "。", "，",
                                    "·", "∼", "至", "到", "亿", "万", "억", "만", "조", "元", "원", "%", "倍", "배",
                                    "", "\n"};
  for (char c = ' '; c < 0x7F; ++c) after.push_back(std::string(1, c));
  const std::vector<std::string> then = {"", "1", "15일", "15日", "年", "월", "电", " 전", "前", "后", "이후"};
  std::vector<std::string> bad;
  for (const std::string& b : {std::string(""), std::string("他"), std::string("x"), std::string(" ")})
    for (const std::string& n : numbers)
      for (const std::string& a : after)
        for (const std::string& s : then) {
          const std::string t = text::fold(b + n + a + s);
          for (const std::string& m : digit_misses(t)) bad.push_back(t + " @ " + m);
        }
  check_no_misses(bad);
}

TEST_CASE("date gate: the digits look reads the run's end and the byte after it") {
  // digits_may_open against its rule written plainly: the run's end byte by byte; no at
  // the text's end; a dot only after four digits; ASCII by the separators and
  // may_follow_number; a three-byte code point by may_follow_number, one cut short by the
  // text's end and any other byte yes. Runs of 1 to 12 digits (within and past the eight
  // bytes the look loads at once) before every byte value and every three-byte code point,
  // with text after them and without.
  const date::Grammar& g = grammar();
  const auto rule = [&g](std::string_view t, size_t pos) {
    const auto* s = reinterpret_cast<const unsigned char*>(t.data());
    size_t e = pos + 1;
    while (e < t.size() && s[e] >= '0' && s[e] <= '9') ++e;
    if (e >= t.size()) return false;
    const unsigned b = s[e];
    if (b == '.') return e - pos == 4;
    if (b < 0x80) return b == '-' || b == '/' || b == '~' || b == ' ' || g.may_follow_number(b);
    if ((b & 0xF0) != 0xE0 || e + 2 >= t.size()) return true;
    return g.may_follow_number(text::decode3(s + e));
  };
  size_t yes = 0, asked = 0;
  const auto check = [&](const std::string& t, size_t pos) {
    INFO(t << " @ " << pos);
    const bool want = rule(t, pos);
    CHECK(g.digits_may_open(t, pos) == want);
    yes += want;
    ++asked;
  };
  for (const std::string before : {"", "x", "\u4ed6"})
    for (size_t digits = 1; digits <= 12; ++digits) {
      const std::string number = before + std::string("123456789012").substr(0, digits);
      for (unsigned b = 0; b < 256; ++b)
        for (const std::string after : {"", "1\u5e74", "\x80\x80", "\x80", "\u5e74\u5e74\u5e74"}) {
          if (b >= '0' && b <= '9') continue;
          check(number + static_cast<char>(b) + after, before.size());
        }
      if (digits != 1 && digits != 4 && digits != 9) continue;
      for (char32_t c = 0x800; c < 0x10000; ++c) {
        std::string t = number;
        text::append_utf8(t, c);
        check(t, before.size());
        check(t + "1", before.size());
      }
    }
  CHECK(yes > 10000);
  CHECK(asked > 500000);
}

TEST_CASE("date scan lookup: find() hands out what may_start_at and parse_at answer, in any order") {
  // ScanLookup::find keeps each parse in the record (ScanState::memo, by position) and
  // hands out the record's own, whose parse it leaves unset on insert until parse_at
  // writes it: at every code point start of some corpus texts, asked in a shuffled order
  // (inserts before kept entries, which move them) and asked again, the parse read right
  // after each call is the one parse_at makes there, and none where it makes none; an
  // entry where may_start_at said yes but the parse failed keeps parse_at's ref_used and
  // ctx_used (find() reads them there).
  const date::Grammar& g = grammar();
  std::mt19937 rng(31);
  size_t files = 0, parses = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(HANFACTS_SOURCE_DIR "/corpus")) {
    if (e.path().extension() != ".txt" || files >= 60) continue;
    ++files;
    const std::string t = text::fold(lexicon::read_file(e.path().string()).value());
    INFO(e.path().string());
    std::vector<size_t> positions;
    for (size_t pos = 0; pos < t.size(); text::next_code_point(t, pos)) positions.push_back(pos);
    std::shuffle(positions.begin(), positions.end(), rng);
    date::ScanState state;
    date::record_scan(g, t, state);
    date::ScanLookup look(g, t, state);
    for (int round = 0; round < 2; ++round)
      for (const size_t pos : positions) {
        date::Parsed want;
        const bool ok = g.may_start_at(t, pos) && g.parse_at(t, pos, nullptr, want);
        const date::Parsed* got = look.find(pos);
        CAPTURE(pos);
        REQUIRE((got != nullptr) == ok);
        if (!ok) continue;
        parses += round == 0;
        CHECK(got->start == want.start);
        CHECK(got->end == want.end);
        CHECK(got->next == want.next);
        CHECK(date::format(got->a) == date::format(want.a));
        CHECK(date::format(got->b) == date::format(want.b));
        CHECK(got->interval == want.interval);
        CHECK(got->flags == want.flags);
        CHECK(got->rule == want.rule);
        CHECK(got->ref_used == want.ref_used);
        CHECK(got->ctx_used == want.ctx_used);
        CHECK(got->looks_back == want.looks_back);
        CHECK(got->day_only == want.day_only);
        CHECK(got->year_unnamed == want.year_unnamed);
        CHECK(got->holiday == want.holiday);
      }
    for (const date::ScanMemo& m : state.memo) {
      if (!m.may || m.ok) continue;
      date::Parsed failed;
      CHECK(!g.parse_at(t, m.pos, nullptr, failed));
      CHECK(m.p.ref_used == failed.ref_used);
      CHECK(m.p.ctx_used == failed.ctx_used);
    }
  }
  CHECK(files > 0);
  CHECK(parses > 1000);
}

TEST_CASE("date gate: the numeral lists its tables are built from name the numeral tests' sets") {
  std::vector<uint32_t> differ;
  for (char32_t c = 0; c < 0x10000; ++c)
    if (date::is_han_digit(c) != date::kHanDigits.has(c) || date::is_han_number_start(c) != date::kHanNumberStarts.has(c))
      differ.push_back(c);
  CHECK(differ == std::vector<uint32_t>{});
}

namespace {

// Code point starts of `t` (folded) that the scan does not visit but where may_start_at
// says yes or skips: the scan as a whole (first pass, pair test, digits look, the
// apostrophe's digit) may visit wrongly, never miss where misses() holds it to.
std::vector<std::string> scan_misses(const std::string& t) {
  const date::Grammar& g = grammar();
  std::vector<bool> visited(t.size() + 1, false);
  date::scan_starts(g, t, [&](size_t pos, size_t&) { visited[pos] = true; });
  std::vector<std::string> out;
  for (size_t pos = 0, next = 0; pos < t.size(); pos = next) {
    text::next_code_point(t, next);
    // (Before an opening bracket the gate keeps only day words: see misses.)
    if (visited[pos] || (next < t.size() && t[next] == '(')) continue;
    if (taken_at(t, pos)) out.push_back(t.substr(pos, 24));
  }
  return out;
}

}  // namespace

TEST_CASE("date gate: the scan visits every start in the corpus") { check_corpus(scan_misses); }

namespace {

// Whether the scan (by grammar `g`) visits the code point at pos of `t` (folded).
bool scan_visits(const std::string& t, size_t pos, const date::Grammar& g = grammar()) {
  bool visited = false;
  date::scan_starts(g, t, [&](size_t at, size_t&) { visited |= at == pos; });
  return visited;
}

// Adds to `bad` the scan's misses (scan_misses) in `piece` then `tail`, folded, after
// nothing, after a Han character and after a Korean word and its space: the three ways
// a piece of text starts in an article.
void add_scan_misses(std::vector<std::string>& bad, const std::string& piece, const char* tail) {
  for (const char* before : {"", "他", "그 "}) {
    const std::string t = text::fold(before + piece + tail);
    for (const std::string& m : scan_misses(t)) bad.push_back(t + " @ " + m);
  }
}

}  // namespace

TEST_CASE("date gate: the third look after a pair that only longer words open") {
  // Every surface of the date lexicons, as written and with its spaces left out, alone,
  // after a Han character and after a Korean word: the scan, whose pair test looks at the
  // third code point after a pair only words of three or more code points start with
  // (Grammar::gate_start_at), misses none of them.
  std::vector<std::string> bad;
  size_t surfaces = 0;
  for (const lexicon::Source& src : lexicon::builtin_sources("date")) {
    auto table = lexicon::parse_tsv(src.content, src.name, {"surface"});
    REQUIRE(table.ok());
    for (const lexicon::Row& row : table.value().rows())
      for (std::string_view s : lexicon::split_values(table.value().cell(row, "surface"))) {
        ++surfaces;
        std::string squeezed;
        for (char c : s)
          if (c != ' ') squeezed += c;
        for (const std::string& w : {std::string(s), squeezed}) add_scan_misses(bad, w, "。");
      }
  }
  CHECK(surfaces > 500);
  check_no_misses(bad);
  // Such a pair before another code point is no start: 完成 opens only the stop word
  // 完成后, 消费 only 消费者权益日, 수요 only 수요일; the stop word and the words are visited.
  CHECK(scan_visits(text::fold("他完成后。"), 3));
  CHECK_FALSE(scan_visits(text::fold("他完成了。"), 3));
  CHECK(scan_visits(text::fold("国际消费者权益日。"), 6));
  CHECK_FALSE(scan_visits(text::fold("消费品。"), 0));
  CHECK(scan_visits(text::fold("그 수요일에"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 수요가"), 4));
  // After a word's optional space the code point after it is the third (같은 날, 같은날).
  CHECK(scan_visits(text::fold("그 같은 날에"), 4));
  CHECK(scan_visits(text::fold("그 같은날에"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 같은 그림"), 4));
  // A single's pair (上 a lead-in, 上市后 a stop word): 市 cannot follow the lead-in.
  CHECK(scan_visits(text::fold("他上市后。"), 3));
  CHECK_FALSE(scan_visits(text::fold("他上市公司。"), 3));
}

TEST_CASE("date gate: a lead-in alone before digits") {
  // Visited only where the number may open a date (the scan's digits look), and never
  // missed where may_start_at takes it.
  for (const std::string t : {"约600亿元", "约30%", "约3年前", "约 3年", "약 3년 전", "약3년", "약30%", "第3季度", "第1名",
                              "第3", "约3", "约2025.", "约2025.11.01", "上3个月", "首3季度"}) {
    INFO(t);
    CHECK(scan_misses(text::fold(t)) == std::vector<std::string>{});
  }
  bool visited = false;
  date::scan_starts(grammar(), text::fold("约600亿元"), [&](size_t pos, size_t&) { visited |= pos == 0; });
  CHECK(!visited);
}

TEST_CASE("date gate: a word of one code point before a space") {
  // The scan reads the code point after the spaces (Grammar::single_past_space, and the
  // third look after a native count's space): every word of one code point, one to four
  // spaces, then a spread of what may follow (digits, units, counts, openers, parts of
  // the year, plain words), after nothing, a Han character and a Korean word: no start
  // that may_start_at takes is missed.
  const std::vector<std::string> firsts = {"上", "下", "前", "后", "约", "自", "从", "第", "首", "약", "올", "제",
                                           "전", "봄", "첫", "두", "세", "네", "한", "열", "一", "三", "十", "两",
                                           "今", "本", "설", "대략"};
  const std::vector<std::string> after = {
      "3",    "12년", "2025년", "30%",  "3.5",  "'25년", "一年", "三个月", "十",   "年",   "月",   "季度", "半年",
      "星期", "天",   "多年",   "余年", "세기", "분기",  "달",   "해",     "주",   "년",   "번째", "번",   "몇",
      "여러", "次",   "海",     "자",   "국",   "·",    "-",    "~",      "今年", "去年", "上周", "지난", "다음",
      "이번", "올해", "오늘",   "초",   "말",   "중순", "연휴", "들어",   "한 해", "곳",   "배",   "설명", "예"};
  std::vector<std::string> bad;
  for (const std::string& f : firsts)
    for (const char* spaces : {" ", "  ", "   ", "    "})
      for (const std::string& a : after) add_scan_misses(bad, f + spaces + a, " 전。他说");
  check_no_misses(bad);
  // What may_start_at turns away there no longer reaches it: a lead-in before a number
  // that opens no date or a plain word, a native count before no unit.
  CHECK(scan_visits(text::fold("그 약 3년 전"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 약 5783억 원"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 약 절반이"), 4));
  CHECK(scan_visits(text::fold("그 한 달 전에"), 4));
  CHECK(scan_visits(text::fold("그 한   달 전에"), 4));
  CHECK(scan_visits(text::fold("그 올 초에는"), 4));
  CHECK(scan_visits(text::fold("그 한 해 동안"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 한 곳에서"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 열 예정이다"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 두 배로"), 4));
}

TEST_CASE("date gate: a lead-in alone before a Han code point") {
  // The scan asks its own test at the code point after the lead-in (may_start_at reads a
  // three-byte code point other than Hangul there as at a word start): every lead-in of
  // one code point before a numeral or another Han code point and a spread of what may
  // follow it, after nothing, a Han character and a Korean word, with no start that
  // may_start_at takes missed.
  const std::vector<std::string> lead_ins = {"上", "下", "前", "后", "约", "第", "首", "从", "自", "近", "大约", "올", "약"};
  const std::vector<std::string> numerals = {"一", "二", "三", "十", "十五", "二十", "两", "〇", "零", "二〇二五", "廿",
                                             "新", "合", "线", "公", "西", "历", "今", "明", "去", "本", "春", "’",
                                             "新年", "春节", "年底", "月", "周", "季度", "半年", "每"};
  const std::vector<std::string> after = {"年",   "月",   "日",   "天",   "周",   "季度", "个月", "个",  "次",  "成",
                                          "星期", "星",   "财经", "阶段", "届",   "批",   "座",   "多年", "余年", "万",
                                          "亿",   ",",    "。",   "3",    "·",    "-",    "~",    "几年", "号",  "世纪"};
  std::vector<std::string> bad;
  for (const std::string& l : lead_ins)
    for (const std::string& n : numerals)
      for (const std::string& a : after) add_scan_misses(bad, l + n + a, "以来。他说");
  check_no_misses(bad);
  // Where the numeral opens nothing, the lead-in no longer reaches may_start_at.
  CHECK(scan_visits(text::fold("他第一季度的"), 3));
  CHECK(scan_visits(text::fold("他约三年前说"), 3));
  CHECK(scan_visits(text::fold("他上一个月说"), 3));
  CHECK_FALSE(scan_visits(text::fold("他前三名的"), 3));
  CHECK_FALSE(scan_visits(text::fold("他约三成的人"), 3));
  CHECK_FALSE(scan_visits(text::fold("他第二阶段的"), 3));
  CHECK(scan_visits(text::fold("他约新年前后"), 3));
  CHECK(scan_visits(text::fold("他从去年起"), 3));
  CHECK_FALSE(scan_visits(text::fold("他约新台币三亿"), 3));
  CHECK_FALSE(scan_visits(text::fold("他约合人民币"), 3));
}

TEST_CASE("date gate: a lead-in that ends the text is read within it") {
  // The look after a lead-in alone reads the code point after it only where the text
  // holds one: a text that ends with the lead-in (7月前后, 他约) is scanned in a buffer of
  // its exact size (under AddressSanitizer a read past it fails the run) and visits what
  // the same text in a std::string, terminated and with room after it, visits.
  const date::Grammar& g = grammar();
  const auto visits = [&g](std::string_view t) {
    std::vector<size_t> at;
    date::scan_starts(g, t, [&](size_t pos, size_t&) { at.push_back(pos); });
    return at;
  };
  for (const char* lead_in : {"上", "下", "前", "后", "约", "第", "首", "从", "自", "近", "올", "약"})
    for (const char* before : {"", "他", "7月", "深3年7月前", "그 "}) {
      const std::string t = text::fold(std::string(before) + lead_in);
      INFO(t);
      const std::unique_ptr<char[]> exact(new char[t.size()]);
      std::memcpy(exact.get(), t.data(), t.size());
      CHECK(visits(std::string_view(exact.get(), t.size())) == visits(t));
    }
}

TEST_CASE("date gate: a holiday of one code point before its following word") {
  // A holiday that needs a word after it (holidays.tsv, follow: 설 before 연휴, 명절…)
  // opens a date only with one of them: the scan's third look reads the following word's
  // second code point (설명절, not 설명). Every such holiday before each of its words,
  // with and without a space, and after a list mark, is visited wherever may_start_at
  // takes it.
  std::vector<std::string> bad;
  size_t rows = 0;
  for (const lexicon::Source& src : lexicon::builtin_sources("date")) {
    auto table = lexicon::parse_tsv(src.content, src.name, {"surface"});
    REQUIRE(table.ok());
    for (const lexicon::Row& row : table.value().rows()) {
      const std::string_view follow = table.value().cell(row, "follow");
      if (follow.empty()) continue;
      ++rows;
      for (std::string_view surface : lexicon::split_values(table.value().cell(row, "surface")))
        for (std::string_view f : lexicon::split_values(follow))
          for (const char* between : {"", " ", "·추석 ", "、春节"})
            add_scan_misses(bad, std::string(surface) + between + std::string(f), "。他说");
    }
  }
  CHECK(rows > 5);
  check_no_misses(bad);
  CHECK(scan_visits(text::fold("그 설명절에"), 4));
  CHECK(scan_visits(text::fold("그 설 명절에"), 4));
  CHECK(scan_visits(text::fold("그 설 연휴에"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 설명했다"), 4));
  CHECK_FALSE(scan_visits(text::fold("그 설명회에"), 4));
  // A word with a space after its first code point, written without it: its third.
  CHECK(scan_visits(text::fold("그 전분기에"), 4));
}

TEST_CASE("date gate: a year prefix of one code point before a part of the year") {
  // A user's year prefix of one Han code point (as 올 is Korean's) goes on with a part of
  // the year (该初, as 올 초): the look past a lead-in is not its, and the scan visits it.
  std::vector<lexicon::Source> sources = lexicon::builtin_sources("date");
  std::string words;
  for (lexicon::Source& src : sources)
    if (src.name.find("date_words.tsv") != std::string::npos) {
      words = std::string(src.content) + "zh\t该\tprefix\t0\tyear\n";
      src.content = words;
    }
  REQUIRE(!words.empty());
  const date::Grammar g(date::Words::load(sources).value());
  for (const std::string t : {"他该初的", "他该底的", "他该上半年"}) {
    const std::string folded = text::fold(t);
    INFO(folded);
    size_t skip_to = 0;
    REQUIRE(g.may_start_at(folded, 3, &skip_to));
    CHECK(scan_visits(folded, 3, g));
  }
}

namespace {

std::string utf8_of(std::u32string_view w) {
  std::string out;
  for (const char32_t c : w) text::append_utf8(out, c);
  return out;
}

// date_number_starts' sets as text: the one-syllable counts, those after 열, the pairs.
std::vector<std::string> number_starts_text(const date::DateNumberStarts& s) {
  std::vector<std::string> out{utf8_of(std::u32string(s.one_syllable.begin(), s.one_syllable.end())),
                               utf8_of(std::u32string(s.after_ten.begin(), s.after_ten.end()))};
  for (const auto& [c1, c2] : s.pairs) out.push_back(utf8_of(std::u32string{c1, c2}));
  for (const auto& [c1, c2] : s.sino_pairs) out.push_back(utf8_of(std::u32string{c1, c2}));
  return out;
}

}  // namespace

TEST_CASE("date gate: the Korean numbers that open a date come from numerals.tsv and date_words.tsv") {
  // The native counts as numerals.tsv spells them before a counter (한, not 하나; 다섯;
  // 열, 스물네 and 스무 of the tens, not 서른), the Sino-Korean years' thousands (일천 이천)
  // and quarters (일분 … 사분: date_words.tsv's Korean quarter marker 분기).
  const date::DateNumberStarts starts = date::date_number_starts(grammar().words());
  CHECK(number_starts_text(starts) == std::vector<std::string>{"열한두세네", "한두", "스물", "스무", "다섯", "여섯",
                                                                "여덟", "일곱", "아홉", "일천", "이천", "일분",
                                                                "이분", "삼분", "사분"});
  // Each count is one parse_native_korean reads, up to its second syllable.
  for (const char32_t c : starts.one_syllable) {
    const std::string t = utf8_of(std::u32string{c});
    date::Num n;
    INFO(t);
    CHECK((date::parse_native_korean(t + " 달", 0, n) && n.end == 3));
  }
  for (size_t k = 0; k < 7; ++k) {  // the native pairs
    const std::string t = utf8_of(std::u32string{starts.pairs[k].first, starts.pairs[k].second}) + (k == 0 ? "네" : "");
    date::Num n;
    INFO(t);
    CHECK((date::parse_native_korean(t, 0, n) && n.end == t.size()));
  }
  // Without the quarter marker's row, no quarter's number opens a date; the counts stay.
  std::vector<lexicon::Source> sources = lexicon::builtin_sources("date");
  std::string words;
  for (lexicon::Source& src : sources)
    if (src.name.find("date_words.tsv") != std::string::npos) {
      const std::string row = "ko\t분기\tmarker\t\tquarter\n";
      words = std::string(src.content);
      const size_t at = words.find(row);
      REQUIRE(at != std::string::npos);
      words.erase(at, row.size());
      src.content = words;
    }
  REQUIRE(!words.empty());
  const date::Words without = date::Words::load(sources).value();
  const std::vector<std::string> left = number_starts_text(date::date_number_starts(without));
  CHECK(left == std::vector<std::string>{"열한두세네", "한두", "스물", "스무", "다섯", "여섯", "여덟", "일곱", "아홉",
                                         "일천", "이천"});
  // may_start's last test reads the same pairs: 삼분기 may open a date only with 분기.
  const date::Grammar g(date::Words::load(sources).value());
  size_t skip_to = 0;
  CHECK(grammar().may_start_at(text::fold("삼분기에"), 0, &skip_to));
  CHECK(!g.may_start_at(text::fold("삼분기에"), 0, &skip_to));
  CHECK(g.may_start_at(text::fold("이천십오년"), 0, &skip_to));
  CHECK(!grammar().may_start_at(text::fold("오분기에"), 0, &skip_to));
}

TEST_CASE("date gate: apostrophes open a date only before a digit") {
  for (const std::string t : {"'25년", "’25年", "it's 2025", "'a", "'", "x'", "'9", "x'25"}) {
    INFO(t);
    CHECK(scan_misses(text::fold(t)) == std::vector<std::string>{});
  }
}

namespace {

// Digit runs of `t` (folded) where may_start_at says no but the parser (with no reference
// and no context) reads a date: the start filter's look at what follows a number
// (Grammar::number_may_open) may let through what the parser refuses, never the reverse.
// (Digits that continue a number or a Latin word, 15.5일 or A4, are no start whatever
// follows them: may_start_at's test of what comes before, which this one leaves aside.)
std::vector<std::string> number_misses(const std::string& t) {
  const date::Grammar& g = grammar();
  auto digit = [&](size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  std::vector<std::string> out;
  for (size_t pos = 0; pos < t.size(); ++pos) {
    if (!digit(pos)) continue;
    if (pos > 0 && (digit(pos - 1) || std::isalpha(static_cast<unsigned char>(t[pos - 1])) ||
                    ((t[pos - 1] == '.' || t[pos - 1] == ',') && pos >= 2 && digit(pos - 2))))
      continue;
    date::Parsed p;
    if (!g.may_start_at(t, pos) && g.parse_at(t, pos, nullptr, p)) out.push_back(t.substr(pos, 24));
  }
  return out;
}

}  // namespace

TEST_CASE("date gate: the start filter never turns away a number the parser reads in the corpus") {
  check_corpus(number_misses);
}

TEST_CASE("date gate: the start filter and what follows a number") {
  // Numbers of each length (values at the parts' bounds), the words a number may go on
  // with, then what may make them a date (an ago word, a month, a decade, a qualifier).
  const std::vector<std::string> numbers = {"0", "1", "4", "5", "12", "13", "21", "31", "32", "90", "08",
                                            "100", "999", "1000", "1990", "2025", "3000", "12345"};
  const std::vector<std::string> after = {"年", "년", "年度", "년대", "年代", "世纪", "세기", "季度", "분기", "月",
                                          "월", "개월", "个月", "日", "号", "일", "天", "周", "주", "달", "余年",
                                          "多年", "여 년", "여년", "余", "多", "여", "年多", "년여", " 년", " 年",
                                          "~", "至", "-", "·", "/", "时", "시", "분", ""};
  const std::vector<std::string> then = {"", "前", "后", "以来", " 전", "전", "후", " 후", "뒤", "10月", "3月1日",
                                         "70年代", " 70년대", "上半年", "一季度", "初", "中旬", "期", "간", ",", "3日"};
  std::vector<std::string> bad;
  for (const std::string& b : {std::string(""), std::string("他"), std::string(" ")})
    for (const std::string& n : numbers)
      for (const std::string& a : after)
        for (const std::string& s : then) {
          const std::string t = text::fold(b + n + a + s + "。");
          for (const std::string& m : number_misses(t)) bad.push_back(t + " @ " + m);
        }
  check_no_misses(bad);
}

namespace {

// Made-up texts around the date words: pieces of the lexicon's surfaces (each run of
// non-ASCII characters in the date files: whole, or its first one or two code points),
// numbers in digits, Han numerals and spelled Korean counts, Han and Hangul at random,
// spaces and punctuation.
std::string piece_text(std::mt19937& rng) {
  static const std::vector<std::u32string> runs = [] {
    std::vector<std::u32string> out;
    for (const lexicon::Source& src : lexicon::builtin_sources("date")) {
      const std::string folded = text::fold(src.content);
      std::u32string run;
      for (size_t i = 0; i < folded.size();) {
        const char32_t c = text::next_code_point(folded, i);
        if (c >= 0x80) {
          run += c;
        } else if (!run.empty()) {
          out.push_back(run);
          run.clear();
        }
      }
    }
    return out;
  }();
  static const std::vector<std::string> numbers = {"一", "二", "三", "十", "两", "〇", "二〇二五", "十一", "이천",
                                                   "스무", "열두", "한", "두", "세", "네", "삼분", "일곱", "3", "12",
                                                   "2025", "'", "(", "(31)", " ", "·", ",", "。", "、", "~"};
  std::string t;
  for (size_t k = 1 + rng() % 12; k > 0; --k) {
    const unsigned what = rng() % 20;
    if (what < 10 || what == 10 || what == 11) {
      const std::u32string& r = runs[rng() % runs.size()];
      const size_t len = what < 10 ? r.size() : std::min<size_t>(r.size(), what - 9);  // whole, one, two
      for (size_t i = 0; i < len; ++i) text::append_utf8(t, r[i]);
    } else if (what < 15) {
      t += numbers[rng() % numbers.size()];
    } else if (what < 17) {
      text::append_utf8(t, static_cast<char32_t>(0x4E00 + rng() % 0x5200));
    } else if (what < 19) {
      text::append_utf8(t, static_cast<char32_t>(0xAC00 + rng() % 0x2BA4));
    } else {
      t += static_cast<char>(' ' + rng() % 95);
    }
  }
  return t;
}

// Starts of `t` that the scan's first pass drops on the two code points' bytes
// (Grammar::first_pass_keeps: a three-byte code point that passes the gate before
// another three-byte one) but where may_start_at says yes or skips. `drops` counts the
// starts so dropped.
std::vector<std::string> pair_byte_misses(const std::string& t, size_t& drops) {
  const date::Grammar& g = grammar();
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  std::vector<std::string> out;
  for (size_t pos = 0; pos + 5 < t.size(); ++pos) {
    if ((s[pos] & 0xF0) != 0xE0 || (s[pos + 3] & 0xF0) != 0xE0) continue;
    const uint32_t c1 = text::decode3(s + pos);
    const uint32_t byte1 = date::Grammar::start_byte(g.start_bits(), c1);
    const uint32_t byte2 = date::Grammar::start_byte(g.start_bits(), text::decode3(s + pos + 3));
    if (!(byte1 & date::Grammar::kStartDate) || date::Grammar::first_pass_keeps(c1, byte1, byte2)) continue;
    ++drops;
    if (taken_at(t, pos)) out.push_back(t.substr(pos, 24));
  }
  return out;
}

}  // namespace

TEST_CASE("date gate: the first pass's bytes are the gate's, the labels', the Hangul's and the pair sets'") {
  const date::Grammar& g = grammar();
  std::vector<uint32_t> differ;
  for (char32_t c = 0; c < 0x10000; ++c) {
    const uint32_t byte = date::Grammar::start_byte(g.start_bits(), c);
    if (((byte & date::Grammar::kStartDate) != 0) != g.gate(c) ||
        ((byte & date::Grammar::kStartLabel) != 0) != g.words().may_start_label(c) ||
        ((byte & date::Grammar::kStartHangul) != 0) != text::is_hangul_syllable(c))
      differ.push_back(c);
  }
  CHECK(differ == std::vector<uint32_t>{});
  // Every pair of first code points of the lexicon's openers and stop words is kept.
  std::vector<std::string> dropped;
  for (const auto& [c1, c2] : g.words().start_pairs()) {
    if (c1 < 0x800 || c1 >= 0x10000 || c2 < 0x800 || c2 >= 0x10000) continue;
    if (!date::Grammar::first_pass_keeps(c1, date::Grammar::start_byte(g.start_bits(), c1),
                                         date::Grammar::start_byte(g.start_bits(), c2))) {
      std::string pair;
      text::append_utf8(pair, c1);
      text::append_utf8(pair, c2);
      dropped.push_back(pair);
    }
  }
  CHECK(dropped == std::vector<std::string>{});
}

TEST_CASE("date gate: the first pass's bytes drop no start, in valid and malformed text") {
  // Made-up texts, folded, and the same broken: a byte left out, a stray lead or
  // continuation byte let in, the text cut anywhere (after a first code point, inside
  // one). In the folded ones the scan as a whole visits every start too (scan_misses:
  // its first pass takes the widest path the machine has; date_first_pass_test holds
  // every path to the rule). (The scan reads folded text, valid UTF-8: in broken text a
  // stray lead byte may hide the code point after it from the one-at-a-time loop.)
  std::mt19937 rng(20261202);
  std::vector<std::string> bad;
  size_t drops = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string t = text::fold(piece_text(rng));
    const bool broken = round % 2 == 1 && !t.empty();
    if (broken) {
      switch (rng() % 3) {
        case 0: t.erase(rng() % t.size(), 1); break;
        case 1: t.insert(t.begin() + static_cast<std::ptrdiff_t>(rng() % (t.size() + 1)), static_cast<char>(0x80 + rng() % 0x80)); break;
        default: t.resize(rng() % t.size()); break;
      }
    }
    for (const std::string& m : pair_byte_misses(t, drops)) bad.push_back(t + " @ " + m);
    if (!broken)
      for (const std::string& m : scan_misses(t)) bad.push_back(t + " @ (scan) " + m);
  }
  check_no_misses(bad);
  CHECK(drops > 1000);  // the test reaches the filter
  // (上复(31)发布: a lead-in before a holiday's first character and a bracket, which
  // may_start_at once let through where the gate did not.)
  for (const std::string t : {"上", "上面", "上面的", "이번", "이번에", "一个", "统一", "이천", "스무 해", "今(31)日", "上个月",
                              "上复(31)发布", "截至昨(13)日"}) {
    INFO(t);
    size_t n = 0;
    CHECK(pair_byte_misses(text::fold(t), n) == std::vector<std::string>{});
    CHECK(scan_misses(text::fold(t)) == std::vector<std::string>{});
  }
}

namespace {

// Positions of `t` (folded) where may_start_at with the parses' word cache (one for the
// text, as Recognizer::find shares it) answers otherwise than without one (Words::longest3):
// its answer or the stop word it skips. With a cache it reads the opener that stands alone
// from the walk only when it is asked, after walks at other positions that may have taken
// the slot of this one.
std::vector<std::string> cache_disagreements(const std::string& t, size_t& cached_yes) {
  const date::Grammar& g = grammar();
  date::WordCache cache;
  std::vector<std::string> out;
  for (size_t pos = 0; pos < t.size(); ++pos) {
    if ((static_cast<unsigned char>(t[pos]) & 0xC0) == 0x80) continue;
    size_t skip_plain = 0, skip_cached = 0;
    const bool plain = g.may_start_at(t, pos, &skip_plain);
    const bool cached = g.may_start_at(t, pos, &skip_cached, &cache);
    cached_yes += cached;
    if (plain != cached || skip_plain != skip_cached) out.push_back(t.substr(pos, 24));
  }
  return out;
}

}  // namespace

TEST_CASE("date gate: may_start_at answers the same with the parses' word cache as without") {
  // Made-up texts around the date words and the corpus articles, every code point start.
  std::mt19937 rng(20261203);
  std::vector<std::string> bad;
  size_t yes = 0;
  for (int round = 0; round < 6000; ++round) {
    const std::string t = text::fold(piece_text(rng));
    for (const std::string& m : cache_disagreements(t, yes)) bad.push_back(t + " @ " + m);
  }
  check_no_misses(bad);
  CHECK(yes > 1000);
  check_corpus([](const std::string& t) {
    size_t n = 0;
    return cache_disagreements(t, n);
  });
  // A lead-in that leads nowhere (the year prefix 올 before 들어, no part of a year) where
  // a word of its length stands alone (올, this year, before its follower 들어): the one
  // that stands alone opens, read from the walk only then.
  for (const std::string t : {"올 들어 관내", "관내 올 들어", "올 들어"}) {
    INFO(t);
    const std::string folded = text::fold(t);
    const size_t at = folded.find("올");
    date::WordCache cache;
    size_t skip_to = 0;
    CHECK(grammar().may_start_at(folded, at, &skip_to, &cache));
    size_t n = 0;
    CHECK(cache_disagreements(folded, n) == std::vector<std::string>{});
  }
}

namespace {

// A parse_han answer as one string (the fields a reader sets), or "-" when it reads none.
std::string han_answer(bool ok, const date::Num& n) {
  if (!ok) return "-";
  return std::to_string(n.value) + "@" + std::to_string(n.end) + "/" + std::to_string(n.digits) + "/" +
         std::to_string(static_cast<int>(n.form));
}

}  // namespace

TEST_CASE("date gate: the word cache keeps parse_han's answer for the position last asked") {
  // may_start reads the number a Han numeral opens and the parse that follows reads it
  // again at the same place (Grammar's WordCache::han): each answer must be parse_han's
  // for that position, asked in any order, and a cleared cache must forget the last one.
  const std::string t = text::fold("十年间二十五条，一千零五十元，零一万物，三季度和两年前，今年");
  date::WordCache cache;
  std::vector<size_t> starts;
  for (size_t pos = 0; pos < t.size(); ++pos)
    if ((static_cast<unsigned char>(t[pos]) & 0xC0) != 0x80) starts.push_back(pos);
  size_t read = 0;
  for (size_t k = 0; k < starts.size(); ++k) {
    // Each start, then the one before it again (the cache holds one position).
    for (const size_t pos : {starts[k], starts[k > 0 ? k - 1 : 0], starts[k]}) {
      date::Num want, got;
      const bool want_ok = date::parse_han(t, pos, want);
      const bool got_ok = cache.han(t, pos, got);
      read += want_ok;
      const std::string at = t.substr(pos, 12);
      INFO(at);
      CHECK(han_answer(got_ok, got) == han_answer(want_ok, want));
    }
  }
  CHECK(read > 10);
  // A position that holds no number leaves `out` alone, as parse_han does.
  date::Num untouched;
  untouched.value = 77;
  CHECK_FALSE(cache.han(t, t.find("元"), untouched));
  CHECK(untouched.value == 77);
  // Another text at the same position after clear(): that text's number.
  const std::string a = text::fold("十年"), b = text::fold("三年");
  date::Num n;
  REQUIRE(cache.han(a, 0, n));
  CHECK(n.value == 10);
  cache.clear();
  REQUIRE(cache.han(b, 0, n));
  CHECK(n.value == 3);
  // The parses that follow may_start_at with the cache read the same dates as without.
  for (const std::string s : {"十年间各国", "二季度实现", "两年前还不足", "一千零五十元", "二十五条规定"}) {
    INFO(s);
    const std::string f = text::fold(s);
    date::WordCache shared;
    date::Parsed plain, cached;
    const bool plain_ok = grammar().parse_at(f, 0, nullptr, plain);
    const bool may = grammar().may_start_at(f, 0, nullptr, &shared);
    const bool cached_ok = grammar().parse_at(f, 0, nullptr, cached, {}, &shared);
    CHECK(cached_ok == plain_ok);
    if (plain_ok) CHECK(may);
    CHECK(cached.end == plain.end);
    CHECK(cached.a.year == plain.a.year);
    CHECK(cached.a.month == plain.a.month);
  }
}
