// The numeral parser (numeral/numeral.h): a hand-written scanner over code points.
//
// A numeral is lexed into tokens (numbers, small units 十百千 / 십백천, big scales
// 万亿兆 / 만억조경, zero markers, vague digits), checking as it goes that each token may
// follow the previous one, then evaluated: 1억2천만 = 1×10^8 + (2×10^3)×10^4. Vague
// digits (几, 数, 수, 몇) are evaluated twice, as 1 and as 9, giving a range.
#include "numeral/numeral.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "text/fold.h"

#include "text/utf8.h"

namespace hanfacts::numeral {
namespace {

// The character kinds of lexicons/numeral/numerals.tsv (digit, unit, scale …).
enum Kind : unsigned char {
  kNo,
  kDigit,      // 0..9 spelled: 一 二 壹 两, 일 이 삼
  kSmall,      // 十 百 千 拾 佰 仟, 십 백 천 (value = exponent)
  kBig,        // 万 亿 兆, 만 억 조 경 (value = exponent)
  kTens,       // 廿 卅 卌 (value = 2, 3, 4 tens)
  kPoint,      // 点, 점
  kVague,      // 几 数, 수 몇: an unknown digit
  kApprox,     // 多 余, 여 before a scale: "more than"
};

struct Cls {
  Kind kind = kNo;
  Script script = Script::kArabic;
  signed char value = 0;
  bool ambiguous = false;  // also an ordinary word on its own (陆地, 收拾, 공, 수)
  bool word_with_particle = false;  // alone before a particle, an ordinary word (이는, 일을)
  bool counting = false;  // a digit's form for counts alone, never after a decimal point (两)
};

// Every numeral character lies in U+3000..U+D7FF (〇, CJK ideographs, Hangul). A bitset
// over that range rejects the other characters of the text in one load; the numeral
// characters themselves are looked up in a small hash table (multiplicative hash,
// linear probing): scanners call classify on nearly every character they look at.
constexpr char32_t kTableLo = 0x3000, kTableHi = 0xD800;
struct NumeralBits {
  static constexpr int kSlots = 256;  // a power of two, over three times the characters
  unsigned long long words[(kTableHi - kTableLo + 63) / 64] = {};
  char32_t keys[kSlots] = {};
  Cls values[kSlots] = {};
  int size = 0;
  static constexpr unsigned slot(char32_t c) { return (static_cast<uint32_t>(c) * 2654435761u) >> 24; }
  // False when c is outside the table's range, already in it, or the table is full.
  bool add(char32_t c, Cls k) {
    if (c < kTableLo || c >= kTableHi || has(c) || size * 3 >= kSlots) return false;
    words[(c - kTableLo) >> 6] |= 1ULL << ((c - kTableLo) & 63);
    unsigned h = slot(c);
    while (keys[h] != 0) h = (h + 1) & (kSlots - 1);
    keys[h] = c, values[h] = k;
    ++size;
    return true;
  }
  bool has(char32_t c) const {
    return c >= kTableLo && c < kTableHi && ((words[(c - kTableLo) >> 6] >> ((c - kTableLo) & 63)) & 1);
  }
  // The class of c, which has(c).
  Cls get(char32_t c) const {
    unsigned h = slot(c);
    while (keys[h] != c) h = (h + 1) & (kSlots - 1);
    return values[h];
  }
};

// A native Korean number word (lexicons/numeral/numerals.tsv, kinds native_tens and
// native_unit).
struct Word {
  std::u32string w;
  int value;
  bool attributive;  // only before a counter: 한 두 세 네 스무
};

// A joiner of lexicons/numeral/numerals.tsv: a Chinese one (又) may have up to two spaces
// before it, a Korean one (과) is glued to the number as a particle.
struct Joiner {
  std::string word;
  bool spaced;
};

// A set of Hangul syllables, one bit each.
struct SyllableSet {
  std::array<uint64_t, (0xD7A4 - 0xAC00 + 63) / 64> bits{};
  void add(char32_t c) { bits[(c - 0xAC00) >> 6] |= uint64_t{1} << ((c - 0xAC00) & 63); }
  bool has(char32_t c) const {
    return text::is_hangul_syllable(c) && ((bits[(c - 0xAC00) >> 6] >> ((c - 0xAC00) & 63)) & 1);
  }
};

// lexicons/numeral/numerals.tsv, read into the character table and the native words, and
// lexicons/numeral/korean_endings.tsv, into the first syllables of its two kinds.
struct NumeralWords {
  NumeralBits chars;
  std::vector<Word> native_tens, native_units;
  // The joiner rows: the words between a whole number and its fraction (又; 과 와).
  std::vector<Joiner> joiners;
  // The negative rows: the words of a sign before a number (负, 마이너스, 음수), in UTF-8.
  std::vector<std::string> negatives;
  SyllableSet particles, copula_endings;
  Status status;  // the first error in the files; the tables hold the rows before it
};

NumeralWords read_numeral_words(std::string_view content, std::string_view name) {
  NumeralWords out;
  auto table = lexicon::parse_tsv(content, std::string(name), {"lang", "kind", "value", "words", "flags"});
  if (!table.ok()) {
    out.status = table.status();
    return out;
  }
  const lexicon::Table& t = table.value();
  struct KindName {
    std::string_view name;
    Kind kind;  // kNo for the native words
    int max_value;
  };
  static constexpr KindName kKinds[] = {
      {"digit", kDigit, 9}, {"unit", kSmall, 3}, {"scale", kBig, 16}, {"tens", kTens, 9},
      {"point", kPoint, 0}, {"vague", kVague, 0}, {"approx", kApprox, 0},
      {"native_tens", kNo, 90}, {"native_unit", kNo, 9}, {"joiner", kNo, 0}, {"negative", kNo, 0},
  };
  for (const lexicon::Row& row : t.rows()) {
    const std::string_view lang = t.cell(row, "lang"), kind_name = t.cell(row, "kind");
    if (lang != "zh" && lang != "ko") {
      out.status = t.error(row, "lang", "expected zh or ko");
      return out;
    }
    const KindName* kind = nullptr;
    for (const KindName& k : kKinds)
      if (k.name == kind_name) kind = &k;
    if (!kind) {
      out.status = t.error(row, "kind", "expected digit, unit, scale, tens, point, vague, approx, native_tens, native_unit, joiner or negative");
      return out;
    }
    const std::string_view value_text = t.cell(row, "value");
    int value = 0;
    for (const char d : value_text) value = d >= '0' && d <= '9' && value < 1000 ? value * 10 + (d - '0') : -1;
    if (value_text.empty() || value < 0 || value > kind->max_value) {
      out.status = t.error(row, "value", "expected a whole number from 0 to " + std::to_string(kind->max_value));
      return out;
    }
    bool ambiguous = false, attributive = false, word_with_particle = false, counting = false, date = false;
    for (const std::string_view flag : lexicon::split_values(t.cell(row, "flags"))) {
      if (flag == "ambiguous") ambiguous = true;
      else if (flag == "attributive") attributive = true;
      else if (flag == "word_with_particle") word_with_particle = true;
      else if (flag == "counting") counting = true;
      else if (flag == "date") date = true;  // read by the date grammar's tables (src/date/numbers.h), not here
      else {
        out.status = t.error(row, "flags", "expected ambiguous, attributive, word_with_particle, counting or date");
        return out;
      }
    }
    if (counting && kind->kind != kDigit) {
      out.status = t.error(row, "flags", "only a digit is counting");
      return out;
    }
    if (date && kind->kind != kDigit && kind->kind != kSmall && kind->kind != kTens) {
      out.status = t.error(row, "flags", "only a digit, unit or tens character is date");
      return out;
    }
    const bool joiner = kind->name == "joiner", negative = kind->name == "negative";
    const bool native = kind->kind == kNo && !joiner && !negative;
    if ((joiner || negative) && (ambiguous || attributive || word_with_particle)) {
      out.status = t.error(row, "flags", joiner ? "a joiner takes no flag" : "a negative word takes no flag");
      return out;
    }
    if ((attributive && !native) || (native && (ambiguous || word_with_particle || lang != "ko"))) {
      out.status = t.error(row, "flags", native ? "a native word is Korean and takes no flag but attributive"
                                                 : "only a native word is attributive");
      return out;
    }
    if (word_with_particle && lang != "ko") {
      out.status = t.error(row, "flags", "only a Korean character is word_with_particle");
      return out;
    }
    const std::vector<std::string_view> words = lexicon::split_values(t.cell(row, "words"));
    if (words.empty()) {
      out.status = t.error(row, "words", "expected one or more words");
      return out;
    }
    if (negative) {
      for (const std::string_view w : words) {
        if (static_cast<unsigned char>(w[0]) < 0x80) {
          out.status = t.error(row, "words", "'" + std::string(w) + "': expected a word that opens with a Han or Hangul character");
          return out;
        }
        out.negatives.emplace_back(w);
      }
      continue;
    }
    if (joiner) {
      for (const std::string_view w : words) out.joiners.push_back(Joiner{std::string(w), lang == "zh"});
      continue;
    }
    for (const std::string_view w : words) {
      std::u32string cps;
      for (size_t i = 0; i < w.size();) cps.push_back(text::next_code_point(w, i));
      if (native) {
        (kind->name == "native_tens" ? out.native_tens : out.native_units).push_back(Word{cps, value, attributive});
        continue;
      }
      const Cls cls{kind->kind, lang == "zh" ? Script::kChinese : Script::kKorean, static_cast<signed char>(value),
                    ambiguous, word_with_particle, counting};
      if (cps.size() != 1 || !out.chars.add(cps[0], cls)) {
        out.status = t.error(row, "words",
                             "'" + std::string(w) + "': expected one character of U+3000..U+D7FF, listed once");
        return out;
      }
    }
  }
  return out;
}

// korean_endings.tsv's rows into out.particles and out.copula_endings; the first error
// into out.status.
void read_korean_endings(std::string_view content, std::string_view name, NumeralWords& out) {
  auto table = lexicon::parse_tsv(content, std::string(name), {"kind", "surface"});
  if (!table.ok()) {
    out.status = table.status();
    return;
  }
  const lexicon::Table& t = table.value();
  for (const lexicon::Row& row : t.rows()) {
    const std::string_view kind = t.cell(row, "kind");
    if (kind != "particle" && kind != "copula") {
      out.status = t.error(row, "kind", "expected particle or copula");
      return;
    }
    const std::vector<std::string_view> words = lexicon::split_values(t.cell(row, "surface"));
    if (words.empty()) {
      out.status = t.error(row, "surface", "expected one or more words");
      return;
    }
    for (const std::string_view w : words) {
      size_t i = 0;
      const char32_t first = text::next_code_point(w, i);
      if (!text::is_hangul_syllable(first)) {
        std::string says = "'";  // (built up: GCC 12 warns falsely on "'" + std::string(w))
        says.append(w).append("': expected a word that opens with a Hangul syllable");
        out.status = t.error(row, "surface", says);
        return;
      }
      (kind == "particle" ? out.particles : out.copula_endings).add(first);
    }
  }
}

NumeralWords read_builtin_numeral_words() {
  const lexicon::Source* numerals = nullptr;
  const lexicon::Source* endings = nullptr;
  const std::vector<lexicon::Source> sources = lexicon::builtin_sources("numeral");
  for (const auto& src : sources) {
    if (src.name.ends_with("/numerals.tsv")) numerals = &src;
    if (src.name.ends_with("/korean_endings.tsv")) endings = &src;
  }
  NumeralWords words;
  if (!numerals || !endings) {
    words.status = Status(StatusCode::kInvalidData, std::string("numeral/") +
                                                        (numerals ? "korean_endings.tsv" : "numerals.tsv") +
                                                        " is not among the built-in lexicons");
    return words;
  }
  words = read_numeral_words(numerals->content, numerals->name);
  if (words.status.ok()) read_korean_endings(endings->content, endings->name, words);
  return words;
}

// Read at start-up, before main: classify runs on nearly every character a scanner
// looks at, where a table built at first use would cost a guard check each time.
// Nothing that runs before main reads numerals. A malformed file leaves the rows
// before its first error (the lexicon lint test reports it, through numerals_status).
const NumeralWords kNumeralWords = read_builtin_numeral_words();
const NumeralBits& kNumeralBits = kNumeralWords.chars;

[[gnu::always_inline]] inline Cls classify(char32_t c) { return kNumeralBits.has(c) ? kNumeralBits.get(c) : Cls{}; }

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

[[gnu::always_inline]] inline char32_t cp_at(std::string_view s, size_t i, size_t* next = nullptr) {
  if (i >= s.size()) {
    if (next) *next = i;
    return 0;
  }
  // ASCII and well-formed three-byte sequences (all of Hangul and Han) inline; the rest,
  // malformed bytes included, through the full decoder (same results).
  const auto* d = reinterpret_cast<const unsigned char*>(s.data()) + i;
  if (d[0] < 0x80) {
    if (next) *next = i + 1;
    return d[0];
  }
  if ((d[0] & 0xF0) == 0xE0 && i + 2 < s.size() && (d[1] & 0xC0) == 0x80 && (d[2] & 0xC0) == 0x80) {
    const char32_t c = text::decode3(d);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      if (next) *next = i + 3;
      return c;
    }
  }
  size_t j = i;
  char32_t c = text::next_code_point(s, j);
  if (next) *next = j;
  return c;
}

char32_t cp_before(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t j = i;
  return text::prev_code_point(s, j);
}

// Words are a few bytes long: a byte loop beats a call to memcmp.
inline bool starts_with_at(std::string_view s, size_t i, std::string_view w) {
  if (i > s.size() || w.size() > s.size() - i) return false;
  for (size_t k = 0; k < w.size(); ++k)
    if (s[i + k] != w[k]) return false;
  return true;
}

size_t skip_spaces(std::string_view s, size_t i, int max) {
  int n = 0;
  while (i < s.size() && s[i] == ' ' && n < max) ++i, ++n;
  return i;
}

// Korean particles that may follow a one-syllable numeral (삼은, 영이다, 삼과), from
// lexicons/numeral/korean_endings.tsv.
bool is_particle(char32_t c) { return kNumeralWords.particles.has(c); }

// Counters that follow numerals: Korean ones after native numerals (세 개, 한 명, 쉰두
// 살), Chinese measure words after any (1个月, 3倍). The first characters of
// lexicons/numeral/counters.tsv, one set per language, loaded once; a malformed file
// gives empty sets here (the lexicon lint test reports it).
class CounterSet {
 public:
  CounterSet() {
    for (const auto& src : lexicon::builtin_sources("numeral")) {
      if (!src.name.ends_with("/counters.tsv")) continue;
      auto table = lexicon::parse_tsv(src.content, src.name, {"lang", "surface"});
      if (!table.ok()) continue;
      for (const auto& row : table.value().rows()) {
        const bool korean = table.value().cell(row, "lang") == "ko";
        for (auto w : lexicon::split_values(table.value().cell(row, "surface"))) {
          const std::string f = text::fold(w);
          if (f.empty()) continue;
          size_t j = 0;
          const char32_t c = text::next_code_point(f, j);
          if (korean && text::is_hangul_syllable(c)) korean_[(c - 0xAC00) >> 6] |= 1ULL << ((c - 0xAC00) & 63);
          if (!korean && c < 0x10000) chinese_[c >> 6] |= 1ULL << (c & 63);
        }
      }
    }
  }
  bool korean(char32_t c) const {
    return text::is_hangul_syllable(c) && ((korean_[(c - 0xAC00) >> 6] >> ((c - 0xAC00) & 63)) & 1);
  }
  bool chinese(char32_t c) const { return c < 0x10000 && ((chinese_[c >> 6] >> (c & 63)) & 1); }

