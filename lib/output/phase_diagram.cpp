#include "output/phase_diagram.hpp"
#include "scalelaw/numeric/exact.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <fstream>
#include <sstream>

#include "output/formula.hpp"
#include "output/gnuplot.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/phases/locate.hpp"

namespace scalelaw {

using namespace phases;

int derived_phase_index(double al, double be) {
  static const phase_locator locate(derived_phases());  // the regions read once (thread-safe initialisation)
  return locate(al, be);
}

namespace {

// The boundaries over [0, hi]^2 as gnuplot data, and where to label them: the same for every figure of a run.
struct boundary_drawing {
  std::string data;
  std::vector<boundary_label> labels;
};

boundary_drawing draw_derived_boundaries(const std::string& dir, double hi) {
  const auto bounds = derived_boundaries();
  std::string lines;
  for (std::size_t k = 0; k < bounds.size(); ++k) {
    std::ostringstream f;
    f << GiNaC::dflt << bounds[k].poly;
    std::string g = f.str();
    for (std::size_t pos; (pos = g.find('^')) != std::string::npos;) g.replace(pos, 1, "**");
    lines += "b" + std::to_string(k + 1) + "(x,y) = " + g + "\n";
  }
  for (std::size_t pos; (pos = lines.find("alpha")) != std::string::npos;) lines.replace(pos, 5, "x");
  for (std::size_t pos; (pos = lines.find("beta")) != std::string::npos;) lines.replace(pos, 4, "y");
  // pass 1: the zero sets of the boundary polynomials as a table of points, one "# Surface k" block per polynomial
  {
    std::ofstream cg(dir + "/contour.gp");
    cg << lines << "set contour base\nset cntrparam levels discrete 0\nset view map\nunset surface\n"
       << "set isosamples 400,400\nset table 'contours.dat'\nsplot [0:" << hi << "] [0:" << hi << "] ";
    for (std::size_t i = 1; i <= bounds.size(); ++i) cg << (i > 1 ? ", " : "") << "b" << i << "(x,y)";
    cg << "\nunset table\n";
  }
  run_gnuplot(dir, "contour.gp");
  // keep only the contour points where the phase really changes (a boundary polynomial's zero
  // set runs on through other phases, where it is no boundary)
  std::ifstream in(dir + "/contours.dat");
  std::ostringstream out;
  std::string line;
  bool gap = true;
  const double eps = 0.004;
  int surface = -1;
  std::vector<std::vector<std::pair<double, double>>> kept(bounds.size());
  while (std::getline(in, line)) {
    double x, y;
    std::istringstream is(line);
    if (line.rfind("# Surface ", 0) == 0) surface = std::atoi(line.c_str() + 10);
    if (line.empty() || line[0] == '#' || !(is >> x >> y)) {
      if (!gap) out << "\n";
      gap = true;
      continue;
    }
    const int p0 = derived_phase_index(x + eps, y + eps);
    bool change = false;
    for (double dx : {-eps, eps})
      for (double dy : {-eps, eps}) change = change || derived_phase_index(x + dx, y + dy) != p0;
    if (change) {
      out << x << ' ' << y << "\n";
      gap = false;
      if (surface >= 0 && surface < static_cast<int>(bounds.size())) kept[static_cast<std::size_t>(surface)].emplace_back(x, y);
    } else if (!gap) {
      out << "\n";
      gap = true;
    }
  }
  std::vector<boundary_label> labels;
  for (std::size_t k = 0; k < bounds.size(); ++k) {
    if (kept[k].empty()) continue;
    std::sort(kept[k].begin(), kept[k].end());
    // along its boundary part (by alpha, then beta), staggered from one boundary to the next so that the labels of
    // nearby parallel lines (alpha = 1/4 and alpha = 1 - sqrt(2)/2) do not cover each other or the phases' names
    const double at = bounds.size() > 1 ? 0.2 + 0.6 * double(k) / double(bounds.size() - 1) : 0.5;
    const auto [x, y] = kept[k][static_cast<std::size_t>(at * double(kept[k].size() - 1))];
    std::string eq = bounds[k].equation();
    eq = eq.substr(0, eq.find("  ("));  // the polynomial's equation, without its spelled-out roots
    labels.push_back({x, y, formula_unicode(eq)});
  }
  return {out.str(), labels};
}

}  // namespace

std::vector<boundary_label> write_derived_boundaries(const std::string& dir, const std::string& file, double hi) {
  // drawn once per hi and process (a report draws them on six figures), under a lock: figures may be drawn side by side
  static std::mutex mutex;
  static std::map<double, boundary_drawing> drawn;
  const boundary_drawing* b = nullptr;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    auto it = drawn.find(hi);
    if (it == drawn.end()) it = drawn.emplace(hi, draw_derived_boundaries(dir, hi)).first;
    b = &it->second;  // std::map: the element stays where it is
  }
  std::ofstream(file) << b->data;
  return b->labels;
}

