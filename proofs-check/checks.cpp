#include "checks.hpp"
#include "numeric/exact.hpp"

#include <chrono>
#include <random>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "asymptotics/leading.hpp"
#include "deq/forcing_split.hpp"
#include "deq/kappa.hpp"
#include "deq/measures.hpp"
#include "exact/instance.hpp"
#include "frontier/frontier.hpp"
#include "frontier/verdict.hpp"
#include "infotheory/allocate.hpp"
#include "infotheory/bounds.hpp"
#include "infotheory/simulate.hpp"
#include "model/validate.hpp"
#include "phases/derive.hpp"
#include "sgd/sgd.hpp"
#include "spectral/terms.hpp"
#include "volterra/block_leap.hpp"
#include "volterra/direct.hpp"

namespace scalelaw::checks {

namespace {

std::string g(double x) { return fmt::format("{:.6g}", x); }

plrf model(double a, double b, double d, double gamma_mult = 0.5, unsigned batch = 1) {
  plrf_options o;
  o.alpha = a; o.beta = b; o.d = d; o.gamma_mult = gamma_mult; o.batch = batch;
  return plrf::from(o, true);
}

result volterra_vs_sgd(bool quick) {
  const plrf m = model(1.1, 0.7, 60, 0.2, 2);
  const auto inst = instantiate<double>(m, 3);
  sgd_options o;
  o.grid = log_grid(5000, 15);
  o.runs = quick ? 1000 : 4000;
  o.seed = 4;
  const auto s = run_sgd(m, inst, o);
  const auto e = volterra_block_leap(inst.spectrum(m.gamma, m.batch), o.grid);
  double zmax = 0;
  for (std::size_t k = 0; k < o.grid.size(); ++k)
    if (o.grid[k] >= 10) zmax = std::max(zmax, std::abs(s.mean[k] - e.loss[k]) / s.std_error[k]);
  return {zmax <= 4, "max |SGD mean - exact| / SE = " + g(zmax), "0 (in expectation)", "4 standard errors",
          fmt::format("{} runs, 15 values of r in [10, 5000]; gamma_mult 0.2 keeps the loss's variance finite "
                      "(docs/NOTES.md: heavy tails near ||K|| = 1)", o.runs)};
}

result naive_vs_fast_sgd(bool quick) {
  plrf_options po;
  po.alpha = 0.9; po.beta = 0.4; po.d = 10; po.v = 40; po.batch = 2;
  const plrf m = plrf::from(po, true);
  const auto inst = instantiate<double>(m, 5, true);
  sgd_options o;
  o.grid = log_grid(2000, 12);
  o.runs = quick ? 1500 : 6000;
  o.seed = 21;
  const auto fast = run_sgd(m, inst, o);
  o.naive = true;
  o.seed = 22;
  const auto naive = run_sgd(m, inst, o);
  double zmax = 0;
  for (std::size_t k = 1; k < o.grid.size(); ++k)
    zmax = std::max(zmax, std::abs(fast.mean[k] - naive.mean[k]) / std::hypot(fast.std_error[k], naive.std_error[k]));
  return {zmax <= 4, "max |fast - naive| / SE = " + g(zmax), "0", "4 standard errors",
          "exact-in-law SGD (SPEC §2) and the literal algorithm of SPEC §1 have the same law"};
}

result convergence_iff_kernel_norm(bool) {
  // 200 equal modes at lambda = 0.01: |q| < 1 up to gamma = 100, ||K|| = 1 at gamma ~ 0.995
  loss_spectrum s;
  s.F0 = 0.01;
  s.batch = 1;
  for (int i = 0; i < 200; ++i) { s.lambda.push_back(0.01); s.weight.push_back(0.001); }
  const double gmax = max_stable_gamma(s);
  const std::vector<std::uint64_t> grid{0, 200000};
  s.gamma = 0.95 * gmax;
  const auto below = volterra_direct<double>(s, grid);
  const double lim = limit_loss(s);
  s.gamma = 1.05 * gmax;
  const double kn_above = kernel_norm(s);
  const auto above = volterra_direct<double>(s, grid);
  const bool ok = std::abs(below.loss[1] / lim - 1) < 1e-6 && above.loss[1] > 1e6 * above.loss[0];
  return {ok,
          fmt::format("gamma = 0.95 gamma*: P(2e5)/P_inf - 1 = {}; gamma = 1.05 gamma* (||K|| = {}): P(2e5)/P(0) = {}",
                      g(below.loss[1] / lim - 1), g(kn_above), g(above.loss[1] / above.loss[0])),
          "converges below, diverges above (every |q_i| < 1 in both)", "|rel| < 1e-6; growth > 1e6",
          "gamma* = largest gamma with ||K|| < 1 (bisection); the direct recursion is the reference"};
}

result limit_loss_check(bool) {
  const plrf m = model(1.0, 0.3, 200);
  const auto s = instantiate<double>(m, 1).spectrum(m.gamma, m.batch);
  const auto c = volterra_block_leap(s, {0, 1000000000000ull});
  const double rel = std::abs(c.loss[1] / limit_loss(s) - 1);
  return {rel < 1e-9, "P(1e12) / (F0/(1-||K||)) - 1 = " + g(rel), "0", "1e-9",
          "the block-leap solver's global accuracy (tests/test_volterra.cpp)"};
}

result deq_f0_limit(bool quick) {
  const double alpha = 1.1, beta = 0.8, d = quick ? 200 : 400;
  const plrf m = model(alpha, beta, d);
  const int seeds = quick ? 8 : 16;
  double sum = 0, sum2 = 0;
  for (int s = 0; s < seeds; ++s) { const double f = instantiate<double>(m, 100 + s).F0; sum += f; sum2 += f * f; }
  const double mean = sum / seeds, se = std::sqrt((sum2 / seeds - mean * mean) / (seeds - 1));
  precision_scope prec(25);
  const auto k = deq_kappa<mpfr>(mpfr(alpha), mpfr(d), m.v);
  const double de = deq_f0<mpfr>(mpfr(alpha), mpfr(beta), k, m.v).value.convert_to<double>();
  const double tol = 4 * se + 2.0 / d * de;
  return {std::abs(mean - de) <= tol, fmt::format("seed mean F0 = {} +- {} (d = {})", g(mean), g(se), d), "DE F0 = " + g(de),
          g(tol), "4 SE of the seed mean + an O(1/d) finite-size allowance 2/d"};
}

result pp_asymptotic(double a, double b, double gm, unsigned B, bool kpp) {
  precision_scope prec(40);
  const mpfr al(a), be(b), ga(gm), bb(B);
  const mpfr r1("1e7"), r2("1e8");
  auto sum = [&](const mpfr& r) {
    return kpp ? kpp_sum<mpfr>(al, ga, bb, r, INFINITY).value : fpp_sum<mpfr>(al, be, ga, bb, r, INFINITY).value;
  };
  auto asy = [&](const mpfr& r) { return kpp ? kpp_asymptotic<mpfr>(al, ga, bb, r) : fpp_asymptotic<mpfr>(al, be, ga, bb, r); };
  const mpfr s1 = sum(r1), s2 = sum(r2);
  const double slope = (log(s2 / s1) / log(r2 / r1)).convert_to<double>();
  const double e = asy(r2).exponent.convert_to<double>();
  const double ratio = (s2 / asy(r2).value(r2, 0)).convert_to<double>();
  const double c1 = std::abs(asy(r2).c1.convert_to<double>()) + std::abs(asy(r2).c2.convert_to<double>()) + 1;
  const bool ok = std::abs(slope + e) < 10 * c1 / 1e7 && std::abs(ratio - 1) < 10 * c1 / 1e8;
  return {ok, fmt::format("local exponent {} ; sum / leading form = {}", g(slope), fmt::format("{:.12g}", ratio)),
          fmt::format("exponent {} ; ratio 1", g(-e)), fmt::format("{} ; {}", g(10 * c1 / 1e7), g(10 * c1 / 1e8)),
          "next-order term c1/r (docs/DERIVATIONS.md §1), 10x margin; 40-digit sums, v = inf"};
}

result noise_only_constants(bool) {
  // Kpp/Fpp ~ r^{-(alpha-beta)/alpha}: SGD noise is lower order iff beta < alpha
  precision_scope prec(30);
  std::string meas, exp;
  bool ok = true;
  for (auto [a, b] : {std::pair{1.0, 0.3}, std::pair{1.2, 0.8}, std::pair{0.7, 1.0}}) {
    const mpfr al(a), be(b), ga("0.3"), B(1), r1("1e7"), r2("1e8");
    auto ratio = [&](const mpfr& r) { return kpp_sum<mpfr>(al, ga, B, r, INFINITY).value / fpp_sum<mpfr>(al, be, ga, B, r, INFINITY).value; };
    const double slope = (log(ratio(r2) / ratio(r1)) / log(r2 / r1)).convert_to<double>();
    const double theory = -(a - b) / a;
    ok = ok && std::abs(slope - theory) < 1e-5 && (slope < 0) == (b < a);
    meas += fmt::format("({}, {}): {}; ", a, b, g(slope));
    exp += fmt::format("({}, {}): {}; ", a, b, g(theory));
  }
  return {ok, "d log(Kpp/Fpp) / d log r at r = 1e7..1e8: " + meas, exp, "1e-5, and the sign",
          "negative slope = noise term vanishes relative to the signal (beta < alpha: constants only)"};
}

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
  return {worst <= 1e-9 && worst >= -5e-5, fmt::format("max (dense max-min) - eta_exact over {} points = {}", n, g(worst)),
          "<= 0 (exact is the maximum)", "1e-9 above; grid resolution 5e-6 x slope below",
          "a dense grid can only under-estimate a maximum"};
}

result frontier_phase(const char* label, double a, double b, bool quick) {
  // deterministic-equivalent curves on the contour (no seed noise, ~1 s per curve up to d = 1e17), slopes over the
  // top 1.5 decades of interior optima: the finite-size corrections fade with f (docs/NOTES.md has the local
  // slopes), so the full suite's window is the highest the DE reaches (deq_reach_window, placed by the derived xi).
  // Optima closer than 4 s = 1.4 (in ln d) to the grid's ends are not used (the minimiser's window).
  const auto c = phases::classify(phases::parse_rational("alpha", fmt::format("{}", a)), phases::parse_rational("beta", fmt::format("{}", b)));
  const frontier_options o = deq_frontier_options(a, b, quick, nearest_double(c.xi));
  const auto& fr = deq_frontier_cached(a, b, quick, nearest_double(c.xi));
  const frontier_verdict v = judge_frontier(c, a, b, o, fr);
  double f_top = 0;
  std::string local;
  for (const auto& p : fr.points) {
    if (p.interior) f_top = p.flops;
    if (!std::isnan(p.local_xi) && std::abs(std::log10(p.flops) - std::round(std::log10(p.flops))) < 1e-6)
      local += fmt::format(" {:.0e}: {:.4f}, {:.4f};", p.flops, p.local_xi, p.local_eta);
  }
  return {v.passed(),
          fmt::format("xi = {}, eta = {} (top interior f = {:.2g}), {}; local slopes (xi, eta) at f ={}", g(fr.xi), g(fr.eta), f_top,
                      v.text(), local),
          fmt::format("phase {}: xi = {}, eta = {}", c.ph->label, g(nearest_double(c.xi)), g(nearest_double(c.eta))), frontier_tolerance_text(),
          fmt::format("DE curves (contour), d = {:.3g}..{:.3g} at 2 per octave, flops {:.2g}..{:.2g}, slopes over the top 1.5 "
                      "decades of interior optima", o.d_min, o.d_max, o.flops_min, o.flops_max)};
  (void)label;
}

// The f -> inf limit behind the table, with the constants kept (lib/frontier/model.hpp): how large f must be
// before the local slopes are within the 0.01 of the derived exponents — the flops range a measurement needs.
result frontier_model_phase(double a, double b) {
  frontier_options o;
  o.alpha = a; o.beta = b;
  o.model = true;
  o.seeds = 1;
  o.flops_min = 1e6; o.flops_max = 1e22; o.flops_points = 17;  // one per decade
  o.d_min = 64; o.d_max = 1e15; o.d_per_octave = 2;  // the minimiser has no grid-phase bias (tests/test_frontier.cpp)
  o.fit_decades = 1.5;
  const auto fr = compute_frontier(o);
  const auto c = phases::classify(phases::parse_rational("alpha", fmt::format("{}", a)), phases::parse_rational("beta", fmt::format("{}", b)));
  const double xt = nearest_double(c.xi), et = nearest_double(c.eta);
  // the smallest f from which every local slope stays within 0.01
  double f_from = NAN;
  for (std::size_t k = fr.points.size(); k-- > 0;) {
    const auto& p = fr.points[k];
    if (std::isnan(p.local_xi)) continue;
    if (std::abs(p.local_xi - xt) > 0.01 || std::abs(p.local_eta - et) > 0.01) break;
    f_from = p.flops;
  }
  const frontier_verdict v = judge_frontier(c, a, b, o, fr);
  std::string at_1e9;  // where the DE frontier checks end: to compare with their slopes (NOTES)
  for (const auto& p : fr.points)
    if (std::abs(std::log10(p.flops) - 9) < 0.01) at_1e9 = fmt::format("; local slopes at f = 1e9: {}, {}", g(p.local_xi), g(p.local_eta));
  return {v.passed(),
          fmt::format("xi = {}, eta = {} over f = 3e20..1e22, {}; local slopes within 0.01 from f = {}{}", g(fr.xi), g(fr.eta),
                      v.text(), std::isnan(f_from) ? std::string("(not by 1e22)") : fmt::format("{:.0e}", f_from), at_1e9),
          fmt::format("phase {}: xi = {}, eta = {}", c.ph->label, g(xt), g(et)), frontier_tolerance_text(),
          "P = F0 + Fpp_sum + Kpp_sum S(r), exact sums at v = 4d with their constants; the derived exponents are its f -> inf "
          "limit, so this says which f a measurement needs (F_ac and 1/(1-||K||) omitted: constants)"};
}

result boundary_crossing(const char* name, const char* left, const char* right, bool quick) {
  // the derived formulas of the two neighbouring phases at points 0.1 (in alpha or beta) on each side of the
  // line, against DE frontiers there (the same sizes as frontier[...], lib/frontier/frontier.hpp deq_frontier_options)
  auto measure = [&](const char* at) {
    const auto comma = std::string(at).find(',');
    const std::string as = std::string(at).substr(0, comma), bs = std::string(at).substr(comma + 1);
    const auto c = phases::classify(phases::parse_rational("alpha", as), phases::parse_rational("beta", bs));
    const double a = std::stod(as), b = std::stod(bs);
    const auto& fr = deq_frontier_cached(a, b, quick, nearest_double(c.xi));
    return std::tuple{c, fr.xi, fr.eta, judge_frontier(c, a, b, deq_frontier_options(a, b, quick, nearest_double(c.xi)), fr)};
  };
  const auto [cl, xl, el, vl] = measure(left);
  const auto [cr, xr, er, vr] = measure(right);
  return {vl.passed() && vr.passed() && cl.ph != cr.ph,
          fmt::format("{} ({}): xi {}, eta {}, {}; {} ({}): xi {}, eta {}, {}", cl.ph->label, left, g(xl), g(el), vl.text(), cr.ph->label,
                      right, g(xr), g(er), vr.text()),
          fmt::format("{}: xi {}, eta {}; {}: xi {}, eta {}", cl.ph->label, g(nearest_double(cl.xi)), g(nearest_double(cl.eta)), cr.ph->label,
                      g(nearest_double(cr.xi)), g(nearest_double(cr.eta))),
          std::string("on each side: ") + frontier_tolerance_text() + "; and two different phases",
          std::string("boundary ") + name + "; DE curves as in frontier[...] (the highest window the DE reaches, top 1.5 decades); that the formulas agree on "
          "the line (eta always, xi except IVa|IVb) is test_phases' eta_continuous_xi_reported"};
}

// --- Jeon–Van Roy (SPEC §5, DERIVATIONS §5)

result jvr_closed_form(bool) {
  allocation_options o;
  o.bound = "3/p + 5/T";  // p* = sqrt(3 C / 5), exponents 1/2 exactly
  o.d = 8;
  o.compute_min = 1e4;
  o.compute_max = 1e12;
  o.points = 3;
  o.digits = 30;
  const auto res = allocate(o);
  precision_scope prec(50);
  double worst_exp = 0, worst_p = 0;
  for (const auto& q : res.points) {
    worst_exp = std::max(worst_exp, std::abs(q.p_exponent - 0.5));
    worst_p = std::max(worst_p, abs(mpfr(q.p_star) / sqrt(mpfr(3) * mpfr(q.C) / 5) - 1).convert_to<double>());
  }
  return {worst_exp < 1e-12 && worst_p < 1e-29, fmt::format("max |exponent - 1/2| = {}, max relative error of p* = {}", g(worst_exp), g(worst_p)),
          "0 and 0", "1e-12 and 1e-29", "exponents by implicit differentiation in 45-digit arithmetic; p* printed to 30 digits"};
}

result jvr_bound_exponents(bool) {
  // leading order of each preset (DERIVATIONS §5.6): E ~ a/p + b p log(2T)/C (teacher-information) gives
  // e = 1/2 - (1-e)/(2(L-1)); E ~ a/p + b p^2 log(2T)/C (barron-params) gives e = 1/3 - 2(1-e)/(3(2L-1)), L = log(2 T*)
  const teacher_setting t;
  std::string meas, exp;
  bool ok = true;
  for (const char* name : {"teacher-information", "barron-params"}) {
    allocation_options o;
    o.bound = preset_bound(name, t);
    o.d = 8;
    o.compute_min = 1e8;
    o.compute_max = 1e12;
    o.points = 2;
    o.digits = 20;
    for (const auto& q : allocate(o).points) {
      const double L = std::log(2 * std::stod(q.T_star));
      const bool linear = std::string(name) == "teacher-information";
      // solve the implicit relation for e
      const double e = linear ? (0.5 - 0.5 / (L - 1)) / (1 - 0.5 / (L - 1)) : (1.0 / 3 - 2 / (3 * (2 * L - 1))) / (1 - 2 / (3 * (2 * L - 1)));
      ok = ok && std::abs(q.p_exponent - e) < 2e-3;
      meas += fmt::format("{} C = {}: {}; ", name, g(std::stod(q.C)), g(q.p_exponent));
      exp += fmt::format("{}: {}; ", name, g(e));
    }
  }
  return {ok, meas, exp, "2e-3",
          "the leading-order form drops terms of relative size 1/L^2 (~3e-3 at L = 18) and T^(-1/2); exponents -> 1/2 (linear "
          "split up to a log) and 1/3"};
}

result jvr_maurey(bool quick) {
  const teacher_setting t;
  const auto res = maurey_check({4, 16}, {1, 4, 16}, t, quick ? 12 : 48, quick ? 200 : 800, 7);
  bool ok = true;
  std::string meas, exp;
  for (const auto& r : res) {
    ok = ok && std::abs(r.measured_mean - r.identity_mean) <= 4 * r.measured_se && r.measured_mean <= r.A2_over_2dn_mean;
    meas += fmt::format("d={:g},n={}: {} ± {}; ", r.d, r.n, g(r.measured_mean), g(r.measured_se));
    exp += fmt::format("{} (bound {}); ", g(r.identity_mean), g(r.A2_over_2dn_mean));
  }
  return {ok, "E_draw E_x (f - g_n)^2 (exact kernel, mean over draws): " + meas,
          "(A^2/(2d) - E f^2)/n exactly, below A^2/(2dn): " + exp, "4 standard errors of the draw average, and the bound",
          "the only randomness is the Maurey draw; E_x is exact (arc-cosine kernel)"};
}

loss_spectrum deq_spectrum_of(const plrf& m) {
  deq_spectrum_options o{m.alpha, m.beta, static_cast<double>(m.d), m.v, m.gamma, m.batch, 0, 0, {}};  // grid defaults
  return deq_loss_spectrum(o);
}

// DERIVATIONS §6: F_ac = (DE forcing) - F0 - (atoms' sum) against its asymptotic constant, 2a > 1, 2b > 1.
result fac_asymptotic_check(bool quick) {
  const double a = 1.2, b = 0.8;
  std::vector<double> ds{1e3, 1e4};
  if (!quick) ds.push_back(1e5);
  bool ok = true;
  double last = 1;
  std::string meas;
  for (const double d : ds) {
    const plrf m = model(a, b, d);
    const auto s = deq_spectrum_of(m);
    const double r = std::pow(d, a) / m.gamma;  // gamma r = d^alpha: the centre of 1 << gamma r << d^{2 alpha}
    const double ratio = split_forcing(s, a, b, m.v, r).ac() / fac_asymptotic<double>(a, b, m.gamma, 1.0, d, r);
    ok = ok && std::abs(ratio - 1) < 0.03 && std::abs(ratio - 1) < last;
    last = std::abs(ratio - 1);
    meas += fmt::format("d = {:g}: {}; ", d, g(ratio));
  }
  return {ok, "F_ac(DE) / [zeta(2b) Gamma(1-1/(2a)) / (4 a d) (2 gamma r)^{-(1-1/(2a))}] at gamma r = d^a, a = 1.2, b = 0.8: " + meas,
          "1, approached as d grows", "3 %, and closer to 1 at each larger d",
          "next order: the partial sum of b_j^2 at the lower end, relative (gamma r)^{-(2b-1)/(2a)}/((2b-1) zeta(2b)), "
          "about 5 % at d = 1e3 with an O(1) factor not derived"};
}

// DERIVATIONS §6: for 2a < 1 F_ac = F0 h(r/d), d-independent h that dies for r >> d: no new exponent.
result fac_f0_sized_check(bool) {
  const double a = 0.4, b = 1.0;
  double h1[2], h10[2];
  int k = 0;
  for (const double d : {1e3, 1e4}) {
    const plrf m = model(a, b, d);
    const auto s = deq_spectrum_of(m);
    h1[k] = split_forcing(s, a, b, m.v, d).ac() / s.F0;
    h10[k] = split_forcing(s, a, b, m.v, 10 * d).ac() / s.F0;
    ++k;
  }
  const bool ok = h1[0] > 0.1 && std::abs(h1[1] - h1[0]) < 0.03 && std::abs(h10[1] - h10[0]) < 0.01 && h10[1] < 0.1 * h1[1];
  return {ok, fmt::format("F_ac/F0 at r = d: {} (d = 1e3), {} (d = 1e4); at r = 10 d: {}, {}", g(h1[0]), g(h1[1]), g(h10[0]), g(h10[1])),
          "F0-sized at r = d with a d-independent profile, < 10 % of that at r = 10 d",
          "profile drift < 0.03 at r = d and < 0.01 at r = 10 d between d = 1e3 and 1e4",
          "the profile's own finite-d drift (0.014 at r = d from 1e3 to 1e4, 0.008 from 1e4 to 1e5)"};
}

result jvr_bounds_above_mc(bool quick) {
  const simulate_options o = default_simulation_options(quick);
  const auto& r = simulate_cached(o);
  bool ok = true;
  std::string meas;
  for (std::size_t i = 0; i < bound_presets().size(); ++i) {
    std::size_t above = 0;
    double worst = 1e300;
    for (const auto& gp : r.grid) {
      above += gp.bounds[i] >= gp.kl_mean;
      worst = std::min(worst, gp.bounds[i] / gp.kl_mean);
    }
    ok = ok && above == r.grid.size();
    meas += fmt::format("{}: above at {}/{} points, min bound/measured {}; ", bound_presets()[i], above, r.grid.size(), g(worst));
  }
  return {ok, meas, "every point", "none: a bound below a mean would be a finding",
          "the bounds hold for the Bayesian mixture learner (average over t <= T); the Adam learner's final error is compared "
          "as the practical proxy (DERIVATIONS §5)"};
}

result jvr_share_grows_with_d(bool quick) {
  const simulate_options o = default_simulation_options(quick);
  const auto& r = simulate_cached(o);
  const bool ok = r.share_slope_ci[0] > 0;
  return {ok, fmt::format("d log(p*/T*)/d log d at C = {} = {} [{}, {}]", g(r.share_C), g(r.share_slope), g(r.share_slope_ci[0]),
                          g(r.share_slope_ci[1])),
          "> 0 (JVR abstract: more compute to the model as d grows)", "the 90 % bootstrap interval excludes 0",
          "bootstrap over teachers; a failure is recorded, not hidden"};
}

}  // namespace

