// Input validation shared by every command: bad input raises `invalid_input`, whose message names
// the value and the allowed range; the command-line layer turns it into `error: ...`, exit 2.
#pragma once
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace scalelaw {

struct invalid_input : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

inline void require_finite(const char* name, double x) {
  if (!std::isfinite(x)) throw invalid_input(fmt::format("{} = {} is not a finite number", name, x));
}
inline void require_positive(const char* name, double x) {
  require_finite(name, x);
  if (!(x > 0)) throw invalid_input(fmt::format("{} = {} is out of range: must be > 0", name, x));
}
inline void require_nonnegative(const char* name, double x) {
  require_finite(name, x);
  if (!(x >= 0)) throw invalid_input(fmt::format("{} = {} is out of range: must be >= 0", name, x));
}
inline void require_range(const char* name, double x, double lo, double hi) {
  require_finite(name, x);
  if (!(x >= lo && x <= hi))
    throw invalid_input(fmt::format("{} = {} is out of range: must be in [{}, {}]", name, x, lo, hi));
}
/// Sizes (d, v, batch, steps, runs) given as doubles on the command line: positive whole numbers.
inline void require_count(const char* name, double x, double lo = 1, double hi = 1e15) {
  require_range(name, x, lo, hi);
  if (x != std::floor(x)) throw invalid_input(fmt::format("{} = {} must be a whole number", name, x));
}

}  // namespace scalelaw
