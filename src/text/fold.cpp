#include "text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>

#include "text/utf8.h"

namespace hanfacts::text {
namespace {

// Fold results for every BMP code point, computed once with ICU. Outside the BMP
// (rare in news: extension-B ideographs, emoji) code points fold to themselves.
class FoldTable {
 public:
  FoldTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    std::unique_ptr<icu::Transliterator> t2s(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t2s.reset();

    std::array<icu::UnicodeString, 0x10000> folded;
    // Han code points go through the transliterator in one batch, separated by
    // newlines, because one call per character costs tens of milliseconds in all.
    icu::UnicodeString batch;
    std::vector<char32_t> batch_cps;
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      icu::UnicodeString s(static_cast<UChar32>(c));
      UErrorCode st = U_ZERO_ERROR;
      icu::UnicodeString n = nfkc ? nfkc->normalize(s, st) : s;
      if (U_FAILURE(st)) n = s;
      if (n.length() == 1 && is_han(n.charAt(0)) && t2s) {
        batch += n;
        batch += u'\n';
        batch_cps.push_back(c);
      }
      folded[c] = n;
    }
    if (t2s) {
      t2s->transliterate(batch);
      int32_t pos = 0;
      std::vector<icu::UnicodeString> parts;
      while (pos < batch.length()) {
        int32_t nl = batch.indexOf(u'\n', pos);
        if (nl < 0) nl = batch.length();
        parts.emplace_back(batch, pos, nl - pos);
        pos = nl + 1;
      }
      // The transform is character-based for single characters; if a count mismatch
      // ever appears (a future ICU merging across newlines), keep NFKC results.
      if (parts.size() == batch_cps.size()) {
        for (size_t k = 0; k < parts.size(); ++k) folded[batch_cps[k]] = parts[k];
      }
    }
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) { identity_[c] = false; offsets_[c] = 0; continue; }
      icu::UnicodeString lowered = folded[c];
      // Lowercase Latin (and full-width Latin after NFKC); keep other scripts as they are.
      icu::UnicodeString out;
      for (int32_t k = 0; k < lowered.length();) {
        UChar32 cp = lowered.char32At(k);
        k += U16_LENGTH(cp);
        UErrorCode script_status = U_ZERO_ERROR;
      if (u_hasBinaryProperty(cp, UCHAR_UPPERCASE) && uscript_getScript(cp, &script_status) == USCRIPT_LATIN) {
          out.append(u_tolower(cp));
        } else {
          out.append(cp);
        }
      }
      std::string utf8;
      out.toUTF8String(utf8);
      offsets_[c] = static_cast<uint32_t>(pool_.size());
      pool_ += utf8;
      lengths_[c] = static_cast<uint8_t>(utf8.size());
      identity_[c] = out.length() == U16_LENGTH(c) && out.char32At(0) == static_cast<UChar32>(c);
    }
  }

  bool identity(char32_t c) const { return c >= 0x10000 || identity_[c]; }
  std::string_view folded(char32_t c) const { return {pool_.data() + offsets_[c], lengths_[c]}; }

 private:
  std::string pool_;
  std::array<uint32_t, 0x10000> offsets_{};
  std::array<uint8_t, 0x10000> lengths_{};
  std::array<bool, 0x10000> identity_{};
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

FoldedText::FoldedText(std::string_view original) : original_(original) {
  const FoldTable& t = table();
  const auto* s = reinterpret_cast<const unsigned char*>(original.data());
  const size_t n = original.size();
  // One pass. Unchanged bytes are copied in runs, and only once something changes
  // (most Korean and Simplified Chinese news folds to itself: no copy, no map).
  size_t run = 0;  // original bytes [run, i) are unchanged and not yet copied
  bool open = false;  // the last anchor is a length-changing run that ends at (end_f, end_o)
  size_t end_f = 0, end_o = 0;
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
    if (rep.size() != end - at) add_change(folded_.size(), at, end - at, rep.size());
    folded_ += rep;
    run = end;
  };
  size_t i = 0;
  while (i < n) {
    const unsigned b = s[i];
    if (b < 0x80) {
      if (b - 'A' < 26u) {
        const char lower = static_cast<char>(b | 0x20);
        replace(i, i + 1, std::string_view(&lower, 1));
      }
      ++i;
      continue;
    }
    // Three-byte code points (Hangul, Han) that fold to themselves: the common case.
    if ((b & 0xF0) == 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      const char32_t c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      if (c >= 0x800 && t.identity(c)) {  // surrogates are never identity
        i += 3;
        continue;
      }
    }
    size_t j = i;
    const char32_t c = next_code_point(original, j);
    if (c == kReplacement && j - i != 3) {
      if (first_invalid_ == std::string_view::npos) first_invalid_ = i;
      replace(i, j, "\xEF\xBF\xBD");
    } else if (!t.identity(c)) {
      replace(i, j, t.folded(c));
    }
    i = j;
  }
  if (identity_) return;
  folded_.append(original.data() + run, n - run);
  if (open && (end_f != folded_.size() || end_o != n))
    anchors_.push_back({static_cast<uint32_t>(end_f), static_cast<uint32_t>(end_o), 0, 0});
  anchors_.push_back({static_cast<uint32_t>(folded_.size()), static_cast<uint32_t>(n), 0, 0});
  anchors_.shrink_to_fit();
}

size_t FoldedText::to_original_start(size_t i) const {
  if (identity_) return i;
  if (i >= folded_.size()) return original_.size();
  // The last anchor at or before i holds byte i (anchors_[0] is at 0).
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), i,
                             [](size_t v, const Anchor& a) { return v < a.folded; });
  const Anchor& a = *std::prev(it);
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

}  // namespace hanfacts::text
