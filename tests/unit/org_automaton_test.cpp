// The ORG scan's automaton (src/org/automaton.h): every occurrence of every reported key,
// checked against a brute-force search on random keys and texts; keys the scan does not
// ask for are never reported. Plus recognizer cases that exercise what the one-pass scan
// does around keys: spaces left out inside names, overlapping keys, table sizes.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/document.h"
#include "lexicon/sources.h"
#include "org/automaton.h"
#include "org/recognizer.h"
#include "org/trie.h"
#include "text/fold.h"
#include "text/utf8.h"

using namespace hanfacts;

namespace {

// A random string of lo..hi code points drawn from `alphabet`.
template <size_t N>
std::string random_word(std::mt19937& rng, const char32_t (&alphabet)[N], size_t lo, size_t hi) {
  std::string s;
  const size_t n = lo + rng() % (hi - lo + 1);
  for (size_t i = 0; i < n; ++i) text::append_utf8(s, alphabet[rng() % N]);
  return s;
}

// (end byte, key index) of every occurrence of a reported key.
using Report = std::pair<size_t, size_t>;

std::set<Report> brute_force(const std::string& text, const std::vector<std::string>& keys, const std::vector<bool>& reported) {
  std::set<Report> out;
  for (size_t k = 0; k < keys.size(); ++k) {
    if (!reported[k]) continue;
    for (size_t p = text.find(keys[k]); p != std::string::npos; p = text.find(keys[k], p + 1)) {
      // Occurrences start at code point boundaries (keys are whole code points).
      if (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) continue;
      out.insert({p + keys[k].size(), k});
    }
  }
  return out;
}

// Steps `ac` over `text` code point by code point, calling on_report(end, key) for each
// key it reports, `end` the byte after it.
template <class OnReport>
void scan(const org::Automaton& ac, const std::string& text, OnReport&& on_report) {
  uint32_t state = org::Automaton::kRoot;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = text::next_code_point(text, i);
    state = ac.step(state, c);
    for (uint32_t r = ac.report(state); r != org::Automaton::kNone; r = ac.next_report(r)) {
      const size_t len = ac.key_bytes(r);
      REQUIRE(len <= i);
      on_report(i, text.substr(i - len, len));
    }
  }
}

}  // namespace

TEST_CASE("org automaton: reports exactly the occurrences of reported keys") {
  // A small alphabet of one-, two- and three-byte code points, so keys overlap a lot.
  const char32_t alphabet[] = {U'a', U'b', U'c', 0xE9, 0x4E00, 0x4E01, 0xAC00, 0xAC01, 0x10000};
  std::mt19937 rng(7);
  auto word = [&](size_t lo, size_t hi) { return random_word(rng, alphabet, lo, hi); };
  for (int round = 0; round < 40; ++round) {
    org::CodePointTrie trie;
    std::vector<std::string> keys;
    std::vector<uint32_t> state_of;
    for (int k = 0; k < 30; ++k) {
      keys.push_back(word(1, 5));
      state_of.push_back(trie.insert(keys.back()));
    }
    // Some keys are not reported (like particles in the real trie); a key listed twice
    // is reported when any of its listings is.
    std::vector<bool> reported(keys.size());
    std::vector<uint8_t> state_reported(trie.states(), 0);
    for (size_t k = 0; k < keys.size(); ++k)
      if (rng() % 3 != 0) state_reported[state_of[k]] = 1;
    for (size_t k = 0; k < keys.size(); ++k) reported[k] = state_reported[state_of[k]] != 0;
    org::Automaton ac;
    ac.build(trie, [&](uint32_t s) { return state_reported[s] != 0; });

    const std::string text = word(0, 400);
    std::set<Report> got;
    scan(ac, text, [&](size_t end, const std::string& key) {
      // Every key with this string (duplicates share the state).
      bool any = false;
      for (size_t k = 0; k < keys.size(); ++k)
        if (keys[k] == key) {
          CHECK(reported[k]);
          got.insert({end, k});
          any = true;
        }
      CHECK_MESSAGE(any, "reported a string that is no key: " << key);
    });
    CHECK(got == brute_force(text, keys, reported));
    CHECK(ac.live_states() <= trie.states());
  }
}

