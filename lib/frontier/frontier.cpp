#include "scalelaw/frontier/frontier.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <tuple>
#include <mutex>
#include <thread>
#include <chrono>
#include <cmath>
#include <random>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "scalelaw/deq/contour.hpp"
#include "scalelaw/exact/instance.hpp"
#include "scalelaw/frontier/estimators.hpp"
#include "scalelaw/frontier/model.hpp"
#include "scalelaw/model/computed_once.hpp"
#include "scalelaw/model/interrupt.hpp"
#include "scalelaw/model/resources.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/sgd/sgd.hpp"
#include "scalelaw/numeric/quantile.hpp"
#include "scalelaw/volterra/block_leap.hpp"

namespace scalelaw {

log_minimum minimise_log(const std::vector<double>& x, const std::vector<double>& y, double edge_margin) {
  // Discrete minimum, then a cubic in u = log d fitted by least squares with Gaussian weights
  // exp(-(u - c)^2 / (2 s^2)), s = 0.35 (the spread of the earlier hard +-0.6 window, so one noisy grid point
  // still cannot move the minimiser far), re-centred on its own vertex c until it stops moving.
  // Why: the weighted sums are then trapezoid sums of a smooth, rapidly decaying function, which do not depend
  // on where the grid points fall up to ~exp(-2 pi^2 s^2 / h^2) (h the grid step: 1e-25 at 4 per octave). The
  // fit's bias (from log P's fourth derivative) is then the same at every f when P(d, f/d) is a fixed shape
  // translated in log d (a sum of monomials), and it cancels in xi and eta; with the hard window it moved
  // with the grid phase and left 1e-5 in the slopes (tests/test_frontier.cpp).
  const std::size_t n = y.size();
  const std::size_t k = static_cast<std::size_t>(std::min_element(y.begin(), y.end()) - y.begin());
  if (k == 0 || k + 1 == n) return {x[k], y[k], false};
  constexpr double s = 0.35, reach = 8 * s /* weight e^-32: below double rounding */, max_shift = 0.6;
  double centre = x[k], value = y[k];
  for (int it = 0; it < 100; ++it) {
    Eigen::Matrix4d M = Eigen::Matrix4d::Zero();
    Eigen::Vector4d rhs = Eigen::Vector4d::Zero();
    unsigned used = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = x[i] - centre;
      if (std::abs(u) > reach) continue;
      ++used;
      const double w = std::exp(-u * u / (2 * s * s));
      const Eigen::Vector4d phi(1, u, u * u, u * u * u);
      M += w * phi * phi.transpose();
      rhs += w * y[i] * phi;
    }
    if (used < 4) break;
    const Eigen::Vector4d c = M.ldlt().solve(rhs);
    // stationary point of c0 + c1 u + c2 u^2 + c3 u^3 nearest the centre: c1 + 2 c2 u + 3 c3 u^2 = 0
    if (!(c[2] > 0)) break;  // not convex here: keep the last estimate
    const double disc = c[2] * c[2] - 3 * c[1] * c[3];
    if (!(disc >= 0)) break;
    const double u_min = -c[1] / (c[2] + std::sqrt(disc));  // the root with 2 c2 + 6 c3 u > 0, stable form
    const double next = std::clamp(centre + u_min, x[k] - max_shift, x[k] + max_shift);
    const double u = next - centre;
    value = c[0] + u * (c[1] + u * (c[2] + u * c[3]));
    const bool done = std::abs(next - centre) < 1e-13;
    centre = next;
    if (done) break;
  }
  return {centre, value, centre - x.front() >= edge_margin && x.back() - centre >= edge_margin};
}

double ls_slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) { sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i]; }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

