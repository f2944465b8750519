// CSV, TSV and JSON Lines writers and the offset converter (src/output).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>

#include "hanfacts/writer.h"
#include "output/offsets.h"
#include "text/utf8.h"

using namespace hanfacts;

namespace {

Fact fact(FactType type, size_t start, size_t end, std::string text, std::string value, std::string unit,
          std::string flags = "") {
  Fact f;
  f.type = type;
  f.start = start;
  f.end = end;
  f.text = std::move(text);
  f.value = std::move(value);
  f.unit = std::move(unit);
  f.flags = std::move(flags);
  return f;
}

std::string write(OutputFormat format, WriterOptions options, std::string_view doc, std::string_view text,
                  const Extraction& ex) {
  std::ostringstream out;
  auto w = make_writer(format, options, out);
  w->begin();
  w->Write({doc, text, ex});
  return out.str();
}

// "딥시크는 2025년 1조 원" : byte offsets 0..9 (딥시크), 13..20 (2025년), 21..29 (1조 원)
const std::string kText = "딥시크는 2025년 1조 원";

Extraction sample() {
  Extraction ex;
  ex.lang = "ko";
  ex.ref_date = "2025-11-01";
  ex.facts.push_back(fact(FactType::kOrg, 0, 9, "딥시크", "DeepSeek", "company"));
  ex.facts.push_back(fact(FactType::kDate, 13, 20, "2025년", "2025", "year"));
  ex.facts.push_back(fact(FactType::kMoney, 21, 29, "1조 원", "1000000000000", "KRW", "approx;min"));
  return ex;
}

}  // namespace

TEST_CASE("CSV: header, rows, code-point offsets") {
  const std::string got = write(OutputFormat::kCsv, {}, "a.txt", kText, sample());
  CHECK(got ==
        "doc,id,type,start,end,text,value,unit,flags\n"
        "a.txt,1,ORG,0,3,딥시크,DeepSeek,company,\n"
        "a.txt,2,DATE,5,10,2025년,2025,year,\n"
        "a.txt,3,MONEY,11,15,1조 원,1000000000000,KRW,approx;min\n");
}

TEST_CASE("CSV: byte offsets and no header") {
  const std::string got = write(OutputFormat::kCsv, {.header = false, .offsets = OffsetUnit::kBytes}, "a.txt",
                                kText, sample());
  CHECK(got ==
        "a.txt,1,ORG,0,9,딥시크,DeepSeek,company,\n"
        "a.txt,2,DATE,13,20,2025년,2025,year,\n"
        "a.txt,3,MONEY,21,29,1조 원,1000000000000,KRW,approx;min\n");
}

TEST_CASE("CSV quoting follows RFC 4180") {
  struct Row {
    std::string field, csv;
  };
  const Row rows[] = {
      {"plain", "plain"},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"line\nbreak", "\"line\nbreak\""},
      {"cr\rhere", "\"cr\rhere\""},
      {"", ""},
      {"semi;colon 'q'", "semi;colon 'q'"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.field);
    Extraction ex;
    ex.facts.push_back(fact(FactType::kOrg, 0, 1, r.field, "v", "u"));
    const std::string got = write(OutputFormat::kCsv, {.header = false}, r.field, "x", ex);
    CHECK(got == r.csv + ",1,ORG,0,1," + r.csv + ",v,u,\n");
  }
}

TEST_CASE("CSV quoting at every length and position (the word-at-a-time checks)") {
  // A field is checked in words of four and eight bytes; a special byte must be seen
  // wherever it falls, including in the overlap of the last word.
  for (size_t len = 1; len <= 40; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (char special : {',', '"', '\r', '\n'}) {
        std::string field(len, 'x');
        field[at] = special;
        std::string quoted = "\"";
        for (char c : field) {
          if (c == '"') quoted += '"';
          quoted += c;
        }
        quoted += '"';
        CAPTURE(len);
        CAPTURE(at);
        Extraction ex;
        ex.facts.push_back(fact(FactType::kOrg, 0, 1, field, "v", "u"));
        CHECK(write(OutputFormat::kCsv, {.header = false}, "d", std::string(len, 'x'), ex) ==
              "d,1,ORG,0,1," + quoted + ",v,u,\n");
      }
    }
    Extraction ex;
    ex.facts.push_back(fact(FactType::kOrg, 0, 1, std::string(len, 'x'), "v", "u"));
    CHECK(write(OutputFormat::kCsv, {.header = false}, "d", std::string(len, 'x'), ex) ==
          "d,1,ORG,0,1," + std::string(len, 'x') + ",v,u,\n");
  }
}

