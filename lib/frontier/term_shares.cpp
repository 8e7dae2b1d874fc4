#include "scalelaw/frontier/term_shares.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "scalelaw/deq/contour.hpp"
#include "scalelaw/frontier/model.hpp"
#include "scalelaw/model/plrf.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/spectral/terms.hpp"
#include "scalelaw/volterra/block_leap.hpp"

namespace scalelaw {

term_shares shares_at(const frontier_options& o, double d, double r) {
  if (!o.deq && !o.model) throw invalid_input("term shares: deq or model curves only");
  plrf_options po = o.params;
  po.d = std::round(d);
  const plrf m = plrf::from(po, true);
  r = std::max(1.0, std::round(r));
  term_shares s;
  if (o.model) {
    const three_term_model tm(m);
    s = {tm.F0, tm.Fpp(r), tm.Fac(r), tm.Kpp(r), 0};
  } else {
    const auto spec = deq_contour_spectrum(m);
    const auto c = volterra_block_leap(spec, {static_cast<std::uint64_t>(r)});
    const double pp = fpp_sum<double>(m.alpha, m.beta, m.gamma, double(m.batch), r, double(m.v)).value;
    s = {spec.F0, pp, c.forcing[0] - spec.F0 - pp, c.loss[0] - c.forcing[0], 0};
  }
  s.loss = s.F0 + s.Fpp + s.Fac + s.Kpp;
  s.F0 /= s.loss; s.Fpp /= s.loss; s.Fac /= s.loss; s.Kpp /= s.loss;
  return s;
}

term_shares shares_at_optimum(const frontier_options& o, const frontier_result& fr, std::size_t k) {
  if (k >= fr.points.size() || !fr.points[k].interior) throw std::invalid_argument("shares_at_optimum: not an interior optimum");
  const double d = std::round(fr.points[k].d_star);
  return shares_at(o, d, fr.points[k].flops / d);
}

}  // namespace scalelaw
