// Peer conformance: scores hanfacts on the peers' own test suites in
// ../shared/conformance (Duckling corpora, Recognizers-Text specs), one Suite per file.
//
// A scorer maps one example (a parsed JSON line) to pass/fail with a short detail
// shown for failures. Cases listed in expected_failures.tsv are known differences with
// a reason. A reason starting "out of scope" removes the case from the scored cases (a
// form we do not target, or an upstream case with no correct value). A reason starting
// "convention:" marks a deliberate difference: our reading follows a rule of
// corpus/GUIDELINES.md that the peer does not share (the conformance README asks us to
// list these, not bend the code to them). The runner prints the strict rate (passed /
// scored) and the rate without conventions; the floor applies to the latter. It fails on
// any unlisted failure, on any listed case that now passes (the list only shrinks), and
// on a rate below the suite's floor.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "hanfacts/extractor.h"
#include "json.h"

namespace hanfacts::conformance {

struct Outcome {
  bool pass = false;
  std::string detail;  // for failures: what we produced vs what was expected
};

struct Env {
  const Extractor& extractor;
};

struct Suite {
  std::string file;  // relative to the conformance folder: "duckling/ko-numeral.jsonl"
  double floor = 0;  // minimum in-scope pass rate, 0..1
  std::function<Outcome(const json::Value& example, const Env& env)> score;
};

// Each dimension registers its suites; defined in numeral_money.cpp, time.cpp, negatives.cpp.
void register_numeral_money_suites(std::vector<Suite>& suites);
void register_time_suites(std::vector<Suite>& suites);
void register_negative_suites(std::vector<Suite>& suites);

}  // namespace hanfacts::conformance
