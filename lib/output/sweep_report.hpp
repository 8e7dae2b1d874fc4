// The pictures and tables of a sweep (issue 22 item 4-5): heatmaps of the measured eta and xi over a grid and of
// |measured - derived| with the derived boundaries drawn over them; on a line, the measured points on the derived
// curves and the measured boundaries. Renders results computed elsewhere (points.jsonl, lib/sweep/boundaries).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scalelaw {

/// The Markdown section for `points` (points.jsonl's objects); figures go to fig_dir/NAME_*.svg and are linked as
/// link_prefix/NAME_*.svg.
std::string sweep_section(const std::vector<nlohmann::json>& points, const std::string& fig_dir, const std::string& link_prefix,
                          const std::string& name);

/// A line's part of sweep_section: the measured points on the derived curves (fig_dir/NAME_line.svg) and the measured
/// boundaries (lib/sweep/boundaries.hpp). The points share alpha (a line over beta) or else beta.
std::string sweep_line_section(const std::vector<nlohmann::json>& points, const std::string& fig_dir, const std::string& link_prefix,
                               const std::string& name);

/// DIR/sweep.md and DIR/sweep.html (figures in DIR/figures, inlined in the page).
void write_sweep_report(const std::string& dir, const std::vector<nlohmann::json>& points);

/// One line per point: alpha, beta, phase, measured and derived xi and eta, status, seconds.
std::string sweep_summary(const std::vector<nlohmann::json>& points);

}  // namespace scalelaw