 private:
  std::array<unsigned long long, (0xD7A4 - 0xAC00 + 63) / 64> korean_{};
  std::array<unsigned long long, 0x10000 / 64> chinese_{};
};

const CounterSet& counters() {
  static const CounterSet kCounters;
  return kCounters;
}

bool is_counter(char32_t c) { return counters().korean(c); }

// ---- Arabic numbers ----

struct Arabic {
  bool ok = false;
  Decimal value;
  size_t end = 0;
  bool point = false;
  bool integer_digits_only = false;  // no grouping, no point (can start a/b)
};

Decimal pow_decimal(Decimal base, int exp, bool& ok) {
  Decimal r = Decimal::of(1);
  const bool negative = exp < 0;
  for (int i = 0; i < (negative ? -exp : exp) && ok; ++i) r = mul(r, base, ok);
  if (negative && ok) r = div(Decimal::of(1), r, ok);
  return r;
}

// Reads digits with ',' groups, '.' decimals, space groups of three, and optional
// exponent / metric suffix, starting at i (a digit or a '.' before a digit).
Arabic read_arabic(std::string_view s, size_t i, const ParseOptions& o) {
  Arabic a;
  // Most numbers are a few digits followed by a character that is no part of any
  // number form below (600억, 2025년): read those in one loop, with the result the
  // general reading gives. Separators, a point, spaces and suffix letters go on.
  {
    size_t p = i;
    unsigned long long v = 0;
    int n = 0;
    while (p < s.size() && n < 18 && is_ascii_digit(s[p])) v = v * 10 + static_cast<unsigned>(s[p] - '0'), ++p, ++n;
    if (n > 0) {
      const char c = p < s.size() ? s[p] : '\0';
      const bool plain_end = p >= s.size() ||
                             (!is_ascii_digit(c) && c != ',' && c != '.' && c != ' ' &&
                              !(o.exponents && (c == 'e' || c == '^')) &&
                              !(o.metric_suffix && (c == 'k' || c == 'm' || c == 'g')));
      if (plain_end) {
        a.ok = true;
        a.value = Decimal{static_cast<Int128>(v), 0};
        a.end = p;
        a.integer_digits_only = true;
        return a;
      }
    }
  }
  const size_t start = i;
  Int128 m = 0;
  int scale = 0, int_digits = 0;
  bool grouped = false;
  // Fractional digits past 36 significant digits are read but dropped (truncated), so
  // the 128-bit mantissa never overflows: 30 integer digits and 20 decimals would need
  // 50 (found by fuzzing). Integer digits are bounded by the callers instead.
  constexpr Int128 kPrecisionLimit = Int128(1000000000000000000LL) * Int128(100000000000000000LL);  // 10^35
  auto take_digits = [&](size_t& p, int limit, bool frac) {
    int n = 0;
    if (!frac) {
      // Up to 18 digits in 64 bits, then m = m x 10^k + v: the value the digit-by-digit
      // 128-bit loop below gives.
      constexpr unsigned long long kPow[19] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
                                               10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
                                               100000000000ULL, 1000000000000ULL, 10000000000000ULL,
                                               100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
                                               100000000000000000ULL, 1000000000000000000ULL};
      unsigned long long v = 0;
      while (p < s.size() && is_ascii_digit(s[p]) && n < limit && n < 18) v = v * 10 + (s[p] - '0'), ++p, ++n;
      m = m * static_cast<Int128>(kPow[n]) + static_cast<Int128>(v);
    }
    while (p < s.size() && is_ascii_digit(s[p]) && n < limit) {
      if (!frac || m < kPrecisionLimit) {
        m = m * 10 + (s[p] - '0');
        if (frac) ++scale;
      }
      ++p, ++n;
    }
    return n;
  };
  if (is_ascii_digit(s[i])) {
    int_digits = take_digits(i, 30, false);
    if (i < s.size() && is_ascii_digit(s[i])) return a;  // absurdly long
    // 1,234,567: a comma followed by exactly three digits.
    while (int_digits <= 3 || grouped) {
      if (i + 3 < s.size() + 0 && s[i] == ',' && i + 4 <= s.size() && is_ascii_digit(s[i + 1]) &&
          is_ascii_digit(s[i + 2]) && is_ascii_digit(s[i + 3]) && (i + 4 == s.size() || !is_ascii_digit(s[i + 4]))) {
        size_t p = i + 1;
        take_digits(p, 3, false);
        i = p;
        grouped = true;
        if (m > Int128(1) << 100) return a;
      } else {
        break;
      }
    }
    // 1 234 567: a single space followed by exactly three digits (not after commas).
    if (!grouped && o.space_groups && int_digits <= 3) {
      while (i + 4 <= s.size() && s[i] == ' ' && is_ascii_digit(s[i + 1]) && is_ascii_digit(s[i + 2]) &&
             is_ascii_digit(s[i + 3]) && (i + 4 == s.size() || !is_ascii_digit(s[i + 4]))) {
        size_t p = i + 1;
        take_digits(p, 3, false);
        i = p;
        grouped = true;
        if (m > Int128(1) << 100) return a;
      }
    }
  }
  // Decimals, but not in 192.168.1.2 or 2025.11.01 (a second '.' digit group), and not
  // for the second group of such a run (the caller started after "2025.").
  const bool after_dotted = start >= 2 && s[start - 1] == '.' && is_ascii_digit(s[start - 2]);
  if (i + 1 < s.size() && s[i] == '.' && is_ascii_digit(s[i + 1]) && !after_dotted) {
    size_t p = i + 1;
    Int128 saved_m = m;
    int saved_scale = scale;
    take_digits(p, 20, true);
    if (p + 1 < s.size() && s[p] == '.' && is_ascii_digit(s[p + 1])) {
      m = saved_m;  // dotted run: keep the integer only
      scale = saved_scale;
    } else {
      i = p;
      a.point = true;
    }
  }
  if (i == start || (s[start] == '.' && !a.point)) return a;
  a.value = Decimal{m, scale};
  bool ok = true;
  // 1e10, 12.32e+14, 2.789e-1
  if (o.exponents && i + 1 < s.size() && s[i] == 'e') {
    size_t p = i + 1;
    int sign = 1;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) sign = s[p++] == '-' ? -1 : 1;
    if (p < s.size() && is_ascii_digit(s[p])) {
      int e = 0, n = 0;
      while (p < s.size() && is_ascii_digit(s[p]) && n < 3) e = e * 10 + (s[p++] - '0'), ++n;
      if (!(p < s.size() && is_ascii_alnum(s[p]))) {
        Decimal v = mul_pow10(a.value, sign * e, ok);
        if (ok) a.value = v, i = p;
        ok = true;
      }
    }
  }
  // 2^5, 2.5^-1, 1.1^+23, 1.1^--23 (the signs multiply)
  if (o.exponents && i + 1 < s.size() && s[i] == '^') {
    size_t p = i + 1;
    int sign = 1;
    while (p < s.size() && (s[p] == '+' || s[p] == '-')) sign *= s[p++] == '-' ? -1 : 1;
    if (p < s.size() && is_ascii_digit(s[p])) {
      int e = 0, n = 0;
      while (p < s.size() && is_ascii_digit(s[p]) && n < 3) e = e * 10 + (s[p++] - '0'), ++n;
      Decimal v = pow_decimal(a.value, sign * e, ok);
      if (ok && e <= 60) {
        // Round long expansions (1.1^23) to 20 decimals like every division.
        a.value = div(v, Decimal::of(1), ok);
        i = p;
      }
      ok = true;
    }
  }
  // 40k, 1.2m, .0012g: only as a whole word (5g网络, 3m公司 stay names elsewhere).
  if (o.metric_suffix && i < s.size() && (s[i] == 'k' || s[i] == 'm' || s[i] == 'g') &&
      !(i + 1 < s.size() && is_ascii_alnum(s[i + 1]))) {
    int e = s[i] == 'k' ? 3 : s[i] == 'm' ? 6 : 9;
    Decimal v = mul_pow10(a.value, e, ok);
    if (ok) a.value = v, ++i;
  }
  a.ok = true;
  a.end = i;
  a.integer_digits_only = !grouped && !a.point && i - start == static_cast<size_t>(int_digits);
  return a;
}

