// The power-law random features model (MODEL §1): one validated parameter set shared by every
// command. Data x_j ~ N(0, j^{-2 alpha}), target b_j = j^{-beta}, features W in R^{v x d}.
#pragma once
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"

namespace scalelaw {

/// The model's parameters as given, by name (designated initialisers: `plrf_options{.alpha = 0.7, .beta = 0.7, .d = 100}`),
/// the one parameter type of every layer: the exact instance, the DE, the frontier (which sets d for each point of its grid),
/// the guaranteed sums (exact_sum_params::of) and the program, which fills it from the decimals typed (analysis/common.hpp).
/// Each value is exact (numeric/exact.hpp: "0.35" typed is 35/100; 0.35 written in code is its shortest decimal, the same
/// 35/100); the double paths read its correctly rounded double. plrf::from validates it once.
struct plrf_options {
  exact_param alpha, beta;
  exact_param d = 0;                  ///< parameters (0 = not needed by this command)
  std::optional<exact_param> v = std::nullopt;      ///< features; default rho * d; +inf allowed where sums converge
  exact_param rho = 4;                ///< v = rho d when v is not given (MODEL §1)
  exact_param batch = 1;
  std::optional<exact_param> gamma = std::nullopt;  ///< explicit learning rate, or
  exact_param gamma_mult = 0.5;       ///< gamma = gamma_mult / sum_{j<=v} j^{-2 alpha}
};

/// Validated model parameters: the doubles every double path reads, and the exact values they round (`given`).
struct plrf {
  double alpha, beta;
  std::uint64_t d;      ///< 0 when the command needs no d
  double v;             ///< may be +inf
  unsigned batch;
  double gamma;
  double rho;
  plrf_options given;   ///< as given (exact), validated

  /// Validates and completes `o`: v default, gamma from gamma_mult, learnability, stability of the
  /// top mode (q(1) < 1 needs gamma (B+1) < 2, MODEL §2).
  static plrf from(const plrf_options& o, bool need_d);

  double learnability() const { return 2 * alpha + 2 * beta; }  ///< > 1 required
};

/// sum_{j=1}^{v} j^{-2 alpha} (the trace of D truncated at v), double precision.
double trace_D(double alpha, double v);

/// Largest stable learning rate for a single mode of eigenvalue `lambda_max` and batch B.
inline double max_stable_gamma_mode(double lambda_max, unsigned batch) { return 2.0 / ((batch + 1) * lambda_max); }

}  // namespace scalelaw
