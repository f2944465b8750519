// Reference date detection: the article's own date, in order of trust:
//   1. a date right after a dateline label (입력 2025.11.01 09:30, 发布时间：2025-03-01 10:20);
//   2. a dated byline (新华社北京3月1日电, …11月28日讯) with the year of another full date in the head;
//   3. the first full date in the first lines, then in the last lines.
#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "date/grammar.h"
#include "date/numbers.h"
#include "date/recognizer.h"
#include "date/scan.h"
#include "numeral/numeral.h"
#include "text/cpu.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

constexpr size_t kHead = 3000;   // bytes searched for labels and bylines
constexpr size_t kTail = 1500;   // datelines also close some articles
constexpr int kFirstLines = 4;   // non-blank lines searched for a bare full date: headline, byline, lead, next
// Longer documents keep detection to the head and the tail: a recorded scan holds every
// parse of the document (about 150 bytes each) until find() has read it.
constexpr size_t kShareMax = size_t{1} << 20;

bool full_date(const Parsed& p) {
  if (p.interval || (p.flags & kRelative)) return false;
  const Grain g = p.a.grain;
  return g == Grain::kDay || g == Grain::kHour || g == Grain::kMinute;
}

core::RefDate to_ref(const Value& v) {
  core::RefDate r{v.year, v.month, v.day, -1, -1};
  if (v.grain == Grain::kHour || v.grain == Grain::kMinute) r.hour = v.hour, r.minute = v.grain == Grain::kMinute ? v.minute : 0;
  return r;
}

// The first code point boundary in [i, to) where a date may start, or `to`: the scan's
// pre-filter (recognizer.cpp) on whole code points, so the loops below call the grammar
// only where it can answer yes. `t` is folded text, hence valid UTF-8. A digit right
// after a digit or a Latin letter is skipped: may_start_at rejects it anyway.
size_t next_candidate(const Grammar& g, std::string_view t, size_t i, size_t to) {
  to = std::min(to, t.size());
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  while (i < to) {
    const unsigned b = s[i];
    if (b < 0x80) {
      if (b - '0' < 10u) {
        const unsigned p = i > 0 ? s[i - 1] : 0;
        if (!(p - '0' < 10u || (p | 0x20) - 'a' < 26u)) return i;
      } else if (b == '\'') {
        return i;
      }
      ++i;
      continue;
    }
    if ((b & 0xF0) == 0xE0 && i + 2 < t.size()) {
      // Han and Hangul: three bytes, decoded inline (folded text is valid UTF-8).
      const char32_t c = text::decode3(s + i);
      if (g.gate(c)) {
        size_t k = i + 3;
        const char32_t c2 = k < t.size() ? text::next_code_point(t, k) : 0;
        if (g.gate_pair(c, c2)) return i;
      }
      i += 3;
      continue;
    }
    size_t j = i;
    const char32_t c = text::next_code_point(t, j);
    if (g.gate(c)) {
      if ((b & 0xF0) != 0xE0) return i;
      size_t k = j;
      const char32_t c2 = k < t.size() ? text::next_code_point(t, k) : 0;
      if (g.gate_pair(c, c2)) return i;
    }
    i = j;
  }
  return to;
}

// True when a date expression may end right before t[q]: every parse ends with a word of
// the date lexicon, a digit, a numeral character or the period of "2025. 11. 1.".
bool may_end_before(const Grammar& g, std::string_view t, size_t q) {
  if (q == 0) return false;
  size_t i = q;
  const char32_t c = prev_code_point(t, i);
  if (c == U'.' || (c >= U'0' && c <= U'9')) return true;
  return g.words().may_end_word(c) || is_han_digit(c) || numeral::is_numeral_char(c);
}

#if defined(__x86_64__)
const bool kHasAvx2 = text::cpu::avx2();