frontier_fit fit_frontier(const std::vector<double>& d_grid, const std::vector<double>& flops,
                 const std::vector<std::vector<double>>& P /* [k][i] */, double fit_decades, double edge_margin) {
  std::vector<double> ld(d_grid.size());
  for (std::size_t i = 0; i < d_grid.size(); ++i) ld[i] = std::log(d_grid[i]);
  frontier_fit out;
  std::vector<double> lf, lds, lps;
  for (std::size_t k = 0; k < flops.size(); ++k) {
    std::vector<double> lp(d_grid.size());
    for (std::size_t i = 0; i < d_grid.size(); ++i) lp[i] = std::log(P[k][i]);
    const auto m = minimise_log(ld, lp, edge_margin);
    out.pts.push_back({flops[k], std::exp(m.log_d), std::exp(m.log_p), NAN, NAN, m.interior});
    if (m.interior) { lf.push_back(std::log(flops[k])); lds.push_back(m.log_d); lps.push_back(m.log_p); }
  }
  for (std::size_t k = 1; k + 1 < out.pts.size(); ++k) {
    auto& p = out.pts[k];
    const auto& a = out.pts[k - 1];
    const auto& b = out.pts[k + 1];
    if (a.interior && p.interior && b.interior) {
      p.local_xi = std::log(b.d_star / a.d_star) / std::log(b.flops / a.flops);
      p.local_eta = -std::log(b.loss / a.loss) / std::log(b.flops / a.flops);
    }
  }
  if (fit_decades > 0 && !lf.empty()) {
    // finite-size corrections fade as f grows: keep the interior optima of the top `fit_decades` decades
    const double cut = lf.back() - fit_decades * std::log(10.0);
    std::size_t first = 0;
    while (first < lf.size() && lf[first] < cut - 1e-9) ++first;
    lf.erase(lf.begin(), lf.begin() + first);
    lds.erase(lds.begin(), lds.begin() + first);
    lps.erase(lps.begin(), lps.begin() + first);
  }
  if (lf.size() >= 2) {
    out.xi = ls_slope(lf, lds);
    out.eta = -ls_slope(lf, lps);
  } else {
    out.xi = out.eta = NAN;
  }
  return out;
}

std::vector<double> validate_frontier_options(const frontier_options& o) {
  require_positive("flops-min", o.flops_min);
  require_positive("flops-max", o.flops_max);
  if (!(o.flops_max > o.flops_min)) throw invalid_input("flops-max must exceed flops-min");
  if (!(o.d_max > o.d_min) || o.d_min < 2) throw invalid_input("need 2 <= d-min < d-max");
  if (o.seeds < 1 || o.flops_points < 3) throw invalid_input("need seeds >= 1 and flops points >= 3");
  if ((o.deq || o.model) && o.seeds != 1) throw invalid_input("--method deq and model are deterministic: use --seeds 1");
  if (int(o.deq) + int(o.model) + int(o.sgd) > 1) throw invalid_input("choose one method");
  if (o.sgd && (o.runs < 1 || o.runs > 100000)) throw invalid_input(fmt::format("runs {} is outside 1..100000", o.runs));
  // r = f / d is a step count (std::uint64_t) for the curves' solvers: the largest is flops-max / d-min (the model
  // evaluates its sums at r in double and has no such limit)
  if (!o.model && !(o.flops_max / o.d_min < 0x1p63))
    throw invalid_input(fmt::format("flops-max / d-min = {:.3g} steps is beyond 2^63: raise d-min or lower flops-max",
                                    o.flops_max / o.d_min));
  std::vector<double> d_grid;
  for (double d = o.d_min; d <= o.d_max * (1 + 1e-9); d *= std::pow(2.0, 1.0 / o.d_per_octave)) d_grid.push_back(std::round(d));
  d_grid.erase(std::unique(d_grid.begin(), d_grid.end()), d_grid.end());
  for (double d : {d_grid.front(), d_grid.back()}) {  // the model at both ends, before any work (the model: d as a real beyond 1e18)
    d = std::min(d, 1e18);
    plrf_options po = o.params;
    po.d = d;
    plrf::from(po, true);
  }
  return d_grid;
}

