#include "scalelaw/deq/resolvent.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/deq/resonant_sum.hpp"
#include "scalelaw/model/validate.hpp"

namespace scalelaw {

namespace {
// sum_{j>J} j^{-s}, Euler–Maclaurin with three corrections (s > 1, J >= 100: error < J^{-s-5})
double tail_power_sum(double s, double J) {
  return std::pow(J, 1 - s) / (s - 1) - 0.5 * std::pow(J, -s) + s / 12 * std::pow(J, -s - 1) -
         s * (s + 1) * (s + 2) / 720 * std::pow(J, -s - 3);
}
}  // namespace

void deq_sum(const deq_model& M, cplx m, cplx z, cplx& value, cplx* d_dm) {
  const bool inf = std::isinf(M.v);
  double J = inf ? 0 : std::floor(M.v);
  if (inf) {
    // head up to where |D_j m / z| < 1e-3 (then the tail series converges fast), at least 1000
    const double need = std::pow(1e3 * std::abs(m) / std::abs(z), 1 / (2 * M.alpha));
    J = std::clamp(std::ceil(need), 1000.0, 1e15);
  }
  // D m/(D m - z) = 1/(1 - u j^a) and D z/(D m - z)^2 = (z/m^2) j^a/(1 - u j^a)^2, u = z/m, a = 2 alpha:
  // resonant sums, O(1) in J (lib/deq/resonant_sum.hpp)
  const double a = 2 * M.alpha;
  const cplx u = z / m;
  cplx sum, dsum = 0;
  if (d_dm) {  // both in one pass over j (they share t^a and the near-pole)
    const auto r = resonant_sums(detail::resonant_terms<2>{.a = a, .u = u, .c = {0, -a}, .k = {1, 2}}, 1, J);
    sum = r[0];
    dsum = -(z / (m * m)) * r[1];
  } else {
    sum = resonant_sum(0, a, 1, u, 1, J);
  }
  if (inf) {
    // D m/(D m - z) = -sum_k (D m / z)^k
    const cplx w = m / z;
    cplx wk = 1;
    for (int k = 1; k <= 40; ++k) {
      wk *= w;
      const double t = tail_power_sum(2 * M.alpha * k, J);
      const cplx term = -wk * t;
      sum += term;
      dsum += -(double(k) * wk / m) * t;
      if (std::abs(term) < 1e-18 * std::abs(sum)) break;
    }
  }
  value = sum / M.d;
  if (d_dm) *d_dm = dsum / M.d;
}

cplx deq_m_newton(const deq_model& M, cplx z, cplx m) {
  for (int it = 0; it < 400; ++it) {
    cplx f, df;
    deq_sum(M, m, z, f, &df);
    const cplx F = m + f - 1.0, dF = 1.0 + df;
    cplx step = F / dF;
    // damped: keep s = -m/z a Stieltjes transform (Im s >= 0 on the upper half plane)
    double lam = 1;
    cplx next = m - step;
    while (z.imag() > 0 && std::imag(-next / z) < 0 && lam > 1e-6) { lam /= 2; next = m - lam * step; }
    m = next;
    // 1e-12: the sum over v terms carries rounding ~ v eps relative, so 1e-14 is out of reach at v ~ 1e4+
    if (std::abs(step) * lam < 1e-12 * std::max(1.0, std::abs(m))) return m;
  }
  throw std::runtime_error("deq_m_newton: no convergence");
}

cplx deq_m(const deq_model& M, cplx z) {
  if (!(M.d > 0) || !(M.alpha > 0)) throw invalid_input("deq model needs alpha > 0, d > 0");
  if (std::isinf(M.v) && !(2 * M.alpha > 1)) throw invalid_input("v = inf needs 2 alpha > 1");
  // from far away (m ~ 1) down to z along a geometric path in Im z; for real z (off the spectrum)
  // the path stops at Im z = 1e-8 |z| and the last Newton step lands on the axis
  const double target_im = z.imag();
  const double floor_im = std::max(target_im, 1e-8 * std::abs(z));
  double im = std::max(10.0, std::abs(z) * 10);
  cplx m = 1;
  while (im > floor_im) {
    m = deq_m_newton(M, cplx(z.real(), im), m);
    im = std::max(floor_im, im * 0.7);
    if (im == floor_im) break;
  }
  return deq_m_newton(M, z, m);
}

cplx deq_target_transform(double alpha, double beta, double v, cplx m, cplx z) {
  // = sum_j j^{-(2 alpha + 2 beta)} / (1 - (z/m) j^{2 alpha})  (lib/deq/resonant_sum.hpp)
  return resonant_sum(2 * alpha + 2 * beta, 2 * alpha, 1, z / m, 1, std::floor(v));
}

double deq_f0_double(double alpha, double beta, double d, double v) {
  const unsigned digits = 20;  // the precision travels with the values (numeric/scalar.hpp)
  const auto k = deq_kappa<mpfr>(mpfr(alpha, digits), mpfr(d, digits), v);
  return deq_f0<mpfr>(mpfr(alpha, digits), mpfr(beta, digits), k, v).value.convert_to<double>();
}

double deq_density(const deq_model& M, double x, double eps) {
  const cplx z(x, eps * x);
  const cplx m = deq_m(M, z);
  return std::imag(-m / z) / M_PI;
}

std::vector<double> deq_density_grid(const deq_model& M, const std::vector<double>& xs, double eps) {
  std::vector<double> out(xs.size());
  // from the largest x down: each solve starts from the previous one
  std::vector<std::size_t> order(xs.size());
  for (std::size_t i = 0; i < xs.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return xs[a] > xs[b]; });
  cplx m = 0;
  bool have = false;
  for (std::size_t i : order) {
    const cplx z(xs[i], eps * xs[i]);
    if (!have) { m = deq_m(M, z); have = true; }
    else {
      try { m = deq_m_newton(M, z, m); } catch (const std::runtime_error&) { m = deq_m(M, z); }
    }
    out[i] = std::imag(-m / z) / M_PI;
  }
  return out;
}

}  // namespace scalelaw
