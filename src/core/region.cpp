#include "core/region.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HANFACTS_REGION_AVX2 1
#endif

#include "lexicon/tsv.h"
#include "text/cpu.h"

namespace hanfacts::core {
namespace {

// Regions in the order that breaks ties between equal marker counts.
constexpr Region kOrder[] = {Region::kTw, Region::kHk, Region::kMo, Region::kCn};

size_t order_of(Region region) {
  return static_cast<size_t>(std::find(std::begin(kOrder), std::end(kOrder), region) - std::begin(kOrder));
}

#if defined(HANFACTS_REGION_AVX2)
const bool kHasAvx2 = text::cpu::avx2();

[[gnu::target("avx2"), gnu::always_inline]] inline __m256i table(const std::array<unsigned char, 16>& a) {
  return _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(a.data())));
}

// Per 32-byte block of s[0, 32 * blocks), a mask of the positions that pass `filter`
// (RegionDetector::StartFilter): a lead byte E0..EF whose lead, second and third bytes
// share a bucket. Reads s[0, 32 * blocks + 2). (A template: the filter's type is
// private to RegionDetector.)
template <class Filter>
[[gnu::target("avx2")]] void fill_start_masks_avx2(const unsigned char* s, size_t blocks, const Filter& filter,
                                                   uint32_t* masks) {
  const __m256i nib = _mm256_set1_epi8(0x0F), high = _mm256_set1_epi8(static_cast<char>(0xF0));
  const __m256i lead3 = _mm256_set1_epi8(static_cast<char>(0xE0)), zero = _mm256_setzero_si256();
  const __m256i lead_lo = table(filter.lead_lo), second_lo = table(filter.second_lo),
                second_hi = table(filter.second_hi), third_lo = table(filter.third_lo),
                third_hi = table(filter.third_hi);
  for (size_t b = 0; b < blocks; ++b, s += 32) {
    const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s));
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + 1));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + 2));
    // The lead tables hold bits for low nibbles alone: the high one is tested apart.
    const __m256i lead = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(v0, high), lead3),
                                          _mm256_shuffle_epi8(lead_lo, _mm256_and_si256(v0, nib)));
    const __m256i v1_hi = _mm256_and_si256(_mm256_srli_epi16(v1, 4), nib);
    const __m256i v2_hi = _mm256_and_si256(_mm256_srli_epi16(v2, 4), nib);
    const __m256i second = _mm256_and_si256(_mm256_shuffle_epi8(second_lo, _mm256_and_si256(v1, nib)),
                                            _mm256_shuffle_epi8(second_hi, v1_hi));
    const __m256i third = _mm256_and_si256(_mm256_shuffle_epi8(third_lo, _mm256_and_si256(v2, nib)),
                                           _mm256_shuffle_epi8(third_hi, v2_hi));
    const __m256i none = _mm256_cmpeq_epi8(_mm256_and_si256(lead, _mm256_and_si256(second, third)), zero);
    masks[b] = ~static_cast<uint32_t>(_mm256_movemask_epi8(none));
  }
}
#endif

}  // namespace

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
  // Markers that open with a three-byte sequence first, grouped by it.
  auto key_of = [](const Marker& m) -> uint32_t {
    const auto* b = reinterpret_cast<const unsigned char*>(m.text.data());
    if (m.text.size() < 3 || (b[0] & 0xF0) != 0xE0) return 0;
    return uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16;
  };
  std::stable_sort(detector.markers_.begin(), detector.markers_.end(), [&](const Marker& a, const Marker& b) {
    const uint32_t ka = key_of(a), kb = key_of(b);
    return (ka != 0) != (kb != 0) ? ka != 0 : ka < kb;
  });
  std::vector<Marker>& markers = detector.markers_;
  size_t n = 0;
  while (n < markers.size() && key_of(markers[n]) != 0) ++n;
  // Slots for at most half the table, and marker indices that fit a Start.
  size_t keys = 0;
  for (size_t k = 0; k < n; ++k) keys += k == 0 || key_of(markers[k]) != key_of(markers[k - 1]);
  if (2 * keys <= (size_t{1} << kStartBits) && n <= UINT16_MAX) {
    detector.by_start_ = n;
    detector.starts_.assign(size_t{1} << kStartBits, Start{});
    size_t starts = 0;
    for (size_t k = 0; k < n;) {
      const uint32_t key = key_of(markers[k]);
      size_t end = k;
      while (end < n && key_of(markers[end]) == key) ++end;
      size_t slot = start_slot(key);
      while (detector.starts_[slot].key != 0) slot = (slot + 1) & ((size_t{1} << kStartBits) - 1);
      detector.starts_[slot] = Start{key, static_cast<uint16_t>(k), static_cast<uint16_t>(end)};
      detector.start_tails_[(key >> 8) & 63] |= uint64_t{1} << ((key >> 16) & 63);
      // The starts go round the buckets in turn (a handful of them: few share one).
      StartFilter& f = detector.start_filter_;
      const auto bit = static_cast<unsigned char>(1u << (starts % 8));
      f.lead_lo[key & 15] |= bit;
      f.second_lo[(key >> 8) & 15] |= bit, f.second_hi[(key >> 12) & 15] |= bit;
      f.third_lo[(key >> 16) & 15] |= bit, f.third_hi[(key >> 20) & 15] |= bit;
      ++starts;
      k = end;
    }
  }
  return detector;
}

