// The smooth factors g(x) of spectral sums  sum_j j^{-s} g(j^{-2 alpha})  (MODEL §3, §4).
// Each provides its value, its Taylor series along a series argument, the largest x where its
// Maclaurin series in x converges fast (terms shrink by >= 4x), and its lowest nonzero order at 0.
#pragma once
#include <cmath>

#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/numeric/taylor.hpp"

namespace scalelaw {

/// g(x) = q(x)^r with q(x) = 1 - 2 gamma B x + gamma^2 B (B+1) x^2  (MODEL §2, one SGD step).
template <Real T>
struct q_power {
  T gamma, batch, r;
  /// log q(x), through log1p: q is within 2 gamma B x of 1 and r may be 1e12.
  T log_q(const T& x) const {
    using std::log1p;
    return log1p(x * (gamma * batch * (batch + 1) * gamma * x - 2 * gamma * batch));
  }
  T operator()(const T& x) const {
    using std::exp;
    if (r == 0) return T(1);
    return exp(r * log_q(x));
  }
  taylor<T> operator()(const taylor<T>& x) const {
    if (r == 0) return taylor<T>(x.order(), T(1));
    taylor<T> y = x * (-2 * gamma * batch) + (x * x) * (gamma * gamma * batch * (batch + 1));
    return exp(log1p(y) * r);
  }
  /// Relative error amplification of evaluating g at x: exp of r log q magnifies log q's rounding.
  T condition(const T& x) const {
    using std::abs;
    return 1 + abs(r * log_q(x));
  }
  /// |roots of q| = 1/(gamma sqrt(B(B+1))); r log q has coefficients ~ r rho^k, so x <= 1/(4 rho max(r,1)).
  T series_radius() const {
    using std::sqrt;
    T rho = gamma * sqrt(batch * (batch + 1));
    return 1 / (4 * rho * (r > 1 ? r : T(1)));
  }
  unsigned lowest_order() const { return 0; }
};

/// g(x) = 1/(1 + kappa x): the deterministic-equivalent F_0 weight (MODEL §3).
template <Real T>
struct resolvent_weight {
  T kappa;
  T operator()(const T& x) const { return 1 / (1 + kappa * x); }
  taylor<T> operator()(const taylor<T>& x) const {
    return taylor<T>(x.order(), T(1)) / (x * kappa + T(1));
  }
  T series_radius() const { return 1 / (4 * kappa); }
  T condition(const T&) const { return T(1); }
  unsigned lowest_order() const { return 0; }
};

/// g(x) = kappa x/(1 + kappa x): the effective-dimension count that fixes kappa (MODEL §3).
template <Real T>
struct dimension_weight {
  T kappa;
  T operator()(const T& x) const { return kappa * x / (1 + kappa * x); }
  taylor<T> operator()(const taylor<T>& x) const { return (x * kappa) / (x * kappa + T(1)); }
  T series_radius() const { return 1 / (4 * kappa); }
  T condition(const T&) const { return T(1); }
  unsigned lowest_order() const { return 1; }
};

}  // namespace scalelaw