TEST_CASE("TSV escapes tab, newline, carriage return and backslash") {
  Extraction ex;
  ex.facts.push_back(fact(FactType::kOrg, 0, 1, "a\tb\nc\\d\re", "v", "u"));
  const std::string got = write(OutputFormat::kTsv, {}, "d\t1", "x", ex);
  CHECK(got ==
        "doc\tid\ttype\tstart\tend\ttext\tvalue\tunit\tflags\n"
        "d\\t1\t1\tORG\t0\t1\ta\\tb\\nc\\\\d\\re\tv\tu\t\n");
}

TEST_CASE("JSONL: one object per document, facts grouped, escapes") {
  std::string got = write(OutputFormat::kJsonl, {}, "a.txt", kText, sample());
  CHECK(got ==
        "{\"doc\":\"a.txt\",\"ref_date\":\"2025-11-01\",\"lang\":\"ko\",\"facts\":["
        "{\"id\":1,\"type\":\"ORG\",\"start\":0,\"end\":3,\"text\":\"딥시크\",\"value\":\"DeepSeek\","
        "\"unit\":\"company\",\"flags\":\"\"},"
        "{\"id\":2,\"type\":\"DATE\",\"start\":5,\"end\":10,\"text\":\"2025년\",\"value\":\"2025\","
        "\"unit\":\"year\",\"flags\":\"\"},"
        "{\"id\":3,\"type\":\"MONEY\",\"start\":11,\"end\":15,\"text\":\"1조 원\",\"value\":\"1000000000000\","
        "\"unit\":\"KRW\",\"flags\":\"approx;min\"}]}\n");

  Extraction none;
  got = write(OutputFormat::kJsonl, {}, "q\"\\\x01\x1f\t\n\r/", "", none);
  CHECK(got == "{\"doc\":\"q\\\"\\\\\\u0001\\u001f\\t\\n\\r/\",\"ref_date\":null,\"lang\":\"\",\"facts\":[]}\n");
}

TEST_CASE("OffsetConverter: chars vs bytes, monotonic calls") {
  const std::string text = "a가𠀀b";  // 1 + 3 + 4 + 1 bytes
  output::OffsetConverter chars(text, OffsetUnit::kChars);
  CHECK(chars(0) == 0);
  CHECK(chars(1) == 1);
  CHECK(chars(4) == 2);
  CHECK(chars(8) == 3);
  CHECK(chars(9) == 4);
  output::OffsetConverter bytes(text, OffsetUnit::kBytes);
  CHECK(bytes(4) == 4);
  CHECK(bytes(9) == 9);
  // Offsets may come in any order (going backwards gives the right answer too).
  CHECK(chars(4) == 2);
}

TEST_CASE("JSONL escapes a string exactly where it needs it, at every length and position") {
  // Strings are copied whole and checked in 16-byte blocks (one that needs an escape is
  // written again byte by byte): every length and position around those steps.
  const auto escaped = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"') out += "\\\"";
      else if (c == '\\') out += "\\\\";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (u < 0x20) out += "\\u00" + std::string(1, "0123456789abcdef"[u >> 4]) + "0123456789abcdef"[u & 15];
      else out += c;
    }
    return out + "\"";
  };
  for (size_t len = 0; len <= 36; ++len) {
    for (char special : {'"', '\\', '\n', '\r', '\t', '\x01', '\x1f', 'y'}) {
      for (size_t at = 0; at < std::max<size_t>(len, 1); ++at) {
        std::string value(len, 'v');
        if (at < len) value[at] = special;
        Extraction ex;
        ex.facts.push_back(fact(FactType::kOrg, 0, 1, "x", value, "u", "f"));
        const std::string want = "{\"doc\":\"d\",\"ref_date\":null,\"lang\":\"\",\"facts\":[{\"id\":1,\"type\":\"ORG\","
                                 "\"start\":0,\"end\":1,\"text\":\"x\",\"value\":" +
                                 escaped(value) + ",\"unit\":\"u\",\"flags\":\"f\"}]}\n";
        CAPTURE(len);
        CAPTURE(at);
        CHECK(write(OutputFormat::kJsonl, WriterOptions{false, OffsetUnit::kBytes}, "d", "x", ex) == want);
      }
    }
  }
}

