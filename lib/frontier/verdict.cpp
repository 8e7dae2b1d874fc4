#include "frontier/verdict.hpp"
#include "numeric/exact.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "frontier/term_shares.hpp"

namespace scalelaw {

frontier_verdict judge_frontier(const phases::classification& c, double alpha, double beta, const frontier_options& o,
                                const frontier_result& fr) {
  const double xc = nearest_double(c.xi), ec = nearest_double(c.eta);
  frontier_verdict v;
  v.within = std::abs(fr.xi - xc) <= 0.01 && std::abs(fr.eta - ec) <= 0.01;
  if (v.within) return v;
  v.next = phases::approach_of(c, alpha, beta);
  std::size_t top = fr.points.size();
  for (std::size_t k = 0; k < fr.points.size(); ++k)
    if (fr.points[k].interior) top = k;
  if (!v.next.has_next || top == fr.points.size() || std::isnan(fr.xi) || !(o.deq || o.model)) return v;
  v.f_top = fr.points[top].flops;
  const term_shares sh = shares_at_optimum(o, fr, top);
  using phases::term;
  v.share = v.next.next == term::F0 ? sh.F0 : v.next.next == term::Fpp ? sh.Fpp : v.next.next == term::Fac ? sh.Fac : sh.Kpp;
  auto within_span = [](double x, double a, double b) { return x >= std::min(a, b) - 0.002 && x <= std::max(a, b) + 0.002; };
  v.between = within_span(fr.xi, xc, v.next.xi_alt) && within_span(fr.eta, ec, v.next.eta_alt);
  const frontier_point* lo = nullptr;
  const frontier_point* hi = nullptr;
  for (const auto& p : fr.points)  // over the top 3 decades (the DE window's width; the model's grid spans 16)
    if (!std::isnan(p.local_xi) && p.flops >= v.f_top * (1 - 1e-9) / 1e3) { if (!lo) lo = &p; hi = &p; }
  auto dist = [&](const frontier_point* p) { return std::abs(p->local_xi - xc) + std::abs(p->local_eta - ec); };
  if (lo && hi && lo != hi) {
    v.dist_low = dist(lo);
    v.dist_high = dist(hi);
    v.moving = v.dist_high < v.dist_low;
  }
  v.approaching = v.share >= 0.1 && v.between && v.moving;
  return v;
}

std::string frontier_verdict::text() const {
  if (within) return "within 0.01 of the cell";
  if (std::isnan(share)) return "not within 0.01";
  return fmt::format("{}: not within 0.01; {} holds {:.0f}% of P* at f = {:.2g} (its share falls as f^-{:.4f}, x10 per {:.0f} decades); "
                     "the {}-balance is xi {:.6g}, eta {:.6g}: measured {} between it and the cell; local |dxi|+|deta| {:.4g} -> {:.4g} ({})",
                     approaching ? "approaching" : "NOT approaching", phases::name(next.next), 100 * share, f_top, next.gap,
                     next.decades_per_tenfold(), phases::name(next.next), next.xi_alt, next.eta_alt, between ? "is" : "is NOT", dist_low,
                     dist_high, moving ? "towards the cell" : "NOT towards the cell");
}

}  // namespace scalelaw
