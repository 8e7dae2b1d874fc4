#include "output/verify_report.hpp"

#include <cmath>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "output/phase_table.hpp"
#include "scalelaw/phases/derive.hpp"

namespace scalelaw {

namespace {

nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

nlohmann::json parameters(const phases::catalogue& cat, const std::vector<rational>& x) {
  nlohmann::json p = nlohmann::json::object();
  for (std::size_t i = 0; i < cat.parameters.size() && i < x.size(); ++i) p[cat.parameters[i]] = to_string(x[i]);
  return p;
}

std::string point_text(const phases::catalogue& cat, const std::vector<rational>& x) {
  if (cat.parameters.size() == 1) return to_string(x.at(0));
  std::vector<std::string> values;
  for (std::size_t i = 0; i < cat.parameters.size() && i < x.size(); ++i) values.push_back(to_string(x[i]));
  return fmt::format("({})", fmt::join(values, ", "));
}

// a formula in the catalogue's own parameter names
std::string named(const verify::claims& cs, const GiNaC::ex& e) {
  return with_parameter_names(phases::formula_text(e), cs.cat.parameters);
}

// a form with functions (tgamma, zeta): GiNaC's own printing (formula_text is for rational functions)
std::string form_text(const verify::claims& cs, const GiNaC::ex& e) {
  std::ostringstream os;
  os << e;
  return with_parameter_names(os.str(), cs.cat.parameters);
}

}  // namespace

nlohmann::json verify_json(const verify::claims& cs, const std::vector<verify::claim_verdict>& vs) {
  nlohmann::json list = nlohmann::json::array();
  bool all = true;
  for (const auto& v : vs) {
    const auto& c = *v.c;
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& m : v.symbolic.cells)
      cells.push_back({{"parameters", parameters(cs.cat, m.x)}, {"phase", m.phase}, {"agrees", m.agrees}});
    nlohmann::json sym = {{"passed", v.symbolic.passed}, {"empty", v.symbolic.empty}, {"phases_met", v.symbolic.phases_met},
                          {"crosses_boundary", v.symbolic.phases_met.size() > 1}, {"cells", cells}, {"why", v.symbolic.why}};
    nlohmann::json pts = nlohmann::json::array();
    for (const auto& p : v.points) {
      nlohmann::json j = {{"parameters", parameters(cs.cat, {p.a, p.b})}, {"phase", p.phase}, {"passed", p.passed}, {"why", p.why}};
      if (c.is_exponent()) {
        const auto& f = p.frontier;
        j["measured"] = {{"xi", number(f.xi)}, {"eta", number(f.eta)}, {"xi_model_same_window", number(f.model.xi_same)},
                         {"eta_model_same_window", number(f.model.eta_same)}, {"xi_model_1e80", number(f.model.xi_far)},
                         {"eta_model_1e80", number(f.model.eta_far)}};
        j["expected"] = {{"xi", p.expected_xi}, {"eta", p.expected_eta}};
        j["verdict"] = p.measured ? f.text() : "";
      } else {
        nlohmann::json r = nlohmann::json::array(), q = nlohmann::json::array();
        for (std::size_t k = 0; k < p.r.size(); ++k) { r.push_back(p.r[k]); q.push_back(number(p.ratio[k])); }
        j["measured"] = {{"r", r}, {"ratio", q}, {"limit", number(p.limit)}, {"limit_error", number(p.limit_error)},
                         {"rate", number(p.rate)}};
        j["expected"] = {{"limit", 1}, {"r_exponent", p.expected_exponent}, {"tolerance", p.tolerance}};
      }
      pts.push_back(j);
    }
    nlohmann::json one = {{"name", c.name}, {"kind", c.is_exponent() ? "exponent" : "asymptotic"}, {"region", c.region_text},
                          {"passed", v.passed}, {"why", v.why}, {"symbolic", sym}, {"numeric", v.numeric_run}, {"points", pts}};
    if (c.is_exponent()) {
      one["xi"] = named(cs, *c.xi);
      one["eta"] = named(cs, *c.eta);
    } else {
      one["term"] = c.term->label();
      one["form"] = form_text(cs, c.form);
      one["r_exponent"] = named(cs, c.r_exponent);
    }
    list.push_back(one);
    all = all && v.passed;
  }
  return {{"catalogue", cs.catalogue_source}, {"parameters", cs.cat.parameters}, {"claims", list}, {"passed", all}};
}

