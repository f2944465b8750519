// MONEY recognizer (money/recognizer.h).
//
// One pass over the folded text. Work starts only at an ASCII digit or a numeral
// character (일 十 万 ...) that begins a word; there the shared numeral parser reads the
// amount, and the tables built in create() look for what may follow it (an infix 여/余,
// a currency word, a minor unit, a range connector and a second amount) and what may
// precede it (a prefix symbol US$, ￥, 人民币; a qualifier 약, 约). No regex, no
// allocation per position.
#include "money/recognizer.h"

#include <algorithm>
#include <array>
#include <bit>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// HANFACTS_MONEY_NO_AVX2 builds only the SSE2/scalar scanner (to test it on AVX2 machines).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(HANFACTS_MONEY_NO_AVX2)
#include <immintrin.h>
#define HANFACTS_MONEY_AVX2 1
#endif
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "lexicon/tsv.h"
#include "numeral/numeral.h"
#include "text/cpu.h"
#include "text/fold.h"
#include "text/utf8.h"
#include "text/zh_words.h"

namespace hanfacts::money {

using numeral::Decimal;
using numeral::Numeral;

namespace {

// kNone: a word that ends like a qualifier but is not one (签约 before 10亿元 is a
// contract, not 约 "about"); kEquiv: a conversion word (折合, 约合) that makes the amount
// restate the one before it.
// Code points of folded text, which is valid UTF-8 (text/fold.h). These skip the full
// validation of text/utf8.h: the scanner decodes around every candidate start, and
// that validation was a tenth of its time. On malformed bytes they return some value
// and stay inside the string; a wrong value can only cost a match.
[[gnu::always_inline]] inline char32_t decode_at(std::string_view s, size_t& i) {
  const auto* d = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned char b = d[i];
  char32_t c;
  if ((b & 0xF0) == 0xE0) {  // Hangul and Han first: most of what is decoded here
    if (i + 2 >= n) return ++i, 0xFFFD;
    c = text::decode3(d + i), i += 3;
    return c;
  }
  if (b < 0x80) {
    c = b, i += 1;
  } else if (b < 0xC0) {
    c = 0xFFFD, i += 1;  // a stray continuation byte
  } else if (b < 0xE0) {
    if (i + 1 >= n) return ++i, 0xFFFD;
    c = ((b & 0x1Fu) << 6) | (d[i + 1] & 0x3Fu), i += 2;
  } else if (b < 0xF0) {
    if (i + 2 >= n) return ++i, 0xFFFD;
    c = text::decode3(d + i), i += 3;
  } else {
    if (i + 3 >= n) return ++i, 0xFFFD;
    c = ((b & 0x07u) << 18) | ((d[i + 1] & 0x3Fu) << 12) | ((d[i + 2] & 0x3Fu) << 6) | (d[i + 3] & 0x3Fu), i += 4;
  }
  return c;
}
[[gnu::always_inline]] inline char32_t decode_before(std::string_view s, size_t& i) {
  const auto* d = reinterpret_cast<const unsigned char*>(s.data());
  // ASCII and three-byte characters (Hangul, Han) directly; the same results as the
  // general path below.
  if (d[i - 1] < 0x80) return d[--i];
  if (i >= 3 && (d[i - 3] & 0xF0) == 0xE0 && (d[i - 2] & 0xC0) == 0x80 && (d[i - 1] & 0xC0) == 0x80) {
    i -= 3;
    return text::decode3(d + i);
  }
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  size_t j = start;
  const char32_t c = decode_at(s, j);
  i = start;
  return c;
}

enum Role : unsigned char { kApprox, kMin, kMax, kRange, kNone, kEquiv };

struct Word {
  std::string text;  // folded
  int id = 0;        // currency index, minor unit index or qualifier role
  bool word_end = false;
  bool ascii = false;  // Latin letters: must not touch other Latin letters
  bool after_scale = false;  // counts only after a Korean scale word (3000억 동, not 101동)
  // Currency words only, set once all files are read: the word's entry in
  // Tables::country_bound and in Tables::regional_codes (-1: none). An amount then looks
  // at those tables only for such words, not by comparing its word with every entry
  // (most amounts have neither).
  int country_bound = -1;
  int regional = -1;
  // Prefix words only: a prefix only before an amount that a one-character generic word
  // closes (美元338億元, currencies.tsv column prefix_with_generic).
  bool needs_generic = false;
};

// Words grouped by their first (or last, for look-behind) code point, longest first.
// The groups sit in a small open-addressing table (multiplicative hash, linear probing)
// behind a 4096-bit key filter: lookups happen around every amount, and the division
// of std::unordered_map's bucket index showed in profiles.
class WordIndex {
 public:
  void add(Word w, bool by_last) {
    max_size_ = std::max(max_size_, w.text.size());
    std::string_view t = w.text;
    size_t i = 0;
    char32_t key;
    if (by_last) {
      i = t.size();
      key = decode_before(t, i);
    } else {
      key = decode_at(t, i);
    }
    bloom_[(key >> 6) & 63] |= 1ULL << (key & 63);
    if (by_last && !t.empty()) {
      const unsigned char b = static_cast<unsigned char>(t.back());
      last_bytes_[b >> 6] |= 1ULL << (b & 63);
    }
    if (key < 0x10000) keys_[key >> 6] |= 1ULL << (key & 63);
    std::vector<Word>* v = find_list(key);
    if (!v) {
      lists_.push_back({key, {}});
      // The table grows (and is filled again in lists_ order) only when the keys outgrow
      // it; otherwise the new key goes in as that refill would put it, last.
      if (slots_.size() < 4 * lists_.size()) rebuild();
      else insert_slot(lists_.size() - 1);
      v = &lists_.back().second;
    }
    // Longest first; among words of one length, in the order added.
    const auto at = std::upper_bound(v->begin(), v->end(), w.text.size(),
                                     [](size_t size, const Word& x) { return size > x.text.size(); });
    v->insert(at, std::move(w));
  }
  // False only when no word is keyed by `key` (exact in the BMP, a 4096-bit filter over
  // the low bits beyond): lets the scanner and the lookups below skip the table.
  size_t max_size() const { return max_size_; }
  bool may_have(char32_t key) const {
    if (key < 0x10000) return (keys_[key >> 6] >> (key & 63)) & 1;  // exact
    return (bloom_[(key >> 6) & 63] >> (key & 63)) & 1;
  }
  // The keys in the BMP as a set.
  const std::array<unsigned long long, 1024>& key_bits() const { return keys_; }
  template <class F>
  void for_each_word(F&& f) const {
    for (const auto& [key, words] : lists_)
      for (const Word& w : words) f(w);
  }
  template <class F>
  void for_each_word(F&& f) {
    for (auto& [key, words] : lists_)
      for (Word& w : words) f(w);
  }

  // Longest word starting at i.
  // (Inlined up to the keys' test, which answers most calls; the rest is a call.)
  [[gnu::always_inline]] const Word* match_at(std::string_view s, size_t i) const {
    if (i >= s.size()) return nullptr;
    // Most places start no word. A three-byte character (Hangul, Han) is looked up in
    // the keys from its bytes, which hold the code point's bits, before it is decoded.
    const auto* d = reinterpret_cast<const unsigned char*>(s.data());
    if ((d[i] & 0xF0) == 0xE0 && i + 2 < s.size() &&
        !((keys_[((d[i] & 0x0Fu) << 6) | (d[i + 1] & 0x3Fu)] >> (d[i + 2] & 0x3Fu)) & 1))
      return nullptr;
    return match_decoded(s, i);
  }
  // match_at() past the keys' test of a three-byte character.
  [[gnu::noinline]] const Word* match_decoded(std::string_view s, size_t i) const {
    size_t j = i;
    const char32_t key = decode_at(s, j);
    return match_key(s, i, key, j);
  }
  // The same, with the code point at i already decoded: key, ending before byte j.
  const Word* match_key(std::string_view s, size_t i, char32_t key, size_t j) const {
    if (!may_have(key)) return nullptr;
    const std::vector<Word>* v = find_list(key);
    if (!v) return nullptr;
    for (const Word& w : *v)
      if (equal_after_key(s, i, j - i, w.text)) return &w;
    return nullptr;
  }
  // Every word starting at i, longest first.
  template <class F>
  void for_each_at(std::string_view s, size_t i, F&& f) const {
    if (i >= s.size()) return;
    size_t j = i;
    const char32_t key = decode_at(s, j);
    if (!may_have(key)) return;
    const std::vector<Word>* v = find_list(key);
    if (!v) return;
    for (const Word& w : *v)
      if (equal_after_key(s, i, j - i, w.text)) f(w);
  }
  // Longest word ending at i, of at most max_bytes bytes.
  const Word* match_before(std::string_view s, size_t i, size_t max_bytes = SIZE_MAX) const {
    if (i == 0) return nullptr;
    // Most places end no word: the byte before i is tested before anything is decoded.
    const unsigned char b = static_cast<unsigned char>(s[i - 1]);
    if (!((last_bytes_[b >> 6] >> (b & 63)) & 1)) return nullptr;
    size_t j = i;
    const char32_t key = decode_before(s, j);
    if (!may_have(key)) return nullptr;
    const std::vector<Word>* v = find_list(key);
    if (!v) return nullptr;
    for (const Word& w : *v)  // the key, w's last i - j bytes, is in place
      if (w.text.size() <= i && w.text.size() <= max_bytes && equal_before_key(s, i - w.text.size(), w.text, i - j))
        return &w;
    return nullptr;
  }

 private:
  // Does w occur at byte i, given that its first `key` bytes (the key code point) are
  // known to be there? Words are a few bytes long: a byte loop beats a call to memcmp.
  static bool equal_after_key(std::string_view s, size_t i, size_t key, std::string_view w) {
    if (w.size() > s.size() - i) return false;
    for (size_t k = key; k < w.size(); ++k)
      if (s[i + k] != w[k]) return false;
    return true;
  }
  // The same for a word whose last `key` bytes are known to be in place. From the end:
  // the words of one key mostly share their first bytes (the lead bytes of Han and
  // Hangul: 签约, 合约, 节约 ... after 约) and differ in the last byte before the key.
  static bool equal_before_key(std::string_view s, size_t i, std::string_view w, size_t key) {
    for (size_t k = w.size() - key; k-- > 0;)
      if (s[i + k] != w[k]) return false;
    return true;
  }
  static uint32_t hash(char32_t key) { return static_cast<uint32_t>(key) * 2654435761u; }
  const std::vector<Word>* find_list(char32_t key) const {
    return const_cast<WordIndex*>(this)->find_list(key);
  }
  std::vector<Word>* find_list(char32_t key) {
    if (slots_.empty()) return nullptr;
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    for (uint32_t h = hash(key) >> shift_;; h = (h + 1) & mask) {
      const int32_t k = slots_[h];
      if (k < 0) return nullptr;
      if (lists_[static_cast<size_t>(k)].first == key) return &lists_[static_cast<size_t>(k)].second;
    }
  }
  // Table size: a power of two at least four times the number of keys.
  void rebuild() {
    size_t size = 16;
    shift_ = 28;
    while (size < 4 * lists_.size()) size *= 2, --shift_;
    slots_.assign(size, -1);
    for (size_t k = 0; k < lists_.size(); ++k) insert_slot(k);
  }
  void insert_slot(size_t k) {
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    uint32_t h = hash(lists_[k].first) >> shift_;
    while (slots_[h] >= 0) h = (h + 1) & mask;
    slots_[h] = static_cast<int32_t>(k);
  }