namespace {

// The frontier of a table per[unit][k][i] = P(d_i, f_k / d_i) over units = seeds x runs (unit = seed * runs + run): the
// mean table, its fit by the three estimators and, with more than one unit, the two-stage bootstrap (seeds, then runs
// within each picked seed) with each entry's standard deviation. res.d_grid and res.flops are set.
void summarise(const std::vector<std::vector<std::vector<double>>>& per, unsigned seeds, unsigned runs, const frontier_options& o,
               frontier_result& res) {
  const std::size_t nd = res.d_grid.size(), nf = res.flops.size();
  const unsigned units = seeds * runs;
  auto mean_over = [&](const std::vector<unsigned>& which) {
    std::vector<std::vector<double>> P(nf, std::vector<double>(nd, 0.0));
    for (unsigned s : which)
      for (std::size_t k = 0; k < nf; ++k)
        for (std::size_t i = 0; i < nd; ++i) P[k][i] += per[s][k][i] / which.size();
    return P;
  };
  std::vector<unsigned> all(units);
  for (unsigned u = 0; u < units; ++u) all[u] = u;
  res.isoflop = mean_over(all);
  const frontier_fit f = fit_frontier(res.d_grid, res.flops, res.isoflop, o.fit_decades, o.edge_margin);
  res.points = f.pts;
  res.xi = f.xi;
  res.eta = f.eta;
  for (int e = 0; e < 3; ++e) {
    const exponent_estimate x = e == 1 ? exponent_estimate{f.xi, f.eta}
                                       : estimate_exponents(e + 1, res.d_grid, res.flops, res.isoflop, o.fit_decades, o.edge_margin);
    res.estimators[e].xi = x.xi;
    res.estimators[e].eta = x.eta;
  }
  if (units > 1 && o.bootstrap > 0) {
    std::mt19937_64 gen(o.seed ^ 0xB007);
    std::uniform_int_distribution<unsigned> U(0, seeds - 1), R(0, runs - 1);
    std::vector<double> xs[3], es[3];
    std::vector<std::vector<double>> sum(nf, std::vector<double>(nd, 0.0)), sum2 = sum;
    for (unsigned b = 0; b < o.bootstrap; ++b) {
      std::vector<unsigned> pick;  // seeds with replacement, then runs with replacement within each (sgd)
      pick.reserve(units);
      for (unsigned s = 0; s < seeds; ++s) {
        const unsigned seed = seeds > 1 ? U(gen) : 0;
        for (unsigned r = 0; r < runs; ++r) pick.push_back(seed * runs + (runs > 1 ? R(gen) : 0));
      }
      const auto table = mean_over(pick);
      for (std::size_t k = 0; k < nf; ++k)
        for (std::size_t i = 0; i < nd; ++i) { sum[k][i] += table[k][i]; sum2[k][i] += table[k][i] * table[k][i]; }
      for (int e = 0; e < 3; ++e) {
        const exponent_estimate g = estimate_exponents(e + 1, res.d_grid, res.flops, table, o.fit_decades, o.edge_margin);
        xs[e].push_back(g.xi);
        es[e].push_back(g.eta);
      }
    }
    for (int e = 0; e < 3; ++e) {
      auto& r = res.estimators[e];
      r.xi_ci[0] = quantile(xs[e], 0.025); r.xi_ci[1] = quantile(xs[e], 0.975);
      r.eta_ci[0] = quantile(es[e], 0.025); r.eta_ci[1] = quantile(es[e], 0.975);
    }
    res.isoflop_se = sum;
    for (std::size_t k = 0; k < nf; ++k)
      for (std::size_t i = 0; i < nd; ++i) {
        const double m = sum[k][i] / o.bootstrap;
        res.isoflop_se[k][i] = std::sqrt(std::max(0.0, sum2[k][i] / o.bootstrap - m * m));
      }
    res.xi_ci[0] = res.estimators[1].xi_ci[0]; res.xi_ci[1] = res.estimators[1].xi_ci[1];
    res.eta_ci[0] = res.estimators[1].eta_ci[0]; res.eta_ci[1] = res.estimators[1].eta_ci[1];
  }
}

}  // namespace

