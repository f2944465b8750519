// CSV (RFC 4180), TSV and JSON Lines writers. This is the only code that formats facts.
#include <array>
#include <charconv>
#include <cstdio>
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
  DelimitedWriter(WriterOptions options, std::ostream& out, char sep, void (*append)(std::string&, std::string_view))
      : options_(options), out_(out), sep_(sep), append_(append) {}

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
    int id = 0;
    for (const Fact& f : doc.extraction.facts) {
      buf_ += lead_;
      append_number(buf_, static_cast<size_t>(++id));
      buf_ += sep_;
      buf_ += fact_type_name(f.type);
      buf_ += sep_;
      append_number(buf_, offset(f.start));
      buf_ += sep_;
      append_number(buf_, offset(f.end));
      for (std::string_view field : {std::string_view(f.text), std::string_view(f.value), std::string_view(f.unit),
                                     std::string_view(f.flags)}) {
        buf_ += sep_;
        append_(buf_, field);
      }
      buf_ += '\n';
    }
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  }

 private:
  WriterOptions options_;
  std::ostream& out_;
  char sep_;
  void (*append_)(std::string&, std::string_view);
  std::string buf_;
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
    case OutputFormat::kCsv: return std::make_unique<DelimitedWriter>(options, out, ',', append_csv_field);
    case OutputFormat::kTsv: return std::make_unique<DelimitedWriter>(options, out, '\t', append_tsv_field);
    case OutputFormat::kJsonl: return std::make_unique<JsonlWriter>(options, out);
  }
  return nullptr;
}

}  // namespace hanfacts
