// The DATE scan loop and the record of one scan without a reference date, shared by
// find() and dateline detection (recognizer.h, Scan).
//
//   ScanState s;
//   record_scan(g, text, s);                 // where dates may start (parsed when asked)
//   ScanLookup look(g, text, s);
//   Parsed p;
//   if (look.parse(pos, p)) ...              // == may_start_at && parse_at(no ref, no context)
//   look.next_start(pos, end)                // the next position where a date may start
//
// Internal to src/date.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "date/grammar.h"
#include "date/recognizer.h"
#include "text/utf8.h"

namespace hanfacts::date {

// Where a dateline label may start (Words::next_label_start's test), noted by the scan's
// first pass in the text's head [0, head_end) and tail [tail_start, size), in order.
struct LabelStarts {
  size_t head_end = 0, tail_start = 0;
  std::vector<uint32_t> pos;
};

// A position where the dateline search asked for a date: may_start_at's answer there
// and, when it said yes, the parse with no reference and no context, kept for find()
// (which asks the same two questions at most of these positions).
struct ScanMemo {
  // Provided, so that a new memo is not zeroed whole before its members' own
  // initializers run (value-initialization: a `rep stos` of its Parsed).
  ScanMemo() {}
  size_t pos = 0;
  bool may = false;    // may_start_at said yes
  size_t skip_to = 0;  // when it said no: the byte after the stop word it found, or 0
  bool ok = false;     // parse_at succeeded (p is the parse)
  // Set by parse_at (when may): every field when it succeeds, ref_used and ctx_used
  // whether or not; left unset on insert, where its initializers cost more than the rest
  // of the memo (read only after parse_at wrote it).
  union {
    Parsed p;
  };
};
static_assert(std::is_trivially_copyable_v<Parsed> && std::is_trivially_destructible_v<Parsed>);

struct ScanState {
  const char* data = nullptr;  // the text it was made from
  size_t size = 0;
  bool filled = false;
  // Every position the scan's first pass lets through, in order: whether a date may
  // start at a position depends only on the bytes around it, not on the scan before it.
  std::vector<uint32_t> starts;
  std::vector<ScanMemo> memo;  // by pos: the parses the dateline search made
  LabelStarts labels;          // filled by dateline detection
  // The word walks of the dateline search's parses, handed on to find()'s (the same
  // text: find() re-reads most of the positions the search read, and the words there).
  WordCache cache;

