// The premise measured (MODEL §4, issue 35): every term of the shipped catalogue against the sums it describes.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "check_list.hpp"
#include "scalelaw/phases/catalogue_check.hpp"

namespace scalelaw::checks {

result catalogue_measured(bool) {
  const auto v = phases::check_catalogue(phases::ppxp_catalogue(), 3, [](const std::string& line) { progress_line("  " + line); });
  unsigned passed = 0;
  double worst = 0;  // the largest |measured - catalogue| / tolerance over both exponents of every term
  std::string worst_term, failed;
  for (const auto& t : v.terms) {
    passed += t.passed ? 1 : 0;
    const double z = std::max(std::abs(t.measured.p - t.expected_p) / t.tolerance_p, std::abs(t.measured.q - t.expected_q) / t.tolerance_q);
    if (z > worst) {
      worst = z;
      worst_term = fmt::format("{} in {} at ({}, {})", phases::name(t.t), t.regime, t.alpha.get_str(), t.beta.get_str());
    }
    if (!t.passed) failed += fmt::format("{}{} in {} at ({}, {}): {}", failed.empty() ? "" : "; ", phases::name(t.t), t.regime,
                                         t.alpha.get_str(), t.beta.get_str(), t.why);
  }
  return with_numbers(
      {v.passed,
       fmt::format("{} of {} terms (every term of every regime, 3 points each) agree; the closest call: {} at {:.2f} "
                   "tolerances{}",
                   passed, v.terms.size(), worst_term, worst, failed.empty() ? "" : "; failed: " + failed),
       "the d- and r-exponents of data/catalogues/ppxp.toml at each point",
       "3 measured errors, at least 1e-3, at most 0.01",
       "local slopes over three decades of d and of r, Aitken-extrapolated; the error is the spread of the last three "
       "extrapolants (scalelaw catalogue check prints every term)"},
      {{"terms", v.terms.size()}, {"passed_terms", passed}, {"worst_over_tolerance", worst}},
      {{"passed_terms", v.terms.size()}, {"worst_over_tolerance_max", 1}}, {{"worst_over_tolerance", 1}});
}

}  // namespace scalelaw::checks