  std::vector<std::pair<char32_t, std::vector<Word>>> lists_;
  std::vector<int32_t> slots_;  // index into lists_, -1 empty
  int shift_ = 28;
  unsigned long long bloom_[64] = {};
  unsigned long long last_bytes_[4] = {};  // last bytes of the words keyed by their last code point
  size_t max_size_ = 0;  // bytes of the longest word
  // Exact set of the keys in the BMP (8 KB): most lookups find no word, and the Hangul
  // and Han keys share too few bits of a small filter.
  std::array<unsigned long long, 1024> keys_{};
};

// Where a minor unit may stand without a major one (minor_units.tsv column alone).
enum class Alone : unsigned char { kNo, kYes, kWord };

struct Minor {
  int currency;
  int per;
  Alone alone;
};

bool is_latin(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

[[gnu::always_inline]] inline char32_t cp_at(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  return decode_at(s, i);
}
[[gnu::always_inline]] inline char32_t cp_before(std::string_view s, size_t i) {
  if (i == 0) return 0;
  return decode_before(s, i);
}

bool is_letter(char32_t c) {
  return text::is_hangul_syllable(c) || text::is_han(c) || (c < 0x80 && is_latin(static_cast<char>(c)));
}

// Does w occur at byte i? A byte loop: the words are one character long.
inline bool bytes_at(std::string_view s, size_t i, std::string_view w) {
  if (i > s.size() || w.size() > s.size() - i) return false;
  for (size_t k = 0; k < w.size(); ++k)
    if (s[i + k] != w[k]) return false;
  return true;
}

size_t skip_space(std::string_view s, size_t i, int max = 1) {
  int n = 0;
  while (i < s.size() && s[i] == ' ' && n < max) ++i, ++n;
  return i;
}

}  // namespace

struct Tables {
  // Numeral characters among the three-byte UTF-8 sequences (all of Hangul and the CJK
  // ideographs): bit b2&0x3F of starts3[(b0&0x0F)<<6 | (b1&0x3F)]. The scanner tests a
  // character with one load, without decoding it.
  std::array<unsigned long long, 1024> starts3{};
  // The same set as a byte filter for the AVX2 scanner (see fill_masks_avx2): eight
  // buckets, each a lead byte E3..ED and sets of second and third bytes, each set
  // written as "high nibble in H and low nibble in L". Bit b of lead_lo[b0 & 15] says
  // the lead belongs to bucket b; second_lo / second_hi and third_lo / third_hi give
  // the nibble sets. A superset of the numeral characters; the exact test (starts3)
  // follows. The third byte matters: a bucket of second bytes alone also takes in every
  // other character of the same 64 (이 brings 인, 일, 있 ...).
  struct PairFilter {
    alignas(16) std::array<unsigned char, 16> lead_lo{}, second_lo{}, second_hi{}, third_lo{}, third_hi{};
  };
  PairFilter han_pairs;     // leads E3..E9: 〇 and the CJK ideographs
  PairFilter hangul_pairs;  // leads EA..ED: Hangul syllables
  bool pair_filter_ok = false;  // false: the AVX2 scanner is not used
  // Exact sets over the BMP for the scanner's gate: first code points of the words that
  // continue an amount (currency, minor unit, infix, connector), last code points of
  // prefix words.
  std::array<unsigned long long, 1024> followers{}, currency_starts{}, prefix_ends{};
  // The gate's first test (Reader::run_end): what may stand right after the first digits
  // or the first numeral character of a run and let the run go on into money. ASCII
  // digits, ',', '.' and the space (the run goes on), the numeral characters, and the
  // first code points of the words that continue an amount (followers). Any other
  // character ends the run there, and only a prefix before it can still make money.
  std::array<unsigned long long, 1024> run_goes_on{};
  // Does the run go on at p (p < s.size())? Decided from the bytes: ASCII and three-byte
  // characters with one load; any other character (rare) says yes, for the full gate.
  [[gnu::always_inline]] bool run_goes_on_at(const unsigned char* d, size_t n, size_t p) const {
    const unsigned char b = d[p];
    if (b < 0x80) return (run_goes_on[b >> 6] >> (b & 63)) & 1;
    if ((b & 0xF0) != 0xE0 || p + 2 >= n) return true;
    return (run_goes_on[((b & 0x0Fu) << 6) | (d[p + 1] & 0x3Fu)] >> (d[p + 2] & 0x3Fu)) & 1;
  }
  // Is the three-byte character at p a numeral character (p + 2 < s.size())?
  bool numeral3(std::string_view s, size_t p) const { return bytes3_in(starts3, s, p); }
  // Does a digit or a numeral character stand at p? From the bytes (every numeral
  // character is three bytes long, U+3000..U+D7FF: numeral::mark_numeral_chars), where
  // decoding the code point and calling numeral::is_numeral_char() cost a call at every
  // space after a number the gate walks past.
  [[gnu::always_inline]] bool digit_or_numeral_at(std::string_view s, size_t p) const {
    if (p >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[p]);
    return static_cast<unsigned>(b - '0') <= 9u || ((b & 0xF0) == 0xE0 && p + 2 < s.size() && numeral3(s, p));
  }
  // Is the three-byte character at p in `set` (a set over the BMP, as has())? Read
  // from its bytes: the code point's bits without assembling it.
  static bool bytes3_in(const std::array<unsigned long long, 1024>& set, std::string_view s, size_t p) {
    const auto* d = reinterpret_cast<const unsigned char*>(s.data()) + p;
    return (set[((d[0] & 0x0Fu) << 6) | (d[1] & 0x3Fu)] >> (d[2] & 0x3Fu)) & 1;
  }
  static bool has(const std::array<unsigned long long, 1024>& set, char32_t c) {
    return c < 0x10000 && ((set[c >> 6] >> (c & 63)) & 1);
  }
  std::vector<std::string> codes;
  // regional_currencies.tsv: a currency word alone, by the article's region -> code id.
  struct Regional {
    std::string word;  // folded
    core::Region region;
    int code;
  };
  std::vector<Regional> regional;
  // The same by word (Word::regional): the code id for each core::Region, -1 for none
  // (the word keeps its own currency there).
  static constexpr size_t kRegions = static_cast<size_t>(core::Region::kMo) + 1;
  std::vector<std::array<int, kRegions>> regional_codes;
  // country_currencies.tsv: a currency word several countries use (페소, 比索, 디르함), read
  // as the currency of the country the text named last before the amount.
  struct CountryBound {
    std::string word;  // folded
    std::vector<std::pair<std::string, int>> countries;  // folded country name -> code id
    int fallback = -1;  // currencies.tsv's code for the word alone, or -1: no fact
  };
  std::vector<CountryBound> country_bound;
  // The currency of a country-bound word (`b`, after an amount at `start` in `s`) by
  // the country named last before it. -1: the word needs a country and has none.
  static int currency_by_country(std::string_view s, size_t start, const CountryBound& b) {
    const std::string_view head = s.substr(0, start);
    size_t best = std::string_view::npos;
    int code = b.fallback;
    for (const auto& [country, id] : b.countries) {
      const size_t at = head.rfind(country);
      if (at != std::string_view::npos && (best == std::string_view::npos || at > best)) best = at, code = id;
    }
    return code;
  }
  WordIndex suffix, prefix;         // currency words after / before an amount
  WordIndex minor;                  // minor units (id indexes minors)
  std::vector<Minor> minors;
  WordIndex before, after, infix, connector;  // qualifiers (id = Role)
  WordIndex stem;                             // Korean verb stems after an amount (을 넘어선)
  WordIndex adverb;                           // adverbs between the particle and a stem (을 처음 넘어선)
  // Korean nouns of a definite figure with the copula, before an amount (실적인 13조 원):
  // the amount is what that figure is, exactly, so a stem after it compares something
  // else with it.
  WordIndex appositive;
  // Chinese nouns of a set figure after an amount and 的 (的官方指导价, 的市场预期): the
  // amount is that figure, so a min or max word before it compares something else with
  // it (低于1499元/瓶的官方指导价 sets no max).
  WordIndex benchmark;
  // Connectors that read "from" (에서) and words after the second amount that read "to"
  // (으로): 6만5000원에서 7만2000원으로 is a change of one amount into another, not a range.
  WordIndex from, to;
  // Verbs of adjustment right before the first amount (下调): then the amount is the
  // change, and a connector after it reads "to" the new level, not a range.
  WordIndex by;
  // Words that join two amounts (和, 및, 와): a conversion after the second restates their
  // sum, which is neither amount.
  WordIndex conjunction;
  // Korean words of what the amount is per (월 a month, 1인당 a person), one space before
  // it: a cap or an approximation before them reaches the amount (최대 월 40만 원).
  WordIndex per;
  WordIndex conversion;                       // 折合, 约合, 한화로: restates the amount before
  // Korean names of a currency that open a bracket restating the amount before it in that
  // currency (5억 달러(한화 약 6,900억 원), 약 6,900억 원(미화 5억 달러)).
  WordIndex bracket_lead;
  // Words closing a range after its second amount (10亿元至20亿元之间, 10억~20억 원 사이):
  // an equivalent may follow them, as it may follow an after-qualifier.
  WordIndex range_close;
  WordIndex scale_words;                      // million, billion after digits (id = exponent)
  // First syllables of particles.tsv: what may follow a currency word or an after
  // qualifier in the same word (원을, 이상의).
  std::array<unsigned long long, (0xD7A4 - 0xAC00 + 63) / 64> particles{};
  bool is_particle(char32_t c) const {
    return text::is_hangul_syllable(c) && ((particles[(c - 0xAC00) >> 6] >> ((c - 0xAC00) & 63)) & 1);
  }
  // The case particles after which a verb stem compares with the amount (particles.tsv,
  // column stem), each with the roles of the stems it lets do so (a bit per Role).
  std::vector<std::pair<char32_t, unsigned>> stem_particles;
  unsigned stem_roles_after(char32_t c) const {
    for (const auto& [p, roles] : stem_particles)
      if (p == c) return roles;
    return 0;
  }
  numeral::ParseOptions amount_options;
  // What a minor tail may open with after a major unit (五元又三毛, 三块零四), from
  // numerals.tsv: its Chinese joiners (又), stepped over, and its Chinese zeros (〇 零),
  // stepped over as a skipped unit (零四 is four of the unit after the next); those of
  // one three-byte character, as sets over the BMP (bytes3_in): may_have_tail() asks
  // after every amount with a currency word.
  // (The joiners' lead bytes too, bit b & 15 of each: after a Korean amount the next
  // byte leads a Hangul syllable, which no Chinese joiner shares, and the set's load is
  // left out.)
  std::array<unsigned long long, 1024> tail_joiners{}, tail_zeros{};
  uint16_t tail_joiner_leads = 0;
  [[gnu::always_inline]] bool tail_joiner_at(std::string_view s, size_t q) const {
    if (q + 2 >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[q]);
    return (b & 0xF0) == 0xE0 && ((tail_joiner_leads >> (b & 15)) & 1) && bytes3_in(tail_joiners, s, q);
  }
  // The code points of numeral/non_numeral_words.tsv (numeral::non_numeral_word_chars):
  // a Chinese amount whose first code point is none of them (600亿元, most) lies inside
  // no such word (三元锂), and single() leaves out the call that would say so (of 8,126
  // calls on 4 MB, 520 are left).
  std::array<unsigned long long, 1024> non_numeral_chars{};
  [[gnu::always_inline]] bool may_be_in_non_numeral_word(std::string_view s, size_t p) const {
    const auto b = static_cast<unsigned char>(s[p]);
    if (b < 0x80) return (non_numeral_chars[0] >> b) & 1;
    return (b & 0xF0) != 0xE0 || p + 2 >= s.size() || bytes3_in(non_numeral_chars, s, p);
  }
  bool tail_zero_at(std::string_view s, size_t q) const {
    return q + 2 < s.size() && (static_cast<unsigned char>(s[q]) & 0xF0) == 0xE0 && bytes3_in(tail_zeros, s, q);
  }

  // Can a word that continues an amount (currency, minor unit, infix 여/多, range
  // connector) start with c? A filter: false positives only cost a parse.
  // Can a word that continues an amount start at q? Exact for one-character words (元,
  // 원, ~), a 64K-bit filter over the first two characters otherwise (个比特币 must not
  // send every 一个 to the word indexes).
  std::array<unsigned long long, 1024> followers_one{}, follower_pairs{};
  static unsigned pair_hash(char32_t a, char32_t b) { return (a * 40503u + b * 2654435761u) >> 16 & 0xFFFFu; }
  // c is the code point at q, j the byte after it.
  [[gnu::always_inline]] bool may_follow_at(std::string_view s, char32_t c, size_t j) const {
    if (c >= 0x10000) return suffix.may_have(c);
    if (!has(followers, c)) return false;
    if (has(followers_one, c)) return true;
    const char32_t d = j < s.size() ? decode_at(s, j) : 0;
    const unsigned h = pair_hash(c, d);
    return (follower_pairs[h >> 6] >> (h & 63)) & 1;
  }
  // (Inlined by force: the scanner's test asks it at most starts, and with that test
  // compiled twice (Recognizer::scan_starts), GCC made it a call.)
  [[gnu::always_inline]] bool may_end_prefix(char32_t c) const {
    return has(prefix_ends, c) || (c >= 0x10000 && prefix.may_have(c));
  }
  // The last bytes of the characters that end prefix words (those beyond the BMP too):
  // a character ending in any other byte (most of them) ends no prefix word, and the
  // gate need not decode it.
  // (A byte each, not a bit: one load and no shift.)
  std::array<bool, 256> prefix_end_bytes{};
  bool space_ends_prefix = false;  // a prefix word ends with a space
  // May a prefix word (US$, 人民币) end right before i, with up to two spaces between?
  // (The spaces first, then one test of the byte before: most starts have neither a
  // space nor a prefix's last byte before them.)
  [[gnu::always_inline]] bool prefix_may_end_before(std::string_view s, size_t i) const {
    const auto* d = reinterpret_cast<const unsigned char*>(s.data());
    size_t k = i;
    if (k > 0 && d[k - 1] == ' ') {  // 人民币  50元
      if (space_ends_prefix) return true;
      if (--k > 0 && d[k - 1] == ' ' && --k > 0 && d[k - 1] == ' ') return false;
    }
    if (k == 0) return false;
    const unsigned char b = d[k - 1];
    return prefix_end_bytes[b] && may_end_prefix(cp_before(s, k));
  }
  // The gate's first test, made by the scanner at a start k (a digit, or a three-byte
  // numeral character): can money begin there at all? Most starts end at once (2025년,
  // 30%, 이번, 一些): the first digits or the first numeral character are followed by a
  // character that neither goes on with the run nor starts a word after it
  // (run_goes_on), and no prefix ends before them. Decided with a few table loads; the
  // answer is the one the full gate (Reader::run_end) would give, so the scanner drops
  // those starts without leaving its loop.
  // `p` is set to the end of those first digits or that character, where the full
  // gate's walk goes on (Reader::run_end).
  [[gnu::always_inline]] bool may_pass_at(std::string_view s, size_t k, size_t& p) const {
    const auto* d = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    p = k + 3;
    if (d[k] < 0x80) p = numeral::digit_run_end(s.data(), k + 1, n);
    return may_pass_after(s, k, p);
  }
  // may_pass_at() with p, the end of the first digits or numeral character, known (the
  // AVX2 scanner reads a digit run's end from its blocks' digit masks).
  [[gnu::always_inline]] bool may_pass_after(std::string_view s, size_t k, size_t p) const {
    return (p < s.size() && goes_on_past(s, p)) || prefix_may_end_before(s, k);
  }
  // goes_on_at(), and past a space the same test of the character after it (2025 년,
  // 3 명): the full gate's walk steps over a space only before a digit, a numeral
  // character or a second space, all of which go on, and continues() skips one space
  // before the word it looks up, whose first character goes on too; so a start whose
  // space is followed by anything else is dropped here, where it cost a walk, a decoding
  // and the follower filter in Reader::run_end.
  [[gnu::always_inline]] bool goes_on_past(std::string_view s, size_t p) const {
    if (!goes_on_at(s, p)) return false;
    const auto* d = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    const unsigned char b = d[p];
    if (b == ' ') return p + 1 < n && goes_on_at(s, p + 1);
    return true;
  }
  // Can the run go on into money at p (right after its first digits or numeral
  // character)? run_goes_on_at(), and for a character that is no numeral but starts a word
  // that may follow an amount (日 of 日元 after 15日) the pair filter that
  // Reader::continues() asks next (may_follow_at: 日 and the character after it), so that
  // the dates' 15日 end here as 2025년 does. A filter: true may still come to nothing.
  [[gnu::always_inline]] bool goes_on_at(std::string_view s, size_t p) const {
    const auto* d = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    if (!run_goes_on_at(d, n, p)) return false;
    if (d[p] < 0x80 || (d[p] & 0xF0) != 0xE0 || p + 2 >= n || numeral3(s, p)) return true;
    return may_follow3_at(s, p);
  }
  // may_follow_at() of the three-byte character at p (out of line: the scanner's loop
  // stays small enough to be inlined).
  [[gnu::noinline]] bool may_follow3_at(std::string_view s, size_t p) const {
    return may_follow_at(s, text::decode3(reinterpret_cast<const unsigned char*>(s.data()) + p), p + 3);
  }

