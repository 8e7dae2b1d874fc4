#include "scalelaw/phases/term_measure.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "scalelaw/deq/forcing_split.hpp"
#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/deq/contour.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/spectral/enclosure.hpp"

namespace scalelaw::phases {

slope_estimate extrapolated_slope(const std::vector<double>& lx, const std::vector<double>& ly) {
  slope_estimate out;
  for (std::size_t k = 0; k + 1 < lx.size(); ++k) out.local.push_back((ly[k + 1] - ly[k]) / (lx[k + 1] - lx[k]));
  out.x_from = lx.front();
  out.x_to = lx.back();
  const auto& s = out.local;
  const std::size_t n = s.size();
  if (n < 3) throw std::logic_error("extrapolated_slope: fewer than three local slopes");
  // Aitken's delta^2 on three consecutive slopes: exact when s_k = s + c w^k (one geometric correction, 0 < w < 1)
  auto aitken = [&](std::size_t k, double& a) {
    const double d1 = s[k] - s[k - 1], d0 = s[k - 1] - s[k - 2];
    const double w = d1 / d0;
    if (!(d0 != 0) || !(w > 0 && w < 0.95)) return false;  // not converging geometrically
    a = s[k] - d1 * w / (1 - w);
    return true;
  };
  // the last three extrapolants; the error is their spread (one extrapolant's change understates a slow correction)
  double a2 = 0, a1 = 0, a0 = 0;
  const double spread = std::max(std::abs(s[n - 1] - s[n - 2]), std::abs(s[n - 2] - s[n - 3]));
  if (spread < 1e-9) {  // settled: the slopes agree to rounding
    out.value = s[n - 1];
    out.error = spread + 1e-9;
  } else if (n >= 5 && aitken(n - 1, a2) && aitken(n - 2, a1) && aitken(n - 3, a0)) {
    out.value = a2;
    out.error = std::max({std::abs(a2 - a1), std::abs(a1 - a0), 1e-9});
  } else {
    out.value = s[n - 1];
    out.error = 2 * spread;
  }
  return out;
}

namespace {

constexpr unsigned digits = 20;  // the logs need ~1e-12; 20 digits leave the enclosure's radius far below that
constexpr int rho = 4;

double log_of(const enclosure& e) {
  if (!(e.mid > 0) || e.rad * 1000 > e.mid) throw std::runtime_error("term_measure: a sum not enclosed to 3 digits");
  return std::log(e.mid.convert_to<double>());
}

mpz_class pow10(int k) {
  mpz_class z;
  mpz_ui_pow_ui(z.get_mpz_t(), 10, static_cast<unsigned long>(k));
  return z;
}

exact_sum_params params(const rational& a, const rational& b, const mpz_class& d) {
  exact_sum_params p;
  p.alpha = a;
  p.beta = b;
  p.d = d;
  p.v = mpz_class(rho * d);
  p.gamma_mult = rational(1, 2);
  return p;
}

double gamma_of(const exact_sum_params& p) { return gamma_enclosure(p, digits).mid.convert_to<double>(); }

// log T(d, r) for the certified terms; r as an exact rational near the double given, gamma the point's (Kpp's 1/gamma)
double log_term(term t, exact_sum_params p, double r, double gamma) {
  p.r = exact_of(r);
  if (t == term::Fpp) return log_of(fpp_enclosure(p, digits));
  if (t == term::Kpp) return log_of(kpp_enclosure(p, digits)) - std::log(gamma);  // Kpp_sum / (gamma B)
  if (t == term::F0) {  // the DE's F0 (kappa.hpp, double; relative error ~1e-13): the enclosure declines at large d when
                        // 2 alpha > 1 (docs/NOTES.md, "The premise measured"), and d here reaches 1e43
    const double d = p.d.get_d(), v = p.v->get_d(), a = nearest_double(p.alpha);
    const auto f = deq_f0<double>(a, nearest_double(p.beta), deq_kappa<double>(a, d, v), v);
    if (!(f.value > 0) || f.error_bound * 1000 > f.value) throw std::runtime_error("term_measure: F0 not to 3 digits");
    return std::log(f.value);
  }
  throw std::logic_error("log_term: " + t.label());
}

// d far enough that the cut-off at v = 4 d is invisible for x <= x_max: x^{1/(2 alpha)} / v < 1e-40
mpz_class far_d(double alpha, double x_max) { return pow10(static_cast<int>(std::ceil(std::log10(x_max) / (2 * alpha))) + 40); }

const std::vector<double>& x_window() {  // x = 2 gamma B r over three decades, seven points
  static const std::vector<double> xs{1e2, 3.16227766016838e2, 1e3, 3.16227766016838e3, 1e4, 3.16227766016838e4, 1e5};
  return xs;
}

// The DE at one d for F_ac (MODEL §3-§4): the forcing by contour quadrature (deq/contour.hpp), with the points per panel
// that bring its rule error below 1e-12 of F at the steps read (deq_contour_points); F_ac = F - F_0 - atoms' sum is
// within a factor 3 of F on both paths below, so its error stays near 1e-12 too. (The real-axis density grid,
// deq/measures.hpp, smooths the measure by eps = 0.01/d, which leaves ~5e-4 of F_ac on path B; docs/NOTES.md.)
struct fac_model {
  double alpha, beta;
  plrf m;
  fac_model(double a, double b, double d) : alpha(a), beta(b) {
    plrf_options o;
    o.alpha = exact_of(a);
    o.beta = exact_of(b);
    o.d = exact_of(d);
    m = plrf::from(o, true);
  }
  /// log F_ac at each r
  std::vector<double> log_fac(const std::vector<double>& rs) const {
    std::vector<std::uint64_t> steps;
    for (const double r : rs) steps.push_back(static_cast<std::uint64_t>(std::ceil(r)));
    deq_contour_options co;
    co.points = deq_contour_points(m, co, steps, 1e-12);
    const contour_spectrum s = deq_contour_spectrum(m, co);
    std::vector<double> out;
    for (const double r : rs) {
      const double f = split_forcing(s, alpha, beta, m.v, r).ac();
      if (!(f > 0)) throw std::runtime_error(fmt::format("term_measure: F_ac = {} at r = {} is not positive", f, r));
      out.push_back(std::log(f));
    }
    return out;
  }
};

}  // namespace

term_exponents measure_term(term t, const rational& alpha_q, const rational& beta_q) {
  const double a = nearest_double(alpha_q), b = nearest_double(beta_q);
  if (!(alpha_q > 0) || !(2 * alpha_q + 2 * beta_q > 1))
    throw invalid_input(fmt::format("measure_term: ({}, {}) is outside the learnable region", a, b));
  term_exponents out;
  std::vector<double> lx, ly;
  if (t == term::Fac) {
    // MODEL §4: F_ac ~ d^{-1} (gamma r)^{-(1 - 1/(2 alpha))} for 1 << gamma r << kappa ~ d^{2 alpha}; defined apart
    // from F0 only when the atoms are separated from the bulk (2 alpha > 1) and the target's mass is finite (2 beta > 1)
    if (!(2 * alpha_q > 1 && 2 * beta_q > 1))
      throw invalid_input("measure_term: F_ac is separated from F0 only for 2 alpha > 1 and 2 beta > 1");
    // MODEL §4: F_ac(d, x) ~ d^p x^q Phi(x / kappa) psi(x) with the cut-off Phi -> 1 as x / kappa -> 0 and the lower
    // correction psi -> 1 as x -> inf. Two paths through the same DE spectra, d = 1e3..1e6, avoid both corrections and the
    // cancellation against the atoms' sum (F_ac / Fpp ~ x^{beta/alpha} / d must not fall):
    //   A: x = 1e-3 kappa(d) (~ d^{2 alpha}): Phi fixed, x -> inf;   B: x = 1e3 (d / 1e3)^{alpha/beta}: F_ac / Fpp fixed.
    // Their local slopes in log d are p + k q with k = d log r / d log d (2 alpha and alpha / beta), solved per step
    // for p and q, and each sequence extrapolated.
    std::vector<double> ld, la, lb, lra, lrb;
    for (int k = 0; k < 7; ++k) {
      const double d = std::round(std::pow(10.0, 3 + 0.5 * k));
      const fac_model m(a, b, d);
      const double kappa = deq_kappa<double>(a, d, m.m.v).value;
      const double ra = 1e-3 * kappa / (2 * m.m.gamma), rb = 1e3 * std::pow(d / 1e3, a / b) / (2 * m.m.gamma);
      ld.push_back(std::log(d));
      const auto l = m.log_fac({ra, rb});
      la.push_back(l[0]);
      lb.push_back(l[1]);
      lra.push_back(std::log(ra));
      lrb.push_back(std::log(rb));
    }
    // p_k, q_k from the step k -> k+1 of both paths; their running sums as "log values" against step index so that
    // extrapolated_slope's local slopes are the p_k, q_k themselves
    std::vector<double> idx{0}, cp{0}, cq{0};
    for (std::size_t k = 0; k + 1 < ld.size(); ++k) {
      const double dl = ld[k + 1] - ld[k];
      const double sa = (la[k + 1] - la[k]) / dl, sb = (lb[k + 1] - lb[k]) / dl;
      const double ka = (lra[k + 1] - lra[k]) / dl, kb = (lrb[k + 1] - lrb[k]) / dl;
      const double q = (sa - sb) / (ka - kb), pp = sb - kb * q;
      idx.push_back(static_cast<double>(k + 1));
      cp.push_back(cp.back() + pp);
      cq.push_back(cq.back() + q);
    }
    out.along_r = extrapolated_slope(idx, cq);
    out.along_d = extrapolated_slope(idx, cp);
    out.q = out.along_r.value;
    out.q_error = out.along_r.error;
    out.p = out.along_d.value;
    out.p_error = out.along_d.error;
    out.how = "DE forcing (contour quadrature) - F0 - atoms' sum (double), d = 1e3..1e6 along 2 gamma r = 1e-3 kappa and 2 gamma r = 1e3 (d/1e3)^(alpha/beta)";
    return out;
  }
  // q: fixed d (far), x = 2 gamma r over 1e2..1e5
  if (t == term::F0) {
    out.q = 0;  // F0 is the r -> inf limit (MODEL §3): it has no r to vary
    out.q_error = 0;
  } else {
    const exact_sum_params p = params(alpha_q, beta_q, far_d(a, 1e5));
    const double gamma = gamma_of(p);
    for (const double x : x_window()) {
      const double r = x / (2 * gamma);
      lx.push_back(std::log(r));
      ly.push_back(log_term(t, p, r, gamma));
    }
    out.along_r = extrapolated_slope(lx, ly);
    out.q = out.along_r.value;
    out.q_error = out.along_r.error;
  }
  // p: d over three decades at fixed x = 2 gamma r = 1e3 (F0: no r)
  lx.clear();
  ly.clear();
  std::vector<double> lr;
  // far enough that the slow corrections are small: d^{-|1 - 2 beta|} for F0 (its two forms meet at 2 beta = 1),
  // d^{-(2 alpha + 2 beta - 1)} (the sum's tail) and d^{-(1 - 2 alpha)} (gamma's) for the sums
  const double slow = t == term::F0 ? std::abs(1 - 2 * b) : std::min(2 * a + 2 * b - 1, std::abs(1 - 2 * a));
  const int d0 = t == term::F0 ? std::clamp(static_cast<int>(std::ceil(4 / slow)), 12, 40)
                               : static_cast<int>(std::ceil(3 / (2 * a))) + std::clamp(static_cast<int>(std::ceil(6 / slow)), 25, 80);
  for (int k = 0; k < 7; ++k) {
    // d = 10^{d0 + k/2}: the odd k as 10^{d0 + (k-1)/2} * 3162277660 / 1e9
    mpz_class d = pow10(d0 + k / 2);
    if (k % 2) d = d * 3162277660 / 1000000000;
    const exact_sum_params p = params(alpha_q, beta_q, d);
    const double gamma = t == term::F0 ? 0 : gamma_of(p);
    const double r = t == term::F0 ? 0 : 1e3 / (2 * gamma);
    lx.push_back(std::log(d.get_d()));
    lr.push_back(t == term::F0 ? 0 : std::log(r));
    ly.push_back(log_term(t, p, r, gamma) - out.q * lr.back());
  }
  out.along_d = extrapolated_slope(lx, ly);
  out.p = out.along_d.value;
  out.p_error = out.along_d.error + std::abs((lr.back() - lr.front()) / (lx.back() - lx.front())) * out.q_error;
  out.how = t == term::F0 ? fmt::format("the DE F0 (double) at v = 4d, d = 1e{}..1e{}", d0, d0 + 3)
                          : fmt::format("certified sums; r: d = 1e{}, 2 gamma r = 1e2..1e5; d: 1e{}..1e{} at 2 gamma r = 1e3",
                                        far_d(a, 1e5).get_str().size() - 1, d0, d0 + 3);
  return out;
}

}  // namespace scalelaw::phases
