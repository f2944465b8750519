// MONEY recognizer: numerals (numeral/) bound to currency words from lexicons/money/,
// with qualifiers, ranges and parenthetical equivalents.
//
//   auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
//   made.value().find(doc, candidates);   // "약 600억 위안 이상" -> 600억 위안, approx;min
//
// Data: currencies.tsv (suffix and prefix surfaces per ISO code), minor_units.tsv
// (센트, 角, 分), qualifiers.tsv (approx/min/max words and range connectors),
// particles.tsv (Korean particles and endings that may follow an amount's words). One pass
// over the text: only digits and numeral characters start work; tables are built once.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "hanfacts/status.h"
#include "lexicon/sources.h"

namespace hanfacts::money {

struct Tables;

class Recognizer {
 public:
  // Fails with a "file:line: column 'x': ..." status on a malformed lexicon row.
  static Result<Recognizer> create(std::span<const lexicon::Source> sources);
  // Appends MONEY candidates found in `doc`. Thread-safe.
  void find(const core::Document& doc, core::Candidates& out) const;
  // The places in `text` (folded) where find() may start reading an amount, in order,
  // from the scanner's byte-by-byte loop or from its block filter, 32 bytes at a time,
  // compiled for AVX2 or for AVX-512 (each where the CPU has it, else the one below).
  // The lists are equal; unit tests hold them so. `runs`, if given, gets for each start
  // where its first digits or numeral character end (what find() reads on from).
  enum class ScanLevel { kScalar, kAvx2, kAvx512 };
  std::vector<size_t> scan_starts(std::string_view text, ScanLevel level, std::vector<size_t>* runs = nullptr) const;

 private:
  std::shared_ptr<const Tables> tables_;
};

}  // namespace hanfacts::money
