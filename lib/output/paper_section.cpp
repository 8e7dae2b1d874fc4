#include "output/paper_section.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "output/decimal.hpp"
#include "output/gnuplot.hpp"
#include "output/sweep_report.hpp"
#include "scalelaw/frontier/frontier.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/derive.hpp"

namespace scalelaw {

namespace {

/// The paper's window and settings: d = 200 ... 12800, v = 10 d, gamma = 0.75 / sum_{j<=v} j^(-2 alpha), B = 1. DE
/// curves (no seed noise); f over ten decades at 4 per decade, of which the fits use the optima at least 0.7 in ln d
/// (two widths of the minimiser's window) inside the d grid: with 1.4 only ~0.6 decades of d would remain.
frontier_options paper_window(const rational& alpha, const rational& beta, unsigned d_per_octave) {
  frontier_options o;
  o.params = {.alpha = nearest_double(alpha), .beta = nearest_double(beta), .rho = 10, .gamma_mult = 0.75};
  o.deq = true;
  o.seeds = 1;
  o.d_min = 200;
  o.d_max = 12800;
  o.d_per_octave = d_per_octave;
  o.flops_min = 1e3;
  o.flops_max = 1e13;
  o.flops_points = 41;
  o.edge_margin = 0.7;
  return o;
}

const char* const settings_text =
    "d = 200 … 12800, v = 10 d, γ = 0.75 / Σ j^(−2α) (the sum over j ≤ v), B = 1; deterministic-equivalent curves (lib/deq/contour.hpp, "
    "no seed noise); f = 10^3 … 10^13 at 4 per decade; an optimum enters the fits when it lies at least 0.7 in ln d inside "
    "the d grid (`scalelaw frontier --method deq --rho 10 --gamma-mult 0.75 --d-min 200 --d-max 12800 --flops-min 1e3 "
    "--flops-max 1e13 --flops-points 41 --edge-margin 0.7` gives the same numbers)";


std::size_t nearest_index(const std::vector<double>& xs, double x) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < xs.size(); ++k)
    if (std::abs(std::log(xs[k] / x)) < std::abs(std::log(xs[best] / x))) best = k;
  return best;
}

struct paper_point { rational alpha, beta; phases::classification c; frontier_result fr; };

paper_point measure(const std::string& alpha, const std::string& beta, unsigned d_per_octave) {
  paper_point p{parse_exact("alpha", alpha), parse_exact("beta", beta), {}, {}};
  p.c = phases::classify(p.alpha, p.beta);
  p.fr = compute_frontier(paper_window(p.alpha, p.beta, d_per_octave));
  return p;
}

