#include "date/recognizer.h"

#include <cstdio>

namespace hanfacts::date {

Result<Recognizer> Recognizer::create(std::span<const lexicon::Source>) { return Recognizer(); }

std::optional<core::RefDate> Recognizer::detect_reference(const core::Document&) const { return std::nullopt; }

void Recognizer::find(const core::Document&, std::vector<core::Candidate>&) const {}

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
