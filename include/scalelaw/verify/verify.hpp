// `scalelaw verify`: a claims file judged against the derivation and against measurements (issue 36 item 3).
//   symbolic (every claim): on every open cell of the arrangement of the claim's region and the table's regions that
//     lies inside the claim's region, the claimed formulas equal the derived ones as rational functions (exponent
//     claims), or the claimed r-exponent equals the catalogue's (asymptotic claims). An empty region, or one that meets
//     several phases, is reported with the cells it meets.
//   numeric: at exact sample points inside the region (away from its walls and the phase's), an exponent claim's cell
//     (xi, eta) is judged against the default DE frontier measured there with the frontier verdict (frontier/verdict.hpp:
//     bridge + limit, and |measured - cell| <= 0.01 where the DE reaches the cell); an asymptotic claim's ratio
//     sum / (form r^exponent) is taken from certified sums at r = 10^4..10^12 and its limit extrapolated (Aitken), with
//     the rate at which it converges. Numeric checks need the PPXP model: a claim about another catalogue is judged
//     symbolically only.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "scalelaw/frontier/verdict.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/verify/claims.hpp"

namespace scalelaw::verify {

struct cell_met {
  std::vector<rational> x;  ///< an exact point of the cell, one coordinate per parameter
  std::string phase;    ///< the derived phase there (empty: no phase of the table, e.g. no learning)
  bool agrees = false;  ///< the claim's formulas (exponents) equal the phase's there
};

struct symbolic_verdict {
  bool empty = false;   ///< no open cell of the region (nothing to claim)
  std::vector<std::string> phases_met;
  std::vector<cell_met> cells;
  bool passed = false;
  std::string why;      ///< in words when it fails
};

struct point_verdict {
  rational a, b;                     ///< the point (PPXP: alpha, beta)
  std::string phase;                 ///< derived, at the point
  double expected_xi = 0, expected_eta = 0;  ///< exponent claims: the claim's cell at the point
  frontier_verdict frontier;         ///< exponent claims
  // asymptotic claims
  double expected_exponent = 0;
  std::vector<double> r, ratio;      ///< sum / (form r^exponent) at r
  double limit = 0, limit_error = 0, rate = 0, tolerance = 0;
  bool measured = false, passed = false;
  std::string why;
};

struct claim_verdict {
  const claim* c = nullptr;
  symbolic_verdict symbolic;
  std::vector<point_verdict> points;
  bool numeric_run = false;          ///< false: the catalogue has no model to measure (not PPXP)
  bool passed = false;
  std::string why;
};

struct verify_options {
  unsigned points = 3;          ///< sample points per claim
  double budget_seconds = 0;    ///< > 0: no new point is started after this long; the claims left are not decided (fail)
  std::function<void(const std::string&)> progress;  ///< one line per point
};

symbolic_verdict check_symbolic(const claim& c, const phases::catalogue& cat, const std::vector<phases::phase>& table);

/// The limit of a ratio sequence by Aitken's delta^2 on its last three terms, with the error from the last two
/// extrapolants, and the rate omega of |ratio - limit| ~ x^-omega.
struct ratio_limit { double value = 0, error = 0, rate = 0; };
ratio_limit extrapolated_limit(const std::vector<double>& log_x, const std::vector<double>& ratio);

std::vector<claim_verdict> verify_claims(const claims& cs, const verify_options& o);

}  // namespace scalelaw::verify
