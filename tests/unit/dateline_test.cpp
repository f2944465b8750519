// Reference date detection (src/date/dateline.cpp) at the edges its searches are bounded
// by: a byline whose year comes from a later full date (…电, …讯), 电 far past the head, the last
// lines of an article whose first lines hold no full date.
#include <doctest/doctest.h>

#include <string>

#include "core/document.h"
#include "date/recognizer.h"
#include "hanfacts/extractor.h"
#include "lexicon/sources.h"
#include "text/fold.h"

using namespace hanfacts;

namespace {

std::string ref_of(const std::string& text) {
  static const Extractor ex = Extractor::Create(Options{}).value();
  return ex.Extract(text, DocContext{}).ref_date;
}

std::string filler(size_t bytes) {
  std::string s;
  while (s.size() < bytes) s += "会议讨论了有关问题。";
  return s;
}

}  // namespace

TEST_CASE("dateline: a byline takes its year from the first full date after it") {
  const std::string byline = "新华社北京3月1日电 记者报道。\n会议于2024年5月6日举行。\n";
  CHECK(ref_of(byline) == "2024-03-01");
  // 电 again far past the head (电话) does not move the byline search.
  CHECK(ref_of(byline + filler(4000) + "\n请拨打电话。") == "2024-03-01");
  // Without the byline, the first full date of the first lines is the reference.
  CHECK(ref_of("记者报道。\n会议于2024年5月6日举行。\n") == "2024-05-06");
  // A paper's or a site's own dispatch ends with 讯 as a wire's ends with 电; 本报讯 holds no date.
  CHECK(ref_of("标题\n\n2026-11-29 10:15　来源：广西新闻网\n\n广西新闻网钦州11月28日讯 今天宣布。\n") == "2026-11-28");
  CHECK(ref_of("标题\n\n2026-11-29 10:15\n\n本报讯 今天宣布。\n") == "2026-11-29T10:15");
}

TEST_CASE("dateline: the marks that close a byline come from date_words.tsv") {
  // The built-in rows (电, 讯) replaced by one mark of two code points that no built-in
  // row has: only the lexicon's marks close a byline.
  std::vector<lexicon::Source> sources = lexicon::builtin_sources("date");
  std::string words;
  for (lexicon::Source& src : sources) {
    if (!src.name.ends_with("date_words.tsv")) continue;
    words = std::string(src.content);
    for (const std::string row : {"zh\t电\tbyline_end\t\t\n", "zh\t讯\tbyline_end\t\t\n"}) {
      const size_t at = words.find(row);
      REQUIRE(at != std::string::npos);
      words.erase(at, row.size());
    }
    words += "zh\t专电\tbyline_end\t\t\n";
    src.content = words;
  }
  REQUIRE(!words.empty());
  const date::Recognizer own = date::Recognizer::create(sources).value();
  const auto ref = [&own](const std::string& text) {
    text::FoldedText folded(text);
    const core::Document doc{folded, folded.text()};
    const auto r = own.detect_reference(doc, nullptr);
    return r ? date::format_ref_date(*r) : std::string();
  };
  const std::string later = " 记者报道。\n会议于2024年5月6日举行。\n";
  CHECK(ref("新华社北京3月1日专电" + later) == "2024-03-01");
  // 电 and 讯 alone no longer close one: the first full date is the reference.
  CHECK(ref("新华社北京3月1日电" + later) == "2024-05-06");
  CHECK(ref("本报北京3月1日讯" + later) == "2024-05-06");
  // The built-in lexicon's marks still do.
  CHECK(ref_of("新华社北京3月1日电" + later) == "2024-03-01");
  CHECK(ref_of("本报北京3月1日讯" + later) == "2024-03-01");
}

TEST_CASE("dateline: the last lines when the first lines hold no full date") {
  const std::string ko = "제목\n본문 하나\n본문 둘\n본문 셋\n본문 넷\n2024.10.24 reporter@example.com";
  CHECK(ref_of(ko) == "2024-10-24");
  CHECK(ref_of(ko + "\n") == "2024-10-24");
  CHECK(ref_of("제목\n본문 하나\n본문 둘\n본문 셋\n본문 넷\n끝").empty());
}

