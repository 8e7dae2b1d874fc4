// Deterministic-equivalent kappa and limiting loss F_0 (MODEL §3):
//   sum_{j<=v} kappa D_j / (1 + kappa D_j) = d,    F_0 = 1/2 sum_{j<=v} D_j b_j^2 / (1 + kappa D_j).
#pragma once
#include <cmath>
#include <stdexcept>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/spectral/power_sum.hpp"
#include "scalelaw/spectral/weights.hpp"

namespace scalelaw {

/// kappa with an error bound. Root of a monotone function of log kappa by the Illinois method
/// (bracketing, superlinear); the bound adds the bracket width to the sum's error over the slope.
template <Real T>
sum_result<T> deq_kappa(const T& alpha, const T& d, double v) {
  const working_precision<T> wp(alpha, d);  // the arguments' precision, not the thread's default
  using std::abs; using std::exp; using std::log; using std::pow;
  if (!std::isinf(v) && !(T(v) > d))
    throw invalid_input("kappa needs v > d (here v = " + number_text(v) + "); at v = d it is infinite");
  auto phi = [&](const T& u, T* err) {
    auto s = power_law_sum<T>(T(0), alpha, dimension_weight<T>{exp(u)}, v);
    if (err) *err = s.error_bound;
    return s.value - d;
  };
  // bracket in u = log kappa around the d^{2 alpha} scaling (MODEL §3)
  T u0 = 2 * alpha * log(d);
  T a = u0 - 2, b = u0 + 2, ea, eb;
  T fa = phi(a, &ea), fb = phi(b, &eb);
  for (int i = 0; fa > 0 && i < 200; ++i) { b = a; fb = fa; a -= 4; fa = phi(a, &ea); }
  for (int i = 0; fb < 0 && i < 200; ++i) { a = b; fa = fb; b += 4; fb = phi(b, &eb); }
  if (!(fa <= 0 && fb >= 0)) throw std::runtime_error("deq_kappa: no bracket");
  const T tol = unit_roundoff<T>() * 64;
  int side = 0;
  T err_last = ea;
  for (int it = 0; it < 400 && (b - a) > tol * (1 + abs(a)); ++it) {
    T c = (a * fb - b * fa) / (fb - fa);
    if (!(c > a && c < b)) c = (a + b) / 2;
    T ec;
    T fc = phi(c, &ec);
    err_last = ec;
    if (fc == 0) { a = b = c; fa = fb = 0; break; }
    if (fc < 0) {
      a = c; fa = fc;
      if (side == -1) fb /= 2;
      side = -1;
    } else {
      b = c; fb = fc;
      if (side == 1) fa /= 2;
      side = 1;
    }
  }
  sum_result<T> out;
  const T u = (a + b) / 2;
  out.value = exp(u);
  // slope d phi / d u = sum kappa D/(1+kappa D)^2 >= (phi(u)+d) * (1 - max kappa D/(1+kappa D)) ... use the
  // secant over a small step instead (accurate to a few digits, all a bound needs)
  const T h = abs(u) * pow(unit_roundoff<T>(), T(1) / 3) + pow(unit_roundoff<T>(), T(1) / 3);
  const T slope = (phi(u + h, nullptr) - phi(u - h, nullptr)) / (2 * h);
  const T du = (b - a) / 2 + err_last / abs(slope);
  out.error_bound = out.value * (exp(du) - 1) + unit_roundoff<T>() * out.value * 4;
  return out;
}

/// F_0 at a given kappa; the bound includes |dF0/dkappa| <= F0/kappa times kappa's bound.
template <Real T>
sum_result<T> deq_f0(const T& alpha, const T& beta, const sum_result<T>& kappa, double v) {
  const working_precision<T> wp(alpha, beta, kappa.value);
  auto s = power_law_sum<T>(2 * alpha + 2 * beta, alpha, resolvent_weight<T>{kappa.value}, v);
  s.value /= 2;
  s.error_bound = s.error_bound / 2 + s.value / kappa.value * kappa.error_bound;
  return s;
}

}  // namespace scalelaw
