// A loss spectrum given by a contour quadrature (MODEL §3, the deterministic equivalent): for a measure mu
// on (a, b) with Stieltjes-type transform S, int f dmu = (1/pi) Im int_Gamma f(z) S(z) dz for f analytic
// inside a contour Gamma from a to b through the upper half plane. A quadrature of Gamma turns that into
// Re sum_n c_n f(z_n) with complex nodes z_n and coefficients c_n, so the MODEL §2 sums become
//   F(k) = F_0 + 1/2 Re sum_n w_n q(z_n)^k,   K(s) = gamma^2 B Re sum_n mu_n z_n^2 q(z_n)^s,
//   q(z) = 1 - 2 gamma B z + gamma^2 B (B+1) z^2,
// and the block-leap solver runs on them unchanged. Valid while the loss sums' integrands are analytic
// in the region between Gamma and [a, b]: q is a polynomial; ||K|| has a pole at 2/(gamma (B+1)),
// which must lie beyond b.
#pragma once
#include <complex>
#include <vector>

namespace scalelaw {

struct contour_spectrum {
  std::vector<std::complex<double>> z;       ///< quadrature nodes on Gamma
  std::vector<std::complex<double>> weight;  ///< forcing coefficients w_n
  std::vector<std::complex<double>> mult;    ///< kernel coefficients mu_n (the eigenvalue counting measure)
  double a = 0, b = 0;                       ///< Gamma's ends on the real axis; the measures live inside (a, b)
  double F0 = 0;
  double gamma = 0;
  unsigned batch = 1;

  std::size_t size() const { return z.size(); }
  std::complex<double> q(std::size_t i) const { return 1.0 - one_minus_q(i); }
  /// 1 - q(z) = z (2 gamma B - gamma^2 B (B+1) z), without forming q: on Gamma |z| reaches 1e-13
  std::complex<double> one_minus_q(std::size_t i) const {
    const std::complex<double> l = z[i];
    return l * (2 * gamma * batch - gamma * gamma * batch * (batch + 1.0) * l);
  }
  /// log q as a complex log1p (q^k at k = 1e12 needs log q to full relative precision; forming q first
  /// loses |1 - q| / 1e-16 of it, 1e-4 at |z| = 1e-12)
  std::complex<double> log_q(std::size_t i) const {
    const std::complex<double> w = -one_minus_q(i);
    return {0.5 * std::log1p(2 * w.real() + std::norm(w)), std::atan2(w.imag(), 1 + w.real())};
  }
};

/// ||K|| = gamma Re sum_n mu_n z_n / (2 - gamma (B+1) z_n)  (MODEL §2 through the contour).
double kernel_norm(const contour_spectrum& s);

/// Forcing F(k).
double forcing(const contour_spectrum& s, double k);
/// F(k) - F_0 = 1/2 Re sum_n w_n q(z_n)^k, formed without F_0 (no cancellation when the excess is far below it).
double forcing_excess(const contour_spectrum& s, double k);

/// Largest gamma with q in (0, 1) on (a, b) (gamma (B+1) b < 2) and ||K|| < 1.
double max_stable_gamma(const contour_spectrum& s);

/// Throws invalid_input (naming the largest stable gamma) unless the SGD loss converges.
void require_stable(const contour_spectrum& s);

}  // namespace scalelaw
