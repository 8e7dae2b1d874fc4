#include "output/gnuplot.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace scalelaw {

std::string read_text(const std::string& path) {
  std::ifstream is(path);
  std::stringstream ss;
  ss << is.rdbuf();
  return ss.str();
}

void run_gnuplot(const std::string& dir, const std::string& script) {
  const std::string cmd = "cd '" + dir + "' && gnuplot '" + script + "' 2>>gnuplot.log";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("gnuplot failed: " + read_text(dir + "/gnuplot.log"));
}

}  // namespace scalelaw
