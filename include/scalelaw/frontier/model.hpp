// The loss model with constants (MODEL §4; docs/NOTES.md "How large f must be"): the exponents of the derived table
// are those of P = F0 + F_pp + F_ac + K_pp as f -> inf, and with the constants kept the same model says how large f must be
// before the local slopes get there. Exact sums at v = rho d, no asymptotic replacement:
//   P(d, r) = F0(d) + Fpp_sum(r) + F_ac(d, r) + Kpp_sum(r) S(r),
//   F0 from kappa (MODEL §3), Fpp_sum, Kpp_sum of MODEL §4, and S(r) = sum_{s<r} F_pp(s) ~ sum_{j<=v} j^{-2b} (1 - q_j^r) / (4 gamma B)
// the weight of the kernel's early part (the noise term is K(r) times the loss accumulated before r), and for
// 2a > 1, 2b > 1 F_ac = zeta(2b)/(4 a d) int_{1/kappa}^inf l^{-1/(2a)} e^{-2 gamma B l r} dl (DERIVATIONS §6: the
// asymptotic form, cut off at the bulk's scale 1/kappa ~ d^{-2a} so that it dies once the bulk is learned).
// Not in the model: F_ac for 2a < 1 (F0's order, DERIVATIONS §6) or 2b < 1 (below F0), and the 1/(1 - ||K||)
// renormalisation — constants, not exponents.
#pragma once
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/zeta.hpp>

#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/model/plrf.hpp"
#include "scalelaw/spectral/terms.hpp"

namespace scalelaw {

struct three_term_model {
  double alpha, beta, d, v, gamma, batch;  ///< d real: the model's sums need no integer d, so it reaches d ~ 1e60
  double kappa, F0;
  double target_mass;  ///< sum_{j<=v} j^{-2b}: S(r) at r = inf, times 4 gamma B
  explicit three_term_model(const plrf& m) : three_term_model(m.alpha, m.beta, double(m.d), m.v, m.gamma, double(m.batch)) {}
  three_term_model(double a, double b, double d_, double v_, double g, double B)
      : alpha(a), beta(b), d(d_), v(v_), gamma(g), batch(B), kappa(deq_kappa<double>(alpha, d, v).value),
        F0(deq_f0<double>(alpha, beta, sum_result<double>{kappa, 0}, v).value),
        target_mass(power_law_sum<double>(2 * beta, alpha, q_power<double>{gamma, batch, 0.0} /* r = 0: weight 1 */, v).value) {}
  double Fac(double r) const {
    if (!(2 * alpha > 1 && 2 * beta > 1)) return 0;
    const double e = 1 - 1 / (2 * alpha), x = 2 * gamma * batch * r;
    return boost::math::zeta(2 * beta) / (4 * alpha * d) * boost::math::tgamma(e, x / kappa) * std::pow(x, -e);
  }
  double Fpp(double r) const { return fpp_sum<double>(alpha, beta, gamma, batch, r, v).value; }
  double Kpp(double r) const {
    const double K = kpp_sum<double>(alpha, gamma, batch, r, v).value;
    const double left = power_law_sum<double>(2 * beta, alpha, q_power<double>{gamma, batch, r}, v).value;
    return K * (target_mass - left) / (4 * gamma * batch);
  }
  double loss(double r) const { return F0 + Fpp(r) + Fac(r) + Kpp(r); }
};

}  // namespace scalelaw
