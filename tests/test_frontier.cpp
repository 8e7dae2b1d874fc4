// The frontier machinery of issue 7 on synthetic losses with known exponents, and the regression
// golden of measured exponents at fixed seeds (data/golden/frontier_*.json, commands in data/README.md).
#define BOOST_TEST_MODULE frontier
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "scalelaw/frontier/estimators.hpp"
#include "scalelaw/frontier/frontier.hpp"
#include "scalelaw/frontier/term_shares.hpp"
#include "scalelaw/frontier/verdict.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/model/validate.hpp"

using namespace scalelaw;

namespace {
std::vector<double> log_grid_points(double lo, double hi, unsigned per_octave) {
  std::vector<double> g;
  const unsigned n = static_cast<unsigned>(std::round(std::log2(hi / lo) * per_octave));
  for (unsigned i = 0; i <= n; ++i) g.push_back(lo * std::exp2(double(i) / per_octave));
  return g;
}
// P(d, r) = A d^{-a} + B r^{-b}: d* = (a A / (b B))^{1/(a+b)} f^{b/(a+b)}, so xi = b/(a+b), eta = a b/(a+b) exactly.
struct two_terms {
  double A, a, B, b;
  double operator()(double d, double r) const { return A * std::pow(d, -a) + B * std::pow(r, -b); }
  double xi() const { return b / (a + b); }
  double eta() const { return a * b / (a + b); }
};
frontier_fit fit_synthetic(const two_terms& P, unsigned per_octave, double f_lo = 1e6, double f_hi = 1e12) {
  const auto d = log_grid_points(1, 1e12, per_octave);  // wide enough that every d* is interior
  std::vector<double> flops;
  for (int k = 0; k <= 12; ++k) flops.push_back(f_lo * std::pow(f_hi / f_lo, k / 12.0));
  std::vector<std::vector<double>> table(flops.size(), std::vector<double>(d.size()));
  for (std::size_t k = 0; k < flops.size(); ++k)
    for (std::size_t i = 0; i < d.size(); ++i) table[k][i] = P(d[i], flops[k] / d[i]);
  return fit_frontier(d, flops, table);
}
}  // namespace

BOOST_AUTO_TEST_CASE(slope_and_vertex_exact_on_polynomials) {
  std::vector<double> x, y, q;
  for (int i = 0; i < 11; ++i) {
    x.push_back(0.3 * i - 1.0);
    y.push_back(0.75 * x.back() - 2.0);
    q.push_back(1.5 + 2.0 * (x.back() - 0.123) * (x.back() - 0.123));  // vertex at 0.123, value 1.5
  }
  BOOST_TEST(std::abs(ls_slope(x, y) - 0.75) < 1e-14);
  const auto m = minimise_log(x, q);  // a least-squares parabola reproduces a parabola exactly
  BOOST_TEST(m.interior);
  BOOST_TEST(std::abs(m.log_d - 0.123) < 1e-12);
  BOOST_TEST(std::abs(m.log_p - 1.5) < 1e-12);
  q.front() = 0.0;  // minimum on the edge of the grid: not interior
  BOOST_TEST(!minimise_log(x, q).interior);
}

// Issue 7's target for the estimators: error < 1e-6 on P = A d^-a + B r^-b. The weighted cubic's bias is
// a constant offset in log d* and log P* for such a P (minimise_log's comment), so the slopes come out exact to
// rounding (observed 1e-14 at every grid density from 4 to 256 per octave); d* itself carries the offset.
BOOST_AUTO_TEST_CASE(two_term_exponents) {
  for (const two_terms P : {two_terms{2.0, 0.6, 0.7, 0.9}, two_terms{1.0, 1.8, 3.0, 0.45}, two_terms{0.2, 0.3, 5.0, 1.6}}) {
    for (unsigned per_octave : {4u, 16u, 64u}) {
      const auto fit = fit_synthetic(P, per_octave);
      BOOST_TEST_MESSAGE("a=" << P.a << " b=" << P.b << " " << per_octave << "/octave: xi error "
                              << fit.xi - P.xi() << ", eta error " << fit.eta - P.eta());
      BOOST_TEST(std::abs(fit.xi - P.xi()) < 1e-6);
      BOOST_TEST(std::abs(fit.eta - P.eta()) < 1e-6);
      for (const auto& pt : fit.pts) {
        BOOST_TEST_REQUIRE(pt.interior);
        const double d_true = std::pow(P.a * P.A / (P.b * P.B), 1 / (P.a + P.b)) * std::pow(pt.flops, P.xi());
        const double r_true = pt.flops / d_true;
        // the offset: fourth-derivative bias of the cubic over a window of spread 0.35 in log d
        BOOST_TEST(std::abs(std::log(pt.d_star / d_true)) < 0.01);
        BOOST_TEST(std::abs(std::log(pt.loss / P(d_true, r_true))) < 1e-3);
      }
    }
  }
}

