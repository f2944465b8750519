// MONEY recognizer through the engine (money only): spans, values, flags, equivalents.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "hanfacts/extractor.h"
#include "lexicon/sources.h"
#include "money/recognizer.h"
#include "text/fold.h"

using namespace hanfacts;

namespace {

const Extractor& money_only() {
  static const Extractor ex = [] {
    Options o;
    o.find_orgs = false;
    o.find_dates = false;
    return Extractor::Create(o).value();
  }();
  return ex;
}

std::string facts(const char* text) {
  std::string out;
  for (const Fact& f : money_only().Extract(text, DocContext{}).facts) {
    if (f.type != FactType::kMoney) continue;
    if (!out.empty()) out += " | ";
    out += f.text + "=" + f.value + " " + f.unit + (f.flags.empty() ? "" : " [" + f.flags + "]");
  }
  return out;
}

}  // namespace

TEST_CASE("money facts") {
  struct Row {
    const char* text;
    const char* want;
  } rows[] = {
      {"600억 위안(元·12조600억 원)", "600억 위안=60000000000 CNY | 12조600억 원=12060000000000 KRW [equiv=1]"},
      // A word before the amount is read whole: 附近 hides the 近 (approx) it ends with,
      // but 䙄 (E4 99 84), which shares 附's (E9 99 84) last two bytes, is no part of one.
      {"附近2万元", "2万元=20000 CNY"},
      {"\xE4\x99\x84近2万元", "2万元=20000 CNY [approx]"},
      {"557만6000달러(약 78억8000만원)", "557만6000달러=5576000 USD | 78억8000만원=7880000000 KRW [approx;equiv=1]"},
      // The first amount's own qualifier may stand before the parenthesis.
      {"70억 달러 안팎(약 10조2,000억 원)", "70억 달러=7000000000 USD [approx] | 10조2,000억 원=10200000000000 KRW [approx;equiv=1]"},
      {"12亿美元左右（约85亿元人民币）", "12亿美元=1200000000 USD [approx] | 85亿元人民币=8500000000 CNY [approx;equiv=1]"},
      // So may the word closing a range (close in qualifiers.tsv).
      {"在6亿至8亿美元之间（约合人民币43亿至57亿元）", "6亿至8亿美元=600000000..800000000 USD | 人民币43亿至57亿元=4300000000..5700000000 CNY [approx;equiv=1]"},
      // A Korean name of the second amount's currency may open the parenthesis (position
      // bracket), and a conversion word may restate the first amount without one.
      {"5억 달러(한화 약 6,900억 원)", "5억 달러=500000000 USD | 6,900억 원=690000000000 KRW [approx;equiv=1]"},
      {"6,900억 원(미화 5억 달러)", "6,900억 원=690000000000 KRW | 5억 달러=500000000 USD [equiv=1]"},
      {"20억 달러, 한화로 환산하면 약 2조7천억 원", "20억 달러=2000000000 USD | 2조7천억 원=2700000000000 KRW [approx;equiv=1]"},
      {"20억 달러, 우리 돈 2조7천억 원", "20억 달러=2000000000 USD | 2조7천억 원=2700000000000 KRW [equiv=1]"},
      {"20억 달러, 한화 2조7천억 원", "20억 달러=2000000000 USD | 2조7천억 원=2700000000000 KRW"},
      {"10억~20억 원 사이(약 100만~200만 달러)", "10억~20억 원=1000000000..2000000000 KRW | 100만~200만 달러=1000000..2000000 USD [approx;equiv=1]"},
      // A list in the parenthesis: each amount restates the first, the 约 read for all.
      {"3억7500만 리얄(약 1억 달러·1350억 원)", "3억7500만 리얄=375000000 SAR | 1억 달러=100000000 USD [approx;equiv=1] | 1350억 원=135000000000 KRW [approx;equiv=1]"},
      {"3亿美元（约合21.5亿元人民币、2.8亿欧元）", "3亿美元=300000000 USD | 21.5亿元人民币=2150000000 CNY [approx;equiv=1] | 2.8亿欧元=280000000 EUR [approx;equiv=1]"},
      {"3亿美元（21.5亿元人民币），另有2.8亿欧元", "3亿美元=300000000 USD | 21.5亿元人民币=2150000000 CNY [equiv=1] | 2.8亿欧元=280000000 EUR"},
      // "From A, becoming B" is a change, two amounts.
      {"미디엄은 1,557만 원에서 1,650만 원이 돼", "1,557만 원=15570000 KRW | 1,650만 원=16500000 KRW"},
      // A clause before the amount in the parenthesis gives another figure, no equivalent.
      {"每百万tokens 1元（缓存命中时为0.1元）", "1元=1 CNY | 0.1元=0.1 CNY"},
      {"3亿美元（约合人民币21.5亿元）", "3亿美元=300000000 USD | 人民币21.5亿元=2150000000 CNY [approx;equiv=1]"},
      {"약 600억 위안 이상", "600억 위안=60000000000 CNY [approx;min]"},
      {"十几亿元", "十几亿元=1100000000..1900000000 CNY [approx]"},
      {"3~5万元", "3~5万元=30000..50000 CNY"},
      {"新台幣100億元", "新台幣100億元=10000000000 TWD"},
      // A conversion after two joined amounts restates their sum, which is neither.
      {"合计发行20亿美元和10亿欧元，折合约220亿元人民币",
       "20亿美元=2000000000 USD | 10亿欧元=1000000000 EUR | 220亿元人民币=22000000000 CNY [approx]"},
      // Macau news names its currency once and then writes bare 元: patacas.
      {"澳門博彩收入228.6億澳門元，上月為181.5億元", "228.6億澳門元=22860000000 MOP | 181.5億元=18150000000 MOP"},
      {"$20，300美圆", "$20=20 USD | 300美圆=300 USD"},
      // From one amount to another is a change, two facts; 에서 without 으로 is a range.
      {"목표주가를 6만5000원에서 7만2000원으로 올렸다", "6만5000원=65000 KRW | 7만2000원=72000 KRW"},
      {"1조 원에서 2조 원 사이", "1조 원에서 2조 원=1000000000000..2000000000000 KRW"},
      // A qualifier may stand between the second amount and its to-word.
      {"등록금은 720만 원에서 750만 원 안팎으로 오른다", "720만 원=7200000 KRW | 750만 원=7500000 KRW [approx]"},
      // A restatement in parentheses may stand between the second amount and its 로.
      {"한도를 650억 달러에서 800억 달러(약 118조 원)로 늘렸다",
       "650억 달러=65000000000 USD | 800억 달러=80000000000 USD | 118조 원=118000000000000 KRW [approx;equiv=2]"},
      // A verb of adjustment before the first amount makes it the change ("cut by 20,000
      // to 159,800") when the second is a level (four times the first or more); closer
      // ends are a range of changes. A verb of results keeps the range an earnings
      // preview gives.
      {"起售价下调2万元至15.98万元", "2万元=20000 CNY | 15.98万元=159800 CNY"},
      {"上调人民币2万至15万元", "人民币2万=20000 CNY | 15万元=150000 CNY"},
      {"较上一代上调200元至300元", "200元至300元=200..300 CNY"},
      {"净利润同比增加1.5亿元至2亿元", "1.5亿元至2亿元=150000000..200000000 CNY"},
      // A bare numeral after 元 is the next unit down only when it ends the amount.
      {"起售价4499元 三季度出货", "4499元=4499 CNY"},
      {"五块六到五块七毛八", "五块六到五块七毛八=5.6..5.78 CNY"},
      {"3만8210건, 5000여 개, 42배, 1∼6위", ""},
      {"원래 지원 병원 위원회 조직 사원", ""},
      {"一块蛋糕", ""},
      // Qualifier words: the longest word before the amount wins (签约 is a contract).
      {"签约 10亿元", "10亿元=1000000000 CNY"},
      {"最近10亿元", "10亿元=1000000000 CNY"},
      {"约为1500亿元", "1500亿元=150000000000 CNY [approx]"},
      {"首次突破1.1万亿元", "1.1万亿元=1100000000000 CNY [min]"},
      {"不少於800億港元", "800億港元=80000000000 HKD [min]"},
      {"估值低于10亿美元", "10亿美元=1000000000 USD [max]"},
      {"不足10亿元", "10亿元=1000000000 CNY [max]"},
      // Korean verb stems after a particle; without one the amount is a margin.
      {"투자가 1조 위안을 넘어설 것", "1조 위안=1000000000000 CNY [min]"},
      {"1000억 원이 넘는 투자", "1000억 원=100000000000 KRW [min]"},
      {"전망치를 약 600억 원 웃돌았다", "600억 원=60000000000 KRW [approx]"},
      {"1670억 위안 안팎일 것", "1670억 위안=167000000000 CNY [approx]"},
      {"3조 원을 받았다", "3조 원=3000000000000 KRW"},
      // An approximation across a per-unit phrase; a bound is not carried across.
      {"报价约每公斤3.5欧元", "3.5欧元=3.5 EUR [approx]"},
      {"中标价跌破每瓦0.7元", "0.7元=0.7 CNY"},
      // A conversion word after a comma restates the amount before it.
      {"约5306亿台币，折合约165亿美元", "5306亿台币=530600000000 TWD [approx] | 165亿美元=16500000000 USD [approx;equiv=1]"},
      {"近2万亿韩元，折合人民币100亿元上下", "2万亿韩元=2000000000000 KRW [approx] | 人民币100亿元=10000000000 CNY [approx;equiv=1]"},
      {"2万亿韩元，其中折合100亿元", "2万亿韩元=2000000000000 KRW | 100亿元=10000000000 CNY"},
      // After the first amount's qualifier or the word closing its range too.
      {"10亿元左右，折合约1.4亿美元", "10亿元=1000000000 CNY [approx] | 1.4亿美元=140000000 USD [approx;equiv=1]"},
      {"在10亿元至20亿元之间，折合约1.4亿至2.8亿美元", "10亿元至20亿元=1000000000..2000000000 CNY | 1.4亿至2.8亿美元=140000000..280000000 USD [approx;equiv=1]"},
      // So after the noun the amount measures: 的 + a few characters + a comma.
      {"350亿福林的现金补贴，约合8900万欧元", "350亿福林=35000000000 HUF | 8900万欧元=89000000 EUR [approx;equiv=1]"},
      {"50亿元的新项目，预计带来20亿元", "50亿元=5000000000 CNY | 20亿元=2000000000 CNY"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(facts(r.text) == r.want, r.text);
}

// A prefix currency before a range's first end holds for the range only when the second
// end names the same currency or the generic 元 (or none); a suffix currency does not
// carry over a generic 元.
TEST_CASE("money facts: ranges with a prefix currency") {
  struct Row {
    const char* text;
    const char* want;
  } rows[] = {
      {"新台幣1,426億元至1,529億元", "新台幣1,426億元至1,529億元=142600000000..152900000000 TWD"},
      {"新台幣100億元至200億韓元", "新台幣100億元=10000000000 TWD | 200億韓元=20000000000 KRW"},
      {"人民币5亿元至20亿美元", "人民币5亿元=500000000 CNY | 20亿美元=2000000000 USD"},
      {"5港元至6元", "5港元=5 HKD | 6元=6 CNY"},
      {"US$3 - 5", "US$3 - 5=3..5 USD"},
      {"US$5 - 3", "US$5=5 USD"},
      {"最高约US$3~5 billion", "US$3~5 billion=3000000000..5000000000 USD [approx;max]"},
  };
  for (const Row& r : rows) CHECK_MESSAGE(facts(r.text) == r.want, r.text);
}

// lexicons/money/particles.tsv: what may follow a word_end currency word (라리, 엔) or an
// after-qualifier (이상) inside the same word; the first syllable decides.
TEST_CASE("money facts: particles and amount endings after currency words and qualifiers") {
  struct Row {
    const char* text;
    const char* want;
  } rows[] = {
      {"5라리씩 받았다", "5라리=5 GEL"},                 // 씩: an amount ending
      {"5라리다", "5라리=5 GEL"},                        // 다: the copula ("it is 5 lari")
      {"5라리카", ""},                                    // 카 is not listed: 라리카 is no currency word
      {"10엔짜리 동전", "10엔=10 JPY"},                   // 짜리 (by its first syllable 짜)
      {"100억 원 이상의 투자", "100억 원=10000000000 KRW [min]"},  // 의 after 이상
      {"100억 원 이상하다", "100억 원=10000000000 KRW"},  // 이상하다 ("strange"): no flag
      {"10억 원 이상으로", "10억 원=1000000000 KRW [min]"},      // 으로 (by 으)
  };
  for (const Row& r : rows) CHECK_MESSAGE(facts(r.text) == r.want, r.text);
}

// particles.tsv's stem column is checked when loaded.
TEST_CASE("money lexicon: a particle's stem column must be empty, any or approx") {
  std::vector<lexicon::Source> src = lexicon::builtin_sources("money");
  for (auto& s : src)
    if (s.name.ends_with("particles.tsv")) s.content = "lang\tsurface\tstem\nko\t에\tsometimes\n";
  auto made = money::Recognizer::create(src);
  REQUIRE_FALSE(made.ok());
  const std::string msg = made.status().to_string();
  CHECK_MESSAGE(msg.find("particles.tsv:2") != std::string::npos, msg);
  CHECK_MESSAGE(msg.find("column 'stem'") != std::string::npos, msg);
}

// lexicons/money/scale_words.tsv rows are checked when loaded.
TEST_CASE("money lexicon: malformed scale word rows name file, line and column") {
  struct Row {
    const char* content;
    const char* column;
  } rows[] = {
      {"lang\tsurface\texponent\n*\tbillion\tnine\n", "exponent"},
      {"lang\tsurface\texponent\n*\tbillion\t0\n", "exponent"},
      {"lang\tsurface\texponent\nko\tbillion\t9\n", "lang"},
      {"lang\tsurface\texponent\n*\t억\t8\n", "surface"},
  };
  for (const Row& r : rows) {
    std::vector<lexicon::Source> src = lexicon::builtin_sources("money");
    for (auto& s : src)
      if (s.name.ends_with("scale_words.tsv")) s.content = r.content;
    auto made = money::Recognizer::create(src);
    REQUIRE_FALSE(made.ok());
    const std::string msg = made.status().to_string();
    CHECK_MESSAGE(msg.find("scale_words.tsv:2") != std::string::npos, msg);
    CHECK_MESSAGE(msg.find(std::string("column '") + r.column + "'") != std::string::npos, msg);
  }
}

// lexicons/money/qualifiers.tsv: each position takes the roles its row in kQualifierPositions names.
TEST_CASE("money lexicon: qualifiers.tsv's roles and positions are checked row by row") {
  struct Row {
    const char* line;
    const char* column;
    const char* says;
  } rows[] = {
      {"*\t约\tabout\tbefore\n", "role", "must be approx, min, max, range, none or equiv"},
      {"*\t约\tapprox\tafterwards\n", "position", "close or bracket"},
      {"ko\t한화\tapprox\tbracket\n", "role", "position bracket takes role equiv"},
      {"*\t以上\tnone\tafter\n", "role", "position after takes role approx, min, max"},
      {"*\t至\tapprox\tbetween\n", "role", "position between takes role range"},
      {"*\t~\trange\tbefore\n", "role", "position before takes role approx, min, max, none, equiv"},
      {"*\t折合\tequiv\tper\n", "role", "position per takes role none"},
  };
  for (const Row& r : rows) {
    const std::string content = std::string("lang\tsurface\trole\tposition\n") + r.line;
    std::vector<lexicon::Source> src = lexicon::builtin_sources("money");
    for (auto& s : src)
      if (s.name.ends_with("qualifiers.tsv")) s.content = content;
    auto made = money::Recognizer::create(src);
    REQUIRE_FALSE(made.ok());
    const std::string msg = made.status().to_string();
    CHECK_MESSAGE(msg.find("qualifiers.tsv:2") != std::string::npos, msg);
    CHECK_MESSAGE(msg.find(std::string("column '") + r.column + "'") != std::string::npos, msg);
    CHECK_MESSAGE(msg.find(r.says) != std::string::npos, msg);
  }
}

// The scanner find() runs takes the text 32 bytes at a time where the CPU has AVX2 (a
// byte filter per block, whose second and third bytes, and the syllable before a Hangul
// lead, are looked at only when the block holds a lead of their kind); the filter and
// the exact tests after it start where the byte-by-byte loop does, on random text of numerals, the words around amounts,
// other Han and Hangul, Latin, four-byte and broken sequences, across block and window
// edges, in blocks of Chinese only, of Korean only and mixed.
TEST_CASE("money scanner: the vector scan starts where the byte loop does") {
  auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
  REQUIRE(made.ok());
  const money::Recognizer& r = made.value();
  const char* han[] = {"一", "二", "三", "十", "百", "千", "万", "亿", "两", "零", "〇", "壹", "几", "元", "美元", "人民币",
                       "约", "至", "的", "年", "日", "中", "国", "丁", "亻", "陆", "参"};
  const char* hangul[] = {"일", "이", "삼", "사", "십", "백", "천", "만", "억", "조", "원", "달러", "약", "가", "는",
                          "있", "인", "힣", "각", "뷁", "ힰ", "이상"};
  const char* other[] = {"0", "1", "5", "9", "2025", "3.5", ",", ".", " ", "  ", "$", "US$", "￥", "%", "a", "B", "(",
                         "·", "\xC3\xA9", "\xF0\xA0\x80\x80", "\xEA\x80\x80", "\xED\x9E\xA3", "\xEA", "\xEB",
                         "\xED", "\x80", "\xEA\xC0\x80", "\xEB\x41", "\xE4\xB8"};
  std::mt19937 rng(11);
  for (int round = 0; round < 4000; ++round) {
    // A mix: Chinese only, Korean only, or everything.
    const int mix = round % 3;
    const int n = static_cast<int>(rng() % (round % 50 == 0 ? 3000 : 120));
    std::string text;
    for (int i = 0; i < n; ++i) {
      const unsigned kind = rng() % 4;
      if (kind == 3 || (mix == 0 && kind == 1) || (mix == 1 && kind == 0)) text += other[rng() % std::size(other)];
      else if (kind == 0 || (mix == 0 && kind == 2)) text += han[rng() % std::size(han)];
      else text += hangul[rng() % std::size(hangul)];
    }
    // As find() reads it: folded, so broken sequences are U+FFFD.
    const std::string folded = text::fold(text);
    const std::vector<size_t> want = r.scan_starts(folded, money::Recognizer::ScanLevel::kScalar);
    REQUIRE_MESSAGE(r.scan_starts(folded, money::Recognizer::ScanLevel::kAvx2) == want, folded);
    REQUIRE_MESSAGE(r.scan_starts(folded, money::Recognizer::ScanLevel::kAvx512) == want, folded);
  }
}

TEST_CASE("a Chinese amount inside an ordinary word is none, past the inline test of its first code point") {
  // Reader::single() asks Tables::may_be_in_non_numeral_word() (the words' code points,
  // numeral::non_numeral_word_chars) before numeral::inside_non_numeral_word(): amounts
  // that open with a digit or another character of no listed word skip the call.
  CHECK(facts("三元锂电池的成本").empty());
  CHECK(facts("推进一元化管理").empty());
  CHECK(facts("二元期权交易").empty());
  CHECK(facts("售价三元。") == "三元=3 CNY");
  CHECK(facts("共600亿元。") == "600亿元=60000000000 CNY");
  CHECK(facts("共3元锂电池") == "3元=3 CNY");
  CHECK(facts("约五亿元") == "五亿元=500000000 CNY [approx]");
}

TEST_CASE("a minor tail is read only where one may start: a digit or a numeral character after 又, 零 and a space") {
  // Reader::may_have_tail() asks before minor_tail() is called: a tail after 又, after 零
  // (numerals.tsv's Chinese joiner and zeros), after one space, glued; and amounts with
  // none, at the text's end or before a word.
  CHECK(facts("价格为五元三毛。") == "五元三毛=5.3 CNY");
  CHECK(facts("售价三块零四。") == "三块零四=3.04 CNY");
  CHECK(facts("售价三块〇四。") == "三块〇四=3.04 CNY");  // numerals.tsv's other zero
  CHECK(facts("共五元零三分。") == "五元零三分=5.03 CNY");
  CHECK(facts("只要五块七毛八。") == "五块七毛八=5.78 CNY");
  CHECK(facts("他付了1달러 20센트를 냈다.") == "1달러 20센트=1.2 USD");
  CHECK(facts("共5元又3角。") == "5元又3角=5.3 CNY");
  CHECK(facts("共五元又三角。") == "五元又三角=5.3 CNY");
  CHECK(facts("共5元 3角。") == "5元 3角=5.3 CNY");
  CHECK(facts("共五块六。") == "五块六=5.6 CNY");
  CHECK(facts("五块六到五块七毛八。") == "五块六到五块七毛八=5.6..5.78 CNY");
  CHECK(facts("售价4499元 三季度") == "4499元=4499 CNY");
  CHECK(facts("合计3元2") == "3元=3 CNY");
  CHECK(facts("价格5元") == "5元=5 CNY");
  CHECK(facts("价格5元又") == "5元=5 CNY");
}

TEST_CASE("a prefix currency is looked up only where the scanner's test lets one end before the amount") {
  // Reader::prefix_before() asks Tables::prefix_may_end_before() inline before the word
  // lookup: symbols glued, words after one or two spaces, prefixes over ranges, a
  // prefix giving a generic 元 its currency; and none before a bare amount.
  CHECK(facts("价格为US$5。") == "US$5=5 USD");
  CHECK(facts("₩5000") == "₩5000=5000 KRW");
  CHECK(facts("人民币 50元") == "人民币 50元=50 CNY");
  CHECK(facts("人民币  50元") == "人民币  50元=50 CNY");
  CHECK(facts("EUR 20 fee") == "EUR 20=20 EUR");
  CHECK(facts("港元5億至6億元") == "港元5億至6億元=500000000..600000000 HKD");
  CHECK(facts("$3-5 billion") == "$3-5 billion=3000000000..5000000000 USD");
  CHECK(facts("新台幣100億元") == "新台幣100億元=10000000000 TWD");
  CHECK(facts("约合人民币3亿元") == "人民币3亿元=300000000 CNY [approx]");
  // Prefixes that do not hold: another currency word after the amount, a rate's
  // currency, a unit after 每, a spelled digit glued to a word.
  CHECK(facts("人民币5美元") == "5美元=5 USD");
  CHECK(facts("美元 50美元") == "50美元=50 USD");
  CHECK(facts("兑美元7.1").empty());
  CHECK(facts("按每美元0.01元") == "0.01元=0.01 CNY");
  CHECK(facts("人民币三部分").empty());
  CHECK(facts("50元") == "50元=50 CNY");
}

TEST_CASE("the word indexes answer at the keys' test inline, and past it by the lookup") {
  // WordIndex::match_at() tests a three-byte character's bits in the keys inline and
  // calls the lookup only past them: currency words, qualifiers after and before, range
  // connectors and closing words, infixes, English scale words and the to-words, at the
  // text's end and before more text.
  CHECK(facts("5억 원") == "5억 원=500000000 KRW");
  CHECK(facts("5억 원 이상") == "5억 원=500000000 KRW [min]");
  CHECK(facts("10억~20억 원") == "10억~20억 원=1000000000..2000000000 KRW");
  CHECK(facts("3~5万元") == "3~5万元=30000..50000 CNY");
  CHECK(facts("10亿元至20亿元之间") == "10亿元至20亿元=1000000000..2000000000 CNY");
  CHECK(facts("$3.5 billion") == "$3.5 billion=3500000000 USD");
  CHECK(facts("5万多元") == "5万多元=50000 CNY [approx]");
  CHECK(facts("约5亿美元左右") == "5亿美元=500000000 USD [approx]");
  CHECK(facts("最高约120亿美元") == "120亿美元=12000000000 USD [approx;max]");
  CHECK(facts("1조 위안을 넘어설") == "1조 위안=1000000000000 CNY [min]");
  CHECK(facts("7万元/吨左右") == "7万元=70000 CNY [approx]");
  CHECK(facts("600억 위안(약 12조 원)") == "600억 위안=60000000000 CNY | 12조 원=12000000000000 KRW [approx;equiv=1]");
  CHECK(facts("20亿美元和10亿欧元，折合约220亿元人民币") ==
        "20亿美元=2000000000 USD | 10亿欧元=1000000000 EUR | 220亿元人民币=22000000000 CNY [approx]");
  CHECK(facts("일본 엔 5000엔") == "5000엔=5000 JPY");
}

TEST_CASE("the scanner's prefix test: spaces first, then the byte before, for prefix words beyond the BMP too") {
  // Tables::prefix_may_end_before() steps over one or two spaces and tests the byte
  // before them in prefix_end_bytes (a bool per byte), which holds the last bytes of
  // every prefix word's last character, four-byte ones too: a start whose digits end at
  // once (5%) is kept only where a prefix may end before it.
  const auto starts = [](const money::Recognizer& r, std::string_view text) {
    const std::vector<size_t> want = r.scan_starts(text, money::Recognizer::ScanLevel::kScalar);
    CHECK(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx2) == want);
    return want;
  };
  auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
  REQUIRE(made.ok());
  const money::Recognizer& r = made.value();
  CHECK(starts(r, "us$5%") == std::vector<size_t>{3});
  CHECK(starts(r, "us$ 5%") == std::vector<size_t>{4});
  CHECK(starts(r, "us$  5%") == std::vector<size_t>{5});
  CHECK(starts(r, "us$   5%").empty());
  CHECK(starts(r, "中 5%").empty());
  CHECK(starts(r, "中5%").empty());
  CHECK(starts(r, "5%").empty());
  CHECK(starts(r, " 5%").empty());
  CHECK(starts(r, "人民币5%") == std::vector<size_t>{9});
  // The byte table by whole bytes: ASCII and the last bytes of three-byte symbols.
  CHECK(starts(r, "$5%") == std::vector<size_t>{1});
  CHECK(starts(r, "\xE2\x82\xA9" "5%") == std::vector<size_t>{3});  // ₩
  CHECK(starts(r, "的5%").empty());
  // Prefix words of one four-byte character each, U+20000..U+2003F: every last byte
  // 80..BF.
  std::string words, text;
  std::vector<size_t> want;
  for (unsigned x = 0; x < 64; ++x) {
    const std::string c = {'\xF0', '\xA0', '\x80', static_cast<char>(0x80 | x)};
    words += (x ? "|" : "") + c;
    text += c + "5% ";
    want.push_back(text.size() - 3);
  }
  std::vector<lexicon::Source> src = lexicon::builtin_sources("money");
  std::string content;  // outlives src, which views it
  for (auto& s : src)
    if (s.name.ends_with("currencies.tsv") && !s.name.ends_with("_currencies.tsv"))
      content = std::string(s.content) + "XAU\t*\t\t" + words + "\t\t\t\n", s.content = content;
  auto astral = money::Recognizer::create(src);
  REQUIRE_MESSAGE(astral.ok(), astral.status().to_string());
  CHECK(starts(astral.value(), text) == want);
}

TEST_CASE("the vector scanner reads a text's last bytes from one more block in the same call") {
  // fill_last_blocks(): the blocks past the last whole one come from the block of the
  // text's last 34 bytes, shifted, and the last two bytes can only be digits. Every
  // length from 30 to 110 bytes (one or two such blocks, or the copy of fill_tail below
  // 37), each ending in digits, a numeral character or an amount.
  auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
  REQUIRE(made.ok());
  const money::Recognizer& r = made.value();
  const std::string endings[] = {"$5",
                                 "$12",
                                 "US$ 7",
                                 "\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB8\x81" "42",  // 人民币42
                                 "3\xEC\x9B\x90",                                   // 3원
                                 "\xE4\xB8\x89\xE5\x85\x83",                     // 三元
                                 "\xEC\x82\xBC\xEB\xB0\xB1 \xEC\x9B\x90",     // 삼백 원
                                 "8 \xE4\xBA\xBF\xE5\x85\x83"};                  // 8 亿元
  for (const std::string& ending : endings)
    for (size_t n = 30; n <= 110; ++n) {
      if (n < ending.size() + 1) continue;
      const std::string text = std::string(n - ending.size() - 1, 'a') + " " + ending;
      std::vector<size_t> runs, runs2, runs512;
      const std::vector<size_t> want = r.scan_starts(text, money::Recognizer::ScanLevel::kScalar, &runs);
      CHECK_MESSAGE(!want.empty(), text);
      CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx2, &runs2) == want, text);
      CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx512, &runs512) == want, text);
      CHECK_MESSAGE(runs2 == runs, text);
      CHECK_MESSAGE(runs512 == runs, text);
    }
}

