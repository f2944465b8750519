// String helpers that are not about UTF-8 (those are in text/utf8.h).
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace hanfacts::text {

// Writes `value` over `s` from byte `pos` to its end. A string reused from one document
// to the next (a doc id, a line number) mostly gets a value of the length it already
// has: then the bytes are copied over in place, where assign/replace went through
// std::string::_M_replace (about 70 instructions a call, two per document). Any other
// length takes replace.
inline void write_over(std::string& s, size_t pos, std::string_view value) {
  if (s.size() - pos == value.size()) {
    if (!value.empty()) std::memcpy(s.data() + pos, value.data(), value.size());
  } else {
    s.replace(pos, std::string::npos, value.data(), value.size());
  }
}
inline void write_over(std::string& s, std::string_view value) { write_over(s, 0, value); }

}  // namespace hanfacts::text