// A next-order term, P = A d^-a + B r^-b (1 + C r^-c): the exponents are the two-term ones only as f -> inf.
// The local slopes must approach them monotonically, and fitting the top decades only (--fit-decades) must
// be closer than fitting all of them — the reason the full-suite frontier checks use it.
BOOST_AUTO_TEST_CASE(next_order_term_fades) {
  const two_terms lead{2.0, 0.6, 0.7, 0.9};
  const auto P = [&](double d, double r) { return lead(d, r) + lead.B * std::pow(r, -lead.b) * 4.0 * std::pow(r, -0.3); };
  const auto d = log_grid_points(1, 1e12, 4);
  std::vector<double> flops;
  for (int k = 0; k <= 24; ++k) flops.push_back(1e4 * std::pow(1e10, k / 24.0));
  std::vector<std::vector<double>> table(flops.size(), std::vector<double>(d.size()));
  for (std::size_t k = 0; k < flops.size(); ++k)
    for (std::size_t i = 0; i < d.size(); ++i) table[k][i] = P(d[i], flops[k] / d[i]);
  const auto all = fit_frontier(d, flops, table);
  const auto top = fit_frontier(d, flops, table, 2.0);
  BOOST_TEST_MESSAGE("xi all " << all.xi << ", top 2 decades " << top.xi << ", exact " << lead.xi());
  BOOST_TEST(std::abs(top.xi - lead.xi()) < std::abs(all.xi - lead.xi()));
  BOOST_TEST(std::abs(top.eta - lead.eta()) < std::abs(all.eta - lead.eta()));
  double last = 1;
  for (std::size_t k = 1; k + 1 < top.pts.size(); ++k) {
    const double err = std::abs(top.pts[k].local_xi - lead.xi());
    BOOST_TEST(err < last, "local xi at f = " << top.pts[k].flops << " not closer: " << err);
    last = err;
  }
}

// data/golden/frontier_PHASE.json: measured exponents (exact curves, seeds 1-2, d = 8..512, f = 1e4..1e8) at one
// point per phase. Not an accuracy claim (that small grid is far from the asymptotic exponents: see NOTES) but a
// regression record: any change in the solver, the spectrum, the minimiser or the bootstrap shows up here as a
// diff. 1e-9 relative allows libm/Eigen rounding differences between machines (as the other goldens).
BOOST_AUTO_TEST_CASE(golden_measured_exponents) {
  struct ref { const char* phase; double alpha, beta; };
  for (const ref& r : {ref{"Ia", 1.0, 0.3}, ref{"Ib", 0.4, 0.3}, ref{"Ic", 0.15, 0.8}, ref{"II", 1.2, 0.8},
                       ref{"III", 0.7, 1.0}, ref{"IVa", 0.27, 1.0}, ref{"IVb", 0.4, 1.0}}) {
    std::ifstream is(std::string(SCALELAW_DATA_DIR) + "/golden/frontier_" + r.phase + ".json");
    BOOST_TEST_REQUIRE(is.good(), r.phase);
    const auto g = nlohmann::json::parse(is);
    frontier_options o;
    o.params = {.alpha = r.alpha, .beta = r.beta};
    o.flops_min = 1e4; o.flops_max = 1e8; o.d_min = 8; o.d_max = 512; o.seeds = 2;
    const auto fr = compute_frontier(o);
    const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::abs(b); };
    BOOST_TEST(close(fr.xi, g["xi"].get<double>()), r.phase << " xi " << fr.xi << " vs golden " << g["xi"]);
    BOOST_TEST(close(fr.eta, g["eta"].get<double>()), r.phase << " eta " << fr.eta << " vs golden " << g["eta"]);
    for (int i = 0; i < 2; ++i) {
      BOOST_TEST(close(fr.xi_ci[i], g["xi_ci"][i].get<double>()), r.phase << " xi_ci");
      BOOST_TEST(close(fr.eta_ci[i], g["eta_ci"][i].get<double>()), r.phase << " eta_ci");
    }
    BOOST_TEST_REQUIRE(fr.points.size() == g["points"].size(), r.phase);
    for (std::size_t k = 0; k < fr.points.size(); ++k) {
      const auto& p = g["points"][k];
      BOOST_TEST(fr.points[k].interior == p["interior"].get<bool>(), r.phase << " f = " << fr.points[k].flops);
      BOOST_TEST(close(fr.points[k].d_star, p["d_star"].get<double>()), r.phase << " d* at f = " << fr.points[k].flops);
      BOOST_TEST(close(fr.points[k].loss, p["loss"].get<double>()), r.phase << " P* at f = " << fr.points[k].flops);
    }
  }
}

