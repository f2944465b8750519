// MONEY recognizer through the engine (money only): spans, values, flags, equivalents.
#include <doctest/doctest.h>

#include "hanfacts/extractor.h"

using namespace hanfacts;

namespace {

const Extractor& money_only() {
  static const Extractor ex = [] {
    Options o;
    o.find_orgs = false;
    o.find_dates = false;
    return Extractor::Create(o).value();
  }();
  return ex;
}

std::string facts(const char* text) {
  std::string out;
  for (const Fact& f : money_only().Extract(text, DocContext{}).facts) {
    if (f.type != FactType::kMoney) continue;
    if (!out.empty()) out += " | ";
    out += f.text + "=" + f.value + " " + f.unit + (f.flags.empty() ? "" : " [" + f.flags + "]");
  }
  return out;
}

}  // namespace

TEST_CASE("money facts") {
  struct Row {
    const char* text;
    const char* want;
  } rows[] = {
      {"600억 위안(元·12조600억 원)", "600억 위안=60000000000 CNY | 12조600억 원=12060000000000 KRW [equiv=1]"},
      {"557만6000달러(약 78억8000만원)", "557만6000달러=5576000 USD | 78억8000만원=7880000000 KRW [approx;equiv=1]"},
      {"약 600억 위안 이상", "600억 위안=60000000000 CNY [approx;min]"},
      {"十几亿元", "十几亿元=1100000000..1900000000 CNY [approx]"},
      {"3~5万元", "3~5万元=30000..50000 CNY"},
      {"新台幣100億元", "新台幣100億元=10000000000 TWD"},
      {"$20，300美圆", "$20=20 USD | 300美圆=300 USD"},
      {"3만8210건, 5000여 개, 42배, 1∼6위", ""},
      {"원래 지원 병원 위원회 조직 사원", ""},
      {"一块蛋糕", ""},
  };
  for (const Row& r : rows) CHECK_MESSAGE(facts(r.text) == r.want, r.text);
}
