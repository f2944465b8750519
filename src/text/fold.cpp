#include "text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

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
  // Fast scan: ASCII other than uppercase letters, and code points that fold to
  // themselves, need no copy. Most Korean and Simplified Chinese news is like that.
  size_t i = 0;
  while (i < original.size()) {
    const auto b = static_cast<unsigned char>(original[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') break;
      ++i;
      continue;
    }
    size_t j = i;
    char32_t c = next_code_point(original, j);
    if (c == kReplacement && j - i != 3) break;  // malformed: map it explicitly
    if (!t.identity(c)) break;
    i = j;
  }
  if (i == original.size()) return;

  identity_ = false;
  folded_.reserve(original.size() + 16);
  to_orig_.reserve(original.size() + 17);
  folded_.append(original.substr(0, i));
  for (size_t k = 0; k < i; ++k) to_orig_.push_back(static_cast<uint32_t>(k));
  // For bytes copied unchanged, each byte maps to its code point's start.
  for (size_t k = 0; k < i; ++k) {
    if ((static_cast<unsigned char>(original[k]) & 0xC0) == 0x80) to_orig_[k] = to_orig_[k - 1];
  }
  while (i < original.size()) {
    const size_t start = i;
    const char32_t c = next_code_point(original, i);
    if (c == kReplacement && i - start != 3) append_utf8(folded_, kReplacement);
    else append_folded(folded_, c);
    to_orig_.resize(folded_.size(), static_cast<uint32_t>(start));
  }
  to_orig_.push_back(static_cast<uint32_t>(original.size()));
}

size_t FoldedText::to_original_start(size_t i) const { return identity_ ? i : to_orig_[i]; }

size_t FoldedText::to_original_end(size_t end) const {
  if (identity_ || end == 0) return end;
  if (end >= folded_.size()) return original_.size();
  // If folded byte `end` starts a new original code point, the span ends right there.
  if (to_orig_[end] != to_orig_[end - 1]) return to_orig_[end];
  // Otherwise the span ends inside one code point's expansion; extend to its end.
  size_t j = to_orig_[end - 1];
  next_code_point(original_, j);
  return j;
}

}  // namespace hanfacts::text
