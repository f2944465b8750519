// Decoding raw bytes (src/text/decode.h). Legacy-encoded test bytes are made here from
// UTF-8 text with ICU's converters, so the tests carry no opaque byte blobs.
#include <doctest/doctest.h>

#include <unicode/ucnv.h>

#include <string>
#include <vector>

#include "text/decode.h"

using namespace hanfacts::text;

namespace {

// UTF-8 -> `charset` bytes with ICU.
std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<size_t>(n));
  return out;
}

const std::string kKorean =
    "서울=연합뉴스) 삼성전자는 올해 3분기 반도체 부문에서 영업이익 7조 원을 기록했다고 31일 밝혔다. "
    "회사는 고대역폭 메모리 투자를 늘려 내년에도 성장세를 이어갈 계획이다.";
const std::string kChinese =
    "新华社北京11月1日电 国家统计局今天发布数据显示，前三季度全国规模以上工业企业实现利润总额五万亿元，"
    "同比增长百分之三点二。专家表示，经济回升向好的基础将进一步巩固。";
const std::string kTraditional =
    "台積電今年在高雄投資新台幣五千億元，預計明年開始量產先進製程晶片，董事長表示營收將持續成長。";

}  // namespace

TEST_CASE("UTF-8 passes through; a BOM is removed") {
  Decoded d = decode(kKorean, Encoding::kAuto);
  CHECK(d.text == kKorean);
  CHECK(d.encoding == "UTF-8");
  CHECK(d.warning.empty());
  CHECK_FALSE(d.binary);
  d = decode("\xEF\xBB\xBF" + kChinese, Encoding::kAuto);
  CHECK(d.text == kChinese);
  CHECK(d.warning.empty());
  d = decode("", Encoding::kAuto);
  CHECK(d.text.empty());
  CHECK_FALSE(d.binary);
}

TEST_CASE("invalid UTF-8 becomes U+FFFD with one warning naming the first bad byte") {
  struct Row {
    std::string in, text;
    size_t first_bad;
  };
  const Row rows[] = {
      {"ab\xFF" "cd", "ab\xEF\xBF\xBD" "cd", 2},
      {"가\x80\x80나", "가\xEF\xBF\xBD\xEF\xBF\xBD나", 3},
      {"\xC0\xAF!", "\xEF\xBF\xBD\xEF\xBF\xBD!", 0},
      {"끝\xEA\xB0", "끝\xEF\xBF\xBD\xEF\xBF\xBD", 3},
  };
  for (const Row& r : rows) {
    CAPTURE(r.in);
    // Forced UTF-8, so the legacy detector does not reinterpret these few bytes.
    Decoded d = decode(r.in, Encoding::kUtf8);
    CHECK(d.text == r.text);
    CHECK(d.warning == "invalid UTF-8 at byte " + std::to_string(r.first_bad) + " (replaced with U+FFFD)");
  }
  // Offsets count the BOM: they refer to the input as given.
  Decoded d = decode("\xEF\xBB\xBF" "a\xFF", Encoding::kAuto);
  CHECK(d.warning == "invalid UTF-8 at byte 4 (replaced with U+FFFD)");
}

TEST_CASE("repair_utf8 keeps valid input unchanged") {
  std::string out;
  CHECK(repair_utf8(kKorean, out) == std::string::npos);
  CHECK(out == kKorean);
  CHECK(repair_utf8("x\xFFy", out) == 1);
  CHECK(out == "x\xEF\xBF\xBDy");
}

TEST_CASE("legacy charsets are detected and converted") {
  struct Row {
    std::string utf8;
    const char* charset;
    std::string expected_name;
  };
  const Row rows[] = {
      {kKorean, "EUC-KR", "CP949"},  // EUC-KR is read with its superset CP949
      {kKorean, "windows-949", "CP949"},
      {kChinese, "GB18030", "GB18030"},
      {kChinese, "GBK", "GB18030"},
      {kTraditional, "Big5", "Big5"},
      // One short sentence: byte statistics cannot tell EUC-KR from GB2312 here; the
      // Hangul share of the CP949 reading does.
      {"삼성전자는 2025년 투자했다.", "EUC-KR", "CP949"},
      {"腾讯公司今年投资了五十亿元人民币。", "GB18030", "GB18030"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.charset);
    CAPTURE(r.utf8);
    const std::string bytes = encode(r.utf8, r.charset);
    REQUIRE(bytes != r.utf8);
    Decoded d = decode(bytes, Encoding::kAuto);
    CHECK(d.encoding == r.expected_name);
    CHECK(d.text == r.utf8);
    CHECK(d.warning.empty());
  }
}

