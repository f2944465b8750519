// Folding and its offset map (src/text/fold.h).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "text/fold.h"
#include "text/fold_data.h"
#include "text/utf8.h"

using namespace hanfacts::text;

namespace {

// The original text of the folded span [start, end).
std::string original_of(const FoldedText& f, size_t start, size_t end) {
  const size_t s = f.to_original_start(start), e = f.to_original_end(end);
  return std::string(f.original().substr(s, e - s));
}

}  // namespace

TEST_CASE("fold: NFKC, Traditional to Simplified, Latin lowercase") {
  struct Row {
    std::string in, out;
  };
  const Row rows[] = {
      {"２０２５年", "2025年"},
      {"萬億", "万亿"},
      {"貳", "贰"},
      {"國家", "国家"},
      {"ＤｅｅｐＳｅｅｋ", "deepseek"},
      {"OpenAI", "openai"},
      {"㈜", "(주)"},
      {"\xE3\x80\x80", " "},  // ideographic space
      {"삼성전자", "삼성전자"},
      {"ÉCOLE", "école"},       // Latin beyond ASCII lowercases too
      {"ΑΒΓ", "ΑΒΓ"},           // other scripts keep their case
      {"\xEF\xA4\x80", "岂"},   // U+F900 compatibility ideograph -> 豈 U+8C48 -> Simplified 岂
  };
  for (const Row& r : rows) {
    CAPTURE(r.in);
    CHECK(fold(r.in) == r.out);
    FoldedText f(r.in);
    CHECK(f.text() == r.out);
  }
}

TEST_CASE("text that folds to itself is not copied") {
  const std::string s = "삼성전자는 2025년 1조 원을 투자했다.";
  FoldedText f(s);
  CHECK(f.text().data() == s.data());
  CHECK(f.to_original_start(3) == 3);
  CHECK(f.to_original_end(9) == 9);
}

TEST_CASE("offsets of a folded span map back to the original surface") {
  const std::string s = "매출 ２０２５년 ㈜한빛 萬億 OK";
  FoldedText f(s);
  const std::string_view t = f.text();
  REQUIRE(t == "매출 2025년 (주)한빛 万亿 ok");

  const size_t year = t.find("2025년");
  CHECK(original_of(f, year, year + std::string("2025년").size()) == "２０２５년");
  // A span inside a digit run still maps to whole original code points.
  CHECK(original_of(f, year + 1, year + 3) == "０２");

  // ㈜ folds to three code points; any part of them maps back to the one ㈜.
  const size_t paren = t.find("(주)");
  CHECK(original_of(f, paren, paren + 5) == "㈜");   // "(주)" is 1 + 3 + 1 bytes
  CHECK(original_of(f, paren + 1, paren + 4) == "㈜");  // just "주"
  CHECK(original_of(f, paren, paren + std::string("(주)한빛").size()) == "㈜한빛");

  const size_t man = t.find("万亿");
  CHECK(original_of(f, man, man + 6) == "萬億");
  CHECK(original_of(f, t.size() - 2, t.size()) == "OK");
  CHECK(f.to_original_end(t.size()) == s.size());
}

TEST_CASE("malformed bytes fold to U+FFFD and keep the map exact") {
  const std::string s = "A\xFF" "B";
  FoldedText f(s);
  CHECK(f.text() == "a\xEF\xBF\xBD" "b");
  CHECK(f.to_original_start(1) == 1);  // U+FFFD came from byte 1
  CHECK(f.to_original_end(4) == 2);
  CHECK(f.to_original_start(4) == 2);  // 'b'
}

TEST_CASE("folding is per code point: the map is monotonic for mixed text") {
  const std::string s = "ＡＩ기본법 萬 ２ 𠀀 x";  // includes a supplementary ideograph
  FoldedText f(s);
  size_t last = 0;
  for (size_t i = 0; i < f.text().size(); ++i) {
    const size_t o = f.to_original_start(i);
    CHECK(o >= last);
    CHECK(o < s.size());
    last = o;
  }
}

