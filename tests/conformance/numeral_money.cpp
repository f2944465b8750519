// Suites for numerals and money (owned by the numeral/money work).
//
// Mapping of the peers' conventions to ours:
// - Duckling numeral: the whole text is one numeral. Duckling folds a trailing
//   classifier 个/個 into the numeral ("一个"); ours stops before it, so the classifier
//   is allowed to stay outside. Values compare as numbers (15 significant digits, as
//   the peers print them).
// - Recognizers number: every expected numeral, same code-point span, same value, and
//   nothing else. Vague counts (二十几万) are reported by the peer with the vague digit
//   read as 0 (200000); we compare Numeral::base, our range's "digit as 0" reading.
// - Amounts: value in major units (Duckling and Recognizers count Cent/Pence/Penny in
//   minor units: 50 cents is our 0.5); a generic unit (Dollar, Pound, Franc...) accepts
//   the currencies it can name in Korean and Chinese news (달러 USD, 元/块 CNY, ...);
//   "from"/"to" open intervals are our value with the min/max flag (qualifiers are
//   outside the span, GUIDELINES.md), a closed interval is our LOW..HIGH.
#include <cmath>
#include <cstdlib>
#include <set>

#include "conformance.h"
#include "numeral/numeral.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace hanfacts::conformance {
namespace {

bool close(double a, double b) {
  if (a == b) return true;
  const double scale = std::max(std::fabs(a), std::fabs(b));
  return std::fabs(a - b) <= 1e-9 * scale + 1e-15;
}

double num(const json::Value& v) { return std::strtod(v.text.c_str(), nullptr); }

size_t cp_count(std::string_view s, size_t end) {
  size_t n = 0;
  for (size_t i = 0; i < end && i < s.size();) text::next_code_point(s, i), ++n;
  return n;
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  size_t k = 0;
  while (k < s.size() && s[k] == ' ') ++k;
  return s.substr(k);
}

// Numerals of `text` as {start cp, end cp, value} in the original's code points.
struct Found {
  size_t start, end;
  double value, base;
  std::string value_text;
};

std::vector<Found> numerals(const std::string& original) {
  text::FoldedText ft(original);
  std::vector<Found> out;
  for (const numeral::Numeral& n : numeral::find_numerals(ft.text())) {
    const size_t s = ft.to_original_start(n.start), e = ft.to_original_end(n.end);
    out.push_back({cp_count(original, s), cp_count(original, e), n.low.to_double(), n.base.to_double(),
                   n.value_string()});
  }
  return out;
}

Outcome score_duckling_numeral(const json::Value& ex, const Env&) {
  const std::string input = trim(ex["text"].text);
  std::vector<Found> got = numerals(input);
  std::string detail;
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on
  // "literal" + std::string&& in an optimised build.
  for (auto& f : got) {
    detail += '[';
    detail += std::to_string(f.start);
    detail += ',';
    detail += std::to_string(f.end);
    detail += ")=";
    detail += f.value_text;
    detail += ' ';
  }
  if (got.size() != 1) return {false, "found " + std::to_string(got.size()) + " numerals " + detail};
  size_t total = cp_count(input, input.size());
  // A trailing classifier 个 stays outside our numeral.
  if (got[0].end + 1 == total && (input.ends_with("个") || input.ends_with("個"))) total -= 1;
  if (got[0].start != 0 || got[0].end != total) return {false, "covers only " + detail};
  if (!close(got[0].value, num(ex["expected"]["value"]))) return {false, "value " + detail};
  return {true, ""};
}

Outcome score_recognizers_number(const json::Value& ex, const Env&) {
  std::vector<Found> got = numerals(ex["text"].text);
  const json::Value& want = ex["expected"];
  std::string detail = "got";
  for (auto& f : got) detail += " [" + std::to_string(f.start) + "," + std::to_string(f.end) + ")=" + f.value_text;
  detail += " want";
  for (size_t k = 0; k < want.size(); ++k)
    detail += " [" + want[k]["start"].text + "," + want[k]["end"].text + ")=" + want[k]["value"].text;
  if (got.size() != want.size()) return {false, detail};
  for (size_t k = 0; k < got.size(); ++k) {
    const double v = num(want[k]["value"]);
    if (got[k].start != static_cast<size_t>(num(want[k]["start"])) ||
        got[k].end != static_cast<size_t>(num(want[k]["end"])) || !close(got[k].base, v))
      return {false, detail};
  }
  return {true, ""};
}

// Currencies a peer's unit may name; divisor for minor units.
struct UnitReading {
  std::set<std::string> codes;
  double divisor = 1;
};

UnitReading reading(const json::Value& expected, const std::string& lang) {
  const std::string iso = expected["currency"].is_string() ? expected["currency"].text
                          : expected["iso"].is_string()    ? expected["iso"].text
                                                           : "";
  if (!iso.empty()) return {{iso}, 1};
  const std::string unit = expected["unit"].text;
  const std::set<std::string> dollars = lang == "zh" ? std::set<std::string>{"CNY", "HKD", "USD", "TWD"}
                                                     : std::set<std::string>{"USD"};
  if (unit == "Dollar") return {dollars, 1};
  if (unit == "Cent") return {lang == "zh" ? dollars : std::set<std::string>{"USD", "EUR"}, 100};
  if (unit == "Pound") return {{"GBP"}, 1};
  if (unit == "Pence" || unit == "Penny") return {{"GBP"}, 100};
  if (unit == "Franc") return {{"FRF", "CHF"}, 1};
  if (unit == "Finnish markka") return {{"FIM"}, 1};
  if (unit == "Netherlands guilder") return {{"NLG"}, 1};
  if (unit == "Peseta") return {{"ESP"}, 1};
  if (unit == "Bitcoin") return {{"BTC"}, 1};
  return {{}, 1};
}

bool has_flag(const std::string& flags, const std::string& f) {
  return (";" + flags + ";").find(";" + f + ";") != std::string::npos;
}

std::string describe(const std::vector<const Fact*>& facts) {
  std::string out;
  for (const Fact* f : facts) out += " '" + f->text + "'=" + f->value + " " + f->unit + " [" + f->flags + "]";
  return out.empty() ? " nothing" : out;
}

std::vector<const Fact*> money_facts(const Extraction& got) {
  std::vector<const Fact*> out;
  for (const Fact& f : got.facts)
    if (f.type == FactType::kMoney) out.push_back(&f);
  return out;
}

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

Outcome score_duckling_money(const json::Value& ex, const Env& env, const std::string& lang) {
  const std::string input = trim(ex["text"].text);
  DocContext ctx;
  Extraction got = env.extractor.Extract(input, ctx);
  auto facts = money_facts(got);
  const json::Value& e = ex["expected"];
  UnitReading r = reading(e, lang);
  std::string want;
  if (e.has("value")) want = fmt(num(e["value"]) / r.divisor);
  else if (e.has("from") && e.has("to")) want = fmt(num(e["from"]) / r.divisor) + ".." + fmt(num(e["to"]) / r.divisor);
  else if (e.has("from")) want = fmt(num(e["from"]) / r.divisor) + " min";
  else want = fmt(num(e["to"]) / r.divisor) + " max";
  const std::string detail = "got" + describe(facts) + "; want " + want;
  if (facts.size() != 1) return {false, detail};
  const Fact& f = *facts[0];
  if (!r.codes.count(f.unit)) return {false, detail};
  // The span is the whole text, or the text without a qualifier that became a flag.
  if (f.text != input && !has_flag(f.flags, "min") && !has_flag(f.flags, "max")) return {false, detail};
  auto split = f.value.find("..");
  if (e.has("value")) {
    if (split != std::string::npos || !close(std::strtod(f.value.c_str(), nullptr), num(e["value"]) / r.divisor))
      return {false, detail};
  } else if (e.has("from") && e.has("to")) {
    if (split == std::string::npos ||
        !close(std::strtod(f.value.substr(0, split).c_str(), nullptr), num(e["from"]) / r.divisor) ||
        !close(std::strtod(f.value.substr(split + 2).c_str(), nullptr), num(e["to"]) / r.divisor))
      return {false, detail};
  } else {
    const bool from = e.has("from");
    if (!has_flag(f.flags, from ? "min" : "max") ||
        !close(std::strtod(f.value.c_str(), nullptr), num(from ? e["from"] : e["to"]) / r.divisor))
      return {false, detail};
  }
  return {true, ""};
}

Outcome score_recognizers_money(const json::Value& ex, const Env& env, const std::string& lang) {
  const std::string& input = ex["text"].text;
  DocContext ctx;
  Extraction got = env.extractor.Extract(input, ctx);
  auto facts = money_facts(got);
  const json::Value& want = ex["expected"];
  std::string detail = "got" + describe(facts) + "; want";
  for (size_t k = 0; k < want.size(); ++k)
    detail += " '" + want[k]["text"].text + "'=" + (want[k]["value"].is_null() ? "null" : want[k]["value"].text);
  if (facts.size() != want.size()) return {false, detail};
  for (size_t k = 0; k < facts.size(); ++k) {
    const Fact& f = *facts[k];
    const json::Value& w = want[k];
    if (w["value"].is_null()) return {false, detail};
    UnitReading r = reading(w, lang);
    const size_t start = cp_count(input, f.start), end = cp_count(input, f.end);
    if (start != static_cast<size_t>(num(w["start"])) || end != static_cast<size_t>(num(w["end"])) ||
        !r.codes.count(f.unit) || !close(std::strtod(f.value.c_str(), nullptr), num(w["value"]) / r.divisor))
      return {false, detail};
  }
  return {true, ""};
}

}  // namespace

