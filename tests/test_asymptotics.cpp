// Asymptotic forms (lib/asymptotics, docs/DERIVATIONS.md) against the high-precision sums: the
// ratio tends to 1 and the observed convergence rate matches the next-order term.
#define BOOST_TEST_MODULE asymptotics
#include <boost/test/unit_test.hpp>

#include "scalelaw/asymptotics/leading.hpp"
#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/exact/instance.hpp"
#include "scalelaw/phases/term_measure.hpp"
#include "scalelaw/spectral/terms.hpp"

using namespace scalelaw;
using boost::multiprecision::abs;

namespace {
struct regime { const char *alpha, *beta, *gamma; unsigned batch; const char* name; };
// at least four regimes: 2a above 1 with 2b below/above 1, alpha below 1/2 (finite sums at v = inf
// need 2a + 2b > 1 for Fpp and 4a > 1 for Kpp), batch 1 (c1 = 0) and > 1 (c1 != 0)
const regime regimes[] = {{"1.0", "0.3", "0.3", 1, "2a>1, 2b<1, B=1"},
                          {"0.8", "0.9", "0.2", 3, "2a>1, 2b>1, B=3"},
                          {"0.4", "0.7", "0.25", 2, "2a<1, 2b>1, a>1/4, B=2"},
                          {"0.3", "0.35", "0.3", 1, "2a<1, 2b<1, a>1/4, B=1"}};
}  // namespace

// 30-digit arithmetic: at r = 1e8 the corrections are ~1e-16 relative, below double precision.
BOOST_AUTO_TEST_CASE(fpp_kpp_ratio_and_rate) {
  precision_scope prec(42);
  for (const auto& g : regimes) {
    const mpfr a(g.alpha), b(g.beta), gm(g.gamma), B(g.batch);
    for (int term = 0; term < 2; ++term) {
      mpfr prev_err0(0), prev_err1(0);
      for (int k = 3; k <= 8; ++k) {
        const mpfr r = pow(mpfr(10), k);
        const auto sum = term == 0 ? fpp_sum<mpfr>(a, b, gm, B, r, INFINITY) : kpp_sum<mpfr>(a, gm, B, r, INFINITY);
        const auto asy = term == 0 ? fpp_asymptotic<mpfr>(a, b, gm, B, r) : kpp_asymptotic<mpfr>(a, gm, B, r);
        const mpfr err0 = abs(sum.value / asy.value(r, 0) - 1);  // leading term only
        const mpfr err2 = abs(sum.value / asy.value(r, 2) - 1);  // with both corrections
        // leading: O(1/r) when c1 != 0 (B > 1), else O(1/r^2); corrected: O(1/r^3)
        const mpfr rate = g.batch > 1 ? mpfr(1) / r : mpfr(1) / (r * r);
        BOOST_TEST(err0 < 10 * (abs(asy.c1) + abs(asy.c2) + 1) * rate, g.name << " term " << term << " r=1e" << k << " err0=" << err0);
        BOOST_TEST(err2 < 1e3 * pow(r, -3) + 1e-35, g.name << " term " << term << " r=1e" << k << " err2=" << err2);
        if (k > 3 && g.batch > 1) {
          // observed rate: err0 shrinks 10x per decade of r, to within 2%, and err0*r -> |c1|
          BOOST_TEST(abs(prev_err0 / err0 / 10 - 1) < 0.02, g.name << " rate at r=1e" << k);
          BOOST_TEST(abs(err0 * r / abs(asy.c1) - 1) < 0.02);
        }
        prev_err0 = err0;
        prev_err1 = err2;
      }
    }
  }
}

