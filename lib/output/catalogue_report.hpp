// The catalogue check's verdict (phases/catalogue_check.hpp) as JSON (CONTRACT: `terms`, `passed`) and as a Markdown table.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "scalelaw/phases/catalogue_check.hpp"

namespace scalelaw {

nlohmann::json catalogue_check_json(const phases::catalogue_verdict& v);
std::string catalogue_check_markdown(const phases::catalogue_verdict& v);

}  // namespace scalelaw