const std::vector<check>& registry() {
  static const std::vector<check> all = [] {
    std::vector<check> v;
    v.push_back({"volterra_vs_sgd", "The expected loss of one-pass SGD satisfies the discrete Volterra equation (SPEC §2).", true,
                 volterra_vs_sgd});
    v.push_back({"sgd_same_law", "Exact-in-law SGD in the eigenbasis has the law of the literal SGD (SPEC §2).", true, naive_vs_fast_sgd});
    v.push_back({"convergence_iff_kernel_norm", "The loss converges iff every |q_i| < 1 and ||K|| < 1 (SPEC §2).", true,
                 convergence_iff_kernel_norm});
    v.push_back({"limit_loss", "P_inf = F0 / (1 - ||K||) (SPEC §2).", true, limit_loss_check});
    v.push_back({"deq_f0", "F0 of finite d converges to its deterministic equivalent (SPEC §3).", true, deq_f0_limit});
    struct reg { const char* name; double a, b, g; unsigned B; };
    for (const reg& r : {reg{"2a>1,2b<1,B=1", 1.0, 0.3, 0.3, 1}, reg{"2a>1,2b>1,B=3", 0.8, 0.9, 0.2, 3},
                         reg{"2a<1,2b>1,B=2", 0.4, 0.7, 0.25, 2}, reg{"2a<1,2b<1,B=1", 0.3, 0.35, 0.3, 1}}) {
      v.push_back({std::string("fpp_asymptotic[") + r.name + "]",
                   "F_pp(r) ~ Gamma(e)/(4 alpha) (2 gamma B r)^{-e}, e = (2a+2b-1)/(2a) (PPXP; DERIVATIONS §1).", true,
                   [r](bool) { return pp_asymptotic(r.a, r.b, r.g, r.B, false); }});
      if (4 * r.a > 1)
        v.push_back({std::string("kpp_asymptotic[") + r.name + "]",
                     "K_pp(r) ~ gamma^2 B Gamma(e_K)/(2 alpha) (2 gamma B r)^{-e_K}, e_K = 2 - 1/(2a) (DERIVATIONS §1).", true,
                     [r](bool) { return pp_asymptotic(r.a, r.b, r.g, r.B, true); }});
    }
    v.push_back({"fac_asymptotic[2a>1,2b>1]",
                 "F_ac(d, r) ~ zeta(2b) Gamma(1 - 1/(2a)) / (4 a d) (2 gamma B r)^{-(1-1/(2a))} for 1 << gamma r << d^{2a} "
                 "(SPEC §4 exponent; constant DERIVATIONS §6).", true, fac_asymptotic_check});
    v.push_back({"fac_order[2a<1,2b>1]", "For 2a < 1, F_ac = F0 h(r/d): F0's order before r ~ d, negligible after (DERIVATIONS §6).",
                 true, fac_f0_sized_check});
    v.push_back({"sgd_noise_constants_only", "SGD noise (K_pp) only changes constants when beta < alpha (PPXP).", true,
                 noise_only_constants});
    v.push_back({"phase_table_is_maximum", "The derived (xi, eta) solve max_xi min_terms rate (SPEC §4).", true, phase_table_brute_force});
    v.push_back({"jvr_allocation_closed_form", "A/p + B/T under C = p T gives p* = sqrt(A C/B), exponents 1/2 (SPEC §5).", true,
                 jvr_closed_form});
    v.push_back({"jvr_bound_exponents", "The teacher-information bound gives an asymptotically linear split p* ~ T* (up to a log); "
                 "the parameter-count bound gives p* ~ C^(1/3) (DERIVATIONS §5).", true, jvr_bound_exponents});
    v.push_back({"jvr_maurey", "Sampling n units from |a_k|/A approximates the teacher to E (f - g_n)^2 <= A^2/(2dn) (DERIVATIONS §5.2).",
                 true, jvr_maurey});
    v.push_back({"jvr_bounds_above_mc", "Each derived bound is above the measured excess log-loss at every grid point (SPEC §5).", true,
                 jvr_bounds_above_mc});
    v.push_back({"jvr_model_share_grows_with_d", "As d grows, a larger fraction of compute goes to the model (JVR abstract), measured.",
                 true, jvr_share_grows_with_d});
    struct crossing { const char* name; const char* left; const char* right; };
    for (const crossing& c : {crossing{"2b = 1 (Ia|II)", "1.0,0.4", "1.0,0.6"}, crossing{"a = b (II|III)", "0.9,0.8", "0.8,0.9"},
                              crossing{"2a = 1 (Ia|Ib)", "0.6,0.3", "0.4,0.3"}, crossing{"2a = 1 (III|IVb)", "0.6,1.0", "0.4,1.0"},
                              crossing{"4a = 1 (IVa|Ic)", "0.27,1.0", "0.2,1.0"}, crossing{"2b = 1 (Ib|IVb)", "0.4,0.4", "0.4,0.6"}})
      v.push_back({std::string("boundary[") + c.name + "]",
                   "Measured exponents on both sides of a phase boundary match the two neighbouring formulas (PPXP), each side judged "
                   "as frontier[...].", false,
                   [c](bool q) { return boundary_crossing(c.name, c.left, c.right, q); }});
    for (const auto& rp : phases::reference_points()) {
      const std::string label = rp.label;
      const double a = nearest_double(rp.alpha), b = nearest_double(rp.beta);
      v.push_back({"frontier_model[" + label + "]",
                   "The three-term model with constants reaches the derived exponents of phase " + label + " (PPXP; NOTES), or approaches "
                   "them as its next term fades (as frontier[...]).", false,
                   [a, b](bool) { return frontier_model_phase(a, b); }});
      v.push_back({"frontier[" + label + "]", "Measured compute-optimal exponents match the derived table of phase " + label + " (PPXP), or, where the derivation's "
                   "next term still holds a share of the loss, lie between the cell and that term's balance and approach the cell.",
                   false, [label, a, b](bool q) { return frontier_phase(label.c_str(), a, b, q); }});
    }
    return v;
  }();
  return all;
}