TEST_CASE("the sparse offset map equals a per-byte map on random mixes") {
  // Pieces that keep, change in place, lengthen, shorten or break the byte length.
  const char* const kPieces[] = {"가", "a", "A", "國", "国", "２", "０", "㈜", "℃", "\xFF", "\xE2\x82",
                                 "𠀀", " ", "1", "萬", "ＡＩ", "\xEF\xBF\xBD", "é", "Ｂ", "\x80"};
  uint32_t seed = 12345;
  auto rnd = [&] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  for (int round = 0; round < 300; ++round) {
    std::string s;
    const int pieces = static_cast<int>(rnd() % 24);
    for (int k = 0; k < pieces; ++k) s += kPieces[rnd() % (sizeof kPieces / sizeof *kPieces)];
    // Reference: every folded byte knows its original code point's start.
    std::string folded;
    std::vector<size_t> map;
    for (size_t i = 0; i < s.size();) {
      const size_t start = i;
      const char32_t c = next_code_point(s, i);
      if (c == kReplacement && i - start != 3) append_utf8(folded, kReplacement);
      else append_folded(folded, c);
      map.resize(folded.size(), start);
    }
    map.push_back(s.size());
    FoldedText f(s);
    INFO("round " << round << " text " << s);
    REQUIRE(f.text() == folded);
    CHECK(f.first_invalid() == find_invalid_utf8(s));
    // Text that folds to itself has no map: offsets pass through (inside a code point too).
    const bool identity = f.text().data() == s.data();
    for (size_t i = 0; i <= folded.size(); ++i) {
      if (identity && i < folded.size() && (static_cast<unsigned char>(folded[i]) & 0xC0) == 0x80) continue;
      CHECK(f.to_original_start(i) == map[i]);
      if (i == 0) continue;
      size_t want = s.size();
      if (i < folded.size()) {
        if (map[i] != map[i - 1]) {
          want = map[i];
        } else {
          want = map[i - 1];
          next_code_point(s, want);
        }
      }
      CHECK(f.to_original_end(i) == want);
    }
  }
}

TEST_CASE("the cursor maps increasing offsets like the searches, and the fold counts Hangul and Han") {
  const char* const kPieces[] = {"가", "힣", "a", "A", "國", "国", "２", "㈜", "℃", "\xFF", "𠀀", " ", "1",
                                 "萬", "ＡＩ", "〇", "。", "㉮", "㊀", "\xED\x9E\xA4", "é", "Ｂ", "\x80", "丽"};
  uint32_t seed = 777;
  auto rnd = [&] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  for (int round = 0; round < 300; ++round) {
    std::string s;
    const int pieces = static_cast<int>(rnd() % 40);
    for (int k = 0; k < pieces; ++k) s += kPieces[rnd() % (sizeof kPieces / sizeof *kPieces)];
    FoldedText f(s);
    const std::string_view t = f.text();
    INFO("round " << round << " text " << s);
    FoldedText::Cursor cursor(f);
    for (size_t i = 0; i + 1 <= t.size(); i += 1 + rnd() % 3) {
      CHECK(cursor.start(i) == f.to_original_start(i));
      CHECK(cursor.end(i + 1) == f.to_original_end(i + 1));
    }
    FoldedText::Cursor back(f);  // going backwards falls back to a search
    for (size_t i = t.size(); i-- > 0;) CHECK(back.start(i) == f.to_original_start(i));
    size_t hangul = 0, han = 0;
    for (size_t i = 0; i < t.size() && i < FoldedText::kLangWindow;) {
      const char32_t c = next_code_point(t, i);
      hangul += is_hangul_syllable(c);
      han += is_han(c);
    }
    CHECK(f.hangul_count() == hangul);
    CHECK(f.han_count() == han);
    // Traditional: Han code points of the original that fold to another, within the window.
    size_t traditional = 0, folded_at = 0;
    for (size_t i = 0; i < s.size();) {
      const size_t from = i;
      const char32_t c = next_code_point(s, i);
      const std::string one = fold(s.substr(from, i - from));
      if (is_han(c) && c != kReplacement && one != s.substr(from, i - from) && folded_at < FoldedText::kLangWindow)
        ++traditional;
      folded_at += one.size();
    }
    CHECK(f.traditional_count() == traditional);
  }
}

TEST_CASE("language counts stop at the window, in folded bytes") {
  // Full-width digits shrink from three bytes to one, so the window holds more of the
  // original; ㈜ grows from three to five.
  for (const std::string& head : {std::string(""), std::string("２０２５"), std::string("㈜㈜")}) {
    std::string s = head;
    while (s.size() < FoldedText::kLangWindow + 30) s += "한";
    s += "中中中國國";  // past the window: 國 is not counted as Traditional either
    FoldedText f(s);
    const std::string_view t = f.text();
    size_t hangul = 0, han = 0;
    for (size_t i = 0; i < t.size() && i < FoldedText::kLangWindow;) {
      const char32_t c = next_code_point(t, i);
      hangul += is_hangul_syllable(c);
      han += is_han(c);
    }
    CAPTURE(head);
    CHECK(f.hangul_count() == hangul);
    CHECK(f.han_count() == han);
    CHECK(f.traditional_count() == 0);
  }
}

