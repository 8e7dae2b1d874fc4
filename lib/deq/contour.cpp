#include "scalelaw/deq/contour.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>
#include <fmt/format.h>

#include "scalelaw/deq/edges.hpp"
#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/deq/resolvent.hpp"
#include "scalelaw/deq/resonant_sum.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/log_contour.hpp"

namespace scalelaw {

contour_spectrum deq_contour_spectrum(const plrf& model, const deq_contour_options& o, deq_contour_checks* checks) {
  // the model was validated by plrf::from (MODEL §1); the DE adds its own ranges of d and v
  const double alpha = model.alpha, beta = model.beta, d = static_cast<double>(model.d), v = model.v;
  require_positive("d", d);
  const double gamma = model.gamma;
  const unsigned batch = model.batch;
  if (std::isinf(v) || v > 1e19) throw invalid_input("the deterministic-equivalent curve needs a finite v <= 1e19");
  if (!(v > d)) throw invalid_input("the deterministic-equivalent curve needs v > d");
  if (!(o.angle > 0 && o.angle < M_PI / 2)) throw invalid_input("contour angle must be in (0, pi/2)");
  require_positive("panel", o.panel);
  if (o.points < 2 || o.points > 64) throw invalid_input("contour points per panel must be in [2, 64]");
  const deq_model M = deq_model::of(model);
  const deq_edges e = deq_support_edges(alpha, d, v);
  // a: below the bottom edge by a factor 2; b: above the top edge by 1.5, but
  // below the pole of ||K||'s integrand at 2/(gamma (B+1)) (midway), so that q(z) in (0, 1) on [a, b]
  const double a = e.lambda_min / 2;
  const double pole = 2 / (gamma * (batch + 1.0));
  const double b = std::min(1.5 * e.lambda_max, 0.5 * (e.lambda_max + pole));
  if (!(b > e.lambda_max))
    throw invalid_input(fmt::format(
        "gamma = {} is unstable: the top of the spectrum lambda_max = {:.6g} needs gamma < 2/((B+1) lambda_max) = {:.6g}",
        gamma, e.lambda_max, 2 / ((batch + 1.0) * e.lambda_max)));
  const std::vector<contour_node> path = log_rectangle_contour(a, b, o.angle, o.panel, o.points);
  const cplx I(0, 1);
  contour_spectrum s;
  s.a = a;
  s.b = b;
  s.gamma = gamma;
  s.batch = batch;
  s.z.resize(path.size());
  s.weight.resize(path.size());
  s.mult.resize(path.size());
  // T(z)/z has a pole at 0 with residue T(0) = sum_j c_j kappa D_j/(1 + kappa D_j) = O(1), while F - F_0 is
  // O(F_0) once the top modes are learnt: on the arc at a that pole's share is O(1) and cancels against the
  // ray's to O(F_0), which leaves rounding of 1e-16/F_0 relative (the block-leap's error control then never
  // accepts a block). Subtracting it is exact: Im int_Gamma q^k C/z dz = Im int_a^b q(x)^k C/x dx = 0 for
  // any real C, and C/z dz is entire in the arcs' angle and in ln |z| on the ray, so its quadrature is exact too.
  // The difference itself without cancellation: with u = z/m, T = sum_j c_j / (1 - u j^{2a}), so
  //   T(z) - T(0) = (u - u0) sum_j j^{-2 beta} / ((1 - u j^{2a}) (1 - u0 j^{2a})),  u0 = -1/kappa
  // (forming it by subtraction would leave an absolute 1e-16 T(0), an estimated 2e-7 of F_0 at d = 1e6).
  // kappa and F_0 in double (lib/deq/kappa.hpp): within 1.1e-13 of the 30-digit values at d = 64 .. 1e7, inside their bounds
  // (tests/test_spectral_sums.cpp), 100x faster than mpfr,
  // and no mpfr (whose default precision is process-wide) in frontier threads
  const auto kappa = deq_kappa<double>(alpha, d, v);
  const cplx u0 = -1 / kappa.value;
  // m(z) by continuation backwards along the path, from b (real, above the support: m real)
  cplx m = deq_m(M, cplx(b, 0));
  for (std::size_t i = path.size(); i-- > 0;) {
    const cplx z = path[i].z;
    bool ok = false;
    try { m = deq_m_newton(M, z, m); ok = std::imag(-m / z) >= 0; } catch (const std::runtime_error&) {}
    if (!ok) m = deq_m(M, z);  // from far away (throws if even that fails)
    // (1/pi) Im int f S dz = Re sum (-i/pi) omega S f: S = s = -m/z for d rho (times d), T(z)/z for nu dx / x.
    // As for T(0) above, s is replaced by s + 1/z = (1 - m)/z (exact: f/z is real on [a, b]): s ~ -1/z on most of
    // Gamma since most eigenvalues lie far below it, and d f(z)/z would cancel to the O(1) kernel sums from O(d).
    // 1 - m is the DE's sum (1/d) sum_j D_j m/(D_j m - z) at the solution, which has no cancellation.
    // Both sums in one pass over j (deq_sum's and the weight's, which share t^a and the near-pole at u = z/m).
    const cplx u = z / m;
    const auto sums = resonant_sums(detail::resonant_terms<2>{.a = 2 * alpha, .u = u, .u2 = u0, .c = {0, 2 * beta}, .k = {1, 1},
                                                              .second = {false, true}},
                                    1, std::floor(v));
    const cplx one_minus_m = sums[0] / d;
    const cplx c = -I * path[i].dz / M_PI;
    s.z[i] = z;
    s.mult[i] = c * d * one_minus_m / z;
    s.weight[i] = c * (u - u0) * sums[1] / z;
  }
  s.F0 = deq_f0<double>(alpha, beta, kappa, v).value;
  if (checks) {
    cplx mass = 0, m1 = 0, m2 = 0, f0 = 0, tm = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      mass += s.mult[i];
      m1 += s.mult[i] * s.z[i];
      m2 += s.mult[i] * s.z[i] * s.z[i];
      f0 += s.weight[i];
      tm += s.weight[i] * s.z[i];
    }
    // power sums sum_{j<=v} j^{-p}: the resonant sum at u = 0
    auto power = [&](double p) { return resonant_sum(p, 2 * alpha, 1, {0, 0}, 1, std::floor(v)).real(); };
    const double S1 = power(2 * alpha) / d, S2 = power(4 * alpha) / d;
    checks->mass = mass.real() / d;
    checks->moment1 = m1.real() / d;
    checks->moment2 = m2.real() / d;
    checks->moment1_exact = S1;
    checks->moment2_exact = S1 * S1 + S2;
    checks->forcing0 = s.F0 + f0.real() / 2;
    checks->initial = 0.5 * power(2 * alpha + 2 * beta);
    checks->target_mass = tm.real();
    checks->target_mass_exact = power(4 * alpha + 2 * beta);
    checks->lambda_min = e.lambda_min;
    checks->lambda_max = e.lambda_max;
  }
  return s;
}

