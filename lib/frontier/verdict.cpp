#include "scalelaw/frontier/verdict.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "scalelaw/model/computed_once.hpp"

namespace scalelaw {

namespace {

// The model's frontier on f = 10^lo .. 10^(lo+5), one flops value per decade, d = 10^(xi lo - 3) .. 10^(xi (lo+5) + 3)
// at 2 per octave (the minimiser's grid, no grid-phase bias), optima >= 1.4 in ln d inside the grid, slopes over all
// six points (NOTES table: these windows give the cells to 2e-4).
frontier_result model_window(const frontier_options& o, double xi, double lo) {
  frontier_options m;
  m.params = o.params;
  // the limit is that of the family the cells are derived for, v = rho d and gamma by the gamma_mult rule: a given v has
  // no f -> inf limit (d <= v), and a given gamma turns unstable as d grows where sum_j j^-2alpha diverges (2 alpha < 1).
  // The bridge (the same window) keeps them.
  m.params.v.reset();
  m.params.gamma.reset();
  m.model = true;
  m.seeds = 1;
  m.threads = o.threads;
  m.flops_min = std::pow(10.0, lo);
  m.flops_max = std::pow(10.0, lo + 5);
  m.flops_points = 6;
  m.d_min = std::pow(10.0, xi * lo - 3);
  m.d_max = std::pow(10.0, xi * (lo + 5) + 3);
  m.d_per_octave = 2;
  m.edge_margin = 1.4;
  return compute_frontier(m);
}

bool close(double a, double b, double tol) { return std::abs(a - b) <= tol; }  // false for NaN

}  // namespace

model_continuation continue_with_model(const frontier_options& o, const frontier_result& fr) {
  const auto t0 = std::chrono::steady_clock::now();
  model_continuation c;
  frontier_result near;
  if (o.model) {
    near = fr;  // the measurement is the model on this window already (deterministic): no second run
  } else {
    frontier_options same = o;
    same.model = true;
    same.deq = false;
    same.sgd = false;
    same.seeds = 1;
    same.progress = nullptr;
    near = compute_frontier(same);
  }
  c.xi_same = near.xi;
  c.eta_same = near.eta;
  // the hint: the measured xi, else the model's; clamped to (0, 1) where d* ~ f^xi can lie
  double xi = !std::isnan(fr.xi) ? fr.xi : !std::isnan(near.xi) ? near.xi : 0.5;
  xi = std::clamp(xi, 0.05, 0.95);
  const frontier_result mid = model_window(o, xi, 60);
  c.xi_mid = mid.xi;
  c.eta_mid = mid.eta;
  if (!std::isnan(mid.xi)) xi = std::clamp(mid.xi, 0.05, 0.95);
  const frontier_result far = model_window(o, xi, 80);
  c.xi_far = far.xi;
  c.eta_far = far.eta;
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

const model_continuation& deq_continuation_cached(double alpha, double beta, double xi_hint) {
  static computed_once<std::pair<long long, long long>, model_continuation> done;  // keyed as deq_frontier_cached
  return done.get(std::pair{std::llround(alpha * 1e9), std::llround(beta * 1e9)}, [&] {
    return continue_with_model(deq_frontier_options({.alpha = alpha, .beta = beta}, false, xi_hint),
                               deq_frontier_cached(alpha, beta, false, xi_hint));
  });
}

frontier_verdict judge_frontier(double xi_cell, double eta_cell, const frontier_result& fr, const model_continuation& m) {
  frontier_verdict v;
  v.xi_cell = xi_cell; v.eta_cell = eta_cell; v.xi = fr.xi; v.eta = fr.eta; v.model = m;
  using T = verdict_tolerance;
  v.within = close(fr.xi, xi_cell, 0.01) && close(fr.eta, eta_cell, 0.01);
  v.bridge = close(fr.xi, m.xi_same, T::bridge) && close(fr.eta, m.eta_same, T::bridge);
  v.settled = close(m.xi_far, m.xi_mid, T::settle) && close(m.eta_far, m.eta_mid, T::settle);
  v.limit = v.settled && close(m.xi_far, xi_cell, T::limit) && close(m.eta_far, eta_cell, T::limit);
  return v;
}

std::string frontier_verdict::kind() const {
  if (std::isnan(xi) || std::isnan(eta)) return "no frontier";
  if (!bridge) return "no bridge";
  if (!settled) return "not settled";
  if (!limit) return "limit missed";
  return "bridge+limit";
}

std::string frontier_verdict::text() const {
  return fmt::format("{} {}: measured ({:.4f}, {:.4f}) {} 0.01 of the cell ({:.4f}, {:.4f}); model on the same window ({:.4f}, {:.4f}), "
                     "at f = 1e60 ({:.5f}, {:.5f}), at f = 1e80 ({:.5f}, {:.5f})",
                     passed() ? "pass" : "FAIL", kind(), xi, eta, within ? "within" : "not within", xi_cell, eta_cell, model.xi_same,
                     model.eta_same, model.xi_mid, model.eta_mid, model.xi_far, model.eta_far);
}

bool cell_reached(const frontier_verdict& v, const std::string& label) {
  if (label == "IVa") return std::abs(v.xi - v.model.xi_same) <= iva_bridge && std::abs(v.eta - v.model.eta_same) <= iva_bridge;
  return v.within;
}

std::string reach_text(const std::string& label) {
  return label == "IVa" ? fmt::format("IVa: |measured - model on the same window| <= {} (measured 0.006)", iva_bridge)
                        : "and |measured - cell| <= 0.01";
}

std::string frontier_tolerance_text() {
  return fmt::format("bridge: |measured - model on the same window| <= {}; limit: |model at f = 1e80..1e85 - cell| <= {}, settled "
                     "(moved <= {} since 1e60..1e65)",
                     verdict_tolerance::bridge, verdict_tolerance::limit, verdict_tolerance::settle);
}

}  // namespace scalelaw
