// UTF-8 helpers and the sentence splitter (src/text/utf8.h, src/text/sentences.h).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text/sentences.h"
#include "text/strings.h"
#include "text/utf8.h"

using namespace hanfacts::text;

TEST_CASE("next_code_point decodes valid sequences and replaces malformed ones byte by byte") {
  struct Row {
    std::string in;
    std::vector<char32_t> cps;
  };
  const Row rows[] = {
      {"a", {'a'}},
      {"\xC3\xA9", {0xE9}},                           // é
      {"\xEA\xB0\x80", {0xAC00}},                     // 가
      {"\xF0\x9F\x98\x80", {0x1F600}},                // emoji
      {"\xEF\xBF\xBD", {0xFFFD}},                     // a real U+FFFD
      {"\xFF", {kReplacement}},                       // never valid
      {"\xC3", {kReplacement}},                       // truncated
      {"\xE2\x82", {kReplacement, kReplacement}},     // truncated 3-byte: each byte replaced
      {"\xC0\xAF", {kReplacement, kReplacement}},     // overlong '/'
      {"\xED\xA0\x80", {kReplacement, kReplacement, kReplacement}},  // surrogate D800
      {"\xF4\x90\x80\x80", {kReplacement, kReplacement, kReplacement, kReplacement}},  // > U+10FFFF
      {"\x80x", {kReplacement, 'x'}},                 // lone continuation byte
  };
  for (const Row& r : rows) {
    CAPTURE(r.in);
    std::vector<char32_t> got;
    for (size_t i = 0; i < r.in.size();) got.push_back(next_code_point(r.in, i));
    CHECK(got == r.cps);
  }
}

TEST_CASE("prev_code_point walks back over whole characters") {
  const std::string s = "a\xEA\xB0\x80\xF0\x9F\x98\x80";
  size_t i = s.size();
  CHECK(prev_code_point(s, i) == 0x1F600);
  CHECK(i == 4);
  CHECK(prev_code_point(s, i) == 0xAC00);
  CHECK(i == 1);
  CHECK(prev_code_point(s, i) == 'a');
  CHECK(i == 0);
  const std::string bad = "a\x80";
  i = bad.size();
  CHECK(prev_code_point(bad, i) == kReplacement);
  CHECK(i == 1);
}

TEST_CASE("append_utf8 round-trips every length") {
  for (char32_t cp : {char32_t{'A'}, char32_t{0xE9}, char32_t{0x4E07}, char32_t{0xFFFD}, char32_t{0x10FFFF}}) {
    std::string s;
    append_utf8(s, cp);
    size_t i = 0;
    CHECK(next_code_point(s, i) == cp);
    CHECK(i == s.size());
  }
}

TEST_CASE("count_code_points and find_invalid_utf8") {
  CHECK(count_code_points("") == 0);
  CHECK(count_code_points("2025년 3월") == 8);
  CHECK(count_code_points("\xF0\x9F\x98\x80x") == 2);
  CHECK(find_invalid_utf8("삼성전자 \xEF\xBF\xBD ok") == std::string::npos);
  CHECK(find_invalid_utf8("ab\xFF") == 2);
  CHECK(find_invalid_utf8("한\xEA\xB0") == 3);  // truncated at the end
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);
}

TEST_CASE("count_code_points counts non-continuation bytes at every length (16-, 8- and 1-byte steps)") {
  // Every byte value at every position of strings up to 40 bytes long.
  for (size_t len = 1; len <= 40; ++len) {
    for (int b = 0; b < 256; b += 5) {
      std::string s;
      for (size_t k = 0; k < len; ++k) s += static_cast<char>((b + 37 * k) & 0xFF);
      size_t expected = 0;
      for (unsigned char c : s) expected += (c & 0xC0) != 0x80;
      CAPTURE(len);
      CAPTURE(b);
      CHECK(count_code_points(s) == expected);
    }
  }
}

