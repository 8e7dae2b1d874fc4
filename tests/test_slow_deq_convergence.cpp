// Finite d against the deterministic equivalent (issue 5; label `slow`): F_0 and the whole loss curve,
// exact (mean over 32 seeds of W) vs DE, at d = 100, 200, 400, 800 in three phases. Finding (docs/NOTES.md):
// at 32 seeds the difference is dominated by the seed noise at every d, so what can be asserted is
// consistency — |mean/DE - 1| within 3 seed standard errors plus the DE's own discretisation error —
// and the fitted rates of the raw differences are printed for the record, not asserted.
// Also the DE density vs the exact eigenvalues at d = 2000 (Kolmogorov distance).
#define BOOST_TEST_MODULE slow_deq_convergence
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

#include "scalelaw/deq/contour.hpp"
#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/deq/measures.hpp"
#include "scalelaw/deq/resolvent.hpp"
#include "scalelaw/exact/instance.hpp"
#include "scalelaw/frontier/frontier.hpp"
#include "kolmogorov.hpp"
#include "scalelaw/volterra/block_leap.hpp"

using namespace scalelaw;

namespace {
plrf model(double a, double b, double d) {
  plrf_options o;
  o.alpha = a; o.beta = b; o.d = d;
  return plrf::from(o, true);
}
}  // namespace

BOOST_AUTO_TEST_CASE(f0_and_curve_converge_to_the_deterministic_equivalent) {
  struct phase { const char* label; double a, b; };
  const int seeds = 32;
  const auto grid = log_grid(10000000, 8);
  for (const phase& p : {phase{"Ia", 1.0, 0.3}, phase{"II", 1.2, 0.8}, phase{"III", 0.7, 1.0}}) {
    std::vector<double> lds, lf0, lcurve;
    for (double d : {100.0, 200.0, 400.0, 800.0}) {
      const plrf m = model(p.a, p.b, d);
      // DE: F0 from kappa (v = rho d), the curve on the contour (lib/deq/contour.hpp: quadrature error ~1e-12;
      // the density grid used before carried 0.3-1 % of its own, NOTES)
      const auto kap = deq_kappa<double>(p.a, d, m.v);
      const double f0_de = deq_f0<double>(p.a, p.b, kap, m.v).value;
      const auto de = volterra_block_leap(deq_contour_spectrum(m), grid);
      double f0 = 0, f0sq = 0;
      std::vector<double> mean(grid.size(), 0.0), sq(grid.size(), 0.0);
      for (int s = 0; s < seeds; ++s) {
        const auto inst = instantiate<double>(m, s + 1);
        f0 += inst.F0 / seeds;
        f0sq += inst.F0 * inst.F0 / seeds;
        const auto c = volterra_block_leap(inst.spectrum(m.gamma, m.batch), grid);
        for (std::size_t k = 0; k < grid.size(); ++k) { mean[k] += c.loss[k] / seeds; sq[k] += c.loss[k] * c.loss[k] / seeds; }
      }
      const double f0_se = std::sqrt(std::max(0.0, f0sq - f0 * f0) / (seeds - 1));
      double worst = 0, worst_se = 0;
      for (std::size_t k = 1; k < grid.size(); ++k) {
        const double e = std::abs(mean[k] / de.loss[k] - 1);
        const double se = std::sqrt(std::max(0.0, sq[k] - mean[k] * mean[k]) / (seeds - 1)) / de.loss[k];
        BOOST_TEST(e <= 3 * se, p.label << " d=" << d << " r=" << grid[k] << " rel.err " << e << " seed SE " << se);
        if (e > worst) { worst = e; worst_se = se; }
      }
      const double ef0 = std::abs(f0 / f0_de - 1);
      // F0 from kappa is exact to 1e-12: seed noise only
      BOOST_TEST(ef0 <= 3 * f0_se / f0_de, p.label << " d=" << d << " F0 rel.err " << ef0 << " seed SE " << f0_se / f0_de);
      BOOST_TEST_MESSAGE(p.label << " d=" << d << " F0 rel.err " << ef0 << " (seed SE " << f0_se / f0_de << ")  curve max rel.err "
                                 << worst << " (seed SE " << worst_se << ")");
      lds.push_back(std::log(d));
      lf0.push_back(std::log(ef0));
      lcurve.push_back(std::log(worst));
    }
    BOOST_TEST_MESSAGE(p.label << ": fitted d-exponent of the raw differences " << ls_slope(lds, lf0) << " (F0), "
                               << ls_slope(lds, lcurve) << " (curve) — noise-dominated, see NOTES");
  }
}

BOOST_AUTO_TEST_CASE(density_at_d_2000) {
  // Kolmogorov distance between the DE spectral distribution (eps = 0.01/d) and the exact eigenvalues:
  // test_deq has 0.0075 / 0.0048 / 0.0022 at d = 125 / 250 / 500 (4 seeds); at d = 2000 (2 seeds) it
  // must be smaller still (observed 0.0018 with one seed; the jumps of one instance's CDF are 1/d)
  const double D = kolmogorov_distance(1.0, 0.5, 2000, 2);
  BOOST_TEST_MESSAGE("d=2000 Kolmogorov distance " << D);
  BOOST_TEST(D < 0.0022);
}
