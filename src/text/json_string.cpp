#include "text/json_string.h"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/utf8.h"

namespace hanfacts::text {
namespace {

bool hex4(std::string_view s, size_t& pos, unsigned& v) {
  if (pos + 4 > s.size()) return false;
  v = 0;
  for (int k = 0; k < 4; ++k) {
    const char c = s[pos++];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
    else return false;
  }
  return true;
}

// Bytes copied as they are: anything but a quote, a backslash or a control character.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int b = 0x20; b < 256; ++b) plain[static_cast<size_t>(b)] = b != '"' && b != '\\';
  return plain;
}();

}  // namespace

bool read_json_string(std::string_view s, size_t& pos, std::string& out) {
  if (pos >= s.size() || s[pos] != '"') return false;
  ++pos;
  while (pos < s.size()) {
    // Plain bytes are copied in one run: most record text has no escapes at all.
    size_t run = pos;
#if defined(__SSE2__)
    // Sixteen bytes at a time up to the first quote, backslash or control character.
    while (run + 16 <= s.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + run));
      // Bytes below 0x20: signed compare after flipping the top bit (0x80..0xFF stay above).
      const __m128i control = _mm_cmplt_epi8(_mm_xor_si128(v, _mm_set1_epi8(static_cast<char>(0x80))),
                                             _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80)));
      const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                        control);
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
      if (mask != 0) {
        run += static_cast<size_t>(__builtin_ctz(mask));
        break;
      }
      run += 16;
    }
#endif
    // Eight bytes at a time while none is a quote, a backslash or below 0x20 (a zero
    // byte test per kind; a word with a hit, or a false one, goes byte by byte).
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    while (run + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + run, 8);
      const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
      const uint64_t stop = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | ((w - kOnes * 0x20) & ~w);
      if ((stop & kHigh) != 0) break;
      run += 8;
    }
    while (run < s.size() && kPlain[static_cast<unsigned char>(s[run])]) ++run;
    out.append(s.data() + pos, run - pos);
    pos = run;
    if (pos >= s.size()) break;
    const char c = s[pos++];
    if (c == '"') return true;
    if (c != '\\') return false;  // a control character
    if (pos >= s.size()) return false;
    switch (s[pos++]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned u;
        if (!hex4(s, pos, u)) return false;
        char32_t cp = u;
        if (u >= 0xD800 && u <= 0xDBFF) {
          unsigned lo;
          if (s.substr(pos, 2) == "\\u") {
            pos += 2;
            if (!hex4(s, pos, lo)) return false;
            cp = lo >= 0xDC00 && lo <= 0xDFFF ? 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00) : kReplacement;
          } else {
            cp = kReplacement;
          }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
          cp = kReplacement;
        }
        append_utf8(out, cp);
        break;
      }
      default: return false;
    }
  }
  return false;
}

}  // namespace hanfacts::text
