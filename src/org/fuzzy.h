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
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "org/table.h"

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
  // Reads or writes every field of a built index (org/serial.h).
  template <class Io>
  void serial(Io& io) {
    io(symbols_), io(names_), io(entries_), io(index_), io(directory_), io(directory_shift_), io(lengths_), io(filter_),
        io(filter_mask_), io(triples_), io(counted_triples_), io(triple_bits_), io(counted_bits_), io(pairs_), io(pair_bits_);
  }
  // The entry one edit from `word` (folded), or -1 when none or more than one entry is.
  int32_t lookup(std::string_view word) const;
  // For a Hangul word of at least kMinHangul syllables (only its first four are read):
  // bit k set for each k in [kMinHangul, max_count] such that lookup() of its first k
  // syllables may find a name (lookup() returns -1 for the others without looking).
  // Inline: the pairs' test, which turns most words away, costs less than a call.
  uint64_t near_hangul_counts(std::string_view word, size_t max_count) const {
    if (word.size() < 12 || pairs_.empty()) return 0;
    // The two loads head_syllables() (fuzzy.cpp) makes: its syllables are these bytes,
    // 24 bits each.
    uint64_t lo;
    uint32_t hi;
    std::memcpy(&lo, word.data(), 8);
    std::memcpy(&hi, word.data() + 8, 4);
    if (!has_pair(lo & 0xFFFFFFFFFFFFull, 0) && !has_pair(lo >> 48 | uint64_t{hi} << 16, 1)) return 0;
    return near_hangul_counts_by_triples(word, max_count);
  }

 private:
  // Symbols of a word: jamo for Hangul, bytes for Latin. Returns the count, 0 when the
  // word is not of one fuzzy-able script or too long.
  static size_t symbols(std::string_view word, char32_t* out, bool& hangul, size_t& units);
  // Hashes of the word (slot n) and of each one-deletion form (slot i: symbol i
  // removed), in O(n) total with a polynomial hash (prefix hashes and powers).
  static void hashes(const char32_t* s, size_t n, uint64_t* out);

  Table<char32_t> symbols_;                    // all names' symbols, back to back
  Table<std::pair<uint32_t, uint32_t>> names_; // offset, length into symbols_
  Table<uint32_t> entries_;                    // per name
  Table<std::pair<uint64_t, uint32_t>> index_; // hash -> name, sorted
  // By the top bits of a hash (h >> directory_shift_), the first entry of index_ with
  // them, and one more entry for the end: a lookup reads its bucket of a few entries, not
  // a binary search's chain of a dozen dependent cache misses through a table of MBs
  // (it was most of a lookup's time).
  Table<uint32_t> directory_;
  unsigned directory_shift_ = 63;
  uint64_t lengths_ = 0;                             // bit per indexed symbol count (< 64)
  Table<uint64_t> filter_;                     // one bit per hash: most words miss here
  size_t filter_mask_ = 0;
  // Hangul: between two words of whole syllables, one jamo edit is a substitution or a
  // final consonant added or dropped (any other edit breaks the syllable structure: a
  // lead jamo must precede a vowel, a final follow one), so the words have the same
  // syllable count and differ in exactly one syllable. Of the first four syllables, the
  // three other than that one are then as they were: bits for (left-out position k,
  // the other three), and apart, with the syllable count too. A word whose four
  // triples all miss the first table is near no name of any length.
  // Both sized in build() at about 32 bits per bit set.
  Table<uint64_t> triples_, counted_triples_;
  unsigned triple_bits_ = 0, counted_bits_ = 0;  // log2 of the tables' bits
  // Before the triples: the one syllable that differs is among the first two or the
  // last two of the four (or neither), so syllables 0-1 or syllables 2-3 are as they
  // were. Bits for both pairs of every name (apart by pair_hash()'s `half`): two tests
  // that turn most words away, where the four triples' hashes and tests cost four times
  // as much. Sized like the triples' tables.
  Table<uint64_t> pairs_;
  unsigned pair_bits_ = 0;
  struct HangulHead {
    char32_t syl[4];  // first four syllables (head_syllables() in fuzzy.cpp)
    uint32_t count;   // syllables
  };
  std::vector<HangulHead> hangul_heads_;  // add() to build()
  // out[k]: the hash of the first four syllables with syl[k] left out, and of k (the
  // syllables below 2^24).
  static void triple_hashes(const char32_t* syl, uint64_t* out);
  // The hash of two syllables' six UTF-8 bytes (`bytes`, low 48 bits), `half` 0 for
  // syllables 0-1 and 1 for 2-3.
  static uint64_t pair_hash(uint64_t bytes, uint64_t half) {
    return (bytes ^ (half * 0xA0761D6478BD642Full)) * 0xE7037ED1A0B428DBull;
  }
  bool has_pair(uint64_t bytes, uint64_t half) const {
    const uint64_t b = pair_hash(bytes, half) >> (64 - pair_bits_);
    return (pairs_[b >> 6] >> (b & 63)) & 1;
  }
  // near_hangul_counts() past the pairs' test.
  uint64_t near_hangul_counts_by_triples(std::string_view word, size_t max_count) const;
  bool may_be_near_hangul(std::string_view word) const;
};

}  // namespace hanfacts::org
