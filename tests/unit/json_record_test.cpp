// Reading JSON Lines input records (src/cli/json_record.h).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "cli/json_record.h"
#include "text/json_string.h"

using hanfacts::cli::JsonRecord;
using hanfacts::cli::parse_json_record;

TEST_CASE("records: text, id and date; escapes; unknown members skipped") {
  struct Row {
    std::string line, text, id, date;
  };
  const Row rows[] = {
      {R"({"text":"삼성전자"})", "삼성전자", "", ""},
      {R"( { "id" : "a1" , "text" : "x", "date":"2025-11-01" } )", "x", "a1", "2025-11-01"},
      {R"({"text":"x","id":42})", "x", "42", ""},
      {R"({"text":"x","id":-7.5e+3})", "x", "-7.5e+3", ""},
      {R"({"text":"x","id":null,"date":null})", "x", "", ""},
      {R"({"text":"a\"b\\c\/d\n\t\r\b\f"})", "a\"b\\c/d\n\t\r\b\f", "", ""},
      {R"({"text":"\uAC00\u4e07"})", "가万", "", ""},
      {R"({"text":"\ud83d\ude00"})", "\xF0\x9F\x98\x80", "", ""},                 // surrogate pair
      {R"({"text":"\ud83dx"})", "\xEF\xBF\xBDx", "", ""},                         // lone high surrogate
      {R"({"text":"\ude00"})", "\xEF\xBF\xBD", "", ""},                           // lone low surrogate
      {R"({"text":"\ud83d\u0041"})", "\xEF\xBF\xBD", "", ""},                     // high + non-low
      {R"({"meta":{"a":[1,2,{"b":null}],"c":true},"text":"x","n":-0.5})", "x", "", ""},
      {R"({"text":"first","text":"last"})", "last", "", ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.line);
    JsonRecord rec;
    std::string error;
    REQUIRE(parse_json_record(r.line, rec, error));
    CHECK(rec.text == r.text);
    CHECK(rec.id == r.id);
    CHECK(rec.date == r.date);
  }
  // The CLI reuses one record per worker: nothing of an earlier line may remain.
  JsonRecord reused{"old text", "old id", "2000-01-01"};
  for (const Row& r : rows) {
    CAPTURE(r.line);
    std::string error;
    REQUIRE(parse_json_record(r.line, reused, error));
    CHECK(reused.text == r.text);
    CHECK(reused.id == r.id);
    CHECK(reused.date == r.date);
  }
}

TEST_CASE("malformed records are rejected with a reason") {
  struct Row {
    std::string line, error;
  };
  const Row rows[] = {
      {"", "not a JSON object"},
      {"[1,2]", "not a JSON object"},
      {"{bad", "bad member name"},
      {R"({"id":"x"})", "no \"text\" member"},
      {R"({"text":null})", "'text' must be a string"},
      {R"({"text":5})", "'text' must be a string"},
      {R"({"text":"x"} trailing)", "trailing characters after the object"},
      {R"({"text":"x",})", "bad member name"},
      {R"({"text":"x" "id":"y"})", "expected ',' or '}'"},
      {R"({"text":"unterminated})", "bad string value for 'text'"},
      {"{\"text\":\"raw\ttab\"}", "bad string value for 'text'"},  // control characters must be escaped
      {R"({"text":"\x41"})", "bad string value for 'text'"},
      {R"({"text":"\u12"})", "bad string value for 'text'"},
      {R"({"text":"x","id":01})", "bad number for 'id'"},
      {R"({"text":"x","id":-})", "bad number for 'id'"},
      {R"({"text":"x","id":1.})", "bad number for 'id'"},
      {R"({"text":"x","n":.5})", "bad value for 'n'"},
      {R"({"text":"x","n":1e})", "bad value for 'n'"},
      {R"({"text":"x","date":5})", "'date' must be a string"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.line);
    JsonRecord rec;
    std::string error;
    CHECK_FALSE(parse_json_record(r.line, rec, error));
    CHECK(error == r.error);
  }
}