// kappa and F_0 against their Mellin expansions (2 alpha > 1, v = inf). Leading order alone: the
// error falls like the next term (kappa: 1/d; F_0: d^{-|1-2b|}); with the next term included the
// error is smaller by at least 5x at every d and falls faster.
BOOST_AUTO_TEST_CASE(kappa_f0_mellin_orders) {
  precision_scope prec(30);
  for (const char* beta : {"0.3", "0.8"}) {
    const mpfr alpha("1.1"), b(beta);
    const mpfr next_rate = abs(1 - 2 * b);  // F_0's relative next-order term ~ d^{-|1-2b|}
    mpfr prev_f0(0);
    for (int e = 2; e <= 5; ++e) {
      const mpfr d = pow(mpfr(10), e);
      const auto k = deq_kappa<mpfr>(alpha, d, INFINITY);
      const auto f0 = deq_f0<mpfr>(alpha, b, k, INFINITY);
      const mpfr ek0 = abs(k.value / kappa_asymptotic<mpfr>(alpha, d, 0) - 1);
      const mpfr ek1 = abs(k.value / kappa_asymptotic<mpfr>(alpha, d, 1) - 1);
      BOOST_TEST(abs(ek0 * d / alpha - 1) < mpfr(5) / d);  // ek0 ~ 2 alpha * (1/2) / d
      BOOST_TEST(ek1 < 5 * pow(d, -1 - 2 * alpha), "d=" << d << " ek1=" << ek1);
      const mpfr ef0 = abs(f0.value / f0_asymptotic<mpfr>(alpha, b, k.value, 0) - 1);
      const mpfr ef1 = abs(f0.value / f0_asymptotic<mpfr>(alpha, b, k.value, 1) - 1);
      BOOST_TEST(ef1 * 5 < ef0, "beta=" << beta << " d=" << d);
      if (e > 2) {
        // observed rate of the leading-order error matches the next term's exponent within 0.05
        const mpfr observed = log10(prev_f0 / ef0);
        BOOST_TEST(abs(observed - next_rate) < 0.05, "beta=" << beta << " d=" << d << " rate=" << observed);
      }
      prev_f0 = ef0;
    }
  }
}

// F_0(d): exact finite-d values (mean over 16 seeds of W, v = 4d) against the deterministic
// equivalent at the same v, and the DE's local exponent in d against the Mellin form's
// (-(2a+2b-1) for 2b < 1, -2a for 2b > 1). Note v = 4d is not v = inf: the tail of the count
// sum_{j>4d} kappa D_j is a fixed fraction of d, so the two DEs differ by a constant factor
// (~17% here), not by a vanishing amount; the exponents agree.
BOOST_AUTO_TEST_CASE(f0_exact_vs_deq_vs_asymptotic) {
  precision_scope prec(25);
  for (double beta : {0.3, 0.8}) {
    const double alpha = 1.1;
    std::vector<double> de_values, ds{50.0, 100.0, 200.0, 400.0, 800.0};
    for (double d : ds) {
      plrf_options po;
      po.alpha = alpha; po.beta = beta; po.d = d;
      const plrf m = plrf::from(po, true);
      const auto k = deq_kappa<mpfr>(mpfr(alpha), mpfr(d), m.v);
      const double de = deq_f0<mpfr>(mpfr(alpha), mpfr(beta), k, m.v).value.convert_to<double>();
      de_values.push_back(de);
      if (d > 400) continue;  // instances only up to d = 400 (cost)
      const int seeds = 16;
      double sum = 0, sum2 = 0;
      for (int s = 0; s < seeds; ++s) {
        const double f = instantiate<double>(m, 100 + s).F0;
        sum += f; sum2 += f * f;
      }
      const double mean = sum / seeds, se = std::sqrt((sum2 / seeds - mean * mean) / (seeds - 1));
      BOOST_TEST_MESSAGE("beta=" << beta << " d=" << d << " exact mean=" << mean << " +- " << se << " deq=" << de);
      // 4 standard errors of the seed mean, plus an O(1/d) finite-size bias allowance 2/d (the DE is
      // exact only as d -> inf; the observed gaps are 0.6-1.7% at d = 50..400)
      BOOST_TEST(std::abs(mean - de) <= 4 * se + 2.0 / d * de, "beta=" << beta << " d=" << d);
    }
    const double slope = std::log(de_values[4] / de_values[3]) / std::log(2.0);
    const double theory = beta < 0.5 ? -(2 * alpha + 2 * beta - 1) : -2 * alpha;
    BOOST_TEST_MESSAGE("beta=" << beta << " local exponent d=400..800: " << slope << " theory " << theory);
    // The exponent to the precision the DE allows: local slopes over d = 1e3..1e6 (seven points), Aitken-extrapolated
    // (phases/term_measure.hpp), within 3 estimated errors (at least 1e-4) of the theory. The raw slope at 400..800 is
    // off by ~|1-2b| d^{-|1-2b|} (§3), 0.05 here: the bar of 0.1 it had let a wrong exponent by 0.05 through.
    std::vector<double> lx, ly;
    for (int k = 0; k < 7; ++k) {
      const double d = std::round(std::pow(10.0, 3 + 0.5 * k));
      plrf_options po;
      po.alpha = alpha; po.beta = beta; po.d = d;
      const plrf m = plrf::from(po, true);
      const auto kd = deq_kappa<mpfr>(mpfr(alpha), mpfr(d), m.v);
      lx.push_back(std::log(d));
      ly.push_back(std::log(deq_f0<mpfr>(mpfr(alpha), mpfr(beta), kd, m.v).value.convert_to<double>()));
    }
    const auto fit = phases::extrapolated_slope(lx, ly);
    BOOST_TEST_MESSAGE("beta=" << beta << " extrapolated exponent d=1e3..1e6: " << fit.value << " +- " << fit.error);
    BOOST_TEST(std::abs(fit.value - theory) <= std::max(3 * fit.error, 1e-4), "beta=" << beta << " slope=" << fit.value << " +- " << fit.error);
    BOOST_TEST(fit.error < 0.01);
  }
}