// ---- Native Korean numerals ----

// Matches `w` at byte i; returns the end or npos.
size_t match_word(std::string_view s, size_t i, std::u32string_view w) {
  for (char32_t c : w) {
    if (i >= s.size()) return std::string_view::npos;
    size_t j = i;
    if (text::next_code_point(s, j) != c) return std::string_view::npos;
    i = j;
  }
  return i;
}

struct NativeMatch {
  size_t end = 0;
  int value = 0;
  bool attributive = false;
  int syllables = 0;
};

NativeMatch match_native(std::string_view s, size_t i) {
  NativeMatch best;
  auto units_at = [&](size_t p, int base, bool& attributive, int& syl) -> std::pair<size_t, int> {
    size_t best_end = std::string_view::npos;
    int v = 0;
    for (const Word& u : kNumeralWords.native_units) {
      size_t e = match_word(s, p, u.w);
      if (e != std::string_view::npos && (best_end == std::string_view::npos || e > best_end)) {
        best_end = e, v = u.value, attributive = u.attributive, syl = static_cast<int>(u.w.size());
      }
    }
    return {best_end, base + v};
  };
  for (const Word& t : kNumeralWords.native_tens) {
    size_t e = match_word(s, i, t.w);
    if (e == std::string_view::npos) continue;
    NativeMatch m{e, t.value, t.attributive, static_cast<int>(t.w.size())};
    bool attr = false;
    int syl = 0;
    auto [ue, v] = units_at(e, t.value, attr, syl);
    if (!t.attributive && ue != std::string_view::npos) m = {ue, v, attr, m.syllables + syl};
    if (m.end > best.end) best = m;
  }
  if (best.end == 0) {
    bool attr = false;
    int syl = 0;
    auto [ue, v] = units_at(i, 0, attr, syl);
    if (ue != std::string_view::npos) best = {ue, v, attr, syl};
  }
  return best;
}

// ---- Sino-Korean and Chinese numerals ----

enum TokKind : unsigned char { tNum, tZero, tSmall, tBig, tTens, tVague, tFrac };
struct Tok {
  TokKind k;
  int exp = 0;           // tSmall/tBig exponent, tTens multiplier
  bool zh_digit = false;  // a single spelled Chinese digit (for 两千四百五 = 2450)
  Decimal v;
  // tVague: the digits it stands for, lowest and highest, and its digit in Numeral::base
  // (几: 1 to 9, base 0; 两三 in 两三千万: 2 to 3, base 2).
  signed char lo = 1, hi = 9, base = 0;
};
constexpr int kMaxToks = 32;

