#include "scalelaw/volterra/contour_spectrum.hpp"

#include <cmath>
#include <fmt/format.h>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/volterra/spectrum.hpp"

namespace scalelaw {

double kernel_norm(const contour_spectrum& s) {
  std::complex<double> acc = 0;
  for (std::size_t i = 0; i < s.size(); ++i) acc += s.mult[i] * s.gamma * s.z[i] / (2.0 - s.gamma * (s.batch + 1.0) * s.z[i]);
  return acc.real();
}

double forcing_excess(const contour_spectrum& s, double k) {
  std::complex<double> acc = 0;
  for (std::size_t i = 0; i < s.size(); ++i) acc += s.weight[i] * std::exp(k * s.log_q(i));
  return acc.real() / 2;
}

double forcing(const contour_spectrum& s, double k) { return s.F0 + forcing_excess(s, k); }

double max_stable_gamma(const contour_spectrum& s) {
  // q in (0, 1) on (0, 2/(gamma (B+1))) for B >= 1: the pole of ||K||'s integrand stays beyond b
  return detail::bisect_stable_gamma(s, 2.0 / ((s.batch + 1.0) * s.b));
}

void require_stable(const contour_spectrum& s) {
  require_positive("gamma", s.gamma);
  const bool inside = s.gamma * (s.batch + 1.0) * s.b < 2;
  const double kn = inside ? kernel_norm(s) : INFINITY;
  if (!inside || !(kn < 1))
    throw invalid_input(fmt::format(
        "gamma = {} is unstable for this spectrum (kernel norm {}; need gamma (B+1) lambda_max < 2 and ||K|| < 1): "
        "the largest stable gamma is {:.6g}",
        s.gamma, kn, max_stable_gamma(s)));
}

}  // namespace scalelaw
