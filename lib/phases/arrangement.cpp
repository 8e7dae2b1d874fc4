#include "phases/arrangement.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include <fmt/format.h>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/catalogue.hpp"

namespace scalelaw::phases {

using GiNaC::ex;
using GiNaC::ex_to;
using GiNaC::is_a;
using GiNaC::numeric;

numeric to_numeric(const rational& q) {
  return numeric(q.get_num().get_str().c_str()) / numeric(q.get_den().get_str().c_str());
}

GiNaC::numeric value_at(const GiNaC::ex& e, const rational& a, const rational& b) { return value_at(e, point{a, b}); }

GiNaC::numeric value_at(const GiNaC::ex& e, const point& x) {
  const auto& syms = parameter_symbols();
  if (x.size() > syms.size()) throw std::logic_error("value_at: more coordinates than parameters");
  GiNaC::lst subs;
  for (std::size_t i = 0; i < x.size(); ++i) subs.append(syms[i] == to_numeric(x[i]));
  const GiNaC::ex v = GiNaC::normal(e.subs(subs));
  if (!GiNaC::is_a<numeric>(v)) throw std::runtime_error("not a number after substitution");
  return GiNaC::ex_to<numeric>(v);
}

rational to_rational(const numeric& n) {
  if (!n.is_rational()) throw std::logic_error("not rational: " + std::to_string(n.to_double()));
  std::ostringstream os;
  os << n.numer() << "/" << n.denom();
  rational q(os.str());
  q.canonicalize();
  return q;
}

namespace {

// p with integer coprime coefficients and a positive leading coefficient (in the order GiNaC's
// lcoeff reads the first symbol, then the other): one representative per factor up to a constant
ex normalised(const ex& p) {
  ex e = GiNaC::expand(p);
  const numeric content = e.integer_content();
  if (!content.is_zero()) e = GiNaC::expand(e / content);
  ex lead = e;
  GiNaC::exset syms;
  for (GiNaC::const_preorder_iterator it = e.preorder_begin(); it != e.preorder_end(); ++it)
    if (is_a<GiNaC::symbol>(*it)) syms.insert(*it);
  for (const ex& s : syms) lead = lead.lcoeff(s);
  if (is_a<numeric>(lead) && ex_to<numeric>(lead) < 0) e = GiNaC::expand(-e);
  return e;
}

void add_unique(std::vector<ex>& out, const ex& p) {
  for (const ex& q : out)
    if ((q - p).expand().is_zero()) return;
  out.push_back(p);
}

// A univariate polynomial with exact coefficients (Horner in GMP: the certificates evaluate many).
struct upoly {
  std::vector<rational> c;  // c[k] multiplies x^k
  upoly(const ex& p, const GiNaC::symbol& x) {
    const ex e = GiNaC::expand(p);
    for (int k = 0; k <= e.degree(x); ++k) {
      const ex ck = e.coeff(x, k);
      if (!is_a<numeric>(ck)) throw std::logic_error("root_separators: a polynomial in more than one variable");
      c.push_back(to_rational(ex_to<numeric>(ck)));
    }
  }
  int degree() const { return static_cast<int>(c.size()) - 1; }
  int sign_at(const rational& t) const {
    rational v = 0;
    for (std::size_t k = c.size(); k-- > 0;) v = v * t + c[k];
    return sgn(v);
  }
  int sign_at_infinity(int side) const {
    const int lead = sgn(c.back());
    return side < 0 && degree() % 2 == 1 ? -lead : lead;
  }
};

int variations(const std::vector<int>& signs) {
  int v = 0, last = 0;
  for (int s : signs) {
    if (s == 0) continue;
    if (last != 0 && s != last) ++v;
    last = s;
  }
  return v;
}

// Sturm's theorem: the number of distinct real roots of a squarefree q in (s, t] is V(s) - V(t),
// V the sign variations of the chain q, q', -rem(q, q'), ...
struct sturm_chain {
  std::vector<upoly> chain;
  sturm_chain(const ex& q, const GiNaC::symbol& x) {
    std::vector<ex> p{GiNaC::expand(q), GiNaC::expand(q.diff(x))};
    while (p.back().degree(x) > 0) {
      const ex r = GiNaC::expand(-GiNaC::rem(p[p.size() - 2], p.back(), x));
      if (r.is_zero()) throw std::logic_error("sturm_chain: the polynomial is not squarefree");
      p.push_back(r);
    }
    for (const ex& e : p) chain.emplace_back(e, x);
  }
  int at(const rational& t) const {
    std::vector<int> s;
    for (const upoly& p : chain) s.push_back(p.sign_at(t));
    return variations(s);
  }
  int at_infinity(int side) const {
    std::vector<int> s;
    for (const upoly& p : chain) s.push_back(p.sign_at_infinity(side));
    return variations(s);
  }
};

mpz_class floor_of(const rational& q) {
  mpz_class n;
  mpz_fdiv_q(n.get_mpz_t(), q.get_num().get_mpz_t(), q.get_den().get_mpz_t());
  return n;
}

// the rational with the smallest denominator in the open interval (lo, hi), lo < hi
rational simplest_between(const rational& lo, const rational& hi) {
  const mpz_class n = floor_of(lo);
  if (rational(n + 1) < hi) return rational(n + 1);
  // lo and hi lie in [n, n + 1]
  if (rational(n) == lo) {
    // (n, hi) with hi <= n + 1: n + 1/k for the smallest integer k > 1/(hi - n)
    const rational inv = 1 / (hi - n);
    const mpz_class k = floor_of(inv);
    return rational(n) + rational(1, k + 1);
  }
  return rational(n) + 1 / simplest_between(1 / (hi - n), 1 / (lo - n));
}

// approximate real roots of an irreducible univariate polynomial (exact when linear)
std::vector<rational> approximate_real_roots(const ex& f, const GiNaC::symbol& x) {
  const int deg = f.degree(x);
  if (deg == 1) return {to_rational(ex_to<numeric>(-f.coeff(x, 0) / f.coeff(x, 1)))};
  Eigen::MatrixXd companion = Eigen::MatrixXd::Zero(deg, deg);
  const double lead = ex_to<numeric>(f.coeff(x, deg)).to_double();
  for (int k = 0; k < deg; ++k) companion(0, deg - 1 - k) = -ex_to<numeric>(f.coeff(x, k)).to_double() / lead;
  for (int k = 1; k < deg; ++k) companion(k, k - 1) = 1;
  Eigen::EigenSolver<Eigen::MatrixXd> es(companion, false);
  std::vector<rational> out;
  for (const auto& z : es.eigenvalues())
    // an irreducible polynomial has simple roots; a real one comes out with a rounding-size imaginary part
    if (std::abs(z.imag()) <= 1e-7 * (1 + std::abs(z.real()))) out.push_back(exact_of(z.real()));
  return out;
}

}  // namespace

std::vector<std::pair<ex, int>> factor_powers(const ex& e) {
  std::vector<std::pair<ex, int>> out;
  const ex nd = GiNaC::numer_denom(GiNaC::normal(e));
  for (int k = 0; k < 2; ++k) {
    const ex f = GiNaC::factor(GiNaC::expand(nd.op(k)));
    std::vector<ex> ops;
    if (is_a<GiNaC::mul>(f))
      for (std::size_t i = 0; i < f.nops(); ++i) ops.push_back(f.op(i));
    else
      ops.push_back(f);
    for (const ex& o : ops) {
      if (is_a<numeric>(o)) continue;
      if (is_a<GiNaC::power>(o) && is_a<numeric>(o.op(1)))
        out.emplace_back(o.op(0), ex_to<numeric>(o.op(1)).to_int());
      else
        out.emplace_back(o, 1);
    }
  }
  return out;
}

std::vector<ex> irreducible_factors(const std::vector<ex>& exprs) {
  std::vector<ex> out;
  for (const ex& e : exprs)
    for (const auto& [base, power] : factor_powers(e)) add_unique(out, normalised(base));
  return out;
}

std::vector<rational> root_separators(const std::vector<ex>& polys, const GiNaC::symbol& x) {
  const std::vector<ex> factors = irreducible_factors(polys);
  std::vector<std::pair<rational, std::size_t>> roots;  // approximate root, its factor
  for (std::size_t i = 0; i < factors.size(); ++i)
    for (const rational& r : approximate_real_roots(factors[i], x)) roots.emplace_back(r, i);
  std::sort(roots.begin(), roots.end());
  std::vector<rational> s;
  if (roots.empty()) {
    s.push_back(0);
  } else {
    s.push_back(rational(floor_of(roots.front().first) - 1));
    for (std::size_t i = 0; i + 1 < roots.size(); ++i) {
      const rational gap = roots[i + 1].first - roots[i].first;
      if (!(gap > 0)) throw std::logic_error("root_separators: two roots did not separate in double precision");
      s.push_back(simplest_between(roots[i].first + gap / 4, roots[i + 1].first - gap / 4));
    }
    s.push_back(rational(floor_of(roots.back().first) + 1));
  }
  // the certificate, factor by factor (distinct irreducible factors have distinct roots): no separator is a root,
  // and between neighbours s_i, s_{i+1} lies one root of the factor root i was found for and none of the others'
  for (std::size_t f = 0; f < factors.size(); ++f) {
    const sturm_chain chain(factors[f], x);
    std::vector<int> v;
    for (const rational& t : s) {
      if (chain.chain.front().sign_at(t) == 0) throw std::logic_error("root_separators: a separator is a root");
      v.push_back(chain.at(t));
    }
    if (chain.at_infinity(-1) != v.front() || chain.at_infinity(+1) != v.back())
      throw std::logic_error("root_separators: a real root was missed");
    for (std::size_t i = 0; i + 1 < v.size(); ++i)
      if (v[i] - v[i + 1] != (roots[i].second == f ? 1 : 0))
        throw std::logic_error("root_separators: a root interval failed its Sturm count");
  }
  return s;
}

std::vector<point> open_cell_samples(const std::vector<ex>& polys, const std::vector<GiNaC::symbol>& vars) {
  if (vars.empty() || vars.size() > 4) throw std::logic_error("open_cell_samples: 1 to 4 variables");
  const GiNaC::symbol& y = vars.back();
  const std::vector<ex> factors = irreducible_factors(polys);
  if (vars.size() == 1) {
    std::vector<point> out;
    for (const rational& y0 : root_separators(factors, y)) out.push_back({y0});
    return out;
  }
  // the projection: polynomials in the other variables whose zero sets hold every place where the roots in y meet,
  // appear or vanish (leading coefficients, discriminants, pairwise resultants; factors free of y as they are)
  std::vector<ex> projection;
  auto project = [&](const ex& p) {
    const ex e = GiNaC::expand(p);
    if (!e.is_zero() && !is_a<numeric>(e)) projection.push_back(e);
  };
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const ex& f = factors[i];
    if (f.degree(y) == 0) { project(f); continue; }
    project(f.lcoeff(y));
    if (f.degree(y) >= 2) project(GiNaC::resultant(f, f.diff(y), y));
    for (std::size_t j = i + 1; j < factors.size(); ++j)
      if (factors[j].degree(y) > 0) project(GiNaC::resultant(f, factors[j], y));
  }
  const std::vector<GiNaC::symbol> below(vars.begin(), vars.end() - 1);
  // the projection grows about as the square of the factors at each level: past this, the samples would take hours
  constexpr std::size_t max_projection = 3000;
  if (projection.size() > max_projection)
    throw invalid_input(fmt::format("the exact arrangement is too large: {} irreducible polynomials in {} parameters project to {} "
                                    "(at most {}); a catalogue with fewer terms or simpler exponents can be derived",
                                    factors.size(), vars.size(), projection.size(), max_projection));
  std::vector<point> base;
  if (projection.empty()) base.push_back(point(below.size(), rational(0)));
  else base = open_cell_samples(projection, below);
  std::vector<point> out;
  for (const point& x0 : base) {
    GiNaC::lst at;
    for (std::size_t i = 0; i < below.size(); ++i) at.append(below[i] == to_numeric(x0[i]));
    std::vector<ex> fibre;
    for (const ex& f : factors) {
      const ex g = GiNaC::expand(f.subs(at));
      if (!is_a<numeric>(g)) fibre.push_back(g);
    }
    for (const rational& y0 : root_separators(fibre, y)) {
      point p = x0;
      p.push_back(y0);
      out.push_back(std::move(p));
    }
  }
  return out;
}

std::vector<std::pair<rational, rational>> open_cell_samples(const std::vector<ex>& polys, const GiNaC::symbol& x,
                                                             const GiNaC::symbol& y) {
  std::vector<std::pair<rational, rational>> out;
  for (const point& p : open_cell_samples(polys, std::vector<GiNaC::symbol>{x, y})) out.emplace_back(p[0], p[1]);
  return out;
}

}  // namespace scalelaw::phases
