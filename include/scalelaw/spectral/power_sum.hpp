// High-precision spectral sums  S = sum_{j=1}^{v} j^{-s} g(j^{-2 alpha})  (MODEL §4), v finite or
// infinite: a direct head j < N, then Euler–Maclaurin from N with derivatives from Taylor series,
// the integral by adaptive Gauss–Legendre in log t up to where g's Maclaurin series converges fast
// and in closed form beyond. Returns the value and an error estimate (see docs/NOTES.md §sums).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

#include "scalelaw/numeric/bernoulli.hpp"
#include "scalelaw/numeric/gauss_legendre.hpp"
#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/numeric/summation.hpp"
#include "scalelaw/numeric/taylor.hpp"

namespace scalelaw {

enum class sum_method { automatic, direct, euler_maclaurin };

template <Real T>
struct sum_result {
  T value{0};
  T error_bound{0};     ///< estimate of |value - exact| (truncation + quadrature + rounding)
  std::uint64_t head_terms = 0;  ///< terms summed one by one
  unsigned em_terms = 0;         ///< Euler–Maclaurin correction terms used
  unsigned panels = 0;           ///< quadrature panels
  bool direct = false;
};

/// Thrown when the requested sum diverges (v = inf with s + 2 alpha k0 <= 1).
struct divergent_sum : std::domain_error {
  using std::domain_error::domain_error;
};

namespace detail {

/// Taylor coefficients of f(t) = t^{-s} g(t^{-2 alpha}) at t0.
template <Real T, class G>
taylor<T> summand_series(const T& t0, const T& s, const T& alpha, const G& g, std::size_t order) {
  auto lt = log(taylor<T>::variable(order, t0));
  return exp(lt * (-s)) * g(exp(lt * (-2 * alpha)));
}

/// Compensated sum of f(j), j = lo..hi (inclusive), split over threads for long ranges;
/// `noise` is the rounding estimate sum |f(j)| (4 + cond_g) eps of the term evaluations.
template <Real T>
struct direct_part {
  neumaier_sum<T> sum;
  T noise{0};
};

template <Real T, class G>
direct_part<T> direct_range(std::uint64_t lo, std::uint64_t hi, const T& s, const T& alpha, const G& g) {
  using std::abs; using std::pow;
  direct_part<T> out;
  if (hi < lo) return out;
  const std::uint64_t n = hi - lo + 1;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  if constexpr (std::same_as<T, mpfr>) threads = 1;  // one mpfr computation at a time (numeric/scalar.hpp, working_precision)
  auto run = [&](std::uint64_t a, std::uint64_t b, direct_part<T>& part) {  // [a, b), small terms first
    T mag(0);
    for (std::uint64_t j = b; j > a; --j) {
      const T t(j - 1), x = pow(t, -2 * alpha), f = pow(t, -s) * g(x);
      part.sum.add(f);
      mag += abs(f) * (4 + g.condition(x));
    }
    part.noise = mag * unit_roundoff<T>();
  };
  if (n < 200000 || threads == 1) {
    run(lo, hi + 1, out);
    return out;
  }
  std::vector<direct_part<T>> parts(threads);
  std::vector<std::thread> pool;
  for (unsigned p = 0; p < threads; ++p)
    pool.emplace_back([&, p] { run(lo + n * p / threads, lo + n * (p + 1) / threads, parts[p]); });
  for (auto& th : pool) th.join();
  for (auto& p : parts) {
    out.sum.add(p.sum.value());
    out.noise += p.noise;
  }
  return out;
}

/// Integral of t^{-s} g(t^{-2 alpha}) from t1 to t2 (t2 may be +inf) in closed form, from the
/// scaled Maclaurin coefficients gs_k = g_k x_c^k (scaled so no power overflows a double).
template <Real T>
T power_series_integral(const std::vector<T>& gs, const T& x_c, const T& s, const T& alpha, const T& t1,
                        const T& t2, bool t2_infinite, T& truncation) {
  using std::abs; using std::log; using std::pow;
  const T rho1 = pow(t1, -2 * alpha) / x_c, base1 = pow(t1, 1 - s);
  const T rho2 = t2_infinite ? T(0) : pow(t2, -2 * alpha) / x_c, base2 = t2_infinite ? T(0) : pow(t2, 1 - s);
  T total(0), last(0), p1(1), p2(1);
  for (std::size_t k = 0; k < gs.size(); ++k, p1 *= rho1, p2 *= rho2) {
    if (gs[k] == 0) continue;
    const T e = s + 2 * alpha * T(k) - 1;  // integral of t^{-(e+1)}
    T piece;
    if (!t2_infinite && abs(e) < unit_roundoff<T>() * 16) piece = pow(x_c, -T(k)) * log(t2 / t1);
    else piece = (p1 * base1 - p2 * base2) / e;
    last = gs[k] * piece;
    total += last;
  }
  // terms shrink at least 4x each (series_radius), so the tail past the highest computed order is
  // below |its term| / 3; a polynomial g (highest coefficient 0) is integrated exactly
  truncation = gs.back() == 0 ? T(0) : abs(last);
  return total;
}

}  // namespace detail

/// S = sum_{j=1}^{v} j^{-s} g(j^{-2 alpha}); v = +inf allowed (`std::isinf(v)`).
template <Real T, class G>
sum_result<T> power_law_sum(const T& s, const T& alpha, const G& g, double v,
                            sum_method how = sum_method::automatic) {
  const working_precision<T> wp(s, alpha);  // the arguments' precision, not the thread's default (numeric/scalar.hpp)
  using std::abs; using std::pow; using std::log; using std::exp;
  const bool infinite = std::isinf(v);
  if (!(alpha > 0)) throw std::domain_error("alpha must be > 0");
  if (!infinite && !(v >= 1)) throw std::domain_error("v must be >= 1");
  if (infinite && !(s + 2 * alpha * T(g.lowest_order()) > 1))
    throw divergent_sum("the sum diverges for v = inf (need s + 2 alpha k0 > 1)");

  const T eps = unit_roundoff<T>();
  const unsigned digits = working_digits<T>();
  const T tol_rel = eps * 64;  // truncation target: ~2 digits above the roundoff
  sum_result<T> res;

  // direct summation up to 4000 terms, then Euler-Maclaurin (in double as in mpfr: at v = 1.2e6 the direct sum took
  // 0.43 s per kappa against 1 ms, docs/BENCH.md; its error bound, ~1e-13 relative, is honest either way)
  const double direct_cap = 4000.0;
  if (how == sum_method::direct || (how == sum_method::automatic && !infinite && v <= direct_cap)) {
    if (infinite) throw std::domain_error("direct summation needs a finite v");
    auto acc = detail::direct_range<T>(1, static_cast<std::uint64_t>(v), s, alpha, g);
    res.value = acc.sum.value();
    res.error_bound = acc.noise + 4 * eps * acc.sum.abs_total();  // term evaluation + summation
    res.head_terms = static_cast<std::uint64_t>(v);
    res.direct = true;
    return res;
  }

  // ---- Euler–Maclaurin from N ---------------------------------------------------------------
  const unsigned max_terms = digits + 24;        // E-M corrections, order 2*max_terms
  const std::size_t order = 2 * max_terms + 1;
  const std::size_t mac_order = 2 * digits + 24;  // Maclaurin series of g: ratio <= 1/4 per term
  const T x_c = g.series_radius();
  std::vector<T> gk(mac_order + 1);  // g_k x_c^k
  {
    auto gs = g(taylor<T>::variable(mac_order, T(0)) * x_c);
    for (std::size_t k = 0; k <= mac_order; ++k) gk[k] = gs[k];
  }
  const T t_cut_series = pow(x_c, -1 / (2 * alpha));  // beyond it, integrate g's series exactly

  std::uint64_t N = std::max<std::uint64_t>(12, static_cast<std::uint64_t>(0.6 * digits) + 8);
  neumaier_sum<T> head;
  T head_noise(0);
  std::uint64_t head_done = 0;  // terms 1..head_done summed
  const std::uint64_t N_max = std::same_as<T, mpfr> ? 400000 : 50000000;

  for (;;) {
    if (!infinite && static_cast<double>(N) >= v) {  // the whole sum is a head
      return power_law_sum<T>(s, alpha, g, v, sum_method::direct);
    }
    if (N > N_max) throw std::runtime_error("power_law_sum: Euler–Maclaurin did not converge");
    auto more = detail::direct_range<T>(head_done + 1, N - 1, s, alpha, g);
    head.add(more.sum.value());
    head_noise += more.noise;
    head_done = N - 1;

    const T tN(N);
    const T tV = infinite ? T(0) : T(v);
    // -- integral from N to v: numeric part [N, min(t_cut, v)], series part beyond
    const T t_mid = std::max(tN, t_cut_series);
    const bool numeric_part = infinite || t_mid > tN;
    const T t_num_end = infinite ? t_mid : std::min(t_mid, tV);
    T integral(0), quad_err(0), quad_abs(0);
    unsigned panels = 0;
    if (numeric_part && t_num_end > tN) {
      const T y0 = log(tN), y1 = log(t_num_end);
      const unsigned n1 = 12 + digits / 2, n2 = n1 + n1 / 2 + 2;
      const auto& r1 = gauss_legendre<T>(n1);
      const auto& r2 = gauss_legendre<T>(n2);
      T noise(0);  // rounding in the integrand values, amplified by g's condition number
      auto gl = [&](const gauss_rule<T>& rule, const T& a, const T& b) {
        const T c = (a + b) / 2, hw = (b - a) / 2;
        T acc(0), mag(0);
        for (std::size_t i = 0; i < rule.x.size(); ++i) {
          const T y = c + hw * rule.x[i], x = exp(-2 * alpha * y);
          const T hy = rule.w[i] * exp((1 - s) * y) * g(x);
          acc += hy;
          mag += abs(hy) * (4 + g.condition(x));
        }
        noise = mag * abs(hw) * eps;
        return acc * hw;
      };
      const unsigned n_init = static_cast<unsigned>(std::max<double>(1.0, std::ceil(static_cast<double>(y1 - y0) / 0.5)));
      // pass 1: the scale of the integral
      T scale(0);
      for (unsigned p = 0; p < n_init; ++p) {
        const T a = y0 + (y1 - y0) * T(p) / T(n_init), b = y0 + (y1 - y0) * T(p + 1) / T(n_init);
        scale += abs(gl(r1, a, b));
      }
      scale += abs(head.value());
      // pass 2: adaptive bisection until GL(n1) and GL(n2) agree to tol_rel * scale
      struct panel { T a, b; int depth; };
      std::vector<panel> stack;
      for (unsigned p = n_init; p-- > 0;)
        stack.push_back({y0 + (y1 - y0) * T(p) / T(n_init), y0 + (y1 - y0) * T(p + 1) / T(n_init), 0});
      const T y_span = y1 - y0;
      while (!stack.empty()) {
        panel pn = stack.back();
        stack.pop_back();
        const T i1 = gl(r1, pn.a, pn.b), i2 = gl(r2, pn.a, pn.b);
        const T panel_noise = noise;
        const T err = abs(i2 - i1);
        // relative to the panel itself or to its share of the whole (both keep the total error
        // below ~2 tol_rel scale), and never below what rounding in the integrand allows
        const T allowed = std::max(tol_rel * std::max(abs(i2), scale * (pn.b - pn.a) / y_span), 8 * panel_noise);
        if (err <= allowed || pn.depth >= 30 || panels > 20000) {
          integral += i2;
          quad_err += err + panel_noise;  // GL(n2) is far better than GL(n1): |i2 - i1| bounds its error
          quad_abs += abs(i2);
          ++panels;
        } else {
          const T m = (pn.a + pn.b) / 2;
          stack.push_back({m, pn.b, pn.depth + 1});
          stack.push_back({pn.a, m, pn.depth + 1});
        }
      }
    }
    T series_trunc(0);
    if (infinite || tV > t_num_end) {
      const T from = numeric_part ? t_num_end : tN;
      integral += detail::power_series_integral(gk, x_c, s, alpha, from, tV, infinite, series_trunc);
    }

    // -- endpoint and derivative corrections
    auto cN = detail::summand_series(tN, s, alpha, g, order);
    taylor<T> cV(order, T(0));
    if (!infinite) cV = detail::summand_series(tV, s, alpha, g, order);
    T tail = integral + (cN[0] + cV[0]) / 2;
    const T scale_total = abs(head.value()) + abs(tail);
    const T tol_abs = tol_rel * scale_total;
    bool converged = false;
    unsigned used = 0;
    T prev_mag(0), trunc(0), em_abs(0);
    for (unsigned k = 1; k <= max_terms; ++k) {
      const T bk = to_real<T>(bernoulli_b2n_exact(k)) / T(2 * k);
      const T term = bk * (cV[2 * k - 1] - cN[2 * k - 1]);
      const T mag = abs(term);
      if (mag <= tol_abs) { trunc = 2 * mag; converged = true; break; }
      if (k > 2 && mag > prev_mag) break;  // the asymptotic series turned: N too small
      tail += term;
      em_abs += mag;
      prev_mag = mag;
      used = k;
    }
    if (!converged) {
      N *= 2;
      continue;
    }
    res.value = head.value() + tail;
    const T rounding = head_noise + eps * 32 * (quad_abs + abs(integral) + abs(cN[0]) + em_abs);
    res.error_bound = trunc + quad_err + series_trunc + rounding;
    res.head_terms = N - 1;
    res.em_terms = used;
    res.panels = panels;
    return res;
  }
}

}  // namespace scalelaw
