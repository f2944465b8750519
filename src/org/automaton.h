// Aho-Corasick over a CodePointTrie: the trie's edges are the goto function, and failure
// links computed once at build time let one left-to-right pass over the text find every
// occurrence of every key, whatever the number of keys.
//
//   Automaton ac;
//   if (!ac.build(trie, [&](uint32_t state) { return is_key_reported(state); })) ...;  // too large
//   uint32_t s = Automaton::kRoot;
//   for (char32_t c : text) {
//     s = ac.step(s, c);
//     for (uint32_t r = ac.report(s); r != Automaton::kNone; r = ac.next_report(r))
//       ...;  // a reported key of ac.key_bytes(r) UTF-8 bytes ends here (trie state ac.trie_state(r))
//   }
//
// Why this shape: the automaton keeps its own copy of the live part of the trie (states
// on the way to a reported key), numbered breadth first, so the shallow states where a
// scan spends its time sit together at the start of every table and stay in cache even
// for large lexicons; but a chain of one-edge states (a key's tail) is numbered in a
// row, so a scan along it reads its records and quick masks side by side. A step from
// the root (the most common) is one load from a dense table over ASCII, Hangul
// syllables and the main CJK block. Each other state has a
// 16-byte record: a 64-bit mask of the hashes of its edges' code points (most failed
// steps stop there), its failure link, and a small open-addressing block of 8-byte
// edges of its own (load at most one half), laid out in state order, or for a state
// of one edge (a key's tail) that edge in the record itself; and apart, a
// "quick" mask (the union of the masks along its failure chain) whose one bit tells the
// scan's usual step (to wherever the root goes) from the others. Each fallback along
// a failure link shortens the current match, so a pass costs at most two steps per code
// point on average: the cost per byte does not grow with the lexicon, only the tables'
// cache footprint does, and mostly in deep states the scan rarely reaches.
#pragma once

#include <cstdint>
#include <vector>

#include "org/table.h"
#include "org/trie.h"

namespace hanfacts::org {

class Automaton {
 public:
  static constexpr uint32_t kRoot = 0;
  static constexpr uint32_t kNone = CodePointTrie::kNone;

  // Builds the automaton over `trie` (which may change or go away afterwards);
  // `reported(state)` says which trie states end a key the scan wants to hear about.
  // False when the tables would be too large to address (about 2^27 edges).
  template <class Pred>
  bool build(const CodePointTrie& trie, Pred reported) {
    std::vector<uint8_t> flags(trie.states());
    for (uint32_t s = 0; s < flags.size(); ++s) flags[s] = reported(s) ? 1 : 0;
    return build(trie, flags);
  }

