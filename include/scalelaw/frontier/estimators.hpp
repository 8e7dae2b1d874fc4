// Three ways to read the compute-optimal exponents off a table of losses P[k][i] = P(d_i, f_k / d_i), after Hoffmann et
// al. 2022 ("Chinchilla", its approaches 1-3; issue 19). docs/NOTES.md "Three estimators" has each one's bias.
//   1 envelope:   at each f the smallest loss on the grid, d* its grid point (no refinement); slopes of log d*, log P*.
//   2 isoflop:    each IsoFLOP profile fitted in log d (minimise_log: a Gaussian-weighted cubic), slopes as in 1 — the
//                 estimator of fit_frontier and of every check.
//   3 parametric: the surface P = A d^-a + B r^-b fitted to the points within 2 in ln d of each f's optimum (relative
//                 least squares; A, B by linear least squares for each (a, b), (a, b) by Nelder–Mead), then
//                 xi = b / (a + b), eta = a b / (a + b). No constant E: this model's loss has no floor (P -> 0 as d, r -> inf).
// All three use the interior optima (>= edge_margin in ln d inside the grid) of the top `fit_decades` decades of f.
#pragma once
#include <vector>

namespace scalelaw {

struct exponent_estimate {
  double xi = 0, eta = 0;
  double a = 0, b = 0;  ///< parametric only: the fitted exponents of d and r
};

exponent_estimate estimate_envelope(const std::vector<double>& d_grid, const std::vector<double>& flops,
                                    const std::vector<std::vector<double>>& P, double fit_decades, double edge_margin);
exponent_estimate estimate_isoflop(const std::vector<double>& d_grid, const std::vector<double>& flops,
                                   const std::vector<std::vector<double>>& P, double fit_decades, double edge_margin);
exponent_estimate estimate_parametric(const std::vector<double>& d_grid, const std::vector<double>& flops,
                                      const std::vector<std::vector<double>>& P, double fit_decades, double edge_margin);

/// 1, 2, 3 as above.
exponent_estimate estimate_exponents(int estimator, const std::vector<double>& d_grid, const std::vector<double>& flops,
                                     const std::vector<std::vector<double>>& P, double fit_decades, double edge_margin);

}  // namespace scalelaw
