#include "lexicon/sources.h"

#include "lexicon/builtin.h"
#include "lexicon/tsv.h"

namespace hanfacts::lexicon {

std::vector<Source> builtin_sources(std::string_view folder) {
  std::vector<Source> out;
  const std::string prefix = std::string(folder) + "/";
  for (const EmbeddedFile& f : builtin_files()) {
    if (f.path.substr(0, prefix.size()) == prefix) out.push_back({"<builtin>/" + std::string(f.path), f.content});
  }
  return out;
}

Result<std::vector<Source>> load_user_sources(const std::vector<LexiconSource>& sources,
                                              std::vector<std::string>& storage) {
  std::vector<Source> out;
  storage.reserve(storage.size() + sources.size());
  for (const LexiconSource& s : sources) {
    std::string name = s.name.empty() ? s.path : s.name;
    if (s.content.empty()) {
      Result<std::string> read = read_file(s.path);
      if (!read.ok()) return read.status();
      storage.push_back(std::move(read).value());
    } else {
      storage.push_back(s.content);
    }
    out.push_back({std::move(name), storage.back()});
  }
  return out;
}

bool is_builtin(std::span<const Source> sources, std::string_view folder) {
  const std::vector<Source> builtin = builtin_sources(folder);
  if (sources.size() != builtin.size()) return false;
  for (size_t i = 0; i < builtin.size(); ++i)
    if (sources[i].name != builtin[i].name || sources[i].content.data() != builtin[i].content.data() ||
        sources[i].content.size() != builtin[i].content.size())
      return false;
  return true;
}

}  // namespace hanfacts::lexicon
