// S = sum_{j=lo}^{hi} j^{-c} (1 - u j^a)^{-k}, k = 1 or 2, without O(hi - lo) work (issue 5: the DE sums
// over j <= v must not cost O(v) per Newton step when v is huge). The summand has a near-pole where
// |u| j^a = 1, at t* = |u|^{-1/a}: a head (j <= 64) and a window (|j - t*| <= 64) are summed
// explicitly; the rest by Euler-Maclaurin, sum = integral + (f(A) + f(B))/2 + (f'(B) - f'(A))/12
// - (f'''(B) - f'''(A))/720 + (f^(5)(B) - f^(5)(A))/30240, the integral by 10-point Gauss-Legendre on
// panels no wider than their distance to 0 and to the pole: every singularity lies two half-widths
// or more beyond a panel's end, so Bernstein's ellipse has rho >= 3 + sqrt 8 and the rule's error is
// below rho^-20 ~ 5e-16 of the panel's |f| (12 points, rho^-24, cost 20% more for digits double does not keep).
// The endpoints are >= 64 away from 0 and from the pole, so the first omitted Euler-Maclaurin term is below
// (B8/8!) 7! 64^-8 ~ 1e-17 |f|. Endpoint derivatives by Taylor arithmetic.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "scalelaw/numeric/gauss_legendre.hpp"

namespace scalelaw {

namespace detail {

using cplx = std::complex<double>;
using jet = std::array<cplx, 6>;  ///< Taylor coefficients f^(i)/i!, i = 0..5

inline jet jet_mul(const jet& x, const jet& y) {
  jet r{};
  for (int i = 0; i < 6; ++i)
    for (int j = 0; i + j < 6; ++j) r[i + j] += x[i] * y[j];
  return r;
}
inline jet jet_recip(const jet& x) {
  jet r{};
  r[0] = 1.0 / x[0];
  for (int n = 1; n < 6; ++n) {
    cplx s = 0;
    for (int i = 1; i <= n; ++i) s += x[i] * r[n - i];
    r[n] = -s * r[0];
  }
  return r;
}
/// t^p around t0 (real t0 > 0): binom(p, i) t0^(p - i), one pow (t0^(p - i) = t0^p / t0^i)
inline jet jet_pow(double t0, double p) {
  jet r{};
  double c = 1, inv = 1;
  const double tp = std::pow(t0, p);
  for (int i = 0; i < 6; ++i) {
    r[i] = c * tp * inv;
    c *= (p - i) / (i + 1);
    inv /= t0;
  }
  return r;
}

/// How many exponents integer_powers keeps per thread; a sum reads at most N + 1 of them at once (resonant_sums).
constexpr std::size_t power_table_slots = 8;
/// The longest table: the head (64 terms), a sum of fewer than 1024 terms, or a near-pole window below 1088.
constexpr std::size_t power_table_length = 1088;

/// j^p for the integers j = 1 .. n (n <= power_table_length) from a per-thread cache of a few exponents: every sum over j starts at
/// j = 1 with the model's few exponents (2 alpha, -2 beta, ...), thousands of times per curve; the entries are
/// std::pow's own, so a sum is the same to the bit with or without the cache. A new exponent takes the least recently
/// used slot, so the tables one sum has just fetched stay valid while it fetches the rest (up to power_table_slots).
inline const double* integer_powers(double p, std::size_t n) {
  struct table { double p = std::numeric_limits<double>::quiet_NaN(); std::uint64_t used = 0; std::vector<double> v; };
  if (n > power_table_length) throw std::logic_error("integer_powers: more integers than power_table_length");
  thread_local std::array<table, power_table_slots> cache;
  thread_local std::uint64_t clock = 0;
  table* t = nullptr;
  for (auto& e : cache)
    if (e.p == p) t = &e;
  if (!t) {
    t = &cache[0];
    for (auto& e : cache)
      if (e.used < t->used) t = &e;
    t->p = p;
    t->v.assign(1, 1.0);  // v[j - 1] = j^p; 1^p = 1 = pow(1, p)
  }
  t->used = ++clock;
  for (std::size_t j = t->v.size() + 1; j <= n; ++j) t->v.push_back(std::pow(static_cast<double>(j), p));
  return t->v.data();
}

// 1/q as conj(q)/|q|^2 instead of the library's fully guarded complex division (__divdc3 was a quarter
// of the d = 1e6 DE's time, docs/BENCH.md); the guarded one only where |q|^2 leaves double's range
inline cplx fast_recip(cplx q) {
  const double nq = std::norm(q);
  return nq > 0 && std::isfinite(nq) ? std::conj(q) / nq : 1.0 / q;
}

/// N summands that share one near-pole (one pass over t serves them all: t^a and 1/(1 - u t^a) are formed once;
/// the DE's Newton step needs its sum and its derivative, the contour's node a sum and a weight):
///   f_n(t) = t^{-c_n} (1 - u t^a)^{-k_n}, times (1 - u2 t^a)^{-1} where second_n (a factor without a near-pole on the
/// real axis, e.g. u2 < 0: it only bends the summand smoothly, on the doubling panels' scale).
template <std::size_t N>
struct resonant_terms {
  double a;
  cplx u;
  cplx u2 = 0;
  std::array<double, N> c{};
  std::array<int, N> k{};         ///< 1 or 2
  std::array<bool, N> second{};   ///< times (1 - u2 t^a)^{-1}
  using value = std::array<cplx, N>;

