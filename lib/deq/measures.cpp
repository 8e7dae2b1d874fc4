#include "deq/measures.hpp"

#include <cmath>

#include "deq/kappa.hpp"
#include "model/validate.hpp"

namespace scalelaw {

namespace {
// G(z)/..., the target's Stieltjes transform at given m: sum_j D_j b_j^2 D_j m/(D_j m - z), j <= v finite
cplx target_transform(const deq_spectrum_options& o, const std::vector<double>& D, const std::vector<double>& Db2, cplx m, cplx z) {
  cplx g = 0;
  for (std::size_t j = D.size(); j-- > 0;) g += Db2[j] * D[j] * m / (D[j] * m - z);
  return g;
}
}  // namespace

loss_spectrum deq_loss_spectrum(const deq_spectrum_options& o) {
  require_positive("alpha", o.alpha);
  require_positive("beta", o.beta);
  require_positive("d", o.d);
  if (std::isinf(o.v) || o.v > 5e7) throw invalid_input("the deterministic-equivalent curve needs a finite v <= 5e7");
  if (!(o.v > o.d)) throw invalid_input("the deterministic-equivalent curve needs v > d");
  const std::size_t v = static_cast<std::size_t>(o.v);
  std::vector<double> D(v), Db2(v);
  for (std::size_t j = 0; j < v; ++j) {
    D[j] = std::pow(double(j + 1), -2 * o.alpha);
    Db2[j] = D[j] * std::pow(double(j + 1), -2 * o.beta);
  }
  const deq_model M{o.alpha, o.d, o.v};
  const double x_hi = 2.5, x_lo = 1e-3 * std::pow(o.d, -2 * o.alpha);
  const std::size_t n = static_cast<std::size_t>(std::ceil(std::log10(x_hi / x_lo) * o.per_decade)) + 1;
  std::vector<double> xs(n), rho(n), nu(n);
  for (std::size_t k = 0; k < n; ++k) xs[k] = x_lo * std::pow(x_hi / x_lo, double(k) / (n - 1));
  cplx m = 0;
  for (std::size_t kk = n; kk-- > 0;) {  // from the top, continuing m along the grid
    const cplx z(xs[kk], o.eps * xs[kk]);
    // Newton from the neighbour; on failure (or a wrong branch) continuation from far away; at a
    // sharp peak where even that fails, a slightly larger smoothing for this node only
    bool ok = false;
    if (kk != n - 1) {
      try { m = deq_m_newton(M, z, m); ok = std::imag(-m / z) >= 0; } catch (const std::runtime_error&) {}
    }
    for (double widen = 1; !ok && widen <= 64; widen *= 4) {
      try {
        m = deq_m(M, cplx(xs[kk], o.eps * widen * xs[kk]));
        ok = true;
      } catch (const std::runtime_error&) {}
    }
    if (!ok) throw std::runtime_error(fmt::format("deq: no solution m(z) at x = {}", xs[kk]));
    rho[kk] = std::imag(-m / z) / M_PI;
    nu[kk] = std::imag(target_transform(o, D, Db2, m, z)) / M_PI;
    if (o.progress && kk % 1000 == 0) o.progress(fmt::format("deq: density {}/{}", n - kk, n));
  }
  loss_spectrum s;
  s.gamma = o.gamma;
  s.batch = o.batch;
  for (std::size_t k = 0; k < n; ++k) {
    // trapezoid in log x: dx = x dlog x
    const double dl = (k == 0 || k == n - 1 ? 0.5 : 1.0) * std::log(x_hi / x_lo) / (n - 1);
    const double dx = xs[k] * dl;
    const double mult = o.d * rho[k] * dx, w = nu[k] * dx / xs[k];
    // nodes far outside the support carry ~1e-20 of either measure; keeping them would only make
    // a high, empty node fail the stability test
    if (!(mult > 1e-9) && !(w > 1e-16)) continue;
    s.lambda.push_back(xs[k]);
    s.mult.push_back(std::max(mult, 0.0));
    s.weight.push_back(std::max(w, 0.0));
  }
  {
    precision_scope prec(20);
    const auto k = deq_kappa<mpfr>(mpfr(o.alpha), mpfr(o.d), o.v);
    s.F0 = deq_f0<mpfr>(mpfr(o.alpha), mpfr(o.beta), k, o.v).value.convert_to<double>();
  }
  return s;
}

}  // namespace scalelaw
