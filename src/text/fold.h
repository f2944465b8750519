// Folding: the one normalization every recognizer and every lexicon key goes through,
// so that a name or rule is written once, not once per script or width.
//
//   fold(c) = lowercase(Traditional->Simplified(NFKC(c)))      per code point
//
// NFKC turns full-width digits and letters into ASCII (２０２５ -> 2025), compatibility
// ideographs into unified ones and U+3000 into a space; ICU's Traditional-Simplified
// transform maps 萬->万, 億->亿, 貳->贰, 國->国; Latin letters are lowercased. Folding is
// per code point (no composition across characters), which keeps the offset map exact:
// every folded byte knows the original code point it came from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hanfacts::text {

class FoldBuilder;

// Text as recognizers see it, with the way back to the original.
class FoldedText {
  struct Anchor;  // an entry of the offset map (below)

 public:
  FoldedText() = default;
  // Folds `original` (UTF-8; malformed bytes become U+FFFD). `original` must outlive
  // this object.
  explicit FoldedText(std::string_view original);
  // Folds another text in place of the last one, keeping the room of its copy and
  // offset map: one FoldedText reused from document to document costs no allocation
  // per document (a new one cost several: the copy, the map's doublings).
  void assign(std::string_view original);

  // The folded text that recognizers scan.
  std::string_view text() const { return identity_ ? original_ : std::string_view(folded_); }
  std::string_view original() const { return original_; }

  // Byte offset of the first malformed UTF-8 sequence in the original (what
  // find_invalid_utf8 returns), npos when it is valid: found by the same pass.
  size_t first_invalid() const { return first_invalid_; }

  // Byte offset in the original of the code point that folded byte `i` came from.
  size_t to_original_start(size_t i) const;
  // Original end offset for a folded span ending at `end` (exclusive), end > 0: the end
  // of the original code point that produced folded byte end-1.
  size_t to_original_end(size_t end) const;

  // The same two mappings for many offsets in increasing order (facts in text order):
  // each call moves forward through the map from where the last one stopped instead of
  // searching all of it, so mapping every fact of a document costs one pass. An offset
  // below the previous one still maps right (by a search).
  class Cursor {
   public:
    explicit Cursor(const FoldedText& folded) : f_(folded), at_(folded.anchors_.data()) {
      if (!f_.identity_) hold();
    }
    // Inline where the offset lies in the gap of unchanged lengths that held the last one
    // (most facts of a document: a call and the search are saved), else below.
    size_t start(size_t i);  // == to_original_start(i)
    size_t end(size_t end);  // == to_original_end(end)

   private:
    size_t start_elsewhere(size_t i);
    size_t end_elsewhere(size_t end);
    void seek(size_t i);  // at_ := the anchor that holds folded byte i (< the folded size)
    void hold();          // the gap_* and next_* of at_
    const FoldedText& f_;
    // The anchor that held the last offset (unused when the text folds to itself). A
    // pointer rather than an index: the walk forward needs no bound, as the terminal
    // anchor is past every offset it is asked for.
    const Anchor* at_;
    // at_'s gap, folded bytes [gap_f_, next_f_) from original bytes [gap_o_, next_o_): kept
    // by the cursor, so that the inline path reads no anchor.
    size_t gap_f_ = 0, gap_o_ = 0, next_f_ = 0, next_o_ = 0;
  };

  // Language evidence gathered by the same pass: Hangul syllables and Han code points
  // (text::is_hangul_syllable, text::is_han) among the code points of the folded text
  // that start in its first kLangWindow bytes.
  static constexpr size_t kLangWindow = 64 * 1024;
  size_t hangul_count() const { return hangul_; }
  size_t han_count() const { return han_; }
  // Of those Han code points, the ones written as another character in the original
  // (Traditional characters, compatibility ideographs): evidence of Traditional script.
  size_t traditional_count() const { return traditional_; }

 private:
  friend class FoldBuilder;  // the constructor's one pass (fold.cpp)

  // The offset map is sparse: an anchor starts a run of `count` code points that all fold
  // from `olen` to `flen` bytes, where the lengths differ (２０２５, a full-width comma, a
  // malformed byte read as U+FFFD), and the text from the run's end to the next anchor is
  // a gap of unchanged lengths, where folded byte i is original byte i + (gap_original() -
  // gap_folded()) (unchanged text, and same-length folds such as 國 -> 国 or A -> a). The
  // first anchor, at 0, has no run; a terminal anchor holds the two sizes. A change amid
  // unchanged text thus costs one anchor, its gap included (in Chinese text, one per
  // full-width comma or colon, where a run and the segment after it took two).
  struct Anchor {
    uint32_t folded = 0, original = 0;  // where the run starts
    uint8_t olen = 0, flen = 0;         // per code point of the run
    uint16_t count = 0;                 // code points in the run (a longer one takes several anchors)
    size_t gap_folded() const { return folded + size_t{count} * flen; }
    size_t gap_original() const { return original + size_t{count} * olen; }
  };
  size_t start_in(const Anchor& a, size_t i) const;  // to_original_start once `a` holds byte i

  std::string_view original_;
  bool identity_ = true;  // folding changed nothing: no copy, no map
  size_t first_invalid_ = std::string_view::npos;
  size_t hangul_ = 0, han_ = 0, traditional_ = 0;
  std::string folded_;
  std::vector<Anchor> anchors_;  // sorted by folded (ties: the last one holds the bytes)
};

inline size_t FoldedText::Cursor::start(size_t i) {
  if (f_.identity_) return i;
  if (i < gap_f_ || i >= next_f_) return start_elsewhere(i);
  // start_in: the byte itself, moved back to its code point's start.
  size_t o = gap_o_ + (i - gap_f_);
  while (o > gap_o_ && (static_cast<unsigned char>(f_.original_[o]) & 0xC0) == 0x80) --o;
  return o;
}

inline size_t FoldedText::Cursor::end(size_t end) {
  if (f_.identity_) return end;
  if (end <= gap_f_ || end >= next_f_) return end_elsewhere(end);
  // Bytes end - 1 and end in this gap: the original offset of byte `end`, moved on to the
  // end of the code point it may be inside (as end_elsewhere).
  size_t o = gap_o_ + (end - gap_f_);
  while (o < next_o_ && (static_cast<unsigned char>(f_.original_[o]) & 0xC0) == 0x80) ++o;
  return o;
}

// Folds a short string (lexicon keys). Same mapping as FoldedText.
std::string fold(std::string_view s);

// Folds one code point and appends the result to `out`.
void append_folded(std::string& out, char32_t c);

}  // namespace hanfacts::text
