// The hanfacts command: everything lives in cli::Main so tests can run it in-process.
#include "cli/cli.h"

int main(int argc, char** argv) { return hanfacts::cli::main_with_stdio(argc, argv); }