TEST_CASE("the vector scanner drops a Hangul numeral right after a syllable, and only there") {
  // fill_masks_body: a Hangul lead right after a Hangul syllable is inside a word, told
  // by the lead three bytes before and the second byte (kSyllableSecondShift). The
  // characters at the edges of each lead's syllable range stand before 삼백억 원 (a start
  // unless a syllable precedes it), at every offset in a block.
  auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
  REQUIRE(made.ok());
  const money::Recognizer& r = made.value();
  struct Before {
    const char* utf8;
    bool syllable;
  };
  static const Before kBefore[] = {
      {"\xEA\xAF\xBF", false},  // U+ABFF
      {"\xEA\xB0\x80", true},   // U+AC00 가
      {"\xEA\xBF\xBF", true},   // U+AFFF
      {"\xEB\x80\x80", true},   // U+B000
      {"\xEC\xBF\xBF", true},   // U+CFFF
      {"\xED\x80\x80", true},   // U+D000
      {"\xED\x9D\xBF", true},   // U+D77F
      {"\xED\x9E\xA3", true},   // U+D7A3 (left to the scalar test)
      {"\xED\x9E\xB0", false},  // U+D7B0
      {"\xED\x9F\xBF", false},  // U+D7FF
      {"\xE9\xBF\xBF", false},  // U+9FFF
      {"\xEE\x80\x80", false},  // U+E000
      {"\xE3\x80\x81", false},  // U+3001 、
  };
  const std::string amount = "\xEC\x82\xBC\xEB\xB0\xB1\xEC\x96\xB5 \xEC\x9B\x90";  // 삼백억 원
  for (const Before& before : kBefore)
    for (size_t lead = 0; lead < 34; ++lead) {
      const std::string text = std::string(lead, 'a') + " " + before.utf8 + amount + std::string(40, 'z');
      const size_t at = lead + 1 + 3;
      const std::vector<size_t> want = r.scan_starts(text, money::Recognizer::ScanLevel::kScalar);
      CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx2) == want, text);
      CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx512) == want, text);
      const bool start = std::find(want.begin(), want.end(), at) != want.end();
      CHECK_MESSAGE(start == !before.syllable, text);
    }
}

