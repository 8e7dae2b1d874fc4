#include "checks.hpp"

#include <chrono>
#include <mutex>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "check_list.hpp"
#include "scalelaw/model/interrupt.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/derive.hpp"

namespace scalelaw::checks {

const std::vector<check>& registry() {
  static const std::vector<check> all = [] {
    std::vector<check> v;
    v.push_back({"volterra_vs_sgd", "The expected loss of one-pass SGD satisfies the discrete Volterra equation (MODEL §2).", true,
                 volterra_vs_sgd});
    v.push_back({"sgd_same_law", "Exact-in-law SGD in the eigenbasis has the law of the literal SGD (MODEL §2).", true, naive_vs_fast_sgd});
    v.push_back({"convergence_iff_kernel_norm", "The loss converges iff every |q_i| < 1 and ||K|| < 1 (MODEL §2).", true,
                 convergence_iff_kernel_norm});
    v.push_back({"limit_loss", "P_inf = F0 / (1 - ||K||) (MODEL §2).", true, limit_loss_check});
    v.push_back({"deq_f0", "F0 of finite d converges to its deterministic equivalent (MODEL §3).", true, deq_f0_limit});
    struct reg { const char* name; double a, b, g; unsigned B; };
    for (const reg& r : {reg{"2a>1,2b<1,B=1", 1.0, 0.3, 0.3, 1}, reg{"2a>1,2b>1,B=3", 0.8, 0.9, 0.2, 3},
                         reg{"2a<1,2b>1,B=2", 0.4, 0.7, 0.25, 2}, reg{"2a<1,2b<1,B=1", 0.3, 0.35, 0.3, 1}}) {
      v.push_back({std::string("fpp_asymptotic[") + r.name + "]",
                   "F_pp(r) ~ Gamma(e)/(4 alpha) (2 gamma B r)^{-e}, e = (2a+2b-1)/(2a) (PPXP; DERIVATIONS §1).", true,
                   [r](bool) { return pp_asymptotic(r.a, r.b, r.g, r.B, false); }});
      if (4 * r.a > 1)
        v.push_back({std::string("kpp_asymptotic[") + r.name + "]",
                     "K_pp(r) ~ gamma^2 B Gamma(e_K)/(2 alpha) (2 gamma B r)^{-e_K}, e_K = 2 - 1/(2a) (DERIVATIONS §1).", true,
                     [r](bool) { return pp_asymptotic(r.a, r.b, r.g, r.B, true); }});
    }
    v.push_back({"fac_asymptotic[2a>1,2b>1]",
                 "F_ac(d, r) ~ zeta(2b) Gamma(1 - 1/(2a)) / (4 a d) (2 gamma B r)^{-(1-1/(2a))} for 1 << gamma r << d^{2a} "
                 "(MODEL §4 exponent; constant DERIVATIONS §6).", true, fac_asymptotic_check});
    v.push_back({"fac_order[2a<1,2b>1]", "For 2a < 1, F_ac = F0 h(r/d): F0's order before r ~ d, negligible after (DERIVATIONS §6).",
                 true, fac_f0_sized_check});
    v.push_back({"sgd_noise_constants_only", "SGD noise (K_pp) only changes constants when beta < alpha (PPXP).", true,
                 noise_only_constants});
    v.push_back({"catalogue_measured", "Every term of the catalogue the table is derived from decays as its monomial says: d- and "
                 "r-exponents measured from the sums in every regime (MODEL §4).", true, catalogue_measured});
    v.push_back({"phase_table_is_maximum", "The derived (xi, eta) solve max_xi min_terms rate (MODEL §4).", true, phase_table_brute_force});
    v.push_back({"jvr_allocation_closed_form", "A/p + B/T under C = p T gives p* = sqrt(A C/B), exponents 1/2 (MODEL §5).", true,
                 jvr_closed_form});
    v.push_back({"jvr_bound_exponents", "The teacher-information bound gives an asymptotically linear split p* ~ T* (up to a log); "
                 "the parameter-count bound gives p* ~ C^(1/3) (DERIVATIONS §5).", true, jvr_bound_exponents});
    v.push_back({"jvr_maurey", "Sampling n units from |a_k|/A approximates the teacher to E (f - g_n)^2 <= A^2/(2dn) (DERIVATIONS §5.2).",
                 true, jvr_maurey});
    v.push_back({"jvr_model_share_grows_with_d", "As d grows, a larger fraction of compute goes to the model (JVR abstract), measured.",
                 true, jvr_share_grows_with_d});
    struct crossing { const char* name; const char* left; const char* right; };
    for (const crossing& c : {crossing{"2b = 1 (Ia|II)", "1.0,0.4", "1.0,0.6"}, crossing{"a = b (II|III)", "0.9,0.8", "0.8,0.9"},
                              crossing{"2a = 1 (Ia|Ib)", "0.6,0.3", "0.4,0.3"}, crossing{"2a = 1 (III|IVb)", "0.6,1.0", "0.4,1.0"},
                              crossing{"4a = 1 (IVa|Ic)", "0.27,1.0", "0.2,1.0"}, crossing{"2b = 1 (Ib|IVb)", "0.4,0.4", "0.4,0.6"}})
      v.push_back({std::string("boundary[") + c.name + "]",
                   "Measured exponents on both sides of a phase boundary match the two neighbouring formulas (PPXP), each side judged "
                   "as frontier[...] (cells moved by 0.02 fail).", false,
                   [c](bool q) { return boundary_crossing(c.name, c.left, c.right, q); }});
    for (const auto& rp : phases::reference_points()) {
      const std::string label = rp.label;
      const double a = nearest_double(rp.alpha), b = nearest_double(rp.beta);
      v.push_back({"frontier_model[" + label + "]",
                   "The model with constants reaches the derived exponents of phase " + label + " (PPXP; NOTES): where its local "
                   "slopes come within 0.01, and its f = 1e80 limit within 0.002; cells moved by 0.02 fail.", false,
                   [a, b](bool) { return frontier_model_phase(a, b); }});
      v.push_back({"frontier[" + label + "]", "Measured compute-optimal exponents of phase " + label + " (PPXP) are the derived "
                   "cell's: the DE frontier agrees with the constants-kept model on its window, and the model continued to f = 1e80 "
                   "is within 0.002 of the cell (frontier/verdict.hpp); cells moved by 0.02 fail.",
                   true, [a, b](bool q) { return frontier_phase(a, b, q); }});
    }
    return v;
  }();
  return all;
}

namespace {
std::mutex progress_mu;
const std::function<void(const std::string&)>* progress_sink = nullptr;  // run_checks' callback while it runs
}  // namespace

void progress_line(const std::string& line) {
  std::lock_guard<std::mutex> lock(progress_mu);
  if (progress_sink && *progress_sink) (*progress_sink)(line);
}

std::vector<outcome> run_checks(bool quick, const std::string& only, const std::function<void(const std::string&)>& progress) {
  {
    std::lock_guard<std::mutex> lock(progress_mu);
    progress_sink = &progress;
  }
  struct unset {
    ~unset() {
      std::lock_guard<std::mutex> lock(progress_mu);
      progress_sink = nullptr;
    }
  } on_exit;
  std::vector<outcome> out;
  bool found = only.empty();
  for (const auto& c : registry()) {
    if (!only.empty() && c.name != only) continue;
    found = true;
    if (only.empty() && quick && !c.quick) continue;
    throw_if_interrupted();  // model/interrupt.hpp
    if (progress) progress("check " + c.name);
    const auto t0 = std::chrono::steady_clock::now();
    result r = c.run(quick);
    out.push_back({&c, r, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()});
  }
  if (!found) {
    std::string names;
    for (const auto& c : registry()) names += (names.empty() ? "" : ", ") + c.name;
    throw invalid_input(fmt::format("no check named '{}'; the checks are: {}", only, names));
  }
  return out;
}

std::string checks_markdown(const std::vector<outcome>& out) {
  std::ostringstream os;
  unsigned passed = 0;
  for (const auto& o : out) passed += o.r.passed;
  os << fmt::format("{} of {} checks passed.\n\n| check | result | statement | measured | expected | tolerance | why |\n|---|---|---|---|---|---|---|\n",
                    passed, out.size());
  for (const auto& o : out)
    os << "| " << o.c->name << " | " << (o.r.passed ? "pass" : "**FAIL**") << " | " << o.c->statement << " | " << o.r.measured
       << " | " << o.r.expected << " | " << o.r.tolerance << " | " << o.r.why << " |\n";
  return os.str();
}

nlohmann::json checks_json(const std::vector<outcome>& out) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& o : out)
    list.push_back({{"name", o.c->name}, {"statement", o.c->statement}, {"passed", o.r.passed}, {"measured", o.r.measured_values},
                    {"expected", o.r.expected_values}, {"tolerance", o.r.tolerance_values}, {"why", o.r.why},
                    {"measured_text", o.r.measured}, {"expected_text", o.r.expected}, {"tolerance_text", o.r.tolerance},
                    {"seconds", o.seconds}});
  return {{"checks", list}};
}

