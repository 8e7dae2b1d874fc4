// Monte Carlo of the Jeon–Van Roy setting (MODEL §5, issue 8): sample teachers, train n-unit learners
// on T samples with a fixed recipe, measure the excess log-loss (exact conditional KL averaged over
// fresh inputs), along IsoFLOP lines n (d + 1) T = C; the empirical compute-optimal p*(C), its
// exponent, and the trend of p*/T* with d. Also the Maurey sampling step of the derivation, measured
// exactly (DERIVATIONS §5.2).
#pragma once
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "scalelaw/infotheory/bounds.hpp"
#include "scalelaw/infotheory/network.hpp"

namespace scalelaw {

/// The learner's training recipe: full-batch Adam on the mean log-loss, fixed epochs (documented in
/// docs/DERIVATIONS.md §5; the same for every grid point).
struct training_recipe {
  unsigned epochs = 300;
  double learning_rate = 0.01;
  double init_scale = 0.1;  ///< a_i ~ N(0, init_scale^2 / n) at the start; w_i ~ N(0, I_d)
};

/// Trains an n-unit learner on (X, y); `gen` draws the initialisation.
relu_network train_learner(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::VectorXd>& y, Eigen::Index n,
                           const training_recipe& r, rng& gen);

struct simulate_options {
  std::vector<double> dims{4, 8, 16};
  std::vector<double> computes{1e4, 3e4, 1e5, 3e5, 1e6};
  teacher_setting teacher;
  unsigned teachers = 12;      ///< independent teachers (the bootstrap resamples them)
  unsigned test_points = 4000; ///< fresh inputs for the KL average, per teacher
  double min_samples = 16;     ///< IsoFLOP points need T >= this
  double max_units = 256;
  double min_samples_per_parameter = 2;  ///< and T >= this * p: the far over-parameterised end only costs time

  /// > 0: search each IsoFLOP line for its optimum and measure the sizes within this many steps of it (lib/infotheory/
  /// simulate.cpp, next_sizes); 0: the full grid of isoflop_units. A measured point is the same number either way.
  unsigned search_window = 3;

  training_recipe recipe;
  unsigned bootstrap = 200;
  unsigned threads = 0;        ///< 0 = hardware concurrency
  std::uint64_t seed = 1;
  std::function<void(unsigned done, unsigned total)> progress;  ///< total: at most this many (the search skips sizes)
};

struct grid_point {
  double d, C;
  unsigned n, T;
  double p;                           ///< n (d + 1)
  double kl_mean, kl_se;              ///< over teachers
  std::vector<double> kl;             ///< per teacher
  std::vector<double> bounds;         ///< per preset (bound_presets() order), at this (p, T, d)
};

struct optimum {
  double d, C, p_star, T_star, error;
  bool interior;
};

struct simulate_result {
  std::vector<double> dims;
  std::vector<grid_point> grid;                  ///< the measured points, by (d, C, n)
  std::size_t learners = 0, full_grid_learners = 0;  ///< trained, and what the full grid would train
  std::vector<optimum> optima;                   ///< empirical p*(C) per (d, C)
  std::vector<double> p_exponent;                ///< per d: slope of log p* on log C (interior optima)
  std::vector<std::array<double, 2>> p_exponent_ci;  ///< bootstrap 90 % intervals
  /// Trend with d at the largest C where every d has an interior optimum: slope of log(p*/T*) on log d.
  double share_C = NAN, share_slope = NAN;
  std::array<double, 2> share_slope_ci{NAN, NAN};
  std::vector<double> share_ratio;  ///< p*/T* per d at share_C
  double seconds = 0;
};

simulate_result simulate(const simulate_options& o);

/// The simulation for these options, computed once per process (the report and the checks share it;
/// the thread count and progress callback are not part of the key: the output does not depend on them).
const simulate_result& simulate_cached(const simulate_options& o);

/// The grids of `jvr simulate`, shared by the checks and the report: --quick (d in 4, 8, 16; C up to 1e6;
/// 12 teachers) and full (d up to 32, C from 3e4 to 3e6, 24 teachers).
simulate_options default_simulation_options(bool quick);

/// The learner sizes on the IsoFLOP line of C at dimension d: n = round(sqrt(2)^k) <= max_units with
/// T = C/(n(d+1)) >= max(min_samples, min_ratio n (d+1)).
std::vector<unsigned> isoflop_units(double d, double C, double min_samples, double min_ratio, double max_units);

struct maurey_result {
  double d, A2_over_2dn_mean;  ///< the bound E A^2/(2 d n) averaged over teachers
  unsigned n;
  double measured_mean, measured_se;  ///< E_draw E_x (f - g_n)^2, averaged over teachers and draws
  double identity_mean;               ///< the exact expectation (A^2/(2d) - E_x f^2)/n, averaged over teachers
};

/// The Maurey–Barron step (DERIVATIONS §5.2), measured exactly with the arc-cosine kernel.
std::vector<maurey_result> maurey_check(const std::vector<double>& dims, const std::vector<unsigned>& units,
                                        const teacher_setting& t, unsigned teachers, unsigned draws, std::uint64_t seed);

}  // namespace scalelaw