struct Lexed {
  // Tokens are constructed as they are pushed: zeroing 32 of them (1 KB) for every
  // parse was a measurable share of the money scan. Only toks[0..n) are alive.
  union {
    Tok toks[kMaxToks];
  };
  Lexed() {}
  Lexed(const Lexed&) = delete;
  Lexed& operator=(const Lexed&) = delete;
  int n = 0;
  size_t end = 0;
  bool approx = false, vague = false, has_scale = false, point = false, any_spelled = false;
  bool only_korean_syllables = true;  // every numeral character was Hangul
  int hangul_syllables = 0;
  int scale_exp = 0;
  Script script = Script::kArabic;
};

// Which digit evaluate() reads a vague one as (Tok::lo, hi, base).
enum class VagueAs { kLow, kHigh, kBase };

// Evaluates tokens with vague digits read as `as` says.
Decimal evaluate(const Lexed& lx, VagueAs as, bool& ok) {
  Decimal total, section, cur, frac, last_group;
  bool has_cur = false, cur_zh_digit = false, zero = false, prev_big = false, has_frac = false;
  int last_unit = -1, max_big = -1;
  auto close_cur = [&](bool before_scale) {
    if (!has_cur) return Decimal{};
    Decimal c = cur;
    // Chinese elides the last unit: 两千四百五 = 2450, 一万三 = 13000, 百二万 = 1200000
    // (but in 六十二亿四万 the 四 before 万 is just 4).
    if (cur_zh_digit && !zero && last_unit >= 2 && !(before_scale && last_unit >= 4))
      c = mul_pow10(c, last_unit - 1, ok);
    return c;
  };
  for (int t = 0; t < lx.n && ok; ++t) {
    const Tok& k = lx.toks[t];
    switch (k.k) {
      case tNum:
        cur = k.v, has_cur = true, cur_zh_digit = k.zh_digit;
        prev_big = false;
        break;
      case tVague:
        cur = Decimal::of(as == VagueAs::kLow ? k.lo : as == VagueAs::kHigh ? k.hi : k.base), has_cur = true,
        cur_zh_digit = false;
        prev_big = false;
        break;
      case tZero:
        zero = true;
        break;
      case tFrac:
        // 十点五 after a plain number merges into it (so 一点五亿 = 1.5亿); after units it
        // is added at the end (两千万点五五 = 20000000.55).
        if (has_cur && section.is_zero() && total.is_zero() && last_unit < 0) cur = add(cur, k.v, ok);
        else frac = k.v, has_frac = true;
        break;
      case tSmall: {
        Decimal m = has_cur ? cur : Decimal::of(1);
        section = add(section, mul_pow10(m, k.exp, ok), ok);
        has_cur = false, zero = false, last_unit = k.exp, prev_big = false;
        break;
      }
      case tTens:
        section = add(section, Decimal::of(10 * k.exp), ok);
        has_cur = false, zero = false, last_unit = 1, prev_big = false;
        break;
      case tBig: {
        if (prev_big && !has_cur && section.is_zero()) {
          // 万亿, 万万: multiply the group just scaled.
          total = sub(total, last_group, ok);
          last_group = mul_pow10(last_group, k.exp, ok);
          total = add(total, last_group, ok);
          max_big = std::max(max_big, k.exp);
        } else {
          Decimal g = add(section, close_cur(true), ok);
          if (g.is_zero() && !has_cur) g = Decimal::of(1);  // bare 만 = 10000
          if (k.exp > max_big) {
            // 一万五千亿: the whole amount so far is counted in 亿.
            total = mul_pow10(add(total, g, ok), k.exp, ok);
            last_group = total;
          } else {
            last_group = mul_pow10(g, k.exp, ok);
            total = add(total, last_group, ok);
          }
          max_big = std::max(max_big, k.exp);
        }
        section = {}, has_cur = false, zero = false, last_unit = k.exp, prev_big = true;
        break;
      }
    }
  }
  Decimal r = add(total, add(section, close_cur(false), ok), ok);
  if (has_frac) r = add(r, frac, ok);
  return r;
}

// Reads spelled or ASCII fraction digits after 点/점 (点五五四四, 점 영삼, 點77).
bool read_point_digits(std::string_view s, size_t& i, Decimal& out) {
  size_t p = i;
  Int128 m = 0;
  int scale = 0;
  while (p < s.size() && scale < 20) {
    if (is_ascii_digit(s[p])) {
      m = m * 10 + (s[p] - '0'), ++scale, ++p;
      continue;
    }
    size_t q;
    char32_t c = cp_at(s, p, &q);
    Cls k = classify(c);
    if (k.kind != kDigit || k.counting) break;  // 一点两小时: 两 is no decimal digit
    m = m * 10 + k.value, ++scale, p = q;
  }
  // 이백점 칠일이다: the final 이 is the copula.
  if (scale > 1 && p >= 3 && s.compare(p - 3, 3, "이") == 0 && text::is_hangul_syllable(cp_at(s, p))) {
    m /= 10, --scale, p -= 3;
  }
  if (scale == 0) return false;
  out = Decimal{m, scale};
  i = p;
  return true;
}

// Does the Hangul segment starting at i (after a space) look like a numeral word, not
// the start of an ordinary word (1억 이상: 이 is not 2)? One syllable must be followed
// by a non-Hangul character or a particle.
bool hangul_segment_ok(std::string_view s, size_t i) {
  int syllables = 0;
  size_t p = i;
  while (p < s.size()) {
    size_t q;
    char32_t c = cp_at(s, p, &q);
    if (is_ascii_digit(s[p])) { p = q; continue; }
    if (classify(c).kind == kNo) break;
    ++syllables;
    p = q;
  }
  if (syllables != 1) return true;
  char32_t next = cp_at(s, p);
  return !text::is_hangul_syllable(next) || is_particle(next);
}

// Whether the unit `k` (a small unit) read before `next` is the 百 of 百分之, 百分点:
// per cent, not a hundred.
bool opens_percent(const Cls& k, std::string_view s, size_t next) {
  return k.kind == kSmall && k.value == 2 && starts_with_at(s, next, "分");
}

// A final 이 before 다/며/고... is the copula, not 2: 삼백이다 = "is 300", 음수이다
// (the copula rows of lexicons/numeral/korean_endings.tsv).
bool copula_follows(std::string_view s, size_t i) { return kNumeralWords.copula_endings.has(cp_at(s, i)); }

void drop_copula(std::string_view s, size_t start, Lexed& lx) {
  if (lx.n == 0 || lx.end < start + 3) return;
  const Tok& last = lx.toks[lx.n - 1];
  if (last.k != tNum || last.zh_digit || !(last.v == Decimal::of(2))) return;
  if (s.compare(lx.end - 3, 3, "이") != 0 || !copula_follows(s, lx.end)) return;
  --lx.n;
  lx.end -= 3;
  if (lx.n == 0) lx.end = start;
}

