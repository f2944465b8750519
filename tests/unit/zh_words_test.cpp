// text/zh_words: jieba's dictionary as a generated table, and the local segmentation
// that tells whether a short name inside Chinese text straddles two words.
#include <doctest/doctest.h>

#include <span>
#include <string>
#include <vector>

#include "text/utf8.h"
#include "text/zh_words.h"

namespace {

using namespace hanfacts;

std::vector<char32_t> chars_of(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) out.push_back(text::next_code_point(s, i));
  return out;
}
int cost_of(std::string_view word) { return text::zh_words::cost(chars_of(word)); }
// Whether a word of the best reading of `s` crosses an edge of [a, b) (code points).
bool crossed(std::string_view s, size_t a, size_t b) { return text::zh_words::crosses_edge(chars_of(s), a, b); }

}  // namespace

TEST_CASE("zh_words: the dictionary's words and their costs") {
  CHECK(cost_of("成立") > 0);
  CHECK(cost_of("其中") > 0);
  CHECK(cost_of("中") > 0);
  CHECK(cost_of("腾讯") > 0);
  // Three and four characters; a word's prefix that is no word of its own.
  CHECK(cost_of("京东方") > 0);
  CHECK(cost_of("清华大学") > 0);
  CHECK(cost_of("中华人民") > 0);
  CHECK(cost_of("中华人") == -1);
  // A common word costs less than a rare one.
  CHECK(cost_of("其中") < cost_of("灵犀"));
  CHECK(cost_of("清华大学") < cost_of("中华人民"));
  // Not words: a pair across two words, Latin, more than four characters, nothing.
  CHECK(cost_of("力成") == -1);
  CHECK(cost_of("ab") == -1);
  CHECK(cost_of("中华人民共和国") == -1);
  CHECK(cost_of("") == -1);
}

TEST_CASE("zh_words: lexicons/text/zh_words.tsv adds news words jieba lacks") {
  CHECK(cost_of("拨补") > 0);
  // 拨补|台电, no longer 拨|补台|电 around the listed 台电.
  CHECK_FALSE(crossed("已拨补台电新台币", 3, 5));
}

TEST_CASE("zh_words: a pair no word holds side by side is never crossed") {
  CHECK(text::zh_words::may_join(U'其', U'中'));
  CHECK(text::zh_words::may_join(U'成', U'立'));
  CHECK_FALSE(text::zh_words::may_join(U'a', U'b'));
  CHECK_FALSE(text::zh_words::may_join(U'中', U'\U00020000'));
}

TEST_CASE("zh_words: a short name straddling two words") {
  // 动力|成立: no 力成.
  CHECK(crossed("灵犀动力成立于", 3, 5));
  // 其中|投向: no 中投.
  CHECK(crossed("其中投向科技", 1, 3));
  // 澄清|华人: no 清华.
  CHECK(crossed("他澄清华人身份", 2, 4));
  // 京东|方面: 京东方 is rarer than 京东 + 方面, and 京东 reads well.
  CHECK(crossed("京东方面表示", 0, 3));
  CHECK_FALSE(crossed("京东方面表示", 0, 2));
  // Names that are words where they stand.
  CHECK_FALSE(crossed("据腾讯介绍", 1, 3));
  CHECK_FALSE(crossed("清华的研究", 0, 2));
  // A longer word that holds the name crosses nothing: 清华大学, 京东商城.
  CHECK_FALSE(crossed("清华大学的研究", 0, 2));
  // A name the dictionary lacks beats single characters around it.
  CHECK_FALSE(crossed("据悉智谱发布", 2, 4));
  // Nothing to decide: the whole stretch, or an empty or out-of-range name.
  CHECK_FALSE(crossed("腾讯", 0, 2));
  CHECK_FALSE(crossed("腾讯", 1, 1));
  CHECK_FALSE(crossed("腾讯", 1, 5));
  // Longer than the window it is meant for: kept, not read.
  CHECK_FALSE(crossed(std::string(text::zh_words::kMaxChars + 1, 'a'), 0, 2));
}

