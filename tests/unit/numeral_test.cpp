// Numeral parser: exact decimals, parse_numeral_at contract, find_numerals boundaries.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/sources.h"
#include "lexicon/tsv.h"
#include "numeral/numeral.h"
#include "text/fold.h"
#include "text/utf8.h"

using namespace hanfacts;

TEST_CASE("decimal arithmetic is exact") {
  bool ok = true;
  numeral::Decimal a{15, 1};  // 1.5
  CHECK(numeral::mul_pow10(a, 12, ok).to_string() == "1500000000000");
  CHECK(numeral::add(a, numeral::Decimal{25, 2}, ok).to_string() == "1.75");
  CHECK(numeral::Decimal{1500, 3}.to_string() == "1.5");
  CHECK(numeral::Decimal{-5, 2}.to_string() == "-0.05");
  CHECK(numeral::div(numeral::Decimal::of(1), numeral::Decimal::of(4), ok).to_string() == "0.25");
  CHECK(ok);
  numeral::mul_pow10(numeral::Decimal::of(1), 40, ok);
  CHECK_FALSE(ok);  // overflow is reported, not wrapped
}

TEST_CASE("whole decimals are written exactly (blocks of zeros, digit pairs)") {
  // Every length from 1 to 20 digits, with and without runs of zeros, checked against
  // std::to_string.
  unsigned long long values[] = {0, 7, 10, 99, 100, 101, 1000, 9999, 10000, 10001, 79400000000ULL,
                                 12060000000000ULL, 123456789012345678ULL, 1000000000000000000ULL,
                                 10000000000000000000ULL, 18446744073709551615ULL, 18446744073709550000ULL};
  for (unsigned long long v : values) {
    std::string out = "x";
    numeral::Decimal{static_cast<numeral::Int128>(v), 0}.append_to(out);
    CHECK(out.substr(0, 1) == "x");  // appended, not overwritten
    CHECK(out.substr(1) == std::to_string(v));
  }
  for (unsigned long long v = 1, k = 0; k < 20; ++k, v *= 10) {
    CHECK(numeral::Decimal{static_cast<numeral::Int128>(v), 0}.to_string() == std::to_string(v));
    CHECK(numeral::Decimal{static_cast<numeral::Int128>(v * 9 / 10 + 7), 0}.to_string() == std::to_string(v * 9 / 10 + 7));
  }
}

TEST_CASE("parse_numeral_at reads the longest numeral at a position") {
  struct Row {
    const char* text;
    size_t pos;
    const char* value;
    const char* surface;
  } rows[] = {
      {"매출 12조600억 원", 7, "12060000000000", "12조600억"},
      {"约1.5万亿元", 3, "1500000000000", "1.5万亿"},
      {"2억 4천 4백만 달러", 0, "244000000", "2억 4천 4백만"},
      {"1억 이상", 0, "100000000", "1억"},  // 이 after a space is not 2
      {"两千四百五", 0, "2450", "两千四百五"},
      {"十几亿", 0, "1100000000..1900000000", "十几亿"},
  };
  for (const Row& r : rows) {
    const std::string f = text::fold(r.text);
    auto n = numeral::parse_numeral_at(f, r.pos);
    REQUIRE_MESSAGE(n.has_value(), r.text);
    CHECK_MESSAGE(n->value_string() == r.value, r.text);
    CHECK_MESSAGE(f.substr(n->start, n->end - n->start) == r.surface, r.text);
  }
  CHECK_FALSE(numeral::parse_numeral_at("abc", 0).has_value());
  CHECK_FALSE(numeral::parse_numeral_at("", 0).has_value());
}

TEST_CASE("date options keep 8点30 and 30분의 apart") {
  const auto o = numeral::ParseOptions::for_dates();
  const std::string t = text::fold("八点三十分");
  auto n = numeral::parse_numeral_at(t, 0, o);
  REQUIRE(n.has_value());
  CHECK(n->value_string() == "8");
  const std::string k = "30분의 회의";
  auto m = numeral::parse_numeral_at(k, 0, o);
  REQUIRE(m.has_value());
  CHECK(m->value_string() == "30");
  CHECK(m->end == 2);
}

