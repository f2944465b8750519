// Typo tolerance for long names: a word one edit away from a name (a jamo edit for Hangul:
// 알라바바 -> 알리바바; a letter edit for Latin: deepsdeek -> deepseek) finds it.
//
//   FuzzyIndex f;  f.add("알리바바", entry);  f.build();
//   int32_t e = f.lookup("알라바바");   // entry, or -1 (none, or two entries equally near)
//
// Deletion neighbourhood (SymSpell): every name is indexed under itself and each form
// with one symbol deleted; a query looks up itself and its own one-deletion forms, then
// checks the real distance (Levenshtein with adjacent transposition, at most 1). The work
// per query depends on the word's length, not on the number of names. Built once; lookup
// is const and allocation-free for words up to kMaxSymbols.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace hanfacts::org {

class FuzzyIndex {
 public:
  static constexpr size_t kMinHangul = 4;  // syllables
  static constexpr size_t kMinLatin = 6;   // letters
  static constexpr size_t kMaxSymbols = 48;

  // Indexes `key` (folded, no spaces) when it is long enough and of one script (all
  // Hangul syllables, or all ASCII letters and digits); other keys are ignored.
  void add(std::string_view key, uint32_t entry);
  void build();
  bool empty() const { return index_.empty(); }
  // The entry one edit from `word` (folded), or -1 when none or more than one entry is.
  int32_t lookup(std::string_view word) const;

 private:
  // Symbols of a word: jamo for Hangul, bytes for Latin. Returns the count, 0 when the
  // word is not of one fuzzy-able script or too long.
  static size_t symbols(std::string_view word, char32_t* out, bool& hangul, size_t& units);
  static uint64_t hash(const char32_t* s, size_t n, size_t skip);

  std::vector<char32_t> symbols_;                    // all names' symbols, back to back
  std::vector<std::pair<uint32_t, uint32_t>> names_; // offset, length into symbols_
  std::vector<uint32_t> entries_;                    // per name
  std::vector<std::pair<uint64_t, uint32_t>> index_; // hash -> name, sorted
  uint64_t lengths_ = 0;                             // bit per indexed symbol count (< 64)
};

}  // namespace hanfacts::org
