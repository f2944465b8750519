// Build-time generator of the Chinese word table (src/text/zh_words_data.h) from the
// dictionary of jieba, the segmenter Chinese NLP uses most, as Debian ships it
// (python3-jieba, /usr/lib/python3/dist-packages/jieba/dict.txt, MIT licence). Run by the
// build, not by users:
//
//   hanfacts_gen_zh_words DICT.txt OUTPUT.cpp [EXTRA.tsv]
//
// EXTRA.tsv (lexicons/text/zh_words.tsv) adds news words the dictionary lacks ("word
// frequency" rows, '#' comments and a header row): 拨补 "appropriate funds to cover", so
// that 拨|补台|电 is not the best reading of 撥補台電 around the listed 台电. Their
// frequencies count on jieba's scale but not in its total, so every listed word keeps its
// cost.
//
// Each dictionary line is "word frequency part-of-speech". Kept: words of one to four
// BMP Han characters (longer ones never decide a cut next to a short name, the only use;
// see text/zh_words.h). Each word's cost is its negative log probability, scaled by
// kCostScale and rounded, as jieba's own segmentation uses it: the best segmentation of a
// stretch is the one with the least total cost.
//
// Why a generated table, not a lexicon file: the dictionary is another project's data
// (349,046 words with corpus frequencies), read from the Debian package at build time
// rather than copied into this repository.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/utf8.h"
#include "text/zh_words.h"
#include "text/zh_words_data.h"