// Lexes the longest Sino numeral at i. Returns false when nothing was read.
bool lex(std::string_view s, size_t i, const ParseOptions& o, Lexed& lx) {
  bool has_cur = false, section = false, prev_big = false, zero = false, point_done = false;
  int last_small = 99, max_big = -1;
  auto push = [&](Tok t) {
    if (lx.n >= kMaxToks) return false;
    std::construct_at(&lx.toks[lx.n++], t);
    return true;
  };
  auto note_script = [&](Script sc) {
    if (lx.script == Script::kArabic) lx.script = sc;
    lx.any_spelled = true;
  };
  size_t p = i;
  lx.end = i;
  while (p < s.size()) {
    size_t q = p;
    bool spaced = false;
    if (s[q] == ' ') {
      if (!o.space_groups || lx.n == 0) break;
      q = skip_spaces(s, q, 2);
      if (q < s.size() && s[q] == ' ') break;
      spaced = true;
    }
    if (q >= s.size()) break;
    const bool last_is_unit = lx.n > 0 && (lx.toks[lx.n - 1].k == tSmall || lx.toks[lx.n - 1].k == tBig ||
                                           lx.toks[lx.n - 1].k == tTens);
    // ASCII digits: a number, possibly after units (4천3백21, 1만 2천 345).
    if (is_ascii_digit(s[q]) || (s[q] == '.' && q + 1 < s.size() && is_ascii_digit(s[q + 1]) && lx.n == 0)) {
      if (has_cur || (spaced && !last_is_unit) || point_done) break;
      if (lx.n > 0 && s[q] == '.') break;
      ParseOptions inner = o;
      if (lx.n > 0) inner.space_groups = false, inner.metric_suffix = false;
      Arabic a = read_arabic(s, q, inner);
      if (!a.ok) break;
      if (!push(Tok{tNum, 0, false, a.value})) break;
      has_cur = true;
      lx.point = lx.point || a.point;
      p = lx.end = a.end;
      continue;
    }
    size_t next;
    char32_t c = cp_at(s, q, &next);
    Cls k = classify(c);
    if (k.kind == kNo) break;
    if (spaced && k.script == Script::kKorean && !hangul_segment_ok(s, q)) break;
    if (k.script == Script::kChinese && k.kind != kApprox && k.kind != kPoint) {
      lx.only_korean_syllables = false;
    }
    switch (k.kind) {
      case kDigit: {
        // 两三千万, 五六十亿, 十五六亿: two Chinese digits in a row, the second one more
        // than the first (一两: 1 or 2), before a unit or a scale, are a guess between
        // them: one vague digit from the first to the second.
        if (has_cur && !point_done && !spaced && o.vague && k.script == Script::kChinese && lx.n > 0) {
          Tok& last = lx.toks[lx.n - 1];
          size_t after;
          const Kind unit = classify(cp_at(s, next, &after)).kind;
          if (last.k == tNum && last.zh_digit && last.v.scale == 0 && last.v.mantissa >= 1 &&
              last.v.mantissa + 1 == k.value && (unit == kSmall || unit == kBig)) {
            const auto lo = static_cast<signed char>(last.v.mantissa);
            last = Tok{tVague};
            last.lo = last.base = lo, last.hi = static_cast<signed char>(k.value);
            lx.vague = true, lx.approx = true;
            break;
          }
        }
        if (has_cur || point_done) return lx.n > 0;
        size_t nn0;
        const Kind follow = classify(cp_at(s, next, &nn0)).kind;
        if (k.value == 0 && (lx.n > 0 || (k.script == Script::kChinese && follow == kSmall))) {
          // 一千零五十: 零 marks a skipped unit.
          if (!push(Tok{tZero})) return lx.n > 0;
          zero = true;
        } else {
          if (!push(Tok{tNum, 0, k.script == Script::kChinese, Decimal::of(k.value)})) return lx.n > 0;
          has_cur = true;
        }
        break;
      }
      case kSmall: {
        if (k.value >= last_small) return lx.n > 0;
        if (lx.n == 0 && opens_percent(k, s, next)) return false;
        if (!push(Tok{tSmall, k.value})) return lx.n > 0;
        has_cur = false, section = true, zero = false, prev_big = false, last_small = k.value;
        break;
      }
      case kTens: {
        if (has_cur || last_small <= 1) return lx.n > 0;
        if (!push(Tok{tTens, k.value})) return lx.n > 0;
        section = true, last_small = 1, prev_big = false;
        break;
      }
      case kBig: {
        if (lx.n == 0) {
          // A bare scale is a numeral in Korean (만 원 = 10000) and in Chinese only
          // before a digit (萬九 = 19000) or a larger scale (万亿 = 10^12, 逾万亿元): 万
          // and 亿 alone are unit words (单位：亿元).
          if (k.script == Script::kKorean) {
            if (k.value != 4) return false;
          } else {
            size_t nn;
            const Cls d = classify(cp_at(s, next, &nn));
            if (d.kind != kDigit && !(d.kind == kBig && d.value > k.value)) return false;
          }
        } else if (prev_big && !has_cur && !section) {
          if (k.script != Script::kChinese) return true;  // 万亿, 万万 only
        } else if (!has_cur && !section && !prev_big) {
          return lx.n > 0 && lx.end > i;  // 零万
        } else if (k.value == max_big) {
          return true;  // 3만 5만: two numerals
        }
        if (!push(Tok{tBig, k.value})) return lx.n > 0;
        max_big = std::max<int>(max_big, k.value);
        has_cur = false, section = false, zero = false, prev_big = true, last_small = 99;
        lx.has_scale = true;
        lx.scale_exp = k.value;
        break;
      }
      case kVague: {
        if (!o.vague || has_cur) return lx.n > 0;
        // 数/수/몇 only before a unit (数百, 수십억); 几 also after one (十几).
        size_t nn;
        Cls after = classify(cp_at(s, next, &nn));
        const bool unit_follows = after.kind == kSmall || after.kind == kBig;
        if (c != U'几' && !unit_follows) return lx.n > 0;
        if (c == U'几' && !unit_follows && lx.n == 0) return false;
        if (!push(Tok{tVague})) return lx.n > 0;
        has_cur = true, lx.vague = true, lx.approx = true;
        break;
      }
      case kApprox: {
        // 十多万, 500余万, 10여만: "more than", only before a scale or 千/百 (一千多万).
        if (!o.vague || lx.n == 0 || (has_cur && !lx.toks[lx.n - 1].zh_digit && lx.toks[lx.n - 1].k != tNum)) return true;
        size_t a = skip_spaces(s, next, 1);
        Cls after = classify(cp_at(s, a));
        if (after.kind != kBig) return true;
        lx.approx = true;
        p = a;
        continue;  // the scale is read next; lx.end moves with it
      }
      case kPoint: {
        // 三点五, 이백점 영삼: only after a spelled integer (8点 is a time of day).
        if (!o.spelled_decimal || point_done || !lx.any_spelled || lx.point) return true;
        if (spaced && k.script == Script::kKorean) return true;  // 마이너스 오 점 오
        size_t a = skip_spaces(s, next, k.script == Script::kKorean ? 1 : 2);
        Decimal f;
        if (!read_point_digits(s, a, f)) return true;
        if (!push(Tok{tFrac, 0, false, f})) return true;
        point_done = true, lx.point = true, has_cur = true;
        note_script(k.script);
        p = lx.end = a;
        continue;
      }
      default: return lx.n > 0;
    }
    note_script(k.script);
    if (k.script == Script::kKorean) ++lx.hangul_syllables;
    p = lx.end = next;
    (void)zero;
  }
  drop_copula(s, i, lx);
  return lx.n > 0;
}

// 二〇二五, 一九九一: Chinese digits read one by one (years, codes).
bool digit_string(std::string_view s, size_t i, Numeral& out) {
  size_t p = i;
  int n = 0;
  bool has_zero = false;
  Int128 m = 0;
  while (p < s.size() && n < 30) {
    size_t q;
    Cls k = classify(cp_at(s, p, &q));
    if (k.kind != kDigit || k.script != Script::kChinese) break;
    has_zero = has_zero || k.value == 0;
    m = m * 10 + k.value, ++n, p = q;
  }
  if (n < 2 || (n < 3 && !has_zero)) return false;
  Cls after = classify(cp_at(s, p));
  if (after.kind == kSmall || after.kind == kBig || after.kind == kPoint) return false;
  out.start = i, out.end = p;
  out.low = out.high = out.base = Decimal{m, 0};
  out.script = Script::kChinese;
  return true;
}

// 一半 / 1半 (a half), 半个 (half a), 半百 (half a hundred = 50).
bool half(std::string_view s, size_t i, Numeral& out) {
  size_t p = i;
  if (starts_with_at(s, p, "一")) p += 3;
  else if (p < s.size() && s[p] == '1') p += 1;
  if (!starts_with_at(s, p, "半")) return false;
  size_t e = p + 3;
  Decimal v{5, 1};
  const bool counted = p != i;
  const Cls after = classify(cp_at(s, e));
  if (!counted && after.kind == kSmall) {
    bool ok = true;
    v = mul_pow10(v, after.value, ok);
    e += 3;
  } else if (!counted && !starts_with_at(s, e, "个")) {
    return false;
  }
  out.start = i, out.end = e;
  out.low = out.high = out.base = v;
  out.script = Script::kChinese;
  return true;
}

// The commonest numerals by far are Arabic numbers, alone or joined to big scales
// (600억, 1.5万, 3,000, 96조782억, 1억7735만, 1.5万亿): read here without lex() and
// evaluate(), taking the tokens lex() would take and doing evaluate()'s arithmetic on
// them in the same order, so the result is the one they give. Anything else (a space
// before more numeral characters, 천, 여, 点, a repeated scale ...) goes the long way.
enum class Fast { kNotHandled, kFound, kNone };

// A plain number found by a fast path: [start, end) with that value, a scale of 10^exp
// when exp >= 0 (the last scale word read), as evaluate() would have filled it.
Fast fast_found(Numeral& best, size_t start, size_t end, const Decimal& value, int exp, bool point, Script script) {
  best.start = start, best.end = end;
  best.low = best.high = best.base = value;
  best.approx = false;
  best.has_scale = exp >= 0;
  best.scale_exp = exp >= 0 ? exp : 0;
  best.has_decimal_point = point;
  best.script = script;
  best.fraction = false, best.native = false;
  return Fast::kFound;
}

