#include "scalelaw/model/resources.hpp"

#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "scalelaw/model/validate.hpp"

namespace scalelaw {

namespace {
std::atomic<double> limit{0};
}

void set_memory_limit(double bytes) { limit = bytes; }
double memory_limit() { return limit; }

std::string format_bytes(double b) {
  const char* unit[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  int k = 0;
  while (b >= 1000 && k < 6) {
    b /= 1000;
    ++k;
  }
  return fmt::format("{:.3g} {}", b, unit[k]);
}

void require_memory(const std::string& what, double bytes) {
  const double l = limit;
  if (l > 0 && !(bytes <= l))
    throw invalid_input(fmt::format("{} needs ~{} of memory, beyond the limit of {} (--max-memory; default: the memory available)",
                                    what, format_bytes(bytes), format_bytes(l)));
}

double parse_bytes(const std::string& text) {
  std::string t = text;
  double scale = 1;
  if (!t.empty()) {
    const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(t.back())));
    const char* units = "KMGT";
    for (int k = 0; k < 4; ++k)
      if (u == units[k]) {
        scale = std::pow(1024.0, k + 1);
        t.pop_back();
      }
  }
  char* end = nullptr;
  const double x = t.empty() ? NAN : std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(x) || !(x > 0))
    throw invalid_input(fmt::format("max-memory = '{}' is not a size (bytes, or a number with K, M, G or T)", text));
  return x * scale;
}

}  // namespace scalelaw
