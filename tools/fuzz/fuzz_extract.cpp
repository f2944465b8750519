// libFuzzer target: Extractor::Extract on arbitrary bytes, checking the invariants every
// caller relies on (issue "Robustness"): offsets inside the text, on code-point
// boundaries, text equal to the slice, facts in order and not overlapping, values
// well-formed for their type. A violation aborts, so the fuzzer keeps the input.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include "fuzz_checks.h"
#include "hanfacts/extractor.h"

namespace {

const hanfacts::Extractor& extractor() {
  static const hanfacts::Extractor* const kExtractor = [] {
    auto made = hanfacts::Extractor::Create(hanfacts::Options{});
    if (!made.ok()) {
      std::fprintf(stderr, "%s\n", made.status().to_string().c_str());
      std::abort();
    }
    return new hanfacts::Extractor(std::move(made).value());
  }();
  return *kExtractor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  hanfacts::DocContext ctx;
  // Half the inputs run with a reference date, half detect it from the text.
  if (size > 0 && data[0] % 2 == 0) ctx.ref_date = "2025-11-01";
  hanfacts::Extraction ex = extractor().Extract(text, ctx);
  hanfacts::fuzz::check_extraction(text, ex);
  return 0;
}
