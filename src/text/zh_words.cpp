#include "text/zh_words.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "text/zh_words_data.h"

namespace hanfacts::text::zh_words {

namespace {

uint64_t key_of(std::span<const char32_t> chars) {
  uint64_t key = 0;
  for (size_t i = 0; i < 4; ++i) key = key << 16 | (i < chars.size() ? static_cast<uint64_t>(chars[i]) : 0);
  return key;
}

// The cost of the word with `key`, or -1 when the dictionary lacks it.
int word_cost(uint64_t key) {
  constexpr uint32_t kMask = (uint32_t{1} << zh_words_data::kWordBits) - 1;
  for (uint32_t i = zh_words_data::word_slot(key);; i = (i + 1) & kMask) {
    const uint64_t k = zh_words_data::word_key(i);
    if (k == key) return zh_words_data::kWordCosts[i];
    if (k == 0) return -1;
  }
}

}  // namespace

int cost(std::span<const char32_t> chars) {
  if (chars.empty() || chars.size() > 4) return -1;
  for (char32_t c : chars)
    if (c == 0 || c > 0xFFFF) return -1;
  return word_cost(key_of(chars));
}

bool may_join(char32_t a, char32_t b) {
  return a <= 0xFFFF && b <= 0xFFFF && zh_words_data::pair_bit(zh_words_data::pair_hash(a, b));
}

namespace {
// Loads the slot where a lookup of `key` starts, ahead of word_cost(key): the table is
// too large to stay in cache, and a few lookups issued together overlap their misses.
void prefetch_word(uint64_t key) {
  __builtin_prefetch(zh_words_data::kWordKeys + 8 * static_cast<size_t>(zh_words_data::word_slot(key)));
}
// join[i]: chars[i] and chars[i + 1] may stand side by side in a word (may_join()).
using Joins = std::array<bool, kMaxChars>;
bool joins(std::span<const char32_t> chars, size_t i) {
  return chars[i] != 0 && chars[i + 1] != 0 && may_join(chars[i], chars[i + 1]);
}
// Whether some word the segmentation below may take crosses an edge of [a, b): a word of
// two to four characters, each two side by side joined (the segmentation looks for longer
// words only where the first two join), that the dictionary lists, starting before `a`
// and ending inside, or starting inside and ending after `b`. Only such a word can cross,
// since single characters cross nothing and [a, b) is the name. Most names have none, and
// these few lookups answer for them instead of the segmentation. The pairs are tested
// outwards from each edge, only as far as they keep joining (most stop at the first), not
// all of the window's.
bool may_cross(std::span<const char32_t> chars, size_t a, size_t b) {
  const size_t n = chars.size();
  std::array<uint64_t, 16> keys;  // at most 3 x 2 on each side
  size_t count = 0;
  // Every word [s, e) with lo <= s < edge < e <= hi and e <= s + 4: its pairs join.
  const auto add = [&](size_t lo, size_t edge, size_t hi) {
    for (size_t s = lo; s < edge; ++s)
      for (size_t e = edge + 1; e <= hi && e <= s + 4; ++e) {
        keys[count] = key_of(chars.subspan(s, e - s));
        prefetch_word(keys[count++]);
      }
  };
  // Words from before `a` to inside: a - 3 <= s, e < b. Pair s joins for s from a - 1
  // down to lo; pair e - 2 for e from a + 2 up to hi.
  if (a > 0 && joins(chars, a - 1)) {
    size_t lo = a - 1;
    while (lo > 0 && a - lo < 3 && joins(chars, lo - 1)) --lo;
    size_t hi = a + 1;
    while (hi + 1 < b && hi + 1 <= a + 3 && joins(chars, hi - 1)) ++hi;
    add(lo, a, hi);
  }
  // Words from inside to after `b`: a < s, b - 3 <= s, e <= n.
  if (b < n && joins(chars, b - 1)) {
    size_t lo = b - 1;
    while (lo > a + 1 && lo + 3 > b && joins(chars, lo - 1)) --lo;
    size_t hi = b + 1;
    while (hi + 1 <= n && hi + 1 <= b + 3 && joins(chars, hi - 1)) ++hi;
    add(lo, b, hi);
  }
  for (size_t k = 0; k < count; ++k)
    if (word_cost(keys[k]) >= 0) return true;
  return false;
}
}  // namespace
bool crosses_edge(std::span<const char32_t> chars, size_t a, size_t b, int name_cost, bool common_name) {
  const size_t n = chars.size();
  if (n > kMaxChars || a >= b || b > n) return false;  // nothing to decide: keep the name
  if (!may_cross(chars, a, b)) return false;
  // Every pair's filter bit, each load independent of the others.
  Joins join{};
  for (size_t i = 0; i + 1 < n; ++i) join[i] = joins(chars, i);
  // The words the segmentation looks up, loading together.
  // A listed word has every two characters side by side joined (the filter holds each
  // pair of every word), so a longer word is looked up only while the pairs join: most
  // places end at two characters. join[] also rules out 0 and characters past the BMP.
  std::array<std::array<uint64_t, 5>, kMaxChars> key;
  std::array<uint8_t, kMaxChars> longest{};  // at i: words up to this length may be listed
  for (size_t i = 0; i + 1 < n; ++i) {
    uint64_t k = uint64_t{chars[i]} << 48;
    size_t len = 2;
    for (; len <= 4 && i + len <= n && join[i + len - 2]; ++len) {
      k |= uint64_t{chars[i + len - 1]} << (64 - 16 * len);
      key[i][len] = k;
      prefetch_word(k);
    }
    longest[i] = static_cast<uint8_t>(len - 1);
  }
  constexpr int kNone = std::numeric_limits<int>::max() / 2;
  // best[i]: the least cost of segmenting chars[i, n); next[i]: where its first word ends.
  std::array<int, kMaxChars + 1> best{};
  std::array<uint8_t, kMaxChars + 1> next{};
  best[n] = 0;
  std::array<int, 5> longer{};
  for (size_t i = n; i-- > 0;) {
    best[i] = kNone;
    // Words of two or more characters only where the first two may stand in one word.
    longer.fill(-1);
    for (size_t len = 2; len <= longest[i]; ++len) longer[len] = word_cost(key[i][len]);
    for (size_t len = 1; len <= 4 && i + len <= n; ++len) {
      int c = len == 1 ? (chars[i] <= 0xFFFF ? zh_words_data::kSingle[chars[i]] : zh_words_data::kUnknownCost)
                       : longer[len];
      if (i == a && i + len == b && (c < 0 || (common_name && c > name_cost))) c = name_cost;
      if (c < 0) continue;
      if (c + best[i + len] < best[i]) {
        best[i] = c + best[i + len];
        next[i] = static_cast<uint8_t>(i + len);
      }
    }
  }
  for (size_t i = 0; i < n; i = next[i]) {
    const size_t e = next[i];
    if ((i < a && a < e && e < b) || (a < i && i < b && b < e)) return true;
  }
  return false;
}

}  // namespace hanfacts::text::zh_words
