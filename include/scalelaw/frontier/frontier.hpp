// Compute-optimal frontier (MODEL §4, issue "frontiers"): for compute f = d r on a log grid,
// d*(f) = argmin_d P(d, f/d) on exact finite-d curves (the model `params` at each d of the grid: v = rho d and gamma
// by the gamma_mult rule unless given), P*(f), and the exponents xi, eta as log-log slopes with bootstrap intervals
// over seeds of W. Also the IsoFLOP view: P against d at fixed f.
#pragma once
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "scalelaw/deq/contour.hpp"
#include "scalelaw/model/plrf.hpp"

namespace scalelaw {

struct frontier_options {
  /// The model (MODEL §1) at every d of the grid, which sets d: v = rho d unless v is given (then the same v for every d,
  /// which must be >= d_max), gamma = gamma_mult / sum_{j<=v} j^-2alpha unless gamma is given (then the same for every d).
  /// Validated by plrf::from at each d.
  plrf_options params{.alpha = 1, .beta = 0.3};
  double flops_min = 1e6, flops_max = 1e12;
  unsigned flops_points = 13;
  double d_min = 8, d_max = 1024;
  unsigned d_per_octave = 4;
  unsigned seeds = 4;
  unsigned bootstrap = 200;
  double fit_decades = 0;  ///< > 0: fit the slopes over the interior optima of the top decades of f only
  /// An optimum counts as interior only if it lies this far (in ln d) inside the d grid. 0: any optimum not at
  /// an end point. The minimiser's Gaussian window (s = 0.35 in ln d) is cut by the grid's end closer than ~4 s,
  /// which biases d* there (NOTES: Ic's top point at 0.16 from the end moved xi by +0.015).
  double edge_margin = 0;
  /// deq only: F_0 scaled by this factor in every curve (the loss is linear in its forcing, MODEL §2: P = F + K*P, so
  /// this is the frontier of F_pp + F_ac + K_pp + f0_scale F_0; 0 removes F_0). Used to see what F_0's pull does to
  /// the measured exponents (frontier/verdict.hpp).
  double f0_scale = 1;
  /// deq only: the contour's quadrature (lib/deq/contour.hpp) and the block-leap's relative local error per block.
  /// Panels 2 wide in ln |z| with 26 Gauss-Legendre points (the curve's default: 0.5 wide, 16 points) and 1e-8 (not 1e-10):
  /// the panel's Bernstein ellipse has rho = phi + sqrt(phi^2 + 1) ~ 2.06 (phi = pi/4 over the half-width 1), so the rule
  /// leaves ~rho^-52 ~ 5e-17 of the contour's weights. The loss at the window's top is far below those weights where
  /// alpha and beta are large (at (3/2, 3/2) the exponents moved by A rho^-2n with A ~ 4e9: 2.8e-4 with 21 points, 4.9e-4
  /// with 8 points on 0.5-wide panels), so the rule is set by that corner: measured against 0.5-wide panels with 16 points
  /// and 1e-10, xi and eta move by <= 3.5e-6 at (3/2, 3/2) and <= 5e-11 at alpha = 0.4, 0.9, 1.4 (beta 0.7)
  /// (`scalelaw_bench frontier-accuracy`, docs/BENCH.md), and the stored 12 x 12 grid is reproduced to 1e-4
  /// (tests/test_slow_sweep_grid.py). With contour_eps > 0 (the default) the points are chosen per frontier instead,
  /// from the amplification A measured there; the panel and angle stay these.
  deq_contour_options contour{.panel = 2, .points = 26};
  /// deq only: where > 0, the points per panel are chosen per frontier (the most deq_contour_points asks for at five of
  /// its d, plus one: the fewest with the rule's error times the forcing's amplification A below this; contour.points is
  /// then not used): 14-15 points where A ~ 1 (beta = 0.3), 31 at (3/2, 3/2) where A ~ 4e9. 0: contour.points on every curve.
  double contour_eps = 1e-8;
  double leap_tol = 1e-8;
  bool deq = false;  ///< deterministic-equivalent curves (lib/deq/contour.hpp: no W, d up to 1e18 at ~1 s per curve; no bootstrap)
  bool model = false;  ///< the three-term model with constants (lib/frontier/model.hpp): d up to 1e15, f to 1e26
  /// Exact-in-law one-pass SGD (lib/sgd/sgd.hpp) on each seed's instance: `runs` runs per seed, P the mean over all
  /// seeds and runs, the bootstrap over seeds and over runs within them (two stages)
  bool sgd = false;
  unsigned runs = 20;  ///< sgd only
  std::uint64_t seed = 1;
  unsigned threads = 0;  ///< curves computed in parallel over d; 0 = hardware concurrency; the result does not depend on it
  /// > 0: stop with invalid_input (naming the projected time) once the curves have taken longer than this, or once the
  /// first curves project a total above twice this; 0: no limit
  double budget_seconds = 0;
  std::function<void(const std::string&)> progress;
};

/// The DE frontier of the proofs-check suite and the report (NOTES, "Frontier"): contour DE curves, 2 d per
/// octave, 2 flops per decade, optima >= 1.4 in ln d inside the grid, slopes over the top 1.5 decades.
/// Quick: d = 2^8..2^22, f = 1e7..1e13. Full: the grid as far out as the DE reaches (deq_reach_window).
struct deq_reach { double flops_min, flops_max, d_min, d_max; };

/// The full preset's window, placed from the exponent xi that d* is expected to follow (the derived one): the top
/// 3 decades of f for which the d grid, d*(f) ~ f^xi widened by 1.5 decades on each side (d* = K f^xi with an
/// unknown K, 0.3..8 in the suite's runs; a true xi off the hint by delta moves d* by delta log10 f decades, so at
/// f ~ 1e25 about delta = 0.05 uses up the pad), stays within
///   d <= 1e17  (the contour DE's identities are checked at v = 4e17, tests/test_deq.cpp), and
///   f / d <= 10^18.5 for every grid point (the step counts are std::uint64_t; 2^63 = 9.2e18).
/// Slow corrections fade with f (NOTES: IVb's d^-0.2 needs f ~ 1e29), so the window is the highest reachable, not a
/// fixed one. The hint only places the search: an optimum outside the window lands on its edge and is not counted, and
/// with too few interior optima the fitted exponents are NaN and the check fails — a wrong hint cannot make one pass.
inline deq_reach deq_reach_window(double xi) {
  const double W = 3, pad = 1.5, log_d_cap = 17, log_steps_cap = 18.5;
  // log10 f_hi: from xi (L + pad <= cap) and from the steps f_hi / d_min, d_min = 10^(xi (L - W) - pad)
  double L = std::min((log_d_cap - pad) / xi, (log_steps_cap - pad - W * xi) / (1 - xi));
  L = std::floor(2 * L) / 2;  // on the half decade: the flops grid then hits the powers of ten
  return {std::pow(10.0, L - W), std::pow(10.0, L), std::pow(10.0, xi * (L - W) - pad), std::pow(10.0, xi * L + pad)};
}

inline frontier_options deq_frontier_options(const plrf_options& params, bool quick, double xi_hint) {
  frontier_options o;
  o.params = params;
  o.deq = true;
  o.seeds = 1;
  if (quick) {
    o.flops_min = 1e7; o.flops_max = 1e13; o.flops_points = 13;  // two per decade
    o.d_min = 256; o.d_max = 4194304.0;
  } else {
    const deq_reach w = deq_reach_window(xi_hint);
    o.flops_min = w.flops_min; o.flops_max = w.flops_max; o.flops_points = 7;  // two per decade
    o.d_min = w.d_min; o.d_max = w.d_max;
  }
  o.d_per_octave = 2;  // the minimiser has no grid-phase bias (tests/test_frontier.cpp)
  o.edge_margin = 1.4;
  o.fit_decades = 1.5;
  return o;
}

struct frontier_result;
/// compute_frontier(deq_frontier_options({.alpha = alpha, .beta = beta}, quick, xi_hint)), once per process: the proofs-check frontiers,
/// the boundary checks (three of whose points are reference points) and the report's DE table all use these, and at
/// the full sizes each is 6-54 s. Deterministic, so sharing changes nothing; keyed on (alpha, beta) to 1e-9 (a reference
/// point's rational and a typed decimal may differ in the last bit) and quick. Thread-safe; the reference stays valid.
const frontier_result& deq_frontier_cached(double alpha, double beta, bool quick, double xi_hint);

struct frontier_point {
  double flops, d_star, loss, local_xi, local_eta;
  bool interior;  ///< d* strictly inside the d grid (only these enter the fits)
};

struct estimator_result {  ///< frontier/estimators.hpp, with the bootstrap interval over seeds (NaN without seeds)
  double xi = NAN, eta = NAN;
  double xi_ci[2] = {NAN, NAN}, eta_ci[2] = {NAN, NAN};
};

struct frontier_result {
  std::vector<double> d_grid, flops;
  std::vector<std::vector<double>> isoflop;  ///< isoflop[k][i] = mean P(d_i, flops_k / d_i)
  /// the bootstrap standard deviation of isoflop[k][i] (seeds, and sgd's runs); empty without a bootstrap
  std::vector<std::vector<double>> isoflop_se;
  std::vector<frontier_point> points;
  double xi = NAN, eta = NAN;  ///< estimator 2 (IsoFLOP profiles), as estimators[1]
  double xi_ci[2] = {NAN, NAN}, eta_ci[2] = {NAN, NAN};
  estimator_result estimators[3];  ///< 1 envelope, 2 IsoFLOP profiles, 3 parametric surface (frontier/estimators.hpp)
  /// sgd only: the frontier of the exact curves of the same instances (same seeds of W, same bootstrap over seeds)
  std::shared_ptr<const frontier_result> exact;
  unsigned contour_points = 0;  ///< deq: the contour's Gauss-Legendre points per panel on every curve
  double seconds = 0;
};

frontier_result compute_frontier(const frontier_options& o);

/// compute_frontier's checks of `o` before any work (the grids, the step count, the model at both ends of the d grid);
/// throws invalid_input. Returns the d grid.
std::vector<double> validate_frontier_options(const frontier_options& o);

/// d* and P* from P on a log-spaced d grid: discrete minimum refined by a parabola in log d.
/// Returns {log d*, log P*, interior}.
struct log_minimum { double log_d, log_p; bool interior; };
log_minimum minimise_log(const std::vector<double>& log_d, const std::vector<double>& log_p, double edge_margin = 0);

/// The frontier of a table of losses P[k][i] = P(d_grid[i], flops[k] / d_grid[i]): d*, P* per flops
/// (minimise_log), local slopes, and xi, eta as least-squares slopes of log d*, log P* against log f over
/// the interior optima (of the top `fit_decades` decades of f when > 0).
struct frontier_fit { double xi, eta; std::vector<frontier_point> pts; };
frontier_fit fit_frontier(const std::vector<double>& d_grid, const std::vector<double>& flops,
                          const std::vector<std::vector<double>>& P, double fit_decades = 0, double edge_margin = 0);

/// Least-squares slope of y on x, and its value at the points.
double ls_slope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace scalelaw
