// Decoding raw input bytes into UTF-8 text: BOM handling, UTF-8 validation with U+FFFD
// replacement, legacy Korean and Chinese charsets through ICU, binary detection.
#pragma once

#include <string>
#include <string_view>

namespace hanfacts::text {

enum class Encoding { kAuto, kUtf8, kEucKr, kCp949, kGb18030, kBig5 };

// Parses "auto", "utf-8", "euc-kr", "cp949", "gb18030", "big5" (case-insensitive;
// also "utf8", "gbk", "gb2312", "uhc"). Returns false for anything else.
bool parse_encoding(std::string_view name, Encoding& out);

// "UTF-8", "EUC-KR", "CP949", "GB18030", "Big5" ("auto" for kAuto).
std::string_view encoding_name(Encoding encoding);

struct Decoded {
  std::string text;        // valid UTF-8, BOM removed
  std::string encoding;    // what the bytes were read as: "UTF-8", "EUC-KR", ...
  bool binary = false;     // NUL bytes in the first 8 KB: text is empty, skip the input
  // Empty, or a warning such as "invalid UTF-8 at byte 1234 (replaced with U+FFFD)".
  std::string warning;
  bool in_place = false;   // decode_in_place: the text is the input itself, text is empty
};

// Decodes `bytes`. With kAuto, input that is valid UTF-8 is always taken as UTF-8;
// otherwise ICU's charset detector chooses among EUC-KR/CP949, GB18030 and Big5, and if
// none fits, the bytes are read as UTF-8 with replacement characters and a warning.
Decoded decode(std::string_view bytes, Encoding encoding);

// As decode, but input that is valid UTF-8 (the usual case: with kAuto or kUtf8, after
// an optional UTF-8 BOM) is not copied: `text` then views `bytes` without the BOM and
// the result's text stays empty (in_place). Otherwise the result is decode()'s and
// `text` is left as it is: use the result's text. One UTF-8 check instead of two and
// no copy.
Decoded decode_in_place(std::string_view bytes, Encoding encoding, std::string_view& text);

// Chooses the encoding of input that starts with `sample` (e.g. the first 64 KB of a
// file read line by line): kUtf8 when the sample is valid UTF-8 (a character cut at the
// end of the sample is allowed), else the legacy charset that fits, else kUtf8.
Encoding detect_encoding(std::string_view sample);

// Replaces malformed UTF-8 sequences with U+FFFD. Returns the offset of the first
// one in `bytes`, or npos if there was none (then `out` equals `bytes`).
size_t repair_utf8(std::string_view bytes, std::string& out);

}  // namespace hanfacts::text