// find3's block loop: 32 bytes compared with all three bytes of w at once. Returns the
// match's offset or where it stopped (fewer than 34 bytes left).
[[gnu::target("avx2")]] size_t find3_avx2(const unsigned char* s, size_t i, size_t n, const char* w, bool& found) {
  const __m256i w0 = _mm256_set1_epi8(w[0]), w1 = _mm256_set1_epi8(w[1]), w2 = _mm256_set1_epi8(w[2]);
  for (; i + 34 <= n; i += 32) {  // the loads reach s[i + 33]
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 1));
    const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 2));
    const auto m = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_and_si256(
        _mm256_and_si256(_mm256_cmpeq_epi8(a, w0), _mm256_cmpeq_epi8(b, w1)), _mm256_cmpeq_epi8(c, w2))));
    if (m) {
      found = true;
      return i + static_cast<size_t>(__builtin_ctz(m));
    }
  }
  return i;
}
#endif

// t.find(w, from) for the three bytes of a three-byte code point w. string_view::find
// stops at every byte equal to w's lead, and in Chinese text the lead of 电 (E7) also
// leads 的 and most of U+7000..U+7FFF: with AVX2, 32 positions are compared with all
// three bytes at once.
size_t find3(std::string_view t, size_t from, const char* w) {
#if defined(__x86_64__)
  if (kHasAvx2) {
    bool found = false;
    const size_t i = find3_avx2(reinterpret_cast<const unsigned char*>(t.data()), from, t.size(), w, found);
    if (found) return i;
    from = i;
  }
#endif
  return from < t.size() ? t.find(std::string_view(w, 3), from) : std::string_view::npos;
}

// t.find(mark, from): find3 for a mark of one three-byte code point (电, 讯).
size_t find_mark(std::string_view t, size_t from, std::string_view mark) {
  if (mark.size() == 3) return find3(t, from, mark.data());
  return from < t.size() ? t.find(mark, from) : std::string_view::npos;
}

// t.rfind('\n', pos) with memrchr.
size_t rfind_newline(std::string_view t, size_t pos) {
  if (t.empty()) return std::string_view::npos;
  const size_t n = std::min(pos, t.size() - 1) + 1;
  const void* p = memrchr(t.data(), '\n', n);
  return p ? static_cast<size_t>(static_cast<const char*>(p) - t.data()) : std::string_view::npos;
}

// "may_start_at(i) && parse_at(i, no reference)", from a recorded scan when there is one.
struct Parses {
  const Grammar& g;
  std::string_view t;
  ScanLookup* look;  // the lookups write to the scan's record (ScanLookup)
  const core::Document* doc;  // the article (its region: Grammar::parse_at)
  // The parse at i (in `scratch`, or the record's: valid until the next call), or null.
  const Parsed* at(size_t i, Parsed& scratch) const {
    if (look) return look->find(i);
    return g.may_start_at(t, i) && g.parse_at(t, i, nullptr, scratch, {}, nullptr, doc) ? &scratch : nullptr;
  }
  // The first code point boundary in [i, to) where at() may say yes, or `to`: the next
  // position the scan's first pass let through.
  size_t next(size_t i, size_t to) const {
    to = std::min(to, t.size());
    return look ? look->next_start(i, to) : next_candidate(g, t, i, to);
  }
};

// The first full date starting in [from, to).
std::optional<Parsed> first_full_date(const Parses& parses, std::string_view t, size_t from, size_t to) {
  Parsed scratch;
  for (size_t i = parses.next(from, to); i < to && i < t.size(); i = parses.next(i, to)) {
    if (const Parsed* p = parses.at(i, scratch)) {
      if (full_date(*p)) return *p;
      i = std::max(p->next, i + 1);
      continue;
    }
    text::next_code_point(t, i);
  }
  return std::nullopt;
}

}  // namespace

