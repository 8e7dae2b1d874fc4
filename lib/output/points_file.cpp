#include "output/points_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "output/files.hpp"
#include "scalelaw/model/validate.hpp"

namespace scalelaw {

std::vector<nlohmann::json> read_points(const std::string& path, bool& torn, bool repair) {
  torn = false;
  std::ifstream is(path, std::ios::binary);
  if (!is) return {};
  std::stringstream ss;
  ss << is.rdbuf();
  const std::string text = ss.str();
  std::vector<nlohmann::json> out;
  std::size_t pos = 0, good_end = 0;
  for (int lineno = 1; pos < text.size(); ++lineno) {
    const std::size_t nl = text.find('\n', pos);
    const bool last = nl == std::string::npos || nl + 1 == text.size();
    const std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    const bool whole = nl != std::string::npos && !j.is_discarded() && j.is_object() && j.contains("key") && j["key"].is_string();
    if (!whole) {
      if (!last)
        throw invalid_input(fmt::format("{}:{}: not a point of a sweep (one JSON object with a \"key\" per line); "
                                        "remove the line or start a new --out", path, lineno));
      // torn by a kill mid-write: cut it off, the point is computed again
      if (repair && ::truncate(path.c_str(), static_cast<off_t>(good_end)) != 0)
        throw invalid_input(fmt::format("{}: cannot cut off its torn last line: {}", path, std::strerror(errno)));
      torn = true;
      break;
    }
    out.push_back(std::move(j));
    pos = nl + 1;
    good_end = pos;
  }
  return out;
}

void append_point(const std::string& path, const nlohmann::json& point) {
  const std::string line = point.dump() + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw invalid_input(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  std::size_t done = 0;
  while (done < line.size()) {  // one write(2) in practice; the loop only for a short write
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      throw invalid_input(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

void write_points(const std::string& path, const std::vector<nlohmann::json>& points) {
  write_file_atomically(path, [&](std::ostream& os) {
    for (const auto& p : points) os << p.dump() << '\n';
  });
}

}  // namespace scalelaw
