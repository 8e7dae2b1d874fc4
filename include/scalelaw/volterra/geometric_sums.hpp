// Geometric-binomial sums for the block-leaping integrator (MODEL §2, algorithm 2):
//   G_m(T; q) = sum_{t=0}^{T-1} q^{T-1-t} binom(t, m),   a = 1 - q in (0, 1).
// Two stable evaluations, chosen by a T:
//   a T <= 3: G_n from  G_m = sum_{k>=0} (-a)^k binom(T, k+m+1)  (Vandermonde), then downward
//             G_{m-1} = binom(T, m) - a G_m  (contracts by ~aT/(m+1));
//   a T  > 3: G_0 = (1 - q^T)/a, then upward  G_m = (binom(T, m) - G_{m-1}) / a  (condition ~(m+1)/(aT)).
// Scalar-generic: T = complex<double> serves the contour spectra of the deterministic equivalent, whose
// nodes q = q(z) are complex (the same recurrences, |a| T for a T; on those contours |q^T| <= e^{-|a| T cos phi}).
#pragma once
#include <cmath>
#include <complex>
#include <cstdint>

#include "scalelaw/numeric/magnitude.hpp"

namespace scalelaw {

namespace detail {
// x y without the C99 Annex G recovery of infinite products (__muldc3's NaN test and branch was the hottest spot of the
// DE frontier's block-leap, docs/BENCH.md); every factor here is finite.
inline double mul(double x, double y) { return x * y; }
inline std::complex<double> mul(std::complex<double> x, std::complex<double> y) {
  return {x.real() * y.real() - x.imag() * y.imag(), x.real() * y.imag() + x.imag() * y.real()};
}
}  // namespace detail

/// binom(T, m) for m = 0..n+1, shared by every mode at the same T.
inline void binomials(double T, unsigned n, double* b) {
  b[0] = 1;
  for (unsigned m = 1; m <= n + 1; ++m) b[m] = b[m - 1] * (T - (m - 1)) / m;
}

/// Fills G[0..n] with G_m(T; q); a = 1 - q, qT = q^T, binom[m] = binom(T, m) for m <= n+1.
template <class S>
inline void geometric_binomial_sums(double T, S a, S qT, unsigned n, const double* binom, S* G) {
  if (T <= 0) {
    for (unsigned m = 0; m <= n; ++m) G[m] = S(0);
    return;
  }
  const double x = magnitude(a) * T;
  if (x <= 3) {
    // series for G_n: term_k = (-a)^k binom(T, k+n+1), ratio -a (T - k - n - 1)/(k + n + 2)
    S term = binom[n + 1], sum = term;
    for (unsigned k = 0; k < 200 && term != S(0); ++k) {
      term = detail::mul(term, a) * (-(T - (k + n + 1)) / (k + n + 2.0));
      sum += term;
      if (magnitude(term) <= 1e-18 * magnitude(sum)) break;
    }
    G[n] = sum;
    for (unsigned m = n; m >= 1; --m) G[m - 1] = binom[m] - detail::mul(a, G[m]);
  } else {
    const S inv_a = 1.0 / a;
    G[0] = detail::mul(1.0 - qT, inv_a);  // q^T < e^{-3}: no cancellation
    for (unsigned m = 1; m <= n; ++m) G[m] = detail::mul(binom[m] - G[m - 1], inv_a);
  }
}

}  // namespace scalelaw
