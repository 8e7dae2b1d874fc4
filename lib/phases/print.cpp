// The derivation's printing (lib/phases/polynomial.hpp, and the text forms of derive.hpp).
#include <algorithm>
#include <sstream>
#include <vector>

#include "phases/polynomial.hpp"
#include "scalelaw/phases/derive.hpp"

namespace scalelaw::phases {

using GiNaC::ex;
using GiNaC::ex_to;
using GiNaC::is_a;
using GiNaC::numeric;

std::vector<ex> polynomial_terms(const ex& p) {
  const ex e = GiNaC::expand(p);
  std::vector<ex> terms;
  if (is_a<GiNaC::add>(e)) for (std::size_t i = 0; i < e.nops(); ++i) terms.push_back(e.op(i));
  else terms.push_back(e);
  return terms;
}

std::vector<int> monomial_exponents(const ex& t) {
  std::vector<int> k;
  for (const auto& x : parameter_symbols()) k.push_back(t.degree(x));
  return k;
}

ex monomial_coefficient(const ex& t) {
  GiNaC::lst ones;
  for (const auto& x : parameter_symbols()) ones.append(x == 1);
  return t.subs(ones);
}

namespace {

int total_degree(const ex& t) {
  int s = 0;
  for (int k : monomial_exponents(t)) s += k;
  return s;
}
// graded order: higher total degree first, then higher powers of alpha, beta, gamma, delta in turn
bool graded_before(const ex& x, const ex& y) {
  if (total_degree(x) != total_degree(y)) return total_degree(x) > total_degree(y);
  return monomial_exponents(x) > monomial_exponents(y);
}

}  // namespace

std::string poly_text(const ex& p, bool latex) {
  std::ostringstream os;
  std::vector<ex> terms = polynomial_terms(p);
  std::stable_sort(terms.begin(), terms.end(), [&](const ex& x, const ex& y) { return graded_before(x, y); });
  // start with a positive term when there is one ("1-2*alpha", not "-2*alpha+1")
  auto sign_of = [](const ex& t) {
    const ex c = monomial_coefficient(t);
    return is_a<numeric>(c) && ex_to<numeric>(c) < 0;
  };
  if (!terms.empty() && sign_of(terms[0])) {
    auto it = std::find_if(terms.begin(), terms.end(), [&](const ex& t) { return !sign_of(t); });
    if (it != terms.end()) std::rotate(terms.begin(), it, it + 1);
  }
  bool first = true;
  for (const ex& t : terms) {
    // canonical monomial c alpha^i beta^j gamma^k delta^l, printed by hand (GiNaC orders factors by hash)
    const std::vector<int> k = monomial_exponents(t);
    const ex cx = monomial_coefficient(t);
    numeric c = is_a<numeric>(cx) ? ex_to<numeric>(cx) : numeric(1);
    const bool negative = c < 0;
    if (negative) c = -c;
    os << (first ? (negative ? "-" : "") : (negative ? "-" : "+"));
    first = false;
    std::ostringstream body;
    const bool unit = total_degree(t) > 0 && c == 1;
    if (!unit) {
      if (latex && !c.is_integer()) body << "\\tfrac{" << c.numer() << "}{" << c.denom() << "}";
      else body << c;
    }
    for (std::size_t v = 0; v < k.size(); ++v) {
      if (k[v] == 0) continue;
      if (!body.str().empty()) body << (latex ? " " : "*");
      const std::string& n = parameter_symbols()[v].get_name();
      body << (latex ? "\\" + n : n);
      if (k[v] > 1) body << (latex ? "^{" + std::to_string(k[v]) + "}" : "^" + std::to_string(k[v]));
    }
    os << body.str();
  }
  return os.str();
}

numeric leading_coefficient(const ex& p) {
  const std::vector<ex> terms = polynomial_terms(p);
  // the first term in poly_text's order (graded, then by the powers of alpha, beta, gamma, delta in turn)
  const ex* lead = nullptr;
  for (const ex& t : terms)
    if (!lead || graded_before(t, *lead)) lead = &t;
  return ex_to<numeric>(monomial_coefficient(*lead));
}
ex primitive(const ex& p, bool& flipped) {
  ex e = GiNaC::expand(p);
  const numeric content = e.integer_content();
  if (!content.is_zero()) e = GiNaC::expand(e / content);
  flipped = leading_coefficient(e) < 0;
  return flipped ? GiNaC::expand(-e) : e;
}

std::string inequality::text() const {
  bool flipped = false;
  const ex p = primitive(expr, flipped);
  return poly_text(p, false) + (flipped ? " < 0" : " > 0");
}

std::string boundary::equation() const {
  bool flipped = false;
  const ex p = primitive(poly, flipped);
  std::string s = poly_text(p, false) + " = 0";
  for (const GiNaC::symbol& x : parameter_symbols()) {
    bool univariate = true;
    for (const GiNaC::symbol& other : parameter_symbols()) univariate = univariate && (other == x || p.degree(other) == 0);
    if (!univariate || p.degree(x) > 2) continue;
    if (p.degree(x) == 1) {
      const ex root = GiNaC::normal(-p.coeff(x, 0) / p.coeff(x, 1));
      std::ostringstream os;
      os << "  (" << x << " = " << root << ")";
      s += os.str();
    } else if (p.degree(x) == 2) {
      const ex a2 = p.coeff(x, 2), a1 = p.coeff(x, 1), a0 = p.coeff(x, 0);
      const ex disc = GiNaC::expand(a1 * a1 - 4 * a2 * a0);
      std::ostringstream os;
      os << "  (" << x << " = ";
      bool first = true;
      for (int sg : {-1, 1}) {
        // sqrt of an integer discriminant with its square factors pulled out: sqrt(8) -> 2 sqrt(2)
        ex root_disc = GiNaC::sqrt(disc);
        if (is_a<numeric>(disc) && ex_to<numeric>(disc).is_pos_integer()) {
          long m = ex_to<numeric>(disc).to_long(), outside = 1;
          for (long f = 2; f * f <= m; ++f)
            while (m % (f * f) == 0) { m /= f * f; outside *= f; }
          root_disc = outside * GiNaC::sqrt(ex(m));
        }
        const ex root = (-a1 + sg * root_disc) / (2 * a2);
        const double v = ex_to<numeric>(GiNaC::evalf(root)).to_double();
        if (v > 0 && v < 1.5) {
          os << (first ? "" : " or ") << GiNaC::normal(root) << " ~ " << v;
          first = false;
        }
      }
      os << ")";
      if (!first) s += os.str();
    }
  }
  return s;
}


std::string formula_text(const ex& e) {
  ex nd = GiNaC::numer_denom(GiNaC::normal(e));
  ex n = GiNaC::expand(nd.op(0)), d = GiNaC::expand(nd.op(1));
  // make the denominator's leading coefficient positive and clear a common numeric factor
  if (is_a<numeric>(d)) return poly_text(n / d, false);
  if (leading_coefficient(is_a<numeric>(n) ? d : n) < 0) { n = GiNaC::expand(-n); d = GiNaC::expand(-d); }
  const std::string ns = poly_text(n, false), ds = poly_text(d, false);
  const bool n_single = !is_a<GiNaC::add>(n);
  return (n_single ? ns : "(" + ns + ")") + "/(" + ds + ")";
}

std::string formula_latex(const ex& e) {
  ex nd = GiNaC::numer_denom(GiNaC::normal(e));
  ex n = GiNaC::expand(nd.op(0)), d = GiNaC::expand(nd.op(1));
  if (is_a<numeric>(d) && d == 1) return poly_text(n, true);
  if (leading_coefficient(is_a<numeric>(n) ? d : n) < 0) { n = GiNaC::expand(-n); d = GiNaC::expand(-d); }
  return "\\frac{" + poly_text(n, true) + "}{" + poly_text(d, true) + "}";
}

}  // namespace scalelaw::phases
