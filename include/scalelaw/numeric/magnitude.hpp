// |z| for the block-leap's magnitudes: sqrt(re^2 + im^2), within an ulp of std::abs (hypot), whose guards against
// overflow and underflow were a quarter of a DE curve's time (docs/BENCH.md); std::abs where the square leaves the
// normal range. The magnitudes only scale the rounding floor and the series' stopping test.
#pragma once
#include <cfloat>
#include <cmath>
#include <complex>

namespace scalelaw {

inline double magnitude(double x) { return std::abs(x); }

inline double magnitude(std::complex<double> z) {
  const double n = std::norm(z);
  return n >= DBL_MIN && n <= DBL_MAX ? std::sqrt(n) : std::abs(z);
}

}  // namespace scalelaw
