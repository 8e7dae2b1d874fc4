// The derived phase table in Markdown, CSV, JSON and LaTeX (standalone document).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "output/formula.hpp"
#include "scalelaw/phases/derive.hpp"

namespace scalelaw {

std::string phase_region_text(const phases::phase& ph);  ///< "(c1 and c2) or (c3 and c4)"
std::string dominant_text(const phases::phase& ph);      ///< "Fpp, F0"

std::string phase_table_markdown(const std::vector<phases::phase>& phs = phases::derived_phases());
/// The report's table: phases in the paper's order (Ia, Ib, Ic, II, III, IVa, IVb), formulas and regions in Unicode
/// (output/formula.hpp), each with its MathML for the HTML page.
std::string phase_table_report(std::vector<math_replacement>& math);
std::string phase_table_csv(const std::vector<phases::phase>& phs = phases::derived_phases());
nlohmann::json phase_table_json(const std::vector<phases::phase>& phs = phases::derived_phases());
std::string phase_table_tex(const std::vector<phases::phase>& phs = phases::derived_phases());

/// A rendered table (any format) with the derivation's symbols alpha, beta, gamma, delta written as a catalogue's own
/// parameter names (bound in order: catalogue_file.hpp); in TeX, \\alpha becomes \\mathit{name}.
std::string with_parameter_names(const std::string& text, const std::vector<std::string>& names);

}  // namespace scalelaw
