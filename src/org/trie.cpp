#include "org/trie.h"

#include "text/utf8.h"

namespace hanfacts::org {

CodePointTrie::CodePointTrie()
    : keys_(std::vector<uint64_t>(64, kEmpty)),
      children_(std::vector<uint32_t>(64, 0)),
      mask_(63),
      first_(std::vector<uint64_t>(1024, 0)),
      parent_(1, kNone),
      code_(1, 0) {}

void CodePointTrie::reserve(size_t edges) {
  size_t size = keys_.size();
  while (size * kLoadDen < edges * kLoadNum) size *= 2;
  if (size != keys_.size()) grow(size);
  parent_.reserve(edges + 1);
  code_.reserve(edges + 1);
}

void CodePointTrie::grow(size_t size) {
  const Table<uint64_t> old_keys = std::move(keys_);
  const Table<uint32_t> old_children = std::move(children_);
  keys_.assign(size, kEmpty);
  children_.assign(size, 0);
  mask_ = size - 1;
  for (size_t j = 0; j < old_keys.size(); ++j) {
    if (old_keys[j] == kEmpty) continue;
    const size_t i = probe(old_keys[j]);
    keys_[i] = old_keys[j];
    children_[i] = old_children[j];
  }
}

uint32_t CodePointTrie::insert(std::string_view key) {
  uint32_t state = kRoot;
  bool first = true;
  for (size_t i = 0; i < key.size();) {
    const char32_t c = text::next_code_point(key, i);
    if (first && c <= 0xFFFF) first_[c >> 6] |= uint64_t{1} << (c & 63);
    first = false;
    const uint64_t k = pack(state, c);
    size_t j = probe(k);
    if (keys_[j] == k) {
      state = children_[j];
      continue;
    }
    if ((edges_ + 1) * kLoadNum > keys_.size() * kLoadDen) {
      grow(keys_.size() * 2);
      j = probe(k);
    }
    keys_[j] = k;
    children_[j] = static_cast<uint32_t>(states_);
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
