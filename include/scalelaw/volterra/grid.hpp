// Output grids: r = 0, every power of ten up to `steps`, `steps`, and `points` log-spaced integers.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace scalelaw {

inline std::vector<std::uint64_t> log_grid(std::uint64_t steps, unsigned points) {
  std::vector<std::uint64_t> r{0};
  for (std::uint64_t p = 1; p <= steps; p *= 10) {
    r.push_back(p);
    if (p > steps / 10) break;
  }
  r.push_back(steps);
  if (steps >= 1 && points > 1) {
    const double top = std::log(static_cast<double>(steps));
    for (unsigned k = 0; k < points; ++k)
      r.push_back(static_cast<std::uint64_t>(std::llround(std::exp(top * k / (points - 1)))));
  }
  std::sort(r.begin(), r.end());
  r.erase(std::unique(r.begin(), r.end()), r.end());
  while (!r.empty() && r.back() > steps) r.pop_back();
  return r;
}

/// A loss curve on a grid of steps.
struct loss_curve {
  std::vector<std::uint64_t> r;
  std::vector<double> loss;
  std::vector<double> forcing;
};

}  // namespace scalelaw