Region RegionDetector::detect(const text::FoldedText& folded) const {
  const std::string_view whole = folded.original();
  const std::string_view head = whole.substr(0, std::min(whole.size(), text::FoldedText::kLangWindow));
  // Occurrences per region, in kOrder.
  size_t counts[std::size(kOrder)] = {};
  // Traditional-only characters are a tenth or more of the Han in Traditional text, and
  // next to none in Simplified text (which folds to itself but for a stray character).
  const size_t han = folded.han_count(), traditional = folded.traditional_count();
  const bool traditional_text = han > 0 && traditional * 10 >= han;
  // Without a Traditional character no marker can count: the ones that have one cannot
  // occur, the others count only in Traditional text. Most Chinese articles stop here.
  if (traditional == 0) return Region::kNone;
  if (by_start_ > 0) count_by_starts(head, folded.first_invalid() == std::string_view::npos, traditional_text, counts);
  for (size_t k = by_start_; k < markers_.size(); ++k) {
    const Marker& mk = markers_[k];
    if (mk.both_scripts && !traditional_text) continue;
    const size_t r = order_of(mk.region);
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

// Counts the occurrences of markers_[0, by_start_) in `head` into counts (kOrder's
// order), as a memmem from the end of each marker's last occurrence would: every lead
// byte of a three-byte sequence is looked up, and an occurrence counts unless it
// overlaps the last one of the same marker. In valid UTF-8 (`valid`) lead bytes stand
// only where code points start, so the scan steps by code points; in malformed text a
// lead byte may stand anywhere, and every byte is tried. With AVX2, every byte is tried
// 32 at a time, through start_filter_ first.
void RegionDetector::count_by_starts(std::string_view head, bool valid, bool traditional_text, size_t* counts) const {
  constexpr size_t kSmall = 64;
  size_t small[kSmall];
  std::vector<size_t> large;
  size_t* last_end = small;  // per marker: where its last counted occurrence ends
  if (by_start_ > kSmall) {
    large.resize(by_start_);
    last_end = large.data();
  }
  std::fill(last_end, last_end + by_start_, size_t{0});
  const auto* s = reinterpret_cast<const unsigned char*>(head.data());
  const size_t n = head.size();
  const size_t mask = (size_t{1} << kStartBits) - 1;
  // Counts the markers that occur at s[i], a three-byte lead byte with two bytes after it.
  const auto count_at = [&](size_t i) {
    const uint32_t key = uint32_t{s[i]} | uint32_t{s[i + 1]} << 8 | uint32_t{s[i + 2]} << 16;
    size_t slot = start_slot(key);
    while (starts_[slot].key != 0 && starts_[slot].key != key) slot = (slot + 1) & mask;
    const Start& st = starts_[slot];
    if (st.key == 0) return;
    for (size_t k = st.begin; k < st.end; ++k) {
      const Marker& mk = markers_[k];
      if ((mk.both_scripts && !traditional_text) || i < last_end[k] || n - i < mk.text.size() ||
          std::memcmp(s + i, mk.text.data(), mk.text.size()) != 0)
        continue;
      ++counts[order_of(mk.region)];
      last_end[k] = i + mk.text.size();
    }
  };
  size_t from = 0;  // where the byte by byte scans below start
#if defined(HANFACTS_REGION_AVX2)
  // Every byte is tried, as in malformed text: in valid UTF-8 the bytes E0..EF stand
  // only where three-byte code points start, so this is the scan by code points too.
  if (kHasAvx2 && n >= 34) {
    constexpr size_t kWindow = 64;  // blocks per call
    uint32_t masks[kWindow];
    const size_t blocks = (n - 2) / 32;  // each reads two bytes past its end
    for (size_t b0 = 0; b0 < blocks; b0 += kWindow) {
      const size_t count = std::min(kWindow, blocks - b0);
      fill_start_masks_avx2(s + 32 * b0, count, start_filter_, masks);
      for (size_t b = 0; b < count; ++b)
        for (uint32_t m = masks[b]; m != 0; m &= m - 1) {
          const size_t i = 32 * (b0 + b) + static_cast<size_t>(__builtin_ctz(m));
          if (may_start(s + i)) count_at(i);
        }
    }
    from = 32 * blocks;
  }
#endif
  // The rest byte by byte after the blocks (their end may fall inside a code point).
  if (!valid || from > 0) {
    for (size_t i = from; i + 3 <= n; ++i)
      if ((s[i] & 0xF0) == 0xE0 && may_start(s + i)) count_at(i);
    return;
  }
  for (size_t i = 0; i + 3 <= n;) {
    const unsigned b = s[i];
    if ((b & 0xF0) == 0xE0) {  // most code points of Chinese text: tested first
      if (may_start(s + i)) count_at(i);
      i += 3;
      continue;
    }
    i += b < 0xC0 ? 1 : b < 0xE0 ? 2 : 4;  // the length of the code point b opens
  }
}

}  // namespace hanfacts::core