TEST_CASE("character classes") {
  CHECK(is_hangul_syllable(U'가'));
  CHECK_FALSE(is_hangul_syllable(U'ㄱ'));
  CHECK(is_han(U'萬'));
  CHECK(is_han(U'〇'));
  CHECK_FALSE(is_han(U'가'));
  CHECK(is_word_char(U'x'));
  CHECK(is_word_char(U'7'));
  CHECK(is_word_char(U'억'));
  CHECK_FALSE(is_word_char(U' '));
  CHECK_FALSE(is_word_char(U'。'));
}

namespace {
std::vector<std::string> sentences(std::string_view text) {
  std::vector<std::string> out;
  for (Span s : split_sentences(text)) out.emplace_back(text.substr(s.start, s.end - s.start));
  return out;
}
}  // namespace

TEST_CASE("split_sentences") {
  struct Row {
    std::string in;
    std::vector<std::string> out;
  };
  const Row rows[] = {
      {"", {}},
      {"   \n \n", {}},
      {"하나다. 둘이다.", {"하나다.", "둘이다."}},
      {"成长了1.5倍。第二句！第三句？", {"成长了1.5倍。", "第二句！", "第三句？"}},
      {"금리는 3.25%다. 끝", {"금리는 3.25%다.", "끝"}},
      {"정말?! 그렇다...", {"정말?!", "그렇다..."}},
      {"그는 \"좋다.\" 라고 말했다.", {"그는 \"좋다.\"", "라고 말했다."}},
      {"他说：“好。”然后走了。", {"他说：“好。”", "然后走了。"}},
      {"첫 줄\n둘째 줄", {"첫 줄", "둘째 줄"}},
      {"Windows\r\nline", {"Windows", "line"}},
      {"승인 : 2025. 11. 01. 21:27 기사", {"승인 : 2025. 11. 01. 21:27 기사"}},
      {"사이트는 naver.com 이다.", {"사이트는 naver.com 이다."}},
      {"매출 5조 원이었다.2분기", {"매출 5조 원이었다.2분기"}},  // no space and a digit: a token
      {"全角．句点　下一句", {"全角．", "句点　下一句"}},
      {"\xE3\x80\x80앞뒤 공백\xE3\x80\x80", {"앞뒤 공백"}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.in);
    CHECK(sentences(r.in) == r.out);
  }
}

TEST_CASE("split_sentences spans are ordered, in range and never split a character") {
  const std::string text = "가.\xFF나!\xE3\x80\x82다?\xE3\x80";  // malformed bytes and a cut 。
  size_t last = 0;
  for (Span s : split_sentences(text)) {
    CHECK(s.start >= last);
    CHECK(s.start < s.end);
    CHECK(s.end <= text.size());
    last = s.end;
  }
}

TEST_CASE("write_over puts a value over a string's tail, in place at the same length") {
  struct Row {
    std::string before;
    size_t pos;
    std::string value;
    std::string after;
  };
  const Row rows[] = {
      {"doc0000001", 0, "doc0000002", "doc0000002"},  // same length: copied in place
      {"ko", 0, "zh", "zh"},
      {"ko", 0, "", ""},                              // shorter
      {"", 0, "zh", "zh"},                            // longer
      {"", 0, "", ""},
      {"name:9", 5, "10", "name:10"},                 // longer tail
      {"name:10", 5, "11", "name:11"},                // same-length tail
      {"name:10", 5, "9", "name:9"},                  // shorter tail
      {"name:", 5, "1", "name:1"},
      {"name:7", 6, "", "name:7"},
      {"name:7", 6, "8", "name:78"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.before);
    CAPTURE(row.pos);
    CAPTURE(row.value);
    std::string s = row.before;
    write_over(s, row.pos, row.value);
    CHECK(s == row.after);
    if (row.pos == 0) {
      std::string t = row.before;
      write_over(t, row.value);
      CHECK(t == row.after);
    }
  }
  // The same-length copy stays in the string's room.
  std::string s = "doc0000001";
  const char* const room = s.data();
  write_over(s, 3, "0000042");
  CHECK(s == "doc0000042");
  CHECK(s.data() == room);
}
