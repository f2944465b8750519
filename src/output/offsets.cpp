// CodePointIndex's table: one pass over the text, 64 bytes per block.
#include "output/offsets.h"
#include "text/cpu.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HANFACTS_OFFSETS_AVX2 1
#endif

namespace hanfacts::output {
namespace {

// The table of the text at s (n bytes) into `starts` and `before` (n / 64 + 1 entries
// each), with `Blocks` for a block's mask (Blocks::starts64: bit k says byte k of the
// 64 at p starts a code point, i.e. is no continuation byte 10xxxxxx, as in
// text::count_code_points) and its bits (Blocks::popcount).
template <class Blocks>
[[gnu::always_inline]] inline void fill(const char* s, size_t n, uint64_t* starts, size_t* before) {
  const size_t full = n / 64;
  size_t count = 0;
  for (size_t b = 0; b < full; ++b) {
    const uint64_t m = Blocks::starts64(s + 64 * b);
    starts[b] = m;
    before[b] = count;
    count += Blocks::popcount(m);
  }
  // The last block (maybe empty: `n` itself is looked up), zero-padded; the padding's
  // bits are dropped.
  char tail[64] = {};
  std::copy(s + 64 * full, s + n, tail);
  starts[full] = Blocks::starts64(tail) & ((uint64_t{1} << (n - 64 * full)) - 1);  // n - 64 * full < 64
  before[full] = count;
}

struct BaselineBlocks {
  static uint64_t starts64(const char* p) {
#if defined(__SSE2__)
    // Signed bytes above -0x41: ASCII and lead bytes; continuation bytes are -0x80..-0x41.
    const __m128i last_cont = _mm_set1_epi8(-0x41);
    uint64_t m = 0;
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      m |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpgt_epi8(v, last_cont)))) << (16 * k);
    }
    return m;
#else
    uint64_t m = 0;
    for (int k = 0; k < 64; ++k) m |= static_cast<uint64_t>((static_cast<unsigned char>(p[k]) & 0xC0) != 0x80) << k;
    return m;
#endif
  }
  static size_t popcount(uint64_t m) { return CodePointIndex::popcount64(m); }
};

#if defined(HANFACTS_OFFSETS_AVX2)
const bool kHasAvx2 = text::cpu::avx2() && text::cpu::popcnt();

// Two 32-byte comparisons per block instead of four 16-byte ones, and POPCNT.
struct Avx2Blocks {
  [[gnu::target("avx2")]] static uint64_t starts64(const char* p) {
    // Continuation bytes are the signed bytes below -0x40 (0x80..0xBF): their bits are
    // found and the mask inverted.
    const __m256i first_other = _mm256_set1_epi8(-0x40);
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    const auto cont_lo = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(first_other, lo)));
    const auto cont_hi = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(first_other, hi)));
    return ~(cont_lo | uint64_t{cont_hi} << 32);
  }
  [[gnu::target("popcnt")]] static size_t popcount(uint64_t m) { return static_cast<size_t>(__builtin_popcountll(m)); }
};

// Flattened: fill and the block functions compiled into this one function for AVX2.
[[gnu::target("avx2,popcnt"), gnu::flatten]] void fill_avx2(const char* s, size_t n, uint64_t* starts,
                                                              size_t* before) {
  fill<Avx2Blocks>(s, n, starts, before);
}
#endif

}  // namespace

void CodePointIndex::build(std::string_view text) {
  const size_t blocks = text.size() / 64 + 1;
  starts_.resize(blocks);
  before_.resize(blocks);
#if defined(HANFACTS_OFFSETS_AVX2)
  if (kHasAvx2) return fill_avx2(text.data(), text.size(), starts_.data(), before_.data());
#endif
  fill<BaselineBlocks>(text.data(), text.size(), starts_.data(), before_.data());
}

}  // namespace hanfacts::output
