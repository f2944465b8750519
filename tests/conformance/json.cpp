#include "json.h"

#include "text/utf8.h"

namespace hanfacts::conformance::json {
namespace {

const Value kNull;

struct Parser {
  std::string_view s;
  size_t i = 0;
  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  bool hex4(unsigned& v) {
    if (i + 4 > s.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s[i++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  bool string(std::string& out) {
    if (i >= s.size() || s[i] != '"') return false;
    ++i;
    while (i < s.size()) {
      char c = s[i++];
      if (c == '"') return true;
      if (c != '\\') { out += c; continue; }
      if (i >= s.size()) return false;
      char e = s[i++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          unsigned u;
          if (!hex4(u)) return false;
          char32_t cp = u;
          if (u >= 0xD800 && u <= 0xDBFF && s.substr(i, 2) == "\\u") {
            i += 2;
            unsigned lo;
            if (!hex4(lo)) return false;
            cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          }
          text::append_utf8(out, cp);
          break;
        }
        default: out += e;
      }
    }
    return false;
  }
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
