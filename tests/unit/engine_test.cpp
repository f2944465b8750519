// Engine internals that have a slow, obvious definition: detect_lang stops reading early
// once the rest of the text cannot change its answer, so it must agree with counting
// every code point.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "core/engine.h"
#include "text/utf8.h"

namespace {

// The definition: Korean when Hangul syllables are at least a quarter of the Han
// characters, over the first 64 KB.
hanfacts::core::Lang counted_lang(std::string_view text) {
  size_t hangul = 0, han = 0;
  const size_t limit = std::min<size_t>(text.size(), 64 * 1024);
  for (size_t i = 0; i < limit;) {
    const char32_t c = hanfacts::text::next_code_point(text, i);
    if (hanfacts::text::is_hangul_syllable(c)) ++hangul;
    else if (hanfacts::text::is_han(c)) ++han;
  }
  if (hangul == 0 && han == 0) return hanfacts::core::Lang::kUnknown;
  return hangul * 4 >= han ? hanfacts::core::Lang::kKo : hanfacts::core::Lang::kZh;
}

}  // namespace

TEST_CASE("detect_lang agrees with counting every code point") {
  std::mt19937 rng(20261128);
  const char32_t kPool[] = {U'가', U'한', U'국', U'中', U'国', U'〇', U'a', U' ', U'1', U'\n', U'é', U'·'};
  for (int round = 0; round < 400; ++round) {
    // Runs of one kind, with lengths that put the balance near the 1:4 threshold and
    // across the early checks (every 256 bytes).
    std::string text;
    const int runs = static_cast<int>(rng() % 12) + 1;
    for (int r = 0; r < runs; ++r) {
      const char32_t c = kPool[rng() % std::size(kPool)];
      const int len = static_cast<int>(rng() % 400);
      for (int k = 0; k < len; ++k) hanfacts::text::append_utf8(text, c);
    }
    CAPTURE(round);
    CHECK(hanfacts::detail::detect_lang(text) == counted_lang(text));
  }
  std::string zh_then_ko;
  for (int k = 0; k < 3000; ++k) hanfacts::text::append_utf8(zh_then_ko, U'中');
  for (int k = 0; k < 800; ++k) hanfacts::text::append_utf8(zh_then_ko, U'가');
  CHECK(hanfacts::detail::detect_lang(zh_then_ko) == counted_lang(zh_then_ko));
  CHECK(hanfacts::detail::detect_lang(zh_then_ko) == hanfacts::core::Lang::kKo);
}