// edge_margin: the minimiser's Gaussian window (s = 0.35 in ln d) cut by the grid's end biases d*. A synthetic
// frontier on a grid that ends near the optimum: with the margin 1.4 (= 4 s) an optimum 0.5 from the end is not
// interior, and the slope from the rest is within 1e-5 (the window cut at >= 4 s: weight e^-8 at the cut; observed
// 4.4e-6), ten times closer than with the cut windows kept.
BOOST_AUTO_TEST_CASE(edge_margin_drops_cut_windows) {
  const two_terms P{1.0, 0.6, 2.0, 0.4};
  const auto d = log_grid_points(1, 4096, 4);
  // d* = (a A/(b B))^{1/(a+b)} f^{xi} = 0.75 f^0.4: f such that ln d* runs up to 0.5 below ln 4096
  std::vector<double> flops;
  const double top = std::pow(4096 * std::exp(-0.5) / 0.75, 1 / 0.4);
  for (int k = 0; k <= 8; ++k) flops.push_back(top * std::pow(10.0, -k / 2.0));
  std::reverse(flops.begin(), flops.end());
  std::vector<std::vector<double>> table(flops.size(), std::vector<double>(d.size()));
  for (std::size_t k = 0; k < flops.size(); ++k)
    for (std::size_t i = 0; i < d.size(); ++i) table[k][i] = P(d[i], flops[k] / d[i]);
  const auto loose = fit_frontier(d, flops, table, 0, 0), strict = fit_frontier(d, flops, table, 0, 1.4);
  BOOST_TEST(loose.pts.back().interior);
  BOOST_TEST(!strict.pts.back().interior);
  const double exact_last = std::log(0.75 * std::pow(flops.back(), 0.4));
  BOOST_TEST_MESSAGE("last optimum, window cut at 0.5: ln d* off by " << std::log(loose.pts.back().d_star) - exact_last);
  BOOST_TEST_MESSAGE("xi error: " << loose.xi - P.xi() << " (no margin), " << strict.xi - P.xi() << " (margin 1.4)");
  BOOST_TEST(std::abs(strict.xi - P.xi()) < 1e-5);
  BOOST_TEST(std::abs(loose.xi - P.xi()) > 10 * std::abs(strict.xi - P.xi()));
}

// r = f / d is a std::uint64_t step count: a grid whose flops-max / d-min passes 2^63 is refused (it used to wrap
// silently, found running a DE frontier to f = 1e28 from d = 1e5).
BOOST_AUTO_TEST_CASE(step_count_overflow_refused) {
  frontier_options o = deq_frontier_options({.alpha = 0.27, .beta = 1.0}, true, NAN);
  o.flops_max = 1e28;
  o.d_min = 1e5;
  BOOST_CHECK_THROW(compute_frontier(o), invalid_input);
  // the model evaluates r = f / d in double: the full suite's frontier_model grid (f to 1e22 from d = 64) is allowed
  frontier_options m;
  m.params = {.alpha = 1.2, .beta = 0.8}; m.model = true; m.seeds = 1;
  m.flops_min = 1e20; m.flops_max = 1e22; m.flops_points = 3; m.d_min = 64; m.d_max = 1024;
  BOOST_CHECK_NO_THROW(compute_frontier(m));
}

