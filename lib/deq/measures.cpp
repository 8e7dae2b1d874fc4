#include "scalelaw/deq/measures.hpp"

#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>
#include <fmt/format.h>

#include "scalelaw/model/validate.hpp"

namespace scalelaw {


loss_spectrum deq_loss_spectrum(const plrf& model, const deq_spectrum_options& o) {
  // the model was validated by plrf::from (MODEL §1); the DE adds its own ranges of d and v
  const double alpha = model.alpha, beta = model.beta, d = static_cast<double>(model.d), v = model.v;
  require_positive("d", d);
  if (std::isinf(v) || v > 1e12) throw invalid_input("the deterministic-equivalent curve needs a finite v <= 1e12");
  if (!(v > d)) throw invalid_input("the deterministic-equivalent curve needs v > d");
  const deq_model M = deq_model::of(model);
  const double x_hi = 2.5, x_lo = 1e-3 * std::pow(d, -2 * alpha);
  // defaults (docs/NOTES.md, "DE vs finite d"): the smoothing z = x(1 + i eps) leaks ~ d eps/(pi x) of
  // density from the bulk to every larger x (the trace error is d eps x_hi/pi), so eps = 0.01/d; the DE's
  // top bumps have relative width ~ d^{-1/2}, so the grid has 10 sqrt(d) nodes per decade (>= 1000)
  const double eps = o.eps > 0 ? o.eps : std::min(1e-4, 0.01 / d);
  const double per_decade = o.per_decade > 0 ? o.per_decade : std::max(1000.0, std::ceil(10 * std::sqrt(d)));
  const std::size_t n = static_cast<std::size_t>(std::ceil(std::log10(x_hi / x_lo) * per_decade)) + 1;
  std::vector<double> xs(n), rho(n), nu(n);
  for (std::size_t k = 0; k < n; ++k) xs[k] = x_lo * std::pow(x_hi / x_lo, double(k) / (n - 1));
  // contiguous chunks of the grid, one per thread; within a chunk m is continued from node to node,
  // from the top (the first node of a chunk by continuation from far away)
  unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n / 2000)));
  std::atomic<std::size_t> done{0};
  std::exception_ptr failure;
  std::mutex mu;
  auto work = [&](std::size_t lo, std::size_t hi) {
    try {
      cplx m = 0;
      for (std::size_t kk = hi; kk-- > lo;) {
        const cplx z(xs[kk], eps * xs[kk]);
        // Newton from the neighbour; on failure (or a wrong branch) continuation from far away; at a
        // sharp peak where even that fails, a slightly larger smoothing for this node only
        bool ok = false;
        if (kk + 1 != hi) {
          try { m = deq_m_newton(M, z, m); ok = std::imag(-m / z) >= 0; } catch (const std::runtime_error&) {}
        }
        for (double widen = 1; !ok && widen <= 64; widen *= 4) {
          try {
            m = deq_m(M, cplx(xs[kk], eps * widen * xs[kk]));
            ok = true;
          } catch (const std::runtime_error&) {}
        }
        if (!ok) throw std::runtime_error(fmt::format("deq: no solution m(z) at x = {}", xs[kk]));
        rho[kk] = std::imag(-m / z) / M_PI;
        nu[kk] = std::imag(deq_target_transform(alpha, beta, v, m, z)) / M_PI;
        const std::size_t k = done.fetch_add(1) + 1;
        if (o.progress && k % std::max<std::size_t>(5000, n / 10) == 0) {
          std::lock_guard<std::mutex> lock(mu);
          o.progress(fmt::format("deq: density {}/{}", k, n));
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, n * t / threads, n * (t + 1) / threads);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  loss_spectrum s;
  s.gamma = model.gamma;
  s.batch = model.batch;
  for (std::size_t k = 0; k < n; ++k) {
    // trapezoid in log x: dx = x dlog x
    const double dl = (k == 0 || k == n - 1 ? 0.5 : 1.0) * std::log(x_hi / x_lo) / (n - 1);
    const double dx = xs[k] * dl;
    const double mult = d * rho[k] * dx, w = nu[k] * dx / xs[k];
    // nodes far outside the support carry ~1e-20 of either measure; keeping them would only make
    // a high, empty node fail the stability test
    if (!(mult > 1e-9) && !(w > 1e-16)) continue;
    s.lambda.push_back(xs[k]);
    s.mult.push_back(std::max(mult, 0.0));
    s.weight.push_back(std::max(w, 0.0));
  }
  s.F0 = deq_f0_double(alpha, beta, d, v);
  return s;
}

}  // namespace scalelaw