  // The currency word at i (after an amount), honoring word_end and Latin boundaries.
  const Word* suffix_at(std::string_view s, size_t i) const { return suffix_checked(s, i, suffix.match_at(s, i)); }
  // The checks of suffix_at() on w = suffix.match_at(s, i), already looked up.
  const Word* suffix_checked(std::string_view s, size_t i, const Word* w) const {
    if (!w) return nullptr;
    const size_t e = i + w->text.size();
    const char32_t next = cp_at(s, e);
    if (w->ascii && e < s.size() && is_latin(s[e])) return nullptr;
    if (w->word_end && is_letter(next) && !is_particle(next) && minor.match_at(s, e) == nullptr &&
        !numeral::is_numeral_char(next) && !after.match_at(s, e) && !connector.match_at(s, e))
      return nullptr;
    return w;
  }
};

namespace {

// The roles and positions qualifiers.tsv may name. A position says which index its words
// go to, which roles it takes and whether its words are matched backwards from the amount
// (looked up before it: match_before); adding a position is one row here.
struct QualifierRole {
  std::string_view name;
  Role role;
};
constexpr QualifierRole kQualifierRoles[] = {{"approx", kApprox}, {"min", kMin}, {"max", kMax},
                                             {"range", kRange},   {"none", kNone}, {"equiv", kEquiv}};

constexpr unsigned kFlagRoles = 1u << kApprox | 1u << kMin | 1u << kMax;
struct QualifierPosition {
  std::string_view name;
  unsigned roles;  // bit per Role
  WordIndex Tables::*index;
  bool reversed;
  WordIndex Tables::*equiv_index = nullptr;  // where its equiv words go, if it takes them
};
const QualifierPosition kQualifierPositions[] = {
    {"before", kFlagRoles | 1u << kNone | 1u << kEquiv, &Tables::before, true, &Tables::conversion},
    {"after", kFlagRoles, &Tables::after, false},
    {"infix", kFlagRoles, &Tables::infix, false},
    {"between", 1u << kRange, &Tables::connector, false},
    {"stem", kFlagRoles, &Tables::stem, false},
    // The rest set no flag: they tell how the amounts around them read.
    {"adverb", 1u << kNone, &Tables::adverb, false},
    {"from", 1u << kNone, &Tables::from, false},
    {"to", 1u << kNone, &Tables::to, false},
    {"by", 1u << kNone, &Tables::by, true},
    {"and", 1u << kNone, &Tables::conjunction, false},
    {"appositive", 1u << kNone, &Tables::appositive, true},
    {"benchmark", 1u << kNone, &Tables::benchmark, false},
    {"per", 1u << kNone, &Tables::per, true},
    {"close", 1u << kNone, &Tables::range_close, false},
    {"bracket", 1u << kEquiv, &Tables::bracket_lead, false, &Tables::bracket_lead},
};

template <class T, size_t N>
const T* find_by_name(const T (&rows)[N], std::string_view name) {
  for (const T& r : rows)
    if (r.name == name) return &r;
  return nullptr;
}

template <class T, size_t N>
std::string names_of(const T (&rows)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i) out += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(rows[i].name);
  return out;
}

std::string roles_of(unsigned roles) {
  std::string out;
  for (const QualifierRole& r : kQualifierRoles)
    if (roles & (1u << r.role)) out += (out.empty() ? "" : ", ") + std::string(r.name);
  return out;
}

Status load(Tables& t, const lexicon::Source& src) {
  std::string_view file = src.name;
  auto base = file.substr(file.find_last_of('/') + 1);
  if (base == "currencies.tsv") {
    auto table = lexicon::parse_tsv(src.content, src.name, {"code", "lang", "suffix", "prefix", "prefix_with_generic"});
    if (!table.ok()) return table.status();
    const lexicon::Table& tb = table.value();
    for (const auto& row : tb.rows()) {
      std::string code(tb.cell(row, "code"));
      if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return tb.error(row, "code", "not an ISO 4217 code: '" + code + "'");
      auto lang = tb.cell(row, "lang");
      if (lang != "ko" && lang != "zh" && lang != "*") return tb.error(row, "lang", "must be ko, zh or *");
      int id = static_cast<int>(std::find(t.codes.begin(), t.codes.end(), code) - t.codes.begin());
      if (id == static_cast<int>(t.codes.size())) t.codes.push_back(code);
      std::vector<std::string> word_end, after_scale;
      for (auto w : lexicon::split_values(tb.cell(row, "word_end"))) word_end.push_back(text::fold(w));
      for (auto w : lexicon::split_values(tb.cell(row, "after_scale"))) after_scale.push_back(text::fold(w));
      auto add = [&](WordIndex& idx, std::string_view surface, bool by_last, bool needs_generic = false) {
        std::string f = text::fold(surface);
        Word w{f, id};
        w.word_end = std::find(word_end.begin(), word_end.end(), f) != word_end.end();
        w.ascii = std::any_of(f.begin(), f.end(), [](char c) { return is_latin(c); });
        w.after_scale = std::find(after_scale.begin(), after_scale.end(), f) != after_scale.end();
        w.needs_generic = needs_generic;
        idx.add(w, by_last);
        // 미국 달러 also as 미국달러.
        if (f.find(' ') != std::string::npos) {
          std::erase(w.text, ' ');
          idx.add(std::move(w), by_last);
        }
      };
      for (auto w : after_scale)
        if (std::find(word_end.begin(), word_end.end(), w) == word_end.end())
          return tb.error(row, "after_scale", "'" + w + "' must also be a word_end surface");
      for (auto w : lexicon::split_values(tb.cell(row, "suffix"))) add(t.suffix, w, false);
      for (auto w : lexicon::split_values(tb.cell(row, "prefix"))) add(t.prefix, w, true);
      for (auto w : lexicon::split_values(tb.cell(row, "prefix_with_generic"))) add(t.prefix, w, true, true);
    }
  } else if (base == "minor_units.tsv") {
    auto table = lexicon::parse_tsv(src.content, src.name, {"code", "lang", "surface", "per", "alone"});
    if (!table.ok()) return table.status();
    const lexicon::Table& tb = table.value();
    for (const auto& row : tb.rows()) {
      std::string code(tb.cell(row, "code"));
      int id = static_cast<int>(std::find(t.codes.begin(), t.codes.end(), code) - t.codes.begin());
      if (id == static_cast<int>(t.codes.size())) return tb.error(row, "code", "unknown currency '" + code + "'");
      auto per = tb.cell(row, "per");
      if (per != "10" && per != "100") return tb.error(row, "per", "must be 10 or 100");
      auto alone_s = tb.cell(row, "alone");
      const Alone alone = alone_s == "yes" ? Alone::kYes : alone_s == "word" ? Alone::kWord : Alone::kNo;
      if (alone_s != "yes" && alone_s != "no" && alone_s != "word")
        return tb.error(row, "alone", "must be yes, no or word");
      for (auto w : lexicon::split_values(tb.cell(row, "surface"))) {
        t.minor.add({text::fold(w), static_cast<int>(t.minors.size()), false, false}, false);
        t.minors.push_back({id, per == "10" ? 10 : 100, alone});
      }
    }
  } else if (base == "regional_currencies.tsv") {
    auto table = lexicon::parse_tsv(src.content, src.name, {"word", "region", "code"});
    if (!table.ok()) return table.status();
    const lexicon::Table& tb = table.value();
    for (const auto& row : tb.rows()) {
      const core::Region region = core::region_from_code(tb.cell(row, "region"));
      if (region == core::Region::kNone) return tb.error(row, "region", "must be cn, tw or hk");
      const std::string code(tb.cell(row, "code"));
      const int id = static_cast<int>(std::find(t.codes.begin(), t.codes.end(), code) - t.codes.begin());
      if (id == static_cast<int>(t.codes.size())) return tb.error(row, "code", "unknown currency '" + code + "'");
      for (auto w : lexicon::split_values(tb.cell(row, "word"))) {
        std::string f = text::fold(w);
        const Word* known = t.suffix.match_at(f, 0);
        if (!known || known->text.size() != f.size()) return tb.error(row, "word", "not a currency word of currencies.tsv: '" + std::string(w) + "'");
        t.regional.push_back({std::move(f), region, id});
      }
    }
  } else if (base == "country_currencies.tsv") {
    auto table = lexicon::parse_tsv(src.content, src.name, {"word", "country", "code"});
    if (!table.ok()) return table.status();
    const lexicon::Table& tb = table.value();
    for (const auto& row : tb.rows()) {
      const std::string code(tb.cell(row, "code"));
      const int id = static_cast<int>(std::find(t.codes.begin(), t.codes.end(), code) - t.codes.begin());
      if (id == static_cast<int>(t.codes.size())) return tb.error(row, "code", "unknown currency '" + code + "'");
      std::string word = text::fold(tb.cell(row, "word"));
      if (word.empty()) return tb.error(row, "word", "empty");
      auto bound = std::find_if(t.country_bound.begin(), t.country_bound.end(),
                                [&](const Tables::CountryBound& b) { return b.word == word; });
      if (bound == t.country_bound.end()) {
        // The word alone keeps the currency currencies.tsv gives it; one it does not list
        // becomes a currency word that makes no fact without a country before it.
        const Word* known = t.suffix.match_at(word, 0);
        const bool listed = known && known->text.size() == word.size();
        if (!listed) t.suffix.add({word, id, false, false, false}, false);
        t.country_bound.push_back({word, {}, listed ? known->id : -1});
        bound = t.country_bound.end() - 1;
      }
      for (auto c : lexicon::split_values(tb.cell(row, "country"))) bound->countries.emplace_back(text::fold(c), id);
    }
  } else if (base == "scale_words.tsv") {
    auto table = lexicon::parse_tsv(src.content, src.name, {"lang", "surface", "exponent"});
    if (!table.ok()) return table.status();
    const lexicon::Table& tb = table.value();
    for (const auto& row : tb.rows()) {
      if (tb.cell(row, "lang") != "*") return tb.error(row, "lang", "must be *");
      const auto e = tb.cell(row, "exponent");
      int exp = 0;
      for (char c : e) exp = is_digit(c) && exp < 100 ? exp * 10 + (c - '0') : -1;
      if (e.empty() || exp <= 0 || exp > 24) return tb.error(row, "exponent", "must be a whole number from 1 to 24");
      for (auto w : lexicon::split_values(tb.cell(row, "surface"))) {
        const std::string f = text::fold(w);
        if (f.empty() || !std::all_of(f.begin(), f.end(), [](char c) { return is_latin(c); }))
          return tb.error(row, "surface", "not a Latin word: '" + std::string(w) + "'");
        t.scale_words.add({f, exp, false, true}, false);
      }
    }
  } else if (base == "particles.tsv") {
    auto table = lexicon::parse_tsv(src.content, src.name, {"lang", "surface", "stem"});
    if (!table.ok()) return table.status();
    const lexicon::Table& tb = table.value();
    for (const auto& row : tb.rows()) {
      if (tb.cell(row, "lang") != "ko") return tb.error(row, "lang", "must be ko");
      const std::string_view stem = tb.cell(row, "stem");
      const unsigned stem_roles = stem == "any" ? kFlagRoles : stem == "approx" ? 1u << kApprox : 0;
      if (!stem.empty() && stem_roles == 0) return tb.error(row, "stem", "must be empty, any or approx");
      for (auto w : lexicon::split_values(tb.cell(row, "surface"))) {
        const std::string f = text::fold(w);
        size_t j = 0;
        const char32_t c = f.empty() ? 0 : decode_at(f, j);
        if (!text::is_hangul_syllable(c)) return tb.error(row, "surface", "not a Hangul word: '" + std::string(w) + "'");
        t.particles[(c - 0xAC00) >> 6] |= 1ULL << ((c - 0xAC00) & 63);
        if (stem_roles) t.stem_particles.emplace_back(c, stem_roles);
      }
    }
  } else if (base == "qualifiers.tsv") {
    auto table = lexicon::parse_tsv(src.content, src.name, {"lang", "surface", "role", "position"});
    if (!table.ok()) return table.status();
    const lexicon::Table& tb = table.value();
    for (const auto& row : tb.rows()) {
      const QualifierRole* role = find_by_name(kQualifierRoles, tb.cell(row, "role"));
      if (!role) return tb.error(row, "role", "must be " + names_of(kQualifierRoles));
      const QualifierPosition* pos = find_by_name(kQualifierPositions, tb.cell(row, "position"));
      if (!pos) return tb.error(row, "position", "must be " + names_of(kQualifierPositions));
      if (!(pos->roles & (1u << role->role)))
        return tb.error(row, "role", "position " + std::string(pos->name) + " takes role " + roles_of(pos->roles));
      WordIndex& idx = t.*(role->role == kEquiv ? pos->equiv_index : pos->index);
      for (auto w : lexicon::split_values(tb.cell(row, "surface"))) idx.add({text::fold(w), role->role}, pos->reversed);
    }
  } else {
    return Status(StatusCode::kInvalidData, "unknown money lexicon file", src.name);
  }
  return Status();
}

// Calls f(c) for each code point of starts3, in code point order.
template <class F>
void for_each_numeral3(const Tables& t, F&& f) {
  for (size_t w = 0x800 / 64; w < t.starts3.size(); ++w)
    for (unsigned long long bits = t.starts3[w]; bits != 0; bits &= bits - 1)
      f(static_cast<char32_t>(64 * w + static_cast<size_t>(std::countr_zero(bits))));
}

// Fills `f` for the numeral characters whose lead byte is in [lead_lo, lead_hi];
// false when more than eight buckets would be needed. A bucket's loss is the number of
// other characters its nibble product lets through; one bucket per lead byte to begin
// with, then the bucket with the largest loss is split in two (the characters in code
// point order, at the point where the two losses add up least) while buckets remain.
bool build_pairs(const Tables& t, unsigned lead_lo, unsigned lead_hi, Tables::PairFilter& f) {
  using Bucket = std::vector<char32_t>;
  auto bytes = [](char32_t c, int k) { return k == 0 ? 0xE0u | (c >> 12) : 0x80u | ((c >> (k == 1 ? 6 : 0)) & 0x3Fu); };
  // The lead and nibble sets of some characters, and their loss as a bucket of `count`.
  struct Sets {
    unsigned leads = 0, nib[4] = {};  // second hi, second lo, third hi, third lo
    void add(unsigned b0, unsigned b1, unsigned b2) {
      leads |= 1u << (b0 & 15);
      nib[0] |= 1u << (b1 >> 4), nib[1] |= 1u << (b1 & 15);
      nib[2] |= 1u << (b2 >> 4), nib[3] |= 1u << (b2 & 15);
    }
    long loss(size_t count) const {
      long product = __builtin_popcount(leads);
      for (unsigned x : nib) product *= __builtin_popcount(x);
      return product - static_cast<long>(count);
    }
  };
  auto add = [&](Sets& s, char32_t c) { s.add(bytes(c, 0), bytes(c, 1), bytes(c, 2)); };
  auto loss = [&](const Bucket& b) {
    Sets s;
    for (char32_t c : b) add(s, c);
    return s.loss(b.size());
  };
  std::vector<Bucket> buckets;
  for_each_numeral3(t, [&](char32_t c) {
    const unsigned lead = bytes(c, 0);
    if (lead < lead_lo || lead > lead_hi) return;
    if (buckets.empty() || bytes(buckets.back().front(), 0) != lead) buckets.emplace_back();
    buckets.back().push_back(c);
  });
  if (buckets.size() > 8) return false;
  std::vector<Sets> right;
  while (buckets.size() < 8) {
    auto worst = std::max_element(buckets.begin(), buckets.end(),
                                  [&](const Bucket& a, const Bucket& b) { return loss(a) < loss(b); });
    if (worst == buckets.end() || worst->size() < 2 || loss(*worst) == 0) break;
    // Every cut's two losses from running sets: those of the characters before the cut,
    // grown one at a time, and those after it (right[k]: of characters k..).
    const size_t n = worst->size();
    right.assign(n + 1, Sets{});
    for (size_t k = n; k-- > 0;) right[k] = right[k + 1], add(right[k], (*worst)[k]);
    Sets left;
    add(left, (*worst)[0]);
    size_t cut = 1;
    long best = -1;
    for (size_t k = 1; k < n; ++k) {
      const long l = left.loss(k) + right[k].loss(n - k);
      if (best < 0 || l < best) best = l, cut = k;
      add(left, (*worst)[k]);
    }
    Bucket rest(worst->begin() + static_cast<std::ptrdiff_t>(cut), worst->end());
    worst->resize(cut);
    buckets.push_back(std::move(rest));
  }
  for (size_t k = 0; k < buckets.size(); ++k) {
    const unsigned char bit = static_cast<unsigned char>(1u << k);
    for (char32_t c : buckets[k]) {
      f.lead_lo[bytes(c, 0) & 15] |= bit;
      f.second_hi[bytes(c, 1) >> 4] |= bit, f.second_lo[bytes(c, 1) & 15] |= bit;
      f.third_hi[bytes(c, 2) >> 4] |= bit, f.third_lo[bytes(c, 2) & 15] |= bit;
    }
  }
  return true;
}

// The byte-pair buckets of Tables from starts3: per lead byte that starts a numeral
// character, the lead with the loosest nibble product split in two by high nibble while
// buckets remain; one set for the CJK leads, one for the Hangul leads. The AVX2 scanner
// also assumes that every numeral character with a lead byte EA..ED is a Hangul
// syllable and that all lie in E3..ED; if the closed class ever broke that, it stays off.
void build_pair_filter(Tables& t) {
  bool fits = true;
  for_each_numeral3(t, [&](char32_t c) {
    const unsigned lead = 0xE0 | (c >> 12);
    if (lead < 0xE3 || lead > 0xED || (lead >= 0xEA && !text::is_hangul_syllable(c))) fits = false;
  });
  if (!fits) return;
  t.pair_filter_ok = build_pairs(t, 0xE3, 0xE9, t.han_pairs) && build_pairs(t, 0xEA, 0xED, t.hangul_pairs);
}

// One amount being built.
struct Amount {
  // Provided, so that Amount{} runs the members' initializers instead of zeroing the
  // whole struct first with a `rep stos` (numeral::Numeral has the same note).
  Amount() {}
  size_t start = 0, end = 0;
  Decimal low, high;
  int currency = -1;
  bool approx = false, min = false, max = false;
  std::string_view rule = "money.suffix";
  size_t qualifier_start = std::string_view::npos;  // of the qualifier before it (약, 约), if any
  // The currency word is one generic Han character (元) read after the amount itself:
  // a prefix currency (新台幣, 港元) before the range's first end overrides it.
  bool generic_word = false;
  // The currency word after the amount when it alone gave the currency (no prefix):
  // regional_currencies.tsv may read it by the article's region.
  const Word* word = nullptr;
};

}  // namespace

Result<Recognizer> Recognizer::create(std::span<const lexicon::Source> sources) {
  auto t = std::make_shared<Tables>();
  // currencies.tsv first: the other files refer to its codes.
  std::vector<const lexicon::Source*> order;
  for (const auto& s : sources) order.push_back(&s);
  const auto is_currencies = [](const lexicon::Source* x) {
    const std::string_view name = x->name;
    return name.substr(name.find_last_of('/') + 1) == "currencies.tsv";
  };
  std::stable_sort(order.begin(), order.end(), [&](const lexicon::Source* a, const lexicon::Source* b) {
    return is_currencies(a) > is_currencies(b);
  });
  for (const auto* s : order) {
    Status st = load(*t, *s);
    if (!st.ok()) return st;
  }
  // The sets over the BMP, a word (64 code points) at a time: a test of every code point
  // cost millions of instructions at each start of the program.
  std::array<uint64_t, 1024> numerals{};
  numeral::mark_numeral_chars(numerals);
  for (size_t w = 0; w < 1024; ++w) {
    if (w >= 0x800 / 64) t->starts3[w] = numerals[w];
    t->followers[w] = t->suffix.key_bits()[w] | t->minor.key_bits()[w] | t->infix.key_bits()[w] | t->connector.key_bits()[w];
    t->prefix_ends[w] = t->prefix.key_bits()[w];
    t->currency_starts[w] = t->suffix.key_bits()[w];
    t->run_goes_on[w] = t->starts3[w] | t->followers[w];
  }
  for (char c : std::string_view("0123456789,. ")) t->run_goes_on[0] |= 1ULL << c;
  for (size_t w = 0; w < 1024; ++w)
    for (unsigned long long bits = t->prefix_ends[w]; bits != 0; bits &= bits - 1) {
      const auto c = static_cast<unsigned>(64 * w) + static_cast<unsigned>(std::countr_zero(bits));
      const unsigned last = c < 0x80 ? c : 0x80 | (c & 0x3F);  // the UTF-8 sequence's last byte
      t->prefix_end_bytes[last] = true;
    }
  t->prefix.for_each_word([&](const Word& w) {  // beyond the BMP: the last byte of four
    if (w.text.size() < 4 || (static_cast<unsigned char>(w.text[w.text.size() - 4]) & 0xF8) != 0xF0) return;
    t->prefix_end_bytes[static_cast<unsigned char>(w.text.back())] = true;
  });
  t->space_ends_prefix = t->may_end_prefix(U' ');
  for (const WordIndex* idx : {&t->suffix, &t->minor, &t->infix, &t->connector}) {
    idx->for_each_word([&](const Word& w) {
      size_t j = 0;
      const char32_t c = decode_at(w.text, j);
      if (c >= 0x10000) return;
      if (j == w.text.size()) {
        t->followers_one[c >> 6] |= 1ULL << (c & 63);
        return;
      }
      const unsigned h = Tables::pair_hash(c, decode_at(w.text, j));
      t->follower_pairs[h >> 6] |= 1ULL << (h & 63);
    });
  }
  build_pair_filter(*t);
  t->suffix.for_each_word([&](Word& w) {
    for (size_t k = 0; k < t->country_bound.size(); ++k)
      if (t->country_bound[k].word == w.text) w.country_bound = static_cast<int>(k);
    for (const Tables::Regional& r : t->regional) {
      if (r.word != w.text) continue;
      if (w.regional < 0) {
        w.regional = static_cast<int>(t->regional_codes.size());
        t->regional_codes.emplace_back().fill(-1);
      }
      t->regional_codes[static_cast<size_t>(w.regional)][static_cast<size_t>(r.region)] = r.code;  // the last line wins
    }
  });
  for (const std::string& j : numeral::joiners(numeral::Script::kChinese)) {
    size_t k = 0;
    const char32_t c = decode_at(j, k);
    if (k == j.size() && k == 3) {
      t->tail_joiners[c >> 6] |= 1ULL << (c & 63);
      t->tail_joiner_leads |= static_cast<uint16_t>(1u << (static_cast<unsigned char>(j[0]) & 15));
    }
  }
  for (const char32_t c : numeral::chinese_digits(0))
    if (c >= 0x800 && c < 0x10000) t->tail_zeros[c >> 6] |= 1ULL << (c & 63);
  std::copy_n(numeral::non_numeral_word_chars(), t->non_numeral_chars.size(), t->non_numeral_chars.begin());
  numeral::ParseOptions& o = t->amount_options;
  o.native_korean = false;
  o.fractions = false;
  o.exponents = false;
  o.metric_suffix = false;
  o.negative = false;
  o.dozen = false;
  Recognizer r;
  r.tables_ = std::move(t);
  return r;
}

namespace {

// Reads the amount at i: numeral, infix, currency, minor units. `forced` is a currency
// already given by a prefix; `need_currency` false lets the numeral stand alone (the
// first half of a range such as 3~5万元).
struct Reader {
  const Tables& t;
  std::string_view s;
  const text::FoldedText& folded;
  // The last suffix.match_at() answer: the gate (continues_at) and currency_after()
  // look up the currency word at the same place one after the other.
  mutable size_t suffix_q = std::string_view::npos;
  mutable const Word* suffix_w = nullptr;
  const Word* suffix_word(size_t q) const {
    if (q != suffix_q) suffix_q = q, suffix_w = t.suffix.match_at(s, q);
    return suffix_w;
  }