std::optional<core::RefDate> Recognizer::detect_reference(const core::Document& doc, Scan* scan) const {
  const std::string_view t = doc.text;
  const Grammar& g = *grammar_;
  const Words& w = g.words();
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  const size_t size = t.size();
  // 1. Dateline labels, in the head and the tail. At a position the first code point's
  // bit let through: false when no label starts there after all (i moves past the code
  // point), else true and i moves past the label; `ref` gets the date that follows it.
  std::optional<core::RefDate> ref;
  // With a recorded scan, the date after a label is read from it (most were parsed there),
  // as are the dates steps 2 to 4 ask about.
  std::optional<ScanLookup> look;
  auto label_at = [&](size_t& i) -> bool {
    const unsigned b = s[i];
    if ((b & 0xF0) == 0xE0 && i + 2 < size) {  // Han and Hangul: the first code point passed
      // Then the second code point (송고 passes 송, 송금 stops here).
      const char32_t c = text::decode3(s + i);
      const char32_t c2 = i + 3 < size ? text::code_point_at(t, i + 3) : 0;
      if (!w.may_start_label_pair(c, c2)) {
        i += 3;
        return false;
      }
    } else if (b >= 0x80) {
      size_t j = i;
      if (!w.may_start_label(text::next_code_point(t, j))) {
        i = j;
        return false;
      }
    }
    Match m = w.longest(t, i, kind_bit(Kind::kDateline));
    if (!m) {
      text::next_code_point(t, i);
      return false;
    }
    size_t j = m.end;
    // Separators between the label and the date: spaces, colons, bars, brackets.
    for (int n = 0; n < 8 && j < size && (t[j] == ' ' || t[j] == ':' || t[j] == '|' || t[j] == ']' ||
                                          t[j] == '[' || t[j] == '\t' || t[j] == '=');
         ++n)
      ++j;
    // The date is written with digits (입력 2025.11.01, 发布时间：2026年11月26日): a label
    // that is also a word (发布, 更新) may run on into a clause with a date in it
    // (发布截至2026年9月30日的财报), which is not the article's date.
    Parsed scratch;
    const Parsed* p = nullptr;
    if (j < size && text::is_ascii_digit(s[j]))
      p = look ? look->find(j) : g.may_start_at(t, j) && g.parse_at(t, j, nullptr, scratch, {}, nullptr, &doc) ? &scratch : nullptr;
    if (p && full_date(*p)) ref = to_ref(p->a);
    i = m.end;
    return true;
  };
  const size_t head_end = std::min(size, kHead);
  size_t tail = size;
  if (size > head_end) {
    tail = std::max(head_end, size - std::min(size, kTail));
    while (tail < size && (s[tail] & 0xC0) == 0x80) ++tail;
  }
  // With a Scan the date scan runs first, without a reference (find() reuses it), and
  // its first pass also notes where labels may start: no pass of their own. Steps 2 to
  // 4 read its parses.
  const bool share = scan && size <= kShareMax;
  if (share) {
    if (!scan->state_) scan->state_ = take_scan_state();
    LabelStarts& starts = scan->state_->labels;
    starts.head_end = head_end;
    starts.tail_start = tail;
    starts.pos.clear();
    record_scan(g, t, *scan->state_, &starts);
    look.emplace(g, t, *scan->state_, &doc);
    // Head then tail, as below: the positions are in order and the windows do not overlap.
    size_t i = 0;
    bool in_tail = false;
    for (const uint32_t at : starts.pos) {
      if (!in_tail && at >= head_end) in_tail = true, i = tail;  // the tail is searched afresh
      if (at < i) continue;  // inside a label already read
      i = at;
      if (label_at(i) && ref) return ref;
    }
  } else {
    auto scan_labels = [&](size_t from, size_t to) {
      to = std::min(to, size);
      // Most code points are rejected by one bit read straight from their bytes: no
      // label starts with them (Words::next_label_start).
      for (size_t i = w.next_label_start(t, from, to); i < to; i = w.next_label_start(t, i, to))
        if (label_at(i) && ref) return true;
      return false;
    };
    if (scan_labels(0, head_end)) return ref;
    if (size > head_end && scan_labels(tail, size)) return ref;
  }
  const Parses parses{g, t, look ? &*look : nullptr, &doc};
  // 2. A dated byline: "...3月1日电" (or 讯): a date right before one of the marks that
  // close one (date_words.tsv, byline_end). The year comes from the first full date in
  // the head.
  // 3. Else the first full date, if it starts in the first lines.
  // Both read the same parses of the head in the same order, so one pass answers both
  // and stops as soon as the answer is known: a byline date starts before the last mark
  // that starts in the head (byline_end). A mark no date can end before (电子, 充电, 资讯:
  // a lexicon word, a digit or a numeral must come first) cannot close a byline, so it
  // does not keep the head scan going.
  const std::vector<std::string>& marks = w.byline_marks();
  size_t byline_end = 0;
  for (const std::string& mark : marks) {
    const std::string_view head = t.substr(0, head_end + mark.size() - 1);
    for (size_t p = find_mark(head, 0, mark); p != std::string_view::npos; p = find_mark(head, p + 1, mark))
      if (may_end_before(g, t, p)) byline_end = std::max(byline_end, p);
  }
  const auto mark_at = [&](size_t i) {
    for (const std::string& mark : marks)
      if (t.compare(i, mark.size(), mark) == 0) return true;
    return false;
  };
  size_t lines_end = 0;
  for (int n = 0; n < kFirstLines && lines_end < t.size(); ++n) {
    const size_t line_start = lines_end;
    size_t nl = t.find('\n', lines_end);
    lines_end = nl == std::string_view::npos ? t.size() : nl + 1;
    // Blank lines do not count: neither those before the headline nor those between
    // paragraphs (headline, blank, lead, blank, dateline are three lines).
    if (nl != std::string_view::npos && t.substr(line_start, nl - line_start).find_first_not_of(" \t\r") == std::string_view::npos) --n;
  }
  const size_t lines_cap = std::min(lines_end, head_end);
  std::optional<Parsed> first_full, byline;
  size_t first_full_at = 0;
  Parsed scratch;  // the parses not taken from the record as they are
  for (size_t i = parses.next(0, head_end); i < head_end; i = parses.next(i, head_end)) {
    // Nothing more to learn: a byline needs no more reading once a full date is known;
    // without one, a full date (or its absence) in the first lines settles step 3.
    if (byline ? first_full.has_value() : i >= byline_end && (first_full || i >= lines_cap)) break;
    if (const Parsed* p = parses.at(i, scratch)) {
      if (!first_full && full_date(*p)) first_full = *p, first_full_at = i;
      if (!byline && i < byline_end && !p->interval && p->a.grain == Grain::kDay && p->a.x_year && !p->a.x_month &&
          mark_at(p->end))
        byline = *p;
      i = std::max(p->next, i + 1);
      continue;
    }
    text::next_code_point(t, i);
  }
  if (byline && first_full) return core::RefDate{first_full->a.year, byline->a.month, byline->a.day, -1, -1};
  if (first_full && first_full_at < lines_cap) return to_ref(first_full->a);
  // 4. A full date in the last lines (Korean wire copy ends "2024.10.24 reporter@...").
  size_t tail_start = t.size();
  for (int n = 0; n < kFirstLines && tail_start > 0; ++n) {
    size_t nl = rfind_newline(t, tail_start - 1 > 0 ? tail_start - 2 : 0);
    tail_start = nl == std::string_view::npos ? 0 : nl + 1;
    if (nl == std::string_view::npos) break;
  }
  if (t.size() - tail_start <= kTail)
    if (auto p = first_full_date(parses, t, tail_start, t.size())) return to_ref(p->a);
  return std::nullopt;
}

}  // namespace hanfacts::date
