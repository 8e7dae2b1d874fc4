// `scalelaw report`: everything the toolkit computes, in DIR/report.md and a self-contained
// DIR/report.html with SVG figures (gnuplot). Data flows model -> spectrum -> curve -> report.
#pragma once
#include <functional>
#include <string>

namespace scalelaw {

struct report_options {
  std::string dir = "out";
  bool quick = false;
  std::function<void(const std::string&)> progress;  ///< one line per stage (stderr in the CLI)
};

void write_report(const report_options& o);

}  // namespace scalelaw
