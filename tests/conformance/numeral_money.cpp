// Suites for numerals and money (owned by the numeral/money work).
#include "conformance.h"

namespace hanfacts::conformance {

void register_numeral_money_suites(std::vector<Suite>&) {}

}  // namespace hanfacts::conformance
