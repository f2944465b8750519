#include "core/region.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "lexicon/tsv.h"

namespace hanfacts::core {

std::string_view region_code(Region region) {
  switch (region) {
    case Region::kCn: return "cn";
    case Region::kTw: return "tw";
    case Region::kHk: return "hk";
    case Region::kMo: return "mo";
    case Region::kNone: break;
  }
  return {};
}

Region region_from_code(std::string_view code) {
  for (Region r : {Region::kCn, Region::kTw, Region::kHk, Region::kMo})
    if (code == region_code(r)) return r;
  return Region::kNone;
}

Result<RegionDetector> RegionDetector::create(std::span<const lexicon::Source> sources) {
  RegionDetector detector;
  for (const lexicon::Source& source : sources) {
    auto parsed = lexicon::parse_tsv(source.content, source.name, {"marker", "region"});
    if (!parsed.ok()) return parsed.status();
    const lexicon::Table& t = parsed.value();
    for (const lexicon::Row& row : t.rows()) {
      const Region region = region_from_code(t.cell(row, "region"));
      if (region == Region::kNone)
        return t.error(row, "region", "unknown value '" + std::string(t.cell(row, "region")) + "' (cn, tw, hk or mo)");
      const size_t before = detector.markers_.size();
      for (std::string_view m : lexicon::split_values(t.cell(row, "marker")))
        detector.markers_.push_back({std::string(m), region, text::fold(m) == m});
      if (detector.markers_.size() == before) return t.error(row, "marker", "empty marker");
    }
  }
  return detector;
}

Region RegionDetector::detect(const text::FoldedText& folded) const {
  const std::string_view whole = folded.original();
  const std::string_view head = whole.substr(0, std::min(whole.size(), text::FoldedText::kLangWindow));
  // Occurrences per region, in the order that breaks ties.
  constexpr Region kOrder[] = {Region::kTw, Region::kHk, Region::kMo, Region::kCn};
  size_t counts[std::size(kOrder)] = {};
  // Traditional-only characters are a tenth or more of the Han in Traditional text, and
  // next to none in Simplified text (which folds to itself but for a stray character).
  const size_t han = folded.han_count(), traditional = folded.traditional_count();
  const bool traditional_text = han > 0 && traditional * 10 >= han;
  // Without a Traditional character no marker can count: the ones that have one cannot
  // occur, the others count only in Traditional text. Most Chinese articles stop here.
  if (traditional == 0) return Region::kNone;
  for (const Marker& mk : markers_) {
    if (mk.both_scripts && !traditional_text) continue;
    const size_t r = static_cast<size_t>(std::find(std::begin(kOrder), std::end(kOrder), mk.region) - std::begin(kOrder));
    // memmem, not string_view::find: a marker's first byte is a lead byte that Chinese
    // text holds every third byte, which a first-byte search stops at.
    for (size_t at = 0; at + mk.text.size() <= head.size();) {
      const void* hit = memmem(head.data() + at, head.size() - at, mk.text.data(), mk.text.size());
      if (!hit) break;
      ++counts[r];
      at = static_cast<size_t>(static_cast<const char*>(hit) - head.data()) + mk.text.size();
    }
  }
  const size_t best = static_cast<size_t>(std::max_element(std::begin(counts), std::end(counts)) - std::begin(counts));
  if (counts[best] > 0) return kOrder[best];
  return traditional_text ? Region::kTw : Region::kNone;
}

}  // namespace hanfacts::core