TEST_CASE("deep nesting is refused, not a stack overflow") {
  std::string line = R"({"text":"x","deep":)";
  line += std::string(100000, '[');
  line += std::string(100000, ']');
  line += "}";
  JsonRecord rec;
  std::string error;
  CHECK_FALSE(parse_json_record(line, rec, error));
  CHECK(error == "bad value for 'deep'");
}

TEST_CASE("records: an escape or a closing quote at every position (the 64- and 16-byte runs)") {
  // Plain bytes are copied in runs of sixty-four (AVX2) and sixteen, then one at a time;
  // each stop byte must end its run wherever it falls, in either half of a 64-byte block.
  for (size_t len = 0; len <= 160; ++len) {
    for (size_t at = 0; at <= len; ++at) {
      std::string plain(len, 'a');
      for (size_t k = 0; k < len; k += 3) plain[k] = static_cast<char>(0xEA);  // some non-ASCII bytes too
      const std::string expected = plain.substr(0, at) + "\n\"" + plain.substr(at);
      const std::string line = "{\"text\":\"" + plain.substr(0, at) + "\\n\\\"" + plain.substr(at) + "\"}";
      CAPTURE(len);
      CAPTURE(at);
      JsonRecord rec;
      std::string error;
      REQUIRE(parse_json_record(line, rec, error));
      CHECK(rec.text == expected);
      // A raw control character is an error wherever it falls.
      const std::string bad = "{\"text\":\"" + plain.substr(0, at) + "\x01" + plain.substr(at) + "\"}";
      CHECK_FALSE(parse_json_record(bad, rec, error));
    }
  }
}

TEST_CASE("a string decoded over an old one, and a record over the last, equal a fresh decoding") {
  // read_json_string_over writes over what the string holds (shorter, longer, empty),
  // and a reused record's text is read that way: random strings with escapes, runs
  // across the 64- and 16-byte blocks, and bad ones, against a decoding into a new
  // string and a new record.
  uint32_t seed = 99;
  auto rnd = [&] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  const char* const kPieces[] = {"a", "가나다", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "\\t", " ",
                                 "中文", "0123456789abcdef", "\\/"};
  std::string over = "old bytes";
  JsonRecord reused;
  for (int round = 0; round < 2000; ++round) {
    std::string body;
    const int pieces = static_cast<int>(rnd() % (round % 5 == 0 ? 300 : 40));
    for (int k = 0; k < pieces; ++k) body += kPieces[rnd() % (sizeof kPieces / sizeof *kPieces)];
    if (rnd() % 10 == 0) {  // a raw control character: bad
      const size_t at = rnd() % (body.size() + 1);
      body = body.substr(0, at) + '\x01' + body.substr(at);
    }
    const std::string literal = "\"" + body + "\"";
    CAPTURE(round);
    std::string fresh;
    size_t fresh_pos = 0, over_pos = 0;
    const bool ok = hanfacts::text::read_json_string(literal, fresh_pos, fresh);
    CHECK(hanfacts::text::read_json_string_over(literal, over_pos, over) == ok);
    if (ok) {
      CHECK(over == fresh);
      CHECK(over_pos == fresh_pos);
    } else {
      over = std::string(rnd() % 200, 'z');  // whatever a failed read left, then some other old bytes
    }
    const std::string line = "{\"id\":\"r" + std::to_string(round) + "\",\"text\":" + literal + "}";
    JsonRecord new_record;
    std::string error, new_error;
    const bool parsed = parse_json_record(line, reused, error);
    CHECK(parse_json_record(line, new_record, new_error) == parsed);
    CHECK(parsed == ok);
    CHECK(reused.text == new_record.text);
    CHECK(reused.id == new_record.id);
    if (!parsed) CHECK(reused.text.empty());
  }
}