frontier_result compute_frontier(const frontier_options& o) {
  const auto t0 = std::chrono::steady_clock::now();
  frontier_result res;
  res.d_grid = validate_frontier_options(o);
  for (unsigned k = 0; k < o.flops_points; ++k)
    res.flops.push_back(o.flops_min * std::pow(o.flops_max / o.flops_min, double(k) / (o.flops_points - 1)));
  const std::size_t nd = res.d_grid.size(), nf = res.flops.size();
  // per[unit][k][i] = P(d_i, f_k / d_i); a unit is a seed of W, or with sgd one run on one seed (unit = seed * runs + run)
  const unsigned runs = o.sgd ? o.runs : 1, units = o.seeds * runs;
  std::vector<std::vector<std::vector<double>>> per(units, std::vector<std::vector<double>>(nf, std::vector<double>(nd)));
  // sgd: the exact curve of each seed's instance too (per_exact[seed][k][i]; a block-leap solve beside the runs)
  std::vector<std::vector<std::vector<double>>> per_exact(o.sgd ? o.seeds : 0, std::vector<std::vector<double>>(nf, std::vector<double>(nd)));
  const unsigned threads = std::max(1u, std::min<unsigned>(o.threads ? o.threads : std::thread::hardware_concurrency(),
                                                          static_cast<unsigned>(nd)));
  // one curve per d, independent: split over threads (the result does not depend on their number; the
  // progress lines may come out of order)
  std::mutex mu;
  std::atomic<std::size_t> next{0}, done{0};
  std::exception_ptr failure;
  auto model_at = [&](std::size_t i) {
    plrf_options po = o.params;
    po.d = o.model ? std::min(res.d_grid[i], 1e18) : res.d_grid[i];
    return plrf::from(po, true);  // the model validates here and then takes d as a real (beyond 1e18: model.hpp)
  };
  // the step count r = f / d, rounded, of a flops value; a curve needs those of all, sorted and unique
  auto step_of = [](double f, const plrf& m) { return static_cast<std::uint64_t>(std::max(1.0, std::round(f / m.d))); };
  auto steps_of = [&](const plrf& m) {
    std::vector<std::uint64_t> steps;
    for (double f : res.flops) steps.push_back(step_of(f, m));
    std::sort(steps.begin(), steps.end());
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    return steps;
  };
  // deq: one contour rule for the whole frontier (its curves' errors then vary smoothly with d, not in steps), the
  // most points any of five curves spread over the d grid needs, plus one (rho^2 ~ 4: the amplification between them)
  deq_contour_options rule = o.contour;
  if (o.deq && o.contour_eps > 0) {
    unsigned points = 0;
    for (std::size_t j = 0; j < 5; ++j) {
      const std::size_t i = (nd - 1) * j / 4;
      const plrf m = model_at(i);
      points = std::max(points, deq_contour_points(m, o.contour, steps_of(m), o.contour_eps) + 1);
    }
    rule.points = points;
  }
  res.contour_points = o.deq ? rule.points : 0;
  auto one_d = [&](std::size_t i) {
    const plrf m = model_at(i);
    if (o.model) {
      const double d = res.d_grid[i];
      // v = rho d and gamma by the gamma_mult rule (plrf::from's) at this real d of any size, unless given
      const double v = o.params.v ? m.v : m.rho * d;
      const double gamma = o.params.gamma ? m.gamma : o.params.gamma_mult / trace_D(m.alpha, v);
      const three_term_model tm(m.alpha, m.beta, d, v, gamma, m.batch);
      for (std::size_t k = 0; k < nf; ++k) per[0][k][i] = tm.loss(std::max(1.0, res.flops[k] / d));
      return;
    }
    const std::vector<std::uint64_t> sorted = steps_of(m);
    const auto at = [&](std::size_t k) {  // where f_k's step count sits in `sorted`
      return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), step_of(res.flops[k], m)) - sorted.begin());
    };
    if (o.deq) {
      auto spec = deq_contour_spectrum(m, rule);
      spec.F0 *= o.f0_scale;
      block_leap_options lo;
      lo.tol = o.leap_tol;
      const auto c = volterra_block_leap(spec, sorted, lo);
      for (std::size_t k = 0; k < nf; ++k) per[0][k][i] = c.loss[at(k)];
      return;
    }
    for (unsigned s = 0; s < o.seeds; ++s) {
      // common random numbers: the same seed for every d, so W for d is nested in W for a larger d
      // (row j comes from stream (seed, j)): the d-to-d comparison is not swamped by seed noise
      const auto inst = instantiate<double>(m, o.seed + s);
      if (o.sgd) {  // the same sampling seeds at every d, as W's: common random numbers across d
        sgd_options so;
        so.grid = sorted;
        so.runs = runs;
        so.seed = o.seed + s;
        so.threads = threads > 1 ? 1 : 0;  // the curves are already spread over the cores
        const auto sr = run_sgd(m, inst, so);
        for (unsigned r = 0; r < runs; ++r)
          for (std::size_t k = 0; k < nf; ++k) per[s * runs + r][k][i] = sr.loss[r][at(k)];
      }
      const auto c = volterra_block_leap(inst.spectrum(m.gamma, m.batch), sorted);
      for (std::size_t k = 0; k < nf; ++k) (o.sgd ? per_exact : per)[s][k][i] = c.loss[at(k)];
    }
  };
  auto worker = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= nd) return;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (failure) return;
      }
      try {
        throw_if_interrupted();  // model/interrupt.hpp: between curves
        one_d(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!failure) failure = std::current_exception();
        return;
      }
      const std::size_t k = done.fetch_add(1) + 1;
      if (o.budget_seconds > 0) {
        const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double projected = spent / static_cast<double>(k) * static_cast<double>(nd);
        // after a few curves the projection is a fair guide (curve costs vary < 3x over d on the DE); past the budget, stop
        const bool over = spent > o.budget_seconds || (k >= 4 && projected > 2 * o.budget_seconds);
        if (over) {
          std::lock_guard<std::mutex> lock(mu);
          if (!failure)
            failure = std::make_exception_ptr(invalid_input(fmt::format(
                "the frontier would take ~{:.0f} s ({} of {} curves in {:.1f} s), beyond --budget-seconds {:g}: raise the budget, "
                "or narrow the window (fewer d points: --d-min/--d-max/--d-per-octave)", projected, k, nd, spent, o.budget_seconds)));
          return;
        }
      }
      if (o.progress) {
        std::lock_guard<std::mutex> lock(mu);
        o.progress(fmt::format("frontier: d = {} ({}/{})", res.d_grid[i], k, nd));
      }
    }
  };
  if (!o.deq && !o.model) {  // exact curves: up to `threads` instances at once, each as large as the largest d's
    plrf_options po = o.params;
    po.d = res.d_grid.back();
    const plrf m = plrf::from(po, true);
    require_memory(fmt::format("{} exact instances at once (d up to {:g}, v = {:g})", threads, double(m.d), m.v),
                   threads * 8.0 * (m.v * double(m.d) + 5 * double(m.d) * double(m.d)));
  }
  const blas_single_thread_scope one_blas_thread(threads > 1 && !o.deq && !o.model);  // exact curves in parallel: no OpenBLAS threads on top
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  summarise(per, o.seeds, runs, o, res);
  if (o.sgd) {  // the exact curves of the same instances, beside the SGD runs on them
    auto ex = std::make_shared<frontier_result>();
    ex->d_grid = res.d_grid;
    ex->flops = res.flops;
    summarise(per_exact, o.seeds, 1, o, *ex);
    res.exact = std::move(ex);
  }
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

const frontier_result& deq_frontier_cached(double alpha, double beta, bool quick, double xi_hint) {
  static computed_once<std::tuple<long long, long long, bool>, frontier_result> done;
  return done.get(std::tuple{std::llround(alpha * 1e9), std::llround(beta * 1e9), quick},
                  [&] { return compute_frontier(deq_frontier_options({.alpha = alpha, .beta = beta}, quick, xi_hint)); });
}

}  // namespace scalelaw
