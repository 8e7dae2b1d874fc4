// Output of the Jeon–Van Roy Monte Carlo (MODEL §5): the grid as CSV/JSON, a summary, and the report
// section (IsoFLOP figure, allocation exponents and trend with d, bounds vs measurements side by side).
#pragma once
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "scalelaw/infotheory/simulate.hpp"

namespace scalelaw {

void write_simulation_csv(std::ostream& os, const simulate_result& r);
nlohmann::json simulation_json(const simulate_result& r, const simulate_options& o);
/// A few lines for stderr: exponents, trend with d, bounds above the measurements.
std::string simulation_summary(const simulate_result& r);

/// The section in Markdown; figures go to `dir`/figures. Runs the simulation (cached per options).
std::string jvr_section(const std::string& dir, const simulate_options& o);

/// `scalelaw jvr report`: DIR/jvr.md and a self-contained DIR/jvr.html (output/html.hpp); returns the Markdown.
std::string write_jvr_report(const std::string& dir, const simulate_options& o);

}  // namespace scalelaw
