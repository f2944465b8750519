// CSV (RFC 4180), TSV and JSON Lines: the only code that formats facts. The public
// writers (hanfacts/writer.h) and the CLI both go through output::Formatter.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

#include "hanfacts/writer.h"
#include "output/format.h"
#include "output/offsets.h"
#include "text/cpu.h"

namespace hanfacts {
namespace output {
namespace {

// The instructions append_delimited_popcnt is compiled with (HANFACTS_OUTPUT_POPCNT), all
// present. Every CPU with BMI2 has BMI1; the flattened variant uses both (BZHI for the code point
// counts' masks, see HANFACTS_OUTPUT_POPCNT).
const bool kHasFlattenedIsa = text::cpu::popcnt() && text::cpu::ssse3() && text::cpu::bmi1() && text::cpu::bmi2();

constexpr std::string_view kColumns[] = {"doc", "id", "type", "start", "end", "text", "value", "unit", "flags"};

// Copies `s` to `p` and returns its end, handing `see` the words it loads on the way,
// so a caller can test the bytes where they are rather than read the copy back (a load
// over bytes a few narrower stores have just written cannot take them from the store
// buffer and waits for the stores to reach the cache). Fields are short (units, dates,
// amounts, names), so up to 16 bytes go as two overlapping words from the field's two
// ends rather than through a memcpy call, and longer ones as 16-byte words; the words
// overlap, so `see` may be shown a byte twice. `see` has four overloads: (uint64_t head, uint64_t tail) for 8 to 16
// bytes, (uint32_t head, uint32_t tail) for 4 to 7, (unsigned char, unsigned char,
// unsigned char) for the first, middle and last of 1 to 3, and (const char*, size_t)
// for longer ones.
template <class See>
inline char* copy_seeing(char* p, std::string_view s, See&& see) {
  const size_t n = s.size();
  const char* f = s.data();
  if (n >= 8 && n <= 16) {
    uint64_t head, tail;
    std::memcpy(&head, f, 8);
    std::memcpy(&tail, f + n - 8, 8);
    std::memcpy(p, &head, 8);
    std::memcpy(p + n - 8, &tail, 8);
    see(head, tail);
  } else if (n >= 4 && n < 8) {
    uint32_t head, tail;
    std::memcpy(&head, f, 4);
    std::memcpy(&tail, f + n - 4, 4);
    std::memcpy(p, &head, 4);
    std::memcpy(p + n - 4, &tail, 4);
    see(head, tail);
  } else if (n > 0 && n < 4) {
    p[0] = f[0];
    p[n / 2] = f[n / 2];
    p[n - 1] = f[n - 1];
    see(static_cast<unsigned char>(f[0]), static_cast<unsigned char>(f[n / 2]), static_cast<unsigned char>(f[n - 1]));
  } else if (n > 16) {
    // 16 bytes at a time, the last 16 overlapping: these fields (names, dates with a
    // time, flags) are a few words long, and a memcpy call cost more than the copy.
    for (size_t k = 0; k + 16 < n; k += 16) std::memcpy(p + k, f + k, 16);
    std::memcpy(p + n - 16, f + n - 16, 16);
    see(f, n);
  }
  return p + n;
}

// A copy that looks at nothing.
struct SeeNothing {
  void operator()(uint64_t, uint64_t) const {}
  void operator()(uint32_t, uint32_t) const {}
  void operator()(unsigned char, unsigned char, unsigned char) const {}
  void operator()(const char*, size_t) const {}
};

inline char* put_bytes(char* p, std::string_view s) { return copy_seeing(p, s, SeeNothing{}); }

// Decimal digits of `v` at `p`, returning the end (ids and offsets: mostly one to four
// digits, written from a two-digit table without working out the length first). Up to
// 20 bytes at `p` may be written: the digits, then bytes the caller writes over.
inline char* put_uint(char* p, size_t v) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  if (v < 10) {
    *p = static_cast<char>('0' + v);
    return p + 1;
  }
  if (v < 100) {
    std::memcpy(p, kPairs + 2 * v, 2);
    return p + 2;
  }
  if (v < 10000) {  // most offsets: two pairs, or a digit and a pair
    // v / 100 as a 32-bit multiplication and shift (exact below 43,699), where the
    // compiler divides a size_t with a 64-bit one and twice as many instructions.
    const uint32_t hi = static_cast<uint32_t>(v) * 5243 >> 19, lo = static_cast<uint32_t>(v) - 100 * hi;
    if (hi < 10) {
      *p = static_cast<char>('0' + hi);
      std::memcpy(p + 1, kPairs + 2 * lo, 2);
      return p + 3;
    }
    std::memcpy(p, kPairs + 2 * hi, 2);
    std::memcpy(p + 2, kPairs + 2 * lo, 2);
    return p + 4;
  }
  // Backwards from the middle of `buf`, then 20 bytes copied whatever the length (a
  // fixed-size copy is two moves, a variable one a call).
  char buf[40];
  char* const end = buf + 20;
  char* b = end;
  while (v >= 100) {
    b -= 2;
    std::memcpy(b, kPairs + 2 * (v % 100), 2);
    v /= 100;
  }
  if (v >= 10) {
    b -= 2;
    std::memcpy(b, kPairs + 2 * v, 2);
  } else {
    *--b = static_cast<char>('0' + v);
  }
  std::memcpy(p, b, 20);
  return p + (end - b);
}

// The two delimited formats: separator, the four bytes that make a field need escaping
// (the separator among them), and the escaping. Escaped fields take at most twice
// their size plus two quotes.
struct Csv {
  static constexpr char kSep = ',';
  static constexpr char kSpecial[4] = {',', '"', '\r', '\n'};
  // RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled.
  static char* put_escaped(char* p, std::string_view field) {
    // One pass over the (short) field: find_first_of would call memchr per byte.
    if (std::none_of(field.begin(), field.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; }))
      return put_bytes(p, field);
    *p++ = '"';
    for (char c : field) {
      if (c == '"') *p++ = '"';
      *p++ = c;
    }
    *p++ = '"';
    return p;
  }
};

struct Tsv {
  static constexpr char kSep = '\t';
  static constexpr char kSpecial[4] = {'\t', '\n', '\r', '\\'};
  // Backslash escapes for the three characters that would break a row (and itself).
  static char* put_escaped(char* p, std::string_view field) {
    for (char c : field) {
      switch (c) {
        case '\t': *p++ = '\\', *p++ = 't'; break;
        case '\n': *p++ = '\\', *p++ = 'n'; break;
        case '\r': *p++ = '\\', *p++ = 'r'; break;
        case '\\': *p++ = '\\', *p++ = '\\'; break;
        default: *p++ = c;
      }
    }
    return p;
  }
};

// Bytes of room kept after a row beyond its bound (a margin; nothing reads past a field).
constexpr size_t kSlack = 16;

// Copies a row's text fields and tells whether any byte of them is one of
// Style::kSpecial. The check reads the fields where they are, from the words put_bytes
// loads anyway, not from the copy just written: a 16-byte load over bytes that a few
// narrower stores have just written cannot take them from the store buffer and waits
// for the stores to reach the cache, which cost about a tenth of the formatter's time.
//
// With kShuffle (only in code compiled for SSSE3), the four specials are found with one
// table lookup and one comparison per 16 bytes instead of four comparisons: in both
// formats their low four bits differ (CSV: 0x2C 0x22 0x0D 0x0A; TSV: 0x09 0x0A 0x0D
// 0x5C), so a byte is special exactly when it equals the entry its low four bits pick
// from a 16-byte table holding each special at its own low four bits and 0x80 elsewhere
// (no ASCII byte equals 0x80, and bytes from 0x80 up are looked up as zero).
template <class Style, bool kShuffle>
class FieldCopier {
 public:
#if defined(__SSE2__)
  FieldCopier()
      : s0_(_mm_set1_epi8(Style::kSpecial[0])),
        s1_(_mm_set1_epi8(Style::kSpecial[1])),
        s2_(_mm_set1_epi8(Style::kSpecial[2])),
        s3_(_mm_set1_epi8(Style::kSpecial[3])) {}
  void begin_row() { hits_ = _mm_setzero_si128(); }
  bool plain() const { return _mm_movemask_epi8(hits_) == 0; }
  // put_bytes(p, s), with s's bytes added to the check (zero bytes pad the short
  // cases: zero is no special byte in either format).
  char* put(char* p, std::string_view s) {
    struct See {
      FieldCopier& c;
      void operator()(uint64_t head, uint64_t tail) const {
        c.see(_mm_set_epi64x(static_cast<long long>(tail), static_cast<long long>(head)));
      }
      void operator()(uint32_t head, uint32_t tail) const {
        c.see(_mm_cvtsi64_si128(static_cast<long long>(uint64_t{tail} << 32 | head)));
      }
      void operator()(unsigned char b0, unsigned char b1, unsigned char b2) const {
        c.see(_mm_cvtsi32_si128(static_cast<int>(b0 | b1 << 8 | b2 << 16)));
      }
      void operator()(const char* f, size_t n) const {
        for (size_t i = 0; i + 16 < n; i += 16) c.see(_mm_loadu_si128(reinterpret_cast<const __m128i*>(f + i)));
        c.see(_mm_loadu_si128(reinterpret_cast<const __m128i*>(f + n - 16)));  // the last 16 (overlapping)
      }
    };
    return copy_seeing(p, s, See{*this});
  }

