// Parameters as the user typed them (MODEL §1: "a high-precision result is for the number the user
// typed, not for its nearest double"): one strict parser from decimal text to an exact rational,
// and the conversions every path takes from it, done once: the correctly rounded double, or mpfr
// correctly rounded at the working precision.
#pragma once
#include <cmath>
#include <string>
#include <string_view>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

/// Exact rational from "0.35", "-0.1", "+2", "1e-3", "1.5E+3", "7/10", "-3/4". Nothing else: no
/// "nan", "inf", hex ("0x1p-3"), empty mantissa ("e5", "."), dangling exponent ("1e"), spaces or
/// trailing text, zero denominator. Exponents are limited to |e| <= 4000 (a larger one is a typo or
/// an attack: 10^(10^9) would not fit in memory). Throws invalid_input naming `name` and `text`.
rational parse_exact(std::string_view name, std::string_view text);

/// The double nearest to q (round to nearest, ties to even); +-inf beyond the double range.
double nearest_double(const rational& q);

/// q correctly rounded to `digits10` decimal digits (the precision is the caller's, passed here, not a default).
mpfr to_mpfr(const rational& q, unsigned digits10);

/// The exact value of a finite double as a rational (for parameters built in code, not typed).
rational exact_of(double x);

/// The shortest decimal that reads back as x ("0.4", never "0.39999999999999997").
std::string shortest(double x);

/// One parameter as given: an exact rational, +inf (for v), or not given; with its correctly rounded double beside it
/// (the double paths read that, `operator double`). Made from text (`parse`, the program and the Python module: "0.35"
/// is 35/100), from a rational, or from a double written in code, which stands for its shortest decimal: `0.7` is 7/10,
/// as the literal reads and as the Python module passes a float (so the double paths see that same double again, and the
/// precise paths the number written, not 0.6999999999999999555910790149937...). NaN is "not given".
class exact_param {
 public:
  exact_param() = default;
  exact_param(double x);  // NOLINT: implicit, so that designated initialisers read `.alpha = 0.7`
  exact_param(const rational& q) : state_(state::finite), q_(q), x_(nearest_double(q)) {}  // NOLINT
  /// parse_exact(name, text); "inf" (any case of "inf", "infinity") only if `allow_inf`.
  static exact_param parse(std::string_view name, std::string_view text, bool allow_inf = false);

  bool given() const { return state_ != state::absent; }
  bool infinite() const { return state_ == state::infinite; }
  /// The exact value; throws std::logic_error if not given or infinite.
  const rational& exact() const;
  operator double() const { return x_; }  // NOLINT: the double paths' value (nearest double; NaN if not given)

 private:
  enum class state { absent, finite, infinite };
  state state_ = state::absent;
  rational q_;
  double x_ = NAN;
};

}  // namespace scalelaw
