#include "output/decimal.hpp"

namespace scalelaw {

decimal_value to_decimal_value(const mpfr& value, const mpfr& bound, unsigned digits) {
  using boost::multiprecision::abs;
  using boost::multiprecision::floor;
  using boost::multiprecision::log10;
  using boost::multiprecision::pow;
  const unsigned sig = digits + 3;
  decimal_value out;
  out.value = to_decimal(value, sig);
  mpfr half_ulp(0);
  if (value != 0) {
    const mpfr e = floor(log10(abs(value)));
    half_ulp = pow(mpfr(10), e - mpfr(sig - 1)) / 2;
  }
  out.error_bound = to_decimal(mpfr(bound + half_ulp), 3);
  return out;
}

}  // namespace scalelaw