// The full suite's window (deq_reach_window): for every xi of the derived table, the d grid stays within the DE's
// checked reach (d <= 1e17), every grid point's step count f/d within 10^18.5 (< 2^63), the grid covers
// f^xi 1.5 decades either side at both ends of the 3-decade flops window, and one of the two caps binds (the window is the
// highest reachable, not an arbitrary one).
BOOST_AUTO_TEST_CASE(reach_window_within_caps) {
  for (double xi : {1.0 / 3, 0.4, 5.0 / 11, 8.0 / 17, 0.5, 5.0 / 9, 7.0 / 12, 0.6134}) {
    const deq_reach w = deq_reach_window(xi);
    const double steps = std::log10(w.flops_max / w.d_min), top = std::log10(w.d_max);
    BOOST_TEST_MESSAGE("xi = " << xi << ": flops " << w.flops_min << " .. " << w.flops_max << ", d " << w.d_min << " .. " << w.d_max);
    BOOST_TEST(top <= 17 + 1e-12);
    BOOST_TEST(steps <= 18.5 + 1e-12);
    BOOST_TEST(std::abs(std::log10(w.flops_max / w.flops_min) - 3) < 1e-12);
    BOOST_TEST(std::log10(w.d_min) <= xi * std::log10(w.flops_min) - 1.5 + 1e-12);
    BOOST_TEST(top >= xi * std::log10(w.flops_max) + 1.5 - 1e-12);
    BOOST_TEST((top > 17 - 0.5 * xi - 1e-12 || steps > 18.5 - 0.5 * (1 - xi) - 1e-12));  // within a half-decade step of a cap
  }
}

// frontier/term_shares.hpp: the split of P at the optimum into F0, Fpp, Fac, Kpp, for the DE and the model. Its sum is
// P(d*, f/d*) by construction; what can fail is that it sits just above the minimiser's P*: P at any d is >= the minimum,
// and the minimiser's level is ~1% low (measured here: 1.06% DE, 0.9% model, constant in f, so the slopes are unaffected;
// the Gaussian-window quadratic in ln P fits d* without bias, not the level: NOTES), so 0 <= P/P* - 1 < 2%; and, at IVa
// (0.27, 1), f ~ 1e9: F0 a large share (NOTES: F0/T2 ~ 3 at f = 1e12 with the
// model's constants), every share positive but F_ac's (of F0's size for 2a < 1 and of either sign, DERIVATIONS §6).
BOOST_AUTO_TEST_CASE(term_shares_at_the_optimum) {
  for (const bool model : {false, true}) {
    frontier_options o;
    o.params = {.alpha = 0.27, .beta = 1.0};
    o.seeds = 1;
    (model ? o.model : o.deq) = true;
    o.flops_min = 1e9; o.flops_max = 1e10; o.flops_points = 3;
    o.d_min = 256; o.d_max = 4194304; o.edge_margin = 1.4; o.d_per_octave = 2;
    const auto fr = compute_frontier(o);
    std::size_t seen = 0;
    for (std::size_t k = 0; k < fr.points.size(); ++k) {
      if (!fr.points[k].interior) continue;
      ++seen;
      const term_shares s = shares_at_optimum(o, fr, k);
      BOOST_TEST_MESSAGE((model ? "model" : "deq") << " f = " << fr.points[k].flops << ": F0 " << s.F0 << ", Fpp " << s.Fpp
                                                   << ", Fac " << s.Fac << ", Kpp " << s.Kpp << ", P " << s.loss << " vs P* "
                                                   << fr.points[k].loss);
      BOOST_TEST(s.loss / fr.points[k].loss - 1 >= 0);
      BOOST_TEST(s.loss / fr.points[k].loss - 1 < 2e-2);
      // (the shares sum to 1 by construction: not a test; the level test above is the one that can fail)
      BOOST_TEST(s.F0 > 0.2);
      BOOST_TEST(s.Kpp > 0);
      BOOST_TEST(s.Fpp > 0);
    }
    BOOST_TEST(seen >= 2u);
  }
  frontier_options exact;
  BOOST_CHECK_THROW(shares_at(exact, 100, 1000), invalid_input);
}

