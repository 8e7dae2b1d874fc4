// The reference solver (MODEL §2, algorithm 1): the m_i recursion, written on y_i = lambda_i m_i,
//   y_i(k+1) = q_i y_i(k) + 2 gamma^2 B lambda_i^2 P_k,   P_k = F_0 + 1/2 sum_i y_i(k).
// O(d r). Templated on the scalar so long double / mpfr can serve as references.
#pragma once
#include <cstdint>
#include <vector>

#include "scalelaw/numeric/summation.hpp"
#include "scalelaw/volterra/grid.hpp"
#include "scalelaw/volterra/spectrum.hpp"

namespace scalelaw {

template <class T = double>
loss_curve volterra_direct(const loss_spectrum& s, const std::vector<std::uint64_t>& grid) {
  const std::size_t d = s.size();
  std::vector<T> y(d), q(d), u(d);
  const T g2b = T(s.gamma) * T(s.gamma) * T(s.batch);
  for (std::size_t i = 0; i < d; ++i) {
    const T l = s.lambda[i];
    y[i] = s.weight[i];
    q[i] = 1 - 2 * T(s.gamma) * T(s.batch) * l + g2b * (T(s.batch) + 1) * l * l;
    u[i] = 2 * g2b * l * l * T(s.multiplicity(i));
  }
  loss_curve c;
  std::uint64_t k = 0;
  std::vector<T> f(d);  // forcing part, decays by q each step
  for (std::size_t i = 0; i < d; ++i) f[i] = s.weight[i];
  for (std::uint64_t target : grid) {
    for (;;) {
      T sum(0), fsum(0);
      for (std::size_t i = 0; i < d; ++i) { sum += y[i]; fsum += f[i]; }
      const T P = T(s.F0) + sum / 2;
      if (k == target) {
        c.r.push_back(k);
        c.loss.push_back(static_cast<double>(P));
        c.forcing.push_back(static_cast<double>(T(s.F0) + fsum / 2));
        break;
      }
      for (std::size_t i = 0; i < d; ++i) {
        y[i] = q[i] * y[i] + u[i] * P;
        f[i] *= q[i];
      }
      ++k;
    }
  }
  return c;
}

}  // namespace scalelaw
