#include "output/jvr_report.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <fstream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "scalelaw/frontier/frontier.hpp"
#include "scalelaw/infotheory/allocate.hpp"
#include "output/csv.hpp"
#include "output/files.hpp"
#include "output/gnuplot.hpp"
#include "output/html.hpp"
#include "output/report.hpp"

namespace scalelaw {

namespace fs = std::filesystem;

void write_simulation_csv(std::ostream& os, const simulate_result& r) {
  os << "d,C,n,T,p,kl_mean,kl_se";
  for (const auto& name : bound_presets()) os << ",bound_" << name;
  os << '\n';
  for (const auto& g : r.grid) {
    os << g.d << ',' << g.C << ',' << g.n << ',' << g.T << ',' << g.p << ',' << format_double(g.kl_mean) << ','
       << format_double(g.kl_se);
    for (double b : g.bounds) os << ',' << format_double(b);
    os << '\n';
  }
}

nlohmann::json simulation_json(const simulate_result& r, const simulate_options& o) {
  nlohmann::json grid = nlohmann::json::array(), optima = nlohmann::json::array();
  for (const auto& g : r.grid) {
    nlohmann::json b;
    for (std::size_t i = 0; i < g.bounds.size(); ++i) b[bound_presets()[i]] = g.bounds[i];
    grid.push_back({{"d", g.d}, {"C", g.C}, {"n", g.n}, {"T", g.T}, {"p", g.p}, {"kl_mean", g.kl_mean}, {"kl_se", g.kl_se},
                    {"kl", g.kl}, {"bounds", b}});
  }
  for (const auto& q : r.optima)
    optima.push_back({{"d", q.d}, {"C", q.C}, {"p_star", q.p_star}, {"T_star", q.T_star}, {"error", q.error}, {"interior", q.interior}});
  nlohmann::json ci = nlohmann::json::array();
  for (const auto& c : r.p_exponent_ci) ci.push_back({c[0], c[1]});
  return {{"grid", grid}, {"optima", optima}, {"dims", o.dims}, {"p_exponent", r.p_exponent}, {"p_exponent_ci", ci},
          {"share_C", r.share_C}, {"share_ratio", r.share_ratio}, {"share_slope", r.share_slope},
          {"share_slope_ci", {r.share_slope_ci[0], r.share_slope_ci[1]}}, {"teacher_s", o.teacher.s}, {"teacher_K", o.teacher.K},
          {"teachers", o.teachers}, {"search_window", o.search_window}, {"learners", r.learners},
          {"full_grid_learners", r.full_grid_learners}, {"epochs", o.recipe.epochs}, {"learning_rate", o.recipe.learning_rate}, {"seed", o.seed},
          {"seconds", r.seconds}};
}

namespace {

struct bound_tally { std::size_t above = 0, total = 0; double min_ratio = 1e300; };

std::vector<bound_tally> tally(const simulate_result& r) {
  std::vector<bound_tally> t(bound_presets().size());
  for (const auto& g : r.grid)
    for (std::size_t i = 0; i < g.bounds.size(); ++i) {
      ++t[i].total;
      if (g.bounds[i] >= g.kl_mean) ++t[i].above;
      t[i].min_ratio = std::min(t[i].min_ratio, g.bounds[i] / g.kl_mean);
    }
  return t;
}

/// p* of a preset bound at (d, C), from the allocation engine (12 digits are plenty for a table).
double bound_p_star(const std::string& bound, double d, double C) {
  allocation_options a;
  a.bound = bound;
  a.d = d;
  a.compute_min = a.compute_max = C;
  a.points = 1;
  a.digits = 12;
  return std::stod(allocate(a).points[0].p_star);
}

}  // namespace

std::string simulation_summary(const simulate_result& r) {
  std::string s = fmt::format("jvr simulate: {} grid points, {} learners (the full grid: {}) in {:.1f} s\n", r.grid.size(),
                              r.learners, r.full_grid_learners, r.seconds);
  for (std::size_t a = 0; a < r.p_exponent.size(); ++a)
    s += fmt::format("  d = {:g}: d log p*/d log C = {:.3f} [{:.3f}, {:.3f}]\n", r.dims[a], r.p_exponent[a], r.p_exponent_ci[a][0],
                     r.p_exponent_ci[a][1]);
  s += fmt::format("  trend with d at C = {:g}: d log(p*/T*)/d log d = {:.3f} [{:.3f}, {:.3f}]\n", r.share_C, r.share_slope,
                   r.share_slope_ci[0], r.share_slope_ci[1]);
  const auto t = tally(r);
  for (std::size_t i = 0; i < t.size(); ++i)
    s += fmt::format("  bound {}: above the Adam learner's measured mean at {}/{} points (smallest bound/measured {:.3g}; an "
                     "observation, not a check: the bound is on the Bayesian mixture learner)\n", bound_presets()[i],
                     t[i].above, t[i].total, t[i].min_ratio);
  return s;
}

std::string jvr_section(const std::string& dir, const simulate_options& o) {
  const simulate_result& r = simulate_cached(o);
  const std::string fig_dir = dir + "/figures";
  fs::create_directories(fig_dir);
  const std::vector<double>& ds = r.dims;
  std::vector<std::string> bounds;
  for (const auto& name : bound_presets()) bounds.push_back(preset_bound(name, o.teacher));

  // bound allocations at the simulated (d, C)
  std::map<std::pair<double, double>, std::vector<double>> bp;  // (d, C) -> p* per preset
  for (const auto& q : r.optima)
    for (const auto& b : bounds) bp[{q.d, q.C}].push_back(bound_p_star(b, q.d, q.C));

  // figures: IsoFLOP panels (one per d) and p*(C)
  {
    std::ofstream iso(fig_dir + "/jvr_isoflop.dat"), opt(fig_dir + "/jvr_optima.dat"), bnd(fig_dir + "/jvr_bound_pstar.dat");
    for (double d : ds) {
      for (double C : o.computes) {
        for (const auto& g : r.grid)
          if (g.d == d && g.C == C) iso << g.p << ' ' << g.kl_mean << ' ' << g.kl_se << '\n';
        iso << "\n\n";
      }
      for (const auto& q : r.optima)
        if (q.d == d) opt << q.C << ' ' << q.p_star << ' ' << q.error << ' ' << (q.interior ? 1 : 0) << '\n';
      opt << "\n\n";
      for (const auto& q : r.optima)
        if (q.d == d) bnd << q.C << ' ' << bp[{q.d, q.C}][0] << ' ' << bp[{q.d, q.C}][1] << '\n';
      bnd << "\n\n";
    }
  }
  const char* colours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
  {
    std::ofstream gp(fig_dir + "/jvr_isoflop.gp");
    gp << fmt::format("set terminal svg size {},420 font 'Helvetica,11' background '#ffffff'\nset output 'jvr_isoflop.svg'\n",
                      340 * ds.size())
       << "set multiplot layout 1," << ds.size() << " title 'IsoFLOP lines n (d+1) T = C: excess log-loss of the trained learner (mean over teachers, 1 SE bars)'\n"
       << "set logscale xy\nset format y '10^{%L}'\nset xlabel 'p = n (d+1)'\nset key top left font ',9'\n";
    for (std::size_t a = 0; a < ds.size(); ++a) {
      gp << fmt::format("set title 'd = {:g}'\n", ds[a]) << "plot ";
      for (std::size_t k = 0; k < o.computes.size(); ++k)
        gp << (k ? ", " : "") << fmt::format("'jvr_isoflop.dat' index {} w yerrorlines lc rgb '{}' pt 7 ps 0.5 t 'C = {:g}'",
                                             a * o.computes.size() + k, colours[k % 6], o.computes[k]);
      gp << fmt::format(", 'jvr_optima.dat' index {} u 2:3 w p pt 6 ps 1.5 lc rgb 'black' t 'p*(C)'\n", a);
    }
    gp << "unset multiplot\n";
  }
  {
    std::ofstream gp(fig_dir + "/jvr_pstar.gp");
    gp << "set terminal svg size 720,480 font 'Helvetica,12' background '#ffffff'\nset output 'jvr_pstar.svg'\n"
       << "set logscale xy\nset xlabel 'compute C = p T'\nset ylabel 'p*(C)'\nset key top left font ',10'\n"
       << "set title \"Compute-optimal model size p*(C)\\nMonte Carlo (points); derived bounds: teacher-information (dashed), barron-params (dotted)\"\nplot ";
    for (std::size_t a = 0; a < ds.size(); ++a)
      gp << (a ? ", " : "")
         << fmt::format("'jvr_optima.dat' index {0} u 1:2 w lp pt 7 lc rgb '{1}' t 'MC d = {2:g}', "
                        "'jvr_bound_pstar.dat' index {0} u 1:3 w l dt 2 lc rgb '{1}' notitle, "
                        "'jvr_bound_pstar.dat' index {0} u 1:2 w l dt 3 lc rgb '{1}' notitle",
                        a, colours[a % 6], ds[a]);
    gp << '\n';
  }
  run_gnuplot(fig_dir, "jvr_isoflop.gp");
  run_gnuplot(fig_dir, "jvr_pstar.gp");

  std::ostringstream md;
  md << fmt::format(
      "Setting of MODEL §5 (docs/DERIVATIONS.md §5): x ~ N(0, I_d/d), teacher with K = {:g} ReLU units, s = {}, Y ~ Bernoulli(sigmoid(f(x))); "
      "learners of n units (p = n (d+1)) trained by full-batch Adam (lr {:g}, {} epochs, from w ~ N(0, I), a ~ N(0, {:g}^2/n)) on T samples; "
      "error = exact conditional KL averaged over {} fresh inputs; {} teachers per d (seed {}), common random numbers along each line; "
      "{}; {} learners trained ({} on the full grid); {:.0f} s.\n\n",
      o.teacher.K, o.teacher.s, o.recipe.learning_rate, o.recipe.epochs, o.recipe.init_scale, o.test_points, o.teachers, o.seed,
      o.search_window ? fmt::format("each IsoFLOP line measured within {} sizes of its optimum, found by bracketing in log n", o.search_window)
                      : std::string("every size of each IsoFLOP line measured"),
      r.learners, r.full_grid_learners, r.seconds);
  md << "![jvr isoflop](figures/jvr_isoflop.svg)\n\n![jvr pstar](figures/jvr_pstar.svg)\n\n";
  md << "Compute-optimal allocation, measured (minimum of a parabola in log n through the IsoFLOP points) and from the two derived bounds "
        "(allocation engine, exact stationarity):\n\n"
     << "| d | C | MC p* | MC T* | MC p*/T* | MC error | bound p*: barron-params | bound p*: teacher-information |\n"
     << "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& q : r.optima) {
    const auto& b = bp[{q.d, q.C}];
    md << fmt::format("| {:g} | {:.0e} | {:.1f}{} | {:.0f} | {:.3g} | {:.3g} | {:.1f} | {:.1f} |\n", q.d, q.C, q.p_star,
                      q.interior ? "" : " (edge)", q.T_star, q.p_star / q.T_star, q.error, b[0], b[1]);
  }
  md << "\nExponents d log p*/d log C (Monte Carlo: least squares over interior optima, 90 % bootstrap interval over teachers; "
        "bounds: the engine's local exponent at the largest C):\n\n| d | MC | barron-params | teacher-information |\n| --- | --- | --- | --- |\n";
  for (std::size_t a = 0; a < ds.size(); ++a) {
    std::vector<double> be;
    for (const auto& b : bounds) {
      allocation_options al;
      al.bound = b;
      al.d = ds[a];
      al.compute_min = al.compute_max = o.computes.back();
      al.points = 1;
      al.digits = 12;
      be.push_back(allocate(al).points[0].p_exponent);
    }
    md << fmt::format("| {:g} | {:.3f} [{:.3f}, {:.3f}] | {:.3f} | {:.3f} |\n", ds[a], r.p_exponent[a], r.p_exponent_ci[a][0],
                      r.p_exponent_ci[a][1], be[0], be[1]);
  }
  // trend with d: Monte Carlo and bounds at the same C
  std::vector<double> bslope;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    std::vector<double> x, y;
    for (double d : ds) {
      const double p = bp[{d, r.share_C}].empty() ? bound_p_star(bounds[i], d, r.share_C) : bp[{d, r.share_C}][i];
      x.push_back(std::log(d));
      y.push_back(std::log(p * p / r.share_C));  // p*/T* = p*^2/C
    }
    bslope.push_back(ls_slope(x, y));
  }
  md << fmt::format(
      "\nTrend with d at C = {:g} (the largest C with an interior optimum at every d): slope of log(p*/T*) on log d — Monte Carlo "
      "{:.3f} [{:.3f}, {:.3f}], barron-params {:.3f}, teacher-information {:.3f}. A positive slope means a growing share of compute "
      "goes to the model as d grows (the abstract's claim).\n\n",
      r.share_C, r.share_slope, r.share_slope_ci[0], r.share_slope_ci[1], bslope[0], bslope[1]);
  const auto t = tally(r);
  md << "Bounds against the measurements (the bounds are for the Bayesian mixture learner's average over t <= T; the measured learner is "
        "the Adam-trained network's final error, so a bound below a measurement would be either a wrong derivation or a learner far "
        "from Bayes — see DERIVATIONS §5):\n\n| bound | above the measured mean | smallest bound / measured |\n| --- | --- | --- |\n";
  for (std::size_t i = 0; i < t.size(); ++i)
    md << fmt::format("| {} | {}/{} | {:.3g} |\n", bound_presets()[i], t[i].above, t[i].total, t[i].min_ratio);
  return "## Information-theoretic allocation (Jeon–Van Roy)\n\n" + md.str();
}

std::string write_jvr_report(const std::string& dir, const simulate_options& o) {
  fs::create_directories(dir);
  const std::string md = "# scalelaw jvr report\n\n" + jvr_section(dir, o);
  write_file_atomically(dir + "/jvr.md", [&](std::ostream& os) { os << md; });
  const std::string page = markdown_page("scalelaw jvr report", md, dir);
  write_file_atomically(dir + "/jvr.html", [&](std::ostream& os) { os << page; });
  return md;
}

}  // namespace scalelaw
