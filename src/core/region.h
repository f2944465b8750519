// The region a Chinese-language article is written for: mainland China, Taiwan, Hong Kong
// or Macau. Some words mean different things by region, and the article rarely says
// which: 財政部 in Taiwanese news is Taiwan's Ministry of Finance, and a bare 元 there is
// the New Taiwan dollar (营收1,234億元), in Hong Kong news the Hong Kong dollar, in Macau
// news the pataca.
//
//   auto detector = RegionDetector::create(lexicon::builtin_sources("region"));
//   Region r = detector.value().detect(folded);   // kNone when nothing says
//
// Evidence, read from the document's head (text::FoldedText::kLangWindow) like its
// language: marker words (lexicons/region/markers.tsv: 新台幣, 港元 ...) in the original
// text, the region with most occurrences winning (ties: tw, hk, mo, cn); without any, text
// written mostly in Traditional characters counts as Taiwanese. A marker written the
// same in both scripts (港元, 香港) counts only in Traditional text: mainland news
// writes it too (a dividend of 2.49港元 in a report on China Mobile), while one in
// Traditional characters (新台幣, 港幣) is itself a sign of Taiwanese or Hong Kong writing.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hanfacts/status.h"
#include "lexicon/sources.h"
#include "text/fold.h"

namespace hanfacts::core {

enum class Region { kNone, kCn, kTw, kHk, kMo };

// "", "cn", "tw", "hk", "mo": the codes of the lexicons' `region` columns.
std::string_view region_code(Region region);
// The region of a code; kNone for "" or an unknown code.
Region region_from_code(std::string_view code);

class RegionDetector {
 public:
  RegionDetector() = default;
  // Reads marker files (columns: marker, region). An error names the file and line.
  static Result<RegionDetector> create(std::span<const lexicon::Source> sources);

  Region detect(const text::FoldedText& folded) const;

 private:
  struct Marker {
    std::string text;  // as written in the region's script, not folded
    Region region;
    bool both_scripts;  // folds to itself: written so in Simplified text too
  };
  // Where markers can start (all of them so far): a three-byte first code point. The
  // head is then read once, looking its three-byte sequences up in a small hash of
  // those first code points, instead of once per marker (a memmem each).
  struct Start {
    uint32_t key = 0;  // the first three bytes, little-endian; 0: an empty slot
    uint16_t begin = 0, end = 0;  // markers_[begin, end) start with them
  };
  static size_t start_slot(uint32_t key) { return (key * 0x9E3779B1u) >> (32 - kStartBits); }
  // A filter in front of that hash, on the low six bits of a start's second and third
  // bytes (bit b3 & 63 of word b2 & 63): a handful of starts among the 4,096 pairs, so
  // nearly every code point of the head is passed over with one table load and a shift
  // instead of a hash, a probe and a comparison.
  bool may_start(const unsigned char* s) const { return (start_tails_[s[1] & 63] >> (s[2] & 63)) & 1; }
  // The starts as a byte filter for 32 positions at a time (region.cpp's AVX2 scan):
  // each start in one of eight buckets, each bucket a set of lead, second and third
  // bytes, written as nibble sets: bit b of lead_lo[b0 & 15] says that a lead byte
  // E0..EF with that low nibble belongs to bucket b, second_lo / second_hi and third_lo
  // / third_hi do the same for the second and third bytes' low and high nibbles. A
  // position passes when its three bytes share a bucket: a superset of the starts,
  // tested exactly after it (may_start, then the hash). The head's Han characters,
  // nearly all of them not starts, are then passed over 32 bytes at a time instead of
  // one by one.
  struct StartFilter {
    alignas(16) std::array<unsigned char, 16> lead_lo{}, second_lo{}, second_hi{}, third_lo{}, third_hi{};
  };
  static constexpr unsigned kStartBits = 7;
  void count_by_starts(std::string_view head, bool valid, bool traditional_text, size_t* counts) const;

  std::vector<Marker> markers_;       // those that open with a three-byte sequence first, by it
  size_t by_start_ = 0;               // markers_[0, by_start_) are found through starts_
  std::vector<Start> starts_;         // 1 << kStartBits slots, open addressing
  uint64_t start_tails_[64] = {};     // may_start's filter
  StartFilter start_filter_;          // the vector scan's filter
};

}  // namespace hanfacts::core
