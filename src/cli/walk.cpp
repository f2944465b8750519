#include "cli/walk.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

namespace hanfacts::cli {
namespace {

using DirId = std::pair<dev_t, ino_t>;

struct Walker {
  const std::string& glob;
  const std::function<void(const std::string&, const std::string&)>& on_error;
  std::vector<Input> files;

  void walk(const std::string& dir, std::set<DirId>& ancestors) {
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) {
      on_error(dir, std::strerror(errno));
      return;
    }
    // The entry type from the folder listing spares a stat(2) per regular file (a
    // folder of 187,000 files spent more time in stat than in reading them).
    std::vector<std::pair<std::string, bool>> names;  // (name, known to be a regular file)
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;  // hidden entries, "." and ".."
      names.emplace_back(e->d_name, e->d_type == DT_REG);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto& [name, regular] : names) {
      std::string path = dir;
      if (path.empty() || path.back() != '/') path += '/';
      path += name;
      if (regular) {
        if (glob.empty() || fnmatch(glob.c_str(), name.c_str(), 0) == 0) files.push_back({std::move(path), true, 0});
        continue;
      }
      struct stat st;
      if (stat(path.c_str(), &st) != 0) {
        on_error(path, std::strerror(errno));  // e.g. a dangling symbolic link
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        DirId id{st.st_dev, st.st_ino};
        if (!ancestors.insert(id).second) continue;  // a link back up: a loop
        walk(path, ancestors);
        ancestors.erase(id);
      } else if (S_ISREG(st.st_mode)) {
        if (glob.empty() || fnmatch(glob.c_str(), name.c_str(), 0) == 0)
          files.push_back({std::move(path), true, static_cast<size_t>(st.st_size)});
      }
    }
  }
};

}  // namespace

std::vector<Input> expand_inputs(const std::vector<std::string>& paths, const std::string& glob,
                                 const std::function<void(const std::string&, const std::string&)>& on_error) {
  std::vector<Input> out;
  if (paths.empty()) {
    out.push_back({"-", false});
    return out;
  }
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back({p, false});
      continue;
    }
    struct stat st;
    if (stat(p.c_str(), &st) != 0) {
      on_error(p, std::strerror(errno));
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      out.push_back({p, false});
      continue;
    }
    Walker w{glob, on_error, {}};
    std::set<DirId> ancestors{{st.st_dev, st.st_ino}};
    w.walk(p, ancestors);
    // Sorting the whole list (not per folder) gives plain bytewise path order.
    std::sort(w.files.begin(), w.files.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    for (auto& f : w.files) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace hanfacts::cli
