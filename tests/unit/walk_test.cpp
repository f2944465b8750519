// Expanding PATH arguments and walking folders (src/cli/walk.h).
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/walk.h"

namespace fs = std::filesystem;
using hanfacts::cli::expand_inputs;
using hanfacts::cli::Input;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "hanfacts-walk-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void file(const std::string& rel) {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << "x";
  }
};

struct Walked {
  std::vector<std::string> files;  // relative to the root
  std::vector<std::string> errors;
};

Walked walk(const TempDir& dir, const std::string& glob = "") {
  Walked w;
  const std::string root = dir.path.string();
  for (const Input& in : expand_inputs({root}, glob, [&](const std::string& p, const std::string& m) {
         w.errors.push_back(p + ": " + m);
       })) {
    CHECK(in.from_folder);
    REQUIRE(in.path.rfind(root + "/", 0) == 0);
    w.files.push_back(in.path.substr(root.size() + 1));
  }
  return w;
}

}  // namespace

TEST_CASE("folders are walked recursively in bytewise path order, hidden entries skipped") {
  TempDir d;
  for (const char* f : {"b.txt", "a.txt", "B.txt", "sub/z.txt", "sub/a.txt", "sub.txt", "a/deep/er/x.txt",
                        ".hidden.txt", ".git/config", "sub/.secret/y.txt", "가.txt"})
    d.file(f);
  const Walked w = walk(d);
  CHECK(w.errors.empty());
  const std::vector<std::string> expected = {"B.txt",     "a.txt", "a/deep/er/x.txt", "b.txt",
                                             "sub.txt",   "sub/a.txt", "sub/z.txt", "가.txt"};
  CHECK(w.files == expected);
}

TEST_CASE("--glob filters file names, not folders") {
  TempDir d;
  for (const char* f : {"a.txt", "b.json", "sub/c.txt", "sub/d.md"}) d.file(f);
  CHECK(walk(d, "*.txt").files == std::vector<std::string>{"a.txt", "sub/c.txt"});
  CHECK(walk(d, "*.md").files == std::vector<std::string>{"sub/d.md"});
  CHECK(walk(d, "none*").files.empty());
}

TEST_CASE("symbolic link loops are not followed twice; broken links are reported") {
  TempDir d;
  d.file("x/a.txt");
  fs::create_directory_symlink(d.path / "x", d.path / "x" / "loop");  // x/loop -> x
  fs::create_directory_symlink(d.path, d.path / "x" / "up");          // x/up -> root
  fs::create_symlink(d.path / "nowhere", d.path / "dangling.txt");
  fs::create_symlink(d.path / "x" / "a.txt", d.path / "link.txt");    // a link to a file is read
  const Walked w = walk(d);
  CHECK(w.files == std::vector<std::string>{"link.txt", "x/a.txt"});
  REQUIRE(w.errors.size() == 1);
  CHECK(w.errors[0].find("dangling.txt") != std::string::npos);
}

TEST_CASE("explicit paths: stdin, files as given, missing paths reported") {
  TempDir d;
  d.file("f.txt");
  std::vector<std::string> errors;
  auto on_error = [&](const std::string& p, const std::string& m) { errors.push_back(p + ": " + m); };
  auto in = expand_inputs({}, "", on_error);
  REQUIRE(in.size() == 1);
  CHECK(in[0].path == "-");
  const std::string f = (d.path / "f.txt").string(), missing = (d.path / "missing.txt").string();
  in = expand_inputs({"-", f, missing, f}, "*.none", on_error);  // --glob does not filter explicit files
  REQUIRE(in.size() == 3);
  CHECK(in[0].path == "-");
  CHECK(in[1].path == f);
  CHECK_FALSE(in[1].from_folder);
  CHECK(in[2].path == f);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == missing + ": No such file or directory");
}

TEST_CASE("an unreadable folder is reported and the walk goes on") {
  if (::geteuid() == 0) {
    MESSAGE("skipped: running as root, where permission bits do not stop reading");
    return;
  }
  TempDir d;
  d.file("ok/a.txt");
  d.file("locked/b.txt");
  fs::permissions(d.path / "locked", fs::perms::none);
  const Walked w = walk(d);
  fs::permissions(d.path / "locked", fs::perms::owner_all);
  CHECK(w.files == std::vector<std::string>{"ok/a.txt"});
  CHECK(w.errors.size() == 1);
}
