#include "output/phase_diagram.hpp"
#include "scalelaw/numeric/exact.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "output/gnuplot.hpp"
#include "scalelaw/phases/derive.hpp"

namespace scalelaw {

using namespace phases;

int derived_phase_index(double al, double be) {
  const auto& phs = derived_phases();
  for (std::size_t p = 0; p < phs.size(); ++p)
    for (const auto& conj : phs[p].region) {
      bool in = true;
      for (const auto& q : conj) in = in && evaluate(q.expr, al, be) > 0;
      if (in) return static_cast<int>(p);
    }
  return -1;
}

void write_derived_boundaries(const std::string& dir, const std::string& file, double hi) {
  int k = 0;
  std::string lines;
  for (const auto& b : derived_boundaries()) {
    std::ostringstream f;
    f << GiNaC::dflt << b.poly;
    std::string g = f.str();
    for (std::size_t pos; (pos = g.find('^')) != std::string::npos;) g.replace(pos, 1, "**");
    lines += "b" + std::to_string(++k) + "(x,y) = " + g + "\n";
  }
  for (std::size_t pos; (pos = lines.find("alpha")) != std::string::npos;) lines.replace(pos, 5, "x");
  for (std::size_t pos; (pos = lines.find("beta")) != std::string::npos;) lines.replace(pos, 4, "y");
  // pass 1: the zero sets of the boundary polynomials as a table of points
  {
    std::ofstream cg(dir + "/contour.gp");
    cg << lines << "set contour base\nset cntrparam levels discrete 0\nset view map\nunset surface\n"
       << "set isosamples 400,400\nset table '" << dir << "/contours.dat'\nsplot [0:" << hi << "] [0:" << hi << "] ";
    for (int i = 1; i <= k; ++i) cg << (i > 1 ? ", " : "") << "b" << i << "(x,y)";
    cg << "\nunset table\n";
  }
  run_gnuplot(dir, "contour.gp");
  // keep only the contour points where the phase really changes (a boundary polynomial's zero
  // set runs on through other phases, where it is no boundary)
  std::ifstream in(dir + "/contours.dat");
  std::ofstream out(file);
  std::string line;
  bool gap = true;
  const double eps = 0.004;
  while (std::getline(in, line)) {
    double x, y;
    std::istringstream is(line);
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
    } else if (!gap) {
      out << "\n";
      gap = true;
    }
  }
}

std::string render_phase_diagram(const std::vector<std::pair<double, double>>& marks, int resolution, bool png) {
  const auto& phs = derived_phases();
  const auto phase_at = derived_phase_index;
  const int n = resolution;
  const double lo = 0.005, hi = 1.5;
  char dir_template[] = "/tmp/scalelaw_diagram_XXXXXX";
  if (!mkdtemp(dir_template)) throw std::runtime_error("mkdtemp failed");
  const std::string dir = dir_template;
  {
    std::ofstream grid(dir + "/grid.dat");
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) {
        const double al = lo + (hi - lo) * i / (n - 1), be = lo + (hi - lo) * j / (n - 1);
        int idx = phase_at(al, be);
        if (idx < 0 && 2 * al + 2 * be > 1) idx = phase_at(al + 1e-7, be + 1e-7);  // exactly on a boundary line
        grid << al << ' ' << be << ' ' << (idx < 0 ? NAN : idx) << '\n';
      }
      grid << '\n';
    }
  }
  std::ofstream gp(dir + "/plot.gp");
  gp << (png ? "set terminal pngcairo size 900,800 font 'Helvetica,12'\n"
             : "set terminal svg size 900,800 font 'Helvetica,13' background '#ffffff'\n")
     << "set output '" << dir << "/out.svg'\n"
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
  // boundaries: their equations at the bottom-right, in the key area
  int k = 0;
  for (const auto& b : derived_boundaries()) {
    ++k;
    std::string eq = b.equation();
    for (std::size_t pos; (pos = eq.find(" ~ ")) != std::string::npos;) eq.replace(pos, 3, " \u2248 ");
    gp << "set label " << (100 + k) << " \"" << eq << "\" at graph 0.33, graph " << 0.98 - 0.035 * k
       << " left font 'Helvetica,10' front\n";
  }
  gp << "set object 1 polygon from 0,0 to 0.5,0 to 0,0.5 to 0,0 fc rgb '#bbbbbb' fs solid 0.6 front\n"
     << "set label 99 'no learning' at 0.1,0.12 font 'Helvetica,10' front\n";
  gp.close();
  write_derived_boundaries(dir, dir + "/boundaries.dat", hi);
  gp.open(dir + "/plot.gp", std::ios::app);
  gp << "plot '" << dir << "/grid.dat' using 1:2:3 with image, '" << dir
     << "/boundaries.dat' using 1:2 with lines lc rgb '#333333' lw 1.5";
  for (std::size_t i = 0; i < marks.size(); ++i) gp << ", '-' using 1:2 with points pt 7 ps 1.5 lc rgb '#d62728'";
  gp << "\n";
  for (const auto& m : marks) gp << m.first << ' ' << m.second << "\ne\n";
  gp.close();
  run_gnuplot(dir, "plot.gp");
  std::ifstream svg(dir + "/out.svg");
  std::stringstream content;
  content << svg.rdbuf();
  const std::string out = content.str();
  std::filesystem::remove_all(dir);
  return out;
}

}  // namespace scalelaw
