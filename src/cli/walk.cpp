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
  std::vector<std::string> files;

  void walk(const std::string& dir, std::set<DirId>& ancestors) {
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) {
      on_error(dir, std::strerror(errno));
      return;
    }
    std::vector<std::string> names;
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;  // hidden entries, "." and ".."
      names.emplace_back(e->d_name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string path = dir;
      if (path.empty() || path.back() != '/') path += '/';
      path += name;
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
        if (glob.empty() || fnmatch(glob.c_str(), name.c_str(), 0) == 0) files.push_back(std::move(path));
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
    std::sort(w.files.begin(), w.files.end());
    for (auto& f : w.files) out.push_back({std::move(f), true});
  }
  return out;
}

}  // namespace hanfacts::cli
