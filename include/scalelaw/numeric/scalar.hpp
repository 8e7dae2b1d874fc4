// The scalar concept: every algorithm is a template on `Real`, instantiated for `double` (speed)
// and `mpfr` (runtime precision, set with `precision_scope`). Exact exponents use GMP rationals.
#pragma once
#include <boost/multiprecision/mpfr.hpp>
#include <gmpxx.h>
#include <cmath>
#include <concepts>
#include <limits>
#include <string>

namespace scalelaw {

/// Runtime-precision MPFR float without expression templates (so `auto` is always a value).
using mpfr = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;
/// Exact rational, for exponents that are affine in (alpha, beta).
using rational = mpq_class;

template <class T>
concept Real = std::floating_point<T> || std::same_as<T, mpfr>;

/// Sets the default mpfr precision (decimal digits) for the lifetime of the scope.
class precision_scope {
 public:
  explicit precision_scope(unsigned digits10) : saved_(mpfr::default_precision()) {
    mpfr::default_precision(digits10);
  }
  ~precision_scope() { mpfr::default_precision(saved_); }
  precision_scope(const precision_scope&) = delete;
  precision_scope& operator=(const precision_scope&) = delete;

 private:
  unsigned saved_;
};

/// Unit roundoff of the working precision of `Real` (for mpfr: of the current default precision).
template <Real T>
T unit_roundoff() {
  if constexpr (std::same_as<T, mpfr>) {
    return boost::multiprecision::pow(mpfr(10), -static_cast<int>(mpfr::default_precision())) * 5;
  } else {
    return std::numeric_limits<T>::epsilon() / 2;
  }
}

/// Decimal digits carried by `Real` at the moment.
template <Real T>
unsigned working_digits() {
  if constexpr (std::same_as<T, mpfr>) return mpfr::default_precision();
  else return std::numeric_limits<T>::digits10;
}

/// Decimal string of `x` with `sig` significant digits, scientific notation ("1.234e-05").
std::string to_decimal(const mpfr& x, unsigned sig);
std::string to_decimal(double x, unsigned sig);

/// Rational to a short string: "3/4", "-2", "0".
std::string to_string(const rational& q);

}  // namespace scalelaw