// frontier/verdict.hpp on the model at IVa (0.27, 1), f = 1e16..1e22: the frontier is ~0.012 from the cell there (NOTES:
// eta 0.310 against 0.2976) and not within 0.01, yet the cell passes: the model continued to f = 1e80 is within 0.002 and
// settled. Every cell moved by 0.02 in xi or in eta fails (the limit), a measurement 0.02 off the model on its own window
// fails (the bridge), an unsettled continuation fails, and no frontier fails: the rule can say no, on each of its parts.
BOOST_AUTO_TEST_CASE(verdict_bridge_limit_and_its_negations) {
  frontier_options o;
  o.params = {.alpha = 0.27, .beta = 1.0};
  o.model = true;
  o.seeds = 1;
  o.flops_min = 1e16; o.flops_max = 1e22; o.flops_points = 7;
  o.d_min = 1e8; o.d_max = 1e15; o.d_per_octave = 2;
  o.fit_decades = 1.5;
  const auto fr = compute_frontier(o);
  const auto c = phases::classify(rational(27, 100), rational(1));
  const double xc = nearest_double(c.xi), ec = nearest_double(c.eta);
  const model_continuation m = continue_with_model(o, fr);
  const auto v = judge_frontier(xc, ec, fr, m);
  BOOST_TEST_MESSAGE(v.text());
  BOOST_TEST(!v.within);
  BOOST_TEST(v.bridge);
  BOOST_TEST(v.settled);
  BOOST_TEST(v.passed());
  BOOST_TEST(v.kind() == "bridge+limit");
  for (const auto& [dx, de] : {std::pair{0.02, 0.0}, std::pair{-0.02, 0.0}, std::pair{0.0, 0.02}, std::pair{0.0, -0.02}}) {
    const auto w = judge_frontier(xc + dx, ec + de, fr, m);
    BOOST_TEST(!w.passed(), "moved " << dx << ", " << de);
    BOOST_TEST(w.kind() == "limit missed");
  }
  auto off = fr;  // a measurement the model does not reproduce on its window
  off.eta += 0.02;
  BOOST_TEST(judge_frontier(xc, ec, off, m).kind() == "no bridge");
  auto drifting = m;  // a continuation still moving between 1e60 and 1e80
  drifting.eta_mid += 0.005;
  BOOST_TEST(judge_frontier(xc, ec, fr, drifting).kind() == "not settled");
  auto none = fr;
  none.xi = NAN;
  BOOST_TEST(!judge_frontier(xc, ec, none, m).passed());
  BOOST_TEST(judge_frontier(xc, ec, none, m).kind() == "no frontier");
}

// frontier/estimators.hpp on a synthetic surface P = A d^-a + B r^-b (issue 19): d* = (aA/(bB))^(1/(a+b)) f^(b/(a+b)),
// so xi = b/(a+b), eta = ab/(a+b) exactly. The flops grid is placed so that d* falls on grid nodes (the envelope
// estimator has no refinement and is exact only there); each estimator must recover (xi, eta) to 1e-6 — rounding and
// the IsoFLOP fit's grid-phase term (~exp(-2 pi^2 s^2 / h^2) = 2e-9, frontier.cpp) are far below it. Then a surface
// with other exponents must give other answers: the estimators read the data, not the grid.
BOOST_AUTO_TEST_CASE(estimators_recover_a_synthetic_surface) {
  for (const auto& [a, b] : {std::pair{0.8, 0.5}, std::pair{0.35, 1.2}}) {
    const double A = 2, B = 3, K = std::pow(a * A / (b * B), 1 / (a + b));
    std::vector<double> d_grid, flops;
    for (int j = 0; j <= 80; ++j) d_grid.push_back(std::pow(2.0, 4 + j / 2.0));
    for (int j = 20; j <= 60; j += 4) flops.push_back(std::pow(d_grid[j] / K, (a + b) / b));  // d*(f) = d_grid[j]
    std::vector<std::vector<double>> P(flops.size(), std::vector<double>(d_grid.size()));
    for (std::size_t k = 0; k < flops.size(); ++k)
      for (std::size_t i = 0; i < d_grid.size(); ++i) P[k][i] = A * std::pow(d_grid[i], -a) + B * std::pow(flops[k] / d_grid[i], -b);
    const double xi = b / (a + b), eta = a * b / (a + b);
    for (int e = 1; e <= 3; ++e) {
      const auto est = estimate_exponents(e, d_grid, flops, P, 0, 1.4);
      BOOST_TEST_MESSAGE("a " << a << " b " << b << " estimator " << e << ": " << est.xi - xi << ", " << est.eta - eta);
      BOOST_TEST(std::abs(est.xi - xi) < 1e-6, "estimator " << e << " xi " << est.xi << " vs " << xi);
      BOOST_TEST(std::abs(est.eta - eta) < 1e-6, "estimator " << e << " eta " << est.eta << " vs " << eta);
      if (e == 3) {
        BOOST_TEST(std::abs(est.a - a) < 1e-6);
        BOOST_TEST(std::abs(est.b - b) < 1e-6);
      }
    }
  }
  BOOST_CHECK_THROW(estimate_exponents(4, {1, 2}, {1, 2}, {{1, 1}, {1, 1}}, 0, 0), std::invalid_argument);
}