TEST_CASE("find_numerals: attributive native numerals need a counter (lexicons/numeral/counters.tsv)") {
  struct Row {
    const char* text;
    const char* value;  // nullptr: no numeral
  } rows[] = {
      // Counters known by their first syllable: 마리, 켤레, 가지, 군데.
      {"고양이 두 마리", "2"}, {"신발 세 켤레", "3"}, {"한 가지", "1"}, {"네 군데", "4"},
      {"세 개", "3"},          {"한 명", "1"},        {"두개", "2"},     {"스무 살", "20"},
      // Not counters: 네 몫 (your share), 한 사람 is no counter in the list, 세 나라.
      {"네 몫", nullptr},      {"한 사람", nullptr},  {"세 나라", nullptr},
  };
  for (const Row& r : rows) {
    const std::string f = text::fold(r.text);
    const auto found = numeral::find_numerals(f);
    if (r.value) {
      REQUIRE_MESSAGE(found.size() == 1, r.text);
      CHECK_MESSAGE(found[0].value_string() == r.value, r.text);
    } else {
      CHECK_MESSAGE(found.empty(), r.text);
    }
  }
}

TEST_CASE("find_numerals respects word boundaries") {
  struct Row {
    const char* text;
    size_t count;
  } rows[] = {
      {"한국 세계 이후 오늘 내일", 0}, {"사과 한 개", 1}, {"陆地 收拾 退伍", 0},
      {"192.168.1.2", 4},            {"2025.11.01", 3}, {"1, 234, 567", 3},
      // Ordinary words with a numeral character (lexicons/numeral/non_numeral_words.tsv).
      {"一切，四川，统一，万一，一直，十足", 0}, {"這不是四川這是五台山", 1}, {"壹切", 0},
      // ... but only where the word is written: 一千, 第四季度, 十分钟 stay numerals.
      {"一千 第四季度 十分钟", 3}, {"统一了三十个", 1},
  };
  for (const Row& r : rows) {
    const std::string f = text::fold(r.text);
    CHECK_MESSAGE(numeral::find_numerals(f).size() == r.count, r.text);
  }
}

// Long Arabic numbers: the integer digits are read 18 at a time in 64 bits and joined
// in 128 bits; the values must be the digit-by-digit ones.
TEST_CASE("parse_numeral_at: long Arabic numbers and scales") {
  struct Row {
    const char* text;
    const char* value;
  } rows[] = {
      {"123456789012345678901234567890", "123456789012345678901234567890"},
      {"1,234,567,890,123,456,789", "1234567890123456789"},
      {"18446744073709551616", "18446744073709551616"},
      {"999999999999999999", "999999999999999999"},
      {"9223372036854775807만", "92233720368547758070000"},
      {"9223372036854775808억", "922337203685477580800000000"},
      {"1.50", "1.5"},
      {"600억 원", "60000000000"},
      {"1.5万亿", "1500000000000"},
  };
  for (const Row& r : rows) {
    const std::string f = text::fold(r.text);
    auto n = numeral::parse_numeral_at(f, 0);
    REQUIRE_MESSAGE(n.has_value(), r.text);
    CHECK_MESSAGE(n->value_string() == r.value, r.text);
  }
}