TEST_CASE("org automaton: child() spells strings from the root; the trie lists each edge once") {
  // is_known() in the recognizer walks the automaton's goto edges: a string is a reported
  // key exactly when the walk ends in a state that reports itself; a prefix of a reported
  // key ends in a state, anything else in kNone. Random keys, some not reported.
  const char32_t alphabet[] = {U'a', U'b', 0xE9, 0x4E00, 0xAC00, 0xAC01, 0x10000};
  std::mt19937 rng(11);
  auto word = [&](size_t lo, size_t hi) { return random_word(rng, alphabet, lo, hi); };
  for (int round = 0; round < 30; ++round) {
    org::CodePointTrie trie;
    if (round % 2) trie.reserve(5);  // an estimate too low: the table grows as usual
    std::vector<std::string> keys;
    std::vector<uint32_t> state_of;
    for (int k = 0; k < 25; ++k) {
      keys.push_back(word(1, 5));
      state_of.push_back(trie.insert(keys.back()));
    }
    // Each state but the root is the child of exactly one edge, which leads from a
    // smaller state number, and the edges are those the keys spell.
    std::vector<int> parents(trie.states(), 0);
    std::set<std::tuple<uint32_t, char32_t, uint32_t>> edges;
    trie.for_each_edge([&](uint32_t from, char32_t c, uint32_t child) {
      CHECK(from < child);
      ++parents[child];
      edges.insert({from, c, child});
      CHECK(trie.step(from, c) == child);
    });
    CHECK(parents[0] == 0);
    CHECK(std::count(parents.begin() + 1, parents.end(), 1) == static_cast<long>(trie.states()) - 1);
    CHECK(edges.size() == trie.edges());

    std::vector<uint8_t> state_reported(trie.states(), 0);
    for (size_t k = 0; k < keys.size(); ++k)
      if (rng() % 3 != 0) state_reported[state_of[k]] = 1;
    org::Automaton ac;
    REQUIRE(ac.build(trie, [&](uint32_t s) { return state_reported[s] != 0; }));
    std::set<std::string> reported_keys, prefixes;
    for (size_t k = 0; k < keys.size(); ++k) {
      if (!state_reported[state_of[k]]) continue;
      reported_keys.insert(keys[k]);
      for (size_t i = 0; i < keys[k].size();) {
        text::next_code_point(keys[k], i);
        prefixes.insert(keys[k].substr(0, i));
      }
    }
    std::vector<std::string> probes(keys.begin(), keys.end());
    for (int q = 0; q < 60; ++q) probes.push_back(word(1, 4));
    for (const std::string& probe : probes) {
      uint32_t state = org::Automaton::kRoot;
      for (size_t i = 0; i < probe.size() && state != org::Automaton::kNone;)
        state = ac.child(state, text::next_code_point(probe, i));
      CHECK_MESSAGE((state != org::Automaton::kNone) == (prefixes.count(probe) > 0), probe);
      const bool reports = state != org::Automaton::kNone && ac.reports_itself(state);
      CHECK_MESSAGE(reports == (reported_keys.count(probe) > 0), probe);
    }
  }
}

TEST_CASE("org automaton: chains of one-edge states (edges held in the state record)") {
  // Keys that are chains of single edges, one through a code point beyond the BMP; in
  // the first set the root has one edge too (the root keeps its edge block), in the
  // second keys are suffixes of another (reported through failure links).
  const std::string beyond = "\xF0\x90\x80\x80";  // U+10000
  const std::vector<std::vector<std::string>> sets = {{"abcd", "a" + beyond + "e"},
                                                      {"abcd", "bcd", "a" + beyond + "e", "cd"}};
  for (const std::vector<std::string>& used : sets) {
    org::CodePointTrie trie;
    std::vector<uint32_t> state_of;
    for (const std::string& k : used) state_of.push_back(trie.insert(k));
    std::vector<uint8_t> reported(trie.states(), 0);
    for (const uint32_t st : state_of) reported[st] = 1;
    org::Automaton ac;
    REQUIRE(ac.build(trie, [&](uint32_t st) { return reported[st] != 0; }));
    const std::string text = "xabcdabcabcd a" + beyond + "e a" + beyond + "x bcd aabcd";
    std::set<Report> got;
    scan(ac, text, [&](size_t end, const std::string& key) {
      const auto it = std::find(used.begin(), used.end(), key);
      REQUIRE(it != used.end());
      got.insert({end, static_cast<size_t>(it - used.begin())});
    });
    CHECK(got == brute_force(text, used, std::vector<bool>(used.size(), true)));
  }
}

