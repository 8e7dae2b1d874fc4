// Measured phase boundaries along a line of the (alpha, beta) plane (issue 22 item 5). Along the line the derived
// phase changes at known positions; the measured exponents change regime there as a kink (xi: Ia's 1/(2a+1) is flat
// in beta, II's beta/(a+beta) rises, III's 1/2 is flat again). The measured position is where straight lines through
// the measured points nearest the boundary on each side cross; its interval is the range of that crossing over the
// choices of 2 or 3 points per side (the curvature of the exponents and the measurement's own error both move it).
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace scalelaw {

struct line_measurement {
  double t;               ///< the coordinate that varies along the line (beta on alpha = X, alpha on beta = Y)
  std::string phase;      ///< derived phase at the point
  double xi, eta;         ///< measured (NaN where not measured)
  double xi_theory, eta_theory;
};

struct measured_boundary {
  std::string left, right;   ///< the derived phases on either side
  double derived;            ///< where the derived phase changes (bisection on the derived table to 1e-9)
  std::string exponent;      ///< "xi" or "eta": the one whose derived slope changes more there
  double measured = 0;       ///< NaN when too few measured points on a side
  double lo = 0, hi = 0;     ///< the interval of `measured`
  int points_left = 0, points_right = 0;
};

/// `points` sorted by t, all on one line; `derived_phase_at(t)` names the derived phase at any t of the line.
std::vector<measured_boundary> measured_boundaries(const std::vector<line_measurement>& points,
                                                   const std::function<std::string(double)>& derived_phase_at);

/// The same, with the derived phase from lib/phases (classify) on the line alpha = value (alpha_fixed) or beta = value.
std::vector<measured_boundary> measured_boundaries_on_line(const std::vector<line_measurement>& points, bool alpha_fixed,
                                                           double value);

}  // namespace scalelaw