Fast parse_arabic_fast(std::string_view s, size_t i, const ParseOptions& o, Numeral& best) {
  if (!is_ascii_digit(s[i])) return Fast::kNotHandled;
  const Arabic a = read_arabic(s, i, o);
  if (!a.ok) return Fast::kNotHandled;
  // Would lex() stop at q, after a number or after a scale? At the end, at a character
  // that is no numeral character, and after one or two spaces at the end or at such a
  // character; a digit after the spaces goes on only after a scale (2억 4천, 1조 2000억),
  // a digit right after a scale always does (1만5000).
  auto stops_at = [&](size_t q, bool after_scale) {
    if (q >= s.size()) return true;
    if (s[q] == ' ') {
      if (!o.space_groups) return true;
      q = skip_spaces(s, q, 2);
      if (q >= s.size() || s[q] == ' ') return true;
      if (is_ascii_digit(s[q])) return !after_scale;
    } else if (is_ascii_digit(s[q])) {
      return false;
    }
    return classify(cp_at(s, q)).kind == kNo;
  };
  // evaluate()'s state for the tokens read so far: number (big scale number)* big scale?
  bool ok = true;
  Decimal total, last_group, cur = a.value;
  bool has_cur = true, point = a.point;
  int max_big = -1, exp = -1;
  Script script = Script::kArabic;
  size_t end = a.end;
  while (!stops_at(end, !has_cur)) {
    if (s[end] == ' ') return Fast::kNotHandled;
    if (is_ascii_digit(s[end])) {
      if (has_cur) return Fast::kNotHandled;  // past 20 decimals
      // A number right after a scale (1만5000), read as lex() reads it.
      ParseOptions inner = o;
      inner.space_groups = false, inner.metric_suffix = false;
      const Arabic b = read_arabic(s, end, inner);
      if (!b.ok) return Fast::kNotHandled;
      cur = b.value, has_cur = true, point = point || b.point;
      end = b.end;
      continue;
    }
    size_t q;
    const Cls k = classify(cp_at(s, end, &q));
    if (k.kind != kBig) return Fast::kNotHandled;
    if (has_cur) {
      if (k.value == max_big) break;  // 3만5만: two numerals
      const Decimal g = add(Decimal{}, cur, ok);
      if (k.value > max_big) {
        total = mul_pow10(add(total, g, ok), k.value, ok);  // 一万五千亿: all so far in 亿
        last_group = total;
      } else {
        last_group = mul_pow10(g, k.value, ok);
        total = add(total, last_group, ok);
      }
    } else {
      // A scale right after a scale: 万亿, 万万 multiply the group just scaled; in
      // Korean the numeral ends before it.
      if (k.script != Script::kChinese) break;
      total = sub(total, last_group, ok);
      last_group = mul_pow10(last_group, k.value, ok);
      total = add(total, last_group, ok);
    }
    max_big = std::max<int>(max_big, k.value);
    has_cur = false;
    exp = k.value;
    if (script == Script::kArabic) script = k.script;
    end = q;
  }
  const Decimal value = add(total, add(Decimal{}, has_cur ? cur : Decimal{}, ok), ok);
  if (!ok) return Fast::kNone;
  return fast_found(best, i, end, value, exp, point, script);
}

// The commonest numeral of all: a number of up to 18 digits (1,234 and 1.5 included),
// alone or with one big scale right after it, then a character that ends the numeral
// (600억 위안, 1.5조 원, 587亿元, 2025년, 100달러). parse_arabic_fast() gives the same
// answer (it is asked whenever this is not sure); this looks at the bytes around the
// digits directly and keeps the number in 64 bits, a few times cheaper.
Fast parse_digits_lean(std::string_view s, size_t i, const ParseOptions& o, Numeral& best) {
  const auto* d = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  auto digit = [&](size_t q) { return q < n && is_ascii_digit(s[q]); };
  // The number as read_arabic() reads it, in 64 bits (up to 18 digits): digits, comma
  // groups of three after one to three digits (1,234,567), decimals (1.5, not in a
  // dotted run such as 2025.11.01).
  size_t p = i;
  unsigned long long v = 0;
  int digits = 0, scale = 0;
  bool point = false;
  while (p < n && digits < 18 && is_ascii_digit(s[p])) v = v * 10 + static_cast<unsigned>(d[p] - '0'), ++p, ++digits;
  if (digits <= 3) {
    while (p + 4 <= n && s[p] == ',' && digit(p + 1) && digit(p + 2) && digit(p + 3) && !digit(p + 4)) {
      if (digits + 3 > 18) return Fast::kNotHandled;
      v = v * 1000 + static_cast<unsigned>((d[p + 1] - '0') * 100 + (d[p + 2] - '0') * 10 + (d[p + 3] - '0'));
      digits += 3, p += 4;
    }
  }
  if (p < n && s[p] == '.' && digit(p + 1)) {
    if (i >= 2 && s[i - 1] == '.' && is_ascii_digit(s[i - 2])) return Fast::kNotHandled;  // after "2025."
    for (++p; digit(p); ++p, ++digits, ++scale) {
      if (digits >= 18) return Fast::kNotHandled;
      v = v * 10 + static_cast<unsigned>(d[p] - '0');
    }
    if (p < n && s[p] == '.' && digit(p + 1)) return Fast::kNotHandled;  // a dotted run
    point = true;
    // evaluate() adds the number to zero: the sum comes back without trailing zeros.
    while (scale > 0 && v % 10 == 0) v /= 10, --scale;
    if (v == 0) scale = 0;
  }
  // The class of the well-formed three-byte character at q, else nullopt (anything else
  // the general reading decides).
  auto class3 = [&](size_t q) -> std::optional<Cls> {
    if ((d[q] & 0xF0) != 0xE0 || q + 2 >= n || (d[q + 1] & 0xC0) != 0x80 || (d[q + 2] & 0xC0) != 0x80) return std::nullopt;
    const char32_t c = text::decode3(d + q);
    if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
    return classify(c);
  };
  Decimal value{static_cast<Int128>(v), scale};
  int exp = -1;
  Script script = Script::kArabic;
  if (p < n) {
    const unsigned char c = d[p];
    // Digits, separators, a point, a space or a suffix letter may go on (read_arabic()).
    if (is_ascii_digit(static_cast<char>(c)) || c == ',' || c == '.' || c == ' ' ||
        (o.exponents && (c == 'e' || c == '^')) || (o.metric_suffix && (c == 'k' || c == 'm' || c == 'g')))
      return Fast::kNotHandled;
    if (c >= 0x80) {
      const std::optional<Cls> k = class3(p);
      if (!k || (k->kind != kNo && k->kind != kBig)) return Fast::kNotHandled;
      if (k->kind == kBig) {
        // evaluate() of [number, scale] (see parse_arabic_fast()): mul_pow10() of the
        // number, whose scale (decimals) is spent first, then zeros appended; exact in
        // 128 bits for numbers below 10^18 and scales up to 10^16.
        static constexpr long long kScale[17] = {1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL,
                                                 10000000LL, 100000000LL, 1000000000LL, 10000000000LL,
                                                 100000000000LL, 1000000000000LL, 10000000000000LL,
                                                 100000000000000LL, 1000000000000000LL, 10000000000000000LL};
        auto scale_by = [&](int e) {
          if (e >= value.scale) value = Decimal{value.mantissa * static_cast<Int128>(kScale[e - value.scale]), 0};
          else value = Decimal{value.mantissa, value.scale - e};
        };
        if (k->value < 0 || k->value > 16) return Fast::kNotHandled;
        scale_by(k->value);
        exp = k->value;
        script = k->script;
        p += 3;
        // A character after the scale: no numeral character (the numeral ends), or a
        // big scale: a Chinese one (万亿) multiplies the group, before a Korean one the
        // numeral ends.
        bool ended = false;
        if (p < n && d[p] >= 0x80) {
          const std::optional<Cls> k2 = class3(p);
          if (!k2 || (k2->kind != kNo && k2->kind != kBig)) return Fast::kNotHandled;
          if (k2->kind == kNo || k2->script != Script::kChinese) {
            ended = true;
          } else {
            if (k2->value < 0 || k2->value > 16 || value.mantissa >= static_cast<Int128>(1000000000000000000LL))
              return Fast::kNotHandled;
            scale_by(k2->value);
            exp = k2->value;
            p += 3;
          }
        }
        // Does the numeral stop here (stops_at() of parse_arabic_fast())?
        size_t q = p;
        if (!ended && q < n && d[q] == ' ') {
          if (o.space_groups) {
            q = skip_spaces(s, q, 2);
            if (q < n && d[q] != ' ') {
              if (is_ascii_digit(s[q])) return Fast::kNotHandled;  // 2억 4천
              if (d[q] >= 0x80) {
                const std::optional<Cls> after = class3(q);
                if (!after || after->kind != kNo) return Fast::kNotHandled;
              }
            }
          }
        } else if (!ended && q < n) {
          if (is_ascii_digit(s[q])) return Fast::kNotHandled;  // 96조782억
          if (d[q] >= 0x80) {
            const std::optional<Cls> after = class3(q);
            if (!after || after->kind != kNo) return Fast::kNotHandled;
          }
        }
      }
    }
  }
  // evaluate() of [number] is the number itself (whole, below 10^18).
  return fast_found(best, i, p, value, exp, point, script);
}

