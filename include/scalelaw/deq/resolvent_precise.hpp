// m(z) of MODEL §3 in any precision: m + (1/d) sum_{j<=v} D_j m / (D_j m - z) = 1 by Newton in Real T
// (double or mpfr, lib/numeric/scalar.hpp), for finite v by direct O(v) summation — the reference for the
// double-precision solver of lib/deq/resolvent.hpp (whose sums are O(1) in v, resonant_sum.hpp) and for
// digits beyond double. Same branch: s = -m/z a Stieltjes transform (Im s >= 0 for Im z > 0), reached by
// continuation from far away (m ~ 1) along Im z, as deq_m does.
#pragma once
#include <cmath>
#include <stdexcept>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

/// A complex number over Real T: std::complex is specified for float types only.
template <Real T>
struct complex_of {
  T re, im;
  friend complex_of operator+(const complex_of& a, const complex_of& b) { return {a.re + b.re, a.im + b.im}; }
  friend complex_of operator-(const complex_of& a, const complex_of& b) { return {a.re - b.re, a.im - b.im}; }
  friend complex_of operator*(const complex_of& a, const complex_of& b) {
    return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
  }
  friend complex_of operator*(const T& s, const complex_of& a) { return {s * a.re, s * a.im}; }
  friend complex_of operator/(const complex_of& a, const complex_of& b) {
    const T n = b.re * b.re + b.im * b.im;
    return {(a.re * b.re + a.im * b.im) / n, (a.im * b.re - a.re * b.im) / n};
  }
  T abs() const { using std::sqrt; return sqrt(re * re + im * im); }
};

/// F(m) = m + (1/d) sum_j D_j m/(D_j m - z) - 1 and F'(m) = 1 - (1/d) sum_j D_j z/(D_j m - z)^2, summed from
/// the smallest terms (j = v) up.
template <Real T>
void deq_equation(const T& alpha, const T& d, std::uint64_t v, const complex_of<T>& m, const complex_of<T>& z,
                  complex_of<T>& F, complex_of<T>& dF) {
  using std::pow;
  complex_of<T> s{0, 0}, ds{0, 0};
  for (std::uint64_t j = v; j >= 1; --j) {
    const T D = pow(T(j), -2 * alpha);
    const complex_of<T> den = D * m - z;
    const complex_of<T> inv = complex_of<T>{1, 0} / den;
    s = s + D * (m * inv);
    ds = ds - D * (z * inv * inv);
  }
  F = m + (T(1) / d) * s - complex_of<T>{1, 0};
  dF = complex_of<T>{1, 0} + (T(1) / d) * ds;
}

/// m(z) for Im z > 0, or real z < 0 (off the spectrum), to relative accuracy `tol`.
template <Real T>
complex_of<T> deq_m_precise(const T& alpha, const T& d, std::uint64_t v, const complex_of<T>& z, const T& tol) {
  using std::abs; using std::max;
  if (!(d > 0) || !(alpha > 0) || !(T(v) > d)) throw invalid_input("deq_m_precise needs alpha > 0, d > 0, v > d");
  auto newton = [&](const complex_of<T>& zz, complex_of<T> m) {
    for (int it = 0; it < 200; ++it) {
      complex_of<T> F, dF;
      deq_equation(alpha, d, v, m, zz, F, dF);
      const complex_of<T> step = F / dF;
      T lam = 1;
      complex_of<T> next = m - step;
      auto stieltjes = [&](const complex_of<T>& mm) {  // Im(-m/z) >= 0 when Im z > 0
        return !(zz.im > 0) || ((complex_of<T>{0, 0} - mm) / zz).im >= 0;
      };
      while (!stieltjes(next) && lam > T(1e-6)) { lam /= 2; next = m - lam * step; }
      m = next;
      if (lam * step.abs() <= tol * max(T(1), m.abs())) return m;
    }
    throw std::runtime_error("deq_m_precise: no convergence");
  };
  const T floor_im = max(z.im, T(1e-8) * z.abs());
  T im = max(T(10), 10 * z.abs());
  complex_of<T> m{1, 0};
  while (im > floor_im) {
    m = newton({z.re, im}, m);
    im = max(floor_im, im * T(0.7));
    if (im == floor_im) break;
  }
  return newton(z, m);
}

}  // namespace scalelaw
