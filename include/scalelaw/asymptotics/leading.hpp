// Large-r / large-d asymptotics of the loss terms with their constants (docs/DERIVATIONS.md §1-§3).
//
// Pure-point sums (v = inf): with x = j^{-2 alpha}, a = 2 gamma B and
//   r log q(x) = -a r x + b2 r x^2 + b3 r x^3 + ...,  b2 = gamma^2 B (1 - B),  b3 = gamma^3 B^2 (2 - 2B/3),
// the Mellin transform of j -> j^{-s} e^{-a r j^{-2 alpha}} has one pole (zeta's, at e = (s-1)/(2 alpha)),
// so  sum_j j^{-s} q(j^{-2a})^r = Gamma(e) (a r)^{-e} / (2 alpha) * [1 + c1/r + c2/r^2 + O(r^-3)],
//   c1 = b2 e(e+1)/a^2,  c2 = b3 e(e+1)(e+2)/a^3 + b2^2 e(e+1)(e+2)(e+3)/(2 a^4).
#pragma once
#include <cmath>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/zeta.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/tools/roots.hpp>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

template <Real T>
struct pure_point_asymptotic {
  T leading;  ///< Gamma(e) (a r)^{-e} / (2 alpha) times the term's prefactor
  T c1, c2;   ///< relative corrections: value ~ leading (1 + c1/r + c2/r^2)
  T exponent; ///< e: the term decays like r^{-e}
  T value(const T& r, int order = 2) const {
    T f = 1;
    if (order >= 1) f += c1 / r;
    if (order >= 2) f += c2 / (r * r);
    return leading * f;
  }
};

namespace detail {
template <Real T>
pure_point_asymptotic<T> pp_asymptotic(const T& s, const T& alpha, const T& gamma, const T& batch, const T& r,
                                        const T& prefactor) {
  const working_precision<T> wp(s, alpha, gamma, batch, r);  // tgamma's precision is the default's: the arguments'
  using std::pow;
  const T e = (s - 1) / (2 * alpha);
  const T a = 2 * gamma * batch;
  const T b2 = gamma * gamma * batch * (1 - batch);
  const T b3 = gamma * gamma * gamma * batch * batch * (2 - 2 * batch / 3);
  pure_point_asymptotic<T> out;
  out.exponent = e;
  out.leading = prefactor * boost::math::tgamma(e) * pow(a * r, -e) / (2 * alpha);
  out.c1 = b2 * e * (e + 1) / (a * a);
  out.c2 = b3 * e * (e + 1) * (e + 2) / (a * a * a) + b2 * b2 * e * (e + 1) * (e + 2) * (e + 3) / (2 * a * a * a * a);
  return out;
}
}  // namespace detail

/// F_pp(r) ~ 1/(4 alpha) Gamma(e) (2 gamma B r)^{-e},  e = (2 alpha + 2 beta - 1)/(2 alpha).
template <Real T>
pure_point_asymptotic<T> fpp_asymptotic(const T& alpha, const T& beta, const T& gamma, const T& batch, const T& r) {
  return detail::pp_asymptotic<T>(2 * alpha + 2 * beta, alpha, gamma, batch, r, T(1) / 2);
}

/// K_pp(r) ~ gamma^2 B/(2 alpha) Gamma(e) (2 gamma B r)^{-e},  e = (4 alpha - 1)/(2 alpha) = 2 - 1/(2 alpha).
template <Real T>
pure_point_asymptotic<T> kpp_asymptotic(const T& alpha, const T& gamma, const T& batch, const T& r) {
  return detail::pp_asymptotic<T>(4 * alpha, alpha, gamma, batch, r, gamma * gamma * batch);
}

/// F_ac(d, r) for 2 alpha > 1, 2 beta > 1, 1 << gamma r << d^{2 alpha} (DERIVATIONS §6): the target's
/// spectral weight off the atoms, (lambda / pi) |Im 1/m(lambda)| sum_{D_j >> lambda} b_j^2 with
/// |Im 1/m| ~ pi lambda^{-1/(2 alpha)} / (2 alpha d), integrated against q(lambda)^r / (2 lambda):
///   F_ac ~ zeta(2 beta) Gamma(1 - 1/(2 alpha)) / (4 alpha d) (2 gamma B r)^{-(1 - 1/(2 alpha))}.
/// Next order: the partial sum of b_j^2 at the lower end, relative (gamma r)^{-(2 beta - 1)/(2 alpha)},
/// and the edge of the bulk at gamma r ~ d^{2 alpha}.
template <Real T>
T fac_asymptotic(const T& alpha, const T& beta, const T& gamma, const T& batch, const T& d, const T& r) {
  using std::pow;
  const T e = 1 - 1 / (2 * alpha);
  return boost::math::zeta(2 * beta) * boost::math::tgamma(e) / (4 * alpha * d) * pow(2 * gamma * batch * r, -e);
}

