#include "scalelaw/phases/derive.hpp"
#include "scalelaw/numeric/exact.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>
#include <sstream>
#include <fmt/format.h>

#include "phases/arrangement.hpp"
#include "phases/polynomial.hpp"
#include "scalelaw/model/validate.hpp"

namespace scalelaw::phases {

using GiNaC::ex;
using GiNaC::ex_to;
using GiNaC::is_a;
using GiNaC::numeric;

namespace {

// A polynomial in the parameters with exact coefficients, evaluated in GMP (fast: the sign tables
// below evaluate every condition at every sample of the arrangement).
struct poly_n {
  std::vector<std::pair<std::vector<int>, rational>> terms;  // exponents of parameter_symbols() in order, coefficient
  explicit poly_n(const ex& p) {
    for (const ex& t : polynomial_terms(p)) {
      std::vector<int> k = monomial_exponents(t);
      const ex c = monomial_coefficient(t);
      while (!k.empty() && k.back() == 0) k.pop_back();
      if (!is_a<numeric>(c)) throw std::logic_error("poly_n: not a polynomial in the parameters");
      terms.emplace_back(std::move(k), to_rational(ex_to<numeric>(c)));
    }
  }
  rational operator()(const point& x) const {
    rational s = 0;
    for (const auto& [k, c] : terms) {
      if (k.size() > x.size()) throw std::logic_error("poly_n: a parameter without a coordinate");
      rational t = c;
      for (std::size_t i = 0; i < k.size(); ++i)
        for (int j = 0; j < k[i]; ++j) t *= x[i];
      s += t;
    }
    return s;
  }
};

using sample = point;

// The exact sign of a rational function of the parameters (0 on its zero set or at a pole).
struct exact_sign {
  poly_n num, den;
  explicit exact_sign(const ex& e) : exact_sign(GiNaC::numer_denom(GiNaC::normal(e)), 0) {}
  int operator()(const sample& p) const { return sgn(num(p)) * sgn(den(p)); }

