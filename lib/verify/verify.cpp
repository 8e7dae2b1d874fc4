#include "scalelaw/verify/verify.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "phases/arrangement.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/catalogue_check.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/spectral/enclosure.hpp"

namespace scalelaw::verify {

namespace {

using phases::alpha;
using phases::beta;
using phases::value_at;

using phases::point;

bool holds(const std::vector<GiNaC::ex>& conditions, const point& x) {
  for (const auto& c : conditions)
    if (!value_at(c, x).is_positive()) return false;
  return true;
}

const phases::phase* phase_at(const std::vector<phases::phase>& table, const point& x) {
  for (const auto& ph : table)
    for (const auto& c : ph.cells) {
      bool in = true;
      for (const auto& q : c.region) in = in && value_at(q.expr, x).is_positive();
      if (in) return &ph;
    }
  return nullptr;
}

const phases::monomial* term_at(const phases::catalogue& cat, const phases::term& t, const point& x) {
  for (const auto& reg : cat.regimes)
    if (holds(reg.conditions, x))
      for (const auto& m : reg.terms)
        if (m.t == t) return &m;
  return nullptr;
}

bool same(const GiNaC::ex& x, const GiNaC::ex& y) { return GiNaC::normal(x - y).is_zero(); }

std::string point_text(const phases::catalogue& cat, const point& x) {
  if (cat.parameters.size() == 1) return fmt::format("{} = {}", cat.parameters[0], to_string(x.at(0)));
  std::vector<std::string> values;
  for (std::size_t i = 0; i < cat.parameters.size(); ++i) values.push_back(to_string(x.at(i)));
  return fmt::format("({}) = ({})", fmt::join(cat.parameters, ", "), fmt::join(values, ", "));
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

symbolic_verdict check_symbolic(const claim& c, const phases::catalogue& cat, const std::vector<phases::phase>& table) {
  symbolic_verdict out;
  // the arrangement of the region's polynomials and the table's (exponent claims) or the regimes' (asymptotic claims):
  // each formula compared below is one rational function on each of its open cells
  std::vector<GiNaC::ex> exprs = c.region;
  const bool ppxp_domain = cat.parameters == std::vector<std::string>{"alpha", "beta"};
  if (ppxp_domain) exprs.push_back(alpha());  // the model needs alpha > 0 (MODEL §1)
  if (c.is_exponent()) {
    for (const auto& ph : table)
      for (const auto& cl : ph.cells)
        for (const auto& q : cl.region) exprs.push_back(q.expr);
  } else {
    for (const auto& reg : cat.regimes) exprs.insert(exprs.end(), reg.conditions.begin(), reg.conditions.end());
  }
  const auto samples =
      phases::open_cell_samples(phases::irreducible_factors(exprs), phases::parameter_symbols(cat.parameters.size()));
  std::vector<std::string> disagree, outside;
  for (const point& x : samples) {
    if (ppxp_domain && !(x[0] > 0)) continue;
    if (!holds(c.region, x)) continue;
    cell_met m{x, "", false};
    if (c.is_exponent()) {
      if (const auto* ph = phase_at(table, x)) {
        m.phase = ph->label;
        m.agrees = same(*c.xi, ph->xi) && same(*c.eta, ph->eta);
      }
    } else if (const auto* mono = term_at(cat, *c.term, x)) {
      // the regime's name stands for the phase; the sums are in r at fixed gamma, so the r-exponent is what is claimed
      for (const auto& reg : cat.regimes)
        if (holds(reg.conditions, x)) { m.phase = reg.name; break; }
      m.agrees = same(c.r_exponent, mono->r_exp);
    }
    if (m.phase.empty()) outside.push_back(point_text(cat, x));
    else {
      if (std::find(out.phases_met.begin(), out.phases_met.end(), m.phase) == out.phases_met.end()) out.phases_met.push_back(m.phase);
      if (!m.agrees) disagree.push_back(fmt::format("{} at {}", m.phase, point_text(cat, x)));
    }
    out.cells.push_back(m);
  }
  out.empty = out.cells.empty();
  out.passed = !out.empty && disagree.empty() && outside.empty();
  const char* what = c.is_exponent() ? "phase" : "regime";
  if (out.empty) out.why = "the region is empty (no open cell of it)";
  else if (!outside.empty())
    out.why = fmt::format("the region leaves the table ({} cell(s) in no {}, e.g. {})", outside.size(), what, outside.front());
  else if (!disagree.empty()) {
    out.why = fmt::format("{} in {} of {} cell(s), e.g. {}",
                          c.is_exponent() ? "the claimed formulas differ from the derived ones" : "the claimed r-exponent differs from the catalogue's",
                          disagree.size(), out.cells.size(), disagree.front());
    if (out.phases_met.size() > 1)
      out.why += fmt::format("; the region crosses a {} boundary (it meets {})", what, join(out.phases_met));
  }
  return out;
}

ratio_limit extrapolated_limit(const std::vector<double>& log_x, const std::vector<double>& ratio) {
  ratio_limit out;
  const std::size_t n = ratio.size();
  if (n == 0) return {NAN, NAN, NAN};
  // Aitken's delta^2 on each triple; a vanishing second difference means the sequence has settled to rounding
  std::vector<double> acc;
  for (std::size_t k = 2; k < n; ++k) {
    const double d1 = ratio[k] - ratio[k - 1], d0 = ratio[k - 1] - ratio[k - 2], den = d1 - d0;
    acc.push_back(std::abs(den) > 1e-15 * std::abs(ratio[k]) ? ratio[k] - d1 * d1 / den : ratio[k]);
  }
  if (acc.empty()) {
    out.value = ratio.back();
    out.error = n > 1 ? std::abs(ratio[n - 1] - ratio[n - 2]) : NAN;
  } else {
    out.value = acc.back();
    out.error = acc.size() > 1 ? std::abs(acc.back() - acc[acc.size() - 2]) : std::abs(ratio[n - 1] - ratio[n - 2]);
  }
  // rate: least squares of log|ratio - limit| on log x over the terms still above rounding (1e-13 relative)
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int m = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double dev = std::abs(ratio[k] - out.value);
    if (!(dev > 1e-13 * std::abs(out.value))) continue;
    const double y = std::log(dev);
    sx += log_x[k]; sy += y; sxx += log_x[k] * log_x[k]; sxy += log_x[k] * y; ++m;
  }
  out.rate = m >= 2 ? -(m * sxy - sx * sy) / (m * sxx - sx * sx) : NAN;
  return out;
}

namespace {

void measure_exponent_point(point_verdict& pv) {
  // the window is placed by the derived table's xi (deq_reach_window), never by the claim's: a wrong claim cannot move
  // the measurement, and a window placed badly leaves too few interior optima, which fails
  const auto cls = phases::classify(pv.a, pv.b);
  pv.phase = cls.ph->label;
  const double a = nearest_double(pv.a), b = nearest_double(pv.b), hint = nearest_double(cls.xi);
  const auto& fr = deq_frontier_cached(a, b, false, hint);
  pv.frontier = judge_frontier(pv.expected_xi, pv.expected_eta, fr, deq_continuation_cached(a, b, hint));
  pv.measured = !std::isnan(pv.frontier.xi) && !std::isnan(pv.frontier.eta);
  pv.passed = pv.frontier.passed() && cell_reached(pv.frontier, pv.phase);
  if (!pv.passed)
    pv.why = pv.frontier.passed() ? "the measured frontier is not within reach of the claimed cell: " + reach_text(pv.phase)
                                  : pv.frontier.kind();
}

double log_value(const enclosure& e) {
  if (!(e.mid > 0) || e.rad * 1000 > e.mid) throw std::runtime_error("the sum is not enclosed to 3 digits");
  return static_cast<double>(log(e.mid));
}

void measure_asymptotic_point(const claim& c, point_verdict& pv) {
  GiNaC::exmap at{{alpha(), phases::to_numeric(pv.a)}, {beta(), phases::to_numeric(pv.b)}, {gamma_symbol(), phases::to_numeric(c.gamma)},
                  {batch_symbol(), phases::to_numeric(c.batch)}};
  const GiNaC::ex fv = GiNaC::evalf(c.form.subs(at));
  if (!GiNaC::is_a<GiNaC::numeric>(fv) || !GiNaC::ex_to<GiNaC::numeric>(fv).is_real() || !GiNaC::ex_to<GiNaC::numeric>(fv).is_positive()) {
    pv.why = "the form is not a positive number there";
    return;
  }
  const double log_form = std::log(GiNaC::ex_to<GiNaC::numeric>(fv).to_double());
  exact_sum_params p;
  p.alpha = pv.a; p.beta = pv.b; p.gamma = c.gamma; p.batch = c.batch;  // v = inf: the d-free sums (MODEL §4)
  std::vector<double> log_r;
  // r = 10^4 .. 10^12: the corrections are O(1/r) (asymptotics/leading.hpp: c1/r, c2/r^2), so 9 decades show the rate
  for (int k = 4; k <= 12; ++k) {
    mpz_class ten_k;
    mpz_ui_pow_ui(ten_k.get_mpz_t(), 10, static_cast<unsigned long>(k));
    p.r = rational(ten_k);
    constexpr unsigned digits = 20;  // the ratios need ~1e-13; 20 digits leave the enclosure's radius far below that
    const enclosure e = *c.term == phases::term::Fpp ? fpp_enclosure(p, digits) : kpp_enclosure(p, digits);
    const double lr = k * std::log(10.0);
    pv.r.push_back(std::pow(10.0, k));
    log_r.push_back(lr);
    pv.ratio.push_back(std::exp(log_value(e) - log_form - pv.expected_exponent * lr));
  }
  const ratio_limit L = extrapolated_limit(log_r, pv.ratio);
  pv.limit = L.value;
  pv.limit_error = L.error;
  pv.rate = L.rate;
  pv.measured = L.error <= 0.005;
  // 3 estimated errors, at least 1e-6 (the sums are enclosed to 20 digits and the ratio formed in double, 1e-15; the
  // O(1/r) corrections are extrapolated away to ~1e-12 at a true form); at most 0.01 as for every measured exponent
  pv.tolerance = std::min(0.01, std::max(3 * L.error, 1e-6));
  pv.passed = pv.measured && std::abs(L.value - 1) <= pv.tolerance;
  if (!pv.measured) pv.why = fmt::format("the ratio has not converged by r = 1e12 (extrapolation error {:.2g})", L.error);
  else if (!pv.passed) pv.why = fmt::format("sum / form tends to {:.8g}, not 1 (tolerance {:.2g})", L.value, pv.tolerance);
}

}  // namespace

std::vector<claim_verdict> verify_claims(const claims& cs, const verify_options& o) {
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  const std::vector<phases::phase> table = phases::derive_phases(cs.cat);
  // the measurements are of the PPXP model: a catalogue in its parameters and compute (the model's own, or a variant
  // of its catalogue) can be judged against them; another model's cannot
  const bool measurable = cs.cat.parameters == std::vector<std::string>{"alpha", "beta"} && cs.cat.compute_d == 1 && cs.cat.compute_r == 1;
  std::vector<claim_verdict> out;
  for (const claim& c : cs.list) {
    claim_verdict v;
    v.c = &c;
    v.symbolic = check_symbolic(c, cs.cat, table);
    v.numeric_run = measurable && !v.symbolic.empty;
    if (v.numeric_run) {
      // the points: away from the region's walls and, when it lies in one phase described by one conjunction, that phase's
      phases::regime reg{c.name, c.region, {}};
      if (c.is_exponent() && v.symbolic.phases_met.size() == 1)
        for (const auto& ph : table)
          if (ph.label == v.symbolic.phases_met[0] && ph.region.size() == 1)
            for (const auto& q : ph.region[0]) reg.conditions.push_back(q.expr);
      for (const auto& [a, b] : phases::regime_sample_points(reg, o.points)) {
        point_verdict pv;
        pv.a = a;
        pv.b = b;
        // the claim at the point, exactly (before any measurement: an unmeasured point still shows what was claimed)
        if (c.is_exponent()) {
          pv.expected_xi = value_at(*c.xi, a, b).to_double();
          pv.expected_eta = value_at(*c.eta, a, b).to_double();
        } else {
          pv.expected_exponent = value_at(c.r_exponent, a, b).to_double();
        }
        if (o.budget_seconds > 0 && elapsed() > o.budget_seconds) {
          pv.why = fmt::format("not measured: the budget of {} s was used up", o.budget_seconds);
          v.points.push_back(pv);
          continue;
        }
        if (o.progress) o.progress(fmt::format("claim '{}': measuring at {} ({:.0f} s so far)", c.name, point_text(cs.cat, point{a, b}), elapsed()));
        try {
          if (c.is_exponent()) measure_exponent_point(pv);
          else measure_asymptotic_point(c, pv);
        } catch (const std::exception& e) {
          pv.passed = false;
          pv.why = std::string("not measured: ") + e.what();
        }
        v.points.push_back(pv);
      }
    }
    const std::size_t failed = std::count_if(v.points.begin(), v.points.end(), [](const point_verdict& p) { return !p.passed; });
    v.passed = v.symbolic.passed && (!v.numeric_run || (!v.points.empty() && failed == 0));
    if (!v.symbolic.passed) v.why = v.symbolic.why;
    if (v.numeric_run && v.points.empty()) v.why += (v.why.empty() ? "" : "; ") + std::string("no sample point in the measurable box");
    else if (failed)
      v.why += (v.why.empty() ? "" : "; ") + fmt::format("{} of {} points fail: {}", failed, v.points.size(),
                                                          std::find_if(v.points.begin(), v.points.end(), [](const point_verdict& p) { return !p.passed; })->why);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace scalelaw::verify
