// Property test: the invariants of every Extraction (tools/fuzz/fuzz_checks.h) hold on
// every corpus article, on each article cut at arbitrary byte positions (broken
// UTF-8 at the edges), and on adversarial shapes.
#include <doctest/doctest.h>

#include <filesystem>

#include "fuzz_checks.h"
#include "hanfacts/extractor.h"
#include "lexicon/tsv.h"

namespace {

const hanfacts::Extractor& shared_extractor() {
  static const hanfacts::Extractor* const kExtractor = [] {
    auto made = hanfacts::Extractor::Create(hanfacts::Options{});
    REQUIRE(made.ok());
    return new hanfacts::Extractor(std::move(made).value());
  }();
  return *kExtractor;
}


}  // namespace

TEST_CASE("invariants hold on every corpus article and its truncations") {
  const auto& ex = shared_extractor();
  size_t articles = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(HANFACTS_SOURCE_DIR "/corpus")) {
    if (e.path().extension() != ".txt") continue;
    const std::string text = hanfacts::lexicon::read_file(e.path().string()).value();
    ++articles;
    hanfacts::fuzz::check_extraction(text, ex.Extract(text, {}));
    // Cuts at every 97th byte land inside code points and inside expressions.
    for (size_t cut = 1; cut < text.size(); cut += 97) {
      std::string_view head(text.data(), cut), tail(text.data() + cut, text.size() - cut);
      hanfacts::fuzz::check_extraction(head, ex.Extract(head, {}));
      hanfacts::fuzz::check_extraction(tail, ex.Extract(tail, {}));
    }
  }
  MESSAGE(articles << " corpus articles checked");
}

TEST_CASE("invariants hold on adversarial shapes") {
  const auto& ex = shared_extractor();
  const std::string shapes[] = {
      std::string(100000, '9'),
      [] { std::string s; for (int i = 0; i < 20000; ++i) s += "억"; return s; }(),
      std::string(5000, '(') + "딥시크" + std::string(5000, ')'),
      [] { std::string s = "a"; for (int i = 0; i < 20000; ++i) s += "\xCC\x81"; return s; }(),  // combining marks
      [] { std::string s; for (int i = 0; i < 5000; ++i) s += "1조2억3만원~"; return s; }(),
      [] { std::string s; for (int i = 0; i < 5000; ++i) s += "2025年1月1日至"; return s; }(),
      std::string("\xFF\xFE\x00\x01\xC3", 5),
  };
  for (const auto& s : shapes) {
    hanfacts::DocContext ctx;
    ctx.ref_date = "2025-11-01";
    hanfacts::fuzz::check_extraction(s, ex.Extract(s, ctx));
  }
}
