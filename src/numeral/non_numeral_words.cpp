// The ordinary words that hold a numeral character (numeral/numeral.h:
// inside_non_numeral_word). Apart from numeral.cpp: a function added there moved GCC's
// inlining in its hot parser (numeral::add out of line in read_plain again, see
// native_korean_words()), and with these out of it read_plain keeps parse_digits_lean
// inline and calls lex (4 MB: read_plain with its callees 9.78 -> 9.31 M instructions).
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "numeral/numeral.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace hanfacts::numeral {

namespace {

// lexicons/numeral/non_numeral_words.tsv, folded; loaded once, with the words sorted by
// their first code point so that a test looks only at the words that begin where the
// text does (the money reader asks per Chinese amount, the numeral report per numeral).
// A malformed file gives an empty list here (the lexicon lint test reports it): the
// numeral report then keeps numerals inside words, which is what it did without the list.
struct NonNumeralWords {
  struct Word {
    char32_t first;
    std::string text;
  };
  std::vector<Word> words;  // by first code point
  // The first code points, one bit per BMP point (beyond it: yes): most positions
  // before a numeral begin no listed word.
  std::array<uint64_t, 1024> firsts{};
  // Every code point of the words, the same way (and U+FFFD, which malformed bytes
  // decode to): a span that holds any other (the digits of 600亿元, most amounts) lies
  // inside no listed word, and the search for one is skipped.
  std::array<uint64_t, 1024> inner{};
  size_t max_bytes = 0;
  bool may_begin(char32_t c) const { return c >= 0x10000 || ((firsts[c >> 6] >> (c & 63)) & 1); }
  bool may_hold(char32_t c) const { return c >= 0x10000 || ((inner[c >> 6] >> (c & 63)) & 1); }
};

const NonNumeralWords& non_numeral_words() {
  static const NonNumeralWords kWords = [] {
    NonNumeralWords index;
    for (const auto& src : lexicon::builtin_sources("numeral")) {
      if (!src.name.ends_with("/non_numeral_words.tsv")) continue;
      auto table = lexicon::parse_tsv(src.content, src.name, {"lang", "surface"});
      if (!table.ok()) continue;
      for (const auto& row : table.value().rows())
        for (auto w : lexicon::split_values(table.value().cell(row, "surface"))) {
          std::string folded = text::fold(w);
          if (folded.empty()) continue;  // contains no numeral
          size_t i = 0;
          const char32_t c = text::next_code_point(folded, i);
          if (c < 0x10000) index.firsts[c >> 6] |= uint64_t{1} << (c & 63);
          for (size_t k = 0; k < folded.size();) {
            const char32_t d = text::next_code_point(folded, k);
            if (d < 0x10000) index.inner[d >> 6] |= uint64_t{1} << (d & 63);
          }
          index.max_bytes = std::max(index.max_bytes, folded.size());
          index.words.push_back({c, std::move(folded)});
        }
    }
    std::stable_sort(index.words.begin(), index.words.end(),
                     [](const NonNumeralWords::Word& a, const NonNumeralWords::Word& b) { return a.first < b.first; });
    index.inner[text::kReplacement >> 6] |= uint64_t{1} << (text::kReplacement & 63);
    return index;
  }();
  return kWords;
}

}  // namespace

const uint64_t* non_numeral_word_chars() { return non_numeral_words().inner.data(); }

// text[start, end) lies inside an occurrence of word w exactly when w occurs at some
// p <= start with p + |w| >= end (valid UTF-8: w holds the numeral at start - p). So only
// the code point boundaries p in [end - longest word, start] are tried, and at each only
// the words that begin with the code point there.
bool inside_non_numeral_word(std::string_view s, size_t start, size_t end) {
  const NonNumeralWords& index = non_numeral_words();
  if (index.words.empty() || start >= s.size()) return false;
  for (size_t i = start; i < end && i < s.size();)
    if (!index.may_hold(text::next_code_point(s, i))) return false;
  const size_t lowest = end > index.max_bytes ? end - index.max_bytes : 0;
  for (size_t p = start + 1; p-- > lowest;) {
    if ((static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) continue;  // inside a code point
    const char32_t c = text::code_point_at(s, p);
    if (!index.may_begin(c)) continue;
    auto it = std::lower_bound(index.words.begin(), index.words.end(), c,
                               [](const NonNumeralWords::Word& w, char32_t x) { return w.first < x; });
    for (; it != index.words.end() && it->first == c; ++it)
      if (p + it->text.size() >= end && s.compare(p, it->text.size(), it->text) == 0) return true;
  }
  return false;
}

}  // namespace hanfacts::numeral
