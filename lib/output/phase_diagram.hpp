// The phase diagram of the (alpha, beta) plane: regions from the derivation, boundaries where the
// phase really changes, labels at the reference points, equations listed. SVG (or PNG) via gnuplot.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace scalelaw {

/// The derived phase at (alpha, beta) in double (the index into derived_phases()), or -1 outside every phase region.
int derived_phase_index(double alpha, double beta);

/// A boundary's equation (Unicode) and a point in the middle of the part of its curve where the phase changes.
struct boundary_label {
  double x, y;
  std::string text;
};

/// Writes `file` (gnuplot data: "x y" segments separated by blank lines) with the derived boundaries over
/// [0, hi] x [0, hi]: the zero sets of the boundary polynomials where the phase really changes. `work_dir` holds
/// gnuplot's scratch files. Returns where to label each boundary on its line.
std::vector<boundary_label> write_derived_boundaries(const std::string& work_dir, const std::string& file, double hi);

/// gnuplot commands that put each label on its line (white box behind, so the line stays readable).
std::string boundary_label_commands(const std::vector<boundary_label>& labels, int first_tag);

/// A heatmap of the derived exponent ("eta" or "xi") over the plane, boundaries drawn and labelled on their lines,
/// `marks` (measured points) on top. SVG.
std::string render_exponent_heatmap(const std::string& exponent, const std::vector<std::pair<double, double>>& marks,
                                    int resolution = 200);

std::string render_phase_diagram(const std::vector<std::pair<double, double>>& marks, int resolution = 300, bool png = false);

}  // namespace scalelaw