TEST_CASE("an explicit encoding is used as given") {
  Encoding e;
  REQUIRE(parse_encoding("euc-kr", e));
  Decoded d = decode(encode(kKorean, "EUC-KR"), e);
  CHECK(d.text == kKorean);
  CHECK(d.encoding == "EUC-KR");
  REQUIRE(parse_encoding("GBK", e));
  CHECK(e == Encoding::kGb18030);
  CHECK_FALSE(parse_encoding("latin-1", e));
  CHECK(encoding_name(Encoding::kBig5) == "Big5");
}

TEST_CASE("an invalid byte in a legacy file is replaced and reported, the rest is kept") {
  std::string bytes = encode(kKorean, "EUC-KR");
  const size_t at = 15;  // after "서울=연합뉴스) ": a character boundary
  bytes.insert(at, "\xB0\x20");  // a lead byte followed by a space: invalid in CP949
  Decoded d = decode(bytes, Encoding::kAuto);
  CHECK(d.encoding == "CP949");
  CHECK(d.warning == "invalid CP949 at byte " + std::to_string(at) + " (replaced with U+FFFD)");
  CHECK(d.text.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(d.text.find("영업이익 7조 원을") != std::string::npos);
}

TEST_CASE("large legacy input converts completely (chunked conversion)") {
  std::string utf8;
  while (utf8.size() < 300000) utf8 += kChinese;
  Decoded d = decode(encode(utf8, "GB18030"), Encoding::kAuto);
  CHECK(d.encoding == "GB18030");
  CHECK(d.text == utf8);
  // Supplementary characters (4 bytes in GB18030, surrogate pairs inside ICU) survive
  // the chunk boundaries.
  std::string rare;
  while (rare.size() < 200000) rare += "\xF0\xA0\x80\x80\xE4\xB8\x80";  // U+20000 一
  d = decode(encode(rare, "GB18030"), Encoding::kGb18030);
  CHECK(d.text == rare);
  CHECK(d.warning.empty());
}

TEST_CASE("detect_encoding on a sample allows a character cut at its end") {
  const std::string text = kKorean + kKorean;
  CHECK(detect_encoding(text.substr(0, text.size() - 1)) == Encoding::kUtf8);
  CHECK(detect_encoding(encode(kKorean, "EUC-KR")) == Encoding::kCp949);
  CHECK(detect_encoding("plain ascii") == Encoding::kUtf8);
}

TEST_CASE("UTF-16 with a byte order mark") {
  const std::string le = "\xFF\xFE" + encode(kKorean, "UTF-16LE");
  Decoded d = decode(le, Encoding::kAuto);
  CHECK_FALSE(d.binary);
  CHECK(d.encoding == "UTF-16LE");
  CHECK(d.text == kKorean);
  const std::string be = "\xFE\xFF" + encode(kChinese, "UTF-16BE");
  d = decode(be, Encoding::kAuto);
  CHECK(d.text == kChinese);
}

TEST_CASE("NUL bytes in the first 8 KB mean binary") {
  CHECK(decode(std::string("abc\0def", 7), Encoding::kAuto).binary);
  std::string late(9000, 'a');
  late += '\0';
  Decoded d = decode(late, Encoding::kAuto);
  CHECK_FALSE(d.binary);  // past the first 8 KB it is only text with a control character
}

TEST_CASE("decode_in_place gives decode's text and messages, and views valid UTF-8 input") {
  const std::string inputs[] = {"",
                                "삼성전자 2025년",
                                "\xEF\xBB\xBF삼성전자",
                                "\xFF\xFE" "a\0b\0",
                                "abc\0def",
                                "\xBB\xEF\xBC\xBA",
                                "삼성 \xFF 전자",
                                "\xEF\xBB\xBF\xBB\xEF"};
  for (const std::string& in : inputs) {
    for (Encoding e : {Encoding::kAuto, Encoding::kUtf8, Encoding::kEucKr}) {
      CAPTURE(in);
      const Decoded want = decode(in, e);
      std::string_view text;
      const Decoded got = decode_in_place(in, e, text);
      if (!got.in_place) text = got.text;
      CHECK(text == want.text);
      CHECK(got.encoding == want.encoding);
      CHECK(got.binary == want.binary);
      CHECK(got.warning == want.warning);
      if (got.in_place) CHECK((text.data() >= in.data() && text.data() + text.size() <= in.data() + in.size()));
    }
  }
}
