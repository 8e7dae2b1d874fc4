#include "output/data_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <dlfcn.h>

namespace scalelaw {

namespace {

// PREFIX/share/scalelaw/data for the prefix above `object` (PREFIX/bin/scalelaw, PREFIX/lib/python3.11/.../_core.so)
std::string installed_beside(const std::filesystem::path& object) {
  std::error_code ec;
  auto dir = std::filesystem::canonical(object, ec).parent_path();
  if (ec) return {};
  for (int up = 0; up < 6 && !dir.empty(); ++up, dir = dir.parent_path()) {
    const auto candidate = dir / "share" / "scalelaw" / "data";
    if (std::filesystem::is_directory(candidate, ec)) return candidate.string();
    if (dir == dir.root_path()) break;
  }
  return {};
}

}  // namespace

std::string data_dir() {
  if (const char* env = std::getenv("SCALELAW_DATA_DIR"); env && *env) return env;
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&data_dir), &info) && info.dli_fname && *info.dli_fname)
    if (auto d = installed_beside(info.dli_fname); !d.empty()) return d;
  if (auto d = installed_beside("/proc/self/exe"); !d.empty()) return d;
  return SCALELAW_SOURCE_DATA_DIR;
}

}  // namespace scalelaw
