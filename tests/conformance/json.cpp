#include "json.h"

#include "text/json_string.h"

namespace hanfacts::conformance::json {
namespace {

const Value kNull;

struct Parser {
  std::string_view s;
  size_t i = 0;
  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  bool string(std::string& out) { return text::read_json_string(s, i, out); }
  bool value(Value& v, int depth) {
    if (depth > 100) return false;
    ws();
    if (i >= s.size()) return false;
    char c = s[i];
    if (c == '{') {
      v.kind = Value::Kind::kObject;
      ++i;
      ws();
      if (i < s.size() && s[i] == '}') { ++i; return true; }
      while (true) {
        ws();
        std::string key;
        if (!string(key)) return false;
        ws();
        if (i >= s.size() || s[i] != ':') return false;
        ++i;
        Value member;
        if (!value(member, depth + 1)) return false;
        v.members[key] = std::move(member);
        ws();
        if (i < s.size() && s[i] == ',') { ++i; continue; }
        if (i < s.size() && s[i] == '}') { ++i; return true; }
        return false;
      }
    }
    if (c == '[') {
      v.kind = Value::Kind::kArray;
      ++i;
      ws();
      if (i < s.size() && s[i] == ']') { ++i; return true; }
      while (true) {
        Value item;
        if (!value(item, depth + 1)) return false;
        v.items.push_back(std::move(item));
        ws();
        if (i < s.size() && s[i] == ',') { ++i; continue; }
        if (i < s.size() && s[i] == ']') { ++i; return true; }
        return false;
      }
    }
    if (c == '"') {
      v.kind = Value::Kind::kString;
      return string(v.text);
    }
    for (auto [word, kind, b] : {std::tuple{"true", Value::Kind::kBool, true}, std::tuple{"false", Value::Kind::kBool, false},
                                 std::tuple{"null", Value::Kind::kNull, false}}) {
      std::string_view w(word);
      if (s.substr(i, w.size()) == w) {
        i += w.size();
        v.kind = kind;
        v.boolean = b;
        return true;
      }
    }
    size_t start = i;
    while (i < s.size() && (std::string_view("+-.eE0123456789").find(s[i]) != std::string_view::npos)) ++i;
    if (i == start) return false;
    v.kind = Value::Kind::kNumber;
    v.text = std::string(s.substr(start, i - start));
    return true;
  }
};

}  // namespace

const Value& Value::operator[](const std::string& key) const {
  auto it = members.find(key);
  return it == members.end() ? kNull : it->second;
}

const Value& Value::operator[](size_t k) const { return k < items.size() ? items[k] : kNull; }

bool parse(std::string_view s, Value& out) {
  Parser p{s};
  out = Value{};
  if (!p.value(out, 0)) return false;
  p.ws();
  return p.i == s.size();
}

}  // namespace hanfacts::conformance::json
