// The pure-point loss terms as exact spectral sums (MODEL §4):
//   Fpp_sum(r) = 1/2 sum_{j<=v} j^{-2a-2b} q(j^{-2a})^r,   Kpp_sum(r) = gamma^2 B sum_{j<=v} j^{-4a} q(j^{-2a})^r.
#pragma once
#include "scalelaw/spectral/power_sum.hpp"
#include "scalelaw/spectral/weights.hpp"

namespace scalelaw {

template <Real T>
sum_result<T> fpp_sum(const T& alpha, const T& beta, const T& gamma, const T& batch, const T& r, double v,
                      sum_method how = sum_method::automatic) {
  const working_precision<T> wp(alpha, beta, gamma, batch, r);  // the arguments' precision (numeric/scalar.hpp)
  auto res = power_law_sum<T>(2 * alpha + 2 * beta, alpha, q_power<T>{gamma, batch, r}, v, how);
  res.value /= 2;
  res.error_bound /= 2;
  return res;
}

template <Real T>
sum_result<T> kpp_sum(const T& alpha, const T& gamma, const T& batch, const T& r, double v,
                      sum_method how = sum_method::automatic) {
  const working_precision<T> wp(alpha, gamma, batch, r);
  auto res = power_law_sum<T>(4 * alpha, alpha, q_power<T>{gamma, batch, r}, v, how);
  const T c = gamma * gamma * batch;
  res.value *= c;
  res.error_bound *= c;
  return res;
}

}  // namespace scalelaw