void register_numeral_money_suites(std::vector<Suite>& suites) {
  // Floors of issue 3 (97% on the Duckling files and zh-currency, 93% on the number
  // specs), on the rate without listed "convention:" differences (runner.cpp): a bare
  // N分 read as minutes or points, pair classifiers read as the count, currency names
  // without an amount, numbers the peer's number model leaves to its other models. The
  // strict rates are printed beside.
  for (const char* lang : {"ko", "zh"}) {
    const std::string l = lang;
    suites.push_back({"duckling/" + l + "-numeral.jsonl", 0.97, score_duckling_numeral});
    suites.push_back({"duckling/" + l + "-amount-of-money.jsonl", 0.97,
                      [l](const json::Value& ex, const Env& env) { return score_duckling_money(ex, env, l); }});
    suites.push_back({"recognizers/" + l + "-number.jsonl", 0.93, score_recognizers_number});
  }
  // ko-currency: translated English sentences with many historical currencies (francs,
  // guilders, pesetas) and bare currency names; no floor in the issue, so the guard is
  // the current rate (100/107 = 93.5%).
  suites.push_back({"recognizers/ko-currency.jsonl", 0.93,
                    [](const json::Value& ex, const Env& env) { return score_recognizers_money(ex, env, "ko"); }});
  suites.push_back({"recognizers/zh-currency.jsonl", 0.97,
                    [](const json::Value& ex, const Env& env) { return score_recognizers_money(ex, env, "zh"); }});
}

}  // namespace hanfacts::conformance