TEST_CASE("dateline: the reference date's text, with and without a time") {
  // A dateline with a time keeps it; a given reference date round-trips as written.
  CHECK(ref_of("2025. 11. 01. 21:27\n딥시크가 투자를 유치했다.\n") == "2025-11-01T21:27");
  CHECK(ref_of("2025. 3. 9.\n딥시크가 투자를 유치했다.\n") == "2025-03-09");
  static const Extractor ex = Extractor::Create(Options{}).value();
  DocContext ctx;
  ctx.ref_date = "0999-01-02T03:04";
  CHECK(ex.Extract("올해 9월", ctx).ref_date == "0999-01-02T03:04");
  ctx.ref_date = "2026-12-31";
  CHECK(ex.Extract("올해 9월", ctx).ref_date == "2026-12-31");
}

TEST_CASE("dateline: blank lines between paragraphs do not count toward the first lines") {
  // Headline, lead, then the paragraph with the first full date: the third line, with a
  // blank line after each paragraph as news copy has them.
  CHECK(ref_of("충남도, 복구기금 조성\n\n충청남도가 기금을 조성한다.\n\n충남도는 2026년 11월 30일 계획을 발표했다.\n") ==
        "2026-11-30");
  CHECK(ref_of("澳博第三季業績\n擬推兩項項目\n\n澳門日報　2026年11月27日　星期五\n\n【本報消息】澳博昨日公布業績。\n") ==
        "2026-11-27");
  // A fifth non-blank line is past the four first lines (and before the four last ones).
  CHECK(ref_of("一\n\n二\n\n三\n\n四\n\n会议于2026年11月30日举行。\n\n五\n\n六\n\n七\n\n八\n") == "");
  // Headline, byline, lead, then the date: the fourth line.
  CHECK(ref_of("대양생명, 자회사 매각\n\n한지원 기자\n\n대양생명이 자회사를 매각한다.\n\n대양생명은 2026년 11월 12일 이사회를 열었다.\n") ==
        "2026-11-12");
}

TEST_CASE("dates: a holiday that needs a word after it may have it after the last of a list") {
  static const Extractor ex = Extractor::Create(Options{}).value();
  DocContext ctx;
  ctx.ref_date = "2026-11-28";
  std::string dates;
  for (const Fact& f : ex.Extract("隨着聖誕、元旦假期臨近", ctx).facts)
    if (f.type == FactType::kDate) dates += f.text + "=" + f.value + " ";
  CHECK(dates == "聖誕=2026-12-25 元旦=2027-01-01 ");
}

TEST_CASE("dateline: a label that is also a word does not take a date in its clause") {
  // 发布 is a dateline label (发布：2026-11-26) and a verb: 发布截至2026年9月30日的财报 is a
  // report up to 30 September, not the article's date, which the masthead line gives.
  const std::string text = "标题\n\n证券时报　2026.11.26 07:12\n记者　某某\n\n蔚来25日晚间发布截至2026年9月30日的第三季度财报。\n";
  CHECK(ref_of(text) == "2026-11-26T07:12");
  CHECK(ref_of("标题\n发布：2026-11-26 09:30\n正文。\n") == "2026-11-26T09:30");
}

TEST_CASE("dateline: a Taiwanese article's date with a bare Republic year is its reference") {
  // 115年3月15日 is 2026-03-15 in a Taiwanese article (Traditional script, 新台幣): the
  // dateline search reads it as the DATE recognizer does, and the byline's year comes
  // from it.
  CHECK(ref_of("（中央社記者台北15日電）115年3月15日\n經濟部今天宣布調漲電價，新台幣計價。\n") == "2026-03-15");
  CHECK(ref_of("工商時報 115年3月15日\n經濟部今天宣布調漲電價。\n") == "2026-03-15");
  // A mainland article's 115年 is no year: no reference.
  CHECK(ref_of("新华社北京3月15日电 115年3月15日\n国家发展改革委今天宣布。\n") == "");
}
