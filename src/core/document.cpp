#include "core/document.h"

namespace hanfacts::core {

Candidate& Candidates::grow() {
  items_.emplace_back();  // counted once made (it may throw)
  return items_[size_++];
}

void add_flag(std::string& flags, std::string_view flag) {
  size_t pos = 0;
  while (pos <= flags.size()) {
    size_t semi = flags.find(';', pos);
    if (semi == std::string::npos) semi = flags.size();
    if (std::string_view(flags).substr(pos, semi - pos) == flag) return;
    pos = semi + 1;
  }
  if (!flags.empty()) flags += ';';
  flags += flag;
}

}  // namespace hanfacts::core