TEST_CASE("the vector scanner reads a digit run's end from its blocks' digit masks") {
  // digit_run_end_in(): the end of the first digits, where find() reads on, comes from the
  // digit mask of the start's 32-byte block; a run that fills the block to its end is
  // read on past it (into the next block, a window's end or the text's end). Runs of
  // every length at every offset in a block, ending in a word, a space or the text.
  auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
  REQUIRE(made.ok());
  const money::Recognizer& r = made.value();
  const std::string prefix = "\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB8\x81";  // 人民币
  const std::string won = "\xEC\x9B\x90";                                 // 원
  for (size_t lead = 0; lead < 36; ++lead)
    for (size_t len = 1; len < 110; len += len < 40 ? 1 : 9)
      for (const std::string& after : {won, std::string(" ") + won, std::string(), std::string(70, 'x')}) {
        const std::string text = std::string(lead, 'a') + " " + prefix + std::string(len, '7') + after;
        const size_t k = lead + 1 + prefix.size();
        std::vector<size_t> runs, runs2, runs512;
        const std::vector<size_t> want = r.scan_starts(text, money::Recognizer::ScanLevel::kScalar, &runs);
        CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx2, &runs2) == want, text);
        CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx512, &runs512) == want, text);
        CHECK_MESSAGE(runs2 == runs, text);
        CHECK_MESSAGE(runs512 == runs, text);
        REQUIRE_MESSAGE(!want.empty(), text);
        CHECK_MESSAGE(want.front() == k, text);
        CHECK_MESSAGE(runs.front() == k + len, text);
        CHECK_MESSAGE(runs2.front() == k + len, text);
      }
}