// 2 alpha < 1, v = 4d (DERIVATIONS §3): kappa / d^{2a} -> k of the continuum count, and F_0's constant, against the
// DE sums at d = 1e3..1e5 (double). The remainders must fall at the rates of the terms the derivation leaves out:
// kappa's is the count's Euler-Maclaurin boundary term, O(1/d) (observed 6.7e-4, 6.7e-5, 6.7e-6); F_0's for 2b > 1
// (atoms' correction included) inherits it, O(1/d) (9.8e-3, 9.6e-4, 9.6e-5); for 2b < 1 it is the atoms' pole
// zeta(2b)/(2 kappa) against the continuum, relative d^{-(1-2b)} (6.3e-2, 2.5e-2, 1.0e-2: rate 0.40 at b = 0.3).
// Rates within 0.05 of those exponents.
BOOST_AUTO_TEST_CASE(f0_constant_below_half) {
  struct pt { double alpha, beta; };
  for (const pt p : {pt{0.4, 1.0}, pt{0.4, 0.3}}) {
    const auto lim = f0_asymptotic_below_half(p.alpha, p.beta, 4.0);
    double prev_ek = 1, prev_ef = 1;
    for (const double d : {1e3, 1e4, 1e5}) {
      const auto k = deq_kappa<double>(p.alpha, d, 4 * d);
      const double f0 = deq_f0<double>(p.alpha, p.beta, k, 4 * d).value;
      const double kappa_pred = lim.k * std::pow(d, 2 * p.alpha);
      double f0_pred;
      if (2 * p.beta > 1)
        f0_pred = lim.leading * std::pow(d, -2 * p.alpha) *
                  (1 - boost::math::zeta(2 * p.beta - 2 * p.alpha) / (boost::math::zeta(2 * p.beta) * k.value));
      else
        f0_pred = lim.leading * std::pow(d, -(2 * p.alpha + 2 * p.beta - 1));
      const double ek = std::abs(k.value / kappa_pred - 1), ef = std::abs(f0 / f0_pred - 1);
      BOOST_TEST_MESSAGE("alpha=" << p.alpha << " beta=" << p.beta << " d=" << d << ": kappa error " << ek << ", F0 error " << ef);
      BOOST_TEST(ek < 0.01);
      if (d > 1e3) {
        const double f0_rate = 2 * p.beta > 1 ? 1.0 : 1 - 2 * p.beta;
        BOOST_TEST(std::abs(std::log10(prev_ek / ek) - 1.0) < 0.05, "kappa rate at d = " << d);
        BOOST_TEST(std::abs(std::log10(prev_ef / ef) - f0_rate) < 0.05, "F0 rate at d = " << d);
      }
      prev_ek = ek;
      prev_ef = ef;
    }
  }
}