 private:
  void see(__m128i v) {
    if constexpr (kShuffle) {
      see_shuffled(v);
    } else {
      hits_ = _mm_or_si128(hits_, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, s0_), _mm_cmpeq_epi8(v, s1_)),
                                               _mm_or_si128(_mm_cmpeq_epi8(v, s2_), _mm_cmpeq_epi8(v, s3_))));
    }
  }
  [[gnu::target("ssse3")]] void see_shuffled(__m128i v) {
    hits_ = _mm_or_si128(hits_, _mm_cmpeq_epi8(v, _mm_shuffle_epi8(by_low_bits_, v)));
  }
  // The shuffle's table (see above).
  static __m128i special_by_low_bits() {
    static_assert((Style::kSpecial[0] & 15) != (Style::kSpecial[1] & 15) &&
                      (Style::kSpecial[0] & 15) != (Style::kSpecial[2] & 15) &&
                      (Style::kSpecial[0] & 15) != (Style::kSpecial[3] & 15) &&
                      (Style::kSpecial[1] & 15) != (Style::kSpecial[2] & 15) &&
                      (Style::kSpecial[1] & 15) != (Style::kSpecial[3] & 15) &&
                      (Style::kSpecial[2] & 15) != (Style::kSpecial[3] & 15),
                  "the specials' low four bits must differ");
    alignas(16) char table[16];
    std::memset(table, 0x80, sizeof table);
    for (char c : Style::kSpecial) table[c & 15] = c;
    return _mm_load_si128(reinterpret_cast<const __m128i*>(table));
  }
  __m128i s0_, s1_, s2_, s3_;
  __m128i by_low_bits_ = special_by_low_bits();
  __m128i hits_ = _mm_setzero_si128();
