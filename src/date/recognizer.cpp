#include "date/recognizer.h"

#include <array>
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
  // The scan: one table load per ASCII byte, one decode and two bit tests per three-byte
  // code point; only positions that pass go to the grammar.
  static constexpr auto kAscii = [] {
    std::array<bool, 128> a{};
    for (int c = '0'; c <= '9'; ++c) a[static_cast<size_t>(c)] = true;
    a['\''] = true;
    return a;
  }();
  const size_t n = t.size();
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  for (size_t i = 0; i < n;) {
    const unsigned char b = s[i];
    if (b < 0x80) {
      if (!kAscii[b]) {
        ++i;
        continue;
      }
    } else if ((b & 0xF0) == 0xE0 && i + 2 < n) {
      // Three-byte code points (Hangul, Han): one decode, then the gates.
      const char32_t c = (static_cast<char32_t>(b & 0x0F) << 12) | (static_cast<char32_t>(s[i + 1] & 0x3F) << 6) |
                         (s[i + 2] & 0x3F);
      if (!g.gate(c)) {
        i += 3;
        continue;
      }
      size_t j = i + 3;
      const char32_t c2 = j < n ? text::next_code_point(t, j) : 0;
      if (!g.gate_pair(c, c2)) {
        i += 3;
        continue;
      }
    }
    size_t skip_to = 0;
    const bool may = g.may_start_at(t, i, &skip_to);
    if (skip_to > i) {
      // Words that hold a date word but are none (每周一, 최근, 오늘날): skip whole.
      i = skip_to;
      continue;
    }
    Parsed p;
    if (may && g.parse_at(t, i, ref, p)) {
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
      i = p.next > i ? p.next : i + 1;
      continue;
    }
    if (b >= '0' && b <= '9') {
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;  // not inside this number
      continue;
    }
    text::next_code_point(t, i);
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
