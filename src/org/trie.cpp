#include "org/trie.h"

#include "text/utf8.h"

namespace hanfacts::org {

CodePointTrie::CodePointTrie() : slots_(64, Slot{kEmpty, 0}), mask_(63), first_(1024, 0), parent_(1, kNone), code_(1, 0) {}

void CodePointTrie::reserve(size_t edges) {
  size_t size = slots_.size();
  while (size < edges * 2) size *= 2;
  if (size != slots_.size()) grow(size);
  parent_.reserve(edges + 1);
  code_.reserve(edges + 1);
}

void CodePointTrie::grow(size_t size) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(size, Slot{kEmpty, 0});
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key == kEmpty) continue;
    size_t i = hash(s.key) & mask_;
    while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

uint32_t CodePointTrie::insert(std::string_view key) {
  uint32_t state = kRoot;
  bool first = true;
  for (size_t i = 0; i < key.size();) {
    const char32_t c = text::next_code_point(key, i);
    if (first && c <= 0xFFFF) first_[c >> 6] |= uint64_t{1} << (c & 63);
    first = false;
    const uint32_t next = step(state, c);
    if (next != kNone) {
      state = next;
      continue;
    }
    // Keep the load at or under one half so probes stay short.
    if ((edges_ + 1) * 2 > slots_.size()) grow(slots_.size() * 2);
    const uint64_t k = pack(state, c);
    size_t j = hash(k) & mask_;
    while (slots_[j].key != kEmpty) j = (j + 1) & mask_;
    slots_[j] = Slot{k, static_cast<uint32_t>(states_)};
    ++edges_;
    parent_.push_back(state);
    code_.push_back(c);
    state = static_cast<uint32_t>(states_++);
  }
  return state;
}

uint32_t CodePointTrie::find(std::string_view key) const {
  uint32_t state = kRoot;
  for (size_t i = 0; i < key.size() && state != kNone;) state = step(state, text::next_code_point(key, i));
  return state;
}

}  // namespace hanfacts::org
