#include "text/cpu.h"
#include "text/json_string.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// HANFACTS_JSON_NO_AVX2 builds only the SSE2/scalar loops (to test them on AVX2 machines).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(HANFACTS_JSON_NO_AVX2)
#include <immintrin.h>
#define HANFACTS_JSON_AVX2 1
#endif

#include "text/utf8.h"

namespace hanfacts::text {
namespace {

bool hex4(const char*& p, const char* end, unsigned& v) {
  if (end - p < 4) return false;
  v = 0;
  for (int k = 0; k < 4; ++k) {
    const char c = *p++;
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

// What each one-letter escape (backslash and a letter) stands for; 0: not one (\u, a
// bad escape).
constexpr auto kOneLetter = [] {
  std::array<char, 256> t{};
  t['"'] = '"', t['\\'] = '\\', t['/'] = '/', t['b'] = '\b', t['f'] = '\f', t['n'] = '\n', t['r'] = '\r', t['t'] = '\t';
  return t;
}();

// The decoded bytes are written through a pointer into `out`, which is grown ahead of
// them: decoded text is never longer than its JSON form, so the room needed is bounded
// by what is left of the input.
class Output {
 public:
  // Decoded bytes go to out[start...] (start <= out.size()); what is there from `start`
  // on is written over.
  Output(std::string& out, size_t start, size_t bound) : out_(out), bound_(start + bound) {
    // Most strings fit the capacity the caller reserved (the CLI reserves the record's
    // size for its text), or are short (member names fit a string's own buffer). A
    // string longer than that already is left as it is (its room is the bound's and
    // more: need() never grows it).
    const size_t room = std::min(bound_, std::max(out.capacity(), start));
    if (out.size() < room) out.resize(room);
    w_ = out.data() + start;
    end_ = out.data() + out.size();
  }
  // Room for `n` more bytes at w(); n never exceeds what is left of the bound.
  void need(size_t n) {
    if (static_cast<size_t>(end_ - w_) >= n) return;
    const size_t used = static_cast<size_t>(w_ - out_.data());
    out_.resize(std::min(bound_, std::max(2 * out_.size(), used + n)));
    w_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }
  size_t room() const { return static_cast<size_t>(end_ - w_); }
  const char* limit() const { return end_; }  // end of the room (until need() grows it)
  char*& w() { return w_; }
  void finish() { out_.resize(static_cast<size_t>(w_ - out_.data())); }

 private:
  std::string& out_;
  size_t bound_;
  char* w_;
  char* end_;
};

#if defined(HANFACTS_JSON_AVX2)
const bool kHasAvx2 = cpu::avx2();

// A bit for each quote, backslash or control character of v.
[[gnu::target("avx2"), gnu::always_inline]] inline uint64_t stops(__m256i v) {
  // Control characters: v <= 0x1F unsigned, that is min(v, 0x1F) == v.
  const __m256i stop = _mm256_or_si256(
      _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')), _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))),
      _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v));
  return static_cast<uint32_t>(_mm256_movemask_epi8(stop));
}

// The run of plain bytes at p copied to w, 64 bytes at a time, up to the first quote,
// backslash or control character (p then points at it: returns true), or until fewer
// than 64 bytes of input or of room (up to w_end) are left (returns false). Record text
// is almost all plain runs (an escape every ~100 bytes), so this loop is most of the
// decoding: the SSE2 loop below at four times the width (two registers a block, one
// bound test and one branch on their joined mask). The pointers are locals here, not
// references into Output: the byte stores may alias them, which would make the
// compiler reload and store them in every block.
[[gnu::target("avx2")]] bool copy_plain_avx2(const char*& p_ref, const char* end, char*& w_ref, const char* w_end) {
  const char* p = p_ref;
  char* w = w_ref;
  // Bytes of both input and room: an escape leaves w further behind p, so it is
  // counted again after one.
  auto both_left = [&] { return std::min(static_cast<size_t>(end - p), static_cast<size_t>(w_end - w)); };
  size_t left = both_left();
  bool stopped = false;
  while (left >= 64) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    const uint64_t mask = stops(a) | stops(b) << 32;
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(w), a);  // whatever part of them counts
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(w + 32), b);
    if (mask != 0) {
      const auto n = static_cast<size_t>(__builtin_ctzll(mask));
      p += n;
      w += n;
      // A one-letter escape (\n, \", most of the escapes in record text) is decoded
      // here and the loop goes on; anything else is left to the caller. The room is
      // there: at least 64 - n bytes were left at w.
      if (*p == '\\' && end - p >= 2 && kOneLetter[static_cast<unsigned char>(p[1])] != 0) {
        *w++ = kOneLetter[static_cast<unsigned char>(p[1])];
        p += 2;
        left = both_left();
        continue;
      }
      stopped = true;
      break;
    }
    p += 64;
    w += 64;
    left -= 64;
  }
  p_ref = p;
  w_ref = w;
  return stopped;
}
#endif

}  // namespace

