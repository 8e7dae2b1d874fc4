#include "output/phase_table.hpp"

#include <sstream>

namespace scalelaw {

using namespace phases;

std::string phase_region_text(const phase& ph) {
  std::string out;
  for (const auto& c : ph.cells) {
    std::string cell;
    for (const auto& q : c.region) cell += (cell.empty() ? "" : " and ") + q.text();
    out += (out.empty() ? "" : " or ") + (ph.cells.size() > 1 ? "(" + cell + ")" : cell);
  }
  return out;
}

std::string dominant_text(const phase& ph) {
  std::string s;
  for (term t : ph.dominant) s += (s.empty() ? "" : ", ") + std::string(name(t));
  return s;
}

std::string phase_table_markdown() {
  std::ostringstream os;
  os << "| phase | xi (d* ~ f^xi) | eta (P* ~ f^-eta) | dominant terms | region |\n|---|---|---|---|---|\n";
  for (const auto& ph : derived_phases())
    os << "| " << ph.label << " | `" << formula_text(ph.xi) << "` | `" << formula_text(ph.eta) << "` | " << dominant_text(ph)
       << " | " << phase_region_text(ph) << " |\n";
  os << "\nBoundaries:\n\n";
  for (const auto& b : derived_boundaries()) os << "- `" << b.equation() << "`\n";
  return os.str();
}

std::string phase_table_csv() {
  std::ostringstream os;
  os << "phase,xi_formula,eta_formula,dominant,region\n";
  auto q = [](const std::string& s) { return "\"" + s + "\""; };
  for (const auto& ph : derived_phases())
    os << ph.label << ',' << q(formula_text(ph.xi)) << ',' << q(formula_text(ph.eta)) << ',' << q(dominant_text(ph)) << ','
       << q(phase_region_text(ph)) << '\n';
  return os.str();
}

nlohmann::json phase_table_json() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& ph : derived_phases()) {
    std::vector<std::string> dom;
    for (term t : ph.dominant) dom.push_back(name(t));
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : ph.cells) {
      std::vector<std::string> ineq;
      for (const auto& q : c.region) ineq.push_back(q.text());
      cells.push_back({{"regime", c.regime}, {"inequalities", ineq}});
    }
    list.push_back({{"phase", ph.label}, {"region", phase_region_text(ph)}, {"xi_formula", formula_text(ph.xi)},
                    {"eta_formula", formula_text(ph.eta)}, {"xi_latex", formula_latex(ph.xi)},
                    {"eta_latex", formula_latex(ph.eta)}, {"dominant", dom}, {"cells", cells},
                    {"reference_points", ph.reference_points}});
  }
  std::vector<std::string> bounds;
  for (const auto& b : derived_boundaries()) bounds.push_back(b.equation());
  return {{"phases", list}, {"boundaries", bounds}};
}

std::string phase_table_tex() {
  std::ostringstream os;
  os << "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage[margin=1.5cm,landscape]{geometry}\n"
        "\\begin{document}\n\\begin{tabular}{lllp{9cm}}\n\\hline\nphase & $\\xi$ & $\\eta$ & region \\\\\n\\hline\n";
  auto tex_ineq = [](std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.compare(i, 5, "alpha") == 0) { out += "\\alpha "; i += 4; }
      else if (s.compare(i, 4, "beta") == 0) { out += "\\beta "; i += 3; }
      else if (s[i] == '*') out += ' ';
      else out += s[i];
    }
    return out;
  };
  for (const auto& ph : derived_phases()) {
    std::string region;
    for (const auto& c : ph.cells) {
      std::string cell;
      for (const auto& q : c.region) cell += (cell.empty() ? "" : ",\\ ") + tex_ineq(q.text());
      region += (region.empty() ? "" : " \\text{ or } ") + cell;
    }
    os << ph.label << " & $\\displaystyle " << formula_latex(ph.xi) << "$ & $\\displaystyle " << formula_latex(ph.eta)
       << "$ & $" << region << "$ \\\\[6pt]\n";
  }
  os << "\\hline\n\\end{tabular}\n\\end{document}\n";
  return os.str();
}

}  // namespace scalelaw