  bool made_from(std::string_view t) const { return filled && data == t.data() && size == t.size(); }
};

// Byte classes for the scan: the length of the code point a lead byte opens, and
// whether an ASCII byte may open a date (a digit, an apostrophe).
struct ScanTables {
  std::array<uint8_t, 256> len{}, ascii{};
};
inline constexpr ScanTables kScanTables = [] {
  ScanTables tables{};
  for (int b = 0; b < 256; ++b) {
    tables.len[static_cast<size_t>(b)] = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF8 ? 4 : 1;
    tables.ascii[static_cast<size_t>(b)] = b >= 0x80 ? 0 : (b >= '0' && b <= '9') || b == '\'' ? 1 : 0;
  }
  return tables;
}();

// A Korean word starts after a non-Hangul character (오늘, not 그오늘): a Hangul syllable
// at s[i] (a three-byte code point with its bytes in the text) right after another is no
// date start. Most of the Hangul that passes the first pass's table is inside a word, so
// the first pass applies this too, before it writes a candidate out.
inline bool hangul_inside(const unsigned char* s, size_t i) {
  return text::is_hangul_syllable(text::decode3(s + i)) && i >= 3 && (s[i - 3] & 0xF0) == 0xE0 &&
         text::is_hangul_syllable(text::decode3(s + i - 3));
}

// The scan's first pass over the code points that start in [i, fast_end) (every one of
// them has two bytes after it): appends the offset from `base` of each that may open a
// date to cand[k...] (Han and Hangul by their first bit in `starts`, Grammar::start_bits;
// a digit that does not continue a number; an apostrophe; any other non-ASCII code
// point), and with `lab`, of each a dateline label may start with to lab[*l...] (Han and
// Hangul by their second bit; any other non-ASCII code point, which the label search
// decodes). A Hangul syllable right after another is no date start, whatever its bit
// (hangul_inside); nor is a three-byte code point before another three-byte one when
// their bytes in the table say so (Grammar::first_pass_keeps), where the next one starts in the
// same block (the one-at-a-time loop: before fast_end), which the scan's pair test would
// turn away after a store and a load more (most Han and Hangul that pass the gate in
// running text: 上面, 이번). Returns where it stopped (the first code point boundary at or after
// fast_end). `cand` and `lab` need room for 16 entries past the last one appended (the
// AVX-512 path stores offsets sixteen at a time). `widest` caps the block width in bytes
// (64 with AVX-512, 32 with AVX2, 16 with SSE2, else one code point at a time) so that
// tests reach every path on any machine; the machine caps it too. A function of its own
// so that its loop keeps everything in registers.
size_t scan_first_pass(const unsigned char* s, size_t i, size_t fast_end, size_t base, const uint32_t* starts,
                       uint32_t* cand, size_t& k, uint32_t* lab = nullptr, size_t* l = nullptr, size_t widest = 64);

// A 《 (E3 80 8A, opens) or a 》 (E3 80 8B) in a text, at its first byte.
struct TitleMark {
  size_t pos;
  bool opens;
};

// Appends the 《 and 》 of t to `out`, in order. `vector` false takes the plain search
// (tests compare the two; the vector one runs where the machine has AVX2).
void find_title_marks(std::string_view t, std::vector<TitleMark>& out, bool vector = true);

// A record to fill: the thread's spare one (left by the last Scan) or a new one.
std::unique_ptr<ScanState> take_scan_state();

// The scan: calls visit(pos, resume) at every code point where a date may start (a digit
// that opens a number, an apostrophe before a digit, a Han or Hangul code point that passes the gate
// and the pair test, anything unusual) that is not before `resume`; visit updates
// `resume` past what it consumed. A visit that takes the position alone, visit(pos)
// (record_scan's), consumes nothing: it is called at every such code point, with no
// test against `resume` per candidate. It runs in two passes per chunk. The first computes,
// with no branch per candidate, whether a date may start at each code point and
// appends its offset to `cand` only then (Han and Hangul on their own path: one gate bit
// each). The second asks `visit` about those few.
// This form looks at the code points that start in [from, to) (`from` a code point
// boundary); whether one may start a date depends only on the bytes around it, so a
// scan of a part of the text visits what the whole scan would visit there.
// With `labels`, the first pass also notes, in the windows `labels` names, the code points
// a dateline label may start with (Words::next_label_start's test), at about one load
// per code point instead of a pass of their own.
template <class Visit>
void scan_starts(const Grammar& g, std::string_view t, size_t from, size_t to, size_t& resume, Visit&& visit,
                 LabelStarts* labels = nullptr) {
  constexpr size_t kChunk = 4096;
  // (The first pass may write 16 entries past what it appends: scan_first_pass.)
  uint32_t cand[kChunk + 16];
  const size_t n = t.size();
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  to = std::min(to, n);
  // `resume` in a local of its own, which `visit` alone may move.
  constexpr bool kResumes = std::is_invocable_v<Visit&, size_t, size_t&>;
  size_t at = resume;
  for (size_t i = from; i < to;) {
    size_t k = 0;
    const size_t base = i;
    const size_t stop = std::min(to, i + kChunk);
    const size_t fast_end = n >= 3 ? std::min(stop, n - 2) : 0;
    // Label starts in this chunk: the first pass sorts them out with the same load as the
    // dates' bit, into a list of their own. When some label starts with an ASCII
    // character (none do now), a pass of its own.
    const bool want_labels = labels && (base < labels->head_end || stop > labels->tail_start);
    const bool label_pass = want_labels && g.ascii_label_starts();
    uint32_t lab[kChunk + 16];
    size_t l = 0;
    if (label_pass) {
      const uint64_t* dates = g.gate_bits();
      const uint64_t* lbits = g.words().label_bits();
      while (i < fast_end) {
        const unsigned b0 = s[i];
        const auto off = static_cast<uint32_t>(i - base);
        cand[k] = off;
        lab[l] = off;
        if ((b0 & 0xF0) == 0xE0) {
          const unsigned word = ((b0 & 0x0FU) << 6) | (s[i + 1] & 0x3FU), bit = s[i + 2] & 0x3FU;
          k += static_cast<size_t>((dates[word] >> bit) & 1) & !hangul_inside(s, i);
          l += static_cast<size_t>((lbits[word] >> bit) & 1);
          i += 3;
          continue;
        }
        const unsigned prev = i > 0 ? s[i - 1] : 0;
        k += (kScanTables.ascii[b0] & !(prev - '0' < 10u)) | (b0 >= 0x80);
        // Other code points than ASCII and three-byte ones: the label search decodes them.
        l += b0 >= 0x80 ? 1 : static_cast<size_t>((lbits[b0 >> 6] >> (b0 & 63)) & 1);
        i += kScanTables.len[b0];
      }
    }
    if (i < fast_end) i = scan_first_pass(s, i, fast_end, base, g.start_bits(), cand, k, want_labels ? lab : nullptr, &l);
    if (want_labels) {
      for (size_t q = 0; q < l; ++q) {
        const size_t pos = base + lab[q];
        if (pos < labels->head_end || pos >= labels->tail_start) labels->pos.push_back(static_cast<uint32_t>(pos));
      }
    }
    while (i < stop) {  // the last two bytes of the text
      const unsigned b0 = s[i];
      cand[k] = static_cast<uint32_t>(i - base);
      k += (b0 >= 0x80) | kScanTables.ascii[b0];
      if (want_labels && (i < labels->head_end || i >= labels->tail_start) &&
          (b0 >= 0x80 || (label_pass && g.words().may_start_label(b0))))
        labels->pos.push_back(static_cast<uint32_t>(i));
      i += kScanTables.len[b0];
    }
    for (size_t q = 0; q < k; ++q) {
      const size_t pos = base + cand[q];
      if constexpr (kResumes)
        if (pos < at) continue;
      const unsigned char b = s[pos];
      if ((b & 0xF0) == 0xE0) {
        // Folded text is valid UTF-8: the pair test reads the two code points' bytes (and
        // the third's after a pair that only words of three or more code points open).
        // (A syllable inside a Korean word, may_start_at's first "no", is gone already.)
        if (pos + 8 <= n ? !g.gate_start_at(t, pos) : pos + 2 < n && !g.gate_pair_near_end(t, pos)) continue;
      } else if (static_cast<unsigned>(b - '0') < 10u) {
        if (!g.digits_may_open(t, pos)) continue;  // a number no date word or separator follows (30%, 600亿)
      } else if (b == '\'' && !(pos + 1 < n && static_cast<unsigned>(s[pos + 1] - '0') < 10u)) {
        continue;  // an apostrophe opens a date only before digits ('25년), as in may_start_at
      }
      if constexpr (kResumes)
        visit(pos, at);
      else
        visit(pos);
    }
  }
  resume = at;
}

// The whole text; `resume` starts at 0 (positions before it are inside a found date or a
// skipped word).
template <class Visit>
void scan_starts(const Grammar& g, std::string_view t, Visit&& visit) {
  size_t resume = 0;
  scan_starts(g, t, 0, t.size(), resume, visit);
}

// Runs the scan's first pass without a reference date and keeps where a date may start
// (no grammar is asked: the dateline search asks at the few positions it reads, find()
// at the rest); with `labels`, also notes where dateline labels may start.
void record_scan(const Grammar& g, std::string_view t, ScanState& s, LabelStarts* labels = nullptr);

// Answers dateline detection's question at a position (may a date start here, and the
// parse with no reference and no context year), keeping each parse in the record: its
// lookups write to the record's memo (and a search hint), so none is const.
class ScanLookup {
 public:
  // `doc`: the article `t` is, when known (its region: Grammar::parse_at).
  ScanLookup(const Grammar& g, std::string_view t, ScanState& s, const core::Document* doc = nullptr)
      : g_(g), t_(t), s_(s), doc_(doc) {}

