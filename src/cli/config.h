// RunConfig: the validated settings of one run, built from the raw command line.
#pragma once

#include <string>
#include <vector>

#include "hanfacts/options.h"
#include "hanfacts/writer.h"
#include "text/decode.h"

namespace hanfacts::cli {

enum class InputMode { kText, kLines, kJsonl };

struct RunConfig {
  std::vector<std::string> paths;  // "-" is standard input; empty means stdin
  std::string glob;                // filter for files found by walking folders
  InputMode input = InputMode::kText;
  OutputFormat format = OutputFormat::kCsv;
  WriterOptions writer;
  Options extractor;
  std::string ref_date;            // overrides every other reference date
  text::Encoding encoding = text::Encoding::kAuto;
  unsigned jobs = 0;               // 0: all cores
  std::string output;              // empty: the output stream given to Main
  bool quiet = false;
  bool explain = false;
};

}  // namespace hanfacts::cli
