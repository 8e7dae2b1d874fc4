// The phase diagram of the (alpha, beta) plane: regions from the derivation, boundaries where the
// phase really changes, labels at the reference points, equations listed. SVG (or PNG) via gnuplot.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace scalelaw {

/// The derived phase at (alpha, beta) in double (the index into derived_phases()), or -1 outside every phase region.
int derived_phase_index(double alpha, double beta);

/// Writes `file` (gnuplot data: "x y" segments separated by blank lines) with the derived boundaries over
/// [0, hi] x [0, hi]: the zero sets of the boundary polynomials where the phase really changes. `work_dir` holds
/// gnuplot's scratch files.
void write_derived_boundaries(const std::string& work_dir, const std::string& file, double hi);

std::string render_phase_diagram(const std::vector<std::pair<double, double>>& marks, int resolution = 300, bool png = false);

}  // namespace scalelaw
