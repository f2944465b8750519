#include "date/recognizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#include "date/grammar.h"
#include "text/utf8.h"

namespace hanfacts::date {
namespace {

// Flags in the order GUIDELINES.md lists them.
std::string flag_string(unsigned f) {
  std::string out;
  auto add = [&](unsigned bit, const char* name) {
    if (!(f & bit)) return;
    if (!out.empty()) out += ';';
    out += name;
  };
  add(kRelative, "relative");
  add(kApprox, "approx");
  add(kEarly, "early");
  add(kMid, "mid");
  add(kLate, "late");
  add(kSince, "since");
  add(kUntil, "until");
  return out;
}

}  // namespace

Result<Recognizer> Recognizer::create(std::span<const lexicon::Source> sources) {
  auto words = Words::load(sources);
  if (!words.ok()) return words.status();
  Recognizer r;
  r.grammar_ = std::make_shared<const Grammar>(std::move(words).value());
  return r;
}

void Recognizer::find(const core::Document& doc, std::vector<core::Candidate>& out) const {
  const std::string_view t = doc.text;
  const core::RefDate* ref = doc.ref ? &*doc.ref : nullptr;
  const Grammar& g = *grammar_;
  // The scan runs in two passes per chunk. The first is branch-free: for every code point
  // it computes whether a date may start there (a digit that opens a number, an
  // apostrophe, a Han or Hangul code point that passes the gate, anything unusual) and
  // appends its offset to `cand` only then. The second asks the grammar about those few.
  static constexpr auto kTables = [] {
    struct T {
      std::array<uint8_t, 256> len{}, ascii{};
    } tables{};
    for (int b = 0; b < 256; ++b) {
      tables.len[static_cast<size_t>(b)] = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF8 ? 4 : 1;
      tables.ascii[static_cast<size_t>(b)] = b >= 0x80 ? 0 : (b >= '0' && b <= '9') || b == '\'' ? 1 : 0;
    }
    return tables;
  }();
  constexpr size_t kChunk = 4096;
  uint32_t cand[kChunk];
  const size_t n = t.size();
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  size_t resume = 0;  // positions before this are inside a found date or a skipped word
  int context_year = 0;  // the year of the last date found (이듬해 counts from it)
  for (size_t i = 0; i < n;) {
    size_t k = 0;
    const size_t stop = std::min(n, i + kChunk);
    const size_t fast_end = n >= 3 ? std::min(stop, n - 2) : 0;
    while (i < fast_end) {
      const unsigned b0 = s[i], b1 = s[i + 1], b2 = s[i + 2];
      const unsigned prev = i > 0 ? s[i - 1] : 0;
      const unsigned three = (b0 & 0xF0) == 0xE0;
      const unsigned c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
      const unsigned gated = three & g.gate(c);
      // A digit right after a digit continues a number: only a run's first digit counts.
      const unsigned ascii = kTables.ascii[b0] & !(prev - '0' < 10u);
      const unsigned other = (b0 >= 0x80) & !three;
      cand[k] = static_cast<uint32_t>(i);
      k += gated | ascii | other;
      i += kTables.len[b0];
    }
    while (i < stop) {  // the last two bytes of the text
      const unsigned b0 = s[i];
      cand[k] = static_cast<uint32_t>(i);
      k += (b0 >= 0x80) | kTables.ascii[b0];
      i += kTables.len[b0];
    }
    for (size_t q = 0; q < k; ++q) {
      const size_t pos = cand[q];
      if (pos < resume) continue;
      const unsigned char b = s[pos];
      if ((b & 0xF0) == 0xE0 && pos + 2 < n) {
        size_t j = pos;
        const char32_t c1 = text::next_code_point(t, j);
        const char32_t c2 = j < n ? text::next_code_point(t, j) : 0;
        if (!g.gate_pair(c1, c2)) continue;
      }
      size_t skip_to = 0;
      const bool may = g.may_start_at(t, pos, &skip_to);
      if (skip_to > pos) {
        // Words that hold a date word but are none (每周一, 최근, 오늘날): skip whole.
        resume = skip_to;
        continue;
      }
      Parsed p;
      if (!may || !g.parse_at(t, pos, ref, p, context_year)) continue;
      if (!p.b.x_year) context_year = p.b.year;
      core::Candidate c;
      c.type = FactType::kDate;
      c.start = p.start;
      c.end = p.end;
      c.value = format(p.a);
      if (p.interval) {
        c.value += '/';
        c.value += format(p.b);
      }
      c.unit = grain_name(p.a.grain);
      c.flags = flag_string(p.flags);
      c.rule = p.rule;
      out.push_back(std::move(c));
      resume = p.next > pos ? p.next : pos + 1;
    }
  }
}

std::optional<core::RefDate> parse_ref_date(std::string_view s) {
  auto digits = [&](size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
  };
  core::RefDate d;
  if (!digits(0, 4, d.year) || s.size() < 10 || s[4] != '-' || !digits(5, 2, d.month) || s[7] != '-' ||
      !digits(8, 2, d.day))
    return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  if (s.size() > 10) {
    if ((s[10] != 'T' && s[10] != ' ') || !digits(11, 2, d.hour) || s.size() < 16 || s[13] != ':' ||
        !digits(14, 2, d.minute) || d.hour > 23 || d.minute > 59)
      return std::nullopt;
  }
  return d;
}

std::string format_ref_date(const core::RefDate& d) {
  char buf[64];
  if (d.hour >= 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", d.year, d.month, d.day, d.hour, d.minute < 0 ? 0 : d.minute);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace hanfacts::date
