// The derived error bounds of the Jeon–Van Roy setting (MODEL §5; docs/DERIVATIONS.md §5), as
// expression strings E(p, T, d) for the allocation engine. Both bound the average excess log-loss over
// T samples of a Bayesian mixture learner whose prior is the law of a quantised n-unit Maurey proxy of
// the teacher, n = p/(d+1):
//   barron-params        rate = the proxy's entropy (the learner's parameter count)
//   teacher-information  rate = the quantised teacher's entropy (K units; independent of p)
#pragma once
#include <string>
#include <vector>

namespace scalelaw {

struct teacher_setting {
  std::string s = "2*sqrt(d)";  ///< teacher scale s (a_k ~ N(0, s^2/K)); an expression in d
  double K = 8;                 ///< teacher width (finite: the construction quantises K units)
};

const std::vector<std::string>& bound_presets();

/// The preset's expression with s and K substituted; invalid_input for an unknown name or bad K/s.
std::string preset_bound(const std::string& name, const teacher_setting& t);

/// `text` itself, or the preset's expression when `text` names one.
std::string resolve_bound(const std::string& text, const teacher_setting& t);

/// The teacher scale s at dimension d (evaluates `t.s`; invalid_input unless finite and > 0).
double teacher_scale(const teacher_setting& t, double d);

}  // namespace scalelaw
