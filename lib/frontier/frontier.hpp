// Compute-optimal frontier (SPEC §4, issue "frontiers"): for compute f = d r on a log grid,
// d*(f) = argmin_d P(d, f/d) on exact finite-d curves (v = rho d, gamma by the gamma_mult rule, the
// same for every d), P*(f), and the exponents xi, eta as log-log slopes with bootstrap intervals
// over seeds of W. Also the IsoFLOP view: P against d at fixed f.
#pragma once
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace scalelaw {

struct frontier_options {
  double alpha = 1, beta = 0.3;
  double flops_min = 1e6, flops_max = 1e12;
  unsigned flops_points = 13;
  double d_min = 8, d_max = 1024;
  unsigned d_per_octave = 4;
  unsigned seeds = 4;
  double rho = 4, gamma_mult = 0.5;
  unsigned batch = 1;
  unsigned bootstrap = 200;
  double fit_decades = 0;  ///< > 0: fit the slopes over the interior optima of the top decades of f only
  bool deq = false;  ///< deterministic-equivalent curves (lib/deq: no W, d up to 1e6; one "seed", no bootstrap)
  bool model = false;  ///< the three-term model with constants (lib/frontier/model.hpp): d up to 1e15, f to 1e26
  std::uint64_t seed = 1;
  std::function<void(const std::string&)> progress;
};

struct frontier_point {
  double flops, d_star, loss, local_xi, local_eta;
  bool interior;  ///< d* strictly inside the d grid (only these enter the fits)
};

struct frontier_result {
  std::vector<double> d_grid, flops;
  std::vector<std::vector<double>> isoflop;  ///< isoflop[k][i] = mean P(d_i, flops_k / d_i)
  std::vector<frontier_point> points;
  double xi = NAN, eta = NAN;
  double xi_ci[2] = {NAN, NAN}, eta_ci[2] = {NAN, NAN};
  double seconds = 0;
};

frontier_result compute_frontier(const frontier_options& o);

/// d* and P* from P on a log-spaced d grid: discrete minimum refined by a parabola in log d.
/// Returns {log d*, log P*, interior}.
struct log_minimum { double log_d, log_p; bool interior; };
log_minimum minimise_log(const std::vector<double>& log_d, const std::vector<double>& log_p);

/// The frontier of a table of losses P[k][i] = P(d_grid[i], flops[k] / d_grid[i]): d*, P* per flops
/// (minimise_log), local slopes, and xi, eta as least-squares slopes of log d*, log P* against log f over
/// the interior optima (of the top `fit_decades` decades of f when > 0).
struct frontier_fit { double xi, eta; std::vector<frontier_point> pts; };
frontier_fit fit_frontier(const std::vector<double>& d_grid, const std::vector<double>& flops,
                          const std::vector<std::vector<double>>& P, double fit_decades = 0);

/// Least-squares slope of y on x, and its value at the points.
double ls_slope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace scalelaw
