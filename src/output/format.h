// Formats documents' facts as CSV, TSV or JSON Lines, appended to a string: the code
// behind the public writers (hanfacts/writer.h), also used directly by the CLI, which
// collects each document's rows in a string of its own anyway (no stream in between).
//
//   output::Formatter format(OutputFormat::kCsv, {});
//   std::string out;
//   format.header(out);                              // CSV/TSV header row, if asked for
//   format.append(out, {"doc.txt", text, extraction});
//
// A Formatter keeps scratch space between documents: one per thread.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/fact_view.h"
#include "hanfacts/writer.h"
#include "output/offsets.h"

// Compiles a function again with the POPCNT, SSSE3, BMI1 and BMI2 instructions (x86-64
// with GCC or Clang).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HANFACTS_OUTPUT_POPCNT [[gnu::target("popcnt,ssse3,bmi,bmi2"), gnu::flatten]]
#else
#define HANFACTS_OUTPUT_POPCNT
#endif

namespace hanfacts::output {

// One document's output as the command has it: its facts as the engine's views
// (Engine::extract_views) rather than Facts.
struct DocumentViews {
  std::string_view doc;
  std::string_view text;   // the decoded text (to convert offsets)
  const Extraction& info;  // ref_date and lang (JSON Lines); its facts are not read
  std::span<const core::FactView> facts;
};

class Formatter {
 public:
  Formatter(OutputFormat format, WriterOptions options);
  // The header row (CSV and TSV with options.header; nothing otherwise).
  void header(std::string& out) const;
  // One document's rows (CSV, TSV) or line (JSON Lines).
  void append(std::string& out, const DocumentFacts& doc);
  // The same from views of the facts: the one code that writes rows (the Facts above
  // are viewed first).
  void append_views(std::string& out, const DocumentViews& doc);
  // Takes each fact's surface from the document's text at its offsets instead of from
  // Fact::text: for facts extracted with Options::fact_text off, from that same text.
  void read_surfaces_from_text(bool on) { surfaces_from_text_ = on; }

 private:
  std::string_view surface(const DocumentFacts& doc, const Fact& f) const {
    if (!surfaces_from_text_ || f.start > f.end || f.end > doc.text.size()) return f.text;
    return doc.text.substr(f.start, f.end - f.start);
  }
  // kShuffle: the fields' check for bytes to escape uses SSSE3's byte shuffle (only
  // inside append_delimited_popcnt, which is compiled for it).
  template <class Style, bool kShuffle = false>
  void append_delimited(std::string& out, const DocumentViews& doc);
  // The same compiled with the POPCNT, SSSE3 and BMI instructions (CodePointIndex counts
  // bits twice per fact, under a mask that BMI2's BZHI makes in one instruction where a
  // shift, a move and a NOT made it; a shuffle finds the bytes to escape), taken when the
  // CPU has them all (every CPU with AVX2 does).
  template <class Style>
  HANFACTS_OUTPUT_POPCNT void append_delimited_popcnt(std::string& out, const DocumentViews& doc);
  void append_jsonl(std::string& out, const DocumentViews& doc);
  std::string_view type_name(FactType type) const {
    const auto k = static_cast<size_t>(type);
    return k < type_names_.size() ? type_names_[k] : fact_type_name(type);
  }

  OutputFormat format_;
  WriterOptions options_;
  bool surfaces_from_text_ = false;
  std::array<std::string_view, 3> type_names_;  // by FactType
  // Per FactType, its name and the separator after it, padded: stored as one word.
  struct TypeCell {
    char bytes[8] = {};
    size_t size = 0;
  };
  std::array<TypeCell, 3> type_cells_;
  size_t type_room_ = sizeof(TypeCell::bytes);  // bytes a row may use for its type
  std::string rows_;  // rows are written in place here (only a prefix counts), then appended
  // The escaped document id and separator that open each row (lead_size_ bytes), then
  // zero bytes: a short one is copied as one fixed-size block.
  std::string lead_;
  size_t lead_size_ = 0;
  CodePointIndex code_points_;  // the document's code point table (OffsetConverter)
  std::vector<core::FactView> views_;  // a document's Facts, viewed (append)
};

}  // namespace hanfacts::output