  // The state after reading `c` in `state`: the longest suffix of the text read so far
  // that is a prefix of some key.
  uint32_t step(uint32_t state, char32_t c) const { return step(state, c, root_step(c)); }
  // The same, with the root's transition on `c` (root_step(c)) known to the caller.
  uint32_t step(uint32_t state, char32_t c, uint32_t from_root) const { return unmarked(step_marked(state, c, from_root)); }
  // A bit above every state number: step_marked() sets it in a state that reports.
  static constexpr uint32_t kReportsMark = 1u << 28;
  static uint32_t unmarked(uint32_t marked_state) { return marked_state & ~kReportsMark; }
  // `state` with kReportsMark when it reports (reports(state)).
  uint32_t marked(uint32_t state) const { return reports(state) ? state | kReportsMark : state; }
  // step(), with kReportsMark set in the new state when it reports, given `from_root`
  // marked (marked(root_step(c))). The edges hold the mark of the state they lead to,
  // so a scan learns it from the edge it loads anyway, not from another table.
  uint32_t step_marked(uint32_t state, char32_t c, uint32_t from_root) const {
    const uint32_t next = step_below(state, c);
    return next != kNone ? next : from_root;
  }
  // step_marked() when the step goes below the root's step on `c` (some state on the
  // failure chain of `state`, the root's excluded, has an edge on `c`), else kNone: the
  // caller works out the root's step only where it is taken.
  uint32_t step_below(uint32_t state, char32_t c) const { return step_below(state, c, hash_bit(c)); }
  // The same, with hash_bit(c) known to the caller (a scan reads it from a table by
  // code point).
  uint32_t step_below(uint32_t state, char32_t c, unsigned bit) const {
    // (From the root the walk ends at once, with no test of its own: the root's record
    // has an empty mask and is no inline edge, and its failure is itself.)
    const uint64_t h = code_hash(c);
    do {
      const State& st = states_[state];
      if (st.block == kInlineEdge) {
        if (static_cast<uint32_t>(st.mask >> 32) == c) return static_cast<uint32_t>(st.mask);
      } else if ((st.mask >> bit) & 1) {
        const uint32_t next = find_edge(st, c, h);
        if (next != kNone) return next;
      }
      state = st.fail;
    } while (state != kRoot);
    return kNone;
  }
  // True when the step on `c` from `state` is surely the root's step on `c` (no state on
  // its failure chain but the root has an edge on `c`), from one bit of the state's
  // quick mask and without a branch: the scan's usual step, and always true for the root.
  bool steps_as_root(uint32_t state, char32_t c) const { return quick_steps().as_root(state, hash_bit(c)); }
  // The bit of a state's quick mask that a step on `c` reads: below kFullStepBit.
  static unsigned hash_bit(char32_t c) { return mask_bit(code_hash(c)); }
  // A bit that no state's quick mask has: as_root(s, kNoEdgeBit) holds for every state,
  // the step for a code point that continues no key (continues()).
  static constexpr unsigned kNoEdgeBit = 63;
  // A bit that every state's quick mask has, the root's too: as_root(s, kFullStepBit)
  // is false for every state, so a scan can send a code point to its full step (and its
  // test for reports) whatever the state.
  static constexpr unsigned kFullStepBit = 62;
  // steps_as_root() as a plain pointer that a scan loop keeps in a register: as_root(s,
  // hash_bit(c)) == steps_as_root(s, c).
  class QuickSteps {
   public:
    explicit QuickSteps(const uint64_t* quick) : quick_(quick) {}
    bool as_root(size_t state, unsigned bit) const { return ((quick_[state] >> bit) & 1) == 0; }

   private:
    const uint64_t* quick_;
  };
  QuickSteps quick_steps() const { return QuickSteps(quick_.data()); }
  // False when no live key has `c` after its first code point: then a step on `c` from
  // any state is the root's step (exact for the BMP; always true beyond it).
  bool continues(char32_t c) const { return c > 0xFFFF || (continues_[c >> 6] >> (c & 63)) & 1; }
  // Whether a reported key ends in `state` (report(state) != kNone), from a byte table.
  bool reports(uint32_t state) const { return keys_[state].report != kNone; }
  // The root's transition on `c` (kRoot when no key starts with `c`).
  uint32_t root_step(char32_t c) const {
    const size_t k = root_index(c);
    if (k < root_.size()) return root_[k];
    const uint32_t next = find_edge(states_[kRoot], c, code_hash(c));
    return next == kNone ? kRoot : unmarked(next);
  }
  // The state whose string is that of `state` and then `c` (the goto function alone, no
  // failure links), or kNone when no live key continues so: a walk from the root spells
  // a string and stays on the tables the scan has just read.
  uint32_t child(uint32_t state, char32_t c) const {
    if (state == kRoot) {
      const uint32_t next = root_step(c);
      return next == kRoot ? kNone : next;
    }
    const State& st = states_[state];
    if (st.block == kInlineEdge)
      return static_cast<uint32_t>(st.mask >> 32) == c ? unmarked(static_cast<uint32_t>(st.mask)) : kNone;
    const uint64_t h = code_hash(c);
    if (!((st.mask >> mask_bit(h)) & 1)) return kNone;
    const uint32_t next = find_edge(st, c, h);
    return next == kNone ? kNone : unmarked(next);
  }
  // Whether the whole string of `state` is a reported key (not only a suffix of it).
  bool reports_itself(uint32_t state) const { return keys_[state].report == state; }
  // The longest reported key that ends in `state` (a suffix of its string), or kNone.
  uint32_t report(uint32_t state) const { return keys_[state].report; }
  // The next shorter reported key ending at the same place, or kNone.
  uint32_t next_report(uint32_t reported) const { return keys_[reported].shorter; }
  // UTF-8 length of the string that leads to `state`.
  uint32_t key_bytes(uint32_t state) const { return keys_[state].bytes; }
  // The trie state with the same string as `state`.
  uint32_t trie_state(uint32_t state) const { return keys_[state].trie_state; }

