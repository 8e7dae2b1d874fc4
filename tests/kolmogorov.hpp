// Shared by test_deq and test_slow_deq_convergence: the Kolmogorov distance between the DE spectral
// distribution of Khat (density at eps = 0.01/d on 500 nodes per decade over [1e-10, 10]) and the
// pooled eigenvalues of `seeds` instances of W (MODEL §3).
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>

#include "scalelaw/deq/resolvent.hpp"
#include "scalelaw/exact/instance.hpp"

inline double kolmogorov_distance(double alpha, double beta, double d, int seeds, double* mass = nullptr) {
  using namespace scalelaw;
  std::vector<double> xs;
  for (int i = 0; i <= 5500; ++i) xs.push_back(std::pow(10.0, -10 + 11.0 * i / 5500));
  const deq_model M{alpha, d, 4 * d};
  const auto rho = deq_density_grid(M, xs, 0.01 / d);
  std::vector<double> cdf(xs.size(), 0.0);
  for (std::size_t i = 1; i < xs.size(); ++i)
    cdf[i] = cdf[i - 1] + 0.5 * (rho[i] * xs[i] + rho[i - 1] * xs[i - 1]) * std::log(xs[i] / xs[i - 1]);
  if (mass) *mass = cdf.back();
  plrf_options o;
  o.alpha = alpha; o.beta = beta; o.d = d;
  const plrf m = plrf::from(o, true);
  std::vector<double> ev;
  for (int s = 0; s < seeds; ++s) {
    const auto inst = instantiate<double>(m, s + 1);
    ev.insert(ev.end(), inst.lambda.data(), inst.lambda.data() + inst.lambda.size());
  }
  std::sort(ev.begin(), ev.end());
  double D = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double emp = double(std::upper_bound(ev.begin(), ev.end(), xs[i]) - ev.begin()) / ev.size();
    D = std::max(D, std::abs(emp - cdf[i] / cdf.back()));
  }
  return D;
}