#else
  void begin_row() { plain_ = true; }
  bool plain() const { return plain_; }
  char* put(char* p, std::string_view s) {
    for (char c : s)
      for (char x : Style::kSpecial) plain_ = plain_ && c != x;
    return put_bytes(p, s);
  }

 private:
  bool plain_ = true;
#endif
};

// Copies a string literal (its size known when compiled: a fixed-size copy).
template <size_t N>
char* put_literal(char* p, const char (&literal)[N]) {
  std::memcpy(p, literal, N - 1);
  return p + (N - 1);
}

#if defined(__SSE2__)
// The bytes of `v` that need escaping in a JSON string: '"', '\\', below 0x20.
inline __m128i json_specials(__m128i v) {
  // Bytes below 0x20: signed compare after flipping the top bit (0x80..0xFF stay above).
  const __m128i control = _mm_cmplt_epi8(_mm_xor_si128(v, _mm_set1_epi8(static_cast<char>(0x80))),
                                         _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80)));
  return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                      control);
}
#endif

// Copies `s` to `p` (put_bytes) and tells whether none of its bytes needs escaping in
// a JSON string (a quote, a backslash or a control character). As for CSV rows
// (FieldCopier), the bytes are tested where they are, from the words the copy loads,
// not read back from the copy just written (a load the store buffer cannot serve).
bool copy_json_plain(char* p, std::string_view s) {
#if defined(__SSE2__)
  // Short strings fill the vector with their own bytes again, not zeros (zero is a
  // control character).
  struct See {
    __m128i hits = _mm_setzero_si128();
    void operator()(uint64_t head, uint64_t tail) {
      hits = json_specials(_mm_set_epi64x(static_cast<long long>(tail), static_cast<long long>(head)));
    }
    void operator()(uint32_t head, uint32_t tail) {
      hits = json_specials(
          _mm_set_epi32(static_cast<int>(tail), static_cast<int>(head), static_cast<int>(tail), static_cast<int>(head)));
    }
    void operator()(unsigned char b0, unsigned char b1, unsigned char b2) {
      hits = json_specials(_mm_set1_epi32(static_cast<int>(b0 | b1 << 8 | b2 << 16 | static_cast<unsigned>(b0) << 24)));
    }
    void operator()(const char* f, size_t n) {
      for (size_t i = 0; i + 16 < n; i += 16)
        hits = _mm_or_si128(hits, json_specials(_mm_loadu_si128(reinterpret_cast<const __m128i*>(f + i))));
      hits = _mm_or_si128(hits, json_specials(_mm_loadu_si128(reinterpret_cast<const __m128i*>(f + n - 16))));
    }
  } see;
  copy_seeing(p, s, see);
  return _mm_movemask_epi8(see.hits) == 0;
#else
  put_bytes(p, s);
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == '"' || u == '\\') return false;
  }
  return true;
