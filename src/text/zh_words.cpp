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
// Whether chars[s, e) (two to four characters) is a word the segmentation below may take:
// its first two characters may join (the segmentation looks no further otherwise), all
// its characters are BMP, each two side by side stand so in some word (the pair filter,
// a smaller table than the words'), and the dictionary lists it.
bool takes_word(std::span<const char32_t> chars, size_t s, size_t e) {
  for (size_t i = s; i + 1 < e; ++i)
    if (chars[i] == 0 || chars[i + 1] == 0 || !may_join(chars[i], chars[i + 1])) return false;
  return word_cost(key_of(chars.subspan(s, e - s))) >= 0;
}
// Whether some word the segmentation may take crosses an edge of [a, b): only such a
// word can, since single characters cross nothing and [a, b) is the name. Most names
// have none, and these few lookups answer for them instead of the whole segmentation.
bool may_cross(std::span<const char32_t> chars, size_t a, size_t b) {
  const size_t n = chars.size();
  if (a > 0 && may_join(chars[a - 1], chars[a]))
    for (size_t s = a - std::min<size_t>(a, 3); s < a; ++s)
      for (size_t e = a + 1; e < b && e <= s + 4; ++e)
        if (takes_word(chars, s, e)) return true;
  if (b < n && may_join(chars[b - 1], chars[b]))
    for (size_t s = a + 1; s < b; ++s)
      for (size_t e = b + 1; e <= n && e <= s + 4; ++e)
        if (takes_word(chars, s, e)) return true;
  return false;
}
}  // namespace
bool crosses_edge(std::span<const char32_t> chars, size_t a, size_t b, int name_cost) {
  const size_t n = chars.size();
  if (n > kMaxChars || a >= b || b > n) return false;  // nothing to decide: keep the name
  if (!may_cross(chars, a, b)) return false;
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
    if (i + 1 < n && chars[i] <= 0xFFFF && chars[i + 1] <= 0xFFFF && may_join(chars[i], chars[i + 1]))
      costs_from(chars.subspan(i, std::min<size_t>(4, n - i)), longer);
    for (size_t len = 1; len <= 4 && i + len <= n; ++len) {
      int c = len == 1 ? (chars[i] <= 0xFFFF ? zh_words_data::kSingle[chars[i]] : zh_words_data::kUnknownCost)
                       : longer[len];
      if (i == a && i + len == b && c < 0) c = name_cost;
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
