// The points of a sweep over the (alpha, beta) plane (issue 22): a grid `--alpha A0:A1:N --beta B0:B1:M` or a line
// `--line alpha=X --beta B0:B1:M`, exact (the k-th value is A0 + k (A1 - A0)/(N - 1) as a rational, so the same grid
// names the same points on every machine and rank), in a fixed order (alpha, then beta).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

/// "A0:A1:N" (N >= 1 values from A0 to A1, A1 > A0 when N > 1) or one number "X". Throws invalid_input for an
/// empty (N = 0) or reversed range, N > 1000, or text that is not exact decimals (numeric/exact.hpp).
std::vector<rational> parse_range(std::string_view name, std::string_view text);

struct sweep_point {
  rational alpha, beta;
  bool learns() const { return 2 * alpha + 2 * beta > 1; }  ///< MODEL §1: no learning where 2 alpha + 2 beta <= 1
  std::string key() const;  ///< "alpha=7/10 beta=1": the identity of a point in points.jsonl
};

/// The grid alpha x beta (alpha outer). Throws invalid_input when alpha <= 0 somewhere or no point learns.
std::vector<sweep_point> sweep_grid(const std::vector<rational>& alphas, const std::vector<rational>& betas);

/// The default frontier's expected cost at a point, in arbitrary units (issue 38 item 3): the curves of its d grid
/// (deq_reach_window placed by the derived xi, 2 per octave) times each curve's contour length, ~ 1 + alpha log10 d
/// (the spectrum reaches down to d^{-2 alpha}), at the grid's mean log d. Spearman 0.86 with the measured seconds of
/// the stored 12 x 12 sweep (data/sweep/grid_12x12.jsonl; alpha alone: 0.70). 0 where the point does not learn.
double expected_cost(const sweep_point& p);

/// Indices of `points` (the given subset `which`) in longest-processing-time order: the costliest first, so that the
/// ranks' last points are short ones and no rank finishes alone; ties keep the grid's order.
std::vector<std::size_t> longest_first(const std::vector<sweep_point>& points, std::vector<std::size_t> which);

/// "alpha=0.7" or "beta=0.8": the fixed coordinate of a line. Throws invalid_input otherwise.
struct line_spec { bool alpha_fixed; rational value; };
line_spec parse_line(std::string_view text);

}  // namespace scalelaw
