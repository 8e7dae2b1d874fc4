// MODEL §4 spectral sums: closed forms at r = 0, direct vs Euler–Maclaurin, honest error bounds,
// precision scaling, and the deterministic-equivalent kappa / F_0 against an independent solve.
#define BOOST_TEST_MODULE spectral_sums
#include <boost/test/unit_test.hpp>
#include <boost/math/special_functions/zeta.hpp>

#include <thread>

#include <mpfr.h>

#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/spectral/terms.hpp"

using namespace scalelaw;
using boost::multiprecision::abs;

namespace {
struct point { const char *alpha, *beta, *gamma; unsigned batch; };
const point points[] = {{"0.75", "0.5", "0.25", 1}, {"1.3", "0.2", "0.3", 1}, {"0.6", "0.9", "0.1", 4}, {"2.0", "1.5", "0.5", 2}};
}  // namespace

// r = 0: q^0 = 1, so Fpp = zeta(2a+2b)/2 and Kpp = gamma^2 B zeta(4a) (Boost.Math zeta on mpfr).
// 50 requested digits are computed with 12 guard digits; agreement to 45 digits is the bar.
BOOST_AUTO_TEST_CASE(closed_forms_at_r0_to_45_digits) {
  for (const auto& p : points) {
    precision_scope prec(62);
    const mpfr a(p.alpha), b(p.beta), g(p.gamma), B(p.batch);
    auto fpp = fpp_sum<mpfr>(a, b, g, B, mpfr(0), INFINITY);
    auto kpp = kpp_sum<mpfr>(a, g, B, mpfr(0), INFINITY);
    const mpfr fz = boost::math::zeta(2 * a + 2 * b) / 2, kz = g * g * B * boost::math::zeta(4 * a);
    BOOST_TEST(abs(fpp.value / fz - 1) < mpfr("1e-45"), "fpp alpha=" << p.alpha);
    BOOST_TEST(abs(kpp.value / kz - 1) < mpfr("1e-45"), "kpp alpha=" << p.alpha);
    // the bound covers the observed error, and is not absurdly larger (< 1e6 x; floor at the
    // working precision's roundoff, below which "observed" is itself noise)
    const mpfr obs = abs(fpp.value - fz), floor_ = unit_roundoff<mpfr>() * fz;
    BOOST_TEST(obs <= fpp.error_bound);
    BOOST_TEST(fpp.error_bound < mpfr(1e6) * std::max(obs, floor_));
  }
}

// The precision travels with the values (issue 21): fpp_sum on 60-digit inputs is the 60-digit result whatever the
// calling thread's default precision (20 here; a new thread's own), so mpfr work runs on any thread, two at once at
// different precisions. The negation: inputs at 30 digits under a 60-digit default give a 30-digit result (it follows the
// inputs, not the default), which differs from the 60-digit one by far more than 1e-55.
BOOST_AUTO_TEST_CASE(precision_is_the_arguments) {
  auto sum_at = [](unsigned digits) {
    const mpfr a("0.75", digits), b("0.5", digits), g("0.25", digits), B(1, digits), r("1e6", digits);
    return fpp_sum<mpfr>(a, b, g, B, r, INFINITY).value;
  };
  mpfr ref, at20, at30;
  { precision_scope p(60); ref = sum_at(60); }
  { precision_scope p(20); at20 = sum_at(60); }
  { precision_scope p(60); at30 = sum_at(30); }
  BOOST_TEST(abs(at20 / ref - 1) < mpfr("1e-55"));
  BOOST_TEST(abs(at30 / ref - 1) > mpfr("1e-45"));  // negation: it is the inputs' 30 digits
  BOOST_TEST(abs(at30 / ref - 1) < mpfr("1e-25"));
  mpfr on60, on30;
  // mpfr's caches are per thread: a thread that used it frees them before it ends (else LeakSanitizer reports them)
  std::thread t60([&] { on60 = sum_at(60); mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); }),
      t30([&] { on30 = sum_at(30); mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); });
  t60.join();
  t30.join();
  BOOST_TEST(abs(on60 / ref - 1) < mpfr("1e-55"));
  BOOST_TEST(abs(on30 / at30 - 1) < mpfr("1e-40"));  // the same 30-digit computation
}

