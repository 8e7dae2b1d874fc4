// `scalelaw verify`'s verdicts (verify/verify.hpp) as JSON (CONTRACT: `claims` with name, passed, symbolic, points;
// top-level `passed`) and as Markdown.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scalelaw/verify/verify.hpp"

namespace scalelaw {

nlohmann::json verify_json(const verify::claims& cs, const std::vector<verify::claim_verdict>& vs);
std::string verify_markdown(const verify::claims& cs, const std::vector<verify::claim_verdict>& vs);

}  // namespace scalelaw
