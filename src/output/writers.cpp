// CSV (RFC 4180), TSV and JSON Lines writers. This is the only code that formats facts.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "hanfacts/writer.h"
#include "output/offsets.h"

namespace hanfacts {
namespace {

using output::OffsetConverter;

constexpr std::string_view kColumns[] = {"doc", "id", "type", "start", "end", "text", "value", "unit", "flags"};

// RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled.
void append_csv_field(std::string& out, std::string_view field) {
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> special{};
    for (unsigned char c : {',', '"', '\r', '\n'}) special[c] = true;
    return special;
  }();
  bool plain = true;
  for (char c : field) plain &= !kSpecial[static_cast<unsigned char>(c)];  // short fields: no early exit
  if (plain) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// The same two escapings written at `p` (room for 2 * field.size() + 2 bytes), returning
// the end: rows are built in place, without a capacity check per piece.
// True when no byte of `w` is a comma, a quote, CR or LF (a zero-byte test per kind:
// exact for "any", which is all that is asked).
bool csv_plain_word(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  uint64_t hit = 0;
  for (const uint64_t c : {kOnes * ',', kOnes * '"', kOnes * '\r', kOnes * '\n'}) {
    const uint64_t x = w ^ c;
    hit |= (x - kOnes) & ~x;
  }
  return (hit & kHigh) == 0;
}

bool csv_plain(std::string_view field) {
  const size_t n = field.size();
  uint64_t w;
  if (n < 8) {
    if (n < 4) {
      bool plain = true;
      for (char c : field) plain &= c != ',' && c != '"' && c != '\r' && c != '\n';
      return plain;
    }
    // Four to seven bytes (most units and dates): the first four and the last four
    // (overlapping) in one word.
    uint32_t head, tail;
    std::memcpy(&head, field.data(), 4);
    std::memcpy(&tail, field.data() + n - 4, 4);
    return csv_plain_word(head | (uint64_t{tail} << 32));
  }
  for (size_t i = 0; i + 8 < n; i += 8) {
    std::memcpy(&w, field.data() + i, 8);
    if (!csv_plain_word(w)) return false;
  }
  std::memcpy(&w, field.data() + n - 8, 8);  // the last eight bytes (may overlap the loop's)
  return csv_plain_word(w);
}

char* put_csv_field(char* p, std::string_view field) {
  const size_t n = field.size();
  if (n >= 4 && n <= 16) {
    // Most fields (units, dates, amounts, names): two overlapping words from the field's
    // two ends are checked and stored as they are, with no call (the row has room).
    const char* f = field.data();
    if (n >= 8) {
      uint64_t head, tail;
      std::memcpy(&head, f, 8);
      std::memcpy(&tail, f + n - 8, 8);
      if (csv_plain_word(head) && csv_plain_word(tail)) {
        std::memcpy(p, &head, 8);
        std::memcpy(p + n - 8, &tail, 8);
        return p + n;
      }
    } else {
      uint32_t head, tail;
      std::memcpy(&head, f, 4);
      std::memcpy(&tail, f + n - 4, 4);
      if (csv_plain_word(head | (uint64_t{tail} << 32))) {
        std::memcpy(p, &head, 4);
        std::memcpy(p + n - 4, &tail, 4);
        return p + n;
      }
    }
  } else if (csv_plain(field)) {
    if (!field.empty()) std::memcpy(p, field.data(), field.size());
    return p + field.size();
  }
  *p++ = '"';
  for (char c : field) {
    if (c == '"') *p++ = '"';
    *p++ = c;
  }
  *p++ = '"';
  return p;
}

char* put_tsv_field(char* p, std::string_view field) {
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

void append_number(std::string& out, size_t n) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

// TSV: backslash escapes for the three characters that would break a row.
void append_tsv_field(std::string& out, std::string_view field) {
  for (char c : field) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// CSV and TSV share the row layout and differ in field escaping and separator.
class DelimitedWriter : public Writer {
 public:
  DelimitedWriter(WriterOptions options, std::ostream& out, char sep, void (*append)(std::string&, std::string_view),
                  char* (*put)(char*, std::string_view))
      : options_(options), out_(out), sep_(sep), append_(append), put_(put) {}

  void begin() override {
    if (!options_.header) return;
    std::string line;
    for (auto c : kColumns) {
      if (!line.empty()) line += sep_;
      line += c;
    }
    line += '\n';
    out_ << line;
  }

  void Write(const DocumentFacts& doc) override {
    OffsetConverter offset(doc.text, options_.offsets);
    buf_.clear();
    // Every row starts with the same escaped document id.
    lead_.clear();
    append_(lead_, doc.doc);
    lead_ += sep_;
    // Each row is written in place after one size check: an escaped field takes at
    // most twice its size plus two quotes, a number at most 20 digits.
    size_t used = 0;
    size_t id = 0;
    for (const Fact& f : doc.extraction.facts) {
      const std::string_view fields[] = {f.text, f.value, f.unit, f.flags};
      size_t bound = lead_.size() + 3 * 21 + 8 + 1;
      for (std::string_view field : fields) bound += 2 * field.size() + 3;
      if (buf_.size() < used + bound) buf_.resize(std::max(used + bound, 2 * buf_.size()));
      char* p = buf_.data() + used;
      std::memcpy(p, lead_.data(), lead_.size());
      p += lead_.size();
      p = std::to_chars(p, p + 21, ++id).ptr;
      *p++ = sep_;
      const std::string_view type = fact_type_name(f.type);
      std::memcpy(p, type.data(), type.size());
      p += type.size();
      *p++ = sep_;
      p = std::to_chars(p, p + 21, offset(f.start)).ptr;
      *p++ = sep_;
      p = std::to_chars(p, p + 21, offset(f.end)).ptr;
      for (std::string_view field : fields) {
        *p++ = sep_;
        p = put_(p, field);
      }
      *p++ = '\n';
      used = static_cast<size_t>(p - buf_.data());
    }
    out_.write(buf_.data(), static_cast<std::streamsize>(used));
  }

 private:
  WriterOptions options_;
  std::ostream& out_;
  char sep_;
  void (*append_)(std::string&, std::string_view);
  char* (*put_)(char*, std::string_view);
  std::string buf_;   // rows of the current document; only the first `used` bytes count
  std::string lead_;  // "doc," of the current document
};

class JsonlWriter : public Writer {
 public:
  JsonlWriter(WriterOptions options, std::ostream& out) : options_(options), out_(out) {}
  void begin() override {}
  void Write(const DocumentFacts& doc) override {
    OffsetConverter offset(doc.text, options_.offsets);
    buf_.clear();
    buf_ += "{\"doc\":";
    append_json_string(buf_, doc.doc);
    buf_ += ",\"ref_date\":";
    if (doc.extraction.ref_date.empty()) buf_ += "null";
    else append_json_string(buf_, doc.extraction.ref_date);
    buf_ += ",\"lang\":";
    append_json_string(buf_, doc.extraction.lang);
    buf_ += ",\"facts\":[";
    int id = 0;
    for (const Fact& f : doc.extraction.facts) {
      if (id > 0) buf_ += ',';
      buf_ += "{\"id\":";
      append_number(buf_, static_cast<size_t>(++id));
      buf_ += ",\"type\":\"";
      buf_ += fact_type_name(f.type);
      buf_ += "\",\"start\":";
      append_number(buf_, offset(f.start));
      buf_ += ",\"end\":";
      append_number(buf_, offset(f.end));
      buf_ += ",\"text\":";
      append_json_string(buf_, f.text);
      buf_ += ",\"value\":";
      append_json_string(buf_, f.value);
      buf_ += ",\"unit\":";
      append_json_string(buf_, f.unit);
      buf_ += ",\"flags\":";
      append_json_string(buf_, f.flags);
      buf_ += '}';
    }
    buf_ += "]}\n";
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  }

 private:
  WriterOptions options_;
  std::ostream& out_;
  std::string buf_;
};

}  // namespace

std::unique_ptr<Writer> make_writer(OutputFormat format, WriterOptions options, std::ostream& out) {
  switch (format) {
    case OutputFormat::kCsv:
      return std::make_unique<DelimitedWriter>(options, out, ',', append_csv_field, put_csv_field);
    case OutputFormat::kTsv:
      return std::make_unique<DelimitedWriter>(options, out, '\t', append_tsv_field, put_tsv_field);
    case OutputFormat::kJsonl: return std::make_unique<JsonlWriter>(options, out);
  }
  return nullptr;
}

}  // namespace hanfacts