// The three estimators on frontiers of the model, f = 1e19..1e22, d at 2 per octave (NOTES "Three estimators" has all seven
// phases). IsoFLOP profiles (2): within 1e-3 of the cell in Ia and II (measured 1e-4). Envelope (1): d* is known only to
// +-h/2 = 0.17 in ln d (the grid step), so over ln f spans of 6.9 its slope can be off by up to 2 * 0.17 / 6.9 = 0.05 —
// measured 0.004 (Ia), 0.002 (II), 0.047 (Ic). Parametric (3): exact for a separable pair, F0(d) + F_pp(r) in Ia (measured
// 1e-4), biased where a term is not A d^-a or B r^-b (II: F_ac ~ d^-1 r^-x; measured xi 0.416, eta 0.677), which this test
// records as a bias that must be present: if it vanished, the estimator would have changed.
BOOST_AUTO_TEST_CASE(estimators_on_model_frontiers) {
  for (const auto& [a, b, xi, eta] : {std::tuple{1.0, 0.3, 1.0 / 3, 8.0 / 15}, std::tuple{1.2, 0.8, 0.4, 0.75}}) {
    frontier_options o;
    o.params = {.alpha = a, .beta = b};
    o.model = true;
    o.seeds = 1;
    o.flops_min = 1e19; o.flops_max = 1e22; o.flops_points = 7;
    o.d_min = 1e3; o.d_max = 1e16; o.d_per_octave = 2;
    o.edge_margin = 1.4;
    const auto fr = compute_frontier(o);
    for (int e = 0; e < 3; ++e)
      BOOST_TEST_MESSAGE("(" << a << ", " << b << ") estimator " << e + 1 << ": xi " << fr.estimators[e].xi << ", eta " << fr.estimators[e].eta);
    BOOST_TEST(fr.estimators[1].xi == fr.xi);
    BOOST_TEST(std::abs(fr.estimators[1].xi - xi) < 1e-3);
    BOOST_TEST(std::abs(fr.estimators[1].eta - eta) < 1e-3);
    BOOST_TEST(std::abs(fr.estimators[0].xi - xi) < 0.05);
    BOOST_TEST(std::abs(fr.estimators[0].eta - eta) < 0.05);
    if (a == 1.0) {
      BOOST_TEST(std::abs(fr.estimators[2].xi - xi) < 1e-3);
      BOOST_TEST(std::abs(fr.estimators[2].eta - eta) < 1e-3);
    } else {
      BOOST_TEST(std::abs(fr.estimators[2].eta - eta) > 0.03);  // the non-separable F_ac: a bias that must be there
    }
  }
}