  /// t^{-c_n} where it takes a pow: the Newton sums of m(z) have c = 0 and c = -a, where it is 1 or t^a exactly (pow was
  /// a third of a DE curve's time, docs/BENCH.md); a power another summand already took is reused
  bool needs_pow(std::size_t n) const { return c[n] != 0 && c[n] != -a && !(n > 0 && c[n] == c[n - 1]); }

  /// the summands at t from ta = t^a and tc[n] = t^{-c_n} (read only where needs_pow(n))
  value at(double ta, const std::array<double, N>& tc) const {
    const cplx g = fast_recip(1.0 - u * ta);
    const cplx g2 = u2 != 0.0 ? fast_recip(1.0 - u2 * ta) : cplx(0);
    value v;
    double p = 1;
    for (std::size_t n = 0; n < N; ++n) {
      if (c[n] == 0) p = 1;
      else if (c[n] == -a) p = ta;
      else if (needs_pow(n)) p = tc[n];
      v[n] = p * (k[n] == 1 ? g : g * g);
      if (second[n]) v[n] *= g2;
    }
    return v;
  }
  value operator()(double t) const {
    std::array<double, N> tc{};
    for (std::size_t n = 0; n < N; ++n)
      if (needs_pow(n)) tc[n] = std::pow(t, -c[n]);
    return at(std::pow(t, a), tc);
  }
  std::array<jet, N> expand(double t) const {
    const jet ta = jet_pow(t, a);
    auto factor = [&](cplx w) {
      jet q = ta;
      for (auto& e : q) e *= -w;
      q[0] += 1.0;
      return jet_recip(q);
    };
    const jet g = factor(u), gg = jet_mul(g, g);
    const jet g2 = u2 != 0.0 ? factor(u2) : jet{};
    std::array<jet, N> out;
    for (std::size_t n = 0; n < N; ++n) {
      jet f = k[n] == 1 ? g : gg;
      if (second[n]) f = jet_mul(f, g2);
      out[n] = jet_mul(jet_pow(t, -c[n]), f);
    }
    return out;
  }
};

/// The zeros of 1 - w t^a where t^a is on its principal branch (|arg t| <= pi): t = |w|^{-1/a} e^{i phi},
/// a phi = -arg w + 2 pi k. Appended to `out`.
template <class Out>
void principal_zeros(cplx w, double a, Out& out) {
  if (w == 0.0) return;
  const double r = std::pow(std::abs(w), -1 / a), th = std::arg(w);
  const double kmax = std::ceil((M_PI * std::abs(a) + std::abs(th)) / (2 * M_PI));
  for (double k = -kmax; k <= kmax; ++k) {
    const double phi = (-th + 2 * M_PI * k) / a;
    if (std::abs(phi) <= M_PI) out.push_back(std::polar(r, phi));
  }
}

/// Distance from the positive real t-axis of the nearest of `zeros`; +inf if there is none.
template <class Zeros>
double axis_distance(const Zeros& zeros) {
  double best = std::numeric_limits<double>::infinity();
  for (const cplx& z : zeros) best = std::min(best, z.real() >= 0 ? std::abs(z.imag()) : std::abs(z));
  return best;
}

/// Distance from the positive real t-axis of the nearest zero of 1 - u t^a (principal_zeros); +inf if there is none.
inline double pole_distance(cplx u, double a) {
  std::vector<cplx> zeros;
  principal_zeros(u, a, zeros);
  return axis_distance(zeros);
}

/// The widest panel [lo, lo + w] whose Bernstein ellipse with rho = 3 + sqrt 8 (the ellipse |t - lo| + |t - hi| =
/// 3 (hi - lo)) leaves the singularity s outside: w = (3 |s - lo| - Re(s - lo)) / 4. For s = 0 that is w = lo (hi =
/// 2 lo); for s real, ahead at distance D, w = D / 2, and behind, w = D: two half-widths beyond the panel's end.
inline double panel_width(double lo, cplx s) { return (3 * std::abs(s - lo) - (s.real() - lo)) / 4; }

/// Euler-Maclaurin over the integers of [A, B] (both >= 64 from 0 and from any zero of 1 - u t^a nearer than 128 to the
/// axis); `zeros`: the singularities of the summands besides t = 0 (principal_zeros of u, and of u2 where a summand
/// takes the second factor).
template <std::size_t N, class Zeros>
std::array<cplx, N> euler_maclaurin(const resonant_terms<N>& f, double A, double B, const Zeros& zeros) {
  const auto& gl = gauss_legendre<double>(10);
  // Panels, each as wide as the singularities allow (panel_width: every singularity stays outside the panel's
  // rho = 3 + sqrt 8 ellipse, as the header's error bound needs): doubling (hi = 2 lo) where only t = 0 binds, and
  // shorter towards a zero; a zero far off the axis (the DE's contour: >= 0.7 |t| off, docs/NOTES.md "beyond 2^53")
  // barely shortens them. (Treating every zero as if on the axis at |t|, as before 2026-12-05, took ~1.7x the panels.)
  // On a doubling panel t_i = lo r_i, r_i = 3/2 + x_i/2, so t_i^a = lo^a r_i^a: one pow per panel, not one per node.
  const std::size_t G = gl.x.size();
  constexpr std::size_t max_nodes = 10;
  std::array<double, max_nodes> ra{};
  std::array<std::array<double, N>, max_nodes> rc{};
  for (std::size_t i = 0; i < G; ++i) {
    const double r = 1.5 + 0.5 * gl.x[i];
    ra[i] = std::pow(r, f.a);
    for (std::size_t n = 0; n < N; ++n)
      if (f.needs_pow(n)) rc[i][n] = std::pow(r, -f.c[n]);
  }
  std::array<cplx, N> integral{};
  for (double lo = A, hi; lo < B; lo = hi) {
    double w = lo;
    for (const cplx& z : zeros) w = std::min(w, panel_width(lo, z));
    // a zero within ~1 of the axis outside the explicit window (a second factor with a near-pole, which resonant_terms
    // rules out) would shrink the panels geometrically towards it, without end
    if (!(w >= 1)) throw std::domain_error("resonant_sum: a singularity of the summand on the real axis, outside the explicit window");
    hi = std::min(lo + w, B);
    const double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
    std::array<cplx, N> s{};
    if (hi == 2 * lo) {
      const double la = std::pow(lo, f.a);
      std::array<double, N> lc{};
      for (std::size_t n = 0; n < N; ++n)
        if (f.needs_pow(n)) lc[n] = std::pow(lo, -f.c[n]);
      for (std::size_t i = 0; i < G; ++i) {
        std::array<double, N> tc{};
        for (std::size_t n = 0; n < N; ++n) tc[n] = lc[n] * rc[i][n];
        const auto v = f.at(la * ra[i], tc);
        for (std::size_t n = 0; n < N; ++n) s[n] += gl.w[i] * v[n];
      }
    } else {
      for (std::size_t i = 0; i < G; ++i) {
        const auto v = f(mid + half * gl.x[i]);
        for (std::size_t n = 0; n < N; ++n) s[n] += gl.w[i] * v[n];
      }
    }
    for (std::size_t n = 0; n < N; ++n) integral[n] += half * s[n];
  }
  const auto Fa = f.expand(A), Fb = f.expand(B);
  for (std::size_t n = 0; n < N; ++n) {
    const jet& fa = Fa[n];
    const jet& fb = Fb[n];
    integral[n] += 0.5 * (fa[0] + fb[0]) + (fb[1] - fa[1]) / 12.0 - 6.0 * (fb[3] - fa[3]) / 720.0 +
                   120.0 * (fb[5] - fa[5]) / 30240.0;
  }
  return integral;
}

}  // namespace detail

/// sum_{j=lo}^{hi} f_n(j) for resonant terms f_n sharing one pole (lo >= 1; hi finite), exact summation below 1024
/// terms.
template <std::size_t N>
std::array<std::complex<double>, N> resonant_sums(const detail::resonant_terms<N>& f, double lo, double hi) {
  static_assert(N + 1 <= detail::power_table_slots, "a sum's power tables must fit the per-thread cache at once");
  const std::complex<double> u = f.u;
  const double a = f.a;
  std::array<std::complex<double>, N> s{};
  auto direct = [&](double from, double to) {  // from high to low: the small terms first
    // the integers' powers from the per-thread table (the head of every sum, short sums, a low window)
    if (from >= 1 && to <= detail::power_table_length && from == std::floor(from) && to == std::floor(to)) {
      const std::size_t top = static_cast<std::size_t>(to);
      const double* ja = detail::integer_powers(a, top);
      std::array<const double*, N> jc{};
      for (std::size_t n = 0; n < N; ++n)
        if (f.needs_pow(n)) jc[n] = detail::integer_powers(-f.c[n], top);
      for (std::size_t j = top; j >= static_cast<std::size_t>(from); --j) {
        std::array<double, N> tc{};
        for (std::size_t n = 0; n < N; ++n)
          if (jc[n]) tc[n] = jc[n][j - 1];
        const auto v = f.at(ja[j - 1], tc);
        for (std::size_t n = 0; n < N; ++n) s[n] += v[n];
      }
      return;
    }
    for (double j = to; j >= from; --j) {
      const auto v = f(j);
      for (std::size_t n = 0; n < N; ++n) s[n] += v[n];
    }
  };
  if (hi - lo < 1024) {
    direct(lo, hi);
    return s;
  }
  const double K = 64;
  const double head = std::min(hi, lo + K);
  const double pole = std::pow(std::abs(u), -1 / a);
  // the summands' singularities besides t = 0: the zeros of 1 - u t^a, then those of the second factor where a summand
  // takes it (at most 2 (|a| + 1) of each on the principal sheet)
  std::vector<std::complex<double>> zeros;
  detail::principal_zeros(u, a, zeros);
  // the explicit window around the pole, clipped to (head, hi]; only where the pole is sharp, i.e. nearer
  // than 2K to the real axis (detail::pole_distance): a pole farther off leaves every panel and endpoint
  // the 2K and K clearances the error bounds above assume, so Euler-Maclaurin covers it (on the DE's
  // contour the pole is >= 0.7 |t0| off the axis, docs/NOTES.md "beyond 2^53", and v may exceed 2^53)
  const bool sharp = detail::axis_distance(zeros) < 2 * K;
  if (std::any_of(f.second.begin(), f.second.end(), [](bool b) { return b; })) detail::principal_zeros(f.u2, a, zeros);
  const double w_lo = std::max(head + 1, std::floor(pole - K)), w_hi = std::min(hi, std::ceil(pole + K));
  const bool window = sharp && w_lo <= w_hi;
  if (window && w_hi >= 0x1p52)
    throw std::domain_error("resonant_sum: a sharp pole beyond 2^52, where doubles no longer count the integers");
  direct(lo, head);
  if (window) direct(w_lo, w_hi);
  // the Euler–Maclaurin pieces: (head, w_lo) and (w_hi, hi], each >= K terms or summed directly
  // (hi itself may exceed 2^53: the pieces never step through it one by one)
  auto piece = [&](double A, double B) {
    if (B < A) return;
    if (B - A < 2 * K) { direct(A, B); return; }
    const auto e = detail::euler_maclaurin(f, A, B, zeros);
    for (std::size_t n = 0; n < N; ++n) s[n] += e[n];
  };
  if (window) {
    piece(head + 1, w_lo - 1);
    piece(w_hi + 1, hi);
  } else {
    piece(head + 1, hi);
  }
  return s;
}

/// sum_{j=lo}^{hi} j^{-c} (1 - u j^a)^{-k}.
inline std::complex<double> resonant_sum(double c, double a, int k, std::complex<double> u, double lo, double hi) {
  return resonant_sums(detail::resonant_terms<1>{.a = a, .u = u, .c = {c}, .k = {k}}, lo, hi)[0];
}

/// sum_{j=lo}^{hi} j^{-c} (1 - u j^a)^{-1} (1 - u2 j^a)^{-1}, u2 without a near-pole on the real axis.
inline std::complex<double> resonant_sum2(double c, double a, std::complex<double> u, std::complex<double> u2, double lo, double hi) {
  return resonant_sums(detail::resonant_terms<1>{.a = a, .u = u, .u2 = u2, .c = {c}, .k = {1}, .second = {true}}, lo, hi)[0];
}

}  // namespace scalelaw