TEST_CASE("the scanner's gate looks past a space after the first digits or numeral character") {
  // Tables::goes_on_past(): where the first digits or numeral character are followed by
  // a space, the character after it must go on too (a digit, a numeral character, a
  // second space, or the first character of a word that may follow an amount), or the
  // start is dropped in the scanner, as the full gate (Reader::run_end) would drop it.
  const auto starts = [](const money::Recognizer& r, std::string_view text) {
    const std::vector<size_t> want = r.scan_starts(text, money::Recognizer::ScanLevel::kScalar);
    CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx2) == want, text);
    CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx512) == want, text);
    return want;
  };
  auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
  REQUIRE(made.ok());
  const money::Recognizer& r = made.value();
  // Dropped: what follows the space neither goes on nor starts a word after an amount.
  CHECK(starts(r, "3 명").empty());
  CHECK(starts(r, "in 2025 년").empty());
  CHECK(starts(r, "5 ").empty());
  CHECK(starts(r, "5 %").empty());
  // Kept: a word after the space, more digits, a numeral character, a second space.
  CHECK(starts(r, "5 달러") == std::vector<size_t>{0});
  CHECK(starts(r, "5 원") == std::vector<size_t>{0});
  CHECK(starts(r, "五 元") == std::vector<size_t>{0});
  CHECK(starts(r, "5 5") == std::vector<size_t>{0});
  CHECK(starts(r, "5 억") == std::vector<size_t>{0});
  CHECK(starts(r, "5  원") == std::vector<size_t>{0});
  // A prefix before the digits keeps the start whatever follows them.
  CHECK(starts(r, "us$5 the") == std::vector<size_t>{3});
  // The facts behind those starts.
  CHECK(facts("5 달러") == "5 달러=5 USD");
  CHECK(facts("五 元") == "五 元=5 CNY");
  CHECK(facts("1억 5000만 원") == "1억 5000만 원=150000000 KRW");
  CHECK(facts("6조  7천억 원") == "6조  7천억 원=6700000000000 KRW");
  CHECK(facts("3 명이 5 달러") == "5 달러=5 USD");
  CHECK(facts("in 2025 년").empty());
}

