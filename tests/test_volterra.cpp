// MODEL §2 solvers on arbitrary spectra: block-leap vs the direct recursion, the long-run limit,
// and the affine-map reference (repeated squaring in mpfr) at r up to 1e12.
#define BOOST_TEST_MODULE volterra
#include <boost/test/unit_test.hpp>

#include <random>

#include "scalelaw/deq/contour.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/volterra/affine_power.hpp"
#include "scalelaw/volterra/block_leap.hpp"
#include "scalelaw/volterra/direct.hpp"

using namespace scalelaw;

namespace {
// log-spaced eigenvalues in [1e-9, 1], random weights, gamma a fraction of the largest stable one
loss_spectrum random_spectrum(unsigned d, unsigned batch, double gamma_fraction, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> U(0, 1);
  loss_spectrum s;
  s.batch = batch;
  s.F0 = 0.01 * U(gen);
  for (unsigned i = 0; i < d; ++i) {
    const double l = std::pow(10.0, -9 * U(gen));
    s.lambda.push_back(l);
    s.weight.push_back(U(gen) * l);
  }
  s.gamma = gamma_fraction * max_stable_gamma(s);
  return s;
}
double max_rel_diff(const loss_curve& a, const loss_curve& b) {
  double m = 0;
  for (std::size_t i = 0; i < a.loss.size(); ++i) m = std::max(m, std::abs(a.loss[i] / b.loss[i] - 1));
  return m;
}
}  // namespace

// The bar: <= 1e-9 relative for r <= 1e5 (the controller's default tol is 1e-10 per block;
// the global error is a sum of local errors damped by the kernel, ||K|| < 1).
BOOST_AUTO_TEST_CASE(block_leap_matches_direct) {
  const auto grid = log_grid(100000, 50);
  std::uint64_t seed = 1;
  for (unsigned d : {20u, 150u, 500u})
    for (unsigned B : {1u, 4u})
      for (double frac : {0.2, 0.6, 0.95}) {
        const auto s = random_spectrum(d, B, frac, seed++);
        const auto ref = volterra_direct<double>(s, grid);
        block_leap_stats st;
        const auto fast = volterra_block_leap(s, grid, {}, &st);
        BOOST_TEST(fast.r == ref.r);
        const double diff = max_rel_diff(fast, ref);
        BOOST_TEST(diff <= 1e-9, "d=" << d << " B=" << B << " frac=" << frac << " diff=" << diff);
        // the forcing is evaluated directly, not integrated: agreement near rounding
        for (std::size_t i = 0; i < ref.forcing.size(); ++i)
          BOOST_TEST(std::abs(fast.forcing[i] / ref.forcing[i] - 1) < 1e-12);
      }
}

// The same on a contour spectrum of the deterministic equivalent (complex modes; modes settled to q^t < e^-40 are summed
// through their moments, lib/volterra/block_leap.cpp): the leap against its own one-step recursion (warm-up over the
// whole grid, no leap), r <= 1e5, bar 1e-9 as above. d = 300 puts most of the ~400 modes beyond 40 / t within the run.
BOOST_AUTO_TEST_CASE(contour_block_leap_matches_steps) {
  const auto grid = log_grid(100000, 40);
  for (double alpha : {0.4, 1.1}) {
    const auto spec = deq_contour_spectrum(plrf::from({.alpha = alpha, .beta = 0.6, .d = 300}, true), {.panel = 2, .points = 21});
    block_leap_options steps;
    steps.warmup = grid.back() + 1;
    const auto ref = volterra_block_leap(spec, grid, steps);
    const auto fast = volterra_block_leap(spec, grid);
    BOOST_TEST(fast.r == ref.r);
    const double diff = max_rel_diff(fast, ref);
    BOOST_TEST_MESSAGE("alpha=" << alpha << ": contour block-leap vs steps " << diff);
    BOOST_TEST(diff <= 1e-9, "alpha=" << alpha << " diff=" << diff);
  }
}

// Long run: P_r -> F0 / (1 - ||K||); and the affine map raised to r by repeated squaring in
// 40-digit mpfr (independent of both solvers) at r = 1e6 ... 1e12, agreement 1e-9.
BOOST_AUTO_TEST_CASE(long_run_affine_reference) {
  precision_scope prec(40);
  for (unsigned B : {1u, 3u}) {
    auto s = random_spectrum(12, B, 0.7, 99 + B);
    for (auto& l : s.lambda) l = std::max(l, 1e-7);  // so that 1e12 steps reach the limit
    s.gamma = 0.7 * max_stable_gamma(s);
    std::vector<std::uint64_t> grid{0, 1, 10, 1000000, 10000000, 100000000, 1000000000, 10000000000ull,
                                    100000000000ull, 1000000000000ull};
    const auto fast = volterra_block_leap(s, grid);
    const affine_power<mpfr> ref(s);
    for (std::size_t i = 0; i < grid.size(); ++i) {
      const double exact = ref.loss(grid[i]).convert_to<double>();
      BOOST_TEST(std::abs(fast.loss[i] / exact - 1) <= 1e-9, "B=" << B << " r=" << grid[i] << " fast=" << fast.loss[i] << " exact=" << exact);
    }
    BOOST_TEST(std::abs(fast.loss.back() / limit_loss(s) - 1) < 1e-9);
  }
}