// The same finite-v sum two ways: one term at a time, and head + Euler–Maclaurin + quadrature.
// They must agree within the sum of their own error bounds.
BOOST_AUTO_TEST_CASE(direct_vs_euler_maclaurin_finite_v) {
  precision_scope prec(40);
  for (const auto& p : points) {
    const mpfr a(p.alpha), b(p.beta), g(p.gamma), B(p.batch);
    for (const char* r : {"0", "10", "1000", "100000"}) {
      for (double v : {3000.0, 12345.0}) {
        auto d = fpp_sum<mpfr>(a, b, g, B, mpfr(r), v, sum_method::direct);
        auto e = fpp_sum<mpfr>(a, b, g, B, mpfr(r), v, sum_method::euler_maclaurin);
        BOOST_TEST(!e.direct);
        BOOST_TEST(abs(d.value - e.value) <= d.error_bound + e.error_bound,
                   "alpha=" << p.alpha << " r=" << r << " v=" << v << " diff=" << abs(d.value - e.value)
                            << " bounds=" << d.error_bound << "," << e.error_bound);
        auto kd = kpp_sum<mpfr>(a, g, B, mpfr(r), v, sum_method::direct);
        auto ke = kpp_sum<mpfr>(a, g, B, mpfr(r), v, sum_method::euler_maclaurin);
        BOOST_TEST(abs(kd.value - ke.value) <= kd.error_bound + ke.error_bound, "kpp r=" << r);
      }
    }
  }
}

// 30 vs 60 digits: the 30-digit result must be within its own bound of the 60-digit one, and
// the two agree to ~30 digits. Large r exercises the quadrature and the series tail.
BOOST_AUTO_TEST_CASE(precision_scaling_30_vs_60) {
  for (const char* r : {"0", "1000", "1e6", "1e12"}) {
    mpfr lo_v, lo_b;
    {
      precision_scope prec(30);
      auto lo = fpp_sum<mpfr>(mpfr("0.55"), mpfr("0.3"), mpfr("0.2"), mpfr(1), mpfr(r), INFINITY);
      lo_v = lo.value; lo_b = lo.error_bound;
    }
    precision_scope prec(60);
    auto hi = fpp_sum<mpfr>(mpfr("0.55"), mpfr("0.3"), mpfr("0.2"), mpfr(1), mpfr(r), INFINITY);
    const mpfr diff = abs(mpfr(lo_v) - hi.value);
    BOOST_TEST(diff <= lo_b + hi.error_bound, "r=" << r);
    BOOST_TEST(diff / hi.value < mpfr("1e-27"), "r=" << r);
  }
}

// Double and mpfr instantiate the same template; they agree to double accuracy.
BOOST_AUTO_TEST_CASE(double_and_mpfr_agree) {
  precision_scope prec(40);
  for (double r : {0.0, 50.0, 1e8}) {
    auto d = fpp_sum<double>(0.8, 0.4, 0.3, 2.0, r, INFINITY);
    auto m = fpp_sum<mpfr>(mpfr("0.8"), mpfr("0.4"), mpfr("0.3"), mpfr(2), mpfr(r), INFINITY);
    BOOST_TEST(std::abs(d.value / m.value.convert_to<double>() - 1) < 1e-13);  // ~100 ulp: see bound
    BOOST_TEST(std::abs(d.value - m.value.convert_to<double>()) <= d.error_bound + 1e-300);
  }
}

