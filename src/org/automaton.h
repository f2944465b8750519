// Aho-Corasick over a CodePointTrie: the trie's edges are the goto function, and failure
// links computed once at build time let one left-to-right pass over the text find every
// occurrence of every key, whatever the number of keys.
//
//   Automaton ac;
//   ac.build(trie, [&](uint32_t state) { return is_key_reported(state); });
//   uint32_t s = Automaton::kRoot;
//   for (char32_t c : text) {
//     s = ac.step(s, c);
//     for (uint32_t r = ac.report(s); r != Automaton::kNone; r = ac.next_report(r))
//       ...;  // a reported key of ac.key_bytes(r) UTF-8 bytes ends here
//   }
//
// Why this shape: a step from the root (where the scan spends most of its time) is one
// load from a dense table over ASCII, Hangul syllables and the main CJK block; a step
// from another state first tests one bit of an edge filter (hash of state and code point)
// and probes the trie's edge table only when the bit is set, then falls back along the
// failure links. Each fallback shortens the current match, so a pass costs at most two
// steps per code point on average, and the tables are a few bytes per trie state: the
// cost per byte does not grow with the lexicon (only the tables' cache footprint does).
#pragma once

#include <cstdint>
#include <vector>

#include "org/trie.h"

namespace hanfacts::org {

class Automaton {
 public:
  static constexpr uint32_t kRoot = CodePointTrie::kRoot;
  static constexpr uint32_t kNone = CodePointTrie::kNone;

  // Builds the failure links of `trie` (which must outlive this and not change after);
  // `reported(state)` says which states end a key the scan wants to hear about.
  template <class Pred>
  void build(const CodePointTrie& trie, Pred reported) {
    std::vector<uint8_t> flags(trie.states());
    for (uint32_t s = 0; s < flags.size(); ++s) flags[s] = reported(s) ? 1 : 0;
    build(trie, flags);
  }

  // The state after reading `c` in `state`: the longest suffix of the text read so far
  // that is a prefix of some key.
  uint32_t step(uint32_t state, char32_t c) const { return step(state, c, root_step(c)); }
  // The same, with the root's transition on `c` (root_step(c)) known to the caller.
  uint32_t step(uint32_t state, char32_t c, uint32_t from_root) const {
    // The usual case (no edge, failure to the root) reads only the small tables: the
    // edge filter and two bits of the state.
    while (state != kRoot) {
      if (may_edge(state, c)) {
        const uint32_t next = trie_->step(state, c);
        if (next != kNone && (bits(next) & kLive)) return next;
      }
      if (bits(state) & kFailsToRoot) break;
      state = node_[state].fail;
    }
    return from_root;
  }
  // False when no live key has `c` after its first code point: then a step on `c` from
  // any state is the root's step (exact for the BMP; always true beyond it).
  bool continues(char32_t c) const { return c > 0xFFFF || (continues_[c >> 6] >> (c & 63)) & 1; }
  // Whether a reported key ends in `state` (report(state) != kNone), from the small table.
  bool reports(uint32_t state) const { return bits(state) & kReports; }
  // The root's transition on `c` (kRoot when no key starts with `c`).
  uint32_t root_step(char32_t c) const {
    const size_t k = root_index(c);
    if (k < root_.size()) return root_[k];
    const uint32_t next = trie_->step(kRoot, c);
    return next == kNone || !(bits(next) & kLive) ? kRoot : next;
  }
  // The longest reported key that ends in `state` (a suffix of its string), or kNone.
  uint32_t report(uint32_t state) const { return node_[state].report; }
  // The next shorter reported key ending at the same place, or kNone.
  uint32_t next_report(uint32_t reported) const { return node_[node_[reported].fail].report; }
  // UTF-8 length of the string that leads to `state`.
  uint32_t key_bytes(uint32_t state) const { return depth_[state]; }

  size_t states() const { return node_.size(); }
  size_t live_states() const { return live_states_; }
  // Memory of the automaton's own tables (not counting the trie).
  size_t bytes() const {
    return node_.size() * sizeof(Node) + depth_.size() * sizeof(uint32_t) + root_.size() * sizeof(uint32_t) +
           edge_bits_.size() * sizeof(uint64_t) + bits_.size() + continues_.size() * sizeof(uint64_t);
  }

 private:
  static constexpr char32_t kHangulFirst = 0xAC00, kHangulEnd = 0xD7A4, kCjkFirst = 0x4E00, kCjkEnd = 0xA000;
  static constexpr size_t kRootSize = 0x80 + (kHangulEnd - kHangulFirst) + (kCjkEnd - kCjkFirst);
  static size_t root_index(char32_t c) {
    if (c < 0x80) return c;
    if (c >= kHangulFirst && c < kHangulEnd) return 0x80 + (c - kHangulFirst);
    if (c >= kCjkFirst && c < kCjkEnd) return 0x80 + (kHangulEnd - kHangulFirst) + (c - kCjkFirst);
    return kRootSize;
  }
  size_t edge_hash(uint32_t state, char32_t c) const {
    return static_cast<size_t>(((uint64_t{state} << 21 | c) * 0x9E3779B97F4A7C15ull) >> edge_shift_);
  }
  bool may_edge(uint32_t state, char32_t c) const {
    const size_t h = edge_hash(state, c);
    return (edge_bits_[h >> 6] >> (h & 63)) & 1;
  }
  void build(const CodePointTrie& trie, const std::vector<uint8_t>& reported);
  // One byte per state: an eighth of the node table, so it stays in cache for large
  // lexicons where the node table does not.
  static constexpr uint8_t kLive = 1, kFailsToRoot = 2, kReports = 4;
  uint8_t bits(uint32_t state) const { return bits_[state]; }
  void set_bits(uint32_t state, uint8_t b) { bits_[state] |= b; }

  const CodePointTrie* trie_ = nullptr;
  struct Node {
    uint32_t fail;    // the root's is the root; kNone for a dead state (leads to no reported key)
    uint32_t report;  // itself when reported, else its failure's
  };
  std::vector<Node> node_;         // by state
  std::vector<uint8_t> bits_;      // by state: kLive, kFailsToRoot, kReports
  std::vector<uint64_t> continues_ = std::vector<uint64_t>(1024, 0);  // bit per BMP code point
  std::vector<uint32_t> depth_;    // by state: UTF-8 bytes from the root
  std::vector<uint32_t> root_;     // root transitions for the common blocks (kRoot: none)
  std::vector<uint64_t> edge_bits_ = std::vector<uint64_t>(1, 0);  // bit per (state, code point) edge
  unsigned edge_shift_ = 58;
  size_t live_states_ = 0;
};

}  // namespace hanfacts::org
