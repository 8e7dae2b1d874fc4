// Gauss–Legendre nodes and weights on [-1, 1] at the working precision of `Real`, computed by
// Newton on the three-term recurrence and cached per (order, precision) in the calling thread
// (Boost's tabulated rules cache at the first precision used, which is wrong for runtime mpfr).
#pragma once
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include <boost/math/constants/constants.hpp>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

template <Real T>
struct gauss_rule {
  std::vector<T> x, w;
};

template <Real T>
const gauss_rule<T>& gauss_legendre(unsigned n) {
  thread_local std::map<std::pair<unsigned, unsigned>, gauss_rule<T>> cache;
  const auto key = std::make_pair(n, working_digits<T>());
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  using std::cos;
  using std::abs;
  gauss_rule<T> rule;
  rule.x.resize(n);
  rule.w.resize(n);
  const T pi = boost::math::constants::pi<T>();
  const T tol = unit_roundoff<T>() * 8;
  for (unsigned i = 0; i < (n + 1) / 2; ++i) {
    T z = cos(pi * (T(i) + T(0.75)) / (T(n) + T(0.5)));
    T dp(0);
    for (int it = 0; it < 100; ++it) {
      T p0(1), p1 = z;
      for (unsigned k = 2; k <= n; ++k) {
        T p2 = ((2 * T(k) - 1) * z * p1 - (T(k) - 1) * p0) / T(k);
        p0 = p1;
        p1 = p2;
      }
      dp = T(n) * (z * p1 - p0) / (z * z - 1);
      T dz = p1 / dp;
      z -= dz;
      if (abs(dz) <= tol) {
        // one more evaluation of the derivative at the converged node
        p0 = 1; p1 = z;
        for (unsigned k = 2; k <= n; ++k) {
          T p2 = ((2 * T(k) - 1) * z * p1 - (T(k) - 1) * p0) / T(k);
          p0 = p1; p1 = p2;
        }
        dp = T(n) * (z * p1 - p0) / (z * z - 1);
        break;
      }
    }
    T w = 2 / ((1 - z * z) * dp * dp);
    rule.x[i] = -z; rule.w[i] = w;
    rule.x[n - 1 - i] = z; rule.w[n - 1 - i] = w;
  }
  return cache.emplace(key, std::move(rule)).first->second;
}

}  // namespace scalelaw
