#include "numeral/numeral.h"

namespace hanfacts::numeral {

bool operator==(const Decimal& a, const Decimal& b) { return a.mantissa == b.mantissa && a.scale == b.scale; }

std::string Decimal::to_string() const { return "0"; }

std::string Numeral::value_string() const {
  return is_range() ? low.to_string() + ".." + high.to_string() : low.to_string();
}

std::vector<Numeral> find_numerals(std::string_view) { return {}; }

}  // namespace hanfacts::numeral