// The short paths for Arabic numbers (parse_digits_lean, parse_arabic_fast) must give what
// lex() and evaluate() give: comma groups, decimals, scales after scales and the places
// where they hand over to the general reading.
TEST_CASE("parse_numeral_at: Arabic numbers with scales, as money reads them") {
  numeral::ParseOptions money;
  money.native_korean = money.fractions = money.exponents = money.metric_suffix = false;
  money.negative = money.dozen = false;
  struct Row {
    const char* text;
    const char* value;
    const char* surface;
    bool point;
  } rows[] = {
      {"1,234억 원", "123400000000", "1,234억", false},
      {"1.5조 원", "1500000000000", "1.5조", true},
      {"1.50조", "1500000000000", "1.50조", true},
      {"0.0억 원", "0", "0.0억", true},
      {"1.23456만", "12345.6", "1.23456만", true},
      {"2025.11.01", "2025", "2025", false},  // a dotted run: no decimals
      {"3万万元", "300000000", "3万万", false},
      {"5만억", "50000", "5만", false},  // a Korean scale after a scale ends the numeral
      {"3만5만", "30005", "3만5", false},
      {"96조782억 원", "96078200000000", "96조782억", false},
      {"1억7735만 원", "177350000", "1억7735만", false},
      {"1,2345", "1", "1", false},
      {"100달러", "100", "100", false},
      {"2억 4천만", "240000000", "2억 4천만", false},
  };
  for (const Row& r : rows) {
    const std::string f = text::fold(r.text);
    for (const numeral::ParseOptions& o : {numeral::ParseOptions{}, money}) {
      auto n = numeral::parse_numeral_at(f, 0, o);
      REQUIRE_MESSAGE(n.has_value(), r.text);
      CHECK_MESSAGE(n->value_string() == r.value, r.text);
      CHECK_MESSAGE(f.substr(n->start, n->end - n->start) == r.surface, r.text);
      CHECK_MESSAGE(n->has_decimal_point == r.point, r.text);
    }
  }
}

