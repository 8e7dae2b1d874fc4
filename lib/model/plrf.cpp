#include "scalelaw/model/plrf.hpp"

#include <fmt/format.h>
#include "scalelaw/spectral/power_sum.hpp"

namespace scalelaw {

double trace_D(double alpha, double v) {
  struct one {
    double operator()(double) const { return 1.0; }
    taylor<double> operator()(const taylor<double>& x) const { return taylor<double>(x.order(), 1.0); }
    double series_radius() const { return 1e300; }
    double condition(double) const { return 1.0; }
    unsigned lowest_order() const { return 0; }
  };
  return power_law_sum<double>(2 * alpha, alpha, one{}, v).value;
}

plrf plrf::from(const plrf_options& o, bool need_d) {
  plrf m{};
  require_positive("alpha", o.alpha);
  require_finite("beta", o.beta);  // any sign: learning needs 2 alpha + 2 beta > 1 (checked with the model)
  m.alpha = o.alpha;
  m.beta = o.beta;
  if (!(2 * o.alpha + 2 * o.beta > 1))
    throw invalid_input(fmt::format(
        "(alpha, beta) = ({}, {}) is in the region with no learning: need 2 alpha + 2 beta > 1 (here {})",
        o.alpha, o.beta, 2 * o.alpha + 2 * o.beta));
  require_positive("rho", o.rho);
  if (o.rho < 1) throw invalid_input(fmt::format("rho = {} is out of range: must be >= 1 (v >= d)", o.rho));
  m.rho = o.rho;
  require_count("batch", o.batch, 1, 1e9);
  m.batch = static_cast<unsigned>(o.batch);
  if (need_d) {
    require_count("d", o.d, 1, 1e18);  // 1e18: the DE (lib/deq/contour.hpp) and the three-term model need no W
    m.d = static_cast<std::uint64_t>(o.d);
  } else {
    m.d = 0;
  }
  if (o.v) {
    if (std::isinf(*o.v) && *o.v > 0) {
      m.v = INFINITY;
    } else {
      require_count("v", *o.v, 1, 1e19);
      m.v = *o.v;
    }
  } else if (need_d) {
    m.v = o.rho * static_cast<double>(m.d);
  } else {
    m.v = INFINITY;
  }
  if (need_d && m.v < static_cast<double>(m.d))
    throw invalid_input(fmt::format("v = {} is out of range: must be >= d = {}", m.v, m.d));
  if (std::isinf(m.v) && !(2 * m.alpha > 1))
    throw invalid_input(fmt::format(
        "v = inf needs 2 alpha > 1 (sum of j^(-2 alpha) diverges for alpha = {}); give a finite --v", m.alpha));
  if (o.gamma) {
    require_positive("gamma", *o.gamma);
    m.gamma = *o.gamma;
  } else {
    require_positive("gamma-mult", o.gamma_mult);
    if (o.gamma_mult > 1) throw invalid_input(fmt::format("gamma-mult = {} is out of range: must be in (0, 1]", o.gamma_mult));
    m.gamma = o.gamma_mult / trace_D(m.alpha, m.v);
  }
  // The top mode x = 1 (j = 1) must contract: q(1) = 1 - 2 gamma B + gamma^2 B (B+1) < 1.
  const double g_max = max_stable_gamma_mode(1.0, m.batch);
  if (!(m.gamma < g_max))
    throw invalid_input(fmt::format(
        "gamma = {} is unstable: the top mode (lambda ~ 1) needs gamma < 2/(B+1), so the largest stable gamma is below {} (batch B = {})",
        m.gamma, g_max, m.batch));
  return m;
}

}  // namespace scalelaw
