#include "text/fold.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "text/fold_data.h"
#include "text/utf8.h"

namespace hanfacts::text {
namespace {

// Hangul and Han counts in one word: Hangul in the low 32 bits, Han in the high ones
// (at most kLangWindow code points are counted, so neither overflows).
constexpr uint64_t kOneHangul = 1, kOneHan = uint64_t{1} << 32;

constexpr uint64_t lang_unit(char32_t c) {
  return is_hangul_syllable(c) ? kOneHangul : is_han(c) ? kOneHan : 0;
}

// lang_unit by BMP block of 64 code points: is_hangul_syllable and is_han start and end
// on block bounds except in two blocks (U+3000 with 〇, U+D780 with the last
// syllables), marked kMixedBlock and decided per code point.
constexpr uint64_t kMixedBlock = uint64_t{1} << 63;
constexpr auto kLangByBlock = [] {
  std::array<uint64_t, 0x10000 / 64> units{};
  for (char32_t block = 0; block < 0x10000 / 64; ++block) {
    int hangul = 0, han = 0;
    for (char32_t c = block * 64; c < block * 64 + 64; ++c) {
      hangul += is_hangul_syllable(c);
      han += is_han(c);
    }
    units[block] = hangul == 64 ? kOneHangul : han == 64 ? kOneHan : hangul + han == 0 ? 0 : kMixedBlock;
  }
  return units;
}();

// Fold results for every BMP code point, from the table generated at build time
// (text/fold_data.h). Outside the BMP (rare in news: extension-B ideographs, emoji)
// code points fold to themselves.
class FoldTable {
 public:
  FoldTable() {
    identity_bits_.fill(~uint64_t{0});
    for (char32_t c = 0xD800; c <= 0xDFFF; ++c) identity_bits_[c >> 6] &= ~(uint64_t{1} << (c & 63));  // fold to ""
    pool_.reserve(64 * 1024);
    for (size_t k = 0; k < fold_data::kEntryCount; ++k) {
      const fold_data::FoldEntry& e = fold_data::kEntries[k];
      offsets_[e.code_point] = static_cast<uint32_t>(pool_.size());
      lengths_[e.code_point] = e.length;
      pool_.append(e.folded, e.length);
      identity_bits_[e.code_point >> 6] &= ~(uint64_t{1} << (e.code_point & 63));
    }
    three_.resize(0x3F10);
    for (uint32_t high = 0x20; high < 0x400; ++high)  // U+0800 and up: three-byte sequences
      three_[(high >> 6) | ((high & 0x3F) << 8)] = Three{identity_bits_[high], kLangByBlock[high]};
  }

  // One bit per BMP code point (8 KB, stays in the L1 cache while text is scanned).
  bool identity(char32_t c) const { return c >= 0x10000 || ((identity_bits_[c >> 6] >> (c & 63)) & 1) != 0; }
  std::string_view folded(char32_t c) const { return {pool_.data() + offsets_[c], lengths_[c]}; }

  // What the scan needs about a three-byte sequence, by its first two bytes: the
  // identity bits and kLangByBlock entry of the 64 code points they start (none are
  // identity below U+0800, where the sequence would be overlong).
  struct Three {
    uint64_t identity = 0;
    uint64_t lang = 0;
  };
  // Indexed by the sequence's first two bytes as a little-endian word masked with 0x3F0F
  // (payload bits 15-12 in bits 3-0, bits 11-6 in bits 13-8): one AND instead of
  // shifting the bits together. Of the table's 16 K entries 1 K are used, in 64 runs
  // of 16 (16 KB touched).
  const Three* three() const { return three_.data(); }

 private:
  std::vector<Three> three_;
  std::string pool_;
  std::array<uint32_t, 0x10000> offsets_{};
  std::array<uint8_t, 0x10000> lengths_{};
  std::array<uint64_t, 0x10000 / 64> identity_bits_{};
};

const FoldTable& table() {
  static const FoldTable* const kTable = new FoldTable();  // built once, never freed
  return *kTable;
}


}  // namespace

void append_folded(std::string& out, char32_t c) {
  const FoldTable& t = table();
  if (t.identity(c)) append_utf8(out, c);
  else out += t.folded(c);
}

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append_folded(out, next_code_point(s, i));
  return out;
}

