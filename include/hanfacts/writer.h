// Writers: the only code that formats facts (CSV, JSON Lines, TSV).
//
//   auto writer = hanfacts::make_writer(hanfacts::OutputFormat::kCsv, {}, std::cout);
//   writer->begin();                                // header row (CSV/TSV)
//   writer->Write({"doc.txt", text, extraction});   // one document's rows
//
// Writers are not thread-safe; the CLI calls them from one thread in document order.
#pragma once

#include <memory>
#include <ostream>
#include <string_view>

#include "hanfacts/fact.h"

namespace hanfacts {

enum class OutputFormat { kCsv, kJsonl, kTsv };
enum class OffsetUnit { kChars, kBytes };

struct WriterOptions {
  bool header = true;                      // CSV/TSV header row
  OffsetUnit offsets = OffsetUnit::kChars;  // code points (default) or UTF-8 bytes
};

// One document's output: its id, its decoded text (to convert offsets) and facts.
struct DocumentFacts {
  std::string_view doc;
  std::string_view text;
  const Extraction& extraction;
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void begin() = 0;
  virtual void Write(const DocumentFacts& doc) = 0;
};

// The writer keeps a reference to `out`; the caller checks the stream for failures.
std::unique_ptr<Writer> make_writer(OutputFormat format, WriterOptions options, std::ostream& out);

}  // namespace hanfacts
