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

namespace {
/// d, v and the batch are counts: whole as typed, not only as rounded (1e18 + 1/2 rounds to a whole double).
void require_whole(const char* name, const exact_param& x) {
  if (x.given() && !x.infinite() && x.exact().get_den() != 1)
    throw invalid_input(fmt::format("{} = {} must be a whole number", name, to_string(x.exact())));
}
}  // namespace

plrf plrf::from(const plrf_options& o, bool need_d) {
  plrf m{};
  require_positive("alpha", o.alpha);
  require_finite("beta", o.beta);  // any sign: learning needs 2 alpha + 2 beta > 1 (checked with the model)
  m.alpha = o.alpha;
  m.beta = o.beta;
  if (!(o.alpha.exact() + o.beta.exact() > rational(1, 2)))  // exactly: 0.2 and 0.3 typed are on the edge, not inside
    throw invalid_input(fmt::format(
        "(alpha, beta) = ({}, {}) is in the region with no learning: need 2 alpha + 2 beta > 1 (here {})",
        m.alpha, m.beta, 2 * m.alpha + 2 * m.beta));
  require_positive("rho", o.rho);
  m.rho = o.rho;
  if (m.rho < 1) throw invalid_input(fmt::format("rho = {} is out of range: must be >= 1 (v >= d)", m.rho));
  require_count("batch", o.batch, 1, 1e9);
  require_whole("batch", o.batch);
  m.batch = static_cast<unsigned>(double(o.batch));
  if (need_d) {
    require_count("d", o.d, 1, 1e18);  // 1e18: the DE (lib/deq/contour.hpp) and the three-term model need no W
    require_whole("d", o.d);
    m.d = static_cast<std::uint64_t>(double(o.d));
  } else {
    m.d = 0;
  }
  if (o.v) {
    if (o.v->infinite() && *o.v > 0) {
      m.v = INFINITY;
    } else {
      require_count("v", *o.v, 1, 1e19);
      require_whole("v", *o.v);
      m.v = *o.v;
    }
  } else if (need_d) {
    m.v = m.rho * static_cast<double>(m.d);
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
    const double gm = o.gamma_mult;
    if (gm > 1) throw invalid_input(fmt::format("gamma-mult = {} is out of range: must be in (0, 1]", gm));
    m.gamma = gm / trace_D(m.alpha, m.v);
  }
  // The top mode x = 1 (j = 1) must contract: q(1) = 1 - 2 gamma B + gamma^2 B (B+1) < 1.
  const double g_max = max_stable_gamma_mode(1.0, m.batch);
  if (!(m.gamma < g_max))
    throw invalid_input(fmt::format(
        "gamma = {} is unstable: the top mode (lambda ~ 1) needs gamma < 2/(B+1), so the largest stable gamma is below {} (batch B = {})",
        m.gamma, g_max, m.batch));
  m.given = o;
  return m;
}

}  // namespace scalelaw
