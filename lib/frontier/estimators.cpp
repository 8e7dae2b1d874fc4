#include "scalelaw/frontier/estimators.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "scalelaw/frontier/frontier.hpp"

namespace scalelaw {

namespace {

// The indices k of the flops grid in the top `fit_decades` decades (all when 0).
std::vector<std::size_t> fit_window(const std::vector<double>& flops, double fit_decades) {
  std::vector<std::size_t> ks;
  const double cut = fit_decades > 0 ? std::log(flops.back()) - fit_decades * std::log(10.0) : -INFINITY;
  for (std::size_t k = 0; k < flops.size(); ++k)
    if (std::log(flops[k]) >= cut - 1e-9) ks.push_back(k);
  return ks;
}

// discrete minimum over the grid at flops index k, and whether it lies >= margin (in ln d) inside the grid
std::pair<std::size_t, bool> grid_minimum(const std::vector<double>& d_grid, const std::vector<double>& row, double margin) {
  const std::size_t i = static_cast<std::size_t>(std::min_element(row.begin(), row.end()) - row.begin());
  const double lo = std::log(d_grid[i] / d_grid.front()), hi = std::log(d_grid.back() / d_grid[i]);
  return {i, i > 0 && i + 1 < row.size() && lo >= margin && hi >= margin};
}

}  // namespace

exponent_estimate estimate_envelope(const std::vector<double>& d_grid, const std::vector<double>& flops,
                                    const std::vector<std::vector<double>>& P, double fit_decades, double edge_margin) {
  std::vector<double> lf, ld, lp;
  for (const std::size_t k : fit_window(flops, fit_decades)) {
    const auto [i, interior] = grid_minimum(d_grid, P[k], edge_margin);
    if (!interior) continue;
    lf.push_back(std::log(flops[k]));
    ld.push_back(std::log(d_grid[i]));
    lp.push_back(std::log(P[k][i]));
  }
  if (lf.size() < 2) return {NAN, NAN};
  return {ls_slope(lf, ld), -ls_slope(lf, lp)};
}

exponent_estimate estimate_isoflop(const std::vector<double>& d_grid, const std::vector<double>& flops,
                                   const std::vector<std::vector<double>>& P, double fit_decades, double edge_margin) {
  const frontier_fit f = fit_frontier(d_grid, flops, P, fit_decades, edge_margin);
  return {f.xi, f.eta};
}

exponent_estimate estimate_parametric(const std::vector<double>& d_grid, const std::vector<double>& flops,
                                      const std::vector<std::vector<double>>& P, double fit_decades, double edge_margin) {
  struct point { double ld, lr, p; };
  std::vector<point> pts;
  unsigned optima = 0;
  for (const std::size_t k : fit_window(flops, fit_decades)) {
    const auto [i0, interior] = grid_minimum(d_grid, P[k], edge_margin);
    if (!interior) continue;
    ++optima;
    for (std::size_t i = 0; i < d_grid.size(); ++i)
      if (std::abs(std::log(d_grid[i] / d_grid[i0])) <= 2.0)
        pts.push_back({std::log(d_grid[i]), std::log(flops[k] / d_grid[i]), P[k][i]});
  }
  if (optima < 2 || pts.size() < 5) return {NAN, NAN};
  // for fixed (a, b) the relative residual sum_j ((A u_j + B v_j) / p_j - 1)^2 is linear least squares in (A, B)
  auto residual = [&](double a, double b) -> double {
    if (!(a > 0 && b > 0 && a < 20 && b < 20)) return INFINITY;
    double suu = 0, suv = 0, svv = 0, su = 0, sv = 0, s1 = 0;
    for (const auto& q : pts) {
      const double u = std::exp(-a * q.ld) / q.p, v = std::exp(-b * q.lr) / q.p;
      suu += u * u; suv += u * v; svv += v * v; su += u; sv += v; s1 += 1;
    }
    const double det = suu * svv - suv * suv;
    if (!(det > 0)) return INFINITY;
    const double A = (su * svv - sv * suv) / det, B = (sv * suu - su * suv) / det;
    if (!(A > 0 && B > 0)) return INFINITY;
    return s1 - A * su - B * sv;  // = min over (A, B) of the residual sum (normal equations)
  };
  // start: the best of a coarse grid, then Nelder–Mead to the rounding level
  std::array<double, 2> best{0.5, 0.5};
  double fbest = INFINITY;
  for (double a = 0.05; a <= 4; a *= 1.5)  // 11 x 11 starts: Nelder–Mead does the rest (a bootstrap calls this 200 times)
    for (double b = 0.05; b <= 4; b *= 1.5)
      if (const double r = residual(a, b); r < fbest) { fbest = r; best = {a, b}; }
  if (!std::isfinite(fbest)) return {NAN, NAN};
  std::array<std::array<double, 2>, 3> s{best, std::array<double, 2>{best[0] * 1.2, best[1]}, std::array<double, 2>{best[0], best[1] * 1.2}};
  std::array<double, 3> fs{};
  for (int j = 0; j < 3; ++j) fs[j] = residual(s[j][0], s[j][1]);
  for (int it = 0; it < 1000; ++it) {
    std::array<int, 3> o{0, 1, 2};
    std::sort(o.begin(), o.end(), [&](int x, int y) { return fs[x] < fs[y]; });
    const auto lo = s[o[0]], mid = s[o[1]], hi = s[o[2]];
    // converged: the simplex is below 1e-12 across, or its values agree to rounding (a flat residual stalls it above that)
    if (std::abs(hi[0] - lo[0]) + std::abs(hi[1] - lo[1]) < 1e-12 || fs[o[2]] - fs[o[0]] <= 1e-15 * std::abs(fs[o[0]]) + 1e-300) break;
    const std::array<double, 2> c{(lo[0] + mid[0]) / 2, (lo[1] + mid[1]) / 2};
    auto along = [&](double t) { return std::array<double, 2>{c[0] + t * (hi[0] - c[0]), c[1] + t * (hi[1] - c[1])}; };
    const auto xr = along(-1);
    const double fr = residual(xr[0], xr[1]);
    if (fr < fs[o[0]]) {
      const auto xe = along(-2);
      const double fe = residual(xe[0], xe[1]);
      if (fe < fr) { s[o[2]] = xe; fs[o[2]] = fe; } else { s[o[2]] = xr; fs[o[2]] = fr; }
    } else if (fr < fs[o[1]]) {
      s[o[2]] = xr; fs[o[2]] = fr;
    } else {
      const auto xc = along(fr < fs[o[2]] ? -0.5 : 0.5);
      const double fc = residual(xc[0], xc[1]);
      if (fc < std::min(fr, fs[o[2]])) { s[o[2]] = xc; fs[o[2]] = fc; }
      else {  // shrink towards the best vertex
        for (int j : {o[1], o[2]}) {
          s[j] = {(s[j][0] + lo[0]) / 2, (s[j][1] + lo[1]) / 2};
          fs[j] = residual(s[j][0], s[j][1]);
        }
      }
    }
  }
  const int j = static_cast<int>(std::min_element(fs.begin(), fs.end()) - fs.begin());
  const double a = s[j][0], b = s[j][1];
  return {b / (a + b), a * b / (a + b), a, b};
}

exponent_estimate estimate_exponents(int estimator, const std::vector<double>& d_grid, const std::vector<double>& flops,
                                     const std::vector<std::vector<double>>& P, double fit_decades, double edge_margin) {
  switch (estimator) {
    case 1: return estimate_envelope(d_grid, flops, P, fit_decades, edge_margin);
    case 2: return estimate_isoflop(d_grid, flops, P, fit_decades, edge_margin);
    case 3: return estimate_parametric(d_grid, flops, P, fit_decades, edge_margin);
    default: throw std::invalid_argument("estimator must be 1, 2 or 3");
  }
}

}  // namespace scalelaw