  // The numeral at i, cut before a comma that was a full-width '，' in the original:
  // in Chinese text that is list punctuation ($20，300美圆), not a thousands separator.
  // Built in the caller's object (a Numeral holds three 128-bit decimals: each copy
  // showed in profiles).
  // (Each function here returns its one named object, so that the numeral is built in
  // the caller's without a copy.)
  std::optional<Numeral> amount_at(size_t i) const {
    std::optional<Numeral> n = digits_at(i);
    // A lone numeral character that is also an ordinary word's is none, as in
    // numeral::find_numerals: 参加元旦 holds no 参 (3) before 加元 (Canadian dollars).
    if (n && n->end - n->start == 3 && numeral::is_ambiguous_numeral_char(text::code_point_at(s, n->start)))
      n.reset();
    english_scale(n);
    return n;
  }
  // The same at the second end of a range, kept: range() reads it up to three times, and
  // the scanner may come back to it as a start when the range fails (start_amount_at).
  // A start's own numeral is not kept: find() holds it while range() reads the other end.
  mutable size_t end_i = std::string_view::npos;
  mutable std::optional<Numeral> end_n;
  const std::optional<Numeral>& end_amount_at(size_t q) const {
    if (q != end_i) end_i = q, end_n = amount_at(q);
    return end_n;
  }
  std::optional<Numeral> start_amount_at(size_t i) const {
    if (i == end_i) return end_n;
    return amount_at(i);
  }
  std::optional<Numeral> digits_at(size_t i) const {
    auto n = numeral::parse_numeral_at(s, i, t.amount_options);
    if (!n || folded.original().data() == s.data()) return n;
    for (size_t k = n->start; k < n->end; ++k) {
      // Most amounts hold no comma: one memchr over them.
      const void* comma = std::memchr(s.data() + k, ',', n->end - k);
      if (!comma) break;
      k = static_cast<size_t>(static_cast<const char*>(comma) - s.data());
      const size_t o = folded.to_original_start(k);
      if (folded.original().compare(o, 3, "，") == 0) {
        n = numeral::parse_numeral_at(s.substr(0, k), i, t.amount_options);
        break;
      }
    }
    return n;
  }
  // $3.5 billion: an English scale word (one space allowed) after digits joins the numeral.
  void english_scale(std::optional<Numeral>& n) const {
    if (!n || n->script != numeral::Script::kArabic || n->has_scale) return;
    const size_t q = skip_space(s, n->end);
    if (q >= s.size() || !is_latin(s[q])) return;  // most amounts
    const Word* w = t.scale_words.match_at(s, q);
    const size_t e = w ? q + w->text.size() : 0;
    if (!w || (e < s.size() && is_latin(s[e]))) return;
    bool ok = true;
    const Decimal low = numeral::mul_pow10(n->low, w->id, ok), high = numeral::mul_pow10(n->high, w->id, ok);
    if (!ok) return;
    n->low = low, n->high = high;
    n->end = e, n->has_scale = true, n->scale_exp = w->id;
  }

  // A one-syllable Korean digit before a currency word is a word far more often than an
  // amount: 사원 (employee), 구원 (rescue), 이불 (blanket), 이유로 (for the reason), 사유로,
  // 이원화 (dualization); news writes small amounts in digits. 십, 백, 천, 만 stay amounts
  // (만 원, 천원).
  bool one_syllable_word(const Numeral& n) const {
    if (n.script != numeral::Script::kKorean || n.has_scale || n.end - n.start != 3) return false;
    const char32_t c = cp_at(s, n.start);
    return c != U'십' && c != U'백' && c != U'천' && c != U'만';
  }

  // Currency word (after an optional infix qualifier and one space) at p; returns end.
  // `scaled`: the amount holds a scale word (1만4500동), so an after_scale word counts.
  // `word` is the word found, starting at `word_start`.
  size_t currency_after(size_t p, bool scaled, int& currency, bool& approx, size_t& word_start,
                        const Word*& word) const {
    size_t q = p;
    if (const Word* inf = t.infix.match_at(s, q)) {
      const size_t r = skip_space(s, q + inf->text.size());
      if (t.suffix_checked(s, r, suffix_word(r))) approx = true, q = q + inf->text.size();
    }
    q = skip_space(s, q);
    const Word* w = t.suffix_checked(s, q, suffix_word(q));
    if (!w || (w->after_scale && !scaled && !after_korean_scale(p))) return 0;
    currency = w->id;
    word_start = q;
    word = w;
    return q + w->text.size();
  }

  // Whether the amount ending at p ends with a Korean scale word (3000억 동).
  bool after_korean_scale(size_t p) const { return p > 0 && numeral::is_korean_scale(cp_before(s, p)); }

  // Can a minor tail (minor_tail()) start after a major unit ending at e: a digit or a
  // numeral character there, after a joiner (又) and one space (a zero, which
  // minor_tail() steps over, is a numeral character itself)? Most amounts have none, and
  // minor_tail() is a call with a large frame (its numeral and options): asked first, it
  // is left out for them (13,454 calls on 4 MB).
  [[gnu::always_inline]] bool may_have_tail(size_t e) const {
    size_t q = e;
    if (t.tail_joiner_at(s, q)) q += 3;
    q = skip_space(s, q);
    if (q >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[q]);
    return is_digit(static_cast<char>(b)) || ((b & 0xF0) == 0xE0 && q + 2 < s.size() && t.numeral3(s, q));
  }

  // Minor units after a major one: 1달러 20센트, 五元三毛, 三块零四, 五块七毛八.
  size_t minor_tail(size_t e, int currency, int per, Decimal& value) const {
    for (int round = 0; round < 3; ++round) {
      size_t q = e;
      int next_per = per * 10;
      if (t.tail_joiner_at(s, q)) q += 3;
      else if (t.tail_zero_at(s, q)) q += 3, next_per *= 10;
      q = skip_space(s, q);
      if (q >= s.size() || next_per > 100) break;
      // Most amounts end here: a tail starts with a digit or a numeral character.
      if (!is_digit(s[q]) && !((static_cast<unsigned char>(s[q]) & 0xF0) == 0xE0 && q + 2 < s.size() && t.numeral3(s, q)))
        break;
      numeral::ParseOptions o = t.amount_options;
      o.vague = false;
      o.space_groups = false;
      auto m = numeral::parse_numeral_at(s, q, o);
      if (!m || m->has_scale || m->is_range() || m->has_decimal_point) break;
      size_t r = skip_space(s, m->end);
      bool ok = true;
      const Word* unit = nullptr;
      t.minor.for_each_at(s, r, [&](const Word& w) {
        if (!unit && t.minors[w.id].currency == currency) unit = &w;
      });
      if (unit) {
        value = numeral::add(value, numeral::div(m->low, Decimal::of(t.minors[unit->id].per), ok), ok);
        if (!ok) break;
        e = r + unit->text.size();
        per = t.minors[unit->id].per;
        continue;
      }
      // 五块六 = 5.6: a bare digit right after a Chinese unit is the next unit down, when
      // it ends the amount (or a range connector follows: 五块六到五块七毛八): 4499元 三季度
      // and 5元三成 are an amount and a new word.
      if (m->script == numeral::Script::kChinese && m->low < Decimal::of(10) && !numeral::is_numeral_char(cp_at(s, m->end)) &&
          !t.suffix_at(s, r) && currency >= 0 && t.codes[currency] != "KRW" && s[q - 1] != ' ' &&
          (!text::is_han(cp_at(s, m->end)) || t.connector.match_at(s, m->end))) {
        value = numeral::add(value, numeral::div(m->low, Decimal::of(next_per), ok), ok);
        if (ok) e = m->end;
      }
      break;
    }
    return e;
  }

