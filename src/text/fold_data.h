// The fold table's data: every BMP code point that does not fold to itself, with its
// fold in UTF-8. Generated at build time with ICU by tools/gen_fold_table.cpp (see there
// for the mapping); text/fold.cpp builds its lookup tables from it. Surrogates are not
// listed (they never occur in decoded text).
#pragma once

#include <cstddef>
#include <cstdint>

namespace hanfacts::text::fold_data {

struct FoldEntry {
  uint16_t code_point;
  const char* folded;  // UTF-8, `length` bytes (may be 0: the code point folds away)
  uint8_t length;
};

extern const FoldEntry kEntries[];
extern const size_t kEntryCount;

}  // namespace hanfacts::text::fold_data