// --method sgd (issue 19 item 5): exact-in-law SGD is unbiased for the exact curve of its own W (MODEL §2: the Volterra
// equation is the expected loss given W), so with one seed of W the SGD frontier's table equals the exact one within its
// bootstrap standard error over runs. 5 standard errors: the mean of 300 runs is close to Gaussian, and a 5-sigma
// excursion somewhere among the 42 entries has probability ~2e-5. Negation: the same SGD against the exact curves of
// another W (the bug of running SGD on a different instance than the curve) is caught.
BOOST_AUTO_TEST_CASE(sgd_frontier_is_exact_in_mean) {
  frontier_options o;
  o.params = {.alpha = 1, .beta = 0.3};
  o.d_min = 8; o.d_max = 64; o.d_per_octave = 2;
  o.flops_min = 1e3; o.flops_max = 3e5; o.flops_points = 6;
  o.seeds = 1; o.seed = 3; o.bootstrap = 200;
  const auto exact = compute_frontier(o);
  frontier_options s = o;
  s.sgd = true;
  s.runs = 300;
  const auto sgd = compute_frontier(s);
  BOOST_TEST_REQUIRE(sgd.isoflop_se.size() == sgd.isoflop.size());
  // its companion, the exact curves of the same instances, is the exact frontier itself
  BOOST_TEST_REQUIRE(sgd.exact != nullptr);
  BOOST_TEST((sgd.exact->isoflop == exact.isoflop));
  BOOST_TEST(sgd.exact->xi == exact.xi);
  frontier_options other = o;
  other.seed = 4;
  const auto exact_other = compute_frontier(other);
  int beyond = 0, beyond_other = 0;
  for (std::size_t k = 0; k < sgd.flops.size(); ++k)
    for (std::size_t i = 0; i < sgd.d_grid.size(); ++i) {
      const double se = sgd.isoflop_se[k][i];
      BOOST_TEST(se > 0);
      beyond += std::abs(sgd.isoflop[k][i] - exact.isoflop[k][i]) > 5 * se;
      beyond_other += std::abs(sgd.isoflop[k][i] - exact_other.isoflop[k][i]) > 5 * se;
    }
  BOOST_TEST(beyond == 0);
  BOOST_TEST(beyond_other > 0);
  // the bad options
  frontier_options bad = s;
  bad.runs = 0;
  BOOST_CHECK_THROW(validate_frontier_options(bad), invalid_input);
  bad = s;
  bad.deq = true;
  BOOST_CHECK_THROW(validate_frontier_options(bad), invalid_input);
}

// Issue 38: the frontier's contour rule at the stored grid's corner (3/2, 3/2). There the loss at the window's top is ~4e9
// times below the contour's weights, so the rule's error is amplified most (docs/NOTES.md "The DE frontier's quadrature").
// The default frontier must reproduce the stored exponents (data/sweep/grid_12x12.jsonl, measured with the curve's
// 16-point rule) to 1e-4, as tests/test_slow_sweep_grid.py asks of the whole grid (label slow). The negation: the
// 21-point rule, which passed the benchmark's beta = 0.7 points, misses it here (it moved by 2.8e-4); and the rule chosen per
// frontier from the amplification (deq_contour_points) takes more than the fixed 26 here.
BOOST_AUTO_TEST_CASE(default_rule_at_the_grid_corner) {
  std::ifstream in(std::string(SCALELAW_DATA_DIR) + "/sweep/grid_12x12.jsonl");
  double xi_stored = NAN, eta_stored = NAN;
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j.value("key", "") == "alpha=3/2 beta=3/2") {
      xi_stored = j["xi"].get<double>();
      eta_stored = j["eta"].get<double>();
    }
  }
  BOOST_TEST_REQUIRE(std::isfinite(xi_stored));
  const auto c = phases::classify(exact_of(1.5), exact_of(1.5));
  frontier_options o = deq_frontier_options({.alpha = 1.5, .beta = 1.5}, false, nearest_double(c.xi));
  auto moved = [&](const frontier_result& f) { return std::max(std::abs(f.xi - xi_stored), std::abs(f.eta - eta_stored)); };
  const frontier_result chosen = compute_frontier(o);
  const double now = moved(chosen);
  o.contour_eps = 0;  // the fixed rule contour.points on every curve
  o.contour.points = 21;
  const double coarse = moved(compute_frontier(o));
  BOOST_TEST_MESSAGE("at (3/2, 3/2): the default rule (" << chosen.contour_points << " points) moves the exponents by " << now
                                                         << ", 21 points by " << coarse);
  BOOST_TEST(chosen.contour_points > 26u);  // A ~ 4e9 here: ln(A / 1e-8) / (2 ln 2.06) ~ 28, plus one
  BOOST_TEST(now <= 1e-4);
  BOOST_TEST(coarse > 1e-4);
}
