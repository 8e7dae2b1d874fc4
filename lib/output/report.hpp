// `scalelaw report`: everything the toolkit computes, in DIR/report.md and a self-contained
// DIR/report.html with SVG figures (gnuplot). Data flows model -> spectrum -> curve -> report.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace scalelaw {

struct report_options {
  std::string dir = "out";
  bool quick = false;
  std::function<void(const std::string&)> progress;  ///< one line per stage (stderr in the CLI)
  /// Extra sections appended at the end, each Markdown (the CLI adds the Jeon-Van Roy section and the proofs-check
  /// results), with the name its time is reported under.
  struct extra_section {
    std::string name;
    std::function<std::string()> make;
  };
  std::vector<extra_section> extra_sections;
  /// Filled by write_report: the wall time of each section, in the report's order (printed by the CLI at the end).
  std::vector<std::pair<std::string, double>>* section_seconds = nullptr;
};

void write_report(const report_options& o);

}  // namespace scalelaw
