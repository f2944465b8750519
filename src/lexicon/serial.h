// A compiled model in a flat binary form: the built-in lexicons' ORG and DATE models are
// made at build time (tools/gen_model.cpp) and read back
// at start-up, so a run does not parse 8,000+ organizations and build its trie,
// automaton and typo index again, nor the date words' trie.
//
//   SerialWriter w;  model.serial(w);  std::string bytes = w.take();
//   SerialReader r(bytes);  model.serial(r);  if (!r.done()) ...;   // truncated or bad
//
// A class lists its fields once, in a member `template <class Io> void serial(Io& io)`
// that calls io(field) for each; the writer and the reader both walk that one list, so
// they cannot drift apart. A vector of a trivially copyable type (or of pairs of them) is
// one block of bytes; strings and other vectors go element by element. A ModelTable
// (lexicon/model_table.h) is a block too, aligned for its type: read from storage that outlives
// the model (the binary's own data) it is viewed where it lies, not copied. The form is
// the build's own (its compiler's layouts and byte order): it never leaves the build
// folder.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "lexicon/model_table.h"

namespace hanfacts::lexicon {

namespace serial_detail {
template <class T>
struct IsVector : std::false_type {};
template <class T, class A>
struct IsVector<std::vector<T, A>> : std::true_type {};
template <class T>
struct IsTable : std::false_type {};
template <class T>
struct IsTable<ModelTable<T>> : std::true_type {};
template <class T>
struct IsPair : std::false_type {};
template <class A, class B>
struct IsPair<std::pair<A, B>> : std::true_type {};
// Copied as bytes: trivially copyable types, and pairs of them (std::pair has a
// user-provided assignment, so it is not trivially copyable, but its bytes are its value).
template <class T>
constexpr bool bytewise() {
  if constexpr (IsPair<T>::value)
    return std::is_trivially_copyable_v<typename T::first_type> && std::is_trivially_copyable_v<typename T::second_type>;
  else
    return std::is_trivially_copyable_v<T>;
}
}  // namespace serial_detail

class SerialWriter {
 public:
  template <class T>
  void operator()(const T& v) {
    using namespace serial_detail;
    if constexpr (std::is_same_v<T, std::string>) {
      count(v.size());
      out_.append(v);
    } else if constexpr (IsTable<T>::value) {
      using E = typename T::value_type;
      static_assert(bytewise<E>());
      count(v.size());
      out_.append((alignof(E) - out_.size() % alignof(E)) % alignof(E), '\0');
      out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(E));
    } else if constexpr (IsVector<T>::value) {
      using E = typename T::value_type;
      count(v.size());
      if constexpr (bytewise<E>())
        out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(E));
      else
        for (const E& e : v) (*this)(e);
    } else if constexpr (std::is_trivially_copyable_v<T>) {
      out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    } else {
      // A class with its own field list; writing reads it only.
      const_cast<T&>(v).serial(*this);
    }
  }
  size_t size() const { return out_.size(); }
  std::string take() { return std::move(out_); }

 private:
  void count(size_t n) {
    const uint64_t n64 = n;
    out_.append(reinterpret_cast<const char*>(&n64), sizeof n64);
  }
  std::string out_;
};

class SerialReader {
 public:
  // `lasting`: `in` outlives what is read (static storage), so tables may view it.
  explicit SerialReader(std::string_view in, bool lasting = false) : in_(in), lasting_(lasting) {}
  template <class T>
  void operator()(T& v) {
    using namespace serial_detail;
    if constexpr (std::is_same_v<T, std::string>) {
      const size_t n = count(1);
      if (n) v.assign(in_.data() + pos_, n);
      pos_ += n;
    } else if constexpr (IsTable<T>::value) {
      using E = typename T::value_type;
      const size_t n = count(1);
      const size_t pad = (alignof(E) - pos_ % alignof(E)) % alignof(E);
      if (!ok_ || pad > in_.size() - pos_ || n > (in_.size() - pos_ - pad) / sizeof(E)) {
        ok_ = false;
        return;
      }
      pos_ += pad;
      const char* at = in_.data() + pos_;
      if (lasting_ && reinterpret_cast<uintptr_t>(at) % alignof(E) == 0) {
        v = T::view(reinterpret_cast<const E*>(at), n);
      } else {
        std::vector<E> copy(n);
        if (n) std::memcpy(static_cast<void*>(copy.data()), at, n * sizeof(E));
        v = T(std::move(copy));
      }
      pos_ += n * sizeof(E);
    } else if constexpr (IsVector<T>::value) {
      using E = typename T::value_type;
      if constexpr (bytewise<E>()) {
        const size_t n = count(sizeof(E));
        v.resize(n);
        if (n) std::memcpy(static_cast<void*>(v.data()), in_.data() + pos_, n * sizeof(E));
        pos_ += n * sizeof(E);
      } else {
        // At least one byte an element (a count or a field), so a bad count cannot ask for
        // more elements than the input has bytes.
        const size_t n = count(1);
        v.clear();
        v.resize(n);
        for (E& e : v) (*this)(e);
      }
    } else if constexpr (std::is_trivially_copyable_v<T>) {
      if (!ok_ || in_.size() - pos_ < sizeof v) {
        ok_ = false;
        return;
      }
      std::memcpy(static_cast<void*>(&v), in_.data() + pos_, sizeof v);
      pos_ += sizeof v;
    } else {
      v.serial(*this);
    }
  }
  // True when every read found its bytes and the input is used up.
  bool done() const { return ok_ && pos_ == in_.size(); }

 private:
  // A count of elements of `unit` bytes each that the rest of the input can hold, else
  // 0 with the reader failed.
  size_t count(size_t unit) {
    uint64_t n = 0;
    (*this)(n);
    if (!ok_ || n > (in_.size() - pos_) / unit) {
      ok_ = false;
      return 0;
    }
    return static_cast<size_t>(n);
  }
  std::string_view in_;
  bool lasting_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// A vector of a struct with padding (or of pairs), one field at a time: as a block its
// padding bytes, which nothing sets, would make the saved model differ from build to
// build. `io` is a SerialWriter or a SerialReader.
//
//   serial_fields(io, entries, &Entry::kind, &Entry::offset);
template <class Io, class T, class... Fields>
void serial_fields(Io& io, std::vector<T>& v, Fields T::*... fields) {
  const auto one = [&](auto T::*field) {
    using F = std::remove_reference_t<decltype(std::declval<T&>().*field)>;
    // (A bool goes as a byte: std::vector<bool> is no block of bools.)
    std::vector<std::conditional_t<std::is_same_v<F, bool>, uint8_t, F>> column;
    if constexpr (std::is_same_v<Io, SerialWriter>) {
      column.reserve(v.size());
      for (const T& x : v) column.push_back(x.*field);
    }
    io(column);
    if constexpr (std::is_same_v<Io, SerialReader>) {
      if (v.size() < column.size()) v.resize(column.size());
      for (size_t i = 0; i < column.size(); ++i) v[i].*field = static_cast<F>(column[i]);
    }
  };
  (one(fields), ...);
}

}  // namespace hanfacts::lexicon
