// The proofs-check suite: each checkable statement of the papers (and of SPEC's derivations) as a
// named numerical check with its statement, measured and expected values, tolerance and why.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scalelaw::checks {

struct result {
  bool passed = false;
  std::string measured, expected, tolerance, why;
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

}  // namespace scalelaw::checks