BOOST_AUTO_TEST_CASE(unstable_gamma_refused) {
  auto s = random_spectrum(30, 1, 0.5, 7);
  const double gmax = max_stable_gamma(s);
  s.gamma = 1.01 * gmax;
  BOOST_CHECK_THROW(volterra_block_leap(s, log_grid(100, 3)), invalid_input);
  s.gamma = 0.99 * gmax;
  BOOST_CHECK_NO_THROW(volterra_block_leap(s, log_grid(100, 3)));
  BOOST_TEST(kernel_norm(s) < 1);
}

// A node of multiplicity mu is mu equal eigenvalues sharing its forcing weight: both solvers and
// the kernel norm must agree with the spectrum written out mode by mode (to rounding).
BOOST_AUTO_TEST_CASE(multiplicities_equal_repeated_modes) {
  auto base = random_spectrum(40, 2, 0.5, 17);
  loss_spectrum folded = base, unfolded = base;
  folded.mult.assign(base.size(), 1.0);
  for (std::size_t i = 0; i < base.size(); i += 3) {
    folded.mult[i] = 3;
    for (int c = 0; c < 2; ++c) {  // two more copies, the weight split three ways
      unfolded.lambda.push_back(base.lambda[i]);
      unfolded.weight.push_back(0.0);
    }
  }
  folded.gamma = unfolded.gamma = 0.5 * std::min(max_stable_gamma(folded), max_stable_gamma(unfolded));
  BOOST_TEST(std::abs(kernel_norm(folded) / kernel_norm(unfolded) - 1) < 1e-13);
  const auto grid = log_grid(100000, 20);
  const auto a = volterra_block_leap(folded, grid), b = volterra_direct<double>(unfolded, grid);
  BOOST_TEST(max_rel_diff(a, b) < 1e-9);
}

#include "scalelaw/numeric/log_contour.hpp"

// The block-leap solver on complex modes (contour spectra, lib/volterra/contour_spectrum.hpp) against the
// same solver on real modes, for a random discrete spectrum written as a contour integral: S(z) =
// sum_i w_i/(lambda_i - z) on log_rectangle_contour around [1e-9, 1] (poles at angle pi/4 from the ray).
// Independent of the deterministic equivalent. Bar 1e-8 relative: the two solvers' local tolerance is 1e-10
// per block over ~60 blocks; the quadrature, 16 points on panels 0.5 wide in ln |z| at angle pi/4, has a
// Bernstein ellipse rho = 6.4, so rho^-32 ~ 1e-26 (observed 1e-14, B = 1 and 4).
BOOST_AUTO_TEST_CASE(block_leap_on_a_contour) {
  for (unsigned batch : {1u, 4u}) {
    const loss_spectrum s = random_spectrum(30, batch, 0.5, 11 + batch);
    double lo = 1, hi = 0;
    for (double l : s.lambda) { lo = std::min(lo, l); hi = std::max(hi, l); }
    contour_spectrum cs;
    cs.a = lo / 2;
    cs.b = std::min(1.5 * hi, 0.5 * (hi + 2 / (s.gamma * (batch + 1.0))));
    cs.F0 = s.F0; cs.gamma = s.gamma; cs.batch = batch;
    for (const auto& n : log_rectangle_contour(cs.a, cs.b, M_PI / 4, 0.5, 16)) {
      std::complex<double> Sw = 0, Sm = 0;
      for (std::size_t i = 0; i < s.size(); ++i) { Sw += s.weight[i] / (s.lambda[i] - n.z); Sm += 1.0 / (s.lambda[i] - n.z); }
      const std::complex<double> c = -std::complex<double>(0, 1) * n.dz / M_PI;
      cs.z.push_back(n.z); cs.weight.push_back(c * Sw); cs.mult.push_back(c * Sm);
    }
    BOOST_TEST(std::abs(kernel_norm(cs) / kernel_norm(s) - 1) < 1e-12);
    const auto grid = log_grid(1000000000000ull, 30);
    const auto real = volterra_block_leap(s, grid), cont = volterra_block_leap(cs, grid);
    double worst = 0;
    for (std::size_t k = 0; k < grid.size(); ++k) {
      worst = std::max(worst, std::abs(cont.loss[k] / real.loss[k] - 1));
      BOOST_TEST(std::abs(cont.forcing[k] / real.forcing[k] - 1) < 1e-8, "r=" << grid[k]);
    }
    BOOST_TEST_MESSAGE("batch " << batch << ": contour vs real modes, max rel. difference " << worst);
    BOOST_TEST(worst < 1e-8);
  }
}