TEST_CASE("Numbers of every length are written in full") {
  // Offsets take the one-digit, two-digit, four-digit and general paths.
  for (size_t v : {size_t{0}, size_t{7}, size_t{10}, size_t{99}, size_t{100}, size_t{101}, size_t{999}, size_t{1000},
                   size_t{4321}, size_t{9999}, size_t{10000}, size_t{99999}, size_t{123456789}, SIZE_MAX}) {
    Extraction ex;
    ex.facts.push_back(fact(FactType::kDate, v, v, "x", "2025", "year"));
    CAPTURE(v);
    CHECK(write(OutputFormat::kCsv, WriterOptions{false, OffsetUnit::kBytes}, "d", "x", ex) ==
          "d,1,DATE," + std::to_string(v) + "," + std::to_string(v) + ",x,2025,year,\n");
  }
}

TEST_CASE("CodePointIndex agrees with count_code_points at every offset") {
  // Offsets in whole 64-byte blocks, in the zero-padded last block, at its end and at a
  // text size that is a multiple of 64 (an empty last block).
  std::string text;
  for (int k = 0; k < 16; ++k) text += "a가𠀀b\xC3\xA9\x80z";  // ASCII, 2-, 3-, 4-byte, a stray continuation byte
  output::CodePointIndex index;
  for (const size_t size : {text.size(), size_t{128}, size_t{63}, size_t{1}, size_t{0}}) {
    const std::string_view t = std::string_view(text).substr(0, size);
    index.build(t);  // reused from the last, longer or shorter text
    for (size_t byte = 0; byte <= t.size(); ++byte) {
      CAPTURE(size);
      CAPTURE(byte);
      CHECK(index.chars_before(byte) == text::count_code_points(t.substr(0, byte)));
    }
  }
}

TEST_CASE("CSV quotes a field exactly when it holds a comma, quote, CR or LF, wherever it is") {
  // A row's fields are checked as they are copied, each in words of four or eight bytes
  // or in 16-byte blocks (a row with a hit is written again field by field): every
  // length and position around those steps, with a plain and a quoted neighbour field.
  for (const std::string_view flags : {"ab,c", "abc"}) {
    for (const std::string& text : {std::string("x"), std::string(13, 'x')}) {
      for (size_t len = 0; len <= 36; ++len) {
        for (char special : {',', '"', '\r', '\n', 'y'}) {
          for (size_t at = 0; at < std::max<size_t>(len, 1); ++at) {
            std::string value(len, 'v');
            if (at < len) value[at] = special;
            Extraction ex;
            ex.facts.push_back(fact(FactType::kOrg, 0, 1, text, value, "u", std::string(flags)));
            std::string want = "d,1,ORG,0,1," + text + ",";
            if (value.find_first_of(",\"\r\n") == std::string::npos) {
              want += value;
            } else {
              want += '"';
              for (char c : value) want += c == '"' ? std::string("\"\"") : std::string(1, c);
              want += '"';
            }
            want += flags == "abc" ? ",u,abc\n" : ",u,\"ab,c\"\n";
            CAPTURE(len);
            CAPTURE(at);
            CHECK(write(OutputFormat::kCsv, WriterOptions{false, OffsetUnit::kBytes}, "d", std::string(40, 'x'), ex) ==
                  want);
          }
        }
      }
    }
  }
}