TEST_CASE("zh_words: a name the caller knows to be common costs no more than an ordinary noun") {
  // jieba lists 经济部 as rare and 部将 (a general's officer): 经济|部将|同步 is the better reading.
  CHECK(crossed("经济部将同步", 0, 3));
  // As common as an ordinary noun (Taiwan's ministry in Taiwanese news), it is kept.
  CHECK_FALSE(text::zh_words::crosses_edge(chars_of("经济部将同步"), 0, 3, text::zh_words::kNameCost, true));
  // So strong a cost outweighs common words too (京东方|面 over 京东|方面), which is why the
  // recognizer asks it only for a body of the article's own region outside the mainland.
  CHECK(crossed("京东方面表示", 0, 3));
  CHECK_FALSE(text::zh_words::crosses_edge(chars_of("京东方面表示"), 0, 3, text::zh_words::kNameCost, true));
}

namespace {
// The least-cost segmentation of `chars` the plain way, every word of one to four
// characters looked up with cost() (no pair filter), and whether a word of it crosses an
// edge of [a, b) (the name costs kNameCost when unlisted), as crosses_edge() defines it.
bool crossed_by_lookups(const std::vector<char32_t>& chars, size_t a, size_t b) {
  const size_t n = chars.size();
  std::vector<int> best(n + 1, 0);
  std::vector<size_t> next(n + 1, n);
  for (size_t i = n; i-- > 0;) {
    best[i] = 1 << 29;
    for (size_t len = 1; len <= 4 && i + len <= n; ++len) {
      int c = text::zh_words::cost(std::span<const char32_t>(chars).subspan(i, len));
      if (i == a && i + len == b && c < 0) c = text::zh_words::kNameCost;
      if (c < 0) continue;
      if (c + best[i + len] < best[i]) {
        best[i] = c + best[i + len];
        next[i] = i + len;
      }
    }
  }
  for (size_t i = 0; i < n; i = next[i])
    if ((i < a && a < next[i] && next[i] < b) || (a < i && i < b && b < next[i])) return true;
  return false;
}
}  // namespace

TEST_CASE("zh_words: crosses_edge reads as a segmentation that looks up every word") {
  // Sentences of words of two, three and four characters side by side (crosses_edge looks
  // a longer word up only where each of its pairs passes the filter), every name in every
  // window of them.
  const char* sentences[] = {"中华人民共和国成立于北京", "清华大学的研究人员表示同意", "京东方面表示不会参与其中",
                             "他澄清华人身份问题的说法", "灵犀动力成立于上海市浦东新区", "经济部将同步推动产业升级",
                             // Four-character words whose first two or three are none.
                             "他们迫不及待地出发", "大家莫名其妙地笑了", "两国一衣带水的邻邦", "工作一丝不苟认真负责",
                             "学生亦步亦趋跟随老师", "消息不胫而走传遍全国"};
  int checked = 0;
  int crossings = 0;
  for (const char* s : sentences) {
    const std::vector<char32_t> all = chars_of(s);
    for (char32_t c : all) REQUIRE(text::zh_words::cost(std::span<const char32_t>(&c, 1)) > 0);
    for (size_t from = 0; from < all.size(); ++from)
      for (size_t to = from + 1; to <= all.size() && to - from <= text::zh_words::kMaxChars; ++to) {
        const std::vector<char32_t> window(all.begin() + from, all.begin() + to);
        for (size_t a = 0; a < window.size(); ++a)
          for (size_t b = a + 1; b <= window.size() && b - a <= 4; ++b) {
            const bool want = crossed_by_lookups(window, a, b);
            CHECK_MESSAGE(text::zh_words::crosses_edge(window, a, b) == want, s, " [", from, ", ", to, ") at ", a, "-", b);
            ++checked;
            crossings += want;
          }
      }
  }
  // Both answers occur often.
  CHECK(checked > 1000);
  CHECK(crossings > 100);
  CHECK(checked - crossings > 100);
}
