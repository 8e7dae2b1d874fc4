#include "scalelaw/phases/approach.hpp"

#include <algorithm>
#include "scalelaw/numeric/exact.hpp"

#include <stdexcept>

namespace scalelaw::phases {

approach approach_of(const classification& c, double alpha, double beta) {
  if (!c.in_cell) throw std::invalid_argument("approach_of: the point is in no cell");
  static const std::vector<regime> all = regimes();  // built once (GiNaC); read-only afterwards
  const regime* reg = nullptr;
  for (const auto& r : all)
    if (r.name == c.in_cell->regime) reg = &r;
  if (!reg) throw std::logic_error("approach_of: the cell's regime is not in the catalogue");
  struct rate { term t; double A, B; };  // rate(xi) = A + B xi, A = -q, B = q - p (MODEL §4)
  std::vector<rate> rates;
  for (const auto& m : reg->terms) {
    const double p = evaluate(m.d_exp, alpha, beta), q = evaluate(m.r_exp, alpha, beta);
    rates.push_back({m.t, -q, q - p});
  }
  const double xi = nearest_double(c.xi), eta = nearest_double(c.eta);
  approach out;
  const rate* nx = nullptr;
  const auto& tied = c.in_cell->tied;
  for (const auto& r : rates) {
    if (r.t == c.in_cell->first || r.t == c.in_cell->second) continue;
    if (std::find(tied.begin(), tied.end(), r.t) != tied.end()) continue;  // the same rate as one of the pair
    const double gap = r.A + r.B * xi - eta;
    if (!nx || gap < out.gap) { nx = &r; out.gap = gap; }
  }
  if (!nx) return out;
  out.has_next = true;
  out.next = nx->t;
  for (const auto& r : rates) {
    if (!(r.t == c.in_cell->first || r.t == c.in_cell->second)) continue;
    if (r.B * nx->B >= 0) continue;  // the pair's member whose rate runs the other way
    out.xi_alt = (nx->A - r.A) / (r.B - nx->B);
    out.eta_alt = r.A + r.B * out.xi_alt;
  }
  return out;
}

}  // namespace scalelaw::phases