  // The parse at pos (may_start_at && parse_at with no reference and no context), or
  // null when no date starts there. The record's own copy, not one in a scratch: valid
  // until the next lookup (which may move the record's entries), as every caller reads
  // it before it asks again.
  const Parsed* find(size_t pos) {
    auto& v = s_.memo;
    auto it = std::lower_bound(v.begin(), v.end(), pos, [](const ScanMemo& m, size_t x) { return m.pos < x; });
    if (it == v.end() || it->pos != pos) {
      size_t skip_to = 0;
      const bool may = g_.may_start_at(t_, pos, &skip_to, &s_.cache);
      it = v.emplace(it);
      it->pos = pos;
      it->may = may;
      it->skip_to = skip_to;
      it->ok = may && g_.parse_at(t_, pos, nullptr, it->p, TextContext{}, &s_.cache, doc_);
    }
    return it->ok ? &it->p : nullptr;
  }
  // The first position in [i, to) where the first pass let a date start, or `to`.
  size_t next_start(size_t i, size_t to) {
    const auto& v = s_.starts;
    // The callers walk forward: mostly the answer is where the last search ended or just
    // after it (a binary search mispredicts about half its steps).
    size_t k = hint_ < v.size() && (hint_ == 0 || v[hint_ - 1] < i) ? hint_ : 0;
    for (int step = 0; step < 4 && k < v.size() && v[k] < i; ++step) ++k;
    if (k < v.size() && v[k] < i)
      k = static_cast<size_t>(std::lower_bound(v.begin() + static_cast<std::ptrdiff_t>(k), v.end(), i) - v.begin());
    hint_ = k;
    return k < v.size() && v[k] < to ? v[k] : to;
  }

 private:
  const Grammar& g_;
  std::string_view t_;
  ScanState& s_;
  const core::Document* doc_;
  size_t hint_ = 0;
};

}  // namespace hanfacts::date