 private:
  exact_sign(const ex& nd, int) : num(nd.op(0)), den(nd.op(1)) {}
};


// Polynomial factors of e (numerator and denominator), with multiplicities folded to parity.
std::vector<ex> odd_factors(const ex& e) {
  std::vector<ex> out;
  for (const auto& [base, power] : factor_powers(e))
    if (power % 2 != 0) out.push_back(base);
  return out;
}

// Simplifies "e > 0" within a regime, given the arrangement's samples in it (one in every open
// cell, so a sign constant on them is constant on the regime): factors of constant sign are dropped
// (their sign folded in); what remains is the boundary. Returns nullopt when e > 0 holds on the
// whole regime (redundant), and sets `never` when it holds nowhere in it.
std::optional<ex> simplify_condition(const ex& e, const std::vector<sample>& pts, bool& never) {
  never = false;
  const exact_sign sign_e(e);
  unsigned pos = 0, neg = 0;
  for (const auto& p : pts) (sign_e(p) > 0 ? pos : neg)++;
  if (neg == 0) return std::nullopt;
  if (pos == 0) { never = true; return std::nullopt; }
  ex kept = 1;
  for (const ex& f : odd_factors(e)) {
    const exact_sign sign_f(f);
    unsigned fp = 0, fn = 0;
    for (const auto& p : pts) (sign_f(p) > 0 ? fp : fn)++;
    if (fp > 0 && fn > 0) kept = kept * f;
  }
  // orient so that kept > 0 where e > 0 (they agree or disagree on every sample: the dropped factors have one sign)
  const exact_sign sign_kept(kept);
  if (sign_kept(pts.front()) != sign_e(pts.front())) kept = -kept;
  return GiNaC::expand(kept);
}

}  // namespace

std::vector<boundary> derived_boundaries(const std::vector<phase>& phases) {
  std::vector<boundary> out;
  for (const auto& ph : phases)
    for (const auto& conj : ph.region)
      for (const auto& q : conj) {
        bool flipped = false;
        const ex p = primitive(q.expr, flipped);
        bool dup = false;
        for (auto& b : out) dup = dup || (b.poly - p).expand().is_zero();
        if (!dup) out.push_back({p});
      }
  return out;
}


double evaluate(const ex& e, const std::vector<double>& x) {
  if (is_a<numeric>(e)) return ex_to<numeric>(e).to_double();
  if (is_a<GiNaC::symbol>(e)) {
    const auto& syms = parameter_symbols();
    for (std::size_t i = 0; i < syms.size() && i < x.size(); ++i)
      if (e == syms[i]) return x[i];
    throw std::runtime_error("evaluate: a symbol without a value");
  }
  if (is_a<GiNaC::add>(e)) { double s = 0; for (std::size_t i = 0; i < e.nops(); ++i) s += evaluate(e.op(i), x); return s; }
  if (is_a<GiNaC::mul>(e)) { double s = 1; for (std::size_t i = 0; i < e.nops(); ++i) s *= evaluate(e.op(i), x); return s; }
  if (is_a<GiNaC::power>(e)) return std::pow(evaluate(e.op(0), x), evaluate(e.op(1), x));
  throw std::runtime_error("evaluate: unsupported expression");
}

double evaluate(const ex& e, double a, double b) { return evaluate(e, std::vector<double>{a, b}); }

const std::vector<reference_point>& reference_points() {
  static const std::vector<reference_point> pts{
      {"Ia", rational(1), rational(3, 10)},     {"Ib", rational(2, 5), rational(3, 10)},
      {"Ic", rational(3, 20), rational(4, 5)},  {"II", rational(6, 5), rational(4, 5)},
      {"III", rational(7, 10), rational(1)},    {"IVa", rational(27, 100), rational(1)},
      {"IVb", rational(2, 5), rational(1)}};
  return pts;
}

namespace {

bool cell_contains(const cell& c, const point& x) {
  for (const auto& q : c.region)
    if (!(value_at(q.expr, x) > 0)) return false;
  return true;
}

// A candidate cell before its region is simplified: the crossing pair, the terms whose rate is one of theirs (the same
// monomial: they are dominant with them, MODEL §4), and every condition.
struct candidate {
  const regime* reg;
  std::size_t s, t;
  std::vector<std::size_t> tied;
  ex xi, eta;
  std::vector<ex> conditions;
};

// f = d^cd r^cr, d = f^xi, r = f^{(1 - cd xi)/cr}: a term d^p r^q decays as f^{-(A + B xi)} with A = -q/cr,
// B = -p + q cd/cr (cd = cr = 1: A = -q, B = q - p), and 0 < xi < 1/cd keeps both d and r growing (MODEL §4).
std::vector<candidate> candidates(const std::vector<regime>& regs, const rational& cd_q, const rational& cr_q) {
  std::vector<candidate> out;
  const ex cd = to_numeric(cd_q), cr = to_numeric(cr_q);
  for (const regime& reg : regs) {
    const std::size_t n = reg.terms.size();
    std::vector<ex> A(n), B(n);
    for (std::size_t i = 0; i < n; ++i) {
      A[i] = GiNaC::normal(-reg.terms[i].r_exp / cr);
      B[i] = GiNaC::normal(-reg.terms[i].d_exp + reg.terms[i].r_exp * cd / cr);
    }
    // terms with the same rate as an earlier one are that one's (they never cross it)
    std::vector<std::size_t> rep(n);
    for (std::size_t i = 0; i < n; ++i) {
      rep[i] = i;
      for (std::size_t j = 0; j < i && rep[i] == i; ++j)
        if (GiNaC::normal(A[i] - A[j]).is_zero() && GiNaC::normal(B[i] - B[j]).is_zero()) rep[i] = rep[j];
    }
    for (std::size_t s = 0; s < n; ++s)
      for (std::size_t t = s + 1; t < n; ++t) {
        if (rep[s] != s || rep[t] != t) continue;
        const ex denom = GiNaC::normal(B[s] - B[t]);
        if (denom.is_zero()) continue;  // parallel rates never cross
        candidate c{&reg, s, t, {}, GiNaC::normal((A[t] - A[s]) / denom), 0, {}};
        c.eta = GiNaC::normal(A[s] + B[s] * c.xi);
        c.conditions = {c.xi, 1 - cd * c.xi, -B[s] * B[t]};  // 0 < xi < 1/cd, one rate increasing and the other decreasing
        for (std::size_t u = 0; u < n; ++u) {
          if (u == s || u == t) continue;
          if (rep[u] == s || rep[u] == t) c.tied.push_back(u);
          else c.conditions.push_back(A[u] + B[u] * c.xi - c.eta);  // every other term decays faster
        }
        out.push_back(std::move(c));
      }
  }
  return out;
}

using sample_set = std::vector<bool>;  // which of the arrangement's samples a set holds

sample_set holds(const std::vector<ex>& conjunction, const std::vector<sample>& pts) {
  std::vector<exact_sign> signs;
  for (const ex& q : conjunction) signs.emplace_back(q);
  sample_set in(pts.size(), true);
  for (std::size_t k = 0; k < pts.size(); ++k)
    for (const auto& sg : signs)
      if (sg(pts[k]) <= 0) { in[k] = false; break; }
  return in;
}

// Drops, last first, every inequality whose removal leaves the same samples (so the same open set):
// a minimal conjunction for `target`.
std::vector<ex> minimal_conjunction(std::vector<ex> literals, const sample_set& target, const std::vector<sample>& pts) {
  for (std::size_t k = literals.size(); k-- > 0;) {
    std::vector<ex> without = literals;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(k));
    if (holds(without, pts) == target) literals = std::move(without);
  }
  return literals;
}

// The phase's region as one conjunction of boundary inequalities when one describes it exactly (on
// every open cell of the arrangement), else the union of its cells, each minimal.
std::vector<std::vector<inequality>> phase_region(const phase& ph, const std::vector<ex>& boundary_polys,
                                                  const std::vector<sample>& pts) {
  sample_set in(pts.size(), false);
  for (const auto& c : ph.cells) {
    std::vector<ex> conj;
    for (const auto& q : c.region) conj.push_back(q.expr);
    const sample_set cell_in = holds(conj, pts);
    for (std::size_t k = 0; k < pts.size(); ++k) in[k] = in[k] || cell_in[k];
  }
  // every boundary polynomial with one sign on the phase, simplest last (so that it is kept)
  std::vector<ex> literals;
  for (const ex& p : boundary_polys) {
    const exact_sign sg(p);
    int sign = 0;
    bool constant = true;
    for (std::size_t k = 0; k < pts.size() && constant; ++k)
      if (in[k]) {
        const int sk = sg(pts[k]);
        constant = sign == 0 || sk == sign;
        sign = sk;
      }
    if (constant && sign != 0) literals.push_back(sign > 0 ? p : ex(GiNaC::expand(-p)));
  }
  std::vector<std::vector<inequality>> out;
  if (holds(literals, pts) == in) {
    std::vector<inequality> conj;
    for (const ex& q : minimal_conjunction(literals, in, pts)) conj.push_back({q});
    out.push_back(conj);
    return out;
  }
  for (const auto& c : ph.cells) {
    std::vector<ex> conj;
    for (const auto& q : c.region) conj.push_back(q.expr);
    std::vector<inequality> simplified;
    for (const ex& q : minimal_conjunction(conj, holds(conj, pts), pts)) simplified.push_back({q});
    out.push_back(simplified);
  }
  return out;
}

}  // namespace

