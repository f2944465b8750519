// Engine internals that have a slow, obvious definition (detect_lang stops reading early
// once the rest of the text cannot change its answer, so it must agree with counting
// every code point), and the reuse path (Extractor::ExtractInto) against Extract.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/document.h"
#include "core/engine.h"
#include "hanfacts/hanfacts.h"
#include "output/format.h"
#include "text/utf8.h"

namespace {

// The definition: Korean when Hangul syllables are at least a quarter of the Han
// characters, over the first 64 KB.
hanfacts::core::Lang counted_lang(std::string_view text) {
  size_t hangul = 0, han = 0;
  const size_t limit = std::min<size_t>(text.size(), 64 * 1024);
  for (size_t i = 0; i < limit;) {
    const char32_t c = hanfacts::text::next_code_point(text, i);
    if (hanfacts::text::is_hangul_syllable(c)) ++hangul;
    else if (hanfacts::text::is_han(c)) ++han;
  }
  if (hangul == 0 && han == 0) return hanfacts::core::Lang::kUnknown;
  return hangul * 4 >= han ? hanfacts::core::Lang::kKo : hanfacts::core::Lang::kZh;
}

}  // namespace

TEST_CASE("detect_lang agrees with counting every code point") {
  std::mt19937 rng(20261128);
  const char32_t kPool[] = {U'가', U'한', U'국', U'中', U'国', U'〇', U'a', U' ', U'1', U'\n', U'é', U'·'};
  for (int round = 0; round < 400; ++round) {
    // Runs of one kind, with lengths that put the balance near the 1:4 threshold and
    // across the early checks (every 256 bytes).
    std::string text;
    const int runs = static_cast<int>(rng() % 12) + 1;
    for (int r = 0; r < runs; ++r) {
      const char32_t c = kPool[rng() % std::size(kPool)];
      const int len = static_cast<int>(rng() % 400);
      for (int k = 0; k < len; ++k) hanfacts::text::append_utf8(text, c);
    }
    CAPTURE(round);
    CHECK(hanfacts::detail::detect_lang(text) == counted_lang(text));
  }
  std::string zh_then_ko;
  for (int k = 0; k < 3000; ++k) hanfacts::text::append_utf8(zh_then_ko, U'中');
  for (int k = 0; k < 800; ++k) hanfacts::text::append_utf8(zh_then_ko, U'가');
  CHECK(hanfacts::detail::detect_lang(zh_then_ko) == counted_lang(zh_then_ko));
  CHECK(hanfacts::detail::detect_lang(zh_then_ko) == hanfacts::core::Lang::kKo);
}

TEST_CASE("ExtractInto with one reused Extraction gives what Extract gives, document after document") {
  auto made = hanfacts::Extractor::Create({});
  REQUIRE(made.ok());
  const hanfacts::Extractor& ex = made.value();
  // Long and short documents in turn, so reused facts and strings shrink and grow; one
  // with no facts, one with a dateline, one with invalid UTF-8 (a warning).
  const std::string docs[] = {
      "2025. 11. 01. 21:27\n딥시크는 올해 9월 600억 위안을 투자했다. 삼성전자와 SK하이닉스도 12조600억 원을 썼다.",
      "",
      "月之暗面去年年底融资10亿美元。",
      "no facts here",
      "北京智源人工智能研究院2023年7月前后发布\xff报告，约1.5万亿元。",
      "문샷은 지난달 985억 달러 규모를 밝혔다.",
  };
  hanfacts::DocContext ctx;
  ctx.ref_date = "2025-11-01";
  hanfacts::Extraction reused;
  for (int round = 0; round < 2; ++round)
    for (const std::string& d : docs) {
      const hanfacts::Extraction fresh = ex.Extract(d, ctx);
      ex.ExtractInto(d, ctx, reused);
      REQUIRE(reused.facts.size() == fresh.facts.size());
      for (size_t i = 0; i < fresh.facts.size(); ++i) {
        const hanfacts::Fact &a = fresh.facts[i], &b = reused.facts[i];
        CHECK(a.type == b.type);
        CHECK(a.start == b.start);
        CHECK(a.end == b.end);
        CHECK(a.text == b.text);
        CHECK(a.value == b.value);
        CHECK(a.unit == b.unit);
        CHECK(a.flags == b.flags);
        CHECK(a.rule == b.rule);
        CHECK_FALSE(a.rule.empty());
      }
      CHECK(reused.ref_date == fresh.ref_date);
      CHECK(reused.ref_source == fresh.ref_source);
      CHECK(reused.lang == fresh.lang);
      CHECK(reused.warnings == fresh.warnings);
    }
}

