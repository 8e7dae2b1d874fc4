// The proofs-check suite: each checkable statement of the papers (and of MODEL's derivations) as a
// named numerical check with its statement, measured and expected values, tolerance and why.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scalelaw::checks {

struct result {
  bool passed = false;
  std::string measured, expected, tolerance, why;  ///< prose, for the Markdown table
  /// The same as numbers (objects of named numbers, or lists of them): what `check --json` carries and `--compare` diffs.
  /// A tolerance entry named as a measured one applies to it; one named "all" applies to every measured number.
  nlohmann::json measured_values = nlohmann::json::object(), expected_values = nlohmann::json::object(),
                 tolerance_values = nlohmann::json::object();
};

struct check {
  std::string name, statement;
  bool quick;  ///< part of --quick (the CI set); the others run in the full suite only
  std::function<result(bool quick)> run;
};

const std::vector<check>& registry();

struct outcome {
  const check* c;
  result r;
  double seconds;
};

/// Runs the selected checks (all, --quick ones, or one by name); `progress` gets a line each.
std::vector<outcome> run_checks(bool quick, const std::string& only,
                                const std::function<void(const std::string&)>& progress = {});

std::string checks_markdown(const std::vector<outcome>& out);
nlohmann::json checks_json(const std::vector<outcome>& out);

/// `check --compare`: the checks of `now` whose verdict changed against `old` (a `check --json` document), or one of whose
/// measured numbers moved by more than its tolerance (an entry of the same name in `tolerance`, else "all", else any
/// change beyond 1e-12 relative). One line each; empty when nothing moved.
std::vector<std::string> compare_checks(const nlohmann::json& now, const nlohmann::json& old);

}  // namespace scalelaw::checks
