// Printing numbers that carry more digits than a double: decimal strings with an honest bound.
#pragma once
#include <string>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

struct decimal_value {
  std::string value;        ///< `digits + 3` significant digits
  std::string error_bound;  ///< bound on |printed value - exact|: computed bound + printing rounding
};

/// The value printed with digits+3 significant digits; the bound adds half a unit in the last
/// printed place to the computational bound, so it covers the printed string itself.
decimal_value to_decimal_value(const mpfr& value, const mpfr& bound, unsigned digits);

}  // namespace scalelaw
