// Duckling's duration, distance, quantity and ordinal corpora: none of those texts is a
// MONEY or DATE fact ("3天", "5公里", "两杯咖啡", "第三"), so each example passes when the
// extractor reports neither.
#include "conformance.h"

namespace hanfacts::conformance {

void register_negative_suites(std::vector<Suite>& suites) {
  for (const char* lang : {"ko", "zh"}) {
    for (const char* dim : {"duration", "distance", "quantity", "ordinal"}) {
      Suite s;
      s.file = std::string("duckling/") + lang + "-" + dim + ".jsonl";
      s.floor = 0.95;
      s.score = [](const json::Value& ex, const Env& env) {
        DocContext ctx;
        ctx.ref_date = "2013-02-12";
        Extraction got = env.extractor.Extract(ex["text"].text, ctx);
        for (const Fact& f : got.facts) {
          if (f.type == FactType::kMoney || f.type == FactType::kDate)
            return Outcome{false, std::string(fact_type_name(f.type)) + " " + f.text + " = " + f.value};
        }
        return Outcome{true, ""};
      };
      suites.push_back(std::move(s));
    }
  }
}

}  // namespace hanfacts::conformance