std::string boundary_label_commands(const std::vector<boundary_label>& labels, int first_tag) {
  std::ostringstream gp;
  int tag = first_tag;
  for (const auto& l : labels)
    gp << "set label " << tag++ << " \"" << l.text << "\" at " << l.x << "," << l.y
       << " center font 'Helvetica,10' front boxed\n";
  gp << "set style textbox opaque fc rgb '#ffffff' noborder margins 1,1\n";
  return gp.str();
}

namespace {
// the plane [lo, hi]^2 on an n x n grid as gnuplot image data, the value of each point from its derived phase (-1 outside)
void write_plane_grid(const std::string& path, int n, double lo, double hi, const std::function<double(int, double, double)>& value) {
  std::ofstream grid(path);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      const double al = lo + (hi - lo) * i / (n - 1), be = lo + (hi - lo) * j / (n - 1);
      int idx = derived_phase_index(al, be);
      // exactly on a boundary line: a neighbour off it (not along the diagonal alpha = beta, itself a boundary)
      if (idx < 0 && 2 * al + 2 * be > 1) idx = derived_phase_index(al + 1e-7, be + 2e-7);
      grid << al << ' ' << be << ' ' << value(idx, al, be) << '\n';
    }
    grid << '\n';
  }
}
}  // namespace

std::string render_exponent_heatmap(const std::string& exponent, const std::vector<std::pair<double, double>>& marks,
                                    int resolution) {
  const auto& phs = derived_phases();
  const int n = resolution;
  const double lo = 0.005, hi = 1.5;
  const scratch_directory scratch("scalelaw_heatmap");
  const std::string& dir = scratch.path();
  write_plane_grid(dir + "/grid.dat", n, lo, hi, [&](int idx, double al, double be) {
    return idx < 0 ? NAN : evaluate(exponent == "xi" ? phs[static_cast<std::size_t>(idx)].xi : phs[static_cast<std::size_t>(idx)].eta, al, be);
  });
  const auto labels = write_derived_boundaries(dir, dir + "/boundaries.dat", hi);
  std::ofstream gp(dir + "/plot.gp");
  gp << "set terminal svg size 900,780 font 'Helvetica,13' background '#ffffff'\nset output 'out.svg'\n"
     << "set xrange [0:" << hi << "]\nset yrange [0:" << hi << "]\nset xlabel 'alpha'\nset ylabel 'beta'\n"
     << "set title 'Derived " << (exponent == "xi" ? "xi: d* ~ f^xi" : "eta: P* ~ f^-eta") << "' noenhanced\nset key off\n"
     << (exponent == "xi" ? "set palette defined (0 '#fff5eb', 0.5 '#fd8d3c', 1 '#7f2704')\nset cbrange [0.2:0.7]\n"
                          : "set palette defined (0 '#f7fbff', 0.5 '#6baed6', 1 '#08306b')\nset cbrange [0:1]\n")
     << "set cblabel '" << exponent << "'\n"
     << "set object 1 polygon from 0,0 to 0.5,0 to 0,0.5 to 0,0 fc rgb '#bbbbbb' fs solid 0.6 front\n"
     << boundary_label_commands(labels, 200);
  for (std::size_t p = 0; p < phs.size(); ++p)
    for (const auto& rp : reference_points())
      if (rp.label == phs[p].label)
        gp << "set label '" << phs[p].label << "' at " << nearest_double(rp.alpha) << "," << nearest_double(rp.beta)
           << " center font 'Helvetica-Bold,14' front\n";
  gp << "plot 'grid.dat' using 1:2:3 with image, "
     << "'boundaries.dat' using 1:2 with lines lc rgb '#222222' lw 1.5";
  if (!marks.empty()) gp << ", '-' using 1:2 with points pt 7 ps 0.8 lc rgb '#d62728'";
  gp << "\n";
  for (const auto& m : marks) gp << m.first << ' ' << m.second << "\n";
  if (!marks.empty()) gp << "e\n";
  gp.close();
  run_gnuplot(dir, "plot.gp");
  return read_text(dir + "/out.svg");
}