std::vector<phase> derive_phases(const std::vector<regime>& regs, const derivation_options& opt) {
  const std::vector<candidate> cands = candidates(regs, opt.compute_d, opt.compute_r);
  // Exact decisions need a sample in every open cell of the arrangement of the polynomials they involve, and for PPXP
  // alpha = 0 (the model needs alpha > 0). One arrangement per candidate (its regime's conditions and its own), then one
  // per phase (the boundaries of its own cells): in 3 or 4 parameters one arrangement of every condition at once is
  // far too large (its projection grows doubly exponentially with the number of polynomials; docs/NOTES.md).
  const std::vector<GiNaC::symbol> vars = parameter_symbols(opt.parameters);
  auto samples_of = [&](std::vector<ex> polys) {
    if (opt.ppxp) polys.push_back(alpha());
    std::vector<sample> out;
    for (sample& p : open_cell_samples(polys, vars))
      if (!opt.ppxp || p[0] > 0) out.push_back(std::move(p));
    return out;
  };

  std::vector<phase> phases;
  for (const candidate& cand : cands) {
    const regime& reg = *cand.reg;
    std::vector<ex> polys = reg.conditions;
    polys.insert(polys.end(), cand.conditions.begin(), cand.conditions.end());
    const std::vector<sample> pts = samples_of(polys);
    std::vector<sample> reg_pts;
    const sample_set in_regime = holds(reg.conditions, pts);
    for (std::size_t k = 0; k < pts.size(); ++k)
      if (in_regime[k]) reg_pts.push_back(pts[k]);
    if (reg_pts.empty()) continue;
    cell c;
    c.regime = reg.name;
    c.first = reg.terms[cand.s].t;
    c.second = reg.terms[cand.t].t;
    for (const std::size_t u : cand.tied) c.tied.push_back(reg.terms[u].t);
    c.xi = cand.xi;
    c.eta = cand.eta;
    bool empty = false;
    for (const ex& k : cand.conditions) {
      bool never = false;
      auto simp = simplify_condition(k, reg_pts, never);
      if (never) { empty = true; break; }
      if (simp) {
        bool dup = false;
        for (auto& q : c.region) dup = dup || (q.expr - *simp).expand().is_zero();
        if (!dup) c.region.push_back({*simp});
      }
    }
    if (empty) continue;
    // the regime's own conditions explicitly, then the candidate's
    std::vector<inequality> full;
    for (const ex& k : reg.conditions) full.push_back({GiNaC::expand(k)});
    for (auto& q : c.region) {
      bool dup = false;
      for (auto& f : full) dup = dup || (f.expr - q.expr).expand().is_zero();
      if (!dup) full.push_back(q);
    }
    c.region = full;
    // empty when no open cell of the arrangement is in it (each condition alone held somewhere, not all at once)
    std::vector<ex> conj;
    for (const auto& q : c.region) conj.push_back(q.expr);
    const sample_set in_cell = holds(conj, pts);
    if (std::find(in_cell.begin(), in_cell.end(), true) == in_cell.end()) continue;
    // merge into a phase with the same formulas and the same dominant pair
    std::vector<term> dominant{c.first, c.second};
    dominant.insert(dominant.end(), c.tied.begin(), c.tied.end());
    phase* target = nullptr;
    for (auto& ph : phases)
      if ((ph.xi - c.xi).normal().is_zero() && (ph.eta - c.eta).normal().is_zero() && ph.dominant == dominant)
        target = &ph;
    if (!target) {
      phases.push_back({"", dominant, c.xi, c.eta, {}, {}, {}});
      target = &phases.back();
    }
    target->cells.push_back(c);
  }
  // the boundary polynomials a region may use: the factors of the cells' inequalities, regimes' first
  std::vector<ex> cell_ineqs;
  for (const auto& ph : phases)
    for (const auto& c : ph.cells)
      for (const auto& q : c.region) cell_ineqs.push_back(q.expr);
  std::vector<ex> boundary_polys;
  for (const ex& f : irreducible_factors(cell_ineqs)) {
    bool flipped = false;
    boundary_polys.push_back(primitive(f, flipped));
  }
  // each phase's region from the boundaries its own cells are cut by (in boundary_polys' order), on the arrangement of
  // those alone
  for (auto& ph : phases) {
    std::vector<ex> own;
    for (const auto& c : ph.cells)
      for (const auto& q : c.region) own.push_back(q.expr);
    const std::vector<ex> own_factors = irreducible_factors(own);
    std::vector<ex> polys;
    for (const ex& p : boundary_polys)
      for (const ex& f : own_factors)
        if (GiNaC::expand(p - f).is_zero() || GiNaC::expand(p + f).is_zero()) { polys.push_back(p); break; }
    ph.region = phase_region(ph, polys, samples_of(polys));
  }
  if (!opt.ppxp) {  // no reference points: P1, P2, ... in the order the derivation meets them (regimes, then pairs),
                    // or the name of the catalogue's [[phase]] point inside (several: joined by +)
    for (std::size_t i = 0; i < phases.size(); ++i) {
      auto& ph = phases[i];
      for (const auto& n : opt.names)
        for (const auto& c : ph.cells)
          if (cell_contains(c, n.point)) { ph.reference_points.push_back(n.name); break; }
      ph.label.clear();
      for (auto& l : ph.reference_points) ph.label += (ph.label.empty() ? "" : "+") + l;
      if (ph.label.empty()) ph.label = "P" + std::to_string(i + 1);
    }
    return phases;
  }
  unsigned unnamed = 0;
  for (auto& ph : phases) {
    for (const auto& rp : reference_points())
      for (const auto& c : ph.cells)
        if (cell_contains(c, point{rp.alpha, rp.beta})) { ph.reference_points.push_back(rp.label); break; }
    if (ph.reference_points.size() == 1) ph.label = ph.reference_points[0];
    else if (ph.reference_points.empty()) ph.label = "unnamed-" + std::to_string(++unnamed);
    else {
      ph.label.clear();
      for (auto& l : ph.reference_points) ph.label += (ph.label.empty() ? "" : "+") + l;
    }
  }
  // the paper's order, which is the reference points' (Ia, Ib, Ic, II, III, IVa, IVb); unnamed findings last
  auto rank = [](const phase& p) {
    const auto& rps = reference_points();
    for (std::size_t i = 0; i < rps.size(); ++i)
      if (p.label == rps[i].label) return i;
    return rps.size();
  };
  std::stable_sort(phases.begin(), phases.end(),
                   [&](const phase& x, const phase& y) { return rank(x) != rank(y) ? rank(x) < rank(y) : x.label < y.label; });
  return phases;
}

