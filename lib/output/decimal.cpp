#include "output/decimal.hpp"

#include <new>

#include <mpfr.h>

namespace scalelaw {

decimal_value to_decimal_value(const mpfr& value, const mpfr& bound, unsigned digits) {
  using boost::multiprecision::abs;
  using boost::multiprecision::floor;
  using boost::multiprecision::log10;
  using boost::multiprecision::pow;
  const working_precision<mpfr> wp(value, bound);  // the values' precision, not the thread's default
  const unsigned sig = digits + 3;
  decimal_value out;
  out.value = to_decimal(value, sig);
  mpfr half_ulp(0);
  if (value != 0) {
    const mpfr e = floor(log10(abs(value)));
    half_ulp = pow(mpfr(10), e - mpfr(sig - 1)) / 2;
  }
  // rounded up to 3 digits (the sum's own rounding covered by the factor 1 + 2^-50), so the printed
  // bound is never below the bound
  const mpfr b = (bound + half_ulp) * (1 + pow(mpfr(2), -50));
  char* text = nullptr;
  if (mpfr_asprintf(&text, "%.2RUe", b.backend().data()) < 0) throw std::bad_alloc();
  out.error_bound = text;
  mpfr_free_str(text);
  return out;
}

}  // namespace scalelaw
