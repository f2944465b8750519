// Suites for dates (owned by the date work).
#include "conformance.h"

namespace hanfacts::conformance {

void register_time_suites(std::vector<Suite>&) {}

}  // namespace hanfacts::conformance