#if defined(__SSE2__)
// Sixteen bytes at a time (SSE2, every x86-64): the longest prefix of p[0, 16) made of
// ASCII other than upper-case letters and whole three-byte sequences that fold to
// themselves, cut at a code point boundary; 0 when the first code point needs the
// general path. Lead and continuation bytes are classified for all sixteen bytes at
// once, so text that folds to itself takes no branch per character; only the table
// lookups of the sequences remain. Reads p[0, 20). Adds the sequences' language units
// to `counted` when `count`.
size_t scan16(const unsigned char* p, const FoldTable::Three* three, uint64_t& counted, bool count) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const unsigned ascii = ~static_cast<unsigned>(_mm_movemask_epi8(v)) & 0xFFFFu;
  const unsigned upper = static_cast<unsigned>(
      _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x40)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x5B)))));
  const unsigned cont = static_cast<unsigned>(_mm_movemask_epi8(
      _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xC0))), _mm_set1_epi8(static_cast<char>(0x80)))));
  const unsigned lead = static_cast<unsigned>(_mm_movemask_epi8(
      _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xF0))), _mm_set1_epi8(static_cast<char>(0xE0)))));
  // A byte is fine when it is plain ASCII, a three-byte lead, or a continuation byte
  // exactly where a lead one or two bytes before expects one.
  const unsigned bad = (~((ascii & ~upper) | lead | cont) | (cont ^ ((lead << 1) | (lead << 2)))) & 0xFFFFu;
  unsigned end = bad != 0 ? static_cast<unsigned>(__builtin_ctz(bad)) : 16u;
  // A sequence cut by `end` (or by the end of the block) is left for later.
  if (end >= 1 && ((lead >> (end - 1)) & 1u) != 0) end -= 1;
  else if (end >= 2 && ((lead >> (end - 2)) & 1u) != 0) end -= 2;
  uint64_t units = 0;
  for (unsigned leads = lead & ((1u << end) - 1u); leads != 0; leads &= leads - 1) {
    const unsigned q = static_cast<unsigned>(__builtin_ctz(leads));
    uint32_t x;
    std::memcpy(&x, p + q, 4);
    const FoldTable::Three& e = three[x & 0x3F0Fu];
    const uint32_t low = (x >> 16) & 0x3Fu;
    if (((e.identity >> low) & 1) == 0) {  // surrogates and overlong forms are never identity
      end = q;
      break;
    }
    units += e.lang != kMixedBlock ? e.lang : lang_unit(((x & 0x0Fu) << 12) | ((x & 0x3F00u) >> 2) | low);
  }
  if (count) counted += units;
  return end;
}
#endif

