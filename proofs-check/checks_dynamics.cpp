// Checks of the dynamics: SGD against the Volterra equation, its limit and stability, and the deterministic
// equivalent's F0 and F_ac (MODEL §2, §3; DERIVATIONS §6).
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "scalelaw/asymptotics/leading.hpp"
#include "check_list.hpp"
#include "scalelaw/deq/forcing_split.hpp"
#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/deq/measures.hpp"
#include "scalelaw/exact/instance.hpp"
#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/sgd/sgd.hpp"
#include "scalelaw/volterra/block_leap.hpp"
#include "scalelaw/volterra/direct.hpp"

namespace scalelaw::checks {

namespace {
loss_spectrum deq_spectrum_of(const plrf& m) {
  return deq_loss_spectrum(m);  // the grid's defaults
}

}  // namespace

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
  return with_numbers({zmax <= 4, "max |SGD mean - exact| / SE = " + g(zmax), "0 (in expectation)", "4 standard errors",
                       fmt::format("{} runs, 15 values of r in [10, 5000]; gamma_mult 0.2 keeps the loss's variance finite "
                                   "(docs/NOTES.md: heavy tails near ||K|| = 1)", o.runs)},
                      {{"max_z", zmax}}, {{"max_z", 0}}, {{"max_z", 4}});
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
  return with_numbers({zmax <= 4, "max |fast - naive| / SE = " + g(zmax), "0", "4 standard errors",
                       "exact-in-law SGD (MODEL §2) and the literal algorithm of MODEL §1 have the same law"},
                      {{"max_z", zmax}}, {{"max_z", 0}}, {{"max_z", 4}});
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
  const double rel = below.loss[1] / lim - 1, growth = above.loss[1] / above.loss[0];
  return with_numbers({ok,
                       fmt::format("gamma = 0.95 gamma*: P(2e5)/P_inf - 1 = {}; gamma = 1.05 gamma* (||K|| = {}): P(2e5)/P(0) = {}",
                                   g(rel), g(kn_above), g(growth)),
                       "converges below, diverges above (every |q_i| < 1 in both)", "|rel| < 1e-6; growth > 1e6",
                       "gamma* = largest gamma with ||K|| < 1 (bisection); the direct recursion is the reference"},
                      {{"below_relative_error", rel}, {"above_kernel_norm", kn_above}, {"above_growth", growth}},
                      {{"below_relative_error", 0}, {"above_growth_min", 1e6}},
                      // the growth is exponential in r: compared only through the verdict (1e6 is its threshold)
                      {{"below_relative_error", 1e-6}, {"above_kernel_norm", 1e-9}, {"above_growth", 1e300}});
}

result limit_loss_check(bool) {
  const plrf m = model(1.0, 0.3, 200);
  const auto s = instantiate<double>(m, 1).spectrum(m.gamma, m.batch);
  const auto c = volterra_block_leap(s, {0, 1000000000000ull});
  const double rel = std::abs(c.loss[1] / limit_loss(s) - 1);
  return with_numbers({rel < 1e-9, "P(1e12) / (F0/(1-||K||)) - 1 = " + g(rel), "0", "1e-9",
                       "the block-leap solver's global accuracy (tests/test_volterra.cpp)"},
                      {{"relative_error", rel}}, {{"relative_error", 0}}, {{"relative_error", 1e-9}});
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
  return with_numbers({std::abs(mean - de) <= tol, fmt::format("seed mean F0 = {} +- {} (d = {})", g(mean), g(se), d), "DE F0 = " + g(de),
                       g(tol), "4 SE of the seed mean + an O(1/d) finite-size allowance 2/d"},
                      {{"F0_mean", mean}, {"F0_se", se}}, {{"F0_mean", de}}, {{"F0_mean", tol}, {"F0_se", se}});
}


// DERIVATIONS §6: F_ac = (DE forcing) - F0 - (atoms' sum) against its asymptotic constant, 2a > 1, 2b > 1.
result fac_asymptotic_check(bool quick) {
  const double a = 1.2, b = 0.8;
  std::vector<double> ds{1e3, 1e4};
  if (!quick) ds.push_back(1e5);
  bool ok = true;
  double last = 1;
  std::string meas;
  nlohmann::json ratios = nlohmann::json::array();
  for (const double d : ds) {
    const plrf m = model(a, b, d);
    const auto s = deq_spectrum_of(m);
    const double r = std::pow(d, a) / m.gamma;  // gamma r = d^alpha: the centre of 1 << gamma r << d^{2 alpha}
    const double ratio = split_forcing(s, a, b, m.v, r).ac() / fac_asymptotic<double>(a, b, m.gamma, 1.0, d, r);
    ok = ok && std::abs(ratio - 1) < 0.03 && std::abs(ratio - 1) < last;
    last = std::abs(ratio - 1);
    meas += fmt::format("d = {:g}: {}; ", d, g(ratio));
    ratios.push_back(ratio);
  }
  return with_numbers({ok, "F_ac(DE) / [zeta(2b) Gamma(1-1/(2a)) / (4 a d) (2 gamma r)^{-(1-1/(2a))}] at gamma r = d^a, a = 1.2, b = 0.8: " + meas,
          "1, approached as d grows", "3 %, and closer to 1 at each larger d",
          "next order: the partial sum of b_j^2 at the lower end, relative (gamma r)^{-(2b-1)/(2a)}/((2b-1) zeta(2b)), "
          "about 5 % at d = 1e3 with an O(1) factor not derived"},
                      {{"ratio_by_d", ratios}}, {{"ratio_by_d", 1}}, {{"ratio_by_d", 0.03}});
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
  return with_numbers({ok, fmt::format("F_ac/F0 at r = d: {} (d = 1e3), {} (d = 1e4); at r = 10 d: {}, {}", g(h1[0]), g(h1[1]), g(h10[0]), g(h10[1])),
                       "F0-sized at r = d with a d-independent profile, < 10 % of that at r = 10 d",
                       "profile drift < 0.03 at r = d and < 0.01 at r = 10 d between d = 1e3 and 1e4",
                       "the profile's own finite-d drift (0.014 at r = d from 1e3 to 1e4, 0.008 from 1e4 to 1e5)"},
                      {{"h_at_d", {h1[0], h1[1]}}, {"h_at_10d", {h10[0], h10[1]}}},
                      {{"h_at_d_min", 0.1}, {"h_at_10d_over_h_at_d_max", 0.1}}, {{"h_at_d", 0.03}, {"h_at_10d", 0.01}});
}

}  // namespace scalelaw::checks
