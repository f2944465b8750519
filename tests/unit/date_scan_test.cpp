// Parses shared between reference date detection and the date scan (date::Scan, issue 8):
// detecting with a Scan and then finding with it gives exactly what the two separate
// calls give, whichever step found the reference (label, byline, first lines, last lines,
// none) and whatever the parses read (the reference, the context year, stop words).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/document.h"
#include "date/recognizer.h"
#include "lexicon/sources.h"
#include "text/fold.h"

using namespace hanfacts;

namespace {

const date::Recognizer& recognizer() {
  static const date::Recognizer r = date::Recognizer::create(lexicon::builtin_sources("date")).value();
  return r;
}

struct Answer {
  std::string ref;
  std::vector<std::string> facts;  // "start-end value unit flags rule"
  bool operator==(const Answer&) const = default;
};

Answer run(const std::string& text, bool shared) {
  text::FoldedText folded(text);
  core::Document doc{folded, folded.text()};
  date::Scan scan;
  doc.ref = recognizer().detect_reference(doc, shared ? &scan : nullptr);
  core::Candidates out;
  recognizer().find(doc, out, shared ? &scan : nullptr);
  Answer a;
  if (doc.ref) a.ref = date::format_ref_date(*doc.ref);
  for (const auto& c : out)
    a.facts.push_back(std::to_string(c.start) + "-" + std::to_string(c.end) + " " + c.value + " " + std::string(c.unit) + " " +
                      c.flags + " " + std::string(c.rule));
  return a;
}

}  // namespace

TEST_CASE("date scan: shared parses give the answers of separate detection and scan") {
  const std::vector<std::string> texts = {
      // A dateline label: the reference is known before any scan.
      "입력 2025.11.01 09:30\n딥시크는 지난달 3일 투자를 유치했다. 올해 3분기 실적은 내년 초 발표된다.",
      // A byline with the year of a later full date; relative dates after it.
      "新华社北京3月1日电 记者报道。\n会议于2024年5月6日举行。去年同期，今年上半年，下周二，次年。",
      // The first full date of the first lines; a context year (이듬해) and stop words.
      "제목\n2024년 5월 6일 기자\n2019년 계약 이듬해 매주 월요일 회의, 오늘날 3일 전했다. 지난 21일, 11월 1일.",
      // The last lines only.
      "제목\n본문 하나\n본문 둘\n본문 셋\n본문 넷 지난해 9월, 3월 2일\n2024.10.24 reporter@example.com",
      // No reference at all: relative dates stay unresolved.
      "记者报道，上个月和今年一季度，3月5日至8日，每周一例会，二〇二五年八月十五日。",
      // Ranges, months without years, weekdays, parts of periods.
      "기사입력 2023-02-10\n2월 29일, 1~3월, 지난 화요일, 연말, 2015年和2018年之间, 上午10点到12点.",
  };
  for (const std::string& t : texts) {
    INFO(t);
    CHECK(run(t, true) == run(t, false));
  }
}

TEST_CASE("date scan: a document over the sharing bound gives the same answers") {
  std::string t = "记者报道。\n会议于2024年5月6日举行。\n";
  while (t.size() < (size_t{1} << 20) + 1000) t += "去年同期，3月5日至8日，今年上半年增长。";
  t += "\n2023年1月2日\n";
  const Answer shared = run(t, true);
  CHECK(shared == run(t, false));
  CHECK(shared.ref == "2024-05-06");
}

TEST_CASE("date scan: labels found by the scan's first pass are those the label search finds") {
  // Labels (and near-labels) placed around the head window's end (byte 3000), in the
  // tail window and across the first pass's 4096-byte chunks, in articles of several
  // sizes: the shared path reads label starts off the first pass, the other searches.
  const std::string filler = "올해 3분기 실적은 내년 초 발표된다. 会议于去年举行，时间不详。 송금 수정안 ";
  const std::vector<std::string> labels = {"입력 2025.11.01 09:30", "发布时间：2024-03-01 10:20", "수정 2023.2.3",
                                           "来源：新华社 2022年5月4日", "更新 2021-01-02", "时间", "입력"};
  for (size_t size : {1500, 2990, 3010, 4200, 5000, 9000}) {
    for (size_t at : {size_t{2950}, size_t{2995}, size_t{3000}, size_t{4090}, size - 1490, size - 1510}) {
      for (const std::string& label : labels) {
        std::string t;
        while (t.size() < size) t += filler;
        at = std::min(at, t.size());
        while (at > 0 && (static_cast<unsigned char>(t[at]) & 0xC0) == 0x80) --at;
        t.insert(at, label);
        INFO("size " << size << " at " << at << " label " << label);
        CHECK(run(t, true) == run(t, false));
      }
    }
  }
}

// A word with a `follow` unit (올: this year only before 들어, 한 해) and a prefix row of
// the same surface (올 3월): the readings do not hang on which row comes first in the
// file (may_start asks for the other readings when the follower is missing).
TEST_CASE("date: a follow word reads the same whichever of its rows comes first") {
  std::vector<lexicon::Source> swapped = lexicon::builtin_sources("date");
  std::string moved;  // date_words.tsv with the year row of 올 moved before 올해's row
  const std::string row = "ko\t올\tyear_rel\t0\tfollow\n", anchor = "ko\t올해\tyear_rel\t0\t\n";
  for (lexicon::Source& src : swapped) {
    if (!src.name.ends_with("date_words.tsv")) continue;
    moved = std::string(src.content);
    const size_t at = moved.find(row), before = moved.find(anchor);
    REQUIRE(at != std::string::npos);
    REQUIRE(before != std::string::npos);
    REQUIRE(before < at);  // the built-in order is the other one
    moved.erase(at, row.size());
    moved.insert(before + anchor.size(), row);
    src.content = moved;
  }
  REQUIRE(!moved.empty());
  const date::Recognizer other = date::Recognizer::create(swapped).value();
  const auto facts = [](const date::Recognizer& r, const std::string& text) {
    text::FoldedText folded(text);
    core::Document doc{folded, folded.text()};
    doc.ref = r.detect_reference(doc, nullptr);
    core::Candidates out;
    r.find(doc, out, nullptr);
    std::string s;
    for (const auto& c : out) s += std::string(folded.text().substr(c.start, c.end - c.start)) + "=" + c.value + " ";
    return s;
  };
  const std::string text =
      "2026. 3. 5.\n올 들어 늘었다. 올들어 늘었다. 올 한 해 동안. 곧 올 것이다. 올 3월 말. 올 상반기. 주가가 올랐다. "
      "올 초 계획. 올 시즌.";
  const std::string want = facts(recognizer(), text);
  CHECK(want == "2026. 3. 5.=2026-03-05 올=2026 올=2026 올=2026 올 3월 말=2026-03 올 상반기=2026-01/2026-06 올 초=2026 ");
  CHECK(facts(other, text) == want);
}