FoldedText::FoldedText(std::string_view original) : original_(original) {
  const FoldTable& t = table();
  const auto* s = reinterpret_cast<const unsigned char*>(original.data());
  const size_t n = original.size();
  // One pass. Unchanged bytes are copied in runs, and only once something changes
  // (most Korean and Simplified Chinese news folds to itself: no copy, no map).
  size_t run = 0;  // original bytes [run, i) are unchanged and not yet copied
  bool open = false;  // the last anchor is a length-changing run that ends at (end_f, end_o)
  size_t end_f = 0, end_o = 0;
  // Language counts (lang_unit words) cover the code points that start before folded
  // byte kLangWindow. An unchanged code point at original byte i sits at folded byte
  // i + (folded_.size() - run), so in original bytes the bound is lang_end, which moves
  // only when a replacement changes the length.
  uint64_t lang = 0;
  size_t lang_end = std::min(n, kLangWindow);
  auto add_change = [&](size_t f, size_t o, size_t olen, size_t flen) {
    if (open && end_f == f && end_o == o && anchors_.back().olen == olen && anchors_.back().flen == flen) {
      end_f += flen, end_o += olen;
      return;
    }
    if (open && (end_f != f || end_o != o))
      anchors_.push_back({static_cast<uint32_t>(end_f), static_cast<uint32_t>(end_o), 0, 0});
    const Anchor a{static_cast<uint32_t>(f), static_cast<uint32_t>(o), static_cast<uint8_t>(olen),
                   static_cast<uint8_t>(flen)};
    if (anchors_.back().folded == a.folded && anchors_.back().original == a.original) anchors_.back() = a;
    else anchors_.push_back(a);
    open = true;
    end_f = f + flen, end_o = o + olen;
  };
  auto replace = [&](size_t at, size_t end, std::string_view rep) {
    if (identity_) {
      identity_ = false;
      folded_.reserve(n + 16);
      anchors_.push_back({});
    }
    folded_.append(original.data() + run, at - run);
    for (size_t k = 0; k < rep.size() && folded_.size() + k < kLangWindow;) lang += lang_unit(next_code_point(rep, k));
    if (rep.size() != end - at) add_change(folded_.size(), at, end - at, rep.size());
    folded_ += rep;
    run = end;
    lang_end = folded_.size() >= kLangWindow + run ? 0 : std::min(n, kLangWindow + run - folded_.size());
  };
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
    // Blocks wholly inside or wholly past the language window (else the loops below).
    // (Not at an upper-case letter, which the block would give back at once.)
    if (i + 20 <= n && static_cast<unsigned>(s[i] - 'A') >= 26u && (i + 16 <= lang_end || i >= lang_end)) {
      const size_t k = scan16(s + i, t.three(), lang, i < lang_end);
      if (k != 0) {
        i += k;
        continue;
      }
    }
#endif
    const unsigned b = s[i];
    if (b < 0x80) {
      // ASCII eight bytes at a time up to the first byte that is not ASCII or is an
      // upper-case letter (spaces, digits, punctuation and lower-case Latin fold to
      // themselves). Per byte: b + 0x3F has its top bit set iff b >= 'A', b + 0x25 iff
      // b > 'Z'; a byte >= 0x80 may carry into the next ones, but only bytes after the
      // first stop are disturbed and those are not used.
      if (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, s + i, 8);
        const uint64_t stop = (w & kHigh) | ((w + 0x3F3F3F3F3F3F3F3Full) & ~(w + 0x2525252525252525ull) & kHigh);
        if (stop == 0) {
          i += 8;
          continue;
        }
        const size_t skip = static_cast<size_t>(__builtin_ctzll(stop)) >> 3;  // little-endian byte order
        if (skip > 0) {
          i += skip;
          continue;
        }
      }
      if (b - 'A' < 26u) {
        const char lower = static_cast<char>(b | 0x20);
        if (identity_) {
          replace(i, i + 1, std::string_view(&lower, 1));
        } else {  // same length, not counted for language: no anchor, no count
          folded_.append(original.data() + run, i - run);
          folded_ += lower;
          run = i + 1;
        }
      }
      ++i;
      continue;
    }
    // Three-byte code points (Hangul, Han) that fold to themselves, and the ASCII
    // between them: the common case, taken in a tight loop. One four-byte load checks
    // the lead and continuation bits of a sequence.
    if (i + 4 <= n) {
      // Locals, so that the loop keeps them in registers (the lambdas above see `lang`).
      const FoldTable::Three* const three = t.three();
      const size_t count_end = lang_end, last = n - 4;
      uint64_t counted = 0;
      size_t k = i;
      do {
        uint32_t x;
        std::memcpy(&x, s + k, 4);
        if ((x & 0x80u) == 0) {  // ASCII (little-endian: the first byte is the low one)
          if ((x & 0xFFu) - 'A' < 26u) break;
          ++k;
          continue;
        }
        if ((x & 0xC0C0F0u) != 0x8080E0u) break;  // not 1110xxxx 10xxxxxx 10xxxxxx
        const FoldTable::Three& e = three[x & 0x3F0Fu];
        const uint32_t low = (x >> 16) & 0x3Fu;
        if (((e.identity >> low) & 1) == 0) break;  // surrogates are never identity
        if (k < count_end) {
          counted += e.lang != kMixedBlock ? e.lang : lang_unit(((x & 0x0Fu) << 12) | ((x & 0x3F00u) >> 2) | low);
        }
        k += 3;
      } while (k <= last);
      lang += counted;
      if (k != i) {
        i = k;
        continue;
      }
    }
    size_t j = i;
    const char32_t c = next_code_point(original, j);
    if (c == kReplacement && j - i != 3) {
      if (first_invalid_ == std::string_view::npos) first_invalid_ = i;
      replace(i, j, "\xEF\xBF\xBD");
    } else if (!t.identity(c)) {
      // Counted with the folded Han that `replace` adds, over the same window.
      if (is_han(c) && folded_.size() + (i - run) < kLangWindow) ++traditional_;
      replace(i, j, t.folded(c));
    } else if (i < lang_end) {
      lang += lang_unit(c);
    }
    i = j;
  }
  hangul_ = static_cast<uint32_t>(lang);
  han_ = static_cast<size_t>(lang >> 32);
  if (identity_) return;
  folded_.append(original.data() + run, n - run);
  if (open && (end_f != folded_.size() || end_o != n))
    anchors_.push_back({static_cast<uint32_t>(end_f), static_cast<uint32_t>(end_o), 0, 0});
  anchors_.push_back({static_cast<uint32_t>(folded_.size()), static_cast<uint32_t>(n), 0, 0});
  anchors_.shrink_to_fit();
}

