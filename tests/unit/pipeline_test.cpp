// The ordered parallel runner (src/cli/pipeline.h).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli/pipeline.h"

using namespace hanfacts::cli;

namespace {

// Runs `n` documents through a runner with `jobs` workers; document k takes a time that
// varies with k so that later ones often finish first. Returns the emitted outputs and
// the largest number of documents seen in flight (submitted but not yet emitted).
struct RunResult {
  std::vector<std::string> outputs;
  size_t max_in_flight = 0;
};

RunResult run(unsigned jobs, int n) {
  RunResult r;
  std::atomic<size_t> submitted{0}, emitted{0};
  std::mutex mu;
  auto process = [&](Task& t, unsigned worker) {
    CHECK(worker < std::max(1u, jobs));
    const int k = std::stoi(t.doc);
    std::this_thread::sleep_for(std::chrono::microseconds((k * 7919) % 13 * 50));
    Done d;
    d.output = "doc " + t.doc + " " + t.bytes + "\n";
    return d;
  };
  auto emit = [&](Done& d) {
    ++emitted;
    std::lock_guard<std::mutex> lock(mu);
    r.outputs.push_back(d.output);
    return true;
  };
  OrderedRunner runner(jobs, process, emit);
  for (int k = 0; k < n; ++k) {
    Task t;
    t.doc = std::to_string(k);
    t.bytes = std::string(static_cast<size_t>(k % 5), 'x');
    ++submitted;
    {
      const size_t in_flight = submitted - emitted;
      std::lock_guard<std::mutex> lock(mu);
      r.max_in_flight = std::max(r.max_in_flight, in_flight);
    }
    REQUIRE(runner.submit(std::move(t)));
  }
  REQUIRE(runner.finish());
  return r;
}

}  // namespace

TEST_CASE("output order is submission order whatever the number of jobs") {
  const RunResult one = run(1, 300);
  REQUIRE(one.outputs.size() == 300);
  for (int k = 0; k < 300; ++k) CHECK(one.outputs[k].rfind("doc " + std::to_string(k) + " ", 0) == 0);
  for (unsigned jobs : {2u, 4u, 7u}) {
    CAPTURE(jobs);
    const RunResult many = run(jobs, 300);
    CHECK(many.outputs == one.outputs);
  }
}

TEST_CASE("the in-flight window stays bounded at 4 x jobs") {
  for (unsigned jobs : {1u, 2u, 4u}) {
    CAPTURE(jobs);
    const RunResult r = run(jobs, 500);
    // submit() counts the new document before the runner makes room for it.
    CHECK(r.max_in_flight <= 4 * jobs + 1);
  }
}

TEST_CASE("a stop from emit ends the run and later submits are refused") {
  for (unsigned jobs : {1u, 3u}) {
    CAPTURE(jobs);
    int emitted = 0;
    OrderedRunner runner(
        jobs, [](Task& t, unsigned) { Done d; d.output = t.doc; return d; },
        [&](Done&) { return ++emitted < 5; });  // the reader went away after 5 documents
    bool ok = true;
    int k = 0;
    for (; k < 1000 && ok; ++k) {
      Task t;
      t.doc = std::to_string(k);
      ok = runner.submit(std::move(t));
    }
    CHECK_FALSE(ok);
    CHECK_FALSE(runner.finish());
    CHECK(emitted == 5);
    CHECK(k < 1000);
  }
}

TEST_CASE("an exception in a worker fails that document only") {
  for (unsigned jobs : {1u, 2u}) {
    CAPTURE(jobs);
    std::vector<Done> got;
    OrderedRunner runner(
        jobs,
        [](Task& t, unsigned) {
          if (t.doc == "2") throw std::runtime_error("boom");
          Done d;
          d.output = t.doc;
          return d;
        },
        [&](Done& d) { got.push_back(std::move(d)); return true; });
    for (int k = 0; k < 4; ++k) {
      Task t;
      t.doc = t.name = std::to_string(k);
      REQUIRE(runner.submit(std::move(t)));
    }
    REQUIRE(runner.finish());
    REQUIRE(got.size() == 4);
    CHECK(got[1].output == "1");
    CHECK(got[2].failed);
    REQUIRE(got[2].diagnostics.size() == 1);
    CHECK(got[2].diagnostics[0] == "hanfacts: 2: internal error: boom; skipped");
    CHECK(got[3].output == "3");
  }
}

TEST_CASE("the byte window bounds the input held in flight; a larger document runs alone") {
  std::atomic<size_t> submitted{0}, emitted{0};
  size_t max_in_flight = 0;
  std::vector<std::string> outputs;
  OrderedRunner runner(
      2, [](Task& t, unsigned) { Done d; d.output = t.doc; return d; },
      [&](Done& d) { ++emitted; outputs.push_back(d.output); return true; }, 100, 8);
  for (int k = 0; k < 60; ++k) {
    Task t;
    t.doc = std::to_string(k);
    t.bytes = std::string(k == 30 ? 50 : 4, 'x');  // 4-byte documents, one of 50
    ++submitted;
    max_in_flight = std::max(max_in_flight, submitted - emitted);
    REQUIRE(runner.submit(std::move(t)));
  }
  REQUIRE(runner.finish());
  // Two 4-byte documents fit in 8 bytes; submit() counts the new one before making room.
  CHECK(max_in_flight <= 3);
  REQUIRE(outputs.size() == 60);
  for (int k = 0; k < 60; ++k) CHECK(outputs[static_cast<size_t>(k)] == std::to_string(k));
}