#endif
}

// A JSON string literal at `p` (room for six bytes per byte of `s`, two quotes and
// kSlack): the bytes are copied as they are and checked on the way (copy_json_plain);
// only a string that needs an escape (rare) is written again byte by byte.
char* put_json_string(char* p, std::string_view s) {
  *p++ = '"';
  char* const start = p;
  const bool plain = copy_json_plain(start, s);
  p = start + s.size();
  if (!plain) {
    static constexpr char kHex[] = "0123456789abcdef";
    p = start;
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      switch (c) {
        case '"': p = put_literal(p, "\\\""); break;
        case '\\': p = put_literal(p, "\\\\"); break;
        case '\n': p = put_literal(p, "\\n"); break;
        case '\r': p = put_literal(p, "\\r"); break;
        case '\t': p = put_literal(p, "\\t"); break;
        default:
          if (u < 0x20) {
            p = put_literal(p, "\\u00");
            *p++ = kHex[u >> 4];
            *p++ = kHex[u & 15];
          } else {
            *p++ = c;
          }
      }
    }
  }
  *p++ = '"';
  return p;
}

// put_json_string at the end of `out` (the document's fields: doc id, date, language).
void append_json_string(std::string& out, std::string_view s) {
  const size_t at = out.size();
  out.resize(at + 6 * s.size() + 2 + kSlack);
  char* const end = put_json_string(out.data() + at, s);
  out.resize(static_cast<size_t>(end - out.data()));
}

}  // namespace

Formatter::Formatter(OutputFormat format, WriterOptions options)
    : format_(format),
      options_(options),
      type_names_{fact_type_name(FactType::kOrg), fact_type_name(FactType::kMoney), fact_type_name(FactType::kDate)} {
  const char sep = format_ == OutputFormat::kTsv ? Tsv::kSep : Csv::kSep;
  for (size_t k = 0; k < type_names_.size(); ++k) {
    TypeCell& cell = type_cells_[k];
    const std::string_view name = type_names_[k];
    type_room_ = std::max(type_room_, name.size());
    if (name.size() + 1 > sizeof cell.bytes) continue;  // size 0: written the general way
    std::memcpy(cell.bytes, name.data(), name.size());
    cell.bytes[name.size()] = sep;
    cell.size = name.size() + 1;
  }
}

void Formatter::header(std::string& out) const {
  if (format_ == OutputFormat::kJsonl || !options_.header) return;
  const char sep = format_ == OutputFormat::kCsv ? Csv::kSep : Tsv::kSep;
  for (size_t k = 0; k < std::size(kColumns); ++k) {
    if (k > 0) out += sep;
    out += kColumns[k];
  }
  out += '\n';
}

void Formatter::append(std::string& out, const DocumentFacts& doc) {
  views_.clear();
  for (const Fact& f : doc.extraction.facts)
    views_.push_back(core::FactView{f.type, f.start, f.end, surface(doc, f), f.value, f.unit, f.flags, f.rule});
  append_views(out, DocumentViews{doc.doc, doc.text, doc.extraction, views_});
}

