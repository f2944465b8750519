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

// The costs of the words of two, three and four characters that start at chars[0], in
// out[2..4] (-1: not a word): lookups that do not depend on each other, so their cache
// misses overlap.
void costs_from(std::span<const char32_t> chars, std::array<int, 5>& out) {
  out.fill(-1);
  size_t bmp = 0;  // keys hold BMP characters only
  while (bmp < chars.size() && bmp < 4 && chars[bmp] != 0 && chars[bmp] <= 0xFFFF) ++bmp;
  for (size_t len = 2; len <= bmp; ++len) out[len] = word_cost(key_of(chars.first(len)));
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
// Whether some word the segmentation below may take crosses an edge of [a, b): a word of
// two to four characters, each two side by side joined (`join`; the segmentation looks
// for longer words only where the first two join), that the dictionary lists, starting
// before `a` and ending inside, or starting inside and ending after `b`. Only such a
// word can cross, since single characters cross nothing and [a, b) is the name. Most
// names have none, and these few lookups answer for them instead of the segmentation.
bool may_cross(std::span<const char32_t> chars, const Joins& join, size_t a, size_t b) {
  const size_t n = chars.size();
  std::array<uint64_t, 16> keys;  // at most 3 x 2 on each side
  size_t count = 0;
  const auto add = [&](size_t s, size_t e) {
    for (size_t i = s; i + 1 < e; ++i)
      if (!join[i]) return;
    keys[count] = key_of(chars.subspan(s, e - s));
    prefetch_word(keys[count++]);
  };
  if (a > 0 && join[a - 1])
    for (size_t s = a - std::min<size_t>(a, 3); s < a; ++s)
      for (size_t e = a + 1; e < b && e <= s + 4; ++e) add(s, e);
  if (b < n && join[b - 1])
    for (size_t s = a + 1; s < b; ++s)
      for (size_t e = b + 1; e <= n && e <= s + 4; ++e) add(s, e);
  for (size_t k = 0; k < count; ++k)
    if (word_cost(keys[k]) >= 0) return true;
  return false;
}
}  // namespace
bool crosses_edge(std::span<const char32_t> chars, size_t a, size_t b, int name_cost, bool common_name) {
  const size_t n = chars.size();
  if (n > kMaxChars || a >= b || b > n) return false;  // nothing to decide: keep the name
  // Every pair's filter bit, each load independent of the others.
  Joins join{};
  for (size_t i = 0; i + 1 < n; ++i) join[i] = chars[i] != 0 && chars[i + 1] != 0 && may_join(chars[i], chars[i + 1]);
  if (!may_cross(chars, join, a, b)) return false;
  // The words the segmentation looks up, loading together.
  for (size_t i = 0; i + 1 < n; ++i) {
    if (!join[i]) continue;
    for (size_t len = 2; len <= 4 && i + len <= n; ++len) {
      if (chars[i + len - 1] == 0 || chars[i + len - 1] > 0xFFFF) break;
      prefetch_word(key_of(chars.subspan(i, len)));
    }
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
    if (i + 1 < n && join[i])
      costs_from(chars.subspan(i, std::min<size_t>(4, n - i)), longer);
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
