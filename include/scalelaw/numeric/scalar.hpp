// The scalar concept: every algorithm is a template on `Real`, instantiated for `double` (speed)
// and `mpfr` (runtime precision, carried by the values: `mpfr(x, digits10)`, `to_mpfr(q, digits10)`).
// Exact exponents use GMP rationals.
#pragma once
#include <boost/multiprecision/mpfr.hpp>
#include <gmpxx.h>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <limits>
#include <mutex>
#include <string>

namespace scalelaw {

/// Runtime-precision MPFR float without expression templates (so `auto` is always a value).
using mpfr = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;
/// Exact rational, for exponents that are affine in (alpha, beta).
using rational = mpq_class;

template <class T>
concept Real = std::floating_point<T> || std::same_as<T, mpfr>;

/// Sets the default mpfr precision (decimal digits) for the lifetime of the scope: what a value made without a precision
/// (`mpfr x = 0.7;`) gets. With Boost 1.74 (Debian 12) that default is one per process, not per thread (NOTES, "Precision
/// travels with the values"): for single-threaded code (the tests, the program's own arithmetic). The library's mpfr
/// entry points do not read it: they work at their arguments' precision (working_precision below) or at a precision they
/// are given (`digits` arguments).
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

/// Held by every working_precision scope: Boost 1.74's default mpfr precision is a process-wide `static`, which each
/// expression also sets while it is evaluated, so two threads at different precisions corrupt each other's results
/// (tests/test_spectral_sums.cpp, precision_is_the_arguments: a 60-digit sum beside a 30-digit one came out right to 30
/// digits). The library's mpfr work therefore runs one computation at a time, from any thread.
inline std::recursive_mutex& mpfr_precision_mutex() {
  static std::recursive_mutex m;
  return m;
}

/// The precision an mpfr computation on `args` works at: the largest of theirs (Boost.Multiprecision's rule for
/// expressions, extended to the constants and tolerances an algorithm makes), set as the default for the scope's
/// lifetime and restored after, under mpfr_precision_mutex. So the caller passes the precision with the values
/// (`mpfr(x, digits10)`, `to_mpfr(q, digits10)`), on any thread, and a result does not depend on whatever default is set
/// when it is called. For double: nothing, no lock.
template <Real T>
class working_precision {
 public:
  template <class... A>
  explicit working_precision(const A&... args) {
    if constexpr (std::same_as<T, mpfr>) {
      lock_ = std::unique_lock<std::recursive_mutex>(mpfr_precision_mutex());
      unsigned p = 0;
      ((p = std::max(p, static_cast<unsigned>(args.precision()))), ...);
      saved_ = mpfr::default_precision();
      if (p) mpfr::default_precision(p);
    }
  }
  ~working_precision() {
    if constexpr (std::same_as<T, mpfr>) mpfr::default_precision(saved_);
  }
  working_precision(const working_precision&) = delete;
  working_precision& operator=(const working_precision&) = delete;

 private:
  std::unique_lock<std::recursive_mutex> lock_;
  unsigned saved_ = 0;
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