TEST_CASE("org automaton: the scan's shortcuts agree with the full step") {
  // The scan (src/org/recognizer.cpp) takes the root's transition when steps_as_root()
  // holds for the state (or for the root, when the code point continues no key); that
  // must be the state step() reaches. Reported states map back to the trie state of
  // the same string.
  const char32_t alphabet[] = {U'a', U'b', U'c', 0xE9, 0x4E00, 0x4E01, 0x4E02, 0xAC00, 0xAC01, 0x10000};
  std::mt19937 rng(11);
  auto word = [&](size_t lo, size_t hi) { return random_word(rng, alphabet, lo, hi); };
  for (int round = 0; round < 40; ++round) {
    org::CodePointTrie trie;
    std::vector<uint8_t> reported_state;
    for (int k = 0; k < 5 + round; ++k) {
      const uint32_t st = trie.insert(word(1, 6));
      reported_state.resize(trie.states(), 0);
      if (rng() % 4 != 0) reported_state[st] = 1;
    }
    reported_state.resize(trie.states(), 0);
    org::Automaton ac;
    REQUIRE(ac.build(trie, [&](uint32_t s) { return reported_state[s] != 0; }));
    const std::string text = word(0, 300);
    uint32_t full = org::Automaton::kRoot, fast = org::Automaton::kRoot;
    size_t shortcuts = 0;
    for (size_t i = 0; i < text.size();) {
      const char32_t c = text::next_code_point(text, i);
      full = ac.step(full, c);
      const uint32_t from = ac.continues(c) ? fast : org::Automaton::kRoot;
      if (ac.steps_as_root(from, c)) {
        fast = ac.root_step(c);
        ++shortcuts;
      } else {
        fast = ac.step(from, c, ac.root_step(c));
      }
      REQUIRE(fast == full);
      for (uint32_t r = ac.report(full); r != org::Automaton::kNone; r = ac.next_report(r)) {
        const size_t len = ac.key_bytes(r);
        REQUIRE(len <= i);
        const uint32_t t = ac.trie_state(r);
        CHECK(t == trie.find(text.substr(i - len, len)));
        CHECK(reported_state[t] != 0);
      }
    }
    CHECK(ac.steps_as_root(org::Automaton::kRoot, U'a'));
    if (text.size() > 100) CHECK(shortcuts > 0);
    // The reserved bits: no state steps as the root on kFullStepBit, every one on kNoEdgeBit.
    const auto quick = ac.quick_steps();
    for (uint32_t s = 0; s < ac.live_states(); ++s) {
      CHECK_FALSE(quick.as_root(s, org::Automaton::kFullStepBit));
      CHECK(quick.as_root(s, org::Automaton::kNoEdgeBit));
    }
    for (const char32_t c : alphabet) CHECK(org::Automaton::hash_bit(c) < org::Automaton::kFullStepBit);
  }
}

TEST_CASE("org automaton: the built-in lexicon's tables stay small") {
  auto made = org::Recognizer::create(lexicon::builtin_sources("org"));
  REQUIRE(made.ok());
  const org::Recognizer& rec = made.value();
  // Per trie state: 32-64 bytes of the trie's edge hash table (it doubles when half
  // full) and payloads; per live state the automaton's 16-byte record, 8-32 bytes of
  // edge blocks (at most half full), report, depth and trie state; plus fixed tables
  // (per-code-point words, root transitions).
  CHECK(rec.table_bytes() < 128 * rec.state_count() + (2u << 20));
}

TEST_CASE("org automaton: the one-pass scan keeps the rules around keys") {
  auto made = org::Recognizer::create(lexicon::builtin_sources("org"));
  REQUIRE(made.ok());
  auto spans = [&](std::string_view input) {
    text::FoldedText folded(input);
    core::Document doc{folded, folded.text()};
    core::Candidates out;
    made.value().find(doc, out);
    std::vector<std::string> s;
    for (const auto& c : out) {
      const size_t a = folded.to_original_start(c.start), b = folded.to_original_end(c.end);
      s.push_back(std::string(input.substr(a, b - a)) + "=" + c.value);
    }
    std::sort(s.begin(), s.end());
    return s;
  };
  // Long names step over single spaces; two spaces in a row end them.
  CHECK(spans("삼성전자는 인공지능 산업발전 연맹에 가입했다").size() == 2);
  CHECK(spans("인공지능  산업발전  연맹").empty());
  // One name per start, the longest (阿里巴巴集团 over 阿里巴巴 over 阿里).
  const auto zh = spans("阿里巴巴集团与腾讯合作");
  REQUIRE(zh.size() == 2);
  CHECK(zh[1].rfind("阿里巴巴集团=", 0) == 0);
  // The same text at the start, in the middle and at the very end of a document.
  CHECK(spans("보도에 따르면 화웨이").size() == 1);
  CHECK(spans("화웨이 ").size() == 1);
}
