// Printing numbers that carry more digits than a double: decimal strings with an honest bound.
#pragma once
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

struct decimal_value {
  std::string value;        ///< `digits + 3` significant digits
  std::string error_bound;  ///< bound on |printed value - exact|: computed bound + printing rounding
};

/// The value printed with digits+3 significant digits; the bound adds half a unit in the last
/// printed place to the computational bound, so it covers the printed string itself.
decimal_value to_decimal_value(const mpfr& value, const mpfr& bound, unsigned digits);

/// A table cell of the report: x with 4 decimals, or an en dash where nothing was measured (NaN).
inline std::string fixed_cell(double x) { return std::isfinite(x) ? fmt::format("{:.4f}", x) : "–"; }

}  // namespace scalelaw
