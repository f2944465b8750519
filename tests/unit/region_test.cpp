// The article's region (src/core/region.h): marker words from lexicons/region/markers.tsv,
// else mostly Traditional script -> tw; detected once per document, on first use.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/region.h"
#include "lexicon/sources.h"
#include "text/fold.h"

using namespace hanfacts;
using core::Region;

namespace {

const core::RegionDetector& builtin_detector() {
  static const core::RegionDetector kDetector = [] {
    auto made = core::RegionDetector::create(lexicon::builtin_sources("region"));
    REQUIRE_MESSAGE(made.ok(), made.status().to_string());
    return std::move(made).value();
  }();
  return kDetector;
}

Region detect(std::string_view text) {
  const text::FoldedText folded(text);
  return builtin_detector().detect(folded);
}

}  // namespace

TEST_CASE("region: markers decide, the most frequent region wins") {
  CHECK(detect("新台幣1,426億元，台積電公布營收") == Region::kTw);
  CHECK(detect("騰訊控股在香港公布業績，市值達5萬億港元") == Region::kHk);
  // Two Hong Kong markers against one Taiwanese.
  CHECK(detect("台灣廠商赴香港上市，募資80億港元") == Region::kHk);
  // A tie goes to tw.
  CHECK(detect("台灣與香港") == Region::kTw);
  // Simplified 台湾 is no marker: mainland news writes it.
  CHECK(detect("台湾地区进出口数据公布，营收1000亿元") == Region::kNone);
  // Nor are 港元 and 香港 in Simplified text (same in both scripts): a mainland report on
  // an Hong Kong-listed company quotes its dividend in Hong Kong dollars.
  CHECK(detect("中国移动公布年度业绩，全年营业收入1.04万亿元，末期股息每股2.49港元，香港上市。") == Region::kNone);
  // A marker in Traditional characters counts in Simplified text.
  CHECK(detect("财政部表示，上月税收为3000亿新台幣。") == Region::kTw);
  // Hong Kong news that never names Hong Kong still names its bodies and its market.
  CHECK(detect("本港零售業總值按年上升，金管局表示，國慶假期訪港旅客增加。") == Region::kHk);
  CHECK(detect("恒指昨日收市升230點，特區政府公布最新數據。") == Region::kHk);
}

TEST_CASE("region: without markers, mostly Traditional script is Taiwanese") {
  CHECK(detect("財政部昨日公布最新統計，上月關稅收入較去年同期增加，主因進口貨物價值上揚。") == Region::kTw);
  CHECK(detect("财政部昨日公布最新统计，上月关税收入较去年同期增加。") == Region::kNone);
  CHECK(detect("삼성전자는 올해 반도체 투자를 늘린다.") == Region::kNone);
  CHECK(detect("") == Region::kNone);
  // A stray Traditional character in Simplified text is not enough (under a tenth of the Han).
  CHECK(detect("国家统计局发布数据显示，今年前十个月全国规模以上工业增加值同比增长，國") == Region::kNone);
}

TEST_CASE("region: only the head of a long document is read") {
  std::string text(text::FoldedText::kLangWindow, 'x');
  text += "新台幣100億元";
  CHECK(detect(text) == Region::kNone);
}

TEST_CASE("region: Document detects once, and not at all without a detector") {
  const std::string text = "新台幣100億元";
  const text::FoldedText folded(text);
  core::Document doc{folded, folded.text()};
  CHECK(doc.region() == Region::kNone);  // no detector
  core::Document with{folded, folded.text()};
  with.regions = &builtin_detector();
  CHECK(with.region() == Region::kTw);
  CHECK(with.region_cache.has_value());
}

TEST_CASE("region: codes and bad marker files") {
  for (Region r : {Region::kCn, Region::kTw, Region::kHk, Region::kMo}) CHECK(core::region_from_code(core::region_code(r)) == r);
  CHECK(core::region_from_code("sg") == Region::kNone);
  const std::string bad = "marker\tregion\n新加坡\tsg\n";
  auto made = core::RegionDetector::create(std::vector<lexicon::Source>{{"test/markers.tsv", bad}});
  REQUIRE_FALSE(made.ok());
  CHECK(made.status().to_string().find("test/markers.tsv:2") != std::string::npos);
}