TEST_CASE("Fields of every length are copied byte for byte (the word and 16-byte copies)") {
  // Fields are copied as two overlapping words up to 16 bytes and in 16-byte steps with
  // an overlapping last step beyond: distinct bytes at every length, in every field, in
  // all three formats, against the field itself (none needs an escape).
  std::mt19937 rng(8);
  std::uniform_int_distribution<int> letter('a', 'z');
  for (size_t len = 0; len <= 80; ++len) {
    std::string field;
    for (size_t k = 0; k < len; ++k)  // high bytes among the letters: no escapes
      field += static_cast<char>(k % 3 == 2 ? 0x80 + k % 64 : letter(rng));
    for (int column = 0; column < 4; ++column) {
      std::string cells[4] = {"t", "v", "u", "f"};
      cells[column] = field;
      Extraction ex;
      ex.facts.push_back(fact(FactType::kMoney, 0, 1, cells[0], cells[1], cells[2], cells[3]));
      ex.facts.push_back(fact(FactType::kDate, 1, 2, field, field, field, field));
      CAPTURE(len);
      CAPTURE(column);
      const WriterOptions options{false, OffsetUnit::kBytes};
      const std::string row2 = field + "," + field + "," + field + "," + field;
      CHECK(write(OutputFormat::kCsv, options, "d", "xy", ex) == "d,1,MONEY,0,1," + cells[0] + "," + cells[1] + "," +
                                                                      cells[2] + "," + cells[3] + "\nd,2,DATE,1,2," +
                                                                      row2 + "\n");
      std::string tsv_row2 = row2;
      std::replace(tsv_row2.begin(), tsv_row2.end(), ',', '\t');
      CHECK(write(OutputFormat::kTsv, options, "d", "xy", ex) == "d\t1\tMONEY\t0\t1\t" + cells[0] + "\t" + cells[1] +
                                                                      "\t" + cells[2] + "\t" + cells[3] +
                                                                      "\nd\t2\tDATE\t1\t2\t" + tsv_row2 + "\n");
      CHECK(write(OutputFormat::kJsonl, options, "d", "xy", ex) ==
            "{\"doc\":\"d\",\"ref_date\":null,\"lang\":\"\",\"facts\":[{\"id\":1,\"type\":\"MONEY\",\"start\":0,"
            "\"end\":1,\"text\":\"" + cells[0] + "\",\"value\":\"" + cells[1] + "\",\"unit\":\"" + cells[2] +
                "\",\"flags\":\"" + cells[3] + "\"},{\"id\":2,\"type\":\"DATE\",\"start\":1,\"end\":2,\"text\":\"" +
                field + "\",\"value\":\"" + field + "\",\"unit\":\"" + field + "\",\"flags\":\"" + field + "\"}]}\n");
    }
  }
}

TEST_CASE("Rows give offsets in the unit asked for, in any order and past the text's end") {
  // The rows' loop is compiled once per unit: code points from the text's table (a byte
  // past the end counting as the end), or the bytes as they are, against a count of the
  // text's code points.
  std::mt19937 rng(31);
  const char* const kPieces[] = {"a", "가", "國", "𠀀", "é", " ", "\xFF", "\x80"};
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const int pieces = static_cast<int>(rng() % 120);
    for (int k = 0; k < pieces; ++k) text += kPieces[rng() % std::size(kPieces)];
    Extraction ex;
    std::string chars_rows, bytes_rows;
    for (size_t id = 1; id <= 20; ++id) {
      const size_t start = rng() % (text.size() + 3), end = rng() % (text.size() + 3);
      ex.facts.push_back(fact(FactType::kDate, start, end, "t", "v", "u"));
      const auto chars = [&](size_t byte) { return text::count_code_points(text.substr(0, std::min(byte, text.size()))); };
      chars_rows += "d," + std::to_string(id) + ",DATE," + std::to_string(chars(start)) + "," +
                    std::to_string(chars(end)) + ",t,v,u,\n";
      bytes_rows += "d\t" + std::to_string(id) + "\tDATE\t" + std::to_string(start) + "\t" + std::to_string(end) +
                    "\tt\tv\tu\t\n";
    }
    CAPTURE(round);
    CHECK(write(OutputFormat::kCsv, WriterOptions{false, OffsetUnit::kChars}, "d", text, ex) == chars_rows);
    CHECK(write(OutputFormat::kTsv, WriterOptions{false, OffsetUnit::kBytes}, "d", text, ex) == bytes_rows);
  }
}

TEST_CASE("CSV code-point offsets at every byte of several 64-byte blocks") {
  // The rows' loop counts the code points before an offset from its 64-byte block's mask
  // (the bits below the offset's place in it: BZHI where the CPU has BMI2, which takes the
  // place's low eight bits, not six, so the place must be masked). Every offset of a text
  // of five blocks and a part, and the two past its end, against a count.
  const char* const kPieces[] = {"a", "가", "國", "𠀀", "é", " "};
  std::mt19937 rng(64);
  std::string text;
  while (text.size() < 5 * 64 + 17) text += kPieces[rng() % std::size(kPieces)];
  Extraction ex;
  std::string rows;
  for (size_t byte = 0; byte <= text.size() + 1; ++byte) {
    const size_t end = std::min(byte + 70, text.size() + 1);  // the end in a later block
    ex.facts.push_back(fact(FactType::kOrg, byte, end, "t", "", ""));
    const auto chars = [&](size_t b) { return text::count_code_points(text.substr(0, std::min(b, text.size()))); };
    rows += "d," + std::to_string(byte + 1) + ",ORG," + std::to_string(chars(byte)) + "," + std::to_string(chars(end)) +
            ",t,,,\n";
  }
  CHECK(write(OutputFormat::kCsv, WriterOptions{false, OffsetUnit::kChars}, "d", text, ex) == rows);
}
