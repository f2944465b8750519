// A trie over Unicode code points whose edges live in one open-addressing hash table,
// built once and then read-only (safe to share between threads).
//
//   CodePointTrie t;
//   uint32_t s = t.insert(U"딥시크" as UTF-8);      // state at the end of the key
//   uint32_t x = t.step(CodePointTrie::kRoot, U'딥'); // kNone when no key continues so
//
// Why hashed edges: a lookup costs one probe (two or three at most) whatever the fan-out
// of a state, memory is 20-40 bytes per edge (12 a slot, at most 5/8 full, plus 8 for
// for_each_edge()), and building needs no sorting; a 64K-bit filter of first code
// points lets the scanner skip most positions without touching the table at all.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "org/table.h"

namespace hanfacts::org {

class CodePointTrie {
 public:
  static constexpr uint32_t kRoot = 0;
  static constexpr uint32_t kNone = UINT32_MAX;

  CodePointTrie();

  // Makes room for `edges` edges in all, so inserting up to that many grows no table
  // (each growth rehashes every edge: a lexicon's keys would pay that about 20 times).
  // An estimate will do: more edges than that grow the table as usual.
  void reserve(size_t edges);
  // Adds `key` (UTF-8) and returns the state reached at its end.
  uint32_t insert(std::string_view key);
  // The state after reading `c` in `state`, or kNone.
  uint32_t step(uint32_t state, char32_t c) const {
    const size_t i = probe(pack(state, c));
    return keys_[i] == kEmpty ? kNone : children_[i];
  }
  // Calls f(state, c, child) for every edge, by child (states are numbered in the order
  // insert() made them): a pass over two dense arrays, not over the sparse hash table.
  template <class F>
  void for_each_edge(F f) const {
    for (uint32_t child = 1; child < states_; ++child) f(parent_[child], code_[child], child);
  }
  // False when no key starts with `c` (exact for the BMP; always true beyond it).
  bool may_start(char32_t c) const { return c > 0xFFFF || (first_[c >> 6] >> (c & 63)) & 1; }
  // The state reached by the whole of `key`, or kNone.
  uint32_t find(std::string_view key) const;
  size_t states() const { return states_; }
  size_t edges() const { return edges_; }
  // Reads or writes every field (org/serial.h).
  template <class Io>
  void serial(Io& io) {
    io(keys_), io(children_), io(mask_), io(states_), io(edges_), io(first_), io(parent_), io(code_);
  }
  size_t bytes() const {
    return keys_.size() * (sizeof(uint64_t) + sizeof(uint32_t)) + first_.size() * sizeof(uint64_t) +
           parent_.size() * sizeof(uint32_t) + code_.size() * sizeof(char32_t);
  }

 private:
  static constexpr uint64_t kEmpty = UINT64_MAX;
  // The table is at most 5/8 full: probes stay short (about four slots of 8 bytes, one
  // cache line, for a miss), and the table small enough to stay in cache (the words
  // trie's keys fit in L1: 2,057 edges in 4,096 slots, where one half would take 8,192).
  static constexpr size_t kLoadNum = 8, kLoadDen = 5;
  // The slot that holds edge key `k`, or the empty slot where it would go.
  size_t probe(uint64_t k) const {
    size_t i = hash(k) & mask_;
    while (keys_[i] != k && keys_[i] != kEmpty) i = (i + 1) & mask_;
    return i;
  }
  static uint64_t pack(uint32_t state, char32_t c) { return (uint64_t{state} << 21) | c; }
  static size_t hash(uint64_t k) { return static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> 20); }
  void grow(size_t size);  // rehashes into `size` slots (a power of two)

  // The edges' hash table, as two arrays: a probe reads 8 bytes a slot (the keys, state
  // << 21 | code point), and only a hit reads its child. Model tables, like first_: the
  // prebuilt model's load views them where they lie, where vectors were copied at every
  // start.
  Table<uint64_t> keys_;
  Table<uint32_t> children_;
  size_t mask_ = 0;
  size_t states_ = 1;
  size_t edges_ = 0;
  Table<uint64_t> first_;  // bit per BMP code point that starts some key
  // By state, the edge that leads to it (the root's: kNone and 0).
  std::vector<uint32_t> parent_;
  std::vector<char32_t> code_;
};

}  // namespace hanfacts::org