BOOST_AUTO_TEST_CASE(divergent_sums_refused) {
  precision_scope prec(30);
  BOOST_CHECK_THROW(kpp_sum<mpfr>(mpfr("0.2"), mpfr("0.1"), mpfr(1), mpfr(5), INFINITY), divergent_sum);
  BOOST_CHECK_THROW(fpp_sum<mpfr>(mpfr("0.2"), mpfr("0.25"), mpfr("0.1"), mpfr(1), mpfr(5), INFINITY), divergent_sum);
}

// kappa, F_0 (MODEL §3) at small v against an independent path: every term summed one by one and
// kappa found by plain bisection on kappa itself (not log kappa), 30 digits.
BOOST_AUTO_TEST_CASE(kappa_f0_vs_direct_root) {
  precision_scope prec(42);
  const mpfr alpha("0.7"), beta("0.4"), d(40);
  const int v = 300;
  auto count = [&](const mpfr& k) {
    mpfr s(0);
    for (int j = 1; j <= v; ++j) { mpfr D = pow(mpfr(j), -2 * alpha); s += k * D / (1 + k * D); }
    return s - d;
  };
  mpfr lo(0), hi(1);
  while (count(hi) < 0) hi *= 2;
  for (int i = 0; i < 400; ++i) { mpfr m = (lo + hi) / 2; (count(m) < 0 ? lo : hi) = m; }
  const mpfr k_ref = (lo + hi) / 2;
  mpfr f0_ref(0);
  for (int j = 1; j <= v; ++j) {
    mpfr D = pow(mpfr(j), -2 * alpha);
    f0_ref += D * pow(mpfr(j), -2 * beta) / (1 + k_ref * D);
  }
  f0_ref /= 2;
  auto k = deq_kappa<mpfr>(alpha, d, v);
  auto f0 = deq_f0<mpfr>(alpha, beta, k, v);
  BOOST_TEST(abs(k.value / k_ref - 1) < mpfr("1e-30"));
  BOOST_TEST(abs(f0.value / f0_ref - 1) < mpfr("1e-30"));
  BOOST_TEST(abs(k.value - k_ref) <= k.error_bound);
}

// kappa and F_0 in double (the contour DE's and the frontier's, lib/deq/contour.cpp), summed directly up to v = 4000 and by
// Euler-Maclaurin beyond, against the 30-digit values at d = 64 .. 1e7 (v = 4d) and alpha on both sides of 1/2: each
// within its own error bound, and the bound within 1e-12 relative (observed: errors <= 1.1e-13, bounds <= 1.3e-13). A double
// sum that lost digits past some v (the Euler-Maclaurin head, its quadrature) would leave its bound or the 1e-12.
BOOST_AUTO_TEST_CASE(kappa_f0_double_against_30_digits) {
  for (double alpha : {0.35, 0.9, 1.4})
    for (double d : {64.0, 1000.0, 3000.0, 1e5, 3e5, 1e6, 1e7}) {
      const double v = 4 * d;
      const auto k = deq_kappa<double>(alpha, d, v);
      const auto f = deq_f0<double>(alpha, 0.7, k, v);
      const auto km = deq_kappa<mpfr>(mpfr(alpha, 30), mpfr(d, 30), v);
      const auto fm = deq_f0<mpfr>(mpfr(alpha, 30), mpfr(0.7, 30), km, v);
      const double ek = std::abs(k.value - km.value.convert_to<double>()), ef = std::abs(f.value - fm.value.convert_to<double>());
      BOOST_TEST_MESSAGE("alpha=" << alpha << " d=" << d << ": kappa rel. error " << ek / k.value << " (bound " << k.error_bound / k.value
                                  << "), F0 " << ef / f.value << " (bound " << f.error_bound / f.value << ")");
      BOOST_TEST(ek <= k.error_bound, "alpha=" << alpha << " d=" << d);
      BOOST_TEST(ef <= f.error_bound, "alpha=" << alpha << " d=" << d);
      BOOST_TEST(k.error_bound <= 1e-12 * k.value);
      BOOST_TEST(f.error_bound <= 1e-12 * f.value);
    }
}