std::string verify_markdown(const verify::claims& cs, const std::vector<verify::claim_verdict>& vs) {
  std::string s;
  std::size_t passed = 0;
  for (const auto& v : vs) {
    const auto& c = *v.c;
    passed += v.passed;
    s += fmt::format("## {} — {}\n\n", c.name, v.passed ? "PASSED" : "FAILED");
    s += fmt::format("region: {}\n", c.region_text);
    if (c.is_exponent())
      s += fmt::format("claim: xi = {}, eta = {}\n", named(cs, *c.xi), named(cs, *c.eta));
    else
      s += fmt::format("claim: {}(r) ~ {} * r^({}) at gamma = {}, B = {}, v = inf\n", c.term->label(), form_text(cs, c.form),
                       named(cs, c.r_exponent), to_string(c.gamma), to_string(c.batch));
    std::string met;
    for (const auto& p : v.symbolic.phases_met) met += (met.empty() ? "" : ", ") + p;
    s += fmt::format("symbolic: {} ({} cell{} of the arrangement in the region; {} met: {}){}\n", v.symbolic.passed ? "agrees" : "DISAGREES",
                     v.symbolic.cells.size(), v.symbolic.cells.size() == 1 ? "" : "s", c.is_exponent() ? "phases" : "regimes", met.empty() ? "none" : met,
                     v.symbolic.why.empty() ? "" : ": " + v.symbolic.why);
    if (!v.numeric_run) s += "numeric: not run (the catalogue is not in the PPXP model's parameters and compute, or the region is empty)\n";
    else if (c.is_exponent()) {
      s += "\n| point | phase | claimed xi | measured xi | claimed eta | measured eta | model limit (xi, eta) | verdict |\n"
           "|---|---|---|---|---|---|---|---|\n";
      for (const auto& p : v.points)
        if (!p.measured && p.phase.empty())
          s += fmt::format("| {} | - | {:.4f} | - | {:.4f} | - | - | FAIL: {} |\n", point_text(cs.cat, {p.a, p.b}), p.expected_xi, p.expected_eta, p.why);
        else s += fmt::format("| {} | {} | {:.4f} | {:.4f} | {:.4f} | {:.4f} | {:.4f}, {:.4f} | {} |\n", point_text(cs.cat, {p.a, p.b}), p.phase,
                         p.expected_xi, p.frontier.xi, p.expected_eta, p.frontier.eta, p.frontier.model.xi_far, p.frontier.model.eta_far,
                         p.passed ? "pass" : "FAIL: " + p.why);
    } else {
      s += "\n| point | sum/form at r = 1e4 | at 1e8 | at 1e12 | limit (Aitken) | rate | tolerance | verdict |\n"
           "|---|---|---|---|---|---|---|---|\n";
      for (const auto& p : v.points) {
        if (p.ratio.empty()) {
          s += fmt::format("| {} | - | - | - | - | - | - | FAIL: {} |\n", point_text(cs.cat, {p.a, p.b}), p.why);
          continue;
        }
        auto at = [&](std::size_t k) { return k < p.ratio.size() ? fmt::format("{:.10f}", p.ratio[k]) : std::string("-"); };
        s += fmt::format("| {} | {} | {} | {} | {:.10f} ± {:.1e} | r^-{:.2f} | {:.0e} | {} |\n", point_text(cs.cat, {p.a, p.b}), at(0), at(4),
                         at(8), p.limit, p.limit_error, p.rate, p.tolerance, p.passed ? "pass" : "FAIL: " + p.why);
      }
    }
    s += "\n";
  }
  s += fmt::format("{} of {} claims passed ({}).\n", passed, vs.size(), cs.catalogue_source == "built-in" ? "catalogue: built-in PPXP" : "catalogue: " + cs.catalogue_source);
  return s;
}

}  // namespace scalelaw
