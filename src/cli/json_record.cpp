#include "cli/json_record.h"


#include "text/json_string.h"

namespace hanfacts::cli {
namespace {

// A small strict JSON reader: enough for flat records, and it skips nested values.
// Nesting depth is bounded so that hostile input cannot exhaust the stack.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  bool record(JsonRecord& r, std::string& error) {
    ws();
    if (!eat('{')) return fail(error, "not a JSON object");
    bool have_text = false;
    ws();
    if (!eat('}')) {
      while (true) {
        ws();
        std::string_view key;
        if (!name(key)) return fail(error, "bad member name");
        ws();
        if (!eat(':')) return fail(error, "expected ':'");
        ws();
        if (key == "text" || key == "id" || key == "date") {
          // Read straight into the record's string: a record reused between lines keeps
          // its room. The article text is most of the line: room for all of it up front
          // instead of a doubling series of copies as its runs between escapes are appended,
          // and the last record's text is written over rather than cleared first (which
          // zeroed that room for every record: read_json_string_over).
          std::string& value = key == "text" ? r.text : key == "id" ? r.id : r.date;
          if (peek() == '"') {
            bool read;
            if (key == "text") {
              value.reserve(s_.size() - pos_);
              read = text::read_json_string_over(s_, pos_, value);
              have_text = read;
            } else {
              value.clear();
              read = string(value);
            }
            if (!read) return fail(error, about("bad string value for '", key, "'"));
          } else if (key == "id" && (peek() == '-' || is_digit(peek()))) {
            size_t start = pos_;
            if (!number()) return fail(error, "bad number for 'id'");
            r.id.assign(s_.substr(start, pos_ - start));
          } else if (key != "text" && s_.substr(pos_, 4) == "null") {
            pos_ += 4;
          } else {
            return fail(error, about("'", key, "' must be a string"));
          }
        } else if (!skip_value(0)) {
          return fail(error, about("bad value for '", key, "'"));
        }
        ws();
        if (eat(',')) continue;
        if (eat('}')) break;
        return fail(error, "expected ',' or '}'");
      }
    }
    ws();
    if (pos_ != s_.size()) return fail(error, "trailing characters after the object");
    if (!have_text) return fail(error, "no \"text\" member");
    return true;
  }

 private:
  // An error message that names a member.
  static std::string about(std::string_view before, std::string_view key, std::string_view after) {
    std::string message(before);
    message.append(key).append(after);
    return message;
  }
  static bool fail(std::string& error, std::string message) {
    error = std::move(message);
    return false;
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  void ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) ++pos_;
  }
  bool string(std::string& out) { return text::read_json_string(s_, pos_, out); }
  // A member name, viewed in place when it is plain bytes up to the closing quote (no
  // escape or control character: every name this reader looks for), else decoded into
  // name_ (which keeps its room). A view saves a string per member of every record.
  bool name(std::string_view& out) {
    if (peek() != '"') return false;
    for (size_t k = pos_ + 1; k < s_.size(); ++k) {
      const auto c = static_cast<unsigned char>(s_[k]);
      if (c == '"') {
        out = s_.substr(pos_ + 1, k - pos_ - 1);
        pos_ = k + 1;
        return true;
      }
      if (c == '\\' || c < 0x20) break;
    }
    name_.clear();
    if (!string(name_)) return false;
    out = name_;
    return true;
  }
  bool skip_value(int depth) {
    if (depth > 64) return false;
    ws();
    char c = peek();
    if (c == '"') {
      std::string ignored;
      return string(ignored);
    }
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++pos_;
      ws();
      if (eat(close)) return true;
      while (true) {
        ws();
        if (c == '{') {
          std::string key;
          if (!string(key)) return false;
          ws();
          if (!eat(':')) return false;
        }
        if (!skip_value(depth + 1)) return false;
        ws();
        if (eat(',')) continue;
        return eat(close);
      }
    }
    for (std::string_view word : {"true", "false", "null"}) {
      if (s_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return true;
      }
    }
    return number();
  }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  size_t digits() {
    const size_t start = pos_;
    while (pos_ < s_.size() && is_digit(s_[pos_])) ++pos_;
    return pos_ - start;
  }
  // RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number() {
    eat('-');
    if (eat('0')) {
      if (is_digit(peek())) return false;  // no leading zeros
    } else if (digits() == 0) {
      return false;
    }
    if (eat('.') && digits() == 0) return false;
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (!eat('+')) eat('-');
      if (digits() == 0) return false;
    }
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string name_;  // a member name with escapes, decoded
};

}  // namespace

bool parse_json_record(std::string_view line, JsonRecord& record, std::string& error) {
  // Cleared, not replaced: the strings keep their capacity for the next line. The text
  // keeps its bytes too, until the record's text is read over them (or the record fails).
  record.id.clear();
  record.date.clear();
  if (Reader(line).record(record, error)) return true;
  record.text.clear();
  return false;
}

}  // namespace hanfacts::cli