TEST_CASE("money scanner: the text's last bytes go through the vector blocks, from a copy with zeros after them") {
  // fill_tail() reads the one or two blocks after the text's last whole block from a
  // copy padded with zeros: an amount in the last bytes of a text of any length is
  // found as anywhere else, and the scanner starts where the byte loop does.
  auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
  REQUIRE(made.ok());
  const money::Recognizer& r = made.value();
  for (const char* tail : {"5元", "US$5", "约5亿元", "五亿元", "5억 원", "5", "이", "五", "US$"}) {
    for (size_t len = 0; len < 80; ++len) {
      const std::string text = std::string(len, 'x') + " " + tail;
      const std::vector<size_t> want = r.scan_starts(text, money::Recognizer::ScanLevel::kScalar);
      CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx2) == want, text);
      CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx512) == want, text);
    }
  }
  for (size_t len = 0; len < 80; ++len) {
    const std::string pad(len, 'x');
    CHECK_MESSAGE(facts((pad + " 5元").c_str()) == "5元=5 CNY", len);
    CHECK_MESSAGE(facts((pad + " US$5").c_str()) == "US$5=5 USD", len);
    CHECK_MESSAGE(facts((pad + " 5억 원").c_str()) == "5억 원=500000000 KRW", len);
    CHECK_MESSAGE(facts((pad + " 五亿元").c_str()) == "五亿元=500000000 CNY", len);
  }
}

