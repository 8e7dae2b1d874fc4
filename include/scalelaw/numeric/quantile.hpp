// Sample quantiles (SGD bands, bootstrap and Monte Carlo intervals): one definition for the whole library.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace scalelaw {

/// Type-7 quantile (linear between order statistics, R's default) of the values of `x` that are not NaN; NaN if
/// there are none. Infinite values are kept: a diverged run is part of the sample, and a quantile that lands on it
/// is infinite.
inline double quantile(std::vector<double> x, double p) {
  std::erase_if(x, [](double v) { return std::isnan(v); });
  if (x.empty()) return NAN;
  std::sort(x.begin(), x.end());
  const double h = p * double(x.size() - 1);
  const auto lo = static_cast<std::size_t>(h);
  const double t = h - double(lo);
  if (t == 0 || lo + 1 == x.size() || x[lo] == x[lo + 1]) return x[lo];  // no 0 * inf
  return x[lo] + t * (x[lo + 1] - x[lo]);
}

}  // namespace scalelaw