TEST_CASE("Options::rule_names off leaves Fact::rule empty and changes nothing else") {
  hanfacts::Options quiet;
  quiet.rule_names = false;
  auto with = hanfacts::Extractor::Create({});
  auto without = hanfacts::Extractor::Create(quiet);
  REQUIRE(with.ok());
  REQUIRE(without.ok());
  const std::string text = "딥시크는 올해 9월 600억 위안을 투자했다.";
  const hanfacts::Extraction a = with.value().Extract(text, {});
  const hanfacts::Extraction b = without.value().Extract(text, {});
  REQUIRE(a.facts.size() == b.facts.size());
  REQUIRE_FALSE(a.facts.empty());
  for (size_t i = 0; i < a.facts.size(); ++i) {
    CHECK(b.facts[i].rule.empty());
    CHECK(a.facts[i].value == b.facts[i].value);
    CHECK(a.facts[i].start == b.facts[i].start);
  }
}

TEST_CASE("Options::fact_text off leaves Fact::text empty, and a formatter reads the surfaces from the text") {
  hanfacts::Options bare;
  bare.fact_text = false;
  auto with = hanfacts::Extractor::Create({});
  auto without = hanfacts::Extractor::Create(bare);
  REQUIRE(with.ok());
  REQUIRE(without.ok());
  // Folded surfaces (full-width digits, Traditional characters) map back to the original.
  const std::string text = "딥시크는 올해 ９월 600억 위안을 투자했다. 深度求索去年獲得1.5萬億元，“DeepSeek”";
  const hanfacts::Extraction a = with.value().Extract(text, {});
  const hanfacts::Extraction b = without.value().Extract(text, {});
  REQUIRE(a.facts.size() == b.facts.size());
  REQUIRE(a.facts.size() >= 4);
  for (size_t i = 0; i < a.facts.size(); ++i) {
    CHECK(b.facts[i].text.empty());
    CHECK(a.facts[i].text == text.substr(a.facts[i].start, a.facts[i].end - a.facts[i].start));
    CHECK(a.facts[i].value == b.facts[i].value);
    CHECK(a.facts[i].start == b.facts[i].start);
    CHECK(a.facts[i].end == b.facts[i].end);
  }
  for (const hanfacts::OutputFormat format :
       {hanfacts::OutputFormat::kCsv, hanfacts::OutputFormat::kTsv, hanfacts::OutputFormat::kJsonl}) {
    hanfacts::output::Formatter fa(format, {}), fb(format, {});
    fb.read_surfaces_from_text(true);
    std::string out_a, out_b;
    fa.append(out_a, {"d", text, a});
    fb.append(out_b, {"d", text, b});
    CHECK(out_a == out_b);
    CHECK(out_a.find("1.5萬億元") != std::string::npos);
  }
}

TEST_CASE("org: places joined by 와 act together, also with a province before the second") {
  using namespace hanfacts;
  static const Extractor ex = Extractor::Create(Options{}).value();
  const auto orgs = [](const Extraction& e) {
    std::string s;
    for (const Fact& f : e.facts)
      if (f.type == FactType::kOrg) s += (s.empty() ? "" : " | ") + f.text + "=" + f.value;
    return s;
  };
  CHECK(orgs(ex.Extract("박람회 유치에는 경기 고양시와 충남 태안군도 뛰어들었다.", DocContext{})) ==
        "고양시=Goyang City Government | 태안군=Taean County Government");
  // Places, not governments: no act word after the second.
  CHECK(orgs(ex.Extract("경기 고양시와 충남 태안군 주민들이 모였다.", DocContext{})) == "");
}

