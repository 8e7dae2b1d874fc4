// Parameters as the user typed them (SPEC §1: "a high-precision result is for the number the user
// typed, not for its nearest double"): one strict parser from decimal text to an exact rational,
// and the conversions every path takes from it, done once: the correctly rounded double, or mpfr
// correctly rounded at the working precision.
#pragma once
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

/// q correctly rounded to the current default mpfr precision.
mpfr to_mpfr(const rational& q);

/// The exact value of a finite double as a rational (for parameters built in code, not typed).
rational exact_of(double x);

/// The shortest decimal that reads back as x ("0.4", never "0.39999999999999997").
std::string shortest(double x);

}  // namespace scalelaw
