// How fast a measured frontier reaches its derived cell (issue 7; docs/NOTES.md, "Why IVa cannot be measured to
// 0.01"). Along d = f^xi every term t of the regime decays as f^-rate_t(xi), rate_t = -q_t + (q_t - p_t) xi
// (derive.hpp); at the cell's xi the crossing pair decays at eta and every other term faster, by its gap
// rate_t - eta. So the nearest other term's share of the loss at the optimum falls only as f^-gap: while it is not
// small, it pulls d* towards the balance it forms with the pair's member of opposite slope (the "alternative"
// balance), and the measured (xi, eta) lie between that balance and the cell.
#pragma once
#include <cmath>

#include "scalelaw/phases/derive.hpp"

namespace scalelaw::phases {

struct approach {
  bool has_next = false;
  term next = term::F0;       ///< the other term with the smallest gap
  double gap = NAN;           ///< rate_next(xi) - eta at the cell: its share falls as f^-gap along the frontier
  double xi_alt = NAN, eta_alt = NAN;  ///< the balance of `next` with the pair's member of opposite slope
  /// Decades of f over which `next`'s share falls by a factor 10: 1 / gap.
  double decades_per_tenfold() const { return 1 / gap; }
};

/// From the regime's monomials (catalogue.hpp) at (alpha, beta), in double.
approach approach_of(const classification& c, double alpha, double beta);

}  // namespace scalelaw::phases
