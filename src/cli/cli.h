// The command-line tool, callable in-process (tests) or from main().
//
// Exit codes: 0 every input processed; 1 some input failed (skipped file or record; the
// rest was processed and written); 2 usage or set-up error (bad flag, invalid lexicon)
// or an output write failure. A closed stdout pipe ends the run quietly with 0.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace hanfacts::cli {

// Runs the tool with `args` (without the program name), reading standard input from
// `in` and writing facts to `out` (or --output FILE) and diagnostics to `err`.
int Main(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

// main(): wires Main to the process's stdin, stdout and stderr (buffered, SIGPIPE off).
int main_with_stdio(int argc, char** argv);

}  // namespace hanfacts::cli