namespace {

// read_json_string's decoding into out[start...].
bool read_into(std::string_view s, size_t& pos, std::string& out, size_t start) {
  if (pos >= s.size() || s[pos] != '"') return false;
  const char* p = s.data() + pos + 1;
  const char* const end = s.data() + s.size();
  Output o(out, start, static_cast<size_t>(end - p));
  char*& w = o.w();
  auto done = [&](bool ok) {
    o.finish();
    pos = static_cast<size_t>(p - s.data());
    return ok;
  };
  while (true) {
    bool stopped = false;  // at a quote, backslash or control character
#if defined(HANFACTS_JSON_AVX2)
    if (kHasAvx2) stopped = copy_plain_avx2(p, end, w, o.limit());
#endif
#if defined(__SSE2__)
    // Sixteen bytes at a time, up to the first quote, backslash or control character.
    // With room for the whole block it is stored as it is, whatever part of it counts:
    // no copy call per run of plain bytes (record text has an escape every ~100 bytes).
    while (!stopped && end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      // Bytes below 0x20: signed compare after flipping the top bit (0x80..0xFF stay above).
      const __m128i control = _mm_cmplt_epi8(_mm_xor_si128(v, _mm_set1_epi8(static_cast<char>(0x80))),
                                             _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80)));
      const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                        control);
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
      const size_t n = mask == 0 ? 16 : static_cast<size_t>(__builtin_ctz(mask));
      if (o.room() >= 16) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
      } else {  // a short string in a small buffer (a member name): no growth for it
        o.need(n);
        std::memcpy(w, p, n);
      }
      p += n;
      w += n;
      if (mask != 0) break;
    }
#endif
    // The last bytes of the input (or all of them without SSE2).
    while (p < end && kPlain[static_cast<unsigned char>(*p)]) {
      o.need(1);
      *w++ = *p++;
    }
    if (p >= end) return done(false);
    const char c = *p++;
    if (c == '"') return done(true);
    if (c != '\\') return done(false);  // a control character
    if (p >= end) return done(false);
    o.need(4);  // an escape is at least two bytes and decodes to at most four
    const auto letter = static_cast<unsigned char>(*p++);
    if (kOneLetter[letter] != 0) {
      *w++ = kOneLetter[letter];
      continue;
    }
    if (letter != 'u') return done(false);  // a bad escape
    unsigned u;
    if (!hex4(p, end, u)) return done(false);
    char32_t cp = u;
    if (u >= 0xD800 && u <= 0xDBFF) {
      unsigned lo;
      if (end - p >= 2 && p[0] == '\\' && p[1] == 'u') {
        p += 2;
        if (!hex4(p, end, lo)) return done(false);
        cp = lo >= 0xDC00 && lo <= 0xDFFF ? 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00) : kReplacement;
      } else {
        cp = kReplacement;
      }
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      cp = kReplacement;
    }
    w = put_utf8(w, cp);
  }
}

}  // namespace

bool read_json_string(std::string_view s, size_t& pos, std::string& out) { return read_into(s, pos, out, out.size()); }

bool read_json_string_over(std::string_view s, size_t& pos, std::string& out) { return read_into(s, pos, out, 0); }

}  // namespace hanfacts::text