namespace {

using hanfacts::text::zh_words::kCostScale;  // the scale the readers of the table assume

struct Word {
  uint64_t key;  // code points, 16 bits each, first in the high bits, zero-padded
  uint64_t frequency;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: %s DICT.txt OUTPUT.cpp [EXTRA.tsv]\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read %s (install python3-jieba: tools/setup does)\n", argv[0], argv[1]);
    return 1;
  }
  std::vector<Word> words;
  double total = 0;
  // The word of one to four BMP Han characters on `line` and its frequency, into `words`;
  // false when the line holds none.
  const auto read_word = [&words](const std::string& line, uint64_t& frequency) {
    std::istringstream fields(line);
    std::string word;
    frequency = 0;
    if (!(fields >> word >> frequency) || frequency == 0) return false;
    uint64_t key = 0;
    size_t chars = 0;
    bool han = true;
    for (size_t i = 0; i < word.size() && han;) {
      const char32_t c = hanfacts::text::next_code_point(word, i);
      han = c <= 0xFFFF && hanfacts::text::is_han(c) && ++chars <= 4;
      key = key << 16 | c;
    }
    if (han && chars > 0) words.push_back({key << (16 * (4 - chars)), frequency});
    return true;
  };
  std::string line;
  size_t lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    uint64_t frequency;
    if (read_word(line, frequency)) total += static_cast<double>(frequency);
  }
  if (lines < 1000 || words.empty()) {
    std::fprintf(stderr, "%s: %s holds %zu lines, %zu words: not jieba's dictionary\n", argv[0], argv[1], lines,
                 words.size());
    return 1;
  }
  if (argc == 4) {
    std::ifstream extra(argv[3]);
    if (!extra) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[3]);
      return 1;
    }
    size_t row = 0;
    while (std::getline(extra, line)) {
      ++row;
      if (line.empty() || line[0] == '#' || line.rfind("word\t", 0) == 0) continue;
      const size_t before = words.size();
      uint64_t frequency;
      if (!read_word(line, frequency) || words.size() == before) {
        std::fprintf(stderr, "%s:%zu: expected a word of one to four Han characters and a frequency\n", argv[3], row);
        return 1;
      }
    }
  }
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.key < b.key; });
  // A word listed twice (a Traditional and a Simplified line that are the same
  // characters cannot occur, but be safe) keeps its larger frequency.
  std::vector<Word> unique;
  for (const Word& w : words) {
    if (!unique.empty() && unique.back().key == w.key) {
      unique.back().frequency = std::max(unique.back().frequency, w.frequency);
      continue;
    }
    unique.push_back(w);
  }

  const int unknown_cost = std::clamp(static_cast<int>(std::lround(std::log(total) * kCostScale)), 0, 255);
  const auto cost_of = [total](uint64_t frequency) {
    return std::clamp(static_cast<int>(std::lround(std::log(total / static_cast<double>(frequency)) * kCostScale)), 0, 255);
  };
  // The indexes (zh_words_data.h), so that nothing is built at run time.
  namespace data = hanfacts::text::zh_words_data;
  std::vector<uint64_t> keys;
  std::vector<unsigned char> costs;
  std::vector<unsigned char> single(0x10000, static_cast<unsigned char>(unknown_cost));
  std::vector<uint64_t> pairs(size_t{1} << (data::kPairBits - 6), 0);
  for (const Word& w : unique) {
    keys.push_back(w.key);
    costs.push_back(static_cast<unsigned char>(cost_of(w.frequency)));
    if ((w.key & 0xFFFFFFFFFFFFu) == 0) single[w.key >> 48] = costs.back();
    for (int shift = 48; shift >= 16; shift -= 16) {
      const auto a = static_cast<char32_t>((w.key >> shift) & 0xFFFF);
      const auto b = static_cast<char32_t>((w.key >> (shift - 16)) & 0xFFFF);
      if (b == 0) break;
      const uint32_t h = data::pair_hash(a, b);
      pairs[h >> 6] |= uint64_t{1} << (h & 63);
    }
  }
  // The words by hash (zh_words_data.h): linear probing from word_slot(key), in key order.
  constexpr size_t kSlots = size_t{1} << data::kWordBits;
  if (keys.size() * 4 > kSlots * 3) {
    std::fprintf(stderr, "%s: %zu words fill more than 3/4 of %zu slots: raise kWordBits\n", argv[0], keys.size(), kSlots);
    return 1;
  }
  std::vector<uint64_t> slot_keys(kSlots, 0);
  std::vector<unsigned char> slot_costs(kSlots, 0);
  for (size_t k = 0; k < keys.size(); ++k) {
    size_t i = data::word_slot(keys[k]);
    while (slot_keys[i] != 0) i = (i + 1) & (kSlots - 1);
    slot_keys[i] = keys[k];
    slot_costs[i] = costs[k];
  }

  std::ofstream out(argv[2]);
  out << "// Generated by tools/gen_zh_words.cpp from " << argv[1] << "; do not edit.\n"
      << "#include \"text/zh_words_data.h\"\n\nnamespace hanfacts::text::zh_words_data {\n\n";
  // Each array as one string literal of escaped bytes, in this machine's byte order.
  const auto put_bytes = [&out](const char* name, const char* type, const void* data, size_t size) {
    static const char kHex[] = "0123456789abcdef";
    out << "alignas(8) const " << type << " " << name << "[] =\n\"";
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) {
      out << "\\x" << kHex[bytes[i] >> 4] << kHex[bytes[i] & 15];
      if (i % 64 == 63 && i + 1 < size) out << "\"\n\"";
    }
    out << "\";\n";
  };
  put_bytes("kWordKeys", "char", slot_keys.data(), slot_keys.size() * 8);
  put_bytes("kWordCosts", "unsigned char", slot_costs.data(), slot_costs.size());
  put_bytes("kSingle", "unsigned char", single.data(), single.size());
  put_bytes("kPairs", "char", pairs.data(), pairs.size() * 8);
  out << "const size_t kCount = " << keys.size() << ";\n"
      << "const uint8_t kUnknownCost = " << unknown_cost << ";\n\n"
      << "}  // namespace hanfacts::text::zh_words_data\n";
  if (!out) {
    std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[2]);
    return 1;
  }
  return 0;
}
