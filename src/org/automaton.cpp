#include "org/automaton.h"

#include "text/utf8.h"

namespace hanfacts::org {

namespace {

uint32_t utf8_length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

}  // namespace

void Automaton::build(const CodePointTrie& trie, const std::vector<uint8_t>& reported) {
  trie_ = &trie;
  const size_t n = trie.states();
  // Children of each state, as one array (counting sort by parent).
  std::vector<uint32_t> first(n + 1, 0);
  trie.for_each_edge([&](uint32_t parent, char32_t, uint32_t) { ++first[parent + 1]; });
  for (size_t s = 0; s < n; ++s) first[s + 1] += first[s];
  struct Edge {
    char32_t c;
    uint32_t child;
  };
  std::vector<Edge> edges(first[n]);
  {
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    trie.for_each_edge([&](uint32_t parent, char32_t c, uint32_t child) { edges[fill[parent]++] = {c, child}; });
  }

  // Live states: those on the way to a reported key. The automaton runs on them alone
  // (the trie also holds keys the scan never reports, such as particles), so text made
  // of other keys leaves it at the root.
  std::vector<uint32_t> order;
  order.reserve(n);
  order.push_back(kRoot);
  for (size_t q = 0; q < order.size(); ++q)
    for (uint32_t e = first[order[q]]; e < first[order[q] + 1]; ++e) order.push_back(edges[e].child);
  std::vector<uint8_t> live(reported.begin(), reported.end());
  live.resize(n, 0);
  {
    // A parent is live when a child is: children come after parents in `order`.
    std::vector<uint32_t> parent(n, kRoot);
    for (uint32_t s = 0; s < n; ++s)
      for (uint32_t e = first[s]; e < first[s + 1]; ++e) parent[edges[e].child] = s;
    for (size_t q = order.size(); q-- > 1;)
      if (live[order[q]]) live[parent[order[q]]] = 1;
  }
  live[kRoot] = 1;
  size_t live_edges = 0;
  for (uint32_t s = 0; s < n; ++s)
    for (uint32_t e = first[s]; e < first[s + 1]; ++e) live_edges += live[edges[e].child];
  const auto live_step = [&](uint32_t s, char32_t c) {
    const uint32_t t = trie.step(s, c);
    return t != kNone && live[t] ? t : kNone;
  };

  // The edge filter: about 32 bits per live edge keeps false positives near 1 in 32
  // (each one costs a probe of the edge table, a likely cache miss); at most 1 MB, so it
  // stays in cache for large lexicons too (about 11 bits an edge at 60,000 entries).
  unsigned bits = 12;
  while ((size_t{1} << bits) < live_edges * 32 && bits < 23) ++bits;
  edge_shift_ = 64 - bits;
  edge_bits_.assign((size_t{1} << bits) / 64, 0);

  node_.assign(n, Node{kNone, kNone});  // dead states keep kNone as failure
  node_[kRoot] = Node{kRoot, kNone};
  depth_.assign(n, 0);
  // Breadth first, so a state's failure (a shorter string) is done before the state.
  std::vector<uint32_t> queue;
  queue.reserve(n);
  queue.push_back(kRoot);
  for (size_t q = 0; q < queue.size(); ++q) {
    const uint32_t s = queue[q];
    for (uint32_t e = first[s]; e < first[s + 1]; ++e) {
      const auto [c, child] = edges[e];
      if (!live[child]) continue;
      const size_t h = edge_hash(s, c);
      edge_bits_[h >> 6] |= uint64_t{1} << (h & 63);
      if (s != kRoot && c <= 0xFFFF) continues_[c >> 6] |= uint64_t{1} << (c & 63);
      depth_[child] = depth_[s] + utf8_length(c);
      uint32_t f = kRoot;
      if (s != kRoot) {
        for (uint32_t g = node_[s].fail;; g = node_[g].fail) {
          const uint32_t t = live_step(g, c);
          if (t != kNone) {
            f = t;
            break;
          }
          if (g == kRoot) break;
        }
      }
      node_[child] = Node{f, reported[child] ? child : node_[f].report};
      queue.push_back(child);
    }
  }
  live_states_ = queue.size();
  bits_.assign(n, 0);
  for (const uint32_t st : queue)
    set_bits(st, static_cast<uint8_t>(kLive | (node_[st].fail == kRoot ? kFailsToRoot : 0) |
                                      (node_[st].report != kNone ? kReports : 0)));

  root_.assign(kRootSize, kRoot);
  for (char32_t c = 0; c < kHangulEnd; ++c) {
    const size_t k = root_index(c);
    if (k >= kRootSize) continue;
    const uint32_t t = live_step(kRoot, c);
    if (t != kNone) root_[k] = t;
  }
}

}  // namespace hanfacts::org
