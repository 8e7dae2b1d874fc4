// A loss term's exponents measured from the toolkit's own sums (issue 35 item 2; MODEL §4), with no catalogue in sight:
// the catalogue check (catalogue_check.hpp) compares these numbers with a catalogue's monomials d^p r^q.
//
// What is measured, at a point (alpha, beta), with v = 4 d, B = 1, gamma = (1/2) / sum_{j<=v} j^{-2 alpha} (MODEL §1):
//   Fpp = Fpp_sum(r), Kpp = Kpp_sum(r) / (gamma B) (the noise term as the loss carries it, MODEL §4), F0 = the DE's
//   limit F0(d) (MODEL §3), all certified enclosures (spectral/enclosure.hpp); Fac = the DE forcing (contour quadrature,
//   deq/contour.hpp) minus F0 and the atoms' sum (deq/forcing_split.hpp), in double.
//   q (the r-exponent): local slopes of log T in log r at fixed d over three decades of x = 2 gamma B r, d so large that
//     the cut-off at v is far (x^{1/(2 alpha)} / v < 1e-40);
//   p (the d-exponent): local slopes along d at fixed gamma r (the variable every form is written in; r ~ d^{1-2 alpha}
//     when 2 alpha < 1), over three decades of d; p = slope - (d log r / d log d) q.
// Each slope is extrapolated (Aitken's delta^2 on the local slopes, which removes one geometric correction d^{-omega});
// its error is the change between the last two extrapolants, or the spread of the last slopes when they do not
// converge geometrically.
#pragma once
#include <string>
#include <vector>

#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/phases/catalogue.hpp"

namespace scalelaw::phases {

/// The limit of the local slopes (log y_{k+1} - log y_k) / (log x_{k+1} - log x_k) and its estimated error.
struct slope_estimate {
  double value = 0, error = 0;
  std::vector<double> local;  ///< the local slopes
  double x_from = 0, x_to = 0;
};
slope_estimate extrapolated_slope(const std::vector<double>& log_x, const std::vector<double>& log_y);

struct term_exponents {
  double p = 0, p_error = 0;  ///< d-exponent
  double q = 0, q_error = 0;  ///< r-exponent
  slope_estimate along_d, along_r;
  std::string how;            ///< the windows, in words
};

/// Measures term t at (alpha, beta) (2 alpha + 2 beta > 1, alpha > 0). Throws invalid_input for Fac where the
/// deterministic equivalent cannot separate it (2 alpha <= 1 or 2 beta <= 1: F_ac is of F0's size there, MODEL §4).
term_exponents measure_term(term t, const rational& alpha, const rational& beta);

}  // namespace scalelaw::phases
