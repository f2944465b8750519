// Reads one JSON Lines input record: an object with "text" and optional "id", "date".
#pragma once

#include <string>
#include <string_view>

namespace hanfacts::cli {

struct JsonRecord {
  std::string text;
  std::string id;    // "" when absent; a number id is kept as written
  std::string date;  // "" when absent or null
};

// Parses `line`. Returns false with a short reason in `error` when the line is not a
// JSON object, or has no string "text". Unknown members are skipped.
bool parse_json_record(std::string_view line, JsonRecord& record, std::string& error);

}  // namespace hanfacts::cli
