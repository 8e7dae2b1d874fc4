// libFuzzer target: eval's guaranteed enclosures (lib/spectral/enclosure.hpp, compiled here with the fuzzer's
// instrumentation) over their parameters as decimal text, "alpha beta gamma r v batch digits term", against the plain
// MPFR sum of the v terms (issue 34). Anything may be refused (invalid_input, divergent_sum) or declined
// (uncertified_sum); an enclosure that is returned must hold the plain sum within its radius (plus the reference's
// rounding, 10^-(digits+20) of the sum of |terms|: it carries digits + 30 digits). v <= 3000 keeps one input ~10 ms.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include <mpfr.h>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/spectral/enclosure.hpp"
#include "scalelaw/spectral/power_sum.hpp"

using namespace scalelaw;

namespace {

bool read(std::istringstream& in, const char* name, rational& out) {
  std::string tok;
  if (!(in >> tok)) return false;
  try {
    out = parse_exact(name, tok);
  } catch (const invalid_input&) {
    return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool range = [] {  // q^r reaches 10^(+-1e12): mpfr's widest exponent range, as the program opens
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    return true;
  }();
  (void)range;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  rational alpha, beta, gamma, r, v, batch, digits_q;
  if (!read(in, "alpha", alpha) || !read(in, "beta", beta) || !read(in, "gamma", gamma) || !read(in, "r", r) ||
      !read(in, "v", v) || !read(in, "batch", batch) || !read(in, "digits", digits_q))
    return 0;
  std::string term = "fpp";
  in >> term;
  // the domain: alpha in [1/50, 4], beta in [-2, 4], gamma in (0, 4], r in [0, 1e12], v in 1..3000, batch 1..8,
  // digits 10..50 (finite v: every such sum is finite, learnable or not)
  if (!(alpha >= rational(1, 50) && alpha <= 4 && beta >= -2 && beta <= 4 && gamma > 0 && gamma <= 4 && r >= 0 &&
        r <= rational(mpz_class("1000000000000")) && v.get_den() == 1 && v >= 1 && v <= 3000 && batch.get_den() == 1 &&
        batch >= 1 && batch <= 8 && digits_q.get_den() == 1 && digits_q >= 10 && digits_q <= 50))
    return 0;
  if (term != "fpp" && term != "kpp") return 0;
  exact_sum_params p;
  p.alpha = alpha;
  p.beta = beta;
  p.gamma = gamma;
  p.r = r;
  p.v = v.get_num();
  p.batch = batch;
  const unsigned digits = static_cast<unsigned>(digits_q.get_num().get_ui());
  enclosure e;
  try {
    e = term == "fpp" ? fpp_enclosure(p, digits) : kpp_enclosure(p, digits);
  } catch (const invalid_input&) {
    return 0;
  } catch (const divergent_sum&) {
    return 0;
  } catch (const uncertified_sum&) {
    return 0;
  }
  if (!(e.rad >= 0)) __builtin_trap();  // a NaN radius
  const unsigned wd = digits + 30;
  precision_scope prec(wd);
  const mpfr a = to_mpfr(alpha, wd), s = term == "fpp" ? to_mpfr(2 * alpha + 2 * beta, wd) : to_mpfr(4 * alpha, wd),
             g = to_mpfr(gamma, wd), B = to_mpfr(batch, wd), rr = to_mpfr(r, wd);
  const mpfr q1 = -2 * g * B, q2 = g * g * B * (B + 1);
  mpfr sum(0), mag(0);
  for (unsigned long j = p.v->get_ui(); j >= 1; --j) {
    const mpfr t(j), x = pow(t, -2 * a);
    const mpfr term_j = pow(t, -s) * (r == 0 ? mpfr(1) : exp(rr * log1p(x * (q2 * x + q1))));
    sum += term_j;
    mag += abs(term_j);
  }
  const mpfr scale = term == "fpp" ? mpfr(0.5) : mpfr(g * g * B);
  sum *= scale;
  mag *= scale;
  const mpfr slack = mag * pow(mpfr(10), -static_cast<int>(digits) - 20);
  if (!(abs(e.mid - sum) <= e.rad + slack)) __builtin_trap();  // the guarantee broken
  return 0;
}
