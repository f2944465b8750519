// lexicons/numeral/numerals.tsv at compile time: one entry per word of its rows, written
// into the build folder by tools/gen_numeral_rows.cpp (the header numerals_tsv.h). For
// tables a hot path reads as constants (the date grammar's numeral sets, date/numbers.h),
// where a table built from numeral::'s reading at start-up would be read through memory
// or behind a guard. The file's own reader (numeral.cpp) checks it; a unit test holds
// these rows to that reading.
#pragma once

#include <string_view>

namespace hanfacts::numeral {

enum class RowKind : unsigned char { kDigit, kUnit, kScale, kTens, kPoint, kVague, kApprox, kNativeTens, kNativeUnit, kJoiner, kNegative };

// The flags column, one bit each.
enum RowFlag : unsigned {
  kRowAmbiguous = 1u << 0,
  kRowAttributive = 1u << 1,
  kRowWordWithParticle = 1u << 2,
  kRowCounting = 1u << 3,
  kRowDate = 1u << 4,
};

struct NumeralRow {
  bool chinese;  // lang zh; else ko
  RowKind kind;
  int value;
  std::u32string_view word;  // one of the row's words
  unsigned flags;            // RowFlag bits
  constexpr bool has(RowFlag f) const { return (flags & f) != 0; }
};

}  // namespace hanfacts::numeral

// kNumeralRows: the entries in the file's order.
#include "numerals_tsv.h"