// Reads the plain numeral at i into `best`, a default Numeral; false when there is none.
// The result is built in place: a Numeral holds three 128-bit decimals, and copying it
// between temporaries was a fifth of a money parse.
bool read_plain(std::string_view s, size_t i, const ParseOptions& o, Numeral& best) {
  bool found = false;
  if (o.vague && half(s, i, best)) return true;
  // At an ASCII digit there is no Chinese digit string (digit_string() is false).
  Fast fast = is_ascii_digit(s[i]) ? parse_digits_lean(s, i, o, best) : Fast::kNotHandled;
  if (fast == Fast::kNotHandled && digit_string(s, i, best)) found = true;
  Lexed lx;
  if (fast == Fast::kNotHandled && !found) fast = parse_arabic_fast(s, i, o, best);
  if (fast == Fast::kFound) {
    found = true;
  } else if (fast == Fast::kNone) {
    // lex() read a number that evaluate() could not hold: nothing from them.
  } else if (lex(s, i, o, lx) && lx.end > i && (!found || lx.end > best.end)) {
    bool ok = true;
    const Decimal low = evaluate(lx, VagueAs::kLow, ok);
    const Decimal high = lx.vague ? evaluate(lx, VagueAs::kHigh, ok) : low;
    const Decimal base = lx.vague ? evaluate(lx, VagueAs::kBase, ok) : low;
    if (ok) {
      best.start = i, best.end = lx.end;
      best.low = low, best.high = high, best.base = base;
      best.approx = lx.approx;
      best.has_scale = lx.has_scale;
      best.scale_exp = lx.scale_exp;
      best.has_decimal_point = lx.point;
      best.script = lx.script;
      best.fraction = false, best.native = false;
      found = true;
    }
  }
  if (o.native_korean) {
    NativeMatch m = match_native(s, i);
    if (m.end > (found ? best.end : i)) {
      best = Numeral{};
      best.start = i, best.end = m.end;
      best.low = best.high = best.base = Decimal::of(m.value);
      best.native = true;
      best.script = Script::kKorean;
      found = true;
    }
  }
  return found;
}

std::optional<Numeral> parse_plain(std::string_view s, size_t i, const ParseOptions& o) {
  std::optional<Numeral> out(std::in_place);
  if (!read_plain(s, i, o, *out)) out.reset();
  return out;
}

// 3분의 1 (1/3), 三分之一, 3/4 after a numeral `a` ending at a.end.
bool read_fraction_tail(std::string_view s, const Numeral& a, const ParseOptions& o, Numeral& out) {
  ParseOptions inner = o;
  inner.fractions = false;
  inner.metric_suffix = false;
  size_t p = a.end;
  size_t q = skip_spaces(s, p, 2);
  std::optional<Numeral> b;
  if (starts_with_at(s, q, "분의")) {
    b = parse_numeral_at(s, skip_spaces(s, q + 6, 1), inner);
  } else if (starts_with_at(s, q, "分")) {
    size_t r = skip_spaces(s, q + 3, 2);
    if (starts_with_at(s, r, "之")) b = parse_numeral_at(s, skip_spaces(s, r + 3, 2), inner);
  } else if (p < s.size() && s[p] == '/' && a.script == Script::kArabic && !a.has_decimal_point &&
             p + 1 < s.size() && is_ascii_digit(s[p + 1]) && (a.start == 0 || s[a.start - 1] != '/')) {
    inner.space_groups = false;
    inner.exponents = false;
    b = parse_numeral_at(s, p + 1, inner);
    // 5/17/2018 is a date, not a fraction.
    if (b && b->end < s.size() && s[b->end] == '/') return false;
    // 2222/2222 in a phone number: fractions have short terms.
    if (b && (b->end - b->start > 3 || a.end - a.start > 3)) return false;
    if (b) {
      bool ok = true;
      out = a;
      out.end = b->end;
      out.low = out.high = out.base = div(a.low, b->low, ok);
      out.fraction = true;
      return ok;
    }
    return false;
  }
  if (!b || b->approx || b->fraction) return false;
  // 오분의 일만큼, 삼분의 일조각: a scale right before a word is that word's start
  // (만큼, 조각), not 10^4 or 10^12.
  if (b->has_scale && b->script == Script::kKorean && b->end >= 3) {
    const Cls last = classify(cp_before(s, b->end));
    const char32_t after = cp_at(s, b->end);
    if (last.kind == kBig && after != 0 && classify(after).kind == kNo && !is_ascii_digit(static_cast<char>(after))) {
      ParseOptions shorter = inner;
      shorter.space_groups = false;
      auto c = parse_numeral_at(s.substr(0, b->end - 3), b->start, shorter);
      if (!c) return false;
      b = c;
    }
  }
  bool ok = true;
  out = a;
  out.end = b->end;
  out.low = out.high = out.base = div(b->low, a.low, ok);
  out.fraction = true;
  out.script = a.script == Script::kArabic ? b->script : a.script;
  return ok;
}

// A one-syllable Sino-Korean numeral (삼, 일, 이, 만) stands alone before punctuation or
// the end of the text; before a particle only when that is not a common word (이는,
// 일을, 오는, 사는 are "this", "work", "coming", "living": numerals.tsv's
// word_with_particle).
bool one_syllable_ok(std::string_view s, size_t end, char32_t c) {
  size_t p = end;
  while (p < s.size() && s[p] == ' ') ++p;
  if (p >= s.size()) return true;
  const char32_t after = cp_at(s, end);
  if (after == ' ') return false;
  if (!text::is_hangul_syllable(after)) return true;
  return is_particle(after) && !classify(c).word_with_particle;
}

}  // namespace

bool is_numeral_char(char32_t c) { return kNumeralBits.has(c); }

const Status& numerals_status() { return kNumeralWords.status; }

Status check_numerals(std::string_view content, std::string_view name) {
  return read_numeral_words(content, name).status;
}

Status check_korean_endings(std::string_view content, std::string_view name) {
  NumeralWords words;
  read_korean_endings(content, name, words);
  return words.status;
}

void mark_numeral_chars(std::span<uint64_t, 1024> bmp) {
  static_assert(kTableLo % 64 == 0 && kTableHi <= 0x10000, "the table's words are the BMP set's words");
  for (size_t k = 0; k < std::size(kNumeralBits.words); ++k) bmp[kTableLo / 64 + k] |= kNumeralBits.words[k];
}

bool is_korean_scale(char32_t c) {
  const Cls k = classify(c);
  return k.kind == kBig && k.script == Script::kKorean;
}

int lone_numeral_char(std::string_view s, size_t pos) {
  size_t next;
  const Cls k = classify(cp_at(s, pos, &next));
  const bool digit = k.kind == kDigit && k.script == Script::kKorean;
  if (!digit && k.kind != kSmall) return -1;
  // lex() reads the character and stops at the next one when that is no numeral
  // character (a space included: the dates' options read no space groups), or an ASCII
  // digit after a digit (a unit goes on: 십5 is 15); drop_copula then drops a 이. A
  // hundred before 分 is no number.
  if (kNumeralBits.has(cp_at(s, next))) return -1;
  if (digit) return k.value == 2 && copula_follows(s, next) ? -1 : k.value;
  if ((next < s.size() && is_ascii_digit(s[next])) || opens_percent(k, s, next)) return -1;
  return k.value == 1 ? 10 : k.value == 2 ? 100 : 1000;
}

char32_t code_point_at_start(std::string_view w) {
  size_t i = 0;
  return w.empty() ? 0 : text::next_code_point(w, i);
}

bool can_start_numeral(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || c == '.' || c == '-';
  if (c == U'半') return true;
  for (const std::string& w : kNumeralWords.negatives) if (code_point_at_start(w) == c) return true;
  if (classify(c).kind != kNo) return true;
  for (const Word& w : kNumeralWords.native_tens) if (w.w[0] == c) return true;
  for (const Word& w : kNumeralWords.native_units) if (w.w[0] == c) return true;
  return false;
}

// Start-up only, and cold: these functions' code otherwise changed GCC's inlining in the
// hot parser of this file (numeral::add went out of line in read_plain: 4,602 calls,
// 0.13 M instructions on 4 MB).
[[gnu::cold]] const std::vector<NativeKoreanWord>& native_korean_words() {
  static const std::vector<NativeKoreanWord> kWords = [] {
    std::vector<NativeKoreanWord> out;
    for (const Word& w : kNumeralWords.native_tens) out.push_back({w.w, w.value, true, w.attributive});
    for (const Word& w : kNumeralWords.native_units) out.push_back({w.w, w.value, false, w.attributive});
    return out;
  }();
  return kWords;
}

