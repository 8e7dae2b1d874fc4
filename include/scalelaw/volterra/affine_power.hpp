// Long-run reference (MODEL §2, algorithm 4 in matrix form): the state y_i = lambda_i m_i evolves by
// the affine map  y' = (diag(q) + u 1^T/2) y + F_0 u,  u_i = 2 gamma^2 B lambda_i^2,  and
// P_k = F_0 + 1/2 sum_i y_i(k). The augmented (d+1)x(d+1) matrix raised to k by repeated squaring
// gives P_k at any k in O(d^3 log k). Templated: long double or mpfr, for small d.
#pragma once
#include <cstdint>
#include <vector>

#include "scalelaw/volterra/spectrum.hpp"

namespace scalelaw {

template <class T>
class affine_power {
 public:
  explicit affine_power(const loss_spectrum& s) : n_(s.size() + 1), y0_(s.size() + 1) {
    const std::size_t d = s.size();
    A_.assign(n_ * n_, T(0));
    const T g(s.gamma), B(s.batch), F0(s.F0);
    for (std::size_t i = 0; i < d; ++i) {
      const T l(s.lambda[i]);
      const T q = 1 - 2 * g * B * l + g * g * B * (B + 1) * l * l;
      const T u = 2 * g * g * B * l * l * T(s.multiplicity(i));
      for (std::size_t j = 0; j < d; ++j) at(A_, i, j) = u / 2;
      at(A_, i, i) += q;
      at(A_, i, d) = F0 * u;
      y0_[i] = T(s.weight[i]);
    }
    at(A_, d, d) = T(1);
    y0_[d] = T(1);
    F0_ = F0;
  }

  /// P_k (exact up to the rounding of T).
  T loss(std::uint64_t k) const {
    std::vector<T> R(n_ * n_, T(0)), Pw = A_;
    for (std::size_t i = 0; i < n_; ++i) at(R, i, i) = T(1);
    while (k) {
      if (k & 1) R = mul(R, Pw);
      k >>= 1;
      if (k) Pw = mul(Pw, Pw);
    }
    T sum(0);
    for (std::size_t i = 0; i + 1 < n_; ++i) {
      T yi(0);
      for (std::size_t j = 0; j < n_; ++j) yi += at(R, i, j) * y0_[j];
      sum += yi;
    }
    return F0_ + sum / 2;
  }

 private:
  T& at(std::vector<T>& M, std::size_t i, std::size_t j) const { return M[i * n_ + j]; }
  const T& at(const std::vector<T>& M, std::size_t i, std::size_t j) const { return M[i * n_ + j]; }
  std::vector<T> mul(const std::vector<T>& X, const std::vector<T>& Y) const {
    std::vector<T> Z(n_ * n_, T(0));
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t k = 0; k < n_; ++k) {
        const T x = at(X, i, k);
        if (x == 0) continue;
        for (std::size_t j = 0; j < n_; ++j) Z[i * n_ + j] += x * at(Y, k, j);
      }
    return Z;
  }
  std::size_t n_;
  std::vector<T> A_, y0_;
  T F0_;
};

}  // namespace scalelaw
