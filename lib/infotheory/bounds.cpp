#include "scalelaw/infotheory/bounds.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "scalelaw/infotheory/expression.hpp"
#include "scalelaw/model/validate.hpp"

namespace scalelaw {

const std::vector<std::string>& bound_presets() {
  static const std::vector<std::string> names{"barron-params", "teacher-information"};
  return names;
}

double teacher_scale(const teacher_setting& t, double d) {
  // s may depend on d only: evaluate it as a bound at p = T = 1
  const double s = evaluate_bound(t.s, 1, 1, d);
  if (!(s > 0) || !std::isfinite(s)) throw invalid_input(fmt::format("teacher scale s = '{}' is {} at d = {}: must be > 0", t.s, s, d));
  return s;
}

std::string preset_bound(const std::string& name, const teacher_setting& t) {
  require_finite("K", t.K);
  if (!(t.K >= 1) || t.K != std::floor(t.K) || t.K > 1e9)
    throw invalid_input(fmt::format("K = {} must be a whole number in [1, 1e9] (the construction quantises K teacher units; "
                                    "K = inf has infinite information and E A^2 = inf)", t.K));
  // DERIVATIONS §5, steps 3-5, with the closed-form choices delta = 1/T, tau = sigma/T, tau_A = s/T,
  // lambda = T^(-1/2); every piece below is named there.
  const std::string s = "(" + t.s + ")";
  const std::string K = fmt::format("{}", t.K);
  const std::string S2 = fmt::format("({}^2*(1+2*({}-1)/Pi))", s, K);           // E A^2
  const std::string n = "(p/(d+1))";                                               // learner units
  const std::string M = fmt::format("((sqrt({})+{}*sqrt({})/(2*T))^2/(2*d*{}))", S2, s, K, n);  // Maurey, E A_q^2/(2dn)
  const std::string Q = fmt::format("((2*{}+{}*{}^2/4)/(d*T^2))", S2, K, s);       // teacher quantisation
  const std::string dir = "d*log(1+2*T)";                                          // log |delta-net|
  if (name == "teacher-information") {
    const std::string H = fmt::format("({}*({}+log(2*Pi*exp(1)*((T+1/2)^2+1/12))/2))", K, dir);
    return fmt::format("((1+T^(-1/2))*{}+(1+sqrt(T))*{})/8+{}/T", M, Q, H);
  }
  if (name == "barron-params") {
    const std::string QA = fmt::format("({}^2/(8*d*T^2))", s);  // scale quantisation of the proxy
    const std::string H = fmt::format("({}*(log(2)+{})+log(2*Pi*exp(1)*((T*sqrt({})/{}+sqrt({})/2+1/2)^2+1/12))/2)", n, dir,
                                      S2, s, K);
    return fmt::format("((1+T^(-1/2))*{}+(1+sqrt(T))*2*({}+{}))/8+{}/T", M, Q, QA, H);
  }
  throw invalid_input("unknown bound preset '" + name + "' (known: barron-params, teacher-information)");
}

std::string resolve_bound(const std::string& text, const teacher_setting& t) {
  const auto& names = bound_presets();
  return std::find(names.begin(), names.end(), text) != names.end() ? preset_bound(text, t) : text;
}

}  // namespace scalelaw