  // Prefix currency right before i (one space allowed): returns its start or npos.
  // `needs_generic`: the prefix counts only with a generic word closing the amount.
  // (Inlined: most amounts have none, and the scanner's test of the byte before (and
  // spaces) tells, where the call to the lookup cost more than the test; 15,292 calls on
  // 4 MB.)
  [[gnu::always_inline]] size_t prefix_before(size_t i, int& currency, bool& needs_generic) const {
    if (!t.prefix_may_end_before(s, i)) return std::string_view::npos;
    return prefix_word_before(i, currency, needs_generic);
  }
  // prefix_before() past the scanner's test.
  [[gnu::noinline]] size_t prefix_word_before(size_t i, int& currency, bool& needs_generic) const {
    size_t j = i;
    while (j > 0 && s[j - 1] == ' ' && i - j < 2) --j;  // 人民币  50元
    const Word* w = t.prefix.match_before(s, j);
    if (!w) return std::string_view::npos;
    const size_t st = j - w->text.size();
    if (w->ascii && st > 0 && is_latin(s[st - 1])) return std::string_view::npos;
    // 按每美元0.01元: after 每 the currency is the unit of a rate, not the amount's.
    if (st >= 3 && every_at(st - 3)) return std::string_view::npos;
    // A symbol (US$, ￥) binds without a space; words (人民币, EUR) may take one.
    if (j != i && !w->ascii && !text::is_han(cp_before(s, j))) return std::string_view::npos;
    currency = w->id;
    needs_generic = w->needs_generic;
    return st;
  }

  // The gate before any parse. From a start at i, walks the run an amount could span
  // (digits, ',', '.', numeral characters, one or two spaces before more of them) and
  // returns its end; `pass` tells whether money is possible at all: a prefix (US$,
  // 人民币) may end right before i, a currency word starts inside the run (일본 엔) or
  // one continues it (see continues()). When not, no start inside the run can give
  // money either, and the scanner jumps past it: 2025년, 30%, 5日, 경제, 一些. (Most such
  // starts never get here: the scanner drops them, see Tables::may_pass_at.)
  // `from` (i < from): where the walk may go on, past digits or a numeral character
  // that start it (the scanner's Tables::may_pass_at has stepped over them).
  [[gnu::always_inline]] size_t run_end(size_t i, bool& pass, size_t from) const {
    bool inside = false;
    const size_t p = walk(i, inside, from);
    pass = inside || continues(p, true) || t.prefix_may_end_before(s, i);
    return p;
  }

  [[gnu::always_inline]] size_t walk(size_t i, bool& currency_inside) const { return walk(i, currency_inside, i); }
  [[gnu::always_inline]] size_t walk(size_t i, bool& currency_inside, size_t from) const {
    size_t p = from;
    while (p < s.size()) {
      const unsigned char b = static_cast<unsigned char>(s[p]);
      if (b < 0x80) {
        if (is_digit(static_cast<char>(b)) || b == ',' || b == '.') {
          ++p;
          continue;
        }
        if (b == ' ') {
          const size_t q = p + 1 < s.size() && s[p + 1] == ' ' ? p + 2 : p + 1;  // 6조  7천 (two spaces)
          if (t.digit_or_numeral_at(s, q)) {
            p = q;
            continue;
          }
        }
        break;
      }
      // Every numeral character is three bytes long (U+3000..U+D7FF).
      if ((b & 0xF0) != 0xE0 || p + 2 >= s.size() || !t.numeral3(s, p)) break;
      // 일본 엔: a currency word that starts with a numeral character.
      if (p > i && t.bytes3_in(t.currency_starts, s, p) && t.suffix.match_at(s, p)) currency_inside = true;
      p += 3;
    }
    return p;
  }

  // Can the amount ending at p go on into money: a currency word, a minor unit or an
  // infix (one space allowed), or a range connector and a second run that does?
  [[gnu::always_inline]] bool continues(size_t p, bool allow_range) const {
    const size_t q = p < s.size() && s[p] == ' ' ? p + 1 : p;
    if (q >= s.size()) return false;
    // The code point at q is decoded once for the filter and the four word indexes.
    size_t j = q;
    const char32_t key = decode_at(s, j);
    return t.may_follow_at(s, key, j) && continues_at(q, key, j, allow_range);
  }

  bool continues_at(size_t q, char32_t key, size_t j, bool allow_range) const {
    if (q != suffix_q) suffix_q = q, suffix_w = t.suffix.match_key(s, q, key, j);
    if (suffix_w || t.minor.match_key(s, q, key, j) || t.infix.match_key(s, q, key, j)) return true;
    const Word* c = allow_range ? t.connector.match_key(s, q, key, j) : nullptr;
    if (!c) return false;
    const size_t r = skip_space(s, q + c->text.size());
    if (!t.digit_or_numeral_at(s, r)) return false;
    bool inside = false;
    const size_t e = walk(r, inside);
    return inside || continues(e, false);
  }

  // single() at a second end after a range connector (10억~20억 원, 1조 원에서 2조 원),
  // behind the scanner's gate: most of what follows a connector (이번, 十年) cannot be
  // money, and the gate costs less than a parse. The gate's run stops where an English
  // scale word may join the numeral (3 billion); there the amount is read anyway.
  bool single_gated(size_t q, Amount& a) const {
    bool pass = false;
    const size_t p = run_end(q, pass, q);
    if (!pass && !(p < s.size() && (is_latin(s[p]) || (s[p] == ' ' && p + 1 < s.size() && is_latin(s[p + 1])))))
      return false;
    return single(q, end_amount_at(q), a);
  }

  bool single(size_t i, const std::optional<Numeral>& n, Amount& a) const {
    if (!n) return false;
    a = Amount{};
    a.start = i;
    a.low = n->low, a.high = n->high, a.approx = n->approx;
    int pc = -1;
    bool needs_generic = false;
    size_t ps = prefix_before(i, pc, needs_generic);
    int cur = -1;
    size_t cs = 0;
    const Word* word = nullptr;
    size_t e = currency_after(n->end, n->has_scale, cur, a.approx, cs, word);
    if (e && one_syllable_word(*n)) return false;
    // 三元锂电池, 一元化: a spelled numeral and its currency word inside an ordinary word.
    if (e && n->script == numeral::Script::kChinese && t.may_be_in_non_numeral_word(s, n->start) &&
        numeral::inside_non_numeral_word(s, n->start, e))
      return false;
    if (e) {
      if (ps != std::string_view::npos && pc != cur) {
        // 新台幣100億元: a one-character generic word (元) takes the prefix's currency;
        // otherwise the prefix belongs to something else (人民币 5美元).
        if (e - cs == 3 && text::is_han(cp_at(s, cs))) cur = pc;
        else ps = std::string_view::npos;
      } else if (needs_generic) {
        ps = std::string_view::npos;  // 美元 before 50美元: the word after names it anyway
      }
      a.currency = cur;
      a.end = e;
      a.generic_word = ps == std::string_view::npos && e - cs == 3 && text::is_han(cp_at(s, cs));
      if (ps == std::string_view::npos) a.word = word;
      if (!n->is_range()) a.end = may_have_tail(e) ? minor_tail(e, cur, 1, a.low) : e, a.high = a.low;
      if (ps != std::string_view::npos) a.start = ps, a.rule = "money.prefix_suffix";
      return true;
    }
    if (needs_generic) ps = std::string_view::npos;  // 兑美元7.1: a rate's currency
    if (ps != std::string_view::npos) {
      // 人民幣三部分: one spelled digit glued to the word after it counts that word (three
      // parts), not money; 人民币五千 and 人民币3 stay amounts. So does any number glued to a
      // measure word (港元1個月拆息: the one-month rate).
      if (!n->has_scale && n->end < s.size() &&
          ((n->script == numeral::Script::kChinese && n->end - n->start == 3 && text::is_han(cp_at(s, n->end))) ||
           numeral::is_chinese_measure_word(cp_at(s, n->end))))
        return false;
      a.currency = pc;
      a.start = ps;
      a.end = n->end;
      a.rule = "money.prefix";
      // 港幣三個一毫四 and 1달러 20센트 style tails after a prefixed amount are rare; none.
      return true;
    }
    // 50센트, 470 펜스, 五分钱: a minor unit that stands alone; 2角, 两毛五 when the unit
    // ends a word.
    if (n->is_range() || n->approx) return false;
    size_t r = skip_space(s, n->end);
    const Word* w = nullptr;
    t.minor.for_each_at(s, r, [&](const Word& x) {
      if (!w && t.minors[x.id].alone != Alone::kNo) w = &x;
    });
    if (!w) return false;
    const Minor& mu = t.minors[w->id];
    bool ok = true;
    a.currency = mu.currency;
    a.low = a.high = numeral::div(n->low, Decimal::of(mu.per), ok);
    a.end = r + w->text.size();
    a.rule = "money.minor";
    if (mu.alone == Alone::kWord) {
      if (n->has_scale || n->has_decimal_point || !(n->low < Decimal::of(100)) || r != n->end) return false;
      const size_t unit_end = a.end;
      a.end = minor_tail(unit_end, mu.currency, mu.per, a.low);
      a.high = a.low;
      const char32_t next = cp_at(s, a.end);
      // 三角形, 毛利, 一角钱 (a longer surface): the unit must end the word, unless a
      // qualifier or range connector follows (2角左右).
      if (is_letter(next) && !t.after.match_at(s, a.end) && !t.connector.match_at(s, a.end)) return false;
      // 冰山一角, 九牛一毛: a spelled numeral glued to a Han character before it is an
      // idiom's part unless a tail makes it an amount (只要两毛五).
      if (n->script == numeral::Script::kChinese && text::is_han(cp_before(s, n->start)) && a.end == unit_end)
        return false;
    }
    return ok;
  }

  // 10억~20억 원, 3~5万元, 10亿至20亿元, 25000원 - 30000원; with a prefix currency
  // before the first number it covers both ends: 港元5億至6億元, 人民币10亿至20亿, $3-5.
  // (The connector's test inline: most amounts have none after them; the rest out of
  // line, so that find() keeps the scanner's loop inline (StartScan::next_in).)
  [[gnu::always_inline]] bool range(size_t i, const std::optional<Numeral>& n, Amount& a) const {
    if (!n) return false;
    const size_t q = skip_space(s, n->end);
    const Word* c = t.connector.match_at(s, q);
    return c && range_after(i, *n, q, *c, a);
  }
  // range() past a connector c at connector_at.
  [[gnu::noinline]] bool range_after(size_t i, const Numeral& num, size_t connector_at, const Word& c, Amount& a) const {
    const Numeral* n = &num;
    size_t q = skip_space(s, connector_at + c.text.size());
    int pc = -1;
    bool needs_generic = false;
    const size_t ps = prefix_before(i, pc, needs_generic);
    Amount b;
    if (!single_gated(q, b) || b.start != q || b.rule == "money.prefix") {
      // A bare second number: only the prefix gives the range its currency.
      if (ps == std::string_view::npos || n->is_range() || needs_generic) return false;
      const std::optional<Numeral>& m = end_amount_at(q);
      if (!m || m->start != q || m->is_range()) return false;
      b = Amount{};
      b.start = q, b.end = m->end, b.low = m->low, b.high = m->high, b.approx = m->approx;
      b.currency = pc;
    }
    Decimal low = n->low;
    bool ok = true;
    // 3~5万元: the first number takes the second's scale when it has none.
    if (!n->has_scale && b.low.scale == 0) {
      const std::optional<Numeral>& m = end_amount_at(q);
      if (m && m->has_scale) {
        Decimal scaled = numeral::mul_pow10(low, m->scale_exp, ok);
        if (ok && !(m->low < scaled)) low = scaled;
      }
    }
    if (!ok || b.low < low || is_change(ps != std::string_view::npos ? ps : i, connector_at, b.end, low, b.low)) return false;
    a = b;
    a.start = i;
    // The prefix holds for the range when the second end names the same currency or
    // only the generic 元; another currency word (人民币5至6美元) leaves it out.
    if (ps != std::string_view::npos && (needs_generic ? b.generic_word : b.currency == pc || b.generic_word))
      a.start = ps, a.currency = pc, a.word = nullptr;
    a.generic_word = false;
    a.low = low;
    a.approx = a.approx || n->approx;
    a.rule = "money.range";
    return true;
  }

  // After a full amount: "- 30000원" with the same currency makes it a range.
  void extend_range(Amount& a) const {
    size_t q = skip_space(s, a.end);
    const Word* c = t.connector.match_at(s, q);
    if (!c) return;
    const size_t connector_at = q;
    q = skip_space(s, q + c->text.size());
    Amount b;
    if (!single_gated(q, b) || b.low < a.high || is_change(a.start, connector_at, b.end, a.high, b.low)) return;
    // 新台幣1,426億元至1,529億元: the first end's prefix currency carries over a generic 元.
    const bool prefixed = a.rule == "money.prefix_suffix" || a.rule == "money.prefix";
    if (b.currency != a.currency && !(prefixed && b.generic_word)) return;
    a.high = b.high;
    a.end = b.end;
    a.approx = a.approx || b.approx;
    a.rule = "money.range";
  }

  // A change rather than a range "A to B" (A starts at `start` and has value `a`; B has
  // value `b` and ends at `end`; the connector is at `connector_at`): "from A to B", a
  // from-connector and a to-word right after B (6만5000원에서 7만2000원으로); or "by A to
  // B", a verb of adjustment right before A and a B that is a level, not the other end
  // of a range of changes. The two read alike (起售价下调2万元至15.98万元 is "cut by
  // 20,000 to 159,800", 较上一代上调200元至300元 "raised by 200 to 300"); what tells them
  // apart is size, as for a reader: a change of up to a fifth leaves a level at least
  // kLevelRatio times the change, while the ends of a range of changes lie closer.
  static constexpr long long kLevelRatio = 4;
  // A to-word right after an amount ending at `end`, or after a qualifier there (one
  // space allowed before it): 750만 원으로, 750만 원 안팎으로; or after a short
  // parenthesis there, which restates the amount: 800억 달러(약 118조 원)로.
  static constexpr size_t kMaxRestatementBytes = 64;
  bool to_word_after(size_t end) const {
    if (end < s.size() && s[end] == '(') {
      const size_t close = s.find(')', end);
      if (close != std::string_view::npos && close - end <= kMaxRestatementBytes) end = close + 1;
    }
    if (t.to.match_at(s, end)) return true;
    const size_t q = end < s.size() && s[end] == ' ' ? end + 1 : end;
    const Word* w = t.after.match_at(s, q);
    return w && t.to.match_at(s, q + w->text.size());
  }
  bool is_change(size_t start, size_t connector_at, size_t end, const Decimal& a, const Decimal& b) const {
    if (t.from.match_at(s, connector_at) && to_word_after(end)) return true;
    if (!t.by.match_before(s, start)) return false;
    bool ok = true;
    const Decimal level = numeral::mul(a, Decimal::of(kLevelRatio), ok);
    return ok && !(b < level);
  }