// The paper's first and third figures: loss against compute for d = 200 * 2^k with the compute-optimal points, the
// IsoFLOP profiles at fixed f with d* marked, and the front's exponents by the three estimators at alpha = beta = 0.7.
std::string front_section(const paper_section_options& o, const std::string& fig_dir) {
  if (o.progress) o.progress("paper: the front at alpha = beta = 0.7");
  const unsigned per_octave = 4;  // d = 200 * 2^k are every 4th point of the grid
  const paper_point front = measure("0.7", "0.7", per_octave);
  const frontier_result& fr = front.fr;
  const auto& c = front.c;
  {
    std::ofstream f(fig_dir + "/paper_loss.dat");
    for (std::size_t i = 0; i < fr.d_grid.size(); i += per_octave) {  // d = 200 * 2^k
      for (std::size_t k = 0; k < fr.flops.size(); ++k)  // from one step on (f >= d): below, r = f/d rounds up to 1
        if (fr.flops[k] >= fr.d_grid[i]) f << fr.flops[k] << ' ' << fr.isoflop[k][i] << '\n';
      f << "\n\n";
    }
    std::ofstream g(fig_dir + "/paper_front.dat");
    for (const auto& p : fr.points)
      if (p.interior) g << p.flops << ' ' << p.loss << ' ' << p.d_star << '\n';
  }
  const std::size_t curves = (fr.d_grid.size() + per_octave - 1) / per_octave;
  {
    std::ofstream gp(fig_dir + "/paper_loss.gp");
    gp << "set terminal svg size 860,500 font 'Helvetica,12' background '#ffffff'\nset output 'paper_loss.svg'\n"
       << "set logscale xy\nset format x '10^{%L}'\nset format y '10^{%L}'\nset xlabel 'compute f = d r'\nset ylabel 'expected loss'\n"
       << "set title 'alpha = beta = 0.7 (Phase II|III): loss against compute, v = 10 d'\nset key outside right top\n"
       << "set palette defined (0 '#9ecae1', 1 '#08306b')\nunset colorbox\nset cbrange [0:1]\nplot ";
    for (std::size_t m = 0; m < curves; ++m)
      gp << fmt::format("'paper_loss.dat' index {} w l lw 1.5 lc palette frac {:.3f} title 'd = {:.0f}', ", m,
                        curves > 1 ? double(m) / double(curves - 1) : 0.0, fr.d_grid[m * per_octave]);
    gp << "'paper_front.dat' u 1:2 w p pt 7 ps 0.7 lc rgb '#d62728' title 'P*(f), interior optima'\n";
  }
  run_gnuplot(fig_dir, "paper_loss.gp");
  const std::vector<double> fixed_f = {1e5, 1e6, 1e7};
  {
    std::ofstream f(fig_dir + "/paper_isoflop.dat"), g(fig_dir + "/paper_isoflop_star.dat");
    for (double ff : fixed_f) {
      const std::size_t k = nearest_index(fr.flops, ff);
      for (std::size_t i = 0; i < fr.d_grid.size(); ++i) f << fr.d_grid[i] << ' ' << fr.isoflop[k][i] << '\n';
      f << "\n\n";
      if (fr.points[k].interior) g << fr.points[k].d_star << ' ' << fr.points[k].loss << '\n';
    }
    std::ofstream gp(fig_dir + "/paper_isoflop.gp");
    gp << "set terminal svg size 860,500 font 'Helvetica,12' background '#ffffff'\nset output 'paper_isoflop.svg'\n"
       << "set logscale xy\nset format y '10^{%L}'\nset xlabel 'd (parameters)'\nset ylabel 'expected loss at r = f/d'\n"
       << "set title 'IsoFLOP profiles at fixed compute, alpha = beta = 0.7'\nset key outside right top\nset autoscale xfix\nplot ";
    const char* colors[] = {"#6baed6", "#2171b5", "#08306b"};
    for (std::size_t m = 0; m < fixed_f.size(); ++m)
      gp << fmt::format("'paper_isoflop.dat' index {} w l lw 2 lc rgb '{}' title 'f = {:.0e}', ", m, colors[m], fixed_f[m]);
    gp << "'paper_isoflop_star.dat' w p pt 7 ps 1 lc rgb '#d62728' title 'd*(f)'\n";
  }
  run_gnuplot(fig_dir, "paper_isoflop.gp");

  std::ostringstream md;
  md << "### The compute-optimal front at α = β = 0.7 (the paper's first and third figures)\n\n"
     << "The point sits on the Phase II|III boundary; the derived table gives ξ = " << fixed_cell(nearest_double(c.xi))
     << " and η = " << fixed_cell(nearest_double(c.eta)) << " (Phase " << c.ph->label << "'s formulas, continuous across the "
     << "line). Settings: " << settings_text << ". " << fr.points.size() << " values of f, of which "
     << std::count_if(fr.points.begin(), fr.points.end(), [](const frontier_point& p) { return p.interior; })
     << " have an interior optimum.\n\n![loss against compute](figures/paper_loss.svg)\n\n"
     << "![IsoFLOP profiles](figures/paper_isoflop.svg)\n\n"
     << "| estimator (Hoffmann et al. 2022) | ξ (d* ~ f^ξ) | η (P* ~ f^(−η)) |\n|---|---|---|\n";
  const char* names[] = {"1: smallest loss over the d grid at each f (envelope)", "2: IsoFLOP profiles fitted in log d",
                         "3: the surface A d^(−a) + B r^(−b) + E fitted near the optima"};
  for (int e = 0; e < 3; ++e) md << "| " << names[e] << " | " << fixed_cell(fr.estimators[e].xi) << " | " << fixed_cell(fr.estimators[e].eta) << " |\n";
  md << "| derived | " << fixed_cell(nearest_double(c.xi)) << " | " << fixed_cell(nearest_double(c.eta)) << " |\n\n"
     << "\n";
  std::vector<const frontier_point*> local;
  for (const auto& p : fr.points)
    if (p.interior && std::isfinite(p.local_xi)) local.push_back(&p);
  const double deta = fr.eta - nearest_double(c.eta);
  md << fmt::format("On this window the fitted η (estimator 2) is {:.4f} {} the derived value (the "
                    "window's bias)", std::abs(deta), deta < 0 ? "below" : "above");
  if (!local.empty())
    md << fmt::format("; the local η goes from {:.4f} at f = {:.1e} to {:.4f} at f = {:.1e}", local.front()->local_eta,
                      local.front()->flops, local.back()->local_eta, local.back()->flops);
  md << ". The table under \"Compute-optimal frontier\" measures the same phases on the window the DE reaches, where "
        "the corrections have faded.\n\n| f | d* | local ξ | local η |\n|---|---|---|---|\n";
  for (const auto& p : fr.points)
    if (p.interior && std::isfinite(p.local_xi))
      md << fmt::format("| {:.2e} | {:.0f} | {:.4f} | {:.4f} |\n", p.flops, p.d_star, p.local_xi, p.local_eta);
  return md.str() + "\n";
}

