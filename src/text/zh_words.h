// Chinese word boundaries, for names matched in text without spaces. A short name found
// inside a Chinese sentence may straddle two words (灵犀动|力成|立 holds the listed 力成,
// 其|中投|向 holds 中投): the sentence is then better read without it. This asks the
// question the way jieba's segmentation would answer it, over a few characters around
// the name, with jieba's dictionary (a table generated at build time from Debian's
// python3-jieba; see tools/gen_zh_words.cpp):
//
//   const char32_t run[] = {U'动', U'力', U'成', U'立', U'于'};
//   text::zh_words::crosses_edge(run, 1, 3);   // true: 动力|成立|于 is the better reading
//
// Thread-safe; no set-up (the table is static data).
#pragma once

#include <cstddef>
#include <span>

namespace hanfacts::text::zh_words {

// The cost of the word `chars` (one to four Han characters), or -1 when the dictionary
// does not list it. Costs are negative log probabilities times kCostScale.
inline constexpr double kCostScale = 10.0;
int cost(std::span<const char32_t> chars);

// False when no listed word holds `a` right before `b`: then no word crosses a cut
// between them, and a name that starts or ends there needs no segmentation. True may be
// by chance (a hash filter).
bool may_join(char32_t a, char32_t b);

// Whether a word of the least-cost segmentation of `chars` (at most kMaxChars Han
// characters) crosses an edge of [a, b): starts before `a` and ends inside, or starts
// inside and ends after `b`. A word that holds all of [a, b) crosses nothing (京东商城
// around 京东), nor do words inside it. [a, b) counts as a word too: what the dictionary
// lists for it (京东方 is rarer than 京东 + 方面), or `name_cost` when it is not listed,
// by default kNameCost: a word about as common as ordinary nouns, so that a name wins over
// single characters but loses to two real words across it. `common_name` makes a listed
// [a, b) cost no more than that: for a name the caller knows to be commoner where the
// text comes from than jieba's counts (mainland text) say.
inline constexpr size_t kMaxChars = 16;
inline constexpr int kNameCost = 110;  // about frequency 1,000 in jieba's 60 M
bool crosses_edge(std::span<const char32_t> chars, size_t a, size_t b, int name_cost = kNameCost,
                  bool common_name = false);

}  // namespace hanfacts::text::zh_words
