// Converts the byte offsets of facts (sorted, non-overlapping) into code-point offsets
// in one forward pass over the text.
#pragma once

#include <cstddef>
#include <string_view>

#include "hanfacts/writer.h"
#include "text/utf8.h"

namespace hanfacts::output {

class OffsetConverter {
 public:
  OffsetConverter(std::string_view text, OffsetUnit unit) : text_(text), unit_(unit) {}
  // `byte` must not decrease between calls (facts are in text order).
  size_t operator()(size_t byte) {
    if (unit_ == OffsetUnit::kBytes) return byte;
    if (byte < byte_) { byte_ = 0; chars_ = 0; }  // defensive: restart rather than go wrong
    chars_ += text::count_code_points(text_.substr(byte_, byte - byte_));
    byte_ = byte;
    return chars_;
  }

 private:
  std::string_view text_;
  OffsetUnit unit_;
  size_t byte_ = 0;
  size_t chars_ = 0;
};

}  // namespace hanfacts::output