size_t FoldedText::start_in(const Anchor& a, size_t i) const {
  if (a.olen == 0) {
    // Same lengths on both sides: the byte itself, moved back to its code point's start
    // (valid UTF-8 from a.original on, since malformed bytes are runs of their own).
    size_t o = a.original + (i - a.folded);
    while (o > a.original && (static_cast<unsigned char>(original_[o]) & 0xC0) == 0x80) --o;
    return o;
  }
  if (a.flen == 0) return a.original;  // folds to nothing (never holds a byte)
  return a.original + (i - a.folded) / a.flen * a.olen;
}

size_t FoldedText::to_original_start(size_t i) const {
  if (identity_) return i;
  if (i >= folded_.size()) return original_.size();
  // The last anchor at or before i holds byte i (anchors_[0] is at 0).
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), i,
                             [](size_t v, const Anchor& a) { return v < a.folded; });
  return start_in(*std::prev(it), i);
}

size_t FoldedText::to_original_end(size_t end) const {
  if (identity_ || end == 0) return end;
  if (end >= folded_.size()) return original_.size();
  // If folded byte `end` starts a new original code point, the span ends right there.
  const size_t at_end = to_original_start(end), before = to_original_start(end - 1);
  if (at_end != before) return at_end;
  // Otherwise the span ends inside one code point's expansion; extend to its end.
  size_t j = before;
  next_code_point(original_, j);
  return j;
}

size_t FoldedText::Cursor::start(size_t i) {
  if (f_.identity_) return i;
  if (i >= f_.folded_.size()) return f_.original_.size();
  const std::vector<Anchor>& anchors = f_.anchors_;
  if (anchors[anchor_].folded > i) {  // behind the last offset: search again
    anchor_ = static_cast<size_t>(std::upper_bound(anchors.begin(), anchors.end(), i,
                                                   [](size_t v, const Anchor& a) { return v < a.folded; }) -
                                  anchors.begin()) - 1;
  } else {
    while (anchor_ + 1 < anchors.size() && anchors[anchor_ + 1].folded <= i) ++anchor_;
  }
  return f_.start_in(anchors[anchor_], i);
}

size_t FoldedText::Cursor::end(size_t end) {
  if (f_.identity_ || end == 0) return end;
  if (end >= f_.folded_.size()) return f_.original_.size();
  // As to_original_end, with the two lookups in increasing order.
  const size_t before = start(end - 1), at_end = start(end);
  if (at_end != before) return at_end;
  size_t j = before;
  next_code_point(f_.original_, j);
  return j;
}

}  // namespace hanfacts::text
