// Bernoulli numbers B_{2k} as exact GMP rationals (Akiyama–Tanigawa), converted to `Real` on
// demand: exact at every runtime precision, unlike a cache filled at the first precision used.
#pragma once
#include <string>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

/// B_{2k}, exact. Cached (grows as needed); thread-safe.
rational bernoulli_b2n_exact(unsigned k);

template <Real T>
T to_real(const rational& q) {
  if constexpr (std::same_as<T, mpfr>) {
    return mpfr(q.get_num().get_str()) / mpfr(q.get_den().get_str());
  } else {
    return static_cast<T>(q.get_d());
  }
}

}  // namespace scalelaw
