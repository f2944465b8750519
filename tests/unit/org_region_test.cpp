// ORG names shared by bodies of several regions (财政部: the PRC Ministry of Finance, or
// Taiwan's): the optional `region` column, the lint rule that allows a shared name only
// across regions, and the recognizer's choice by the article's region
// (core::Document::region(): markers from lexicons/region/markers.tsv, else mostly
// Traditional text -> tw; with no region, the entry without one).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/document.h"
#include "lexicon/sources.h"
#include "org/lexicon.h"
#include "org/recognizer.h"
#include "text/fold.h"

using namespace hanfacts;

namespace {

constexpr std::string_view kHeader = "id\tname\tkind\tqid\tko\tzh_hans\tzh_hant\ten\tcontext\tregion\n";

// Two ministries named 财政部/財政部: one without a region, one in Taiwan.
const std::string kShared = std::string("# fixture\n") + std::string(kHeader) +
                            "fin-cn\tFinance CN\tgovernment\t\t\t财政部|中国财政部\t\t\t\t\n"
                            "fin-tw\tFinance TW\tgovernment\t\t\t\t財政部|台灣財政部\t\t\ttw\n";

std::vector<lexicon::Source> sources_with(const std::string& entities) {
  std::vector<lexicon::Source> out;
  for (const auto& s : lexicon::builtin_sources("org"))
    if (!org::is_entity_source(s.name)) out.push_back(s);  // suffixes, words
  out.push_back({"test/entities.tsv", entities});
  return out;
}

// Values of the ORG candidates found in `input`, in text order.
std::vector<std::string> values(const org::Recognizer& rec, std::string_view input) {
  static const core::RegionDetector kRegions = [] {
    auto made = core::RegionDetector::create(lexicon::builtin_sources("region"));
    REQUIRE_MESSAGE(made.ok(), made.status().to_string());
    return std::move(made).value();
  }();
  text::FoldedText folded(input);
  core::Document doc{folded, folded.text()};
  doc.regions = &kRegions;
  core::Candidates cands;
  rec.find(doc, cands);
  std::sort(cands.begin(), cands.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  std::vector<std::string> out;
  for (const auto& c : cands) out.push_back(c.value);
  return out;
}

// A recognizer over the built-in suffixes and words and these entities.
org::Recognizer recognizer_with(const std::string& entities) {
  auto made = org::Recognizer::create(sources_with(entities));
  REQUIRE_MESSAGE(made.ok(), made.status().to_string());
  return std::move(made).value();
}

const org::Recognizer& shared_fixture() {
  static const org::Recognizer kRec = recognizer_with(kShared);
  return kRec;
}

}  // namespace

TEST_CASE("org region: a Traditional article picks the Taiwanese entry, a Simplified one the default") {
  const auto& rec = shared_fixture();
  // No marker: the script decides.
  CHECK(values(rec, "財政部昨日公布最新統計，上月關稅收入較去年同期增加，主因進口貨物價值上揚。") ==
        std::vector<std::string>{"Finance TW"});
  CHECK(values(rec, "财政部今天发布数据，前十个月全国一般公共预算收入同比增长。") ==
        std::vector<std::string>{"Finance CN"});
  // A qualified name belongs to one entry whatever the region.
  CHECK(values(rec, "中国财政部与台灣財政部") == std::vector<std::string>{"Finance CN", "Finance TW"});
}

TEST_CASE("org region: an explicit marker wins over the script") {
  const auto& rec = shared_fixture();
  // Simplified text, but a Taiwanese marker as written in Taiwan.
  CHECK(values(rec, "财政部表示，上月税收为3000亿新台幣，创历史新高。") == std::vector<std::string>{"Finance TW"});
  // Traditional text with Hong Kong markers: region hk, which no entry has, so the default.
  CHECK(values(rec, "財政部表示，香港股市成交額達800億港元，港幣匯價持穩。") ==
        std::vector<std::string>{"Finance CN"});
  // Markers of both: the region with more occurrences.
  CHECK(values(rec, "財政部指出，台灣與香港的經貿往來密切，台灣出口以新台幣計價。") ==
        std::vector<std::string>{"Finance TW"});
}

TEST_CASE("org region: a name on one regional entry only matches everywhere") {
  const auto rec = recognizer_with(std::string("# fixture\n") + std::string(kHeader) +
                                   "fsc-tw\tFSC TW\tgovernment\t\t\t\t金管會\t\t\ttw\n");
  CHECK(values(rec, "金管会今天表示") == std::vector<std::string>{"FSC TW"});
}

TEST_CASE("org region: the built-in lexicon tells the two ministries of finance apart") {
  auto made = org::Recognizer::create(lexicon::builtin_sources("org"));
  REQUIRE_MESSAGE(made.ok(), made.status().to_string());
  const auto tw = values(made.value(), "財政部今天公布，上月出口金額達新台幣4000億元，經濟日報報導。");
  CHECK(std::find(tw.begin(), tw.end(), "Ministry of Finance (Taiwan)") != tw.end());
  CHECK(std::find(tw.begin(), tw.end(), "Economic Daily News") != tw.end());
  const auto cn = values(made.value(), "财政部今天公布，前三季度全国税收收入同比增长，经济日报报道。");
  CHECK(std::find(cn.begin(), cn.end(), "Ministry of Finance of the People's Republic of China") != cn.end());
  CHECK(std::find(cn.begin(), cn.end(), "Economic Daily") != cn.end());
}

TEST_CASE("org region: lint allows a shared name only across regions") {
  auto parse = [](const std::string& rows) {
    auto r = org::parse_entity_file({"test/entities.tsv", "# fixture\n" + std::string(kHeader) + rows});
    REQUIRE_MESSAGE(r.ok(), r.status().to_string());
    return r.value();
  };
  CHECK(org::shared_name_conflicts(parse(kShared.substr(kShared.find('\n', kShared.find("id\t")) + 1))).empty());
  // Same name, neither with a region.
  const auto none = org::shared_name_conflicts(parse("a\tA\tgovernment\t\t\t财政部\t\t\t\t\n"
                                                     "b\tB\tgovernment\t\t\t\t財政部\t\t\t\n"));
  REQUIRE(none.size() == 1);
  CHECK(none[0].find("also names 'a'") != std::string::npos);
  // Same name, same region.
  CHECK(org::shared_name_conflicts(parse("a\tA\tgovernment\t\t\t\t財政部\t\t\ttw\n"
                                         "b\tB\tgovernment\t\t\t\t財政部\t\t\ttw\n"))
            .size() == 1);
  // An unknown region is an error naming the column.
  auto bad = org::parse_entity_file({"test/entities.tsv", "# fixture\n" + std::string(kHeader) +
                                                              "a\tA\tgovernment\t\t\t财政部\t\t\t\ttaiwan\n"});
  REQUIRE(!bad.ok());
  CHECK(bad.status().to_string().find("column 'region': unknown value 'taiwan'") != std::string::npos);
  // Entity files without the column still parse (the column is optional).
  auto old = org::parse_entity_file(
      {"test/old.tsv", "# fixture\nid\tname\tkind\tqid\tko\tzh_hans\tzh_hant\ten\tcontext\na\tA\tgovernment\t\t\t财政部\t\t\t\n"});
  REQUIRE(old.ok());
  CHECK(old.value()[0].region.empty());
}

// The `local` column: names that count only in an article of the row's region (the bare
// names each region's government gives its own bodies).
namespace {

constexpr std::string_view kLocalHeader = "id\tname\tkind\tqid\tko\tzh_hans\tzh_hant\ten\tcontext\tregion\tlocal\n";

const org::Recognizer& local_fixture() {
  static const org::Recognizer kRec = recognizer_with(
      std::string("# fixture\n") + std::string(kLocalHeader) +
      // A local name alone on its row: nothing outside Macau.
      "tourism-mo\tTourism MO\tgovernment\t\t\t\t澳門旅遊局|旅遊局\t\t\tmo\t旅遊局\n"
      // A local name beside another region's plain one: the plain one elsewhere.
      "cb-cn\tCentral Bank CN\tgovernment\t\t\t中央银行\t\t\t\t\t\n"
      "cb-tw\tCentral Bank TW\tgovernment\t\t\t\t中央銀行\t\t\ttw\t中央銀行\n"
      // The same local name in two regions.
      "ma-hk\tMA HK\tgovernment\t\t\t\t金融管理局\t\t\thk\t金融管理局\n"
      "ma-mo\tMA MO\tgovernment\t\t\t\t金融管理局\t\t\tmo\t金融管理局\n");
  return kRec;
}

}  // namespace

TEST_CASE("org region: a local name counts only in its region's articles") {
  const auto& rec = local_fixture();
  // Macau news (its markers): the bureau, bare or qualified.
  CHECK(values(rec, "旅遊局昨日表示，澳門今年入境旅客按年增加，澳門元匯價持穩。") ==
        std::vector<std::string>{"Tourism MO"});
  // Mainland news: a city's own tourism bureau, no fact; the qualified name still counts.
  CHECK(values(rec, "市旅游局表示，今年国庆假期接待游客同比增长。").empty());
  CHECK(values(rec, "澳门旅游局表示，今年国庆假期接待游客同比增长。") == std::vector<std::string>{"Tourism MO"});
  // Korean text has no region: nothing.
  CHECK(values(rec, "旅遊局(관광청)은 밝혔다").empty());
}

TEST_CASE("org region: a local name gives way to another region's plain name elsewhere") {
  const auto& rec = local_fixture();
  CHECK(values(rec, "中央銀行今日宣布維持利率不變，新台幣匯價走升。") == std::vector<std::string>{"Central Bank TW"});
  CHECK(values(rec, "中央银行今天发布公告。") == std::vector<std::string>{"Central Bank CN"});
  CHECK(values(rec, "金融管理局表示，香港銀行體系穩健，港元匯價持穩。") == std::vector<std::string>{"MA HK"});
  CHECK(values(rec, "金融管理局表示，澳門銀行體系穩健，澳門元匯價持穩。") == std::vector<std::string>{"MA MO"});
  CHECK(values(rec, "金融管理局表示，台灣銀行體系穩健，新台幣匯價持穩。").empty());
}

TEST_CASE("org region: a local name must be the row's own, on a row with a region") {
  auto parse = [](const std::string& rows) {
    return org::parse_entity_file({"test/entities.tsv", "# fixture\n" + std::string(kLocalHeader) + rows});
  };
  const auto ok = parse("a\tA\tgovernment\t\t\t\t旅遊局|澳門旅遊局\t\t\tmo\t旅遊局\n");
  REQUIRE_MESSAGE(ok.ok(), ok.status().to_string());
  CHECK(ok.value()[0].names[0].local);
  CHECK(!ok.value()[0].names[1].local);
  const auto no_region = parse("a\tA\tgovernment\t\t\t\t旅遊局\t\t\t\t旅遊局\n");
  REQUIRE(!no_region.ok());
  CHECK(no_region.status().to_string().find("column 'local': a local name needs the row's region") != std::string::npos);
  const auto not_own = parse("a\tA\tgovernment\t\t\t\t澳門旅遊局\t\t\tmo\t旅遊局\n");
  REQUIRE(!not_own.ok());
  CHECK(not_own.status().to_string().find("column 'local': '旅遊局' is not one of this row's names") != std::string::npos);
}

TEST_CASE("org region: the built-in lexicon reads Hong Kong's and Macau's bare bureau names in their news only") {
  auto made = org::Recognizer::create(lexicon::builtin_sources("org"));
  REQUIRE_MESSAGE(made.ok(), made.status().to_string());
  CHECK(values(made.value(), "發展局表示，將於明年2月公布下一輪賣地安排，本港樓價回穩。") ==
        std::vector<std::string>{"Development Bureau (Hong Kong)"});
  CHECK(values(made.value(), "統計暨普查局資料顯示，澳門今年首十個月入境旅客增加。") ==
        std::vector<std::string>{"Statistics and Census Service (Macau)"});
  CHECK(values(made.value(), "区发展局表示，将加快推进项目建设。").empty());
}

// Whether a listed Chinese name reads as other words across its edges (jieba's
// dictionary) depends on the article's region for an entry of Taiwan, Hong Kong or Macau
// (經濟部將: the ministry, in Taiwanese news), and for no other: there the region, whose
// detection passes over the whole text, is not asked for.
TEST_CASE("org region: a name's edges ask for the article's region only for an entry outside the mainland") {
  const auto rec = recognizer_with(std::string("# fixture\n") + std::string(kHeader) +
                                   "econ-tw\tEconomy TW\tgovernment\t\t\t\t經濟部\t\t\ttw\n"
                                   "jd\tJD\tcompany\t\t\t京东\t\t\t\t\n"
                                   "hx-cn\tHX CN\tcompany\t\t\t华夏\t\t\t\tcn\n");
  static const core::RegionDetector kRegions = [] {
    auto made = core::RegionDetector::create(lexicon::builtin_sources("region"));
    REQUIRE_MESSAGE(made.ok(), made.status().to_string());
    return std::move(made).value();
  }();
  // The values found, and whether the article's region was detected.
  const auto find = [&](std::string_view input) {
    text::FoldedText folded(input);
    core::Document doc{folded, folded.text()};
    doc.regions = &kRegions;
    core::Candidates cands;
    rec.find(doc, cands);
    std::vector<std::string> out;
    for (const auto& c : cands) out.push_back(c.value);
    std::sort(out.begin(), out.end());
    return std::make_pair(out, doc.region_cache.has_value());
  };
  // Taiwan's ministry in Taiwanese news is read as the name.
  CHECK(find("經濟部將於明天公布出口統計，新台幣匯價走升。") == std::make_pair(std::vector<std::string>{"Economy TW"}, true));
  // The same characters in mainland news read as 经济|部将.
  CHECK(find("经济部将于明天公布出口统计，人民币汇率走升。") == std::make_pair(std::vector<std::string>{}, true));
  // A name without a region, or the mainland's, across whose edges words may be read:
  // the region is not detected.
  CHECK(find("京东方面表示，销量增长。").second == false);
  CHECK(find("京东方面表示，销量增长。") == find("京东方面表示，新台幣匯價走升。"));
  CHECK(find("华夏大地上，新台幣匯價走升。").second == false);
}