namespace {

[[gnu::cold]] std::vector<char32_t> chars_of(Kind kind, Script script, int value) {
  std::vector<char32_t> out;
  for (int h = 0; h < NumeralBits::kSlots; ++h) {
    const Cls& k = kNumeralBits.values[h];
    if (kNumeralBits.keys[h] != 0 && k.kind == kind && k.script == script && k.value == value)
      out.push_back(kNumeralBits.keys[h]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

[[gnu::cold]] std::vector<char32_t> sino_korean_digits(int value) { return chars_of(kDigit, Script::kKorean, value); }
[[gnu::cold]] std::vector<char32_t> sino_korean_units(int power) { return chars_of(kSmall, Script::kKorean, power); }
[[gnu::cold]] std::vector<char32_t> chinese_digits(int value) { return chars_of(kDigit, Script::kChinese, value); }
[[gnu::cold]] std::vector<std::string> joiners(Script script) {
  std::vector<std::string> out;
  for (const Joiner& j : kNumeralWords.joiners)
    if (j.spaced == (script == Script::kChinese)) out.push_back(j.word);
  return out;
}

// Whether the Hangul numeral [start, end) ends with 이 right after a scale syllable or a
// zero (백이, 공백이), with no digit in it, and a space and a word follow, as after a
// subject (a whole text 일억이 is 100000002).
bool ends_with_particle_i(std::string_view s, size_t start, size_t end) {
  if (end < start + 6 || !starts_with_at(s, end - 3, "이")) return false;  // a byte loop, no memcmp call
  if (end + 1 >= s.size() || s[end] != ' ' || !text::is_hangul_syllable(cp_at(s, end + 1))) return false;
  // The syllable before 이: a scale above ten (백, 천, 만, 억 …) or a zero (공, 영); after
  // 십 it is 12 (십이).
  const Cls before = classify(cp_at(s, end - 6));
  const bool scale = (before.kind == kSmall && before.value >= 2) || before.kind == kBig;
  if (before.script != Script::kKorean || !(scale || (before.kind == kDigit && before.value == 0))) return false;
  for (size_t p = start; p < end;) {
    const char32_t c = text::next_code_point(s, p);
    if (!text::is_hangul_syllable(c)) return false;
  }
  return true;
}

std::optional<Numeral> parse_numeral_at(std::string_view s, size_t pos, const ParseOptions& o) {
  // Every return below returns `n` itself, so that it is built in the caller's object (a
  // Numeral holds three 128-bit decimals; a copy on return showed in profiles). Made
  // engaged at once: an empty std::optional<Numeral> is zeroed in full first (GCC).
  std::optional<Numeral> n(std::in_place);
  if (pos >= s.size()) {
    n.reset();
    return n;
  }
  size_t i = pos;
  bool negative = false;
  if (o.negative) {
    if (s[i] == '-') {
      size_t j = i + 1;
      if (j < s.size() && s[j] == ' ' && (pos == 0)) ++j;  // "- 1,200,000" as a whole text
      if (j < s.size() && (is_ascii_digit(s[j]) || s[j] == '.')) negative = true, i = j;
    } else if (static_cast<unsigned char>(s[i]) >= 0x80) {  // every negative word opens so (checked on load)
      for (const std::string& w : kNumeralWords.negatives) {
        if (starts_with_at(s, i, w)) {
          size_t j = skip_spaces(s, i + w.size(), 1);
          if (j < s.size() && (is_ascii_digit(s[j]) || classify(cp_at(s, j)).kind == kDigit ||
                               classify(cp_at(s, j)).kind == kSmall || classify(cp_at(s, j)).kind == kBig)) {
            negative = true, i = j;
          }
          break;
        }
      }
    }
  }
  if (!read_plain(s, i, o, *n)) {
    n.reset();
    return n;
  }
  // 공백이 불가피, 삼백이 넘는: a Hangul numeral's last 이 after a scale or zero, before a
  // space and a word, is the subject particle, not 2 (news never spells 102 as 백이); the
  // number ends before it.
  // (Its first test inline: most numerals are shorter than two syllables or end in
  // another character, and the call cost more than the test.)
  if (n->end >= i + 6 && starts_with_at(s, n->end - 3, "이") && ends_with_particle_i(s, i, n->end)) {
    const size_t cut = n->end - 3;
    *n = Numeral{};
    if (!read_plain(s.substr(0, cut), i, o, *n)) {
      n.reset();
      return n;
    }
  }
  if (o.fractions && !n->native && !n->approx && !n->has_decimal_point) {
    Numeral f;
    if (read_fraction_tail(s, *n, o, f)) n = f;
    // 1 4/5, 2  1/4: a whole number, spaces, then a fraction.
    else if (n->script == Script::kArabic && n->end < s.size() && s[n->end] == ' ') {
      size_t q = skip_spaces(s, n->end, 2);
      ParseOptions inner = o;
      inner.space_groups = false;
      if (q < s.size() && is_ascii_digit(s[q])) {
        std::optional<Numeral> g = parse_plain(s, q, inner);
        Numeral fr;
        if (g && !g->has_decimal_point && read_fraction_tail(s, *g, inner, fr)) {
          bool ok = true;
          Decimal v = add(n->low, fr.low, ok);
          if (ok) n->low = n->high = n->base = v, n->end = fr.end, n->fraction = true;
        }
      }
    }
    // 일과 이분의 일, 三百五十又3分之1: a whole number joined to a fraction by a joiner of
    // numerals.tsv, a Korean one glued to the number as a particle, a Chinese one after
    // up to two spaces.
    if (!n->fraction) {
      for (const Joiner& j : kNumeralWords.joiners) {
        const size_t at = j.spaced ? skip_spaces(s, n->end, 2) : n->end;
        if (!starts_with_at(s, at, j.word)) continue;
        size_t q = skip_spaces(s, at + j.word.size(), 2);
        ParseOptions inner = o;
        inner.negative = false;
        std::optional<Numeral> g = parse_numeral_at(s, q, inner);
        if (g && g->fraction) {
          bool ok = true;
          Decimal v = add(n->low, g->low, ok);
          if (ok) n->low = n->high = n->base = v, n->end = g->end, n->fraction = true;
        }
        break;
      }
    }
  }
  // 一打 = 12, 五十打 = 600
  if (o.dozen && !n->fraction && n->script == Script::kChinese && starts_with_at(s, n->end, "打")) {
    bool ok = true;
    Decimal v = mul(n->low, Decimal::of(12), ok);
    if (ok) n->low = n->high = n->base = v, n->end += 3;
  }
  n->start = pos;
  if (negative) {
    n->low.mantissa = -n->low.mantissa;
    n->high.mantissa = -n->high.mantissa;
    n->base.mantissa = -n->base.mantissa;
    std::swap(n->low, n->high);
  }
  return n;
}

bool is_chinese_measure_word(char32_t c) { return counters().chinese(c); }

std::vector<Numeral> find_numerals(std::string_view s, const ParseOptions& o) {
  std::vector<Numeral> out;
  size_t i = 0;
  char32_t prev = 0;
  while (i < s.size()) {
    size_t next;
    const char32_t c = cp_at(s, i, &next);
    bool try_here = can_start_numeral(c);
    if (try_here && c < 0x80) {
      // Not inside a digit run, and '.'/'-' only before a digit and not after one.
      if (c >= '0' && c <= '9') try_here = !(prev >= '0' && prev <= '9');
      else try_here = next < s.size() && (is_ascii_digit(s[next]) || s[next] == ' ' || s[next] == '.') &&
                      !(prev >= '0' && prev <= '9') && prev != '.' && prev != '-';
    }
    if (try_here && text::is_hangul_syllable(c) && (text::is_hangul_syllable(prev) || (prev >= '0' && prev <= '9')))
      try_here = false;
    // Where a Chinese numeral stopped (五十千, 九九, 两两), the next character does not
    // start another one.
    if (try_here && text::is_han(c) && text::is_han(prev) && classify(prev).kind != kNo && classify(prev).kind != kApprox)
      try_here = false;
    if (try_here) {
      std::optional<Numeral> n = parse_numeral_at(s, i, o);
      if (n) {
        bool keep = true;
        const size_t span_cps = [&] {
          size_t k = 0;
          for (size_t p = n->start; p < n->end;) text::next_code_point(s, p), ++k;
          return k;
        }();
        const char32_t after = cp_at(s, n->end);
        if (text::is_hangul_syllable(c)) {
          // A Hangul numeral of one syllable, or a native one, must stand as its own word.
          NativeMatch nm = n->native ? match_native(s, i) : NativeMatch{};
          const bool one = span_cps == 1 || (n->native && nm.syllables == 1);
          if (n->native && nm.attributive) {
            // 한 개, 세개: an attributive numeral needs its counter (네 몫 is "your share").
            size_t q = n->end;
            if (q < s.size() && s[q] == ' ') ++q;
            keep = q >= s.size() || is_counter(cp_at(s, q));
          }
          else if (n->native) keep = !text::is_hangul_syllable(after) || is_counter(after) || is_particle(after) || !one;
          else if (one) keep = one_syllable_ok(s, n->end, c);
        } else if (span_cps == 1 && is_ambiguous_numeral_char(c)) {
          keep = false;  // 陆地, 收拾, 退伍
        }
        // 一切, 四川, 统一: a spelled numeral inside an ordinary word.
        if (keep && n->script == Script::kChinese && inside_non_numeral_word(s, n->start, n->end)) keep = false;
        if (keep && n->end > i) {
          out.push_back(*n);
          i = n->end;
          prev = cp_before(s, i);
          continue;
        }
      }
    }
    prev = c;
    i = next;
  }
  return out;
}

bool is_ambiguous_numeral_char(char32_t c) { return classify(c).ambiguous; }

}  // namespace hanfacts::numeral