namespace {

// Walks the measured numbers of one check in parallel with the old ones; `tol` the check's tolerance object.
void moved_numbers(const nlohmann::json& now, const nlohmann::json& old, const std::string& path, double tol,
                   const nlohmann::json& tols, std::vector<std::string>& out) {
  if (now.is_object() && old.is_object()) {
    for (auto it = now.begin(); it != now.end(); ++it) {
      double t = tol;
      if (tols.is_object() && tols.contains(it.key()) && tols[it.key()].is_number()) t = tols[it.key()].get<double>();
      if (!old.contains(it.key())) { out.push_back(path + it.key() + ": new"); continue; }
      moved_numbers(it.value(), old[it.key()], path + it.key() + ".", t, tols, out);
    }
    for (auto it = old.begin(); it != old.end(); ++it)
      if (!now.contains(it.key())) out.push_back(path + it.key() + ": gone");
    return;
  }
  if (now.is_array() && old.is_array()) {
    if (now.size() != old.size()) { out.push_back(fmt::format("{}: {} values, were {}", path, now.size(), old.size())); return; }
    for (std::size_t i = 0; i < now.size(); ++i) moved_numbers(now[i], old[i], fmt::format("{}{}.", path, i), tol, tols, out);
    return;
  }
  const std::string name = path.empty() ? path : path.substr(0, path.size() - 1);
  if (now.is_number() && old.is_number()) {
    const double a = now.get<double>(), b = old.get<double>();
    // no tolerance named: any change beyond rounding of the JSON's 17 digits
    const double t = std::isnan(tol) ? 1e-12 * std::max(std::abs(a), std::abs(b)) : tol;
    if (std::abs(a - b) > t) out.push_back(fmt::format("{}: {} (was {}, tolerance {})", name, a, b, t));
    return;
  }
  if (now != old) out.push_back(fmt::format("{}: {} (was {})", name, now.dump(), old.dump()));
}

}  // namespace