  // The longest key_bytes() of a state (0 for the root alone).
  uint32_t max_key_bytes() const { return max_key_bytes_; }
  // Live states (the automaton's own; trie states that lead to no reported key are left out).
  size_t live_states() const { return states_.size(); }
  // Reads or writes every field (org/serial.h).
  template <class Io>
  void serial(Io& io) {
    io(states_), io(quick_), io(slots_), io(keys_), io(continues_), io(root_), io(max_key_bytes_);
  }
  // Memory of the automaton's own tables (not counting the trie).
  size_t bytes() const {
    return states_.size() * (sizeof(State) + sizeof(uint64_t) + sizeof(Keys)) + slots_.size() * sizeof(Slot) +
           root_.size() * sizeof(uint32_t) + continues_.size() * sizeof(uint64_t);
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
  // The top six bits pick the state mask's bit, bits from 20 up the slot in a block.
  static uint64_t code_hash(char32_t c) { return uint64_t{c} * 0x9E3779B97F4A7C15ull; }
  // The mask bit of a hash: its top 32 bits scaled to [0, 62), so bits 62 and 63 stay
  // free (kFullStepBit, kNoEdgeBit).
  static unsigned mask_bit(uint64_t h) { return static_cast<unsigned>(((h >> 32) * 62) >> 32); }
  static constexpr uint32_t kNoCode = UINT32_MAX;  // an empty slot
  struct Slot {
    uint32_t c;
    uint32_t child;  // with kReportsMark when it reports
  };
  // A state with one edge (most deep states: a key's tail) holds it in its record, so
  // a step along it reads no edge block (a second cache miss after the record's).
  struct State {
    // Bit mask_bit(code_hash(c)) for the code point c of each edge; 0 for the root. With
    // kInlineEdge: the one edge, its code point << 32 | its child (marked, as a slot's).
    uint64_t mask;
    uint32_t block;     // first slot << 5 | log2 of the block's slots, or kInlineEdge
    uint32_t fail;      // the root's is the root
  };
  static constexpr uint32_t kInlineEdge = UINT32_MAX;  // a block's log2 is never 31
  uint32_t find_edge(const State& st, char32_t c, uint64_t h) const {
    const uint32_t size_mask = (1u << (st.block & 31)) - 1;
    const Slot* block = slots_.data() + (st.block >> 5);
    for (uint32_t i = static_cast<uint32_t>(h >> 20) & size_mask;; i = (i + 1) & size_mask) {
      if (block[i].c == c) return block[i].child;
      if (block[i].c == kNoCode) return kNone;
    }
  }
  bool build(const CodePointTrie& trie, const std::vector<uint8_t>& reported);

  Table<State> states_;        // by state
  // By state: the union of the masks of the states along its failure chain, itself
  // included and the root not (for the root kFullStepBit alone; steps_as_root()), with
  // kFullStepBit set. Apart from states_, so the scan's usual step reads 8 bytes a state.
  Table<uint64_t> quick_;
  Table<Slot> slots_;          // edge blocks, in state order
  // What a scan reads of a state where keys end, in one record, so that reporting a key
  // costs one cache miss rather than one per table.
  struct Keys {
    uint32_t report;      // itself when reported, else its failure's
    uint32_t shorter;     // the failure's report (next_report())
    uint32_t bytes;       // UTF-8 bytes from the root
    uint32_t trie_state;
  };
  Table<Keys> keys_;           // by state
  std::vector<uint64_t> continues_ = std::vector<uint64_t>(1024, 0);  // bit per BMP code point
  Table<uint32_t> root_;       // root transitions for the common blocks (kRoot: none)
  uint32_t max_key_bytes_ = 0;
};

}  // namespace hanfacts::org
