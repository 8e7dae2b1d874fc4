// Support edges of the deterministic-equivalent spectral density (MODEL §3). With t = m/z the DE equation
// m + (1/d) sum_j D_j m/(D_j m - z) = 1 inverts explicitly,
//   z(t) = 1/t + (1/d) sum_{j<=v} D_j/(1 - D_j t),
// and z(t) is real on the real axis outside the support; the edges are its critical points (the
// Marchenko–Pastur/Silverstein–Choi argument): t^2 z'(t) = -1 + (1/d) sum_j (D_j t)^2/(1 - D_j t)^2 is
// increasing in t on (0, 1/D_1) and in |t| on t < 0, so
//   lambda_max = z(t+),  t+ in (0, 1) the root of z' (above the top: t from 0 at z = inf up to t+),
//   lambda_min = z(t-),  t- < -kappa the root of z' (below the bottom: t from 0- at z = -inf, through
//                        -kappa at z = 0, down to t-),  needs v > d.
// Sums over j <= v by lib/deq/resonant_sum.hpp (O(1) in v).
#pragma once
#include <cmath>
#include <stdexcept>

#include "scalelaw/deq/resonant_sum.hpp"

namespace scalelaw {

struct deq_edges {
  double lambda_min, lambda_max;
};

namespace detail {
/// z(t) and t^2 z'(t) (see above); D_j = j^{-2 alpha}, D_j t/(1 - D_j t) = t/(j^{2 alpha} - t).
inline double deq_edge_z(double alpha, double d, double v, double t) {
  const double a = 2 * alpha;
  return 1 / t + resonant_sum(a, -a, 1, {t, 0}, 1, std::floor(v)).real() / d;
}
inline double deq_edge_g(double alpha, double d, double v, double t) {
  const double a = 2 * alpha;
  return -1 + t * t * resonant_sum(2 * a, -a, 2, {t, 0}, 1, std::floor(v)).real() / d;
}
}  // namespace detail

/// The edges of the DE support, to relative ~1e-13 in t (bisection; z is stationary there, so z to ~1e-15).
inline deq_edges deq_support_edges(double alpha, double d, double v) {
  if (!(v > d)) throw std::invalid_argument("deq_support_edges: needs v > d (else the spectrum reaches 0)");
  using detail::deq_edge_g;
  using detail::deq_edge_z;
  deq_edges e{};
  {  // top: g(0+) = -1, g(1-) = +inf
    double lo = 0, hi = 1;
    for (int it = 0; it < 200 && hi - lo > 1e-15; ++it) {
      const double t = 0.5 * (lo + hi);
      (deq_edge_g(alpha, d, v, t) < 0 ? lo : hi) = t;
    }
    e.lambda_max = deq_edge_z(alpha, d, v, 0.5 * (lo + hi));
  }
  {  // bottom: t = -tau, g increases from -1 (tau = 0) to v/d - 1 > 0 (tau = inf); bisection in log tau
    double lo = 1, hi = 1;
    while (deq_edge_g(alpha, d, v, -lo) >= 0) lo /= 2;
    while (deq_edge_g(alpha, d, v, -hi) < 0) {
      hi *= 2;
      if (hi > 1e300) throw std::runtime_error("deq_support_edges: no lower edge (v too close to d?)");
    }
    for (int it = 0; it < 200 && hi / lo - 1 > 1e-14; ++it) {
      const double tau = std::sqrt(lo * hi);
      (deq_edge_g(alpha, d, v, -tau) < 0 ? lo : hi) = tau;
    }
    e.lambda_min = deq_edge_z(alpha, d, v, -std::sqrt(lo * hi));
  }
  return e;
}

}  // namespace scalelaw
