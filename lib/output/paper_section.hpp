// The report's "Reproducing the paper" section: the PPXP paper's experiments whose settings can be stated, redone on
// the paper's own finite window (d = 200 ... 12800) with deterministic-equivalent curves, beside the derived table.
// Renders frontiers computed by lib/frontier; figures through gnuplot.
#pragma once
#include <functional>
#include <string>

namespace scalelaw {

struct paper_section_options {
  bool quick = false;  ///< 2 d per octave on the lines (4 on the front at alpha = beta = 0.7 either way)
  std::function<void(const std::string&)> progress;
};

/// Markdown; figures written to fig_dir and linked as figures/NAME.svg.
std::string paper_section(const paper_section_options& o, const std::string& fig_dir);

}  // namespace scalelaw
