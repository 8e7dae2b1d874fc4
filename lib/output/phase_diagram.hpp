// The phase diagram of the (alpha, beta) plane: regions from the derivation, boundaries where the
// phase really changes, labels at the reference points, equations listed. SVG (or PNG) via gnuplot.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace scalelaw {

std::string render_phase_diagram(const std::vector<std::pair<double, double>>& marks, int resolution = 300, bool png = false);

}  // namespace scalelaw