TEST_CASE("the gate's walk goes on from where the scanner's test left the first digits or numeral character") {
  // Reader::run_end() walks on from StartScan::run() (Tables::may_pass_at stepped over
  // the first digits, or the first numeral character), and past a space it tests the
  // digit or numeral character after it from the bytes (Tables::digit_or_numeral_at):
  // groups, decimals, spaces before a digit, a scale word or a numeral character, a
  // range connector and a space before the second end, runs that end in no money.
  CHECK(facts("共1,234,567원") == "1,234,567원=1234567 KRW");
  CHECK(facts("共3.5억 달러") == "3.5억 달러=350000000 USD");
  CHECK(facts("판매가 12 345원") == "12 345원=12345 KRW");
  CHECK(facts("가격은 5 억 원이다") == "5 억 원=500000000 KRW");
  CHECK(facts("5  억 원") == "5  억 원=500000000 KRW");
  CHECK(facts("价格为5 亿元") == "5 亿元=500000000 CNY");
  CHECK(facts("价格为五 亿元") == "五 亿元=500000000 CNY");
  CHECK(facts("三 十亿元") == "三 十亿元=3000000000 CNY");
  CHECK(facts("三十五亿元") == "三十五亿元=3500000000 CNY");
  CHECK(facts("10~ 20억 원") == "10~ 20억 원=1000000000..2000000000 KRW");
  CHECK(facts("10억~ 20억 원") == "10억~ 20억 원=1000000000..2000000000 KRW");
  CHECK(facts("10至 二十亿元") == "10至 二十亿元=1000000000..2000000000 CNY");
  CHECK(facts("10至  20亿元") == "20亿元=2000000000 CNY");
  CHECK(facts("2025-08-21 15:00 1억 원") == "1억 원=100000000 KRW");
  CHECK(facts("가격은 5 억원이다").empty());
  // The same after every padding, so that the starts fall in the scanner's whole blocks
  // and in its last ones.
  for (size_t len = 0; len < 70; ++len) {
    const std::string pad(len, 'x');
    CHECK_MESSAGE(facts((pad + " 1,234,567원").c_str()) == "1,234,567원=1234567 KRW", len);
    CHECK_MESSAGE(facts((pad + " 5 억 원").c_str()) == "5 억 원=500000000 KRW", len);
    CHECK_MESSAGE(facts((pad + " 三 十亿元").c_str()) == "三 十亿元=3000000000 CNY", len);
    CHECK_MESSAGE(facts((pad + " 10至 二十亿元").c_str()) == "10至 二十亿元=1000000000..2000000000 CNY", len);
  }
}

