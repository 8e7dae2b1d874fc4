#include "scalelaw/model/validate.hpp"

#include <cmath>

#include <fmt/format.h>

namespace scalelaw {

std::string number_text(double x) { return fmt::format("{}", x); }

void require_finite(const char* name, double x) {
  if (!std::isfinite(x)) throw invalid_input(fmt::format("{} = {} is not a finite number", name, x));
}
void require_positive(const char* name, double x) {
  require_finite(name, x);
  if (!(x > 0)) throw invalid_input(fmt::format("{} = {} is out of range: must be > 0", name, x));
}
void require_nonnegative(const char* name, double x) {
  require_finite(name, x);
  if (!(x >= 0)) throw invalid_input(fmt::format("{} = {} is out of range: must be >= 0", name, x));
}
void require_range(const char* name, double x, double lo, double hi) {
  require_finite(name, x);
  if (!(x >= lo && x <= hi)) throw invalid_input(fmt::format("{} = {} is out of range: must be in [{}, {}]", name, x, lo, hi));
}
void require_count(const char* name, double x, double lo, double hi) {
  require_range(name, x, lo, hi);
  if (x != std::floor(x)) throw invalid_input(fmt::format("{} = {} must be a whole number", name, x));
}

}  // namespace scalelaw