void Formatter::append_views(std::string& out, const DocumentViews& doc) {
  switch (format_) {
    case OutputFormat::kCsv: return kHasFlattenedIsa ? append_delimited_popcnt<Csv>(out, doc) : append_delimited<Csv>(out, doc);
    case OutputFormat::kTsv: return kHasFlattenedIsa ? append_delimited_popcnt<Tsv>(out, doc) : append_delimited<Tsv>(out, doc);
    case OutputFormat::kJsonl: return append_jsonl(out, doc);
  }
}

// One fact per about 60 input bytes, so the per-row work is what counts here. Each row
// is written in place after one size check. Its four text fields are copied as they
// are and checked on the way for bytes that need escaping (FieldCopier, one test for
// the row); only a row that has one (rare) is written again with escapes.
//
// What the rows read of this Formatter (the lead, the type cells, the rows' buffer) is
// held in locals: the rows are written through a char pointer, which may alias any
// object, so a member would be loaded again after every store.
template <class Style, bool kShuffle>
void Formatter::append_delimited(std::string& out, const DocumentViews& doc) {
  constexpr char kSep = Style::kSep;
  if (options_.offsets == OffsetUnit::kChars) code_points_.build(doc.text);
  constexpr size_t kLeadBlock = 32;
  lead_.assign(2 * doc.doc.size() + 3 + kLeadBlock, '\0');
  char* lead_end = Style::put_escaped(lead_.data(), doc.doc);
  *lead_end++ = kSep;
  lead_size_ = static_cast<size_t>(lead_end - lead_.data());
  const char* const lead = lead_.data();
  const size_t lead_size = lead_size_;
  const std::array<TypeCell, 3> type_cells = type_cells_;
  // lead, three numbers of at most 20 digits, the type (a cell or a name), eight
  // separators and the newline; then the fields
  const size_t row_room = std::max(lead_size, kLeadBlock) + 3 * 20 + type_room_ + 9 + kSlack;
  char* rows = rows_.data();
  size_t rows_size = rows_.size();
  size_t used = 0;
  size_t id = 0;
  FieldCopier<Style, kShuffle> copier;
  // The rows' loop, compiled once per offset unit: the unit is asked once per document
  // rather than at each of a row's two offsets, and the code point table's two arrays
  // and the text's size stay in locals.
  const uint64_t* const starts = code_points_.starts();
  const size_t* const before = code_points_.before();
  const size_t text_size = doc.text.size();
  const auto write_rows = [&]<bool kChars>() {
    // Offsets may come in any order; one past the text's end counts as its end (as
    // OffsetConverter).
    const auto in_unit = [&](size_t byte) -> size_t {
      return kChars ? CodePointIndex::chars_before(starts, before, std::min(byte, text_size)) : byte;
    };
    for (const core::FactView& f : doc.facts) {
      // The fields are read from the view where they are used, not gathered into an array
      // first: the rare escaping path's loop over such an array kept it on the stack, a
      // copy of four views per row.
      const size_t bound = row_room + 2 * (f.text.size() + f.value.size() + f.unit.size() + f.flags.size()) + 4 * 2;
      if (rows_size < used + bound) {
        rows_.resize(std::max(used + bound, 2 * rows_size));
        rows = rows_.data();
        rows_size = rows_.size();
      }
      char* p = rows + used;
      if (lead_size <= kLeadBlock) std::memcpy(p, lead, kLeadBlock);  // what follows writes over the rest
      else std::memcpy(p, lead, lead_size);
      p += lead_size;
      p = put_uint(p, ++id);
      *p++ = kSep;
      if (const auto k = static_cast<size_t>(f.type); k < type_cells.size() && type_cells[k].size > 0) {
        std::memcpy(p, type_cells[k].bytes, sizeof type_cells[k].bytes);
        p += type_cells[k].size;
      } else {
        p = put_bytes(p, type_name(f.type));
        *p++ = kSep;
      }
      p = put_uint(p, in_unit(f.start));
      *p++ = kSep;
      p = put_uint(p, in_unit(f.end));
      *p++ = kSep;
      char* const fields_start = p;
      copier.begin_row();
      // Written out rather than looped over (the compiler does not unroll it).
      p = copier.put(p, f.text);
      *p++ = kSep;
      p = copier.put(p, f.value);
      *p++ = kSep;
      p = copier.put(p, f.unit);
      *p++ = kSep;
      p = copier.put(p, f.flags);
      if (!copier.plain()) {
        p = Style::put_escaped(fields_start, f.text);
        *p++ = kSep;
        p = Style::put_escaped(p, f.value);
        *p++ = kSep;
        p = Style::put_escaped(p, f.unit);
        *p++ = kSep;
        p = Style::put_escaped(p, f.flags);
      }
      *p++ = '\n';
      used = static_cast<size_t>(p - rows);
    }
  };
  if (options_.offsets == OffsetUnit::kChars) write_rows.template operator()<true>();
  else write_rows.template operator()<false>();
  out.append(rows, used);
}

