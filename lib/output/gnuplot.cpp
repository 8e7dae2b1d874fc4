#include "output/gnuplot.hpp"

#include <stdlib.h>

#include <filesystem>
#include "output/files.hpp"

#include <csignal>
#include <cstdlib>
#include <sys/wait.h>
#include <memory>
#include <vector>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace scalelaw {

scratch_directory::scratch_directory(const std::string& prefix) {
  std::string t = "/tmp/" + prefix + "_XXXXXX";
  if (!mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed");
  path_ = t;
}

scratch_directory::~scratch_directory() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_text(const std::string& path) {
  std::ifstream is(path);
  std::stringstream ss;
  ss << is.rdbuf();
  return ss.str();
}

void run_gnuplot(const std::string& dir, const std::string& script) {
  // gnuplot writes each `set output 'NAME'` in place; it is pointed at a temporary instead (output/files.hpp), renamed
  // once gnuplot has finished, so an interrupted report leaves no half-drawn figure
  const std::string key = "set output '";
  const std::string text = read_text(dir + "/" + script);
  std::vector<std::unique_ptr<pending_file>> figures;
  std::string rewritten;
  std::size_t at = 0;
  for (std::size_t k; (k = text.find(key, at)) != std::string::npos;) {
    const std::size_t from = k + key.size(), to = text.find('\'', from);
    if (to == std::string::npos) break;
    const std::string name = text.substr(from, to - from), path = !name.empty() && name.front() == '/' ? name : dir + "/" + name;
    figures.push_back(std::make_unique<pending_file>(path));  // a relative name is relative to dir (gnuplot runs there)
    rewritten.append(text, at, from - at).append(name + figures.back()->temporary().substr(path.size()));
    at = to;
  }
  rewritten.append(text, at, std::string::npos);
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
