#include "output/gnuplot.hpp"
#include "output/files.hpp"

#include <csignal>
#include <cstdlib>
#include <sys/wait.h>
#include <memory>
#include <regex>
#include <vector>
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
  // gnuplot writes each `set output 'NAME'` in place; it is pointed at a temporary instead (output/files.hpp), renamed
  // once gnuplot has finished, so an interrupted report leaves no half-drawn figure
  static const std::regex output(R"(set output '([^']+)')");
  const std::string text = read_text(dir + "/" + script);
  std::vector<std::unique_ptr<pending_file>> figures;
  std::string rewritten;
  auto at = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), output), end; it != end; ++it) {
    const std::string name = (*it)[1].str(), path = name.front() == '/' ? name : dir + "/" + name;  // relative: to dir
    figures.push_back(std::make_unique<pending_file>(path));
    const std::string suffix = figures.back()->temporary().substr(path.size());
    rewritten.append(at, (*it)[0].first).append("set output '" + name + suffix + "'");
    at = (*it)[0].second;
  }
  rewritten.append(at, text.cend());
  write_file_atomically(dir + "/" + script, [&](std::ostream& os) { os << rewritten; });
  const std::string cmd = "cd '" + dir + "' && gnuplot '" + script + "' 2>>gnuplot.log";
  const int status = std::system(cmd.c_str());
  // system() ignores SIGINT in this process while gnuplot runs; an interrupt kills gnuplot (and so the shell, or the
  // shell exits 128 + signal). Passed on to this process, it is the interrupt it was (main.cpp's handler), not a failure.
  for (const int sig : {SIGINT, SIGTERM})
    if (status != -1 && ((WIFSIGNALED(status) && WTERMSIG(status) == sig) || (WIFEXITED(status) && WEXITSTATUS(status) == 128 + sig)))
      std::raise(sig);
  if (status != 0) throw std::runtime_error("gnuplot failed: " + read_text(dir + "/gnuplot.log"));
  for (auto& f : figures) f->commit();
}

}  // namespace scalelaw
