// `scalelaw report`: everything the toolkit computes, in DIR/report.md and a self-contained
// DIR/report.html with SVG figures (gnuplot). Data flows model -> spectrum -> curve -> report.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace scalelaw {

struct report_options {
  std::string dir = "out";
  bool quick = false;
  std::function<void(const std::string&)> progress;  ///< one line per stage (stderr in the CLI)
  /// Extra sections appended at the end, each Markdown (the CLI adds the Jeon-Van Roy section and the proofs-check results).
  std::vector<std::function<std::string()>> extra_sections;
};

void write_report(const report_options& o);

}  // namespace scalelaw