  // Whether the Chinese none-word at [a, b) is no word here: the best segmentation of
  // the few characters before it and its own (jieba's dictionary) puts a word across its
  // start (领取补贴|近: 贴 belongs to 补贴).
  [[gnu::cold, gnu::noinline]] bool none_word_split(size_t a, size_t b) const {
    constexpr size_t kBefore = 4;
    std::array<char32_t, text::zh_words::kMaxChars> run{};
    size_t n = 0, k = a;
    while (n < kBefore && k >= 3 && text::is_han(cp_before(s, k))) k -= 3, ++n;
    if (n == 0 || !text::is_han(cp_at(s, a)) || !text::zh_words::may_join(cp_before(s, a), cp_at(s, a))) return false;
    const size_t name_at = n;
    n = 0;
    for (size_t i = k; i < b && n < run.size();) {
      const char32_t c = decode_at(s, i);
      if (!text::is_han(c)) return false;
      run[n++] = c;
    }
    return text::zh_words::crosses_edge(std::span<const char32_t>(run.data(), n), name_at, n);
  }

  static void set_flag(Amount& a, int role) {
    if (role == kApprox) a.approx = true;
    else if (role == kMin) a.min = true;
    else if (role == kMax) a.max = true;
  }

  static constexpr size_t kMaxPerUnitChars = 6;  // 百万英热单位: the unit after 每
  // Does 每 start at byte k (k + 3 <= s.size())? Three byte compares, the first of
  // which fails at nearly every place.
  bool every_at(size_t k) const {
    static constexpr std::string_view kEvery = "每";
    return s[k] == kEvery[0] && s[k + 1] == kEvery[1] && s[k + 2] == kEvery[2];
  }
  // Could the per-unit walk from j (see qualifier_before) meet a 每: does one start
  // where a 每 followed by one to kMaxPerUnitChars three-byte characters would end at j?
  bool every_in_reach(size_t j) const {
    for (size_t m = 2; m <= kMaxPerUnitChars + 1 && 3 * m <= j; ++m)
      if (every_at(j - 3 * m)) return true;
    return false;
  }
  // The qualifier word ending right before the amount (one space allowed), or null.
  // The longest word wins, so a none-word that ends like a qualifier (签约, 最近) hides it,
  // unless the word before takes its first character (补贴|近2万元: no 贴近 there).
  const Word* qualifier_before(size_t start, size_t& word_start) const {
    size_t j = start;
    if (j > 0 && s[j - 1] == ' ') --j;
    const Word* w = t.before.match_before(s, j);
    if (w && w->id == kNone && none_word_split(j - w->text.size(), j))
      w = t.before.match_before(s, j, w->text.size() - 1);
    if (!w) {
      // A per-unit phrase may stand between an approximation or a cap and the amount (约每
      // 公斤3.5欧元, 约为每吨10800美元, 不超过每股18.5元, 约每百万英热单位11.2美元): 每
      // and a unit of up to six characters. (Not a floor: 跌破每瓦0.7元 says where the
      // price went, not what it is at least.)
      // (Read by bytes, no decoding: most amounts have no 每 before them, and the walk
      // runs at each; it starts only when a 每 stands where it could reach. Lead bytes E4
      // to E9 hold the main CJK block.)
      size_t k = j;
      const auto* b = reinterpret_cast<const unsigned char*>(s.data());
      if (every_in_reach(j)) {
        for (size_t n = 0; n <= kMaxPerUnitChars && k >= 3 && b[k - 3] >= 0xE4 && b[k - 3] <= 0xE9 &&
                           (b[k - 2] & 0xC0) == 0x80 && (b[k - 1] & 0xC0) == 0x80;
             ++n) {
          k -= 3;
          // (Two per-unit phrases may stand there: 约每平方米每月15元.)
          if (n > 0 && every_at(k)) {
            if ((w = t.before.match_before(s, k)) && (w->id == kApprox || w->id == kMax)) {
              j = k;
              break;
            }
            w = nullptr;
          }
        }
      }
      // A Korean per-unit word, spaced, between a cap or an approximation and the amount
      // (최대 월 40만 원, 약 1인당 20만 원); not a floor, as above.
      if (!w && j < start) {
        if (const Word* per = t.per.match_before(s, j)) {
          size_t at = j - per->text.size();
          if (at > 0 && s[at - 1] == ' ') {
            --at;
            if ((w = t.before.match_before(s, at)) && (w->id == kApprox || w->id == kMax)) j = at;
            else w = nullptr;
          }
        }
      }
      if (!w) return nullptr;
    }
    word_start = j - w->text.size();
    // 약 must start a word (계약 10억 is a contract, not "about").
    if (text::is_hangul_syllable(cp_at(s, word_start)) && text::is_hangul_syllable(cp_before(s, word_start)))
      return nullptr;
    return w->id == kNone ? nullptr : w;
  }

  // A word of `words` after a "per unit" right at p (7万元/吨左右, 80달러/배럴 안팎: a slash
  // and a unit of up to four letters), or null; `at` is where the word starts.
  const Word* after_per_unit(size_t p, const WordIndex& words, size_t& at) const {
    if (p >= s.size() || s[p] != '/') return nullptr;
    size_t q = p + 1;
    for (int k = 0; k < 4 && q < s.size(); ++k) {
      if (!is_letter(text::next_code_point(s, q))) break;
      const size_t r = skip_space(s, q);
      if (const Word* w = words.match_at(s, r)) return at = r, w;
    }
    return nullptr;
  }

  // Whether a noun of a set figure follows the amount ending at `end` (past a per unit):
  // 低于1499元/瓶的官方指导价. The amount then restates that figure.
  bool names_benchmark(size_t end) const {
    size_t at;
    return t.benchmark.match_at(s, end) != nullptr || after_per_unit(end, t.benchmark, at) != nullptr;
  }

  void qualifiers(Amount& a) const {
    size_t ws = 0;
    if (const Word* w = qualifier_before(a.start, ws)) {
      // 低于1499元/瓶的官方指导价: a bound before an amount that is a set figure bounds
      // something else; the word stays outside the span all the same.
      const bool restated = (w->id == kMin || w->id == kMax) && names_benchmark(a.end);
      if (!restated) set_flag(a, w->id);
      a.qualifier_start = ws;
      // Qualifiers stack, each right before the next: 最高约120亿美元, 최대 약 10억 달러.
      for (int k = 0; k < 2; ++k) {
        w = qualifier_before(ws, ws);
        if (!w) break;
        if (!restated || w->id == kApprox) set_flag(a, w->id);
        a.qualifier_start = ws;
      }
    }
    size_t q = skip_space(s, a.end);
    const Word* after = t.after.match_at(s, q);
    // 7万元/吨左右: a price per unit is the amount, and the word after the unit is its own.
    if (size_t at; !after && (after = after_per_unit(q, t.after, at))) q = at;
    // 20조 원 첫 돌파: one listed adverb may come before the word.
    if (!after)
      if (const size_t r = past_adverb(q); r != q && (after = t.after.match_at(s, r))) q = r;
    if (after) {
      const char32_t next = cp_at(s, q + after->text.size());
      // 이상의, 안팎일 (a particle or the copula 이/일/인/입 may follow).
      if (!text::is_hangul_syllable(next) || t.is_particle(next) || next == U'일' || next == U'입' ||
          !text::is_hangul_syllable(cp_at(s, q))) {
        set_flag(a, after->id);
        return;
      }
    }
    // 1조 위안을 넘어설, 1000억 원이 넘는, 3조 원을 웃돌았다, 1조 원에 육박했다: a verb stem
    // after the amount and a case particle (one space allowed); any ending may follow the
    // stem. Without the particle the amount is the margin: 전망치를 약 600억 원 웃돌았다
    // (beat it by 600억). Which particles, and which stems each lets compare:
    // particles.tsv, column stem.
    const unsigned stem_roles = t.stem_roles_after(cp_at(s, a.end));
    if (stem_roles == 0) return;
    if (restates_noun(std::min(a.start, a.qualifier_start))) return;
    // 1400조 원을 처음 넘어설: one listed adverb may come between.
    const size_t j = past_adverb(skip_space(s, a.end + 3));
    if (const Word* w = t.stem.match_at(s, j); w && ((stem_roles >> w->id) & 1)) set_flag(a, w->id);
  }

  // Whether the word before `start` (a space between) ends with a listed noun of a
  // definite figure with the copula (지난해 실적인 | 13조 원을 넘어섰다, 공모금액인).
  bool restates_noun(size_t start) const {
    return start >= 2 && s[start - 1] == ' ' && t.appositive.match_before(s, start - 1) != nullptr;
  }

  // Past a listed adverb at j that is a word of its own (처음, 첫, 이미) and the spaces
  // after it; j itself when there is none.
  size_t past_adverb(size_t j) const {
    const Word* adv = t.adverb.match_at(s, j);
    if (!adv || j + adv->text.size() >= s.size() || s[j + adv->text.size()] != ' ') return j;
    return skip_space(s, j + adv->text.size());
  }

  // Whether only a joining word (和, 및, 와; spaces around it) stands between an amount
  // ending at `prev_end` and one starting at `start`: 20亿美元和10亿欧元.
  bool joined(size_t prev_end, size_t start) const {
    const size_t j = skip_space(s, prev_end);
    const Word* w = t.conjunction.match_at(s, j);
    return w && skip_space(s, j + w->text.size()) == start;
  }

  // 约5306亿台币，折合约165亿美元: a conversion word (after an optional qualifier) right
  // after the previous amount and a comma makes this amount restate it.
  bool converts(const Amount& a, size_t prev_end) const {
    size_t ends[2] = {a.start, a.start};
    if (ends[0] > 0 && s[ends[0] - 1] == ' ') --ends[0];
    if (a.qualifier_start != std::string_view::npos) {  // qualifiers() found it
      ends[1] = a.qualifier_start;
      if (ends[1] > 0 && s[ends[1] - 1] == ' ') --ends[1];  // 한화로 환산하면 |약
    }
    // The noun the previous amount measures may come first: 350亿福林的现金补贴，约合8900万
    // 欧元 (的, a few Han characters, a comma).
    prev_end = after_measured_noun(prev_end, a.start);
    // Only spaces and commas may stand between the previous amount and the word: when
    // more than the longest word is left after them, no word can fit (most amounts).
    size_t p = prev_end;
    while (p < a.start && (s[p] == ' ' || s[p] == ',')) ++p;
    for (size_t j : ends) {
      if (j < p || j - p > t.conversion.max_size()) continue;
      const Word* w = t.conversion.match_before(s, j);
      if (!w) continue;
      size_t k = j - w->text.size();
      while (k > prev_end && (s[k - 1] == ' ' || s[k - 1] == ',')) --k;
      if (k == prev_end) return true;
    }
    return false;
  }
  // Past "的 + up to eight Han characters + comma" at p (before `limit`), or p.
  size_t after_measured_noun(size_t p, size_t limit) const {
    if (!bytes_at(s, p, "的")) return p;
    size_t q = p + 3;
    for (int n = 0; q < limit && n < 8 && text::is_han(cp_at(s, q)); ++n) q += 3;
    return q > p + 3 && q < limit && s[q] == ',' ? q + 1 : p;
  }
};

}  // namespace

namespace {

// Is the digit or three-byte numeral character at k a place where an amount may start?
// A digit must not continue a digit run nor the decimals of 2.5; a Hangul numeral must
// start a word (이 in 회사가 이 or 것이 is no start).
[[gnu::always_inline]] inline bool start_at(const unsigned char* d, size_t k) {
  const unsigned char b = d[k];
  if (b < 0x80) {
    return !(k > 0 && (static_cast<unsigned char>(d[k - 1] - '0') <= 9 ||
                       (d[k - 1] == '.' && k >= 2 && static_cast<unsigned char>(d[k - 2] - '0') <= 9)));
  }
  const char32_t c = text::decode3(d + k);
  return !(text::is_hangul_syllable(c) && k >= 3 && (d[k - 3] & 0xF0) == 0xE0 &&
           text::is_hangul_syllable(text::decode3(d + k - 3)));
}

[[gnu::always_inline]] inline bool numeral3_at(const unsigned char* d, size_t k, const unsigned long long* starts3) {
  return static_cast<bool>((starts3[((d[k] & 0x0Fu) << 6) | (d[k + 1] & 0x3Fu)] >> (d[k + 2] & 0x3Fu)) & 1);
}

// What the scanner reports: a digit or a numeral character at k that is a start
// (start_at) and passes the gate's first test (Tables::may_pass_at).
// `run` is set as may_pass_at() sets it.
[[gnu::always_inline]] inline bool scan_start(std::string_view s, size_t k, const Tables& t, size_t& run) {
  return t.may_pass_at(s, k, run) && start_at(reinterpret_cast<const unsigned char*>(s.data()), k);
}

// Byte by byte: the first start in [i, end), or end.
size_t next_start_scalar(std::string_view s, size_t i, size_t end, const Tables& t, size_t& run) {
  const auto* d = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned long long* starts3 = t.starts3.data();
  for (; i < end; ++i) {
    const unsigned b = d[i];
    const bool hit = ((b - '0') <= 9u) | (((b & 0xF0u) == 0xE0u) && i + 2 < n && numeral3_at(d, i, starts3));
    if (__builtin_expect(hit, 0) && scan_start(s, i, t, run)) return i;
  }
  return end;
}

// The scanner's inner loop, a leaf so that its state stays in registers: the next byte
// at or after i where an amount may start (a digit that begins a number, or a numeral
// character that begins a word, where money may begin), or s.size(). Each byte costs
// one table load (`starts3`, see Tables). Folded text is valid UTF-8; on malformed bytes this may only
// miss an amount.
size_t next_start(std::string_view s, size_t i, const Tables& t, size_t& run) {
  const auto* d = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned long long* starts3 = t.starts3.data();
#if defined(__SSE2__)
  // Sixteen bytes at a time: the digits and the lead bytes E3..ED (〇, the CJK
  // ideographs and Hangul: every numeral character) become a bit mask, and only those
  // positions are looked at. Latin text, punctuation and continuation bytes cost nothing.
  // Every byte is tested on its own, with no decoding: a continuation byte is neither a
  // digit nor a lead byte, so this finds exactly the digits and the lead bytes of
  // numeral characters.
  const __m128i lo_digit = _mm_set1_epi8('0'), hi_digit = _mm_set1_epi8('9');
  const __m128i lo_lead = _mm_set1_epi8(static_cast<char>(0xE3)), hi_lead = _mm_set1_epi8(static_cast<char>(0xED));
  auto in_range = [](__m128i v, __m128i lo, __m128i hi) {  // lo <= v <= hi, unsigned
    return _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, lo), v), _mm_cmpeq_epi8(_mm_min_epu8(v, hi), v));
  };
  while (i + 18 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
    const __m128i digit = in_range(v, lo_digit, hi_digit);
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(digit, in_range(v, lo_lead, hi_lead))));
    for (; mask != 0; mask &= mask - 1) {
      const size_t k = i + static_cast<size_t>(__builtin_ctz(mask));
      if ((d[k] < 0x80 || numeral3_at(d, k, starts3)) && scan_start(s, k, t, run)) return k;
    }
    i += 16;
  }