// Markers are counted in one pass over the head (by their first code point), as a search
// from the end of each marker's last occurrence would count them.
TEST_CASE("region: marker occurrences, overlapping and in malformed text") {
  // A marker inside another counts for both; one marker's occurrences do not overlap.
  const std::string markers =
      "marker\tregion\n澳門|澳門元\tmo\n臺灣|灣灣灣\ttw\nabc\thk\n";
  auto made = core::RegionDetector::create(std::vector<lexicon::Source>{{"test/markers.tsv", markers}});
  REQUIRE(made.ok());
  const core::RegionDetector& d = made.value();
  auto detect_with = [&](std::string_view text) {
    const text::FoldedText folded(text);
    return d.detect(folded);
  };
  // mo: 澳門 twice, 澳門元 once (3); tw: 臺灣 twice (2).
  CHECK(detect_with("臺灣澳門元，臺灣澳門") == Region::kMo);
  // tw: 灣灣灣 once in 灣灣灣灣灣 (a second would overlap the first), 臺灣 once (2);
  // mo: 澳門 twice (2): the tie goes to tw. Six 灣 hold 灣灣灣 twice (3 against 3: tw),
  // and four 澳門 beat them.
  CHECK(detect_with("臺灣灣灣灣灣澳門澳門") == Region::kTw);
  CHECK(detect_with("臺灣灣灣灣灣灣澳門澳門澳門") == Region::kTw);
  CHECK(detect_with("臺灣灣灣灣灣灣澳門澳門澳門澳門") == Region::kMo);
  // A marker that does not open with a three-byte sequence (ASCII here) is searched
  // for apart: hk 3 against tw 1.
  CHECK(detect_with("臺灣 abc abcabc") == Region::kHk);
  // Malformed text: a stray lead byte right before a marker does not hide it (the
  // marker's own lead byte is tried too), nor do continuation bytes around it.
  CHECK(detect_with("\xE5臺灣\x80澳門") == Region::kTw);
  CHECK(detect_with("\xE6\xBE澳門\xE6臺灣澳門") == Region::kMo);
}

// The head is scanned 32 bytes at a time where the CPU can (a byte filter on the markers'
// first code points, eight buckets shared by eleven of them here), then byte by byte:
// on random text around the block edges, valid and malformed, each marker's count is
// the count of a search from the end of its last occurrence. The count is read from
// the winner against k occurrences of an ASCII marker of another region (searched for
// apart): the first region wins at k = count (a tie) and loses at k = count + 1.
TEST_CASE("region: the block scan counts as a search does") {
  const char* tw_markers[] = {"臺灣", "灣灣灣", "台灣", "新臺幣", "中華民國", "澳門", "港幣", "葡幣", "恆指", "立法會", "特區"};
  std::string file = "marker\tregion\nzq\thk\n";
  for (const char* m : tw_markers) file += std::string(m) + "\ttw\n";
  auto made = core::RegionDetector::create(std::vector<lexicon::Source>{{"test/markers.tsv", file}});
  REQUIRE(made.ok());
  const core::RegionDetector& d = made.value();
  const auto detect_with = [&](const std::string& text) {
    const text::FoldedText folded(text);
    return d.detect(folded);
  };
  // The markers' characters, whole markers, characters next to a start's bytes (丮 and
  // 中, 灣 and 灢 share their first two bytes), other scripts, and broken sequences.
  const char* pieces[] = {"臺灣", "灣灣灣", "中華民國", "澳門", "港幣", "恆指", "特區", "臺", "灣", "中", "華", "門",
                          "港", "立法", "新臺", "丮", "灢", "國", "的", "가", "a", " ", "\xC3\xA9", "\xF0\xA0\x80\x80",
                          "\xE6", "\x80", "\xE6\xBE", "\xE7\x81"};
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text = "國";  // a Traditional character: markers are counted at all
    const int n = static_cast<int>(rng() % (round < 2000 ? 40 : 200));
    for (int i = 0; i < n; ++i) text += pieces[rng() % std::size(pieces)];
    size_t count = 0;
    for (std::string_view m : tw_markers)
      for (size_t at = text.find(m); at != std::string::npos; at = text.find(m, at + m.size())) ++count;
    std::string rivals;
    for (size_t k = 0; k < count; ++k) rivals += "zq";
    if (count > 0) REQUIRE_MESSAGE(detect_with(text + rivals) == Region::kTw, text);
    REQUIRE_MESSAGE(detect_with(text + rivals + "zq") == Region::kHk, text);
  }
}
