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
  /// Extra sections appended at the end, each {markdown, html} (the CLI adds the proofs-check results).
  std::vector<std::function<std::pair<std::string, std::string>()>> extra_sections;
};

void write_report(const report_options& o);

/// A Markdown table (| header | --- | rows |, other lines as paragraphs) as HTML.
std::string md_table_to_html(const std::string& md);

}  // namespace scalelaw
