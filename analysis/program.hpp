// The program as a function: every subcommand registered on one CLI::App, argv parsed, the chosen command run, errors
// mapped to the contract's exit statuses (2 bad input, 1 a failed result, 3 an internal error). main.cpp calls it for
// the `scalelaw` binary; tests/fuzz/fuzz_argv.cpp calls it with argv made from bytes.
#pragma once
#include <functional>
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

namespace scalelaw::cli {

/// Which parsed commands to run (by the subcommand path, e.g. "eval", "jvr allocate"); the others stop after parsing
/// with status 0. The program runs every command.
using run_filter = std::function<bool(const std::string& command)>;

/// Parses argv and runs the command it names; returns the exit status (0 fine, 1 a check failed, 2 bad input, 3 internal,
/// 130 interrupted: lib/model/interrupt.hpp). Results go to `out`, messages (`error: ...`, progress) to `err`.
int run_program(int argc, const char* const* argv, const run_filter& may_run, std::ostream& out, std::ostream& err);

/// Every command's options as the parser reads them: {"commands": [{command, description, options: [{flag, name,
/// positional, description, type, is_flag, list, required, default}]}], "global": [...]}. The Python module's
/// functions are generated from it (python/gen_api.py): one option table for the CLI, --help and Python.
nlohmann::json option_table();

/// run_program on std::cout and std::cerr.
int run_program(int argc, const char* const* argv, const run_filter& may_run = {});

}  // namespace scalelaw::cli