TEST_CASE("org: a headline's place listed with another body before a comma acts") {
  using namespace hanfacts;
  static const Extractor ex = Extractor::Create(Options{}).value();
  std::string orgs;
  for (const Fact& f : ex.Extract("전남도·농진청, 고흥에 스마트팜 클러스터\n", DocContext{}).facts)
    if (f.type == FactType::kOrg) orgs += f.text + "=" + f.value + " ";
  CHECK(orgs == "전남도=South Jeolla Provincial Government 농진청=Rural Development Administration ");
  orgs.clear();
  // Without the comma the list is no headline's subject: the place is where things are.
  // (Its officials after the list would speak for it: 전남도·농진청 관계자들이 모였다.)
  for (const Fact& f : ex.Extract("전남도·농진청 일대에서 행사가 열렸다.\n", DocContext{}).facts)
    if (f.type == FactType::kOrg) orgs += f.text + " ";
  CHECK(orgs == "농진청 ");
}

TEST_CASE("org: a headline's list of places before a quote says it, as one place does") {
  using namespace hanfacts;
  static const Extractor ex = Extractor::Create(Options{}).value();
  const auto orgs = [](std::string_view text) {
    std::string s;
    for (const Fact& f : ex.Extract(text, DocContext{}).facts)
      if (f.type == FactType::kOrg) s += f.text + " ";
    return s;
  };
  CHECK(orgs("SK하이닉스, 청주에 새 팹…충북도·청주시 \"5000억 원 지원\"\n") == "SK하이닉스 충북도 청주시 ");
  CHECK(orgs("충북도·청주시 \"반도체 특화단지 지정 환영\"\n") == "충북도 청주시 ");
  // Not in the headline: the list names places.
  CHECK(orgs("제목\n행사는 충북도·청주시 \"반도체 주간\"에 열린다.\n") == "");
}

// Candidates::emplace_back hands back a used candidate reset by Candidate::reset, which
// spells the members' defaults a second time. The structured binding names every
// member, so a member added to Candidate stops this test compiling until it is listed
// here, and then it fails until reset() gives it its default.
TEST_CASE("core: a reused candidate equals a new one") {
  hanfacts::core::Candidates candidates;
  {
    hanfacts::core::Candidate& used = candidates.emplace_back();
    auto& [type, start, end, value, unit, flags, rule, equiv_of, priority] = used;
    type = hanfacts::FactType::kDate;
    start = 3;
    end = 9;
    value = "a value longer than a short string's fifteen bytes";
    unit = "day";
    flags = "relative;qid=Q1";
    rule = "some-rule";
    equiv_of = 2;
    priority = 7;
  }
  candidates.clear();
  const hanfacts::core::Candidate& reused = candidates.emplace_back();
  const hanfacts::core::Candidate fresh;
  const auto& [type, start, end, value, unit, flags, rule, equiv_of, priority] = reused;
  CHECK(type == fresh.type);
  CHECK(start == fresh.start);
  CHECK(end == fresh.end);
  CHECK(value == fresh.value);
  CHECK(unit == fresh.unit);
  CHECK(flags == fresh.flags);
  CHECK(rule == fresh.rule);
  CHECK(equiv_of == fresh.equiv_of);
  CHECK(priority == fresh.priority);
  // The point of reuse: the string keeps the room it had.
  CHECK(value.capacity() >= 50);
}