std::vector<boundary> derived_boundaries() { return derived_boundaries(derived_phases()); }

derivation_options derivation_options::of(const catalogue& c) {
  derivation_options o;
  o.compute_d = c.compute_d;
  o.compute_r = c.compute_r;
  o.ppxp = c.parameters == std::vector<std::string>{"alpha", "beta"} && c.compute_d == 1 && c.compute_r == 1 &&
           c.phase_names.empty();
  o.names = c.phase_names;
  o.parameters = c.parameters.size();
  return o;
}

std::vector<phase> derive_phases(const catalogue& c) { return derive_phases(c.regimes, derivation_options::of(c)); }

const std::vector<phase>& derived_phases() {
  static std::once_flag once;
  static std::vector<phase> cache;
  std::call_once(once, [] { cache = derive_phases(regimes()); });
  return cache;
}

rational parse_rational(const std::string& name, const std::string& text) { return parse_exact(name, text); }

classification classify(const rational& a, const rational& b, double near) {
  if (!(a > 0)) throw invalid_input(fmt::format("alpha = {} is out of range: must be > 0", to_string(a)));
  if (!(2 * a + 2 * b > 1))
    throw invalid_input(fmt::format("(alpha, beta) = ({}, {}) is in the region with no learning: need 2 alpha + 2 beta > 1",
                                    shortest(nearest_double(a)), shortest(nearest_double(b))));
  classification out;
  for (const auto& ph : derived_phases())
    for (const auto& c : ph.cells)
      if (!out.ph && cell_contains(c, point{a, b})) {
        out.ph = &ph;
        out.in_cell = &c;
      }
  if (!out.ph) {
    // between two cells of one phase (Ib at alpha = 1/4: its region is one clause), or on a boundary between phases:
    // the cell is the neighbouring one just off the point (the formulas of a phase are the same in all its cells;
    // eta agrees across a boundary)
    const phase* strictly_in = nullptr;
    for (const auto& ph : derived_phases())
      for (const auto& conj : ph.region) {
        bool in = true;
        for (const auto& q : conj) in = in && value_at(q.expr, a, b) > 0;
        if (in) strictly_in = &ph;
      }
    for (const rational& da : {rational(1, 1000000), rational(-1, 1000000)})
      for (const rational& db : {rational(1, 1000000), rational(-1, 1000000)})
        for (const auto& ph : derived_phases())
          for (const auto& c : ph.cells)
            if (!out.ph && (!strictly_in || strictly_in == &ph) && cell_contains(c, point{a + da, b + db})) {
              out.ph = &ph;
              out.in_cell = &c;
            }
    if (!out.ph) throw std::runtime_error("classify: no phase contains the point");
  }
  out.xi = to_rational(value_at(out.ph->xi, a, b));
  out.eta = to_rational(value_at(out.ph->eta, a, b));
  const double ad = nearest_double(a), bd = nearest_double(b);
  // the phase whose cell holds a point (none outside the learnable region, or on a cell's wall)
  auto phase_at = [](const rational& pa, const rational& pb) -> const phase* {
    if (!(pa > 0) || !(2 * pa + 2 * pb > 1)) return nullptr;
    for (const auto& ph : derived_phases())
      for (const auto& c : ph.cells)
        if (cell_contains(c, point{pa, pb})) return &ph;
    return nullptr;
  };
  auto value_text = [&](const ex& e) { return to_string(to_rational(value_at(e, a, b))); };
  auto add_unique = [](std::vector<const phase*>& v, const phase* ph) {
    if (std::find(v.begin(), v.end(), ph) == v.end()) v.push_back(ph);
  };
  auto join = [](const auto& items, const char* sep, const auto& text) {
    std::string t;
    for (const auto& x : items) t += (t.empty() ? "" : sep) + text(x);
    return t;
  };
  auto xi_values = [&](const std::vector<const phase*>& phs) {
    return join(phs, ", ", [&](const phase* ph) { return fmt::format("{} in {}", value_text(ph->xi), ph->label); });
  };
  // One note per boundary within `near`, in words: which phase lies across it, and what xi and eta are on each side;
  // where several boundaries meet at the point, one note for the junction and the phases around it.
  const std::vector<boundary> boundaries = derived_boundaries();
  std::vector<bool> on(boundaries.size());
  std::vector<std::string> through;
  for (std::size_t i = 0; i < boundaries.size(); ++i)
    if ((on[i] = value_at(boundaries[i].poly, a, b).is_zero())) through.push_back(poly_text(boundaries[i].poly, false) + " = 0");
  // a ring of points at 1e-6 around a point on a boundary, off every axis (where several boundaries cross, a step along
  // one normal would stay on another curve)
  std::vector<std::pair<rational, rational>> ring;
  for (int k = 0; k < 16 && !through.empty(); ++k) {
    const double th = 2 * M_PI * k / 16 + 0.05;
    ring.emplace_back(exact_of(ad + 1e-6 * std::cos(th)), exact_of(bd + 1e-6 * std::sin(th)));
  }
  if (through.size() >= 2) {
    std::vector<const phase*> around;
    bool edge = false;
    for (const auto& [sa, sb] : ring) {
      const phase* ph = phase_at(sa, sb);
      if (!ph) edge = edge || !(2 * sa + 2 * sb > 1);
      else add_unique(around, ph);
    }
    out.near_boundaries.push_back(fmt::format(
        "where the boundaries {} meet: phases around the point: xi = {}; eta = {} in all of them{}",
        join(through, ", ", [](const std::string& s) { return s; }), xi_values(around), value_text(out.ph->eta),
        edge ? "; beyond, no learning" : ""));
  }
  for (std::size_t i = 0; i < boundaries.size(); ++i) {
    const ex& p = boundaries[i].poly;
    const double v = evaluate(p, ad, bd);
    // distance to the curve p = 0 ~ |p| / |grad p|
    const double h = 1e-6;
    const double gx = (evaluate(p, ad + h, bd) - v) / h;
    const double gy = (evaluate(p, ad, bd + h) - v) / h;
    const double norm = std::max(1e-12, std::hypot(gx, gy));
    const double dist = std::abs(v) / norm;
    if (!(dist < near)) continue;
    const std::string eq = poly_text(p, false) + " = 0";
    if (on[i] && through.size() >= 2) continue;  // said in the junction's note
    if (on[i]) {  // the phases on each side of the curve, from the ring
      std::vector<const phase*> side[2];
      bool nothing[2] = {false, false};
      for (const auto& [sa, sb] : ring) {
        const numeric sv = value_at(p, sa, sb);
        if (sv.is_zero()) continue;
        const int which = sv.is_positive() ? 1 : 0;
        const phase* ph = phase_at(sa, sb);
        if (!ph) nothing[which] = !(2 * sa + 2 * sb > 1) || nothing[which];
        else add_unique(side[which], ph);
      }
      auto names = [&](const std::vector<const phase*>& v) { return join(v, " and ", [](const phase* ph) { return ph->label; }); };
      if (nothing[0] || nothing[1] || side[0].empty() || side[1].empty()) {
        out.near_boundaries.push_back(fmt::format("on the boundary {}: beyond it there is no learning", eq));
      } else if (side[0] == side[1] && side[0].size() == 1) {
        out.near_boundaries.push_back(
            fmt::format("on the line {}, inside phase {}: its formulas hold on both sides", eq, side[0].front()->label));
      } else {
        std::vector<const phase*> all = side[0];
        for (const phase* ph : side[1]) add_unique(all, ph);
        out.near_boundaries.push_back(fmt::format("on the boundary {} between phases {} (one side) and {} (the other): xi = "
                                                  "{}; eta = {} on every side",
                                                  eq, names(side[0]), names(side[1]), xi_values(all), value_text(out.ph->eta)));
      }
      continue;
    }
    // a point just across the curve, along its normal, from the point's side
    const double t = (v > 0 ? -1.0 : 1.0) * (dist + std::min(near, 1e-3));
    const phase* other = phase_at(exact_of(ad + t * gx / norm), exact_of(bd + t * gy / norm));
    const std::string where = fmt::format("near the boundary {} (at distance {:.2g})", eq, dist);
    if (!other)
      out.near_boundaries.push_back(where + ": beyond it there is no learning");
    else if (other == out.ph)
      out.near_boundaries.push_back(fmt::format("{}, a line inside phase {}: its formulas hold across it", where, other->label));
    else
      out.near_boundaries.push_back(fmt::format("{}: across it lies phase {} (xi = {}, eta = {} there)", where, other->label,
                                                formula_text(other->xi), formula_text(other->eta)));
  }
  return out;
}

}  // namespace scalelaw::phases