std::vector<outcome> run_checks(bool quick, const std::string& only, const std::function<void(const std::string&)>& progress) {
  std::vector<outcome> out;
  bool found = only.empty();
  for (const auto& c : registry()) {
    if (!only.empty() && c.name != only) continue;
    found = true;
    if (only.empty() && quick && !c.quick) continue;
    if (progress) progress("check " + c.name);
    const auto t0 = std::chrono::steady_clock::now();
    result r = c.run(quick);
    out.push_back({&c, r, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()});
  }
  if (!found) {
    std::string names;
    for (const auto& c : registry()) names += (names.empty() ? "" : ", ") + c.name;
    throw invalid_input(fmt::format("no check named '{}'; the checks are: {}", only, names));
  }
  return out;
}

std::string checks_markdown(const std::vector<outcome>& out) {
  std::ostringstream os;
  unsigned passed = 0;
  for (const auto& o : out) passed += o.r.passed;
  os << fmt::format("{} of {} checks passed.\n\n| check | result | statement | measured | expected | tolerance | why |\n|---|---|---|---|---|---|---|\n",
                    passed, out.size());
  for (const auto& o : out)
    os << "| " << o.c->name << " | " << (o.r.passed ? "pass" : "**FAIL**") << " | " << o.c->statement << " | " << o.r.measured
       << " | " << o.r.expected << " | " << o.r.tolerance << " | " << o.r.why << " |\n";
  return os.str();
}

nlohmann::json checks_json(const std::vector<outcome>& out) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& o : out)
    list.push_back({{"name", o.c->name}, {"statement", o.c->statement}, {"passed", o.r.passed}, {"measured", o.r.measured},
                    {"expected", o.r.expected}, {"tolerance", o.r.tolerance}, {"why", o.r.why}, {"seconds", o.seconds}});
  return {{"checks", list}};
}

}  // namespace scalelaw::checks
