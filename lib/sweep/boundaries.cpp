#include "scalelaw/sweep/boundaries.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/derive.hpp"

namespace scalelaw {

namespace {

struct line2 { double slope, intercept; };

// least-squares line through (t, y) of the given points
line2 fit(const std::vector<std::pair<double, double>>& p) {
  double st = 0, sy = 0, stt = 0, sty = 0;
  const double n = static_cast<double>(p.size());
  for (const auto& [t, y] : p) { st += t; sy += y; stt += t * t; sty += t * y; }
  const double slope = (n * sty - st * sy) / (n * stt - st * st);
  return {slope, (sy - slope * st) / n};
}

}  // namespace

std::vector<measured_boundary> measured_boundaries(const std::vector<line_measurement>& points,
                                                   const std::function<std::string(double)>& phase_at) {
  std::vector<measured_boundary> out;
  for (std::size_t k = 0; k + 1 < points.size(); ++k) {
    if (points[k].phase == points[k + 1].phase) continue;
    measured_boundary b;
    b.left = points[k].phase;
    b.right = points[k + 1].phase;
    double lo = points[k].t, hi = points[k + 1].t;  // phase_at(lo) is left's, phase_at(hi) is not
    for (int it = 0; it < 200 && hi - lo > 1e-9; ++it) {
      const double mid = (lo + hi) / 2;
      (phase_at(mid) == b.left ? lo : hi) = mid;
    }
    b.derived = (lo + hi) / 2;
    // the points of each side, nearest first, within the two phases
    std::vector<const line_measurement*> left, right;
    for (std::size_t i = k + 1; i-- > 0 && points[i].phase == b.left;) left.push_back(&points[i]);
    for (std::size_t i = k + 1; i < points.size() && points[i].phase == b.right; ++i) right.push_back(&points[i]);
    b.points_left = static_cast<int>(left.size());
    b.points_right = static_cast<int>(right.size());
    // the exponent whose derived slope in t changes more across the boundary (from the derived values at the points)
    auto slope_change = [&](double line_measurement::*theory) {
      if (left.size() < 2 || right.size() < 2) return 0.0;
      const double sl = (left[0]->*theory - left[1]->*theory) / (left[0]->t - left[1]->t);
      const double sr = (right[1]->*theory - right[0]->*theory) / (right[1]->t - right[0]->t);
      return std::abs(sl - sr);
    };
    const bool use_xi = slope_change(&line_measurement::xi_theory) >= slope_change(&line_measurement::eta_theory);
    b.exponent = use_xi ? "xi" : "eta";
    const double line_measurement::*y = use_xi ? &line_measurement::xi : &line_measurement::eta;
    b.measured = b.lo = b.hi = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t nl = 2; nl <= 3; ++nl)
      for (std::size_t nr = 2; nr <= 3; ++nr) {
        if (left.size() < nl || right.size() < nr) continue;
        std::vector<std::pair<double, double>> pl, pr;
        bool finite = true;
        for (std::size_t i = 0; i < nl; ++i) { pl.emplace_back(left[i]->t, left[i]->*y); finite = finite && std::isfinite(left[i]->*y); }
        for (std::size_t i = 0; i < nr; ++i) { pr.emplace_back(right[i]->t, right[i]->*y); finite = finite && std::isfinite(right[i]->*y); }
        if (!finite) continue;
        const line2 a = fit(pl), c = fit(pr);
        if (a.slope == c.slope) continue;
        const double cross = (c.intercept - a.intercept) / (a.slope - c.slope);
        if (nl == 2 && nr == 2) b.measured = cross;
        b.lo = std::isnan(b.lo) ? cross : std::min(b.lo, cross);
        b.hi = std::isnan(b.hi) ? cross : std::max(b.hi, cross);
      }
    out.push_back(b);
  }
  return out;
}

std::vector<measured_boundary> measured_boundaries_on_line(const std::vector<line_measurement>& points, bool alpha_fixed,
                                                           double value) {
  return measured_boundaries(points, [&](double t) {
    const rational a = exact_of(alpha_fixed ? value : t), b = exact_of(alpha_fixed ? t : value);
    if (!(2 * a + 2 * b > 1) || !(a > 0)) return std::string("no learning");
    return phases::classify(a, b).ph->label;
  });
}

}  // namespace scalelaw
