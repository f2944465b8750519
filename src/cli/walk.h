// Expands the command line's PATHs into the list of inputs, walking folders.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace hanfacts::cli {

struct Input {
  std::string path;          // as given or as found by the walk; "-" for stdin
  bool from_folder = false;  // found by walking a folder (progress counts these): a regular file
  size_t size = 0;           // bytes, when the walk learned it (0: unknown)
};

// `on_error(path, message)` is called for a missing path, an unreadable folder or a
// broken link; the walk goes on. Files given explicitly are kept as given (their
// problems show when they are read). Folders are walked recursively: hidden entries
// (names starting with '.') are skipped, symbolic links are followed but a folder is
// never entered twice on one branch (no loops), files are sorted bytewise by path, and
// `glob` (fnmatch syntax, on the file name) filters them when non-empty.
std::vector<Input> expand_inputs(const std::vector<std::string>& paths, const std::string& glob,
                                 const std::function<void(const std::string&, const std::string&)>& on_error);

}  // namespace hanfacts::cli
