// A vector for a compiled model's large tables (the ORG model's) that may, instead of
// owning its elements, view ones in storage that outlives it: the prebuilt model in the
// binary's read-only data (lexicon/serial.h, org::Recognizer::create). Viewed, a table costs no copy at start-up,
// and its pages are mapped from the binary as a scan first reads them, shared by every
// process that runs it.
//
//   ModelTable<uint32_t> t;  t.assign(n, 0);  t[3] = 7;   // built: the vector's calls
//   auto v = ModelTable<uint32_t>::view(ptr, n);            // read-only, nothing copied
//   uint32_t x = v[3];                                 // reads are the same either way
//
// Reads (const) go through one pointer, as a vector's do. The vector's modifying calls
// are for building only, on a table that owns its elements: they work on the vector and
// point the reads at its buffer again.
#pragma once

#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace hanfacts::lexicon {

template <class T>
class ModelTable {
 public:
  using value_type = T;

  ModelTable() = default;
  explicit ModelTable(std::vector<T> v) : own_(std::move(v)) { sync(); }
  static ModelTable view(const T* data, size_t size) {
    ModelTable t;
    t.data_ = data;
    t.size_ = size;
    return t;
  }
  ModelTable(const ModelTable& o) : own_(o.own_), data_(o.owned() ? own_.data() : o.data_), size_(o.size_) {}
  // A vector's move keeps its buffer, so the reads stay pointed at it.
  ModelTable(ModelTable&& o) noexcept : own_(std::move(o.own_)), data_(o.data_), size_(o.size_) { o.reset(); }
  ModelTable& operator=(const ModelTable& o) {
    if (this != &o) *this = ModelTable(o);
    return *this;
  }
  ModelTable& operator=(ModelTable&& o) noexcept {
    own_ = std::move(o.own_);
    data_ = o.data_;
    size_ = o.size_;
    o.reset();
    return *this;
  }

  // Reads.
  const T& operator[](size_t i) const { return data_[i]; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  // Whether the elements are this table's own (built), not a view.
  bool owned() const { return data_ == own_.data(); }

  // Building (owned tables only).
  T& operator[](size_t i) {
    assert(owned());
    return own_[i];
  }
  T* begin() {
    assert(owned());
    return own_.data();
  }
  T* end() { return begin() + own_.size(); }
  T& back() { return own_.back(); }
  template <class... A>
  void assign(A&&... a) {
    own_.assign(std::forward<A>(a)...);
    sync();
  }
  template <class... A>
  void resize(A&&... a) {
    own_.resize(std::forward<A>(a)...);
    sync();
  }
  template <class... A>
  void emplace_back(A&&... a) {
    own_.emplace_back(std::forward<A>(a)...);
    sync();
  }
  void push_back(const T& v) {
    own_.push_back(v);
    sync();
  }
  template <class It>
  void append(It first, It last) {
    own_.insert(own_.end(), first, last);
    sync();
  }
  // Calls f(vector&) with the elements as a vector, for helpers that take one.
  template <class F>
  void edit(F f) {
    assert(owned());
    f(own_);
    sync();
  }
  void release() {
    std::vector<T>().swap(own_);
    sync();
  }

 private:
  void sync() {
    data_ = own_.data();
    size_ = own_.size();
  }
  void reset() {
    own_.clear();
    data_ = own_.data();
    size_ = 0;
  }
  std::vector<T> own_;
  const T* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace hanfacts::lexicon