// The paper's fourth and fourteenth figures: the exponents along alpha = 0.7 as beta crosses Ia -> II -> III, the
// negative betas included (2 alpha + 2 beta > 1 needs beta > -0.2 there).
std::string line_section(const paper_section_options& o, const std::string& fig_dir) {
  const std::vector<std::string> betas = {"-0.15", "-0.1", "-0.05", "0", "0.05", "0.1", "0.15", "0.2", "0.3", "0.4",
                                          "0.55", "0.6",   "0.65",  "0.8", "0.9", "1",   "1.1",  "1.25"};
  std::vector<nlohmann::json> points;
  std::ostringstream rows;
  for (const auto& b : betas) {
    if (o.progress) o.progress("paper: alpha = 0.7, beta = " + b);
    const paper_point p = measure("0.7", b, o.quick ? 2 : 4);
    const double xt = nearest_double(p.c.xi), et = nearest_double(p.c.eta);
    const bool ok = std::isfinite(p.fr.xi) && std::isfinite(p.fr.eta);
    points.push_back({{"alpha", 0.7}, {"beta", nearest_double(p.beta)}, {"phase", p.c.ph->label}, {"xi", ok ? p.fr.xi : NAN},
                      {"eta", ok ? p.fr.eta : NAN}, {"xi_theory", xt}, {"eta_theory", et}, {"seconds", p.fr.seconds},
                      {"status", ok ? "ok" : "no interior optimum"}});
    rows << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", b, p.c.ph->label, fixed_cell(p.fr.estimators[0].xi), fixed_cell(p.fr.xi),
                        fixed_cell(xt), fixed_cell(p.fr.estimators[0].eta), fixed_cell(p.fr.eta), fixed_cell(et));
  }
  std::ostringstream md;
  md << "### Exponents along α = 0.7, negative β included (the paper's fourth and fourteenth figures)\n\n"
     << "β from −0.15 to 1.25 (at α = 0.7 learning needs β > −0.2: on β = −0.2, 2α + 2β = 1 and η = 0). Settings: "
     << settings_text << (o.quick ? "; 2 d per octave (the full report: 4)" : "; 4 d per octave") << ". Headline estimator 2; "
     << "estimator 1 beside it. The stored sweep of \"The measured phase diagram\" measures the same line on the window the "
        "DE reaches, where the corrections have faded.\n\n"
     << sweep_line_section(points, fig_dir, "figures", "paper_line")
     << "| β | phase | ξ (1) | ξ (2) | ξ derived | η (1) | η (2) | η derived |\n|---|---|---|---|---|---|---|---|\n"
     << rows.str() << "\n";
  return md.str();
}

