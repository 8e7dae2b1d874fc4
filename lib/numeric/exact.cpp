#include "scalelaw/numeric/exact.hpp"

#include <cctype>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <mpfr.h>

#include "scalelaw/model/validate.hpp"

namespace scalelaw {

namespace {

constexpr long max_exponent = 4000;

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

/// [sign] digits [. digits] [(e|E) [sign] digits], at least one mantissa digit.
bool parse_decimal(std::string_view s, rational& out) {
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  long exp10 = 0;
  if (const auto e = s.find_first_of("eE"); e != std::string_view::npos) {
    std::string_view es = s.substr(e + 1);
    s = s.substr(0, e);
    bool eneg = false;
    if (!es.empty() && (es[0] == '+' || es[0] == '-')) {
      eneg = es[0] == '-';
      es.remove_prefix(1);
    }
    if (!all_digits(es)) return false;
    if (es.size() > 6) return false;  // > 999999: far beyond max_exponent
    exp10 = std::stol(std::string(es));
    if (exp10 > max_exponent) return false;
    if (eneg) exp10 = -exp10;
  }
  std::string digits;
  if (const auto dot = s.find('.'); dot != std::string_view::npos) {
    const std::string_view ip = s.substr(0, dot), fp = s.substr(dot + 1);
    if (ip.empty() && fp.empty()) return false;
    if ((!ip.empty() && !all_digits(ip)) || (!fp.empty() && !all_digits(fp))) return false;
    digits = std::string(ip) + std::string(fp);
    exp10 -= static_cast<long>(fp.size());
  } else {
    if (!all_digits(s)) return false;
    digits = std::string(s);
  }
  if (digits.size() > 10000) return false;
  mpz_class num(digits, 10), scale;
  mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(std::labs(exp10)));
  rational q = exp10 >= 0 ? rational(num * scale, 1) : rational(num, scale);
  q.canonicalize();
  out = neg ? rational(-q) : q;
  return true;
}

}  // namespace

rational parse_exact(std::string_view name, std::string_view text) {
  rational q;
  bool ok = false;
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    const std::string_view p = text.substr(0, slash), d = text.substr(slash + 1);
    std::string_view pd = p;
    if (!pd.empty() && (pd[0] == '+' || pd[0] == '-')) pd.remove_prefix(1);
    if (all_digits(pd) && all_digits(d) && p.size() <= 10000 && d.size() <= 10000) {
      const mpz_class den(std::string(d), 10);
      if (den != 0) {
        const mpz_class num(std::string(pd), 10);
        q = rational(p[0] == '-' ? mpz_class(-num) : num, den);
        q.canonicalize();
        ok = true;
      }
    }
  } else {
    ok = parse_decimal(text, q);
  }
  if (!ok)
    throw invalid_input(fmt::format(
        "{} = '{}' is not a number: use a decimal (0.35, -1e-3, exponent within +-{}) or a fraction p/q", name, text,
        max_exponent));
  return q;
}

double nearest_double(const rational& q) {
  mpfr_t x;
  mpfr_init2(x, 53);
  mpfr_set_q(x, q.get_mpq_t(), MPFR_RNDN);
  const double out = mpfr_get_d(x, MPFR_RNDN);  // exact for normal doubles: x already has 53 bits
  mpfr_clear(x);
  static const rational smallest_normal(std::numeric_limits<double>::min());  // exact: 2^-1022
  if (abs(q) >= smallest_normal) return out;  // (compared exactly: just below 2^-1022, out may already read 2^-1022)
  // Below DBL_MIN the doubles are the multiples of 2^-1074 and have fewer than 53 bits: rounding to 53 bits first and
  // then to the subnormal grid is a double rounding (found by tests/fuzz/fuzz_number: 1/5522...2 with 308 digits came
  // out one subnormal away from the nearest). Round |q| 2^1074 to the nearest integer, ties to even, exactly.
  mpz_class scale;
  mpz_ui_pow_ui(scale.get_mpz_t(), 2, 1074);
  const mpz_class a = abs(q.get_num()) * scale;
  mpz_class n, r;
  mpz_fdiv_qr(n.get_mpz_t(), r.get_mpz_t(), a.get_mpz_t(), q.get_den().get_mpz_t());
  const int half = cmp(2 * r, q.get_den());
  if (half > 0 || (half == 0 && mpz_odd_p(n.get_mpz_t()))) ++n;
  const double m = std::ldexp(n.get_d(), -1074);  // n <= 2^52: exact
  return sgn(q) < 0 ? -m : m;
}

mpfr to_mpfr(const rational& q, unsigned digits10) {
  mpfr out(0, digits10);
  mpfr_set_q(out.backend().data(), q.get_mpq_t(), MPFR_RNDN);
  return out;
}

rational exact_of(double x) {
  if (!std::isfinite(x)) throw invalid_input(fmt::format("{} is not a finite number", x));
  return rational(x);  // mpq_set_d is exact for finite doubles
}

std::string shortest(double x) { return fmt::format("{}", x); }

exact_param::exact_param(double x) : x_(x) {
  if (std::isnan(x)) {
    state_ = state::absent;
  } else if (std::isinf(x)) {
    state_ = state::infinite;
  } else {
    state_ = state::finite;
    q_ = parse_exact("x", shortest(x));  // reads back as x: x_ is its nearest double
  }
}

exact_param exact_param::parse(std::string_view name, std::string_view text, bool allow_inf) {
  if (allow_inf && (text == "inf" || text == "Inf" || text == "INF" || text == "infinity" || text == "Infinity"))
    return exact_param(std::numeric_limits<double>::infinity());
  return exact_param(parse_exact(name, text));
}

const rational& exact_param::exact() const {
  if (state_ != state::finite) throw std::logic_error(infinite() ? "the parameter is infinite" : "the parameter is not given");
  return q_;
}

}  // namespace scalelaw
