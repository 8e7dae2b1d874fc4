// The four loss terms' shares at a frontier point (MODEL §4 split of the loss; used to tell whether a frontier is
// still pulled by a term the derived cell leaves out: phases/approach.hpp). For curves (exact, deq):
//   F0 = the spectrum's F_0, Fpp = the atoms' sum Fpp_sum(r) at the same v, gamma, B (deq/forcing_split.hpp),
//   Fac = F(r) - F0 - Fpp, Kpp = P(r) - F(r) (the noise part of the Volterra equation, MODEL §2);
// for the model (frontier_options::model) its own four terms (frontier/model.hpp).
// Computed afresh at d = round(d*), r = round(f / d) (one more DE curve, ~1 s), not interpolated from the table: at fixed f
// the terms are steep in d (F_pp ~ d^4 in IVa), and log-linear interpolation over half an octave was off by 1% in their sum.
#pragma once
#include <cstddef>

#include "scalelaw/frontier/frontier.hpp"

namespace scalelaw {

struct term_shares {
  double F0 = 0, Fpp = 0, Fac = 0, Kpp = 0;  ///< fractions of P(d, r) (they sum to 1)
  double loss = 0;                           ///< P(d, r) itself
};

/// The shares at (d, r) for the options' (alpha, beta, rho, gamma rule, B); deq or model only (an exact instance's
/// split would carry its seed's fluctuations: invalid_input).
term_shares shares_at(const frontier_options& o, double d, double r);

/// At fr.points[k] (which must be interior); o must be the options fr was computed with.
term_shares shares_at_optimum(const frontier_options& o, const frontier_result& fr, std::size_t k);

}  // namespace scalelaw
