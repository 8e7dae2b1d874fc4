#include "output/phase_table.hpp"

#include <cctype>

#include <algorithm>
#include <sstream>
#include <utility>

namespace scalelaw {

using namespace phases;

std::string phase_region_text(const phase& ph) {
  std::string out;
  for (const auto& conj : ph.region) {
    std::string cell;
    for (const auto& q : conj) cell += (cell.empty() ? "" : " and ") + q.text();
    out += (out.empty() ? "" : " or ") + (ph.region.size() > 1 ? "(" + cell + ")" : cell);
  }
  return out;
}

std::string dominant_text(const phase& ph) {
  std::string s;
  for (term t : ph.dominant) s += (s.empty() ? "" : ", ") + std::string(name(t));
  return s;
}

std::string phase_table_markdown(const std::vector<phase>& phs) {
  std::ostringstream os;
  os << "| phase | xi (d* ~ f^xi) | eta (P* ~ f^-eta) | dominant terms | region |\n|---|---|---|---|---|\n";
  for (const auto& ph : phs)
    os << "| " << ph.label << " | `" << formula_text(ph.xi) << "` | `" << formula_text(ph.eta) << "` | " << dominant_text(ph)
       << " | " << phase_region_text(ph) << " |\n";
  os << "\nBoundaries:\n\n";
  for (const auto& b : derived_boundaries(phs)) os << "- `" << b.equation() << "`\n";
  return os.str();
}

namespace {

// Ia < Ib < Ic < II < III < IVa < IVb: the roman numeral, then the letter
std::pair<int, std::string> paper_order(const std::string& label) {
  static const std::pair<const char*, int> numerals[] = {{"IV", 4}, {"III", 3}, {"II", 2}, {"I", 1}};
  for (const auto& [r, n] : numerals)
    if (label.rfind(r, 0) == 0) return {n, label.substr(std::char_traits<char>::length(r))};
  return {99, label};  // an unnamed phase (a finding) last
}

}  // namespace

std::string phase_table_report(std::vector<math_replacement>& math) {
  std::vector<const phase*> order;
  for (const auto& ph : derived_phases()) order.push_back(&ph);
  std::stable_sort(order.begin(), order.end(), [](const phase* a, const phase* b) { return paper_order(a->label) < paper_order(b->label); });
  auto cell = [&](const std::string& text) {
    const std::string u = formula_unicode(text);
    math.push_back({u, formula_mathml(text)});
    return u;
  };
  std::ostringstream os;
  os << "The compute-optimal size and loss follow d⋆ ∝ f^ξ and P⋆ ∝ f^−η (f = d r, the compute).\n\n"
        "| phase | ξ | η | dominant terms | region |\n|---|---|---|---|---|\n";
  for (const phase* ph : order)
    os << "| " << ph->label << " | " << cell(formula_text(ph->xi)) << " | " << cell(formula_text(ph->eta)) << " | "
       << dominant_text(*ph) << " | " << cell(phase_region_text(*ph)) << " |\n";
  os << "\nBoundaries:\n\n";
  for (const auto& b : derived_boundaries()) os << "- " << cell(b.equation()) << "\n";
  return os.str();
}

std::string phase_table_csv(const std::vector<phase>& phs) {
  std::ostringstream os;
  os << "phase,xi_formula,eta_formula,dominant,region\n";
  auto q = [](const std::string& s) { return "\"" + s + "\""; };
  for (const auto& ph : phs)
    os << ph.label << ',' << q(formula_text(ph.xi)) << ',' << q(formula_text(ph.eta)) << ',' << q(dominant_text(ph)) << ','
       << q(phase_region_text(ph)) << '\n';
  return os.str();
}

nlohmann::json phase_table_json(const std::vector<phase>& phs) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& ph : phs) {
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
  for (const auto& b : derived_boundaries(phs)) bounds.push_back(b.equation());
  return {{"phases", list}, {"boundaries", bounds}};
}

std::string phase_table_tex(const std::vector<phase>& phs) {
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
  for (const auto& ph : phs) {
    std::string region;
    for (const auto& conj : ph.region) {
      std::string cell;
      for (const auto& q : conj) cell += (cell.empty() ? "" : ",\\ ") + tex_ineq(q.text());
      region += (region.empty() ? "" : " \\text{ or } ") + cell;
    }
    os << ph.label << " & $\\displaystyle " << formula_latex(ph.xi) << "$ & $\\displaystyle " << formula_latex(ph.eta)
       << "$ & $" << region << "$ \\\\[6pt]\n";
  }
  os << "\\hline\n\\end{tabular}\n\\end{document}\n";
  return os.str();
}

std::string with_parameter_names(const std::string& text, const std::vector<std::string>& names) {
  auto name_of = [&](const std::string& id) -> const std::string* {
    const auto& syms = phases::parameter_symbols();
    for (std::size_t i = 0; i < syms.size() && i < names.size(); ++i)
      if (id == syms[i].get_name()) return &names[i];
    return nullptr;
  };
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (!(std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_') || (i > 0 && ident(text[i - 1]))) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && ident(text[j])) ++j;
    const std::string id = text.substr(i, j - i);
    const std::string* n = name_of(id);
    if (!n || *n == id) out += id;  // alpha named alpha: unchanged (and \alpha stays in TeX)
    else if (i > 0 && text[i - 1] == '\\') {  // TeX: \alpha -> \mathit{a}
      out.pop_back();
      out += "\\mathit{" + *n + "}";
    } else out += *n;
    i = j;
  }
  return out;
}

}  // namespace scalelaw
