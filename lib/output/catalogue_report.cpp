#include "output/catalogue_report.hpp"

#include <fmt/format.h>

namespace scalelaw {

namespace {
std::string point_text(const phases::term_verdict& t) {
  return fmt::format("({}, {})", t.alpha.get_str(), t.beta.get_str());
}
}  // namespace

nlohmann::json catalogue_check_json(const phases::catalogue_verdict& v) {
  nlohmann::json terms = nlohmann::json::array();
  for (const auto& t : v.terms) {
    nlohmann::json j{{"regime", t.regime},
                     {"term", phases::name(t.t)},
                     {"point", {{"alpha", t.alpha.get_str()}, {"beta", t.beta.get_str()}}},
                     {"measured", {{"d", t.measured.p}, {"r", t.measured.q}}},
                     {"error", {{"d", t.measured.p_error}, {"r", t.measured.q_error}}},
                     {"expected", {{"d", t.expected_p}, {"r", t.expected_q}}},
                     {"tolerance", {{"d", t.tolerance_p}, {"r", t.tolerance_q}}},
                     {"local_slopes", {{"d", t.measured.along_d.local}, {"r", t.measured.along_r.local}}},
                     {"how", t.measured.how},
                     {"passed", t.passed}};
    if (!t.passed) j["why"] = t.why;
    terms.push_back(std::move(j));
  }
  return {{"terms", terms}, {"passed", v.passed}};
}

std::string catalogue_check_markdown(const phases::catalogue_verdict& v) {
  std::string s =
      "| regime | term | (alpha, beta) | d: measured | d: catalogue | r: measured | r: catalogue | verdict |\n"
      "|---|---|---|---|---|---|---|---|\n";
  unsigned failed = 0;
  for (const auto& t : v.terms) {
    failed += t.passed ? 0 : 1;
    s += fmt::format("| {} | {} | {} | {:.5f} ± {:.1e} | {:.5f} | {:.5f} ± {:.1e} | {:.5f} | {} |\n", t.regime,
                     phases::name(t.t), point_text(t), t.measured.p, t.measured.p_error, t.expected_p, t.measured.q,
                     t.measured.q_error, t.expected_q, t.passed ? "pass" : "FAIL: " + t.why);
  }
  s += fmt::format("\n{} of {} terms agree with the catalogue (tolerance: 3 measured errors, at least 1e-3, at most {}).\n",
                   v.terms.size() - failed, v.terms.size(), phases::max_exponent_tolerance);
  return s;
}

}  // namespace scalelaw
