#include "scalelaw/infotheory/allocate.hpp"

#include <cmath>
#include <sstream>

#include <ginac/ginac.h>
#include <fmt/format.h>

#include "scalelaw/infotheory/expression.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

using GiNaC::ex;
using GiNaC::ex_to;
using GiNaC::numeric;

namespace {

std::string decimal(const numeric& x, unsigned digits) {
  // through mpfr: GiNaC prints CLN floats in full ("1.2345...E-5"), which mpfr parses
  std::ostringstream os;
  os << GiNaC::dflt << ex(x).evalf();
  precision_scope prec(digits + 15);
  return to_decimal(mpfr(os.str()), digits);
}

numeric value(const ex& e, const GiNaC::symbol& p, const GiNaC::symbol& C, const numeric& pv, const numeric& Cv) {
  ex v;
  try {
    v = GiNaC::evalf(e.subs(GiNaC::lst{p == pv, C == Cv}));
  } catch (const std::exception& x) {  // CLN's "floating point overflow" (exp(exp(p))): the bound, not the program
    throw invalid_input(fmt::format("the bound cannot be evaluated at p = {:.6g}, C = {:.6g}: {}", pv.to_double(), Cv.to_double(), x.what()));
  }
  if (!GiNaC::is_a<numeric>(v)) throw invalid_input("the bound does not evaluate to a number (unknown symbols?)");
  const numeric n = ex_to<numeric>(v);
  if (!n.is_real()) throw invalid_input("the bound is not real at p = " + std::to_string(pv.to_double()));
  return n;
}

}  // namespace

allocation_result allocate(const allocation_options& o) {
  require_positive("d", o.d);
  require_positive("compute-min", o.compute_min);
  require_positive("compute-max", o.compute_max);
  if (!(o.compute_max >= o.compute_min)) throw invalid_input("compute-max must be >= compute-min");
  require_count("points", o.points, 1, 1000);
  require_count("digits", o.digits, 5, 500);
  struct restore { long d; ~restore() { GiNaC::Digits = d; } } keep{GiNaC::Digits};  // issue 21: restored on every exit
  GiNaC::Digits = o.digits + 15;
  const bound_symbols sym;
  const GiNaC::symbol &p = sym.p, &T = sym.T, &d = sym.d;
  GiNaC::symbol C("C");
  ex E = parse_bound(o.bound, sym);
  E = E.subs(d == numeric(std::to_string(o.d).c_str()));
  // H = p E_p - T E_T at T = C/p: the derivative of E(p, C/p) with respect to log p
  const ex H = (p * E.diff(p) - T * E.diff(T)).subs(T == C / p);
  const ex Hp = H.diff(p), HC = H.diff(C);
  const ex Ep = E.subs(T == C / p);
  allocation_result res;
  res.stationarity = canonical_text(GiNaC::expand(H));
  for (unsigned k = 0; k < o.points; ++k) {
    // C_k = C_min (C_max/C_min)^{k/(n-1)}, with C_min, C_max taken exactly as decimals (1e4 is 10000)
    auto exact = [](double x) { return numeric(fmt::format("{:.17g}", x).c_str()); };
    const numeric ratio = exact(o.compute_max) / exact(o.compute_min);
    const numeric Cv = o.points > 1 ? ex_to<numeric>(GiNaC::evalf(exact(o.compute_min) * GiNaC::pow(ratio, numeric(k, o.points - 1))))
                                    : exact(o.compute_min);
    // bracket: scan log p over [log C - 60, log C + 2]... a minimum of E(p, C/p) is where H goes - to +
    const double lC = Cv.to_double() > 0 ? std::log(Cv.to_double()) : 0;
    numeric lo, hi;
    bool found = false;
    double prev_u = lC - 80;
    numeric prev_h = value(H, p, C, ex_to<numeric>(GiNaC::evalf(GiNaC::exp(numeric(prev_u)))), Cv);
    for (double u = lC - 80 + 0.25; u <= lC + 20 && !found; u += 0.25) {
      const numeric h = value(H, p, C, ex_to<numeric>(GiNaC::evalf(GiNaC::exp(numeric(u)))), Cv);
      if (prev_h < 0 && h >= 0) {
        lo = numeric(prev_u);
        hi = numeric(u);
        found = true;
      }
      prev_u = u;
      prev_h = h;
    }
    if (!found)
      throw invalid_input(fmt::format("the bound has no interior minimum in p at C = {:.3g} (d E/d log p never changes sign "
                                      "from - to + for p in [C e^-80, C e^20])",
                                      Cv.to_double()));
    // bisection in u = log p to the working precision
    const numeric tol = ex_to<numeric>(GiNaC::evalf(GiNaC::pow(numeric(10), -static_cast<long>(o.digits) - 8)));
    for (int it = 0; it < 2000 && (hi - lo) > tol * (GiNaC::abs(lo) + 1); ++it) {
      const numeric mid = (lo + hi) / 2;
      const numeric h = value(H, p, C, ex_to<numeric>(GiNaC::evalf(GiNaC::exp(mid))), Cv);
      (h < 0 ? lo : hi) = mid;
    }
    const numeric ps = ex_to<numeric>(GiNaC::evalf(GiNaC::exp((lo + hi) / 2)));
    const numeric Ts = Cv / ps;
    const numeric err = value(Ep, p, C, ps, Cv);
    const numeric hp = value(Hp, p, C, ps, Cv), hc = value(HC, p, C, ps, Cv);
    const double pexp = (-(Cv * hc) / (ps * hp)).to_double();
    res.points.push_back({decimal(Cv, o.digits), decimal(ps, o.digits), decimal(Ts, o.digits), decimal(err, o.digits), pexp,
                          1 - pexp});
  }
  return res;
}

}  // namespace scalelaw
