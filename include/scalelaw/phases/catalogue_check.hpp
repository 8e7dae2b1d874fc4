// `scalelaw catalogue check`: a catalogue's monomials against the terms measured from the sums (issue 35 item 2). For
// every regime, at sample points of the plane arrangement inside it and away from its walls, every term named Fpp, Fac,
// F0 or Kpp is measured (term_measure.hpp) and its exponents compared with the catalogue's, evaluated exactly there.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/phases/catalogue_file.hpp"
#include "scalelaw/phases/term_measure.hpp"

namespace scalelaw::phases {

struct term_verdict {
  std::string regime;
  term t;
  rational alpha, beta;
  term_exponents measured;
  double expected_p = 0, expected_q = 0;
  double tolerance_p = 0, tolerance_q = 0;  ///< min(0.01, max(3 error, 1e-3)): from the measurement's own
                                            ///< error; a term whose error exceeds 0.005 is not measured (fails)
  bool passed = false;
  std::string why;  ///< what failed, in words (empty when passed)
};

struct catalogue_verdict {
  std::vector<term_verdict> terms;
  bool passed = false;
};

/// The sample points of a regime: exact points of the arrangement of its conditions and the lines alpha = i/10,
/// beta = j/8 (refined to 1/64 where the regime is small) inside 1/10 < alpha < 7/5, -1/4 < beta < 3/2 (the DE
/// spectrum that F_ac is measured from diverges from alpha ~ 1.5 on: docs/NOTES.md), at least `count` of them, as far from the regime's walls as the
/// regime allows and spread out (farthest-point order). Empty when the regime has no point in that box.
std::vector<std::pair<rational, rational>> regime_sample_points(const regime& reg, unsigned count = 3);

/// The maximum tolerance of a measured exponent (issue 35: at most 0.01).
constexpr double max_exponent_tolerance = 0.01;

/// Compares one measured term with the monomial; fills expected, tolerance, passed, why.
void judge(term_verdict& v, const monomial& m);

/// Measures every term of every regime at its sample points (memo: one measurement per term and point, whatever the
/// catalogue says) and judges each. `progress` (optional) gets one line per measured term.
catalogue_verdict check_catalogue(const catalogue& cat, unsigned points_per_regime = 3,
                                  const std::function<void(const std::string&)>& progress = {});

}  // namespace scalelaw::phases
