// Checks of the phase table and the measured frontiers against it (MODEL §4; issue 18, lib/frontier/verdict.hpp).
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "check_list.hpp"
#include "scalelaw/frontier/frontier.hpp"
#include "scalelaw/frontier/verdict.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/derive.hpp"

namespace scalelaw::checks {

result phase_table_brute_force(bool quick) {
  std::mt19937_64 gen(5);
  std::uniform_int_distribution<int> U(1, 1600);
  double worst = 0;
  const auto regs = phases::regimes();
  int n = quick ? 200 : 1000;
  for (int t = 0; t < n;) {
    const rational a(U(gen), 1000), b(U(gen), 1000);
    if (!(2 * a + 2 * b > 1)) continue;
    ++t;
    const auto c = phases::classify(a, b);
    const double ad = nearest_double(a), bd = nearest_double(b);
    const phases::regime* reg = nullptr;
    for (const auto& r : regs) {
      bool in = true;
      for (const auto& k : r.conditions) in = in && phases::evaluate(k, ad, bd) >= 0;
      if (in) reg = &r;
    }
    std::vector<std::pair<double, double>> pq;
    for (const auto& tm : reg->terms) pq.emplace_back(phases::evaluate(tm.d_exp, ad, bd), phases::evaluate(tm.r_exp, ad, bd));
    double best = -1e300;
    for (int i = 0; i <= 200000; ++i) {  // dense grid in xi, then the exact answer must not be beaten
      const double xi = i / 200000.0;
      double m = 1e300;
      for (const auto& [p, q] : pq) m = std::min(m, -(p * xi + q * (1 - xi)));
      best = std::max(best, m);
    }
    worst = std::max(worst, best - nearest_double(c.eta));
  }
  return with_numbers({worst <= 1e-9 && worst >= -5e-5, fmt::format("max (dense max-min) - eta_exact over {} points = {}", n, g(worst)),
                       "<= 0 (exact is the maximum)", "1e-9 above; grid resolution 5e-6 x slope below",
                       "a dense grid can only under-estimate a maximum"},
                      {{"max_excess", worst}}, {{"max_excess", 0}}, {{"max_excess", 1e-9}});
}

namespace {

const phases::classification classify_decimal(double a, double b) {
  return phases::classify(phases::parse_rational("alpha", fmt::format("{}", a)), phases::parse_rational("beta", fmt::format("{}", b)));
}

// The verdict for the cell and for the four cells moved by 0.02 in xi or in eta, on the same data: the check passes only
// if the cell passes and every moved cell fails (issue 18: a verdict a wrong cell fails, shown on every run).
struct judged {
  frontier_verdict v;
  std::vector<frontier_verdict> moved;
  bool discriminates = true;
  bool passed() const { return v.passed() && discriminates; }
  std::string moved_text() const {
    std::string s;
    for (const auto& m : moved) s += fmt::format(" ({:+.2f}, {:+.2f}): {};", m.xi_cell - v.xi_cell, m.eta_cell - v.eta_cell, m.passed() ? "PASSES" : "fails");
    return "cells moved by 0.02:" + s;
  }
};

judged judge_with_negations(double xc, double ec, const frontier_result& fr, const model_continuation& m) {
  judged j;
  j.v = judge_frontier(xc, ec, fr, m);
  for (const auto& [dx, de] : {std::pair{0.02, 0.0}, std::pair{-0.02, 0.0}, std::pair{0.0, 0.02}, std::pair{0.0, -0.02}}) {
    j.moved.push_back(judge_frontier(xc + dx, ec + de, fr, m));
    j.discriminates = j.discriminates && !j.moved.back().passed();
  }
  return j;
}

// What the moved cells show, and what they do not (issue 35).
constexpr const char* moved_cells_note =
    "the moved cells fail the 0.002 limit by arithmetic once the model's limit is within 2e-4 of the cell: they show the "
    "verdict's resolution, not that a wrong premise would be caught; test_catalogue_mutations moves the catalogue itself "
    "(76 exponents by 1/20)";

nlohmann::json verdict_numbers(const frontier_verdict& v) {
  return {{"xi", v.xi}, {"eta", v.eta}, {"xi_model_same_window", v.model.xi_same}, {"eta_model_same_window", v.model.eta_same},
          {"xi_model_1e60", v.model.xi_mid}, {"eta_model_1e60", v.model.eta_mid}, {"xi_model_1e80", v.model.xi_far},
          {"eta_model_1e80", v.model.eta_far}};
}

nlohmann::json verdict_tolerances() {
  using T = verdict_tolerance;
  return {{"xi", T::bridge}, {"eta", T::bridge}, {"xi_model_same_window", T::bridge}, {"eta_model_same_window", T::bridge},
          {"xi_model_1e60", T::settle}, {"eta_model_1e60", T::settle}, {"xi_model_1e80", T::limit}, {"eta_model_1e80", T::limit},
          {"all", T::bridge}};
}

}  // namespace

result frontier_phase(double a, double b, bool) {
  // deterministic-equivalent curves on the contour (no seed noise, ~1 s per curve up to d = 1e17), slopes over the top
  // 1.5 decades of interior optima, on the highest window the DE reaches (deq_reach_window, placed by the derived xi) in
  // both the quick and the full suite: 8-26 s per phase on 2 cores. Judged by frontier/verdict.hpp.
  const auto c = classify_decimal(a, b);
  const double xc = nearest_double(c.xi), ec = nearest_double(c.eta);
  const frontier_options o = deq_frontier_options({.alpha = a, .beta = b}, false, xc);
  const auto& fr = deq_frontier_cached(a, b, false, xc);
  const judged j = judge_with_negations(xc, ec, fr, deq_continuation_cached(a, b, xc));
  std::string local;
  nlohmann::json lf = nlohmann::json::array(), lx = nlohmann::json::array(), le = nlohmann::json::array();
  for (const auto& p : fr.points) {
    if (std::isnan(p.local_xi)) continue;
    lf.push_back(p.flops); lx.push_back(p.local_xi); le.push_back(p.local_eta);
    if (std::abs(std::log10(p.flops) - std::round(std::log10(p.flops))) < 1e-6)
      local += fmt::format(" {:.0e}: {:.4f}, {:.4f};", p.flops, p.local_xi, p.local_eta);
  }
  nlohmann::json measured = verdict_numbers(j.v);
  measured["local_flops"] = lf; measured["local_xi"] = lx; measured["local_eta"] = le;
  measured["moved_cells_passing"] = std::count_if(j.moved.begin(), j.moved.end(), [](const auto& m) { return m.passed(); });
  const bool reached = cell_reached(j.v, c.ph->label);
  return with_numbers({j.passed() && reached, fmt::format("{}; {} local slopes (xi, eta) at f ={}", j.v.text(), j.moved_text(), local),
                       fmt::format("phase {}: xi = {}, eta = {}", c.ph->label, g(xc), g(ec)),
                       frontier_tolerance_text() + "; " + reach_text(c.ph->label) + "; and each cell moved by 0.02 fails",
                       fmt::format("DE curves (contour), d = {:.3g}..{:.3g} at 2 per octave, flops {:.2g}..{:.2g}, slopes over the top 1.5 "
                                   "decades of interior optima; the model continuation is lib/frontier/model.hpp; {}", o.d_min, o.d_max,
                                   o.flops_min, o.flops_max, moved_cells_note)},
                      measured, {{"xi", xc}, {"eta", ec}, {"moved_cells_passing", 0}}, verdict_tolerances());
}

// The f -> inf limit behind the table, with the constants kept (lib/frontier/model.hpp): how large f must be
// before the local slopes are within the 0.01 of the derived exponents — the flops range a measurement needs —
// and the model's limit judged as in frontier[...] (its own frontier is the measurement: the bridge is trivial).
result frontier_model_phase(double a, double b) {
  frontier_options o;
  o.params = {.alpha = a, .beta = b};
  o.model = true;
  o.seeds = 1;
  o.flops_min = 1e6; o.flops_max = 1e22; o.flops_points = 17;  // one per decade
  o.d_min = 64; o.d_max = 1e15; o.d_per_octave = 2;  // the minimiser has no grid-phase bias (tests/test_frontier.cpp)
  o.fit_decades = 1.5;
  const auto fr = compute_frontier(o);
  const auto c = classify_decimal(a, b);
  const double xt = nearest_double(c.xi), et = nearest_double(c.eta);
  // the smallest f from which every local slope stays within 0.01
  double f_from = NAN;
  for (std::size_t k = fr.points.size(); k-- > 0;) {
    const auto& p = fr.points[k];
    if (std::isnan(p.local_xi)) continue;
    if (std::abs(p.local_xi - xt) > 0.01 || std::abs(p.local_eta - et) > 0.01) break;
    f_from = p.flops;
  }
  const judged j = judge_with_negations(xt, et, fr, continue_with_model(o, fr));
  nlohmann::json measured = verdict_numbers(j.v);
  measured["within_0.01_from_flops"] = f_from;  // NaN (null): not by 1e22
  measured["moved_cells_passing"] = std::count_if(j.moved.begin(), j.moved.end(), [](const auto& m) { return m.passed(); });
  nlohmann::json tol = verdict_tolerances();
  tol["within_0.01_from_flops"] = 1e300;  // information: where the 0.01 is reached moves with the grid, not a regression
  return with_numbers({j.passed(),
                       fmt::format("{}; {} local slopes within 0.01 from f = {}", j.v.text(), j.moved_text(),
                                   std::isnan(f_from) ? std::string("(not by 1e22)") : fmt::format("{:.0e}", f_from)),
                       fmt::format("phase {}: xi = {}, eta = {}", c.ph->label, g(xt), g(et)), frontier_tolerance_text(),
                       "P = F0 + Fpp_sum + F_ac + Kpp_sum S(r), exact sums at v = 4d with their constants, f = 1e6..1e22, then "
                       "continued to 1e60 and 1e80; the derived exponents are its f -> inf limit"},
                      measured, {{"xi", xt}, {"eta", et}, {"moved_cells_passing", 0}}, tol);
}

result boundary_crossing(const char* name, const char* left, const char* right, bool) {
  // the derived formulas of the two neighbouring phases at points 0.1 (in alpha or beta) on each side of the
  // line, against DE frontiers there (the same windows as frontier[...])
  auto measure = [&](const char* at) {
    const auto comma = std::string(at).find(',');
    const std::string as = std::string(at).substr(0, comma), bs = std::string(at).substr(comma + 1);
    const auto c = phases::classify(phases::parse_rational("alpha", as), phases::parse_rational("beta", bs));
    const double a = std::stod(as), b = std::stod(bs), xc = nearest_double(c.xi), ec = nearest_double(c.eta);
    const auto& fr = deq_frontier_cached(a, b, false, xc);
    return std::pair{c, judge_with_negations(xc, ec, fr, deq_continuation_cached(a, b, xc))};
  };
  const auto [cl, jl] = measure(left);
  const auto [cr, jr] = measure(right);
  nlohmann::json measured = {{"left", verdict_numbers(jl.v)}, {"right", verdict_numbers(jr.v)}};
  return with_numbers({jl.passed() && jr.passed() && cl.ph != cr.ph && cell_reached(jl.v, cl.ph->label) && cell_reached(jr.v, cr.ph->label),
                       fmt::format("{} ({}): {}; {} | {} ({}): {}; {}", cl.ph->label, left, jl.v.text(), jl.moved_text(), cr.ph->label,
                                   right, jr.v.text(), jr.moved_text()),
                       fmt::format("{}: xi {}, eta {}; {}: xi {}, eta {}", cl.ph->label, g(nearest_double(cl.xi)), g(nearest_double(cl.eta)),
                                   cr.ph->label, g(nearest_double(cr.xi)), g(nearest_double(cr.eta))),
                       "on each side: " + frontier_tolerance_text() + "; " + reach_text(cl.ph->label) + " (left), " +
                           reach_text(cr.ph->label) + " (right); each cell moved by 0.02 fails; and two different phases",
                       std::string("boundary ") + name + "; DE curves as in frontier[...]; that the formulas agree on the line (eta "
                       "always, xi except IVa|IVb) is test_phases' eta_continuous_xi_reported"},
                      measured,
                      {{"left", {{"xi", nearest_double(cl.xi)}, {"eta", nearest_double(cl.eta)}}},
                       {"right", {{"xi", nearest_double(cr.xi)}, {"eta", nearest_double(cr.eta)}}}},
                      verdict_tolerances());
}

}  // namespace scalelaw::checks