TEST_CASE("money scanner: a block holding Hangul and Han numerals reads the bytes after each kind's leads") {
  // fill_masks_body() reads the nibbles of the two bytes after the leads in the Hangul
  // branch and again in the Han branch: a block with both kinds of lead takes both, and
  // each must test its own leads' second and third bytes. At every offset in the block,
  // the AVX2 and AVX-512 starts are the byte loop's, and the numerals of both scripts
  // start there.
  auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
  REQUIRE(made.ok());
  const money::Recognizer& r = made.value();
  for (const char* mixed : {"삼 억 원과 三亿元", "三亿元과 삼 억 원", "이 억 원 二亿元 일 억 원", "五元 오 원 六元"}) {
    for (size_t len = 0; len < 70; ++len) {
      const std::string text = std::string(len, 'x') + " " + mixed + " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
      const std::vector<size_t> want = r.scan_starts(text, money::Recognizer::ScanLevel::kScalar);
      CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx2) == want, text);
      CHECK_MESSAGE(r.scan_starts(text, money::Recognizer::ScanLevel::kAvx512) == want, text);
      // Both scripts' numerals are starts.
      bool hangul = false, han = false;
      for (size_t k : want) {
        const auto b = static_cast<unsigned char>(text[k]);
        hangul |= b >= 0xEA && b <= 0xED;
        han |= b >= 0xE4 && b <= 0xE9;
      }
      CHECK_MESSAGE(hangul, text);
      CHECK_MESSAGE(han, text);
    }
  }
  CHECK(facts("삼 억 원과 三亿元") == "삼 억 원=300000000 KRW | 三亿元=300000000 CNY");
}
