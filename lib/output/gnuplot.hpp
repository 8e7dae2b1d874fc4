// Figures through gnuplot: a script and its data written to a directory, run, SVG read back.
#pragma once
#include <string>

namespace scalelaw {

/// Runs `gnuplot script` inside `dir`; throws std::runtime_error with gnuplot's stderr on failure.
void run_gnuplot(const std::string& dir, const std::string& script);

/// A fresh directory under /tmp for gnuplot's scripts and data, removed with everything in it when this goes.
class scratch_directory {
 public:
  explicit scratch_directory(const std::string& prefix = "scalelaw_plot");
  ~scratch_directory();
  scratch_directory(const scratch_directory&) = delete;
  scratch_directory& operator=(const scratch_directory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Reads a whole file.
std::string read_text(const std::string& path);

}  // namespace scalelaw
