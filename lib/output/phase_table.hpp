// The derived phase table in Markdown, CSV, JSON and LaTeX (standalone document).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "scalelaw/phases/derive.hpp"

namespace scalelaw {

std::string phase_region_text(const phases::phase& ph);  ///< "(c1 and c2) or (c3 and c4)"
std::string dominant_text(const phases::phase& ph);      ///< "Fpp, F0"

std::string phase_table_markdown();
std::string phase_table_csv();
nlohmann::json phase_table_json();
std::string phase_table_tex();

}  // namespace scalelaw