#endif
  return next_start_scalar(s, i, n, t, run);
}

#if defined(HANFACTS_MONEY_AVX2)
// The empty asm hides the value from the optimizer: the vector is then built once per
// call and kept, where the compiler would otherwise rebuild it from an immediate in
// every block.
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i set1(unsigned v) {
  __m256i x = _mm256_set1_epi8(static_cast<char>(v));
  asm("" : "+x"(x));
  return x;
}
// lo <= v <= lo + width, unsigned: (v - lo) <= width.
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i in_range(__m256i v, __m256i lo, __m256i width) {
  const __m256i x = _mm256_sub_epi8(v, lo);
  return _mm256_cmpeq_epi8(_mm256_min_epu8(x, width), x);
}

// Candidate starts with AVX2, 32 bytes at a time, for CPUs that have it (checked once
// at run time): bit j of masks[b] is set when byte p + 32b + j may start an amount.
// Fewer positions reach the scalar test than with SSE2:
// - a digit right after a digit is inside a number (the byte before is loaded too);
// - a Hangul lead byte (EA..ED) right after a Hangul syllable is inside a word, and
//   every Hangul numeral is a syllable that must start one;
// - a CJK or Hangul lead byte counts only when it and the two bytes after it fall in
//   one of the (lead, second byte, third byte) buckets of Tables, looked up by nibble
//   with vpshufb.
// Every position left out is one the scalar test would reject, so the result is the
// same. Needs p >= 3 and p + 32 * blocks + 2 <= n (three bytes before, two after).
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i table(const std::array<unsigned char, 16>& a) {
  return _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(a.data())));
}

// The masks of the text's last bytes, from limit to n (n - 33 <= limit < n), out of
// those of the block at n - 34, already in masks[0] and digits[0] (so n >= 37: three
// bytes readable before it): its bits for limit.. move down, and the last two bytes,
// which the block leaves out, can only be digits (a lead byte there lacks its two bytes,
// and gets no bit, as in the byte loop). No copy of the text's end, and no second set-up
// of the vector constants, as fill_tail takes (about 120 instructions a text). Returns
// the number of blocks (one or two).
inline size_t fill_last_blocks(const unsigned char* d, size_t n, size_t limit, uint32_t* masks, uint32_t* digits) {
  const unsigned shift = static_cast<unsigned>(34 - (n - limit));  // 1..33
  uint64_t starts = static_cast<uint64_t>(masks[0]) >> shift, digit_bits = static_cast<uint64_t>(digits[0]) >> shift;
  const auto is_digit = [&](size_t x) { return static_cast<unsigned>(d[x] - '0') <= 9u; };
  for (size_t x = std::max(n - 2, limit); x < n; ++x)
    if (is_digit(x)) {
      digit_bits |= uint64_t{1} << (x - limit);
      if (!is_digit(x - 1)) starts |= uint64_t{1} << (x - limit);
    }
  masks[0] = static_cast<uint32_t>(starts), digits[0] = static_cast<uint32_t>(digit_bits);
  if (n - limit <= 32) return 1;
  masks[1] = static_cast<uint32_t>(starts >> 32), digits[1] = static_cast<uint32_t>(digit_bits >> 32);
  return 2;
}

// The low and high nibbles of the 32 bytes at p.
[[gnu::target("avx2"), gnu::always_inline]] inline void nibbles(const unsigned char* p, __m256i nib, __m256i& lo,
                                                            __m256i& hi) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  lo = _mm256_and_si256(v, nib);
  hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nib);
}

// With n > 0, the blocks of the text's last bytes follow (p + 32 * blocks < n <=
// p + 32 * blocks + 33, n >= 37: see fill_last_blocks); returns the number of blocks
// filled.
[[gnu::target("avx2"), gnu::always_inline]] inline size_t fill_masks_body(const unsigned char* d, size_t p,
                                                                       size_t blocks, const Tables& t,
                                                                       uint32_t* masks, uint32_t* digits, size_t n) {
  const __m256i c0 = set1('0'), c9w = set1(9);
  const __m256i cF0 = set1(0xF0), cE0 = set1(0xE0);
  const __m256i nib = set1(0x0F), zero = _mm256_setzero_si256();
  const __m256i lead_lo = table(t.han_pairs.lead_lo), sec_lo = table(t.han_pairs.second_lo),
                sec_hi = table(t.han_pairs.second_hi), th_lo = table(t.han_pairs.third_lo),
                th_hi = table(t.han_pairs.third_hi);
  // By a lead's low nibble, what to add (mod 256) to the second byte after it so that
  // the second bytes of the Hangul syllables it starts come out negative (80..FF as a
  // signed byte) and all others non-negative. The byte after a lead is a continuation
  // byte (80..BF: the folded text is valid UTF-8): EA B0..BF -> 80..8F (EA 80..AF ->
  // 50..7F); EB and EC 80..BF stay; ED 80..9D -> E2..FF (ED 9E..BF -> 00..21); leads
  // other than EA..ED start no syllable: 80..BF -> 00..3F. One lookup and one signed
  // compare with zero, where a range by a minimum and a maximum table took two lookups,
  // two comparisons and one more table register.
  alignas(16) static constexpr std::array<unsigned char, 16> kSyllableSecondShift = {
      0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0xD0, 0x00, 0x00, 0x62, 0x80, 0x80};
  const __m256i syllable_second_shift = table(kSyllableSecondShift);
  const __m256i hlead_lo = table(t.hangul_pairs.lead_lo), hsec_lo = table(t.hangul_pairs.second_lo),
                hsec_hi = table(t.hangul_pairs.second_hi), hth_lo = table(t.hangul_pairs.third_lo),
                hth_hi = table(t.hangul_pairs.third_hi);
  // The start and digit masks of the block at `at`.
  const auto block = [=](size_t at, uint32_t& digit_mask) __attribute__((target("avx2"), always_inline)) {
    const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + at));
    const __m256i vm1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + at - 1));
    // Digits that begin a run; all digits go to `digits`, where a run's end is read.
    const __m256i digit0 = in_range(v0, c0, c9w);
    // (To a general register at once: a vector kept across the branches below took a
    // register the tables needed.)
    const uint32_t digit_starts =
        static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_andnot_si256(in_range(vm1, c0, c9w), digit0)));
    digit_mask = static_cast<uint32_t>(_mm256_movemask_epi8(digit0));
    const __m256i v0_lo = _mm256_and_si256(v0, nib);
    // A lead byte E0..EF. The lead tables below hold bits only for the low nibbles of
    // their own leads (3..9 for CJK, A..D for Hangul), so this one test bounds both.
    const __m256i lead = _mm256_cmpeq_epi8(_mm256_and_si256(v0, cF0), cE0);
    // The leads in a bucket, Hangul and CJK apart. A block of Chinese text holds no
    // Hangul lead and most blocks of Korean text no CJK one: the second and third bytes
    // (and the syllable before a Hangul lead) are looked at only for a kind of lead the
    // block holds, and a block with neither (digits, Latin text) stops here. The bits
    // left out are zero either way.
    __m256i hlead_bits = _mm256_and_si256(_mm256_shuffle_epi8(hlead_lo, v0_lo), lead);
    const __m256i lead_bits = _mm256_and_si256(_mm256_shuffle_epi8(lead_lo, v0_lo), lead);
    uint32_t lead_starts = 0;
    if (!_mm256_testz_si256(_mm256_or_si256(hlead_bits, lead_bits), _mm256_or_si256(hlead_bits, lead_bits))) {
      __m256i found = zero;
      // The nibbles of the two bytes after each lead are computed in each branch: shared,
      // they stayed live across the Hangul branch and were spilled to the stack in every
      // block (16 vector registers for the loop's constants and temporaries).
      if (!_mm256_testz_si256(hlead_bits, hlead_bits)) {
        __m256i vp1_lo, vp1_hi, vp2_lo, vp2_hi;
        nibbles(d + at + 1, nib, vp1_lo, vp1_hi);
        nibbles(d + at + 2, nib, vp2_lo, vp2_hi);
        const __m256i vm2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + at - 2));
        const __m256i vm3 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + at - 3));
        // Hangul leads right after a Hangul syllable are inside a word: a lead three
        // bytes before whose second byte lies in the syllables' range for that lead
        // (AC00..D79F: EA B0..BF, EB and EC 80..BF, ED 80..9D; the rest of ED 9E is left
        // to the scalar test), looked up by the lead's low nibble (kSyllableSecondShift).
        const __m256i vm3_lead = _mm256_cmpeq_epi8(_mm256_and_si256(vm3, cF0), cE0);
        const __m256i vm3_lo = _mm256_and_si256(vm3, nib);
        const __m256i shifted = _mm256_add_epi8(vm2, _mm256_shuffle_epi8(syllable_second_shift, vm3_lo));
        const __m256i prev_syllable = _mm256_and_si256(vm3_lead, _mm256_cmpgt_epi8(zero, shifted));
        hlead_bits = _mm256_andnot_si256(prev_syllable, hlead_bits);
        const __m256i hsec_bits = _mm256_and_si256(
            _mm256_and_si256(_mm256_shuffle_epi8(hsec_lo, vp1_lo), _mm256_shuffle_epi8(hsec_hi, vp1_hi)),
            _mm256_and_si256(_mm256_shuffle_epi8(hth_lo, vp2_lo), _mm256_shuffle_epi8(hth_hi, vp2_hi)));
        found = _mm256_and_si256(hlead_bits, hsec_bits);
      }
      if (!_mm256_testz_si256(lead_bits, lead_bits)) {
        __m256i vp1_lo, vp1_hi, vp2_lo, vp2_hi;
        nibbles(d + at + 1, nib, vp1_lo, vp1_hi);
        nibbles(d + at + 2, nib, vp2_lo, vp2_hi);
        const __m256i sec_bits =
            _mm256_and_si256(_mm256_and_si256(_mm256_shuffle_epi8(sec_lo, vp1_lo), _mm256_shuffle_epi8(sec_hi, vp1_hi)),
                             _mm256_and_si256(_mm256_shuffle_epi8(th_lo, vp2_lo), _mm256_shuffle_epi8(th_hi, vp2_hi)));
        found = _mm256_or_si256(found, _mm256_and_si256(lead_bits, sec_bits));
      }
      lead_starts = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(found, zero)));
    }
    return digit_starts | lead_starts;
  };
  // The block of the text's last bytes (fill_last_blocks) with the same constants, and
  // first: after the loop, they stayed live past it, and GCC reloaded some from the
  // stack in every block instead (0.12 M instructions more on the 4 MB sample).
  if (n > 0) masks[blocks] = block(n - 34, digits[blocks]);
  const size_t limit = p + 32 * blocks;
  for (size_t b = 0; b < blocks; ++b, p += 32) masks[b] = block(p, digits[b]);
  return n > 0 ? blocks + fill_last_blocks(d, n, limit, masks + blocks, digits + blocks) : blocks;
}

[[gnu::target("avx2")]] size_t fill_masks_avx2(const unsigned char* d, size_t p, size_t blocks, const Tables& t,
                                             uint32_t* masks, uint32_t* digits, size_t n = 0) {
  return fill_masks_body(d, p, blocks, t, masks, digits, n);
}
// The same instructions compiled for AVX-512 machines (F, BW, VL): with 32 vector
// registers the loop's 22 constants stay in registers instead of being reloaded from
// the stack in every block.
[[gnu::target("avx2,avx512f,avx512bw,avx512vl")]] size_t fill_masks_avx512(const unsigned char* d, size_t p,
                                                                           size_t blocks, const Tables& t,
                                                                           uint32_t* masks, uint32_t* digits,
                                                                           size_t n = 0) {
  return fill_masks_body(d, p, blocks, t, masks, digits, n);
}

const bool kHasAvx2 = text::cpu::avx2();
const bool kHasAvx512 = text::cpu::avx512();
const bool kHasCompress = text::cpu::avx512() && text::cpu::avx512_vbmi2() && text::cpu::popcnt();