std::vector<std::string> compare_checks(const nlohmann::json& now, const nlohmann::json& old) {
  if (!old.is_object() || !old.contains("checks") || !old["checks"].is_array())
    throw invalid_input("--compare: not a `scalelaw check --json` document (no \"checks\" list)");
  std::vector<std::string> out;
  for (const auto& c : now["checks"]) {
    const std::string name = c["name"].get<std::string>();
    const nlohmann::json* was = nullptr;
    for (const auto& o : old["checks"])
      if (o.is_object() && o.contains("name") && o["name"] == name) was = &o;
    if (!was) { out.push_back(name + ": not in the old report"); continue; }
    if (!was->contains("passed") || (*was)["passed"] != c["passed"])
      out.push_back(fmt::format("{}: verdict {} (was {})", name, c["passed"].get<bool>() ? "pass" : "FAIL",
                                was->contains("passed") ? (*was)["passed"].dump() : "absent"));
    const nlohmann::json tols = c.value("tolerance", nlohmann::json::object());
    double all = NAN;
    if (tols.is_number()) all = tols.get<double>();
    else if (tols.is_object() && tols.contains("all") && tols["all"].is_number()) all = tols["all"].get<double>();
    std::vector<std::string> moved;
    moved_numbers(c.value("measured", nlohmann::json()), was->value("measured", nlohmann::json()), "", all, tols, moved);
    for (const auto& m : moved) out.push_back(name + ": " + m);
  }
  return out;
}

}  // namespace scalelaw::checks
