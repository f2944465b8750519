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

}  // namespace

int cost(std::span<const char32_t> chars) {
  if (chars.empty() || chars.size() > 4) return -1;
  for (char32_t c : chars)
    if (c == 0 || c > 0xFFFF) return -1;
  const uint64_t key = key_of(chars);
  // Binary search among the words that start with chars[0]: a few dozen keys.
  size_t lo = zh_words_data::first(chars[0]), hi = zh_words_data::first(chars[0] + 1);
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (zh_words_data::key(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < zh_words_data::first(chars[0] + 1) && zh_words_data::key(lo) == key ? zh_words_data::kCosts[lo] : -1;
}

bool may_join(char32_t a, char32_t b) {
  return a <= 0xFFFF && b <= 0xFFFF && zh_words_data::pair_bit(zh_words_data::pair_hash(a, b));
}

bool crosses_edge(std::span<const char32_t> chars, size_t a, size_t b, int name_cost) {
  const size_t n = chars.size();
  if (n > kMaxChars || a >= b || b > n) return false;  // nothing to decide: keep the name
  constexpr int kNone = std::numeric_limits<int>::max() / 2;
  // best[i]: the least cost of segmenting chars[i, n); next[i]: where its first word ends.
  std::array<int, kMaxChars + 1> best{};
  std::array<uint8_t, kMaxChars + 1> next{};
  best[n] = 0;
  for (size_t i = n; i-- > 0;) {
    best[i] = kNone;
    // Words of two or more characters only where the first two may stand in one word.
    const bool longer = i + 1 < n && may_join(chars[i], chars[i + 1]);
    for (size_t len = 1; len <= 4 && i + len <= n; ++len) {
      int c = len == 1 ? (chars[i] <= 0xFFFF ? zh_words_data::kSingle[chars[i]] : zh_words_data::kUnknownCost)
                       : longer ? cost(chars.subspan(i, len)) : -1;
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
