#include "output/sweep_report.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "output/files.hpp"
#include "output/decimal.hpp"
#include "output/gnuplot.hpp"
#include "output/html.hpp"
#include "output/phase_diagram.hpp"
#include "output/prose.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/sweep/boundaries.hpp"

namespace scalelaw {

namespace {

double num(const nlohmann::json& j, const char* k) {
  return j.contains(k) && j[k].is_number() ? j[k].get<double>() : NAN;
}
std::string text(const nlohmann::json& j, const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : ""; }
// text for a Markdown table cell: no line breaks, pipes escaped
std::string cell_text(std::string t) {
  std::string out;
  for (char c : t) out += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
  return out;
}
// a grid coordinate for the tables (the exact value is the point's key in points.jsonl): 0.3545, not 0.35454545454545455
std::string coordinate(double x) { return fmt::format("{:.4g}", x); }

// distance from (a, b) to the nearest place where the derived phase changes, up to `radius` (radius when none nearer):
// rings of 64 directions at radius/8 steps, the phase in double (output/phase_diagram.hpp)
double distance_to_boundary(double a, double b, double radius) {
  const int p0 = derived_phase_index(a, b);
  for (int ring = 1; ring <= 8; ++ring) {
    const double r = radius * ring / 8;
    for (int k = 0; k < 64; ++k) {
      const double th = 2 * M_PI * k / 64;
      if (derived_phase_index(a + r * std::cos(th), b + r * std::sin(th)) != p0) return r;
    }
  }
  return radius;
}


// half the smallest spacing of the grid's values along one axis (0.05 for a single value)
double half_step(const std::set<double>& v) {
  double h = INFINITY;
  for (auto it = v.begin(); it != v.end() && std::next(it) != v.end(); ++it) h = std::min(h, *std::next(it) - *it);
  return std::isfinite(h) ? h / 2 : 0.05;
}

void heatmap(const std::vector<nlohmann::json>& pts, const std::string& out_svg, const std::string& title,
             const std::function<double(const nlohmann::json&)>& value, const std::string& palette, double hi) {
  const scratch_directory dir("scalelaw_sweep");
  write_derived_boundaries(dir.path(), dir.path() + "/boundaries.dat", hi);
  std::set<double> as, bs;
  for (const auto& p : pts) { as.insert(num(p, "alpha")); bs.insert(num(p, "beta")); }
  {
    std::ofstream d(dir.path() + "/grid.dat");
    double last_a = NAN;
    for (const auto& p : pts) {  // sorted by alpha then beta (points.jsonl's order)
      if (!std::isnan(last_a) && num(p, "alpha") != last_a) d << "\n";
      last_a = num(p, "alpha");
      const double v = value(p);
      d << num(p, "alpha") << ' ' << num(p, "beta") << ' ' << (std::isfinite(v) ? fmt::format("{:.6g}", v) : "NaN") << "\n";
    }
  }
  std::ofstream gp(dir.path() + "/plot.gp");  // run_gnuplot writes the figure whole or not at all (output/files.hpp)
  gp << "set terminal svg size 760,640 font 'Helvetica,13' background '#ffffff'\nset output '"
     << std::filesystem::absolute(out_svg).string() << "'\n"
     << "set xlabel 'alpha'\nset ylabel 'beta'\nset title '" << title << "'\nset key off\n"
     << "set xrange [0:" << hi << "]\nset yrange [0:" << hi << "]\n" << palette << "\n"
     << "set object 1 polygon from 0,0 to 0.5,0 to 0,0.5 to 0,0 fc rgb '#bbbbbb' fs solid 0.6 front\n"
     // one filled box per point, half a grid step each way (a partial sweep has holes: `with image` needs a full grid)
     << "plot 'grid.dat' using 1:2:(" << half_step(as) << "):(" << half_step(bs)
     << "):3 with boxxyerror fs solid 1.0 noborder lc palette, "
     << "'boundaries.dat' using 1:2 with lines lc rgb '#222222' lw 1.5, "
     << "'grid.dat' using 1:2 with points pt 1 ps 0.4 lc rgb '#555555'\n";
  gp.close();
  run_gnuplot(dir.path(), "plot.gp");
}

void line_figure(const std::vector<nlohmann::json>& pts, bool alpha_fixed, double value, const std::vector<measured_boundary>& bs,
                 const std::string& out_svg) {
  const scratch_directory dir("scalelaw_sweep");
  const char* t_name = alpha_fixed ? "beta" : "alpha";
  double t0 = 1e300, t1 = -1e300;
  {
    std::ofstream d(dir.path() + "/measured.dat");
    for (const auto& p : pts) {
      const double t = num(p, t_name);
      t0 = std::min(t0, t);
      t1 = std::max(t1, t);
      if (text(p, "status") != "ok") continue;
      d << t << ' ' << num(p, "xi") << ' ' << num(p, "eta") << "\n";
    }
  }
  {  // the derived exponents along the line, fine
    std::ofstream d(dir.path() + "/derived.dat");
    for (int k = 0; k <= 600; ++k) {
      const double t = t0 + (t1 - t0) * k / 600;
      const double a = alpha_fixed ? value : t, b = alpha_fixed ? t : value;
      const int idx = derived_phase_index(a, b);
      if (idx < 0) { d << "\n"; continue; }
      const auto& ph = phases::derived_phases()[static_cast<std::size_t>(idx)];
      d << t << ' ' << phases::evaluate(ph.xi, a, b) << ' ' << phases::evaluate(ph.eta, a, b) << "\n";
    }
  }
  std::ofstream gp(dir.path() + "/plot.gp");
  gp << "set terminal svg size 860,520 font 'Helvetica,13' background '#ffffff'\nset output '"
     << std::filesystem::absolute(out_svg).string() << "'\n"
     << "set xlabel '" << t_name << "'\nset ylabel 'exponent'\nset title 'Measured exponents on " << (alpha_fixed ? "alpha" : "beta")
     << " = " << shortest(value) << " (points) and the derived table (lines)'\n"
     << "set key outside right top\nset xrange [" << t0 << ":" << t1 << "]\n";
  int k = 0;
  for (const auto& b : bs) {
    gp << "set arrow " << ++k << " from " << b.derived << ", graph 0 to " << b.derived
       << ", graph 1 nohead dt 2 lc rgb '#888888'\n";
    gp << "set label " << k << " '" << b.left << "|" << b.right << "' at " << b.derived << ", graph 0.97 center font 'Helvetica,11'\n";
    if (std::isfinite(b.measured))
      gp << "set object " << k << " rect from " << std::min(b.lo, b.measured) << ", graph 0 to " << std::max(b.hi, b.measured)
         << ", graph 1 fc rgb '#d62728' fs transparent solid 0.15 noborder\n";
  }
  gp << "plot 'derived.dat' using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'xi derived', "
     << "'derived.dat' using 1:3 with lines lw 2 lc rgb '#ff7f0e' title 'eta derived', "
     << "'measured.dat' using 1:2 with points pt 7 ps 0.9 lc rgb '#1f77b4' title 'xi measured', "
     << "'measured.dat' using 1:3 with points pt 5 ps 0.9 lc rgb '#ff7f0e' title 'eta measured'\n";
  gp.close();
  run_gnuplot(dir.path(), "plot.gp");
}

}  // namespace

std::string sweep_summary(const std::vector<nlohmann::json>& points) {
  std::ostringstream os;
  os << fmt::format("{:>8} {:>8} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8}  {}\n", "alpha", "beta", "phase", "xi", "derived", "eta",
                    "derived", "seconds", "status");
  for (const auto& p : points)
    os << fmt::format("{:>8} {:>8} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8.1f}  {}\n", coordinate(num(p, "alpha")), coordinate(num(p, "beta")),
                      text(p, "phase").empty() ? "-" : text(p, "phase"), fixed_cell(num(p, "xi")), fixed_cell(num(p, "xi_theory")),
                      fixed_cell(num(p, "eta")), fixed_cell(num(p, "eta_theory")), std::isfinite(num(p, "seconds")) ? num(p, "seconds") : 0.0,
                      text(p, "status"));
  return os.str();
}

std::string sweep_line_section(const std::vector<nlohmann::json>& points, const std::string& fig_dir, const std::string& link_prefix,
                               const std::string& name) {
  std::set<double> as;
  for (const auto& p : points) as.insert(num(p, "alpha"));
  const bool alpha_fixed = as.size() == 1;
  double value = alpha_fixed ? *as.begin() : num(points.front(), "beta");
  std::vector<line_measurement> line;
  for (const auto& p : points) {
    if (text(p, "status") == "no learning") continue;
    line.push_back({num(p, alpha_fixed ? "beta" : "alpha"), text(p, "phase"), num(p, "xi"), num(p, "eta"), num(p, "xi_theory"),
                    num(p, "eta_theory")});
  }
  const auto bounds = measured_boundaries_on_line(line, alpha_fixed, value);
  std::filesystem::create_directories(fig_dir);
  line_figure(points, alpha_fixed, value, bounds, fig_dir + "/" + name + "_line.svg");
  std::ostringstream md;
  md << "![measured exponents on the line](" << link_prefix << "/" << name << "_line.svg)\n\n";
  if (!bounds.empty()) {
    md << "Measured boundaries (where straight lines through the nearest measured points on each side cross; the interval "
          "is the range over 2 or 3 points per side; lib/sweep/boundaries.hpp):\n\n"
          "| boundary | derived at | exponent | measured at | interval | points left, right |\n|---|---|---|---|---|---|\n";
    for (const auto& b : bounds)
      md << fmt::format("| {}\\|{} | {:.4f} | {} | {} | {} | {}, {} |\n", b.left, b.right, b.derived, b.exponent, fixed_cell(b.measured),
                        std::isfinite(b.lo) ? fmt::format("[{:.4f}, {:.4f}]", b.lo, b.hi) : "–", b.points_left, b.points_right);
    md << "\n";
  }
  return md.str();
}

std::string sweep_section(const std::vector<nlohmann::json>& points, const std::string& fig_dir, const std::string& link_prefix,
                          const std::string& name) {
  std::set<double> as, bs;
  for (const auto& p : points) { as.insert(num(p, "alpha")); bs.insert(num(p, "beta")); }
  std::filesystem::create_directories(fig_dir);
  std::ostringstream md;
  double seconds = 0, hi = 0;
  int measured = 0;
  for (const auto& p : points) {
    if (std::isfinite(num(p, "seconds"))) seconds += num(p, "seconds");
    measured += text(p, "status") == "ok";
    hi = std::max({hi, num(p, "alpha"), num(p, "beta")});
  }
  hi = std::ceil(hi * 10 + 0.5) / 10;
  md << fmt::format("{} points ({} measured), {:.0f} s of computing in all ({:.1f} s per measured point).\n\n", points.size(),
                    measured, seconds, measured ? seconds / measured : 0.0);
  // the done-when test of issue 22: |measured - derived| <= 0.01 where the derived phase is constant within 0.05
  const double near = 0.05, tol = 0.01;
  std::ostringstream listed;
  int far = 0, agree = 0;
  for (const auto& p : points) {
    if (text(p, "status") == "no learning") continue;
    const double dist = distance_to_boundary(num(p, "alpha"), num(p, "beta"), near);
    if (dist < near) continue;
    ++far;
    const double dx = std::abs(num(p, "xi") - num(p, "xi_theory")), de = std::abs(num(p, "eta") - num(p, "eta_theory"));
    if (dx <= tol && de <= tol) { ++agree; continue; }
    std::string reason;
    if (text(p, "status") != "ok") {
      reason = cell_text(text(p, "status") + ": " + text(p, "message"));
    } else {
      // what the frontier's own verdict measured (lib/frontier/verdict.hpp), and where its local slopes were heading
      const std::string kind = p.contains("verdict") ? text(p["verdict"], "kind") : "";
      const std::string why = kind == "bridge+limit" ? "a slow approach: the frontier agrees with the constants-kept model on its "
                                                       "window, and that model continued to f = 1e80 reaches the cell"
                              : kind == "no bridge" ? "the frontier and the constants-kept model disagree on the window"
                              : kind.empty()        ? "no verdict"
                                                    : "the model's continuation has not settled on the cell by f = 1e80 (" + kind + ")";
      std::string slopes;
      if (p.contains("local") && p["local"].is_array() && p["local"].size() >= 2) {
        const auto& l = p["local"];
        slopes = fmt::format("; local η {:.4f} → {:.4f}, ξ {:.4f} → {:.4f} over the window", num(l[0], "eta"),
                             num(l[l.size() - 1], "eta"), num(l[0], "xi"), num(l[l.size() - 1], "xi"));
      }
      reason = fmt::format("\\|Δξ\\| = {:.4f}, \\|Δη\\| = {:.4f}: {}{}", dx, de, why, slopes);
    }
    listed << fmt::format("| {} | {} | {} | {} |\n", coordinate(num(p, "alpha")), coordinate(num(p, "beta")), text(p, "phase"), reason);
  }
  md << fmt::format("Away from the derived boundaries (farther than {}): {} of {} points have measured ξ and η within {} of the "
                    "derived ones.\n\n", near, agree, far, tol);
  if (agree < far) md << "The others, with what was measured:\n\n| α | β | phase | measured |\n|---|---|---|---|\n" << listed.str() << "\n";
  if (as.size() > 1 && bs.size() > 1) {
    const std::string pal_eta = "set palette defined (0 '#f7fbff', 0.5 '#6baed6', 1 '#08306b')\nset cblabel 'eta'";
    const std::string pal_err = "set palette defined (0 '#ffffff', 0.01 '#fcbba1', 0.05 '#cb181d', 0.2 '#67000d')\nset cbrange [0:0.2]";
    heatmap(points, fig_dir + "/" + name + "_eta.svg", "measured eta (derived boundaries drawn)", [](const nlohmann::json& p) { return num(p, "eta"); },
            pal_eta, hi);
    heatmap(points, fig_dir + "/" + name + "_xi.svg", "measured xi", [](const nlohmann::json& p) { return num(p, "xi"); },
            "set palette defined (0 '#fff5eb', 0.5 '#fd8d3c', 1 '#7f2704')\nset cblabel 'xi'", hi);
    heatmap(points, fig_dir + "/" + name + "_error.svg", "max(|xi - xi derived|, |eta - eta derived|)",
            [](const nlohmann::json& p) { return std::max(std::abs(num(p, "xi") - num(p, "xi_theory")), std::abs(num(p, "eta") - num(p, "eta_theory"))); },
            pal_err, hi);
    md << "![measured eta](" << link_prefix << "/" << name << "_eta.svg)\n\n![measured xi](" << link_prefix << "/" << name
       << "_xi.svg)\n\n![measured minus derived](" << link_prefix << "/" << name << "_error.svg)\n\n";
  } else if (points.size() > 1) {
    md << sweep_line_section(points, fig_dir, link_prefix, name);
  }
  md << "| α | β | phase | ξ measured | ξ derived | η measured | η derived | s | status |\n|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& p : points)
    md << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {:.1f} | {} |\n", coordinate(num(p, "alpha")), coordinate(num(p, "beta")),
                      text(p, "phase"), fixed_cell(num(p, "xi")), fixed_cell(num(p, "xi_theory")), fixed_cell(num(p, "eta")),
                      fixed_cell(num(p, "eta_theory")), std::isfinite(num(p, "seconds")) ? num(p, "seconds") : 0.0, text(p, "status"));
  return md.str();
}

void write_sweep_report(const std::string& dir, const std::vector<nlohmann::json>& points) {
  const std::string md = prose_unicode("# Sweep\n\n" + sweep_section(points, dir + "/figures", "figures", "sweep"));
  write_file_atomically(dir + "/sweep.md", [&](std::ostream& os) { os << md; });
  const std::string html = markdown_page("scalelaw sweep", md, dir);
  write_file_atomically(dir + "/sweep.html", [&](std::ostream& os) { os << html; });
}

}  // namespace scalelaw
