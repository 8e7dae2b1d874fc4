#include "scalelaw/sweep/grid.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "scalelaw/frontier/frontier.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"

namespace scalelaw {

std::vector<rational> parse_range(std::string_view name, std::string_view text) {
  const auto c1 = text.find(':');
  if (c1 == std::string_view::npos) return {parse_exact(name, text)};
  const auto c2 = text.find(':', c1 + 1);
  if (c2 == std::string_view::npos || text.find(':', c2 + 1) != std::string_view::npos)
    throw invalid_input(fmt::format("--{} '{}' must be FROM:TO:N or one number", name, text));
  const rational from = parse_exact(name, text.substr(0, c1)), to = parse_exact(name, text.substr(c1 + 1, c2 - c1 - 1));
  const rational n = parse_exact(name, text.substr(c2 + 1));
  if (n.get_den() != 1 || n < 0 || n > 1000)
    throw invalid_input(fmt::format("--{} '{}': N = {} must be a whole number of points, 1..1000", name, text, to_string(n)));
  if (n == 0) throw invalid_input(fmt::format("--{} '{}' is empty (N = 0)", name, text));
  if (n == 1) {
    if (from != to) throw invalid_input(fmt::format("--{} '{}': one point needs FROM = TO", name, text));
    return {from};
  }
  if (!(to > from)) throw invalid_input(fmt::format("--{} '{}' is reversed or empty: need FROM < TO", name, text));
  std::vector<rational> out;
  const long count = n.get_num().get_si();
  for (long k = 0; k < count; ++k) {
    rational v = from + (to - from) * k / (count - 1);
    v.canonicalize();
    out.push_back(v);
  }
  return out;
}

std::string sweep_point::key() const { return "alpha=" + to_string(alpha) + " beta=" + to_string(beta); }

std::vector<sweep_point> sweep_grid(const std::vector<rational>& alphas, const std::vector<rational>& betas) {
  std::vector<sweep_point> out;
  bool any = false;
  for (const rational& a : alphas) {
    if (!(a > 0)) throw invalid_input(fmt::format("alpha = {} is out of range: the grid needs alpha > 0", to_string(a)));
    for (const rational& b : betas) {
      out.push_back({a, b});
      any = any || out.back().learns();
    }
  }
  if (!any)
    throw invalid_input("every point of the grid is in the region with no learning (2 alpha + 2 beta <= 1): nothing to measure");
  return out;
}

line_spec parse_line(std::string_view text) {
  const auto eq = text.find('=');
  const std::string_view which = text.substr(0, eq == std::string_view::npos ? 0 : eq);
  if (eq == std::string_view::npos || (which != "alpha" && which != "beta"))
    throw invalid_input(fmt::format("--line '{}' must be alpha=X or beta=Y", text));
  return {which == "alpha", parse_exact(which, text.substr(eq + 1))};
}

double expected_cost(const sweep_point& p) {
  if (!p.learns()) return 0;
  double xi = 0.5;  // a point the table cannot place (none: every learning point has a cell) costs as a middle one
  try { xi = nearest_double(phases::classify(p.alpha, p.beta).xi); } catch (const std::exception&) {}
  const deq_reach w = deq_reach_window(xi);
  const double lo = std::log10(w.d_min), hi = std::log10(w.d_max);
  const double curves = 2 * (hi - lo) / std::log10(2.0) + 1;
  return curves * (1 + nearest_double(p.alpha) * (lo + hi) / 2);
}

std::vector<std::size_t> longest_first(const std::vector<sweep_point>& points, std::vector<std::size_t> which) {
  std::vector<double> cost(points.size(), 0);
  for (std::size_t i : which) cost[i] = expected_cost(points[i]);
  std::stable_sort(which.begin(), which.end(), [&](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
  return which;
}

}  // namespace scalelaw
