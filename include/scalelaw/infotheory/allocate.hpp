// Compute-optimal allocation for a symbolic error bound E(p, T, d) under compute C = p T (MODEL §5).
// With T = C/p, the optimum solves the exact stationarity condition (GiNaC derivatives)
//   H(p, C) = p dE/dp - T dE/dT = 0   (the derivative of E(p, C/p) in log p),
// bracketed on a log-p scan and refined by bisection to the requested digits (CLN floats). The local
// exponent d log p*/d log C = -(C dH/dC) / (p dH/dp) comes from implicit differentiation, exactly.
#pragma once
#include <string>
#include <vector>

namespace scalelaw {

struct allocation_options {
  std::string bound;  ///< e.g. "A/p + B/T" with numbers for A, B; symbols p, T, d; log, exp, ^, sqrt
  double d = 1;
  double compute_min = 1e4, compute_max = 1e12;
  unsigned points = 9;
  unsigned digits = 30;
};

struct allocation_point {
  std::string C, p_star, T_star, error;  ///< decimal strings with `digits` significant digits
  double p_exponent, T_exponent;         ///< d log p*/d log C, d log T*/d log C (= 1 - p_exponent)
};

struct allocation_result {
  std::vector<allocation_point> points;
  std::string stationarity;  ///< H(p, C) as text
};

/// Throws invalid_input for an unparsable bound, unknown symbols, or no interior minimum.
allocation_result allocate(const allocation_options& o);

}  // namespace scalelaw
