// libFuzzer target: a user organization lexicon (--lexicon FILE) through the same path
// as the CLI: parse, validate, build the matcher; then extract from a fixed text so the
// built automaton is exercised too. Bad files must fail with a Status, never crash.
#include <cstdint>
#include <string>

#include "fuzz_checks.h"
#include "hanfacts/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hanfacts::Options options;
  options.use_builtin_lexicons = false;
  options.find_money = options.find_dates = false;
  hanfacts::LexiconSource source;
  source.content.assign(reinterpret_cast<const char*>(data), size);
  source.name = "<fuzz>";
  if (source.content.empty()) return 0;
  options.org_lexicons.push_back(source);
  auto made = hanfacts::Extractor::Create(options);
  if (!made.ok()) return 0;
  static const std::string kText = "딥시크(DeepSeek·深度求索)는 삼성전자와 百度、阿里巴巴集团 그리고 OpenAI를 언급했다.";
  hanfacts::fuzz::check_extraction(kText, made.value().Extract(kText, {}));
  return 0;
}
