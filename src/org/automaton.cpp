#include "org/automaton.h"

#include <algorithm>
#include <bit>

#include "text/utf8.h"

namespace hanfacts::org {

namespace {

uint32_t utf8_length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

// Frees a vector's memory (clear() keeps it).
template <class V>
void release(V& v) {
  V().swap(v);
}

}  // namespace

bool Automaton::build(const CodePointTrie& trie, const std::vector<uint8_t>& reported) {
  const size_t n = trie.states();
  // Children of each trie state, as one array (counting sort by parent), each state's
  // by code point so the numbering does not depend on the trie's hash order.
  std::vector<uint32_t> first(n + 1, 0);
  std::vector<uint32_t> parent(n, CodePointTrie::kRoot);
  trie.for_each_edge([&](uint32_t from, char32_t, uint32_t child) {
    ++first[from + 1];
    parent[child] = from;
  });
  for (size_t s = 0; s < n; ++s) first[s + 1] += first[s];
  struct Edge {
    char32_t c;
    uint32_t child;
  };
  std::vector<Edge> edges(first[n]);
  {
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    trie.for_each_edge([&](uint32_t from, char32_t c, uint32_t child) { edges[fill[from]++] = {c, child}; });
  }
  for (size_t s = 0; s < n; ++s)
    std::sort(edges.begin() + first[s], edges.begin() + first[s + 1], [](const Edge& a, const Edge& b) { return a.c < b.c; });

  // Live states: those on the way to a reported key. The automaton runs on them alone
  // (the trie also holds keys the scan never reports, such as particles), so text made
  // of other keys leaves it at the root.
  // States breadth first. The trie is a tree, so each state comes once and n slots hold
  // them all (filled in place: GCC 12 warns falsely about push_back growing here).
  std::vector<uint32_t> order(n);
  size_t filled = 0;
  order[filled++] = CodePointTrie::kRoot;
  for (size_t q = 0; q < filled; ++q)
    for (uint32_t e = first[order[q]]; e < first[order[q] + 1]; ++e) order[filled++] = edges[e].child;
  order.resize(filled);
  std::vector<uint8_t> live(reported.begin(), reported.end());
  live.resize(n, 0);
  {
    // A parent is live when a child is: children come after parents in `order`.
    for (size_t q = order.size(); q-- > 1;)
      if (live[order[q]]) live[parent[order[q]]] = 1;
  }
  live[CodePointTrie::kRoot] = 1;

  // Number the live states: the root, then its children (root_ and the scan's table per
  // code point hold their numbers, which must stay small), then the rest breadth first,
  // except that a state with one live edge is followed at once by its child, and so on
  // down the chain: most deep states are a key's tail, and a scan along it reads records
  // and quick masks side by side instead of a breadth-first level apart. `trie_state`
  // (by number) is the queue; a state's one live child, when it has one and no other,
  // comes from one pass over the edges (filled in place, as `order`).
  std::vector<uint32_t> only_child(n, kNone);
  for (uint32_t t = 0; t < n; ++t) {
    for (uint32_t e = first[t]; e < first[t + 1]; ++e) {
      if (!live[edges[e].child]) continue;
      if (only_child[t] != kNone) {
        only_child[t] = kNone - 1;  // two or more
        break;
      }
      only_child[t] = edges[e].child;
    }
  }
  std::vector<uint32_t> id(n, kNone);
  std::vector<uint32_t> trie_state(order.size());
  size_t numbered = 0;
  id[CodePointTrie::kRoot] = 0;
  trie_state[numbered++] = CodePointTrie::kRoot;
  for (uint32_t e = first[CodePointTrie::kRoot]; e < first[CodePointTrie::kRoot + 1]; ++e)
    if (live[edges[e].child]) {
      id[edges[e].child] = static_cast<uint32_t>(numbered);
      trie_state[numbered++] = edges[e].child;
    }
  for (size_t q = 1; q < numbered; ++q) {
    const uint32_t t = trie_state[q];
    for (uint32_t e = first[t]; e < first[t + 1]; ++e) {
      for (uint32_t x = edges[e].child; x < n && live[x] && id[x] == kNone; x = only_child[x]) {
        id[x] = static_cast<uint32_t>(numbered);
        trie_state[numbered++] = x;
      }
    }
  }
  trie_state.resize(numbered);
  const size_t m = trie_state.size();
  // The same states breadth first: the order the failure links are found in (a state's
  // failure is a shorter string, found before it).
  std::vector<uint32_t> bfs;
  bfs.reserve(m);
  for (const uint32_t t : order)
    if (live[t]) bfs.push_back(id[t]);
  // The live edges again, by automaton state and code point, with the automaton's
  // numbers: the passes below read them in order, not by trie state at random.
  std::vector<uint32_t> live_first(m + 1, 0);
  std::vector<Edge> live_edges;
  live_edges.reserve(edges.size());
  std::vector<uint8_t> own_report(m, 0);  // by state: it ends a reported key
  for (uint32_t s = 0; s < m; ++s) {
    const uint32_t t = trie_state[s];
    live_first[s] = static_cast<uint32_t>(live_edges.size());
    own_report[s] = t < reported.size() && reported[t];
    for (uint32_t e = first[t]; e < first[t + 1]; ++e)
      if (live[edges[e].child]) live_edges.push_back({edges[e].c, id[edges[e].child]});
  }
  live_first[m] = static_cast<uint32_t>(live_edges.size());
  // The tables by trie state are done with: freed before the automaton's own are made,
  // since the end of this build is the start-up's peak of memory.
  release(first);
  release(parent);
  release(edges);
  release(order);
  release(live);
  release(only_child);
  release(id);

  // Edge blocks: each state's live edges in an open-addressing block of a power of two
  // slots, at least twice its edges; slot 0 is an empty block of one for states with none.
  // A state of one edge (not the root, whose edges root_step() reads from its block)
  // holds it in its record instead, made so here rather than laid out as a block of two
  // and moved later. Each state's own mask goes into quick_ first (the union along the
  // failure chain is taken below), as the record of a one-edge state has no room for it.
  states_.assign(m, State{0, 0, kRoot});
  quick_.assign(m, uint64_t{1} << kFullStepBit);
  slots_.assign(1, Slot{kNoCode, 0});
  size_t laid_out = 1;  // slots as if every state's edges were a block: the size limit counts these
  for (uint32_t s = 0; s < m; ++s) {
    const size_t count = live_first[s + 1] - live_first[s];
    if (count == 0) continue;
    const size_t size = std::bit_ceil(2 * count);
    if (laid_out + size >= (size_t{1} << 27)) return false;
    laid_out += size;
    State& st = states_[s];
    if (s != kRoot && count == 1) {
      const auto [c, child] = live_edges[live_first[s]];
      quick_[s] |= uint64_t{1} << mask_bit(code_hash(c));
      st.mask = uint64_t{c} << 32 | child;
      st.block = kInlineEdge;
      if (c <= 0xFFFF) continues_[c >> 6] |= uint64_t{1} << (c & 63);
      continue;
    }
    const size_t base = slots_.size();
    slots_.resize(base + size, Slot{kNoCode, 0});
    st.block = static_cast<uint32_t>(base << 5 | std::countr_zero(size));
    for (uint32_t e = live_first[s]; e < live_first[s + 1]; ++e) {
      const auto [c, child] = live_edges[e];
      const uint64_t h = code_hash(c);
      st.mask |= uint64_t{1} << mask_bit(h);
      size_t i = (h >> 20) & (size - 1);
      while (slots_[base + i].c != kNoCode) i = (i + 1) & (size - 1);
      slots_[base + i] = Slot{c, child};
      if (s != kRoot && c <= 0xFFFF) continues_[c >> 6] |= uint64_t{1} << (c & 63);
    }
    if (s != kRoot) quick_[s] |= st.mask;
  }
  // (The edges get their kReportsMark below, once reports are known.)
  const auto edge = [&](uint32_t s, char32_t c) {
    const State& st = states_[s];
    if (st.block == kInlineEdge) return static_cast<uint32_t>(st.mask >> 32) == c ? static_cast<uint32_t>(st.mask) : kNone;
    return find_edge(st, c, code_hash(c));
  };

  // Failure links, depths and reports, breadth first, so a state's failure (a shorter
  // string) is done before the state.
  std::vector<uint32_t> report(m, kNone), depth(m, 0);
  for (const uint32_t s : bfs) {
    for (uint32_t e = live_first[s]; e < live_first[s + 1]; ++e) {
      const auto [c, child] = live_edges[e];
      depth[child] = depth[s] + utf8_length(c);
      uint32_t f = kRoot;
      if (s != kRoot) {
        for (uint32_t g = states_[s].fail;; g = states_[g].fail) {
          const uint32_t next = edge(g, c);
          if (next != kNone) {
            f = next;
            break;
          }
          if (g == kRoot) break;
        }
      }
      states_[child].fail = f;
      report[child] = own_report[child] ? child : report[f];
    }
  }
  // The root's steps go through root_ or find_edge() directly: an empty mask makes
  // steps_as_root() true for it (the root's failure is itself).
  states_[kRoot].mask = 0;
  // A state's quick mask is the union of the masks along its failure chain (the root's
  // excluded): a clear bit says no state of the chain has an edge on the code point, so
  // the step goes where the root's goes. Failures are shorter strings, done earlier
  // breadth first.
  for (size_t q = 1; q < m; ++q) quick_[bfs[q]] |= quick_[states_[bfs[q]].fail];
  max_key_bytes_ = m == 0 ? 0 : *std::max_element(depth.begin(), depth.end());
  keys_.resize(m);
  for (uint32_t s = 0; s < m; ++s) keys_[s] = Keys{report[s], report[states_[s].fail], depth[s], trie_state[s]};
  // Every state but the root is the child of one edge, and edges are fewer than 2^27.
  static_assert(kReportsMark >= (uint32_t{1} << 27), "state numbers must stay below the mark");
  for (Slot& slot : slots_)
    if (slot.c != kNoCode) slot.child = marked(slot.child);
  for (State& st : states_)
    if (st.block == kInlineEdge) st.mask = (st.mask >> 32) << 32 | marked(static_cast<uint32_t>(st.mask));
  // The root's live edges, not a lookup for every code point of the dense blocks.
  root_.assign(kRootSize, kRoot);
  for (uint32_t e = live_first[kRoot]; e < live_first[kRoot + 1]; ++e) {
    const auto [c, child] = live_edges[e];
    const size_t k = root_index(c);
    if (k < kRootSize) root_[k] = child;
  }
  return true;
}

}  // namespace hanfacts::org
