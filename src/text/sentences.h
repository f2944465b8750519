// Sentence boundaries for recognizers that need a sentence scope (e.g. a dateline or a
// parenthetical that must not reach into the next sentence).
//
//   for (text::Span s : text::split_sentences(doc.text)) scan(doc.text.substr(s.start, s.end - s.start));
//
// Rule-based and one pass over UTF-8 bytes: a sentence ends after 。！？ . ! ? (runs of
// them count as one: "?!", "..."), plus any closing quotes or brackets right after, and
// at every line break. A '.' followed by an ASCII letter or digit does not end one, so
// decimals (1.5), versions (R1.5), domains (naver.com) and "U.S." inside a word stay
// whole. Works on original or folded text (both keep these characters).
//
// Why not ICU's BreakIterator: it is about 8x slower (numbers in sentences.cpp) and it
// splits Korean dotted dates ("2025. 11. 01." -> three sentences), which these rules
// keep whole; its extra knowledge (abbreviations like "Mr.") rarely matters here.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace hanfacts::text {

// A byte range [start, end) in the text.
struct Span {
  size_t start = 0;
  size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// Sentences of `text` in order, as byte spans without leading or trailing whitespace;
// empty sentences are left out. Never throws on malformed UTF-8 (bytes are scanned,
// and every terminator is ASCII or a whole 3-byte sequence).
std::vector<Span> split_sentences(std::string_view text);

}  // namespace hanfacts::text