// Flattened: append_delimited and what it calls inline (the offset table's bit counts)
// compiled again with POPCNT, which the compiler then uses for CodePointIndex's counts,
// BMI2, whose BZHI keeps the bits below an offset's place in its block (the masks of
// CodePointIndex::chars_before), and SSSE3 for the fields' check (FieldCopier with
// kShuffle).
template <class Style>
void Formatter::append_delimited_popcnt(std::string& out, const DocumentViews& doc) {
  append_delimited<Style, true>(out, doc);
}

void Formatter::append_jsonl(std::string& out, const DocumentViews& doc) {
  OffsetConverter offset(doc.text, options_.offsets, &code_points_);
  out += "{\"doc\":";
  append_json_string(out, doc.doc);
  out += ",\"ref_date\":";
  if (doc.info.ref_date.empty()) out += "null";
  else append_json_string(out, doc.info.ref_date);
  out += ",\"lang\":";
  append_json_string(out, doc.info.lang);
  out += ",\"facts\":[";
  // As for CSV rows: each fact's object is written in place after one size check, its
  // strings copied as they are and escaped only when they need it.
  size_t used = 0;
  size_t id = 0;
  for (const core::FactView& f : doc.facts) {
    // the names and punctuation, three numbers of at most 20 digits, the type, and six
    // bytes per byte of a string (\u00XX) plus its quotes
    const size_t bound =
        96 + 3 * 20 + type_room_ + kSlack + 6 * (f.text.size() + f.value.size() + f.unit.size() + f.flags.size()) + 4 * 2;
    if (rows_.size() < used + bound) rows_.resize(std::max(used + bound, 2 * rows_.size()));
    char* p = rows_.data() + used;
    if (id > 0) *p++ = ',';
    p = put_literal(p, "{\"id\":");
    p = put_uint(p, ++id);
    p = put_literal(p, ",\"type\":\"");
    p = put_bytes(p, type_name(f.type));
    p = put_literal(p, "\",\"start\":");
    p = put_uint(p, offset(f.start));
    p = put_literal(p, ",\"end\":");
    p = put_uint(p, offset(f.end));
    p = put_literal(p, ",\"text\":");
    p = put_json_string(p, f.text);
    p = put_literal(p, ",\"value\":");
    p = put_json_string(p, f.value);
    p = put_literal(p, ",\"unit\":");
    p = put_json_string(p, f.unit);
    p = put_literal(p, ",\"flags\":");
    p = put_json_string(p, f.flags);
    *p++ = '}';
    used = static_cast<size_t>(p - rows_.data());
  }
  out.append(rows_.data(), used);
  out += "]}\n";
}

}  // namespace output

namespace {

// The public writers: a Formatter's output for each document, written in one piece.
class FormattingWriter : public Writer {
 public:
  FormattingWriter(OutputFormat format, WriterOptions options, std::ostream& out)
      : format_(format, options), out_(out) {}

  void begin() override {
    buf_.clear();
    format_.header(buf_);
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  }

  void Write(const DocumentFacts& doc) override {
    buf_.clear();
    format_.append(buf_, doc);
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  }

 private:
  output::Formatter format_;
  std::ostream& out_;
  std::string buf_;
};

}  // namespace

std::unique_ptr<Writer> make_writer(OutputFormat format, WriterOptions options, std::ostream& out) {
  switch (format) {
    case OutputFormat::kCsv:
    case OutputFormat::kTsv:
    case OutputFormat::kJsonl: return std::make_unique<FormattingWriter>(format, options, out);
  }
  return nullptr;
}

}  // namespace hanfacts