namespace {
// rho of a panel's Bernstein ellipse (contour.hpp, deq_contour_rule_error)
double panel_rho(const deq_contour_options& o) {
  const double c = 2 * o.angle / o.panel;
  return c + std::sqrt(c * c + 1);
}
}  // namespace

double deq_contour_rule_error(const deq_contour_options& o) { return std::pow(panel_rho(o), -2.0 * o.points); }

unsigned deq_contour_points(const plrf& model, const deq_contour_options& o, const std::vector<std::uint64_t>& steps, double eps) {
  require_positive("eps", eps);
  const double log_rho = std::log(panel_rho(o));
  auto points_for = [&](double A) { return std::clamp(std::ceil(std::log(A / eps) / (2 * log_rho)), 8.0, 48.0); };
  deq_contour_options pilot = o;
  pilot.points = 16;
  for (;;) {
    const contour_spectrum s = deq_contour_spectrum(model, pilot);
    const double pilot_error = 10 * deq_contour_rule_error(pilot);
    double A = 1;
    bool resolved = true;  // the pilot's own error below half of every F(k) it bounds
    for (const std::uint64_t k : steps) {
      cplx F = 0;
      double size = 0;
      for (std::size_t i = 0; i < s.size(); ++i) {
        const cplx t = s.weight[i] * std::exp(static_cast<double>(k) * s.log_q(i));
        F += t;
        size += std::abs(t);
      }
      const double F_pilot = s.F0 + 0.5 * F.real(), slack = 0.5 * pilot_error * size;
      resolved = resolved && slack <= 0.5 * F_pilot;
      A = std::max(A, 0.5 * size / std::max(s.F0, F_pilot - slack));
    }
    // unresolved (A ~ 1e9 or more, beyond the 16-point pilot): again with the points the estimate asks for
    const unsigned need = static_cast<unsigned>(points_for(A));
    if (resolved || pilot.points >= 48) return need;
    pilot.points = std::min(48u, std::max(need, pilot.points + 8));
  }
}

}  // namespace scalelaw
