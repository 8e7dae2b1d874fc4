// A loss spectrum (MODEL §2): modes (lambda_i, w_i) plus F_0, gamma, B determine the expected-loss
// curve of one-pass SGD exactly:  P_k = F(k) + sum_{s<k} K(k-1-s) P_s,
//   F(k) = F_0 + 1/2 sum_i w_i q_i^k,   K(s) = gamma^2 B sum_i lambda_i^2 q_i^s,
//   q_i = 1 - 2 gamma B lambda_i + gamma^2 B (B+1) lambda_i^2.
#pragma once
#include <cmath>
#include <vector>

namespace scalelaw {

struct loss_spectrum {
  std::vector<double> lambda;  ///< eigenvalues of Khat, > 0
  std::vector<double> weight;  ///< w_i = lambda_i (u_i^T theta*)^2
  /// Multiplicity of each mode in the kernel (empty = all 1). A quadrature of a spectral density
  /// (the deterministic equivalent) is a spectrum whose nodes stand for many eigenvalues each.
  std::vector<double> mult;
  double F0 = 0;
  double gamma = 0;
  unsigned batch = 1;

  std::size_t size() const { return lambda.size(); }
  double multiplicity(std::size_t i) const { return mult.empty() ? 1.0 : mult[i]; }
  double q(std::size_t i) const {
    const double l = lambda[i];
    return 1 - 2 * gamma * batch * l + gamma * gamma * batch * (batch + 1.0) * l * l;
  }
  /// log q_i through log1p (q_i is within 2 gamma B lambda_i of 1).
  double log_q(std::size_t i) const {
    const double l = lambda[i];
    return std::log1p(l * (gamma * gamma * batch * (batch + 1.0) * l - 2 * gamma * batch));
  }
};

/// ||K|| = sum_s K(s) = gamma sum_i lambda_i / (2 - gamma (B+1) lambda_i)  (MODEL §2).
double kernel_norm(const loss_spectrum& s);

/// Forcing F(k).
double forcing(const loss_spectrum& s, double k);

namespace detail {
/// The largest gamma in (0, hi) with ||K|| < 1, by bisection: ||K|| increases with gamma there (hi keeps every
/// q in (0, 1)). Shared by the real and the contour spectra (kernel_norm found by overload).
template <class Spectrum>
double bisect_stable_gamma(Spectrum t, double hi) {
  double lo = 0;
  for (int it = 0; it < 200; ++it) {
    t.gamma = (lo + hi) / 2;
    (kernel_norm(t) < 1 ? lo : hi) = t.gamma;
  }
  return lo;
}
}  // namespace detail

/// Largest gamma with every |q_i| < 1 and ||K|| < 1 (for this spectrum and batch).
double max_stable_gamma(const loss_spectrum& s);

/// Throws invalid_input (naming the largest stable gamma) unless the SGD loss converges.
void require_stable(const loss_spectrum& s);

/// The limit P_inf = F_0 / (1 - ||K||).
double limit_loss(const loss_spectrum& s);

/// Drops modes with lambda <= 0 or non-finite entries (eigen-solver roundoff), validates the rest.
loss_spectrum sanitized(loss_spectrum s);

}  // namespace scalelaw
