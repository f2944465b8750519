// Microbenchmarks per pipeline stage (Google Benchmark), so a regression shows where
// it happens: folding, each recognizer alone, and the whole Extract.
//   build/tools/hanfacts_micro_bench [--benchmark_filter=Org]
// Input: every corpus/**/*.txt article concatenated (about 100 KB), repeated to 4 MB.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/engine.h"
#include "date/recognizer.h"
#include "hanfacts/extractor.h"
#include "lexicon/sources.h"
#include "money/recognizer.h"
#include "org/recognizer.h"
#include "text/fold.h"

namespace {

using namespace hanfacts;

const std::string& corpus_text() {
  static const std::string kText = [] {
    // The development articles in name order, as tools/bench's generator reads them: the
    // same input on every machine, unaffected by articles added under corpus/heldout.
    std::vector<std::filesystem::path> paths;
    for (const char* lang : {"/corpus/ko", "/corpus/zh"})
      for (auto& e : std::filesystem::directory_iterator(HANFACTS_SOURCE_DIR + std::string(lang)))
        if (e.path().extension() == ".txt") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    std::string all;
    for (const auto& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      all += s.str();
      all += "\n\n";
    }
    if (all.empty()) all = "딥시크는 2025년 11월 1일 600억 위안을 유치했다. 深度求索去年年底获得1.5万亿元。\n";
    std::string out;
    while (out.size() < (4u << 20)) out += all;
    return out;
  }();
  return kText;
}

void set_bytes(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(corpus_text().size()));
}

template <class Recognizer>
const Recognizer& recognizer(const char* folder) {
  static const Recognizer* const kRecognizer = [&] {
    auto made = Recognizer::create(lexicon::builtin_sources(folder));
    if (!made.ok()) std::abort();
    return new Recognizer(std::move(made).value());
  }();
  return *kRecognizer;
}

void BM_Fold(benchmark::State& state) {
  for (auto _ : state) {
    text::FoldedText folded(corpus_text());
    benchmark::DoNotOptimize(folded.text().data());
  }
  set_bytes(state);
}
BENCHMARK(BM_Fold)->Unit(benchmark::kMillisecond);

// Text that is already folded (most Korean and Simplified Chinese news): the fold's
// quick checks alone, no copy and no map.
void BM_FoldNormalized(benchmark::State& state) {
  static const std::string kFolded(text::FoldedText(corpus_text()).text());
  for (auto _ : state) {
    text::FoldedText folded(kFolded);
    benchmark::DoNotOptimize(folded.text().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(kFolded.size()));
}
BENCHMARK(BM_FoldNormalized)->Unit(benchmark::kMillisecond);

template <class Recognizer>
void run_recognizer(benchmark::State& state, const char* folder) {
  const Recognizer& r = recognizer<Recognizer>(folder);
  text::FoldedText folded(corpus_text());
  core::Document doc{folded, folded.text()};
  doc.lang = detail::detect_lang(doc.text);
  doc.ref = core::RefDate{2025, 11, 1};
  core::Candidates out;
  for (auto _ : state) {
    out.clear();
    r.find(doc, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["facts"] = static_cast<double>(out.size());
  set_bytes(state);
}

void BM_Org(benchmark::State& state) { run_recognizer<org::Recognizer>(state, "org"); }
void BM_Money(benchmark::State& state) { run_recognizer<money::Recognizer>(state, "money"); }
void BM_Date(benchmark::State& state) { run_recognizer<date::Recognizer>(state, "date"); }
BENCHMARK(BM_Org)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Money)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Date)->Unit(benchmark::kMillisecond);

void BM_Extract(benchmark::State& state) {
  static const Extractor* const kExtractor = [] {
    auto made = Extractor::Create(Options{});
    if (!made.ok()) std::abort();
    return new Extractor(std::move(made).value());
  }();
  DocContext ctx;
  ctx.ref_date = "2025-11-01";
  // One Extraction reused, as the CLI's workers do: a new one per run spent a quarter of
  // the time in the kernel, mapping and zeroing the facts' vector of a 4 MB document.
  Extraction ex;
  for (auto _ : state) {
    kExtractor->ExtractInto(corpus_text(), ctx, ex);
    benchmark::DoNotOptimize(ex.facts.data());
  }
  set_bytes(state);
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
