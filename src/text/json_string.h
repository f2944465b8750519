// Reading one JSON string literal (RFC 8259): the one decoder shared by the CLI's JSON
// Lines reader and the conformance tests' JSON reader.
//
//   size_t pos = 0;  std::string out;
//   read_json_string(R"("a\u00e9\ud83d\ude00")", pos, out);   // true, out == "aé😀"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hanfacts::text {

// Reads the string literal starting at s[pos] (its opening quote) and appends its
// decoded UTF-8 to `out`; on success `pos` is just past the closing quote. Escapes
// \uXXXX surrogate pairs into one code point; a lone surrogate becomes U+FFFD. Returns
// false on a missing quote, an unescaped control character, a bad escape or an
// unterminated string (then `pos` and `out` are unspecified).
bool read_json_string(std::string_view s, size_t& pos, std::string& out);

// The same, but the string's value replaces `out`'s: its old bytes (and size) are
// written over, not cleared first. A string decoded into again and again (the CLI's
// record text) then clears only room past its last size, where a cleared string grown
// to the bound zeroed all of it for every record.
bool read_json_string_over(std::string_view s, size_t& pos, std::string& out);

}  // namespace hanfacts::text
