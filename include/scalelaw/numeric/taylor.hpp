// Truncated Taylor series arithmetic, order chosen at run time (Euler–Maclaurin needs derivatives
// of order ~2*digits, which Boost.Math autodiff fixes at compile time). Coefficients, not
// derivatives: a[k] = f^{(k)}(t0) / k!.
#pragma once
#include <cassert>
#include <cstddef>
#include <vector>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

template <Real T>
class taylor {
 public:
  taylor(std::size_t order, const T& c0) : a_(order + 1, T(0)) { a_[0] = c0; }
  /// The variable t0 + h.
  static taylor variable(std::size_t order, const T& t0) {
    taylor v(order, t0);
    if (order >= 1) v.a_[1] = T(1);
    return v;
  }
  std::size_t order() const { return a_.size() - 1; }
  const T& operator[](std::size_t k) const { return a_[k]; }
  T& operator[](std::size_t k) { return a_[k]; }

  friend taylor operator+(taylor x, const taylor& y) {
    for (std::size_t k = 0; k < x.a_.size(); ++k) x.a_[k] += y.a_[k];
    return x;
  }
  friend taylor operator-(taylor x, const taylor& y) {
    for (std::size_t k = 0; k < x.a_.size(); ++k) x.a_[k] -= y.a_[k];
    return x;
  }
  friend taylor operator*(taylor x, const T& c) {
    for (auto& v : x.a_) v *= c;
    return x;
  }
  friend taylor operator*(const T& c, taylor x) { return x * c; }
  friend taylor operator+(taylor x, const T& c) {
    x.a_[0] += c;
    return x;
  }
  friend taylor operator*(const taylor& x, const taylor& y) {
    const std::size_t n = x.a_.size();
    taylor z(n - 1, T(0));
    for (std::size_t k = 0; k < n; ++k) {
      T s(0);
      for (std::size_t j = 0; j <= k; ++j) s += x.a_[j] * y.a_[k - j];
      z.a_[k] = s;
    }
    return z;
  }
  friend taylor operator/(const taylor& x, const taylor& y) {
    const std::size_t n = x.a_.size();
    taylor z(n - 1, T(0));
    for (std::size_t k = 0; k < n; ++k) {
      T s = x.a_[k];
      for (std::size_t j = 1; j <= k; ++j) s -= y.a_[j] * z.a_[k - j];
      z.a_[k] = s / y.a_[0];
    }
    return z;
  }
  friend taylor exp(const taylor& x) {
    using std::exp;
    const std::size_t n = x.a_.size();
    taylor z(n - 1, exp(x.a_[0]));
    for (std::size_t k = 1; k < n; ++k) {
      T s(0);
      for (std::size_t j = 1; j <= k; ++j) s += T(j) * x.a_[j] * z.a_[k - j];
      z.a_[k] = s / T(k);
    }
    return z;
  }
  friend taylor log(const taylor& x) {
    using std::log;
    taylor z(x.order(), log(x.a_[0]));
    z.log_tail(x, x.a_[0]);
    return z;
  }
  /// log(1 + x), accurate when x[0] is small (log q(x) with q ~ 1 - 2 gamma B x needs it).
  friend taylor log1p(const taylor& x) {
    using std::log1p;
    taylor z(x.order(), log1p(x.a_[0]));
    z.log_tail(x, 1 + x.a_[0]);
    return z;
  }
  /// x^p for real p, x[0] > 0.
  friend taylor pow(const taylor& x, const T& p) { return exp(log(x) * p); }

 private:
  /// Coefficients k >= 1 of log(base + (x - x[0])):  z_k = (x_k - (1/k) sum_{j<k} j z_j x_{k-j}) / base.
  void log_tail(const taylor& x, const T& base) {
    for (std::size_t k = 1; k < a_.size(); ++k) {
      T s(0);
      for (std::size_t j = 1; j < k; ++j) s += T(j) * a_[j] * x.a_[k - j];
      a_[k] = (x.a_[k] - s / T(k)) / base;
    }
  }
  std::vector<T> a_;
};

}  // namespace scalelaw