std::string render_phase_diagram(const std::vector<std::pair<double, double>>& marks, int resolution, bool png) {
  const auto& phs = derived_phases();
  const int n = resolution;
  const double lo = 0.005, hi = 1.5;
  const scratch_directory scratch("scalelaw_diagram");
  const std::string& dir = scratch.path();
  write_plane_grid(dir + "/grid.dat", n, lo, hi, [](int idx, double, double) { return idx < 0 ? NAN : idx; });
  std::ofstream gp(dir + "/plot.gp");
  gp << (png ? "set terminal pngcairo size 900,800 font 'Helvetica,12'\n"
             : "set terminal svg size 900,800 font 'Helvetica,13' background '#ffffff'\n")
     << "set output 'out.svg'\n"
     << "set xrange [0:" << hi << "]\nset yrange [0:" << hi << "]\nset xlabel 'alpha (data complexity)'\n"
     << "set ylabel 'beta (target complexity)'\nset title 'Compute-optimal phases (derived by scalelaw)'\n"
     << "unset colorbox\nset palette defined (0 '#fbb4ae', 1 '#b3cde3', 2 '#ccebc5', 3 '#decbe4', 4 '#fed9a6', 5 "
        "'#ffffcc', 6 '#e5d8bd', 7 '#fddaec', 8 '#f2f2f2')\n"
     << "set cbrange [0:8]\nset key off\n";
  for (std::size_t p = 0; p < phs.size(); ++p)
    for (const auto& rp : reference_points())
      if (rp.label == phs[p].label)
        gp << "set label '" << phs[p].label << "' at " << nearest_double(rp.alpha) << "," << nearest_double(rp.beta)
           << " center font 'Helvetica-Bold,15' front\n";
  gp << "set object 1 polygon from 0,0 to 0.5,0 to 0,0.5 to 0,0 fc rgb '#bbbbbb' fs solid 0.6 front\n"
     << "set label 99 'no learning' at 0.1,0.12 font 'Helvetica,10' front\n";
  // the boundaries, each labelled with its equation on its own line
  gp << boundary_label_commands(write_derived_boundaries(dir, dir + "/boundaries.dat", hi), 200);
  gp.close();
  gp.open(dir + "/plot.gp", std::ios::app);
  gp << "plot 'grid.dat' using 1:2:3 with image, "
     << "'boundaries.dat' using 1:2 with lines lc rgb '#333333' lw 1.5";
  for (std::size_t i = 0; i < marks.size(); ++i) gp << ", '-' using 1:2 with points pt 7 ps 1.5 lc rgb '#d62728'";
  gp << "\n";
  for (const auto& m : marks) gp << m.first << ' ' << m.second << "\ne\n";
  gp.close();
  run_gnuplot(dir, "plot.gp");
  return read_text(dir + "/out.svg");
}

}  // namespace scalelaw
