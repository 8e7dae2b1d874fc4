#include "scalelaw/volterra/spectrum.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/summation.hpp"

namespace scalelaw {

double kernel_norm(const loss_spectrum& s) {
  neumaier_sum<double> acc;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double l = s.lambda[i];
    acc.add(s.multiplicity(i) * s.gamma * l / (2 - s.gamma * (s.batch + 1.0) * l));
  }
  return acc.value();
}

double forcing(const loss_spectrum& s, double k) {
  neumaier_sum<double> acc;
  for (std::size_t i = 0; i < s.size(); ++i) acc.add(s.weight[i] * std::exp(k * s.log_q(i)));
  return s.F0 + acc.value() / 2;
}

double max_stable_gamma(const loss_spectrum& s) {
  if (s.lambda.empty()) return INFINITY;
  const double lmax = *std::max_element(s.lambda.begin(), s.lambda.end());
  return detail::bisect_stable_gamma(s, 2.0 / ((s.batch + 1.0) * lmax));  // |q_i| < 1 for all i iff gamma < that
}

void require_stable(const loss_spectrum& s) {
  require_positive("gamma", s.gamma);
  bool ok = true;
  for (std::size_t i = 0; i < s.size() && ok; ++i) ok = std::abs(s.q(i)) < 1 && s.gamma * (s.batch + 1.0) * s.lambda[i] < 2;
  const double kn = ok ? kernel_norm(s) : INFINITY;
  if (!ok || !(kn < 1))
    throw invalid_input(fmt::format(
        "gamma = {} is unstable for this spectrum (kernel norm {}; need every |q_i| < 1 and ||K|| < 1): "
        "the largest stable gamma is {:.6g}",
        s.gamma, kn, max_stable_gamma(s)));
}

double limit_loss(const loss_spectrum& s) { return s.F0 / (1 - kernel_norm(s)); }

loss_spectrum sanitized(loss_spectrum s) {
  require_finite("F0", s.F0);
  if (s.F0 < 0) throw invalid_input(fmt::format("F0 = {} is out of range: must be >= 0", s.F0));
  if (s.lambda.size() != s.weight.size()) throw invalid_input("spectrum: lambda and weight differ in length");
  if (!s.mult.empty() && s.mult.size() != s.lambda.size()) throw invalid_input("spectrum: multiplicities differ in length");
  loss_spectrum out = s;
  out.lambda.clear();
  out.weight.clear();
  out.mult.clear();
  for (std::size_t i = 0; i < s.lambda.size(); ++i) {
    if (!std::isfinite(s.lambda[i]) || !std::isfinite(s.weight[i]))
      throw invalid_input(fmt::format("spectrum mode {}: lambda = {}, weight = {} not finite", i + 1, s.lambda[i], s.weight[i]));
    if (s.weight[i] < 0) throw invalid_input(fmt::format("spectrum mode {}: weight = {} is negative", i + 1, s.weight[i]));
    if (s.lambda[i] < 0 && s.lambda[i] < -1e-12)
      throw invalid_input(fmt::format("spectrum mode {}: lambda = {} is negative (spectrum must be PSD)", i + 1, s.lambda[i]));
    if (s.lambda[i] > 0) {
      out.lambda.push_back(s.lambda[i]);
      out.weight.push_back(s.weight[i]);
      if (!s.mult.empty()) out.mult.push_back(s.mult[i]);
    } else {
      out.F0 += s.weight[i] / 2;  // a zero mode is never learned: its weight stays in the loss
    }
  }
  return out;
}

}  // namespace scalelaw