namespace {

// The plain reading of inside_non_numeral_word: some listed word holds text[start, end)
// at an offset k and occurs in the text at start - k.
bool inside_listed_word_plain(const std::vector<std::string>& words, std::string_view s, size_t start, size_t end) {
  const std::string_view num = s.substr(start, end - start);
  for (const std::string& w : words)
    for (size_t k = w.find(num); k != std::string::npos; k = w.find(num, k + 1))
      if (k <= start && s.compare(start - k, w.size(), w) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("inside_non_numeral_word agrees with a search through every listed word") {
  std::vector<std::string> words;
  for (const auto& src : lexicon::builtin_sources("numeral")) {
    if (!src.name.ends_with("/non_numeral_words.tsv")) continue;
    auto table = lexicon::parse_tsv(src.content, src.name, {"lang", "surface"});
    REQUIRE(table.ok());
    for (const auto& row : table.value().rows())
      for (auto w : lexicon::split_values(table.value().cell(row, "surface"))) words.push_back(text::fold(w));
  }
  REQUIRE(words.size() > 10);
  // Every word alone, inside other text, and run together with the next word; every span
  // of whole code points that starts with a lead byte.
  std::vector<std::string> texts;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& next = words[(i + 1) % words.size()];
    std::string t = words[i];
    texts.push_back(t);
    t = std::string("他说");
    t += words[i];
    t += "元";
    texts.push_back(t);
    t = std::string("a ");
    t += words[i];
    t += next;
    t += " 3";
    t += words[i];
    texts.push_back(t);
    t = next.substr(0, 3);  // a word with its first code point swapped
    t += words[i].substr(3);
    texts.push_back(t);
  }
  size_t spans = 0, inside = 0;
  for (const std::string& t : texts) {
    for (size_t a = 0; a < t.size(); ++a) {
      if ((static_cast<unsigned char>(t[a]) & 0xC0) == 0x80) continue;
      for (size_t b = a + 1; b <= t.size(); ++b) {
        if (b < t.size() && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) continue;
        const bool want = inside_listed_word_plain(words, t, a, b);
        if (numeral::inside_non_numeral_word(t, a, b) != want)
          FAIL_CHECK(t << " [" << a << ", " << b << "): want " << want);
        ++spans;
        inside += want;
      }
    }
  }
  CHECK(inside > 100);
  CHECK(spans > inside);
}

// non_numeral_word_chars() is the filter the money reader tests inline before calling
// inside_non_numeral_word(): every code point of every listed word must be in it, or an
// amount inside such a word would be kept.
TEST_CASE("non_numeral_word_chars holds every code point of the listed words, and no digit") {
  const uint64_t* chars = numeral::non_numeral_word_chars();
  const auto has = [&](char32_t c) { return ((chars[c >> 6] >> (c & 63)) & 1) != 0; };
  size_t words = 0;
  for (const auto& src : lexicon::builtin_sources("numeral")) {
    if (!src.name.ends_with("/non_numeral_words.tsv")) continue;
    auto table = lexicon::parse_tsv(src.content, src.name, {"lang", "surface"});
    REQUIRE(table.ok());
    for (const auto& row : table.value().rows())
      for (auto w : lexicon::split_values(table.value().cell(row, "surface"))) {
        const std::string f = text::fold(w);
        ++words;
        for (size_t i = 0; i < f.size();) {
          const char32_t c = text::next_code_point(f, i);
          if (c < 0x10000) CHECK_MESSAGE(has(c), f);
        }
      }
  }
  CHECK(words > 10);
  for (char c = '0'; c <= '9'; ++c) CHECK_FALSE(has(static_cast<char32_t>(c)));
  CHECK(has(U'三'));
  CHECK(has(U'元'));
  CHECK_FALSE(has(U'亿'));
}

TEST_CASE("digit_run_end finds where a run of digits ends, as a byte loop does") {
  // Every byte value after runs of every length up to 20, at every offset into the run
  // and with the text ending anywhere after it.
  size_t checked = 0;
  for (int b = 0; b < 256; ++b) {
    if (b >= '0' && b <= '9') continue;
    for (size_t run = 0; run <= 20; ++run) {
      std::string t(1, 'x');
      t.append(run, '7');
      t.push_back(static_cast<char>(b));
      t.append("123456789");
      for (size_t k = 0; k < run; k += 3) t[1 + k] = static_cast<char>('0' + (k % 10));
      for (size_t n = 0; n <= t.size(); ++n) {
        for (size_t i = 0; i <= n; ++i) {
          size_t want = i;
          while (want < n && t[want] >= '0' && t[want] <= '9') ++want;
          if (numeral::digit_run_end(t.data(), i, n) != want) FAIL_CHECK("byte " << b << " run " << run << " i " << i << " n " << n);
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 100000);
}

TEST_CASE("mark_numeral_chars sets exactly the code points is_numeral_char accepts") {
  std::array<uint64_t, 1024> bmp{};
  numeral::mark_numeral_chars(bmp);
  std::vector<uint32_t> differ;
  for (char32_t c = 0; c < 0x10000; ++c)
    if ((((bmp[c >> 6] >> (c & 63)) & 1) != 0) != numeral::is_numeral_char(c)) differ.push_back(c);
  CHECK(differ == std::vector<uint32_t>{});
}

TEST_CASE("lone_numeral_char answers only where parse_numeral_at reads that character alone") {
  // Every Sino-Korean digit and every unit of both languages, before the end of the text
  // and before every ASCII, general punctuation, CJK and Hangul code point; the date
  // grammar reads one by it instead of through parse_numeral_at.
  const numeral::ParseOptions o = numeral::ParseOptions::for_dates();
  std::vector<std::string> differ;
  int taken = 0;
  for (const char32_t first : std::u32string_view(U"영공빵일이삼사오육륙칠팔구십백천十百千拾佰仟一二廿两")) {
    std::string lead;
    text::append_utf8(lead, first);
    const auto script = first >= 0xAC00 ? numeral::Script::kKorean : numeral::Script::kChinese;
    for (char32_t c = 0; c < 0xD7A4; ++c) {
      if (c == 0x80) c = 0x2000;
      if (c == 0x2070) c = 0x3000;
      std::string t = lead;
      if (c != 0) text::append_utf8(t, c);  // 0: the character ends the text
      const int v = numeral::lone_numeral_char(t, 0);
      if (v < 0) continue;
      ++taken;
      const auto n = numeral::parse_numeral_at(t, 0, o);
      if (!n || n->start != 0 || n->end != 3 || n->is_range() || !(n->low == numeral::Decimal::of(v)) ||
          n->script != script || n->has_scale || n->fraction || n->has_decimal_point || n->approx || n->native)
        differ.push_back(t);
    }
  }
  CHECK(differ == std::vector<std::string>{});
  CHECK(taken > 200000);  // most of the pairs: the character alone
  CHECK(numeral::lone_numeral_char("이번", 0) == 2);
  CHECK(numeral::lone_numeral_char("이다", 0) == -1);   // the copula
  CHECK(numeral::lone_numeral_char("이십", 0) == -1);   // 20
  CHECK(numeral::lone_numeral_char("일곱", 0) == 1);    // (7 only with native numerals)
  CHECK(numeral::lone_numeral_char("十年", 0) == 10);
  CHECK(numeral::lone_numeral_char("百分之", 0) == -1);  // per cent
  CHECK(numeral::lone_numeral_char("三年", 0) == -1);   // (a Chinese digit: parse_han's own)
}

// lexicons/numeral/numerals.tsv holds the numeral characters and native Korean words;
// the built-in file reads without error, and each check names file, line and column.
TEST_CASE("numeral lexicon: numerals.tsv reads, and malformed rows name file, line and column") {
  CHECK_MESSAGE(numeral::numerals_status().ok(), numeral::numerals_status().to_string());
  struct Row {
    const char* line;
    const char* column;
    const char* says;
  } rows[] = {
      {"ja\tdigit\t1\t一\t\n", "lang", "expected zh or ko"},
      {"zh\tnumber\t1\t一\t\n", "kind", "expected digit, unit"},
      {"zh\tdigit\t10\t一\t\n", "value", "from 0 to 9"},
      {"zh\tscale\tfour\t万\t\n", "value", "a whole number"},
      {"zh\tdigit\t1\t一二\t\n", "words", "expected one character"},
      {"zh\tdigit\t1\t1\t\n", "words", "expected one character of U+3000..U+D7FF"},
      {"zh\tdigit\t1\t\t\n", "words", "one or more words"},
      {"zh\tdigit\t1\t一\trare\n", "flags", "expected ambiguous, attributive, word_with_particle, counting or date"},
      {"zh\tunit\t2\t百\tcounting\n", "flags", "only a digit is counting"},
      {"zh\tscale\t4\t万\tdate\n", "flags", "only a digit, unit or tens character is date"},
      {"ko\tnative_unit\t1\t한\tdate\n", "flags", "only a digit, unit or tens character is date"},
      {"zh\tdigit\t1\t一\tword_with_particle\n", "flags", "only a Korean character"},
      {"zh\tdigit\t1\t一\tattributive\n", "flags", "only a native word"},
      {"zh\tnative_unit\t1\t一\t\n", "flags", "a native word is Korean"},
  };
  for (const Row& r : rows) {
    const std::string content = std::string("lang\tkind\tvalue\twords\tflags\n") + r.line;
    const Status status = numeral::check_numerals(content, "numerals.tsv");
    REQUIRE_FALSE(status.ok());
    const std::string msg = status.to_string();
    CHECK_MESSAGE(msg.find("numerals.tsv:2") != std::string::npos, msg);
    CHECK_MESSAGE(msg.find(std::string("column '") + r.column + "'") != std::string::npos, msg);
    CHECK_MESSAGE(msg.find(r.says) != std::string::npos, msg);
  }
  // word_with_particle: alone before a particle, 일 and 만 are words (일을 "the work", 만을
  // "only"), 삼 and 칠 numbers; before punctuation every one is a number.
  for (const char* word : {"일을", "만을", "이는", "수는"}) CHECK_MESSAGE(numeral::find_numerals(word).empty(), word);
  for (const char* number : {"삼을", "칠은", "일.", "만,"}) CHECK_MESSAGE(numeral::find_numerals(number).size() == 1, number);
  // counting: 两 and 俩 are 2 in a count (两千, 俩万) but no digit after a decimal point,
  // where 二 is one (一点二 is 1.2; 一点两小时 is 1 and "two hours").
  const auto numeral_value = [](std::string_view t) {
    const auto n = numeral::parse_numeral_at(t, 0);
    return n ? n->low.to_string() : std::string("none");
  };
  CHECK(numeral_value("两千") == "2000");
  CHECK(numeral_value("一点二") == "1.2");
  CHECK(numeral_value("一点两小时") == "1");
  CHECK(numeral_value("三点俩") == "3");
  // A character listed twice.
  const Status twice = numeral::check_numerals("lang\tkind\tvalue\twords\tflags\nzh\tdigit\t1\t一\t\nzh\tdigit\t2\t一\t\n", "n.tsv");
  CHECK_MESSAGE(twice.to_string().find("n.tsv:3") != std::string::npos, twice.to_string());
}

TEST_CASE("numeral lexicon: the joiner rows join a whole number to its fraction") {
  // numerals.tsv's joiners, read at start-up: 과 and 와 glued to a Korean number, 又 after
  // up to two spaces in Chinese; MONEY reads the Chinese ones before a minor tail.
  CHECK(numeral::joiners(numeral::Script::kKorean) == std::vector<std::string>{"과", "와"});
  CHECK(numeral::joiners(numeral::Script::kChinese) == std::vector<std::string>{"又"});
  CHECK(numeral::chinese_digits(0) == std::vector<char32_t>{U'〇', U'零'});
  const auto value = [](std::string_view t) {
    const auto n = numeral::parse_numeral_at(t, 0);
    return n && n->fraction && n->end == t.size() ? n->low.to_string() : std::string("none");
  };
  CHECK(value("일과 이분의 일") == "1.5");
  CHECK(value("삼와 사분의 일") == "3.25");
  CHECK(value("三百五十又3分之1").substr(0, 6) == "350.33");
  CHECK(value("二  又 二分之一") == "2.5");
  CHECK(value("일 과 이분의 일") == "none");   // a Korean joiner is glued
  CHECK(value("二   又二分之一") == "none");  // three spaces
  CHECK(value("二及二分之一") == "none");
  // A joiner takes no flag.
  const Status flagged = numeral::check_numerals("lang\tkind\tvalue\twords\tflags\nzh\tjoiner\t0\t又\tambiguous\n", "n.tsv");
  CHECK_MESSAGE(flagged.to_string().find("a joiner takes no flag") != std::string::npos, flagged.to_string());
  CHECK(numeral::check_numerals("lang\tkind\tvalue\twords\tflags\nzh\tjoiner\t0\t又\t\n", "n.tsv").ok());
}

TEST_CASE("numeral lexicon: the negative rows are the signs before a number") {
  // numerals.tsv's negative words, read at start-up, up to one space before the digits.
  const auto value = [](std::string_view t) {
    const auto n = numeral::parse_numeral_at(t, 0);
    return n && n->end == t.size() ? n->low.to_string() : std::string("none");
  };
  CHECK(value("负三") == "-3");
  CHECK(value("마이너스 3") == "-3");
  CHECK(value("마이나스3") == "-3");
  CHECK(value("음수 5") == "-5");
  CHECK(value("음수  5") == "none");  // two spaces
  CHECK(value("마이너스") == "none");
  CHECK(numeral::can_start_numeral(U'负'));
  CHECK(numeral::can_start_numeral(U'마'));
  CHECK(numeral::can_start_numeral(U'음'));
  CHECK(!numeral::can_start_numeral(U'플'));
  // A negative word opens with a Han or Hangul character (parse_numeral_at looks for
  // one only there) and takes no flag.
  const Status ascii = numeral::check_numerals("lang\tkind\tvalue\twords\tflags\nko\tnegative\t0\tminus\t\n", "n.tsv");
  CHECK_MESSAGE(ascii.to_string().find("opens with a Han or Hangul character") != std::string::npos, ascii.to_string());
  const Status flagged = numeral::check_numerals("lang\tkind\tvalue\twords\tflags\nzh\tnegative\t0\t负\tambiguous\n", "n.tsv");
  CHECK_MESSAGE(flagged.to_string().find("a negative word takes no flag") != std::string::npos, flagged.to_string());
}

// lexicons/numeral/korean_endings.tsv: the particles after which a lone Sino-Korean
// syllable stays a number, and the endings that make a final 이 the copula. Each row
// below turns on one of its entries; the built-in file reads clean, and a malformed row
// names file, line and column.
TEST_CASE("numeral lexicon: korean_endings.tsv decides particles and the copula") {
  struct Row {
    const char* text;
    const char* value;
    const char* surface;
  } rows[] = {
      {"1억 삼은", "100000003", "1억 삼"},     // 은 is a particle: 삼 is 3
      {"1억 삼까지", "100000003", "1억 삼"},   // 까 (까지)
      {"1억 삼성", "100000000", "1억"},        // 성 is none: 삼성 is a word
      {"삼백이다", "300", "삼백"},             // 다: the copula
      {"삼백이므로", "300", "삼백"},           // 므 (므로)
      {"삼백이번", "302", "삼백이"},           // 번 is no copula ending: 이 is 2
  };
  for (const Row& r : rows) {
    auto n = numeral::parse_numeral_at(r.text, 0);
    REQUIRE_MESSAGE(n.has_value(), r.text);
    CHECK_MESSAGE(n->value_string() == r.value, r.text);
    CHECK_MESSAGE(std::string_view(r.text).substr(n->start, n->end - n->start) == r.surface, r.text);
  }
  CHECK_MESSAGE(numeral::numerals_status().ok(), numeral::numerals_status().to_string());
  const auto error_of = [](const std::string& lines) {
    const Status status = numeral::check_korean_endings("kind\tsurface\n" + lines, "endings.tsv");
    return status.ok() ? std::string("ok") : status.to_string();
  };
  CHECK(error_of("particle\t은|으로\ncopula\t다\n") == "ok");
  CHECK(error_of("suffix\t은\n") == "endings.tsv:2: column 'kind': expected particle or copula");
  CHECK(error_of("particle\t\n") == "endings.tsv:2: column 'surface': expected one or more words");
  CHECK(error_of("particle\t은\ncopula\t다|x\n") ==
        "endings.tsv:3: column 'surface': 'x': expected a word that opens with a Hangul syllable");
}

TEST_CASE("a Hangul numeral's last 이 before a space and a word is the subject particle (tested inline first)") {
  // parse_numeral_at() tests the length and the last syllable before it calls
  // ends_with_particle_i(): 이 after a scale or a zero, two syllables or more, a space
  // and a word after it, is cut off; a numeral of one syllable, one ending in another
  // syllable, or one at the text's end is read whole.
  const auto read = [](std::string_view s) {
    const auto n = numeral::parse_numeral_at(s, 0);
    return n ? std::string(s.substr(n->start, n->end - n->start)) + "=" + n->value_string() : std::string();
  };
  CHECK(read("삼백이 넘는") == "삼백=300");
  CHECK(read("공백이 불가피") == "공백=0");
  CHECK(read("백이 넘는") == "백=100");
  CHECK(read("삼백이") == "삼백이=302");
  CHECK(read("십이 넘는") == "십이=12");
  CHECK(read("이 넘는") == "이=2");
  CHECK(read("삼백 넘는") == "삼백=300");
  CHECK(read("삼백이번") == "삼백이=302");
}
