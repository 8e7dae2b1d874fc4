// Compensated (Neumaier) summation, for long sums of terms of one sign or mixed signs.
#pragma once
#include <cmath>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

template <Real T>
class neumaier_sum {
 public:
  void add(const T& x) {
    using std::abs;
    T t = sum_ + x;
    if (abs(sum_) >= abs(x)) comp_ += (sum_ - t) + x;
    else comp_ += (x - t) + sum_;
    sum_ = t;
    abs_ += abs(x);
  }
  T value() const { return sum_ + comp_; }
  /// Sum of |terms|: scale for the rounding-error estimate.
  T abs_total() const { return abs_; }

 private:
  T sum_{0}, comp_{0}, abs_{0};
};

}  // namespace scalelaw