// The set bits of the masks of `blocks` 32-byte blocks as offsets from the first block,
// in order, into `out` (which needs room for 32 entries past the count); returns the
// count. One register compress per block and no branch per bit: a loop over a mask's
// bits mispredicts its exit about once a block, which the scanner then waits for
// (callgrind's model: 101 k of MONEY's 605 k conditional mispredicts on the 4 MB sample).
alignas(64) constexpr uint16_t kLanes16[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                               16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
[[gnu::target("avx512f,avx512bw,avx512vbmi2,popcnt")]] size_t mask_offsets(const uint32_t* masks, size_t blocks,
                                                                           uint16_t* out) {
  __m512i lanes = _mm512_load_si512(kLanes16);
  const __m512i step = _mm512_set1_epi16(32);
  size_t k = 0;
  for (size_t b = 0; b < blocks; ++b) {
    _mm512_storeu_si512(out + k, _mm512_maskz_compress_epi16(masks[b], lanes));
    k += static_cast<size_t>(_mm_popcnt_u32(masks[b]));
    lanes = _mm512_add_epi16(lanes, step);
  }
  return k;
}

// The masks of the text's last bytes, from p to n (3 <= p < n, n - p <= 33: one or two
// blocks), for texts shorter than 37 bytes (longer ones: fill_last_blocks), read from a
// copy with zeros after the text, so that the blocks load nothing past it. A zero is no digit, no lead byte and no second or third byte of a bucket:
// positions past the text, and a lead byte without its two bytes, get no bit, as the
// byte loop's tests (i + 2 < n) give none. Returns the number of blocks. (Where the
// text's last bytes went through the SSE2 loop and the byte loop, about 290
// instructions a text.)
[[gnu::noinline]] size_t fill_tail(const unsigned char* d, size_t n, size_t p, const Tables& t, uint32_t* masks,
                                   uint32_t* digits, bool avx512) {
  alignas(32) unsigned char pad[3 + 64 + 29] = {};  // three bytes before, two blocks, two bytes after
  std::memcpy(pad, d + p - 3, n - p + 3);
  const size_t blocks = (n - p + 31) / 32;
  if (avx512) fill_masks_avx512(pad, 3, blocks, t, masks, digits);
  else fill_masks_avx2(pad, 3, blocks, t, masks, digits);
  return blocks;
}

// The end of the digit run whose digit at k is bit j of a block's digit mask `digits`
// (the block starts at block_start = k - j): the first non-digit after k in the block,
// else read on from the block's end. The bytes past the text in fill_tail's last block
// are zeros, no digits, so a run there ends at n, as digit_run_end says. (Where
// digit_run_end read the run again from k, 23 instructions a digit start, 57 K starts on
// the 4 MB sample.)
[[gnu::always_inline]] inline size_t digit_run_end_in(const unsigned char* d, size_t n, size_t block_start,
                                                      uint32_t digits, unsigned j) {
  const uint32_t after = ~digits & (~1u << j);  // the non-digits after bit j
  if (after != 0) return block_start + static_cast<size_t>(std::countr_zero(after));
  return numeral::digit_run_end(reinterpret_cast<const char*>(d), block_start + 32, n);
}

// scan_start() for a start k in a block: a digit's run end from the block's digit mask.
[[gnu::always_inline]] inline bool scan_start_in(std::string_view s, size_t k, const Tables& t, size_t block_start,
                                                 uint32_t digits, size_t& run) {
  const auto* d = reinterpret_cast<const unsigned char*>(s.data());
  if (d[k] < 0x80) {
    run = digit_run_end_in(d, s.size(), block_start, digits, static_cast<unsigned>(k - block_start));
    return t.may_pass_after(s, k, run) && start_at(d, k);
  }
  return numeral3_at(d, k, t.starts3.data()) && scan_start(s, k, t, run);
}
#endif

// The scanner's state: candidate masks for a window of the text, filled a window at a
// time (so the vector constants are set up once per window, not once per start).
class StartScan {
 public:
  StartScan(std::string_view s, const Tables& t)
      : s_(s), d_(reinterpret_cast<const unsigned char*>(s.data())), n_(s.size()), t_(t) {
#if defined(HANFACTS_MONEY_AVX2)
    avx2_ = kHasAvx2 && t.pair_filter_ok;
    list_ = avx2_ && kHasCompress;
#endif
  }
  // The first start at or after i, or n.
  // (Inlined by force, as next_in() is: left to GCC, the scanner's loop went out of find()
  // at small changes elsewhere in it, 0.3 to 1.1 M instructions more on the 4 MB sample.)
  [[gnu::always_inline]] size_t next(size_t i) {
#if defined(HANFACTS_MONEY_AVX2)
    return list_ ? next_in<true>(i) : next_in<false>(i);
#else
    return next_start(s_, i, t_, run_);
#endif
  }
  // Where the last start's first digits or numeral character end (Tables::may_pass_at):
  // the gate's walk goes on from there.
  size_t run() const { return run_; }

 private:
  // next() with the window's starts read from the list of offsets or from the masks.
  template <bool kList>
  [[gnu::always_inline]] size_t next_in(size_t i) {
    for (;;) {
      // Most calls land inside the window filled last: its masks are read at once.
      if (i >= base_ && i < limit_) {
        const size_t k = in_window<kList>(i);
        if (k < limit_) return k;
        i = limit_;
      }
      if (!avx2_) return next_start(s_, i, t_, run_);
      if (i >= n_) return n_;
      if (i < 3) {  // the blocks load three bytes before
        const size_t end = std::min<size_t>(n_, 3);
        const size_t k = next_start_scalar(s_, i, end, t_, run_);
        if (k < end) return k;
        i = end;
        continue;
      }
      fill(i);
    }
  }

  // The first start in [i, limit_), or limit_ (base_ <= i < limit_). (Inlined by force:
  // left to GCC, find() spent 0.14 M more instructions on the 4 MB sample.)
  template <bool kList>
  [[gnu::always_inline]] size_t in_window(size_t i) {
    size_t run;  // run_ when k is returned: a register until then
    if constexpr (kList) {
      // The offsets in order; the scan moves forward, so the entry last answered (or
      // one after it) is where the search goes on.
      const auto rel = static_cast<uint16_t>(i - base_);
      if (at_ > 0 && offsets_[at_ - 1] >= rel) at_ = 0;
      while (at_ < count_ && offsets_[at_] < rel) ++at_;
      for (; at_ < count_; ++at_) {
        const size_t k = base_ + offsets_[at_];
        const size_t b = offsets_[at_] >> 5;
        if (scan_start_in(s_, k, t_, base_ + (b << 5), digits_[b], run)) return run_ = run, k;
      }
      return limit_;
    } else {
      size_t b = (i - base_) >> 5;
      uint32_t m = masks_[b] & (~0u << ((i - base_) & 31));
      for (;;) {
        for (; m != 0; m &= m - 1) {
          const size_t k = base_ + (b << 5) + static_cast<size_t>(__builtin_ctz(m));
          if (scan_start_in(s_, k, t_, base_ + (b << 5), digits_[b], run)) return run_ = run, k;
        }
        if (++b == blocks_) return limit_;
        m = masks_[b];
      }
    }
  }

  static constexpr size_t kBlocks = 128;  // 4 KB of text per fill
  // Whole blocks of the text (three bytes readable before each, two after), and where
  // the window reaches the text's end, the blocks of its last bytes (fill_tail).
  void fill(size_t i) {
    base_ = i;
    blocks_ = n_ - i >= 32 + 2 ? std::min(kBlocks, (n_ - 2 - i) / 32) : 0;
    limit_ = base_ + 32 * blocks_;
#if defined(HANFACTS_MONEY_AVX2)
    // The text's last bytes in the same call where three bytes before its last 34 are
    // readable (fill_last_blocks), else from a copy (fill_tail).
    const bool at_end = blocks_ < kBlocks;
    const size_t last = at_end && n_ >= 37 ? n_ : 0;
    if (blocks_ > 0 || last > 0) {
      if (kHasAvx512) blocks_ = fill_masks_avx512(d_, base_, blocks_, t_, masks_, digits_, last);
      else blocks_ = fill_masks_avx2(d_, base_, blocks_, t_, masks_, digits_, last);
    }
    if (at_end) {
      if (last == 0) blocks_ += fill_tail(d_, n_, limit_, t_, masks_ + blocks_, digits_ + blocks_, kHasAvx512);
      limit_ = n_;
    }
    if (list_) count_ = mask_offsets(masks_, blocks_, offsets_), at_ = 0;
#endif
  }
  std::string_view s_;
  const unsigned char* d_;
  size_t n_;
  const Tables& t_;
  bool avx2_ = false;
  bool list_ = false;  // the window's starts as a list of offsets (mask_offsets)
  size_t run_ = 0;
  size_t base_ = 0, limit_ = 0, blocks_ = 0;
  uint32_t masks_[kBlocks + 2];              // whole blocks, and up to two of the text's last bytes
  uint32_t digits_[kBlocks + 2];             // the same blocks' digits (fill_masks_body)
  size_t count_ = 0, at_ = 0;                // offsets_[at_] is the next to look at
  uint16_t offsets_[(kBlocks + 2) * 32 + 32];  // from base_ (< 4160), in order
};

}  // namespace

// The length of a list mark at i (·, 、, a comma or a slash), or 0.
size_t list_mark_at(std::string_view s, size_t i) {
  static constexpr std::string_view kMarks[] = {"\xC2\xB7", "\xE3\x80\x81", ",", "/"};  // ·, 、
  for (std::string_view m : kMarks)
    if (s.compare(i, m.size(), m) == 0) return m.size();
  return 0;
}

// Whether `between` holds nothing but qualifier and conversion words written before an
// amount (약, 约合, 折合, 한화로: qualifiers.tsv, position before), read from its end as the
// qualifiers are, after currency words that name the first amount's currency
// (600억 위안(元·12조600억 원)) or the second's (position bracket: 한화 약 6,900억 원), with
// spaces and middle dots between.
bool only_qualifiers(std::string_view between, const Tables& t) {
  static constexpr std::string_view kDot = "\xC2\xB7";  // ·
  const auto separator_before = [&](size_t i) {
    if (between[i - 1] == ' ') return size_t{1};
    return i >= kDot.size() && between.compare(i - kDot.size(), kDot.size(), kDot) == 0 ? kDot.size() : 0;
  };
  size_t i = between.size();
  while (i > 0) {
    if (const size_t n = separator_before(i)) {
      i -= n;
    } else if (const Word* w = t.before.match_before(between, i)) {
      i -= w->text.size();
    } else if (const Word* c = t.conversion.match_before(between, i)) {
      i -= c->text.size();
    } else {
      break;
    }
  }
  for (size_t j = 0; j < i;) {
    if (between[j] == ' ') {
      ++j;
    } else if (between.compare(j, kDot.size(), kDot) == 0) {
      j += kDot.size();
    } else if (const Word* w = t.suffix.match_at(between, j); w && j + w->text.size() <= i) {
      j += w->text.size();
    } else if (const Word* b = t.bracket_lead.match_at(between, j); b && j + b->text.size() <= i) {
      j += b->text.size();
    } else {
      return false;
    }
  }
  return true;
}

std::vector<size_t> Recognizer::scan_starts(std::string_view text, ScanLevel level, std::vector<size_t>* runs) const {
  const Tables& t = *tables_;
  const auto* d = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  std::vector<size_t> starts;
  // The scalar test from i on, to the end of the text.
  size_t run = 0;
  const auto push = [&](size_t k) {
    starts.push_back(k);
    if (runs) runs->push_back(run);
  };
  const auto scalar_from = [&](size_t i) {
    for (; (i = next_start_scalar(text, i, n, t, run)) < n; ++i) push(i);
  };
#if defined(HANFACTS_MONEY_AVX2)
  if (level == ScanLevel::kAvx512 && !kHasAvx512) level = ScanLevel::kAvx2;
  if (level == ScanLevel::kScalar || !kHasAvx2 || !t.pair_filter_ok || n <= 3) {
    scalar_from(0);
    return starts;
  }
  // As StartScan: the first three bytes apart, then whole blocks (three bytes readable
  // before each, two after) and the blocks of the last bytes (fill_tail), the positions
  // of their masks that pass the exact tests.
  for (size_t i = 0; (i = next_start_scalar(text, i, 3, t, run)) < 3; ++i) push(i);
  const size_t blocks = n >= 3 + 32 + 2 ? (n - 2 - 3) / 32 : 0;
  std::vector<uint32_t> masks(blocks + 2), digits(blocks + 2);
  size_t all = 0;
  if (n >= 37) {  // the last bytes in the same call (fill_last_blocks)
    if (level == ScanLevel::kAvx512) all = fill_masks_avx512(d, 3, blocks, t, masks.data(), digits.data(), n);
    else all = fill_masks_avx2(d, 3, blocks, t, masks.data(), digits.data(), n);
  } else {
    all = fill_tail(d, n, 3, t, masks.data(), digits.data(), level == ScanLevel::kAvx512);
  }
  for (size_t b = 0; b < all; ++b)
    for (uint32_t m = masks[b]; m != 0; m &= m - 1) {
      const size_t k = 3 + 32 * b + static_cast<size_t>(std::countr_zero(m));
      if (scan_start_in(text, k, t, 3 + 32 * b, digits[b], run)) push(k);
    }
#else
  (void)d, (void)level;
  scalar_from(0);
#endif
  return starts;
}

void Recognizer::find(const core::Document& doc, core::Candidates& out) const {
  const Tables& t = *tables_;
  const std::string_view s = doc.text;
  Reader rd{t, s, doc.folded};
  const size_t first = out.size();
  const size_t n = s.size();
  size_t i = 0;
  StartScan scan(s, t);
  for (;;) {
    i = scan.next(i);
    if (i >= n) break;
    // The scanner has checked the start: a digit, or a (three-byte) numeral character
    // that begins a word, where money may begin (Tables::may_pass_at).
    const size_t next = i + (static_cast<unsigned char>(s[i]) < 0x80 ? 1 : 3);
    bool pass = false;
    const size_t run = rd.run_end(i, pass, scan.run());
    if (!pass) {
      i = run;  // 2025년, 30%, 경제, 一些: no currency can follow
      continue;
    }
    const std::optional<Numeral> num = rd.start_amount_at(i);
    Amount a;
    bool found = rd.range(i, num, a);
    if (!found && rd.single(i, num, a)) {
      found = true;
      rd.extend_range(a);
    }
    if (!found) {
      i = next;
      continue;
    }
    rd.qualifiers(a);
    // 600억 위안(약 12조 원): an amount opening a parenthesis right after another restates it.
    int equiv_of = -1;
    if (out.size() > first) {
      const core::Candidate& p = out.back();
      size_t k = p.end;
      // 70억 달러 안팎(약 10조 원), 10亿元至20亿元之间（约合…）: the first amount's own
      // qualifier, or the word closing its range, may stand before the parenthesis or the
      // conversion word.
      for (const Word* w;;) {
        while (k < a.start && s[k] == ' ') ++k;
        if (k >= a.start || !((w = t.after.match_at(s, k)) || (w = t.range_close.match_at(s, k))) ||
            k + w->text.size() > a.start)
          break;
        k += w->text.size();
      }
      if (k < a.start && s[k] == '(') {
        // Only qualifiers between the parenthesis and the amount (약, 约合): a clause there
        // gives another figure (1元（缓存命中时为0.1元）: the price on a cache hit).
        if (only_qualifiers(s.substr(k + 1, a.start - k - 1), t)) equiv_of = static_cast<int>(out.size() - 1);
      } else if (const size_t sep = p.equiv_of >= 0 ? list_mark_at(s, k) : 0;
                 sep > 0 && only_qualifiers(s.substr(k + sep, a.start - k - sep), t)) {
        // 3억7500만 리얄(약 1억 달러·1350억 원): the next amount of a list in the same
        // parenthesis restates the first amount too, as approximately as the one before.
        equiv_of = p.equiv_of;
        if (p.flags.starts_with("approx")) a.approx = true;
      } else if (rd.converts(a, k)) {
        // 20亿美元和10亿欧元，折合约220亿元人民币 restates the sum, not the euros.
        const bool sum = out.size() - first >= 2 && rd.joined(out[out.size() - 2].end, p.start);
        if (!sum) equiv_of = static_cast<int>(out.size() - 1);
      }
    }
    int currency = a.currency;
    if (a.word && a.word->country_bound >= 0) {
      currency = Tables::currency_by_country(s, a.start, t.country_bound[static_cast<size_t>(a.word->country_bound)]);
      if (currency < 0) {  // 페소 with no country named before it: whose peso is unknown
        i = a.end;
        continue;
      }
    }
    // Built in place: no temporary strings per fact.
    core::Candidate& cand = out.emplace_back();
    cand.type = FactType::kMoney;
    cand.start = a.start;
    cand.end = a.end;
    a.low.append_to(cand.value);
    if (!(a.low == a.high)) {
      cand.value += "..";
      a.high.append_to(cand.value);
    }
    if (a.word && a.word->regional >= 0) {
      // 586.1億元 in a Taiwanese article: the region is detected on first need only.
      const int code = t.regional_codes[static_cast<size_t>(a.word->regional)][static_cast<size_t>(doc.region())];
      if (code >= 0) currency = code;
    }
    cand.unit = t.codes[currency];
    // The order core::add_flag would give: approx;min;max.
    if (a.approx) cand.flags = "approx";
    if (a.min) cand.flags += cand.flags.empty() ? "min" : ";min";
    if (a.max) cand.flags += cand.flags.empty() ? "max" : ";max";
    cand.rule = a.rule;
    cand.equiv_of = equiv_of;
    i = a.end;
  }
}

}  // namespace hanfacts::money