// The overlap resolution writes the kept indices into room it keeps for the thread
// (sized for a document's candidates, never cut), and says how many it wrote: a document
// after a larger one must get its own facts only, the winners of its ranked groups (a
// date that a longer one holds, a numeral inside an amount) and its last fact, whether
// that one overlaps nothing or closes a group.
TEST_CASE("overlap resolution: a document after a larger one keeps exactly its own facts") {
  auto made = hanfacts::Extractor::Create({});
  REQUIRE(made.ok());
  const hanfacts::Extractor& ex = made.value();
  std::string big;
  for (int k = 0; k < 30; ++k) big += "딥시크는 올해 9월 600억 위안을 투자했다. 삼성전자와 SK하이닉스도 12조600억 원을 썼다. ";
  struct Expected {
    hanfacts::FactType type;
    std::string_view text;  // its first occurrence in the document
  };
  using T = hanfacts::FactType;
  // The last fact overlaps nothing.
  const std::string last_alone = "삼성전자는 12조600억 원을 썼고 2025년 3월 LG전자는 985억 달러를 밝혔다.";
  const Expected alone_facts[] = {{T::kOrg, "삼성전자"},
                                  {T::kMoney, "12조600억 원"},
                                  {T::kDate, "2025년 3월"},
                                  {T::kOrg, "LG전자"},
                                  {T::kMoney, "985억 달러"}};
  // A group: the company 亿欧 inside the amount 约214亿欧元, which wins (the longer);
  // last in the document, where closing the last group keeps it, and inside.
  const std::string last_grouped = "比亚迪去年营收97亿美元，折合约214亿欧元";
  const Expected last_grouped_facts[] = {
      {T::kOrg, "比亚迪"}, {T::kDate, "去年"}, {T::kMoney, "97亿美元"}, {T::kMoney, "214亿欧元"}};
  const std::string inner_grouped = "比亚迪去年营收97亿美元，折合约214亿欧元。吉利汽车2025年3月发布";
  const Expected inner_grouped_facts[] = {{T::kOrg, "比亚迪"},    {T::kDate, "去年"},
                                          {T::kMoney, "97亿美元"}, {T::kMoney, "214亿欧元"},
                                          {T::kOrg, "吉利汽车"},   {T::kDate, "2025年3月"}};
  hanfacts::DocContext ctx;
  ctx.ref_date = "2025-11-01";
  const size_t big_count = ex.Extract(big, ctx).facts.size();
  CHECK(big_count >= 150);
  for (int round = 0; round < 2; ++round) {
    // A pair, not a structured binding: INFO captures in a lambda, which clang 14 does not
    // allow for a binding.
    for (const auto& doc : {std::pair{&last_alone, std::span<const Expected>(alone_facts)},
                            std::pair{&last_grouped, std::span<const Expected>(last_grouped_facts)},
                            std::pair{&inner_grouped, std::span<const Expected>(inner_grouped_facts)}}) {
      const std::string* const text = doc.first;
      const std::span<const Expected> expected = doc.second;
      const hanfacts::Extraction got = ex.Extract(*text, ctx);
      REQUIRE(got.facts.size() == expected.size());
      for (size_t i = 0; i < expected.size(); ++i) {
        const hanfacts::Fact& f = got.facts[i];
        INFO("fact " << i << " of " << *text);
        CHECK(f.type == expected[i].type);
        const size_t start = text->find(expected[i].text);
        CHECK(f.start == start);
        CHECK(f.end == start + expected[i].text.size());
        CHECK(f.text == expected[i].text);
      }
    }
    CHECK(ex.Extract(big, ctx).facts.size() == big_count);
  }
}

// The engine makes each fact's view in place from its candidate and its span in the
// original text (FactView's constructor from a Candidate): every field must be the
// candidate's, and the text the original's bytes at the span, as a view built field by
// field has them.
TEST_CASE("core: a view made from a candidate holds its fields and the original's span") {
  hanfacts::core::Candidate c;
  c.type = hanfacts::FactType::kMoney;
  c.start = 3;  // in the folded text: the view takes the original's span instead
  c.end = 9;
  c.value = "12060000000000";
  c.unit = "KRW";
  c.flags = "approx;min";
  c.rule = "money-rule";
  const std::string original = "삼성전자는 12조600억 원을 썼다";
  const size_t start = original.find("12조"), end = original.find("을");
  const hanfacts::core::FactView made(c, start, end, original.data());
  const hanfacts::core::FactView expected{c.type, start, end, std::string_view(original).substr(start, end - start),
                                          c.value, c.unit, c.flags, c.rule};
  CHECK(made.type == expected.type);
  CHECK(made.start == expected.start);
  CHECK(made.end == expected.end);
  CHECK(made.text == "12조600억 원");
  CHECK(made.text.data() == original.data() + start);  // a view of the original, not a copy
  CHECK(made.value == expected.value);
  CHECK(made.value.data() == c.value.data());
  CHECK(made.unit == expected.unit);
  CHECK(made.flags == expected.flags);
  CHECK(made.rule == expected.rule);
  // And through the engine: every fact's text is the original at its span.
  auto ex = hanfacts::Extractor::Create({});
  REQUIRE(ex.ok());
  const std::string doc = "比亚迪去年营收97亿美元，折合约214亿欧元。삼성전자는 12조600억 원을 썼다";
  const hanfacts::Extraction got = ex.value().Extract(doc, hanfacts::DocContext{});
  CHECK(got.facts.size() >= 5);
  for (const hanfacts::Fact& f : got.facts) {
    REQUIRE(f.end <= doc.size());
    CHECK(f.text == doc.substr(f.start, f.end - f.start));
    CHECK_FALSE(f.value.empty());
    CHECK_FALSE(f.rule.empty());
  }
}
