// The pure-point / absolutely-continuous split of the DE forcing (MODEL §3-§4): F(r) - F_0 = 1/2 sum w q^r
// over the DE spectrum; its pure-point part is the atoms' sum Fpp_sum(r) = 1/2 sum_{j<=v} j^{-2a-2b} q(j^{-2a})^r
// (MODEL §4, the top eigenvalues ~ j^{-2 alpha}); the rest is F_ac. The split is sharp when the atoms are well
// separated from the bulk (2 alpha > 1); for 2 alpha < 1 the atoms are shifted and only part of each mode's
// target is learnable, and F_ac defined this way is of F_0's size (DERIVATIONS §6).
#pragma once
#include <cmath>

#include "scalelaw/spectral/terms.hpp"
#include "scalelaw/volterra/contour_spectrum.hpp"
#include "scalelaw/volterra/spectrum.hpp"

namespace scalelaw {

struct forcing_split {
  double excess;        ///< F(r) - F_0 from the DE spectrum
  double pure_point;    ///< Fpp_sum(r) at the same v, gamma, B
  double ac() const { return excess - pure_point; }  ///< F_ac(r)
};

/// Any loss spectrum: the DE one, or an exact finite-d instance's (then F_ac carries that instance's fluctuations).
inline forcing_split split_forcing(const loss_spectrum& s, double alpha, double beta, double v, double r) {
  double excess = 0;
  for (std::size_t i = 0; i < s.size(); ++i) excess += 0.5 * s.weight[i] * std::pow(s.q(i), r);
  const double pp = fpp_sum<double>(alpha, beta, s.gamma, static_cast<double>(s.batch), r, v).value;
  return {excess, pp};
}

/// The DE spectrum by contour quadrature (deq/contour.hpp): the excess without F_0 (forcing_excess), and no smoothing of
/// the measure, so no density leaks from the bulk into the atoms' range.
inline forcing_split split_forcing(const contour_spectrum& s, double alpha, double beta, double v, double r) {
  return {forcing_excess(s, r), fpp_sum<double>(alpha, beta, s.gamma, static_cast<double>(s.batch), r, v).value};
}

}  // namespace scalelaw
