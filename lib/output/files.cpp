#include "output/files.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "model/validate.hpp"

namespace scalelaw {

namespace fs = std::filesystem;

void require_writable_path(const std::string& path) {
  if (path.empty()) throw invalid_input("output path is empty");
  fs::path p(path);
  fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir)) throw invalid_input(fmt::format("output directory '{}' does not exist", dir.string()));
  if (::access(dir.c_str(), W_OK) != 0) throw invalid_input(fmt::format("output directory '{}' is not writable", dir.string()));
  if (fs::is_directory(p)) throw invalid_input(fmt::format("output path '{}' is a directory", path));
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  require_writable_path(path);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  try {
    {
      std::ofstream os(tmp, std::ios::binary | std::ios::trunc);
      if (!os) throw std::runtime_error("cannot open " + tmp);
      write(os);
      os.flush();
      if (!os) throw std::runtime_error("write failed: " + tmp);
    }
    fs::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

}  // namespace scalelaw