TEST_CASE("a run of changes longer than one anchor holds maps back exactly") {
  // 70,000 full-width digits (three bytes to one each) amid Hangul: an anchor counts at
  // most 65,535 code points of a run, so the run takes two.
  constexpr size_t kDigits = 70000;
  std::string s = "가";
  for (size_t k = 0; k < kDigits; ++k) s += "２";
  s += "나";
  FoldedText f(s);
  const std::string_view t = f.text();
  REQUIRE(t.size() == 3 + kDigits + 3);
  FoldedText::Cursor cursor(f);
  for (const size_t i : {size_t{0}, size_t{2}, size_t{3}, size_t{4}, size_t{65537}, size_t{65538}, size_t{65539},
                         kDigits + 2, kDigits + 3, kDigits + 5}) {
    CAPTURE(i);
    const size_t want = i < 3 ? 0 : i < 3 + kDigits ? 3 + (i - 3) * 3 : 3 + kDigits * 3;
    CHECK(f.to_original_start(i) == want);
    CHECK(cursor.start(i) == want);
    CHECK(cursor.end(i + 1) == f.to_original_end(i + 1));
  }
  CHECK(f.to_original_end(t.size()) == s.size());
}

TEST_CASE("every BMP code point folds as the generated table says, and counts its fold's Hangul and Han") {
  // The fold table is built at start-up from fold_data::kEntries: each code point's fold
  // (fold(), and the scan between a Hangul syllable and a Han one), whether it folds to
  // itself, and the Hangul, Han and Traditional counts of its fold.
  std::vector<const fold_data::FoldEntry*> entry(0x10000, nullptr);
  for (size_t k = 0; k < fold_data::kEntryCount; ++k) entry[fold_data::kEntries[k].code_point] = &fold_data::kEntries[k];
  size_t folding = 0;
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // not in UTF-8
    std::string one;
    append_utf8(one, c);
    const std::string want = entry[c] != nullptr ? std::string(entry[c]->folded, entry[c]->length) : one;
    folding += want != one;
    const std::string s = "가" + one + "中";
    const FoldedText f(s);
    const std::string_view t = f.text();
    size_t hangul = 0, han = 0;
    for (size_t i = 0; i < t.size();) {
      const char32_t d = next_code_point(t, i);
      hangul += is_hangul_syllable(d);
      han += is_han(d);
    }
    const bool ok = fold(one) == want && t == "가" + want + "中" && f.hangul_count() == hangul &&
                    f.han_count() == han && f.traditional_count() == (is_han(c) && want != one ? 1u : 0u);
    if (!ok) {
      CAPTURE(static_cast<uint32_t>(c));
      CHECK(fold(one) == want);
      CHECK(t == "가" + want + "中");
      CHECK(f.hangul_count() == hangul);
      CHECK(f.han_count() == han);
      CHECK(f.traditional_count() == (is_han(c) && want != one ? 1u : 0u));
    }
  }
  CHECK(folding > 1000);  // the table is there (NFKC and Traditional folds)
  // Overlong three-byte forms (below U+0800) are malformed, never taken as they are.
  for (unsigned second = 0x80; second < 0xA0; ++second) {
    for (unsigned third : {0x80u, 0x81u, 0x9Au, 0xBFu}) {
      const std::string s = "가" + std::string{'\xE0', static_cast<char>(second), static_cast<char>(third)} + "中";
      CAPTURE(second);
      CHECK(FoldedText(s).text() == fold(s));
      CHECK(FoldedText(s).first_invalid() == 3);
    }
  }
}

TEST_CASE("a FoldedText reused for text after text folds each as a new one would") {
  // assign() keeps the last folded copy's bytes and size, and a copy is written over
  // them: longer and shorter texts, folding and not, after one another, against a new
  // FoldedText of the same text and the plain fold().
  const char* const kPieces[] = {"가", "국", "a", "A", "國", "国", "２", "㈜", "℃", "\xFF", "𠀀", " ", "1", "萬",
                                 "ＡＩ", "。", "，", "é", "\x80", "丽", "中文", "한국어 문장", "Ｂ", "ﬁ"};
  uint32_t seed = 4242;
  auto rnd = [&] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  FoldedText reused;
  for (int round = 0; round < 400; ++round) {
    std::string s;
    const int pieces = static_cast<int>(rnd() % (round % 7 == 0 ? 400 : 30));
    const bool plain = rnd() % 3 == 0;  // text that folds to itself between ones that fold
    for (int k = 0; k < pieces; ++k) s += plain ? "가나 " : kPieces[rnd() % (sizeof kPieces / sizeof *kPieces)];
    reused.assign(s);
    const FoldedText fresh(s);
    INFO("round " << round << " text " << s);
    CHECK(reused.text() == fold(s));
    CHECK(reused.text() == fresh.text());
    CHECK(reused.first_invalid() == fresh.first_invalid());
    CHECK(reused.hangul_count() == fresh.hangul_count());
    CHECK(reused.han_count() == fresh.han_count());
    CHECK(reused.traditional_count() == fresh.traditional_count());
    for (size_t i = 0; i <= reused.text().size(); ++i) {
      CHECK(reused.to_original_start(i) == fresh.to_original_start(i));
      CHECK(reused.to_original_end(i) == fresh.to_original_end(i));
    }
  }
}
