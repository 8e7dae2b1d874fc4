// Figures through gnuplot: a script and its data written to a directory, run, SVG read back.
#pragma once
#include <string>

namespace scalelaw {

/// Runs `gnuplot script` inside `dir`; throws std::runtime_error with gnuplot's stderr on failure.
void run_gnuplot(const std::string& dir, const std::string& script);

/// Reads a whole file.
std::string read_text(const std::string& path);

}  // namespace scalelaw
