// libFuzzer target: the JSON Lines record reader of the CLI.
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/json_record.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  hanfacts::cli::JsonRecord record;
  std::string error;
  if (hanfacts::cli::parse_json_record(line, record, error)) {
    // Whatever was accepted must be usable downstream: counting must not misbehave.
    (void)hanfacts::text::count_code_points(record.text);
  }
  return 0;
}
