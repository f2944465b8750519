// A minimal JSON reader for the conformance files (test code only).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hanfacts::conformance::json {

class Value {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // string contents, or a number exactly as written
  std::vector<Value> items;
  std::map<std::string, Value> members;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_number() const { return kind == Kind::kNumber; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_object() const { return kind == Kind::kObject; }
  // Member lookup; a shared null Value when absent or not an object.
  const Value& operator[](const std::string& key) const;
  const Value& operator[](size_t i) const;
  size_t size() const { return is_array() ? items.size() : members.size(); }
  bool has(const std::string& key) const { return members.count(key) > 0; }
};

// Parses one JSON text; returns false on a syntax error.
bool parse(std::string_view s, Value& out);

}  // namespace hanfacts::conformance::json