// The paper's fifth figure: near the IVa|IVb boundary (alpha = 1 - 1/sqrt 2 ~ 0.2929, beta > 1/2) the local exponents
// relax slowly, so a finite window measures values between the two cells.
std::string iv_section(const paper_section_options& o, const std::string& fig_dir) {
  const std::vector<std::string> alphas = {"0.27", "0.28", "0.31", "0.32"};
  std::ostringstream rows;
  std::ofstream dat(fig_dir + "/paper_iv.dat");
  std::ostringstream plots;
  const char* colors[] = {"#08519c", "#6baed6", "#fd8d3c", "#a63603"};
  int m = 0;
  double worst_eta = 0, worst_drift = 0;
  for (const auto& a : alphas) {
    if (o.progress) o.progress("paper: beta = 0.7, alpha = " + a);
    const paper_point p = measure(a, "0.7", o.quick ? 2 : 4);
    const double et = nearest_double(p.c.eta);
    std::vector<const frontier_point*> local;
    for (const auto& q : p.fr.points)
      if (q.interior && std::isfinite(q.local_eta)) local.push_back(&q);
    for (const auto* q : local) dat << q->flops << ' ' << q->local_eta << ' ' << q->local_xi << '\n';
    dat << "\n\n";
    if (std::isfinite(p.fr.eta)) worst_eta = std::max(worst_eta, std::abs(p.fr.eta - et));
    if (!local.empty()) worst_drift = std::max(worst_drift, std::abs(local.back()->local_eta - local.front()->local_eta));
    plots << fmt::format("'paper_iv.dat' index {0} w lp pt 7 ps 0.6 lw 2 lc rgb '{1}' title 'alpha = {2} ({3}), local eta', "
                         "{4} w l dt 2 lw 1.5 lc rgb '{1}' title 'derived eta = {4:.4f}', ",
                         m, colors[m], a, p.c.ph->label, et);
    ++m;
    rows << fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", a, p.c.ph->label, fixed_cell(p.fr.xi), fixed_cell(nearest_double(p.c.xi)),
                        fixed_cell(p.fr.eta), fixed_cell(et),
                        local.empty() ? "–" : fmt::format("{:.4f} → {:.4f}", local.front()->local_eta, local.back()->local_eta));
  }
  dat.close();
  {
    std::string pl = plots.str();
    pl.resize(pl.size() - 2);
    std::ofstream gp(fig_dir + "/paper_iv.gp");
    gp << "set terminal svg size 860,500 font 'Helvetica,12' background '#ffffff'\nset output 'paper_iv.svg'\n"
       << "set logscale x\nset format x '10^{%L}'\nset xlabel 'compute f'\nset ylabel 'local eta'\n"
       << "set title 'Local exponents near the IVa|IVb boundary (beta = 0.7, d = 200 ... 12800)'\nset key outside right top\nplot "
       << pl << "\n";
  }
  run_gnuplot(fig_dir, "paper_iv.gp");
  std::ostringstream md;
  md << "### Local exponents near the IVa|IVb boundary (the paper's fifth figure)\n\n"
     << "The boundary is α = 1 − 1/√2 ≈ 0.2929 for β > 1/2; two points on each side at β = 0.7. Settings: " << settings_text
     << ". The local η (least squares over neighbouring optima) against f, the derived η of each point's cell dashed:\n\n"
     << "![local exponents near IVa|IVb](figures/paper_iv.svg)\n\n"
     << "| α | phase | ξ | ξ derived | η | η derived | local η over the window |\n|---|---|---|---|---|---|---|\n"
     << rows.str()
     << fmt::format("\nOn this window the measured η is off the derived one by up to {:.4f} and the local η still changes by up "
                    "to {:.4f} across the window: near this line the corrections to the leading terms fall off like small powers "
                    "of d (NOTES, \"Frontier\"), so a window of this size does not separate the phases; the full suite's "
                    "frontier[IVa] and frontier[IVb] checks measure them on the window the DE reaches and judge them with the "
                    "constants-kept model's continuation.\n\n", worst_eta, worst_drift);
  return md.str();
}

}  // namespace

std::string paper_section(const paper_section_options& o, const std::string& fig_dir) {
  // one after another (the operands of + are evaluated in no fixed order, and the progress lines should follow the page)
  std::string front = front_section(o, fig_dir);
  std::string line = line_section(o, fig_dir);
  std::string iv = iv_section(o, fig_dir);
  return "## Reproducing the paper\n\nThe PPXP paper's experiments whose settings can be stated, redone with the toolkit on "
         "the paper's finite window; each subsection names its settings so that a reader can set them beside the paper's "
         "figures. Finite-window exponents differ from the asymptotic ones by the corrections the paper also sees; the "
         "derived values are the limits.\n\n" +
         front + line + iv;
}

}  // namespace scalelaw