/// kappa(d) for v = inf, 2 alpha > 1 (DERIVATIONS §3): Mellin expansion of the count
///   sum_j 1/(1 + j^{2a}/kappa) = c kappa^{1/(2a)} + zeta(0) + O(1/kappa),  c = pi/(2a sin(pi/(2a))),
/// so kappa = (d/c)^{2a} at order 0 and ((d + 1/2)/c)^{2a} at order 1 (relative error O(d^{-1}) vs O(d^{-1-2a})).
template <Real T>
T kappa_asymptotic(const T& alpha, const T& d, int order = 1) {
  using std::pow; using std::sin;
  const T pi = boost::math::constants::pi<T>();
  const T c = pi / (2 * alpha * sin(pi / (2 * alpha)));
  return pow((order >= 1 ? d + T(1) / 2 : d) / c, 2 * alpha);
}

/// F_0 at given kappa (v = inf, 2 alpha > 1): the two poles of the Mellin transform of
/// 1/2 sum_j j^{-2b}/(j^{2a} + kappa):
///   I = 1/2 kappa^{-(2a+2b-1)/(2a)} pi / (2a sin(pi (1-2b)/(2a)))   ~ d^{-(2a+2b-1)}
///   Z = zeta(2b) / (2 kappa)                                        ~ d^{-2a}
/// For 2b < 1, I leads and Z is the next order; for 2b > 1 the reverse. order 0 = leading only.
template <Real T>
T f0_asymptotic(const T& alpha, const T& beta, const T& kappa, int order = 1) {
  using std::pow; using std::sin;
  const T pi = boost::math::constants::pi<T>();
  const T I = pow(kappa, -(2 * alpha + 2 * beta - 1) / (2 * alpha)) * pi / (2 * alpha * sin(pi * (1 - 2 * beta) / (2 * alpha))) / 2;
  const T Z = boost::math::zeta(2 * beta) / (2 * kappa);
  if (order >= 1) return I + Z;
  return 2 * beta < 1 ? I : Z;
}

/// 2 alpha < 1, v = rho d (DERIVATIONS §3): kappa = d^{2 alpha} k with k fixed by the continuum count
///   int_0^rho dt / (1 + t^{2 alpha} / k) = 1,
/// and F_0 = 1/2 sum_j j^{-2b}/(j^{2a} + kappa) has, for 2b > 1, the atoms' limit zeta(2b)/(2 kappa) with the
/// next order from expanding 1/(1 + j^{2a}/kappa): F_0 ~ zeta(2b)/(2 kappa) (1 - zeta(2b - 2a)/(zeta(2b) kappa)) when
/// 2b - 2a > 1; for 2b < 1 the continuum carries it, F_0 ~ 1/2 d^{-(2a+2b-1)} int_0^rho t^{-2b}/(t^{2a} + k) dt.
struct f0_below_half {
  double k;        ///< kappa / d^{2 alpha} in the limit
  double leading;  ///< F_0 d^{2 alpha} (2b > 1) or F_0 d^{2a+2b-1} (2b < 1) in the limit
};
inline f0_below_half f0_asymptotic_below_half(double alpha, double beta, double rho) {
  using boost::math::quadrature::gauss_kronrod;
  // t = u^{1/(1-2a)}-free form: substitute t = s^2 to soften the t^{-2b} and t^{2a} endpoints
  auto count = [&](double k) {
    return gauss_kronrod<double, 61>::integrate(
        [&](double s) { const double t = s * s; return 2 * s / (1 + std::pow(t, 2 * alpha) / k); }, 0, std::sqrt(rho), 15, 1e-14) - 1;
  };
  std::uintmax_t it = 200;
  const auto br = boost::math::tools::toms748_solve(count, 1e-8, 1e8, boost::math::tools::eps_tolerance<double>(50), it);
  const double k = 0.5 * (br.first + br.second);
  double lead;
  if (2 * beta > 1) lead = boost::math::zeta(2 * beta) / (2 * k);
  else
    lead = 0.5 * gauss_kronrod<double, 61>::integrate(
        [&](double s) { const double t = s * s; return 2 * s * std::pow(t, -2 * beta) / (std::pow(t, 2 * alpha) + k); }, 0,
        std::sqrt(rho), 15, 1e-14);
  return {k, lead};
}

}  // namespace scalelaw
