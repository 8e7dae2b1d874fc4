#include "scalelaw/phases/catalogue.hpp"

namespace scalelaw::phases {

using GiNaC::ex;
using GiNaC::numeric;

const char* name(term t) {
  switch (t) {
    case term::Fpp: return "Fpp";
    case term::Fac: return "Fac";
    case term::F0: return "F0";
    case term::Kpp: return "Kpp";
  }
  return "?";
}

const GiNaC::symbol& alpha() { static const GiNaC::symbol a("alpha"); return a; }
const GiNaC::symbol& beta() { static const GiNaC::symbol b("beta"); return b; }

std::vector<regime> regimes() {
  const ex a = alpha(), b = beta();
  const ex e_pp = (2 * a + 2 * b - 1) / (2 * a);  // F_pp ~ (gamma r)^{-e_pp}   (DERIVATIONS §1)
  const ex e_k = (4 * a - 1) / (2 * a);           // K_pp ~ gamma (gamma r)^{-e_k}  (DERIVATIONS §1)
  const ex learn = 2 * a + 2 * b - 1;
  std::vector<regime> out;
  for (int above_half_b = 0; above_half_b < 2; ++above_half_b) {
    const ex bcond = above_half_b ? ex(2 * b - 1) : ex(1 - 2 * b);
    // F_0 ~ d^{-2a + max(0, 1 - 2b)}  (DERIVATIONS §3, both 2a above and below 1)
    const monomial f0{term::F0, above_half_b ? ex(-2 * a) : ex(-(2 * a + 2 * b - 1)), ex(0),
                      above_half_b ? "F0 ~ zeta(2b)/(2 kappa), kappa ~ d^{2a}" : "F0 ~ kappa^{-(2a+2b-1)/(2a)}"};
    {  // 2 alpha > 1, gamma ~ 1
      regime r;
      r.name = std::string("2a>1, ") + (above_half_b ? "2b>1" : "2b<1");
      r.conditions = {2 * a - 1, bcond, learn};
      r.terms.push_back({term::Fpp, ex(0), -e_pp, "Fpp ~ Gamma(e)/(4a) (2 gamma B r)^{-e}"});
      if (above_half_b)
        r.terms.push_back({term::Fac, ex(-1), -(1 - 1 / (2 * a)), "Fac ~ d^{-1} (gamma r)^{-1+1/(2a)} (SPEC §4, 2b > 1)"});
      r.terms.push_back(f0);
      r.terms.push_back({term::Kpp, ex(0), -e_k, "Kpp ~ gamma^2 B Gamma(e_k)/(2a) (2 gamma B r)^{-e_k}"});
      out.push_back(r);
    }
    for (int above_quarter = 0; above_quarter < 2; ++above_quarter) {  // 2 alpha < 1, gamma ~ d^{2a-1}
      regime r;
      r.name = std::string("2a<1, ") + (above_quarter ? "4a>1, " : "4a<1, ") + (above_half_b ? "2b>1" : "2b<1");
      r.conditions = {1 - 2 * a, above_quarter ? ex(4 * a - 1) : ex(1 - 4 * a), bcond, learn};
      // gamma r = d^{2a-1} r
      r.terms.push_back({term::Fpp, (1 - 2 * a) * e_pp, -e_pp, "Fpp ~ (gamma r)^{-e}, gamma ~ d^{2a-1}"});
      r.terms.push_back(f0);
      if (above_quarter)
        r.terms.push_back({term::Kpp, (2 * a - 1) * (1 - e_k), -e_k, "Kpp ~ gamma (gamma r)^{-e_k}, gamma ~ d^{2a-1}"});
      else
        r.terms.push_back({term::Kpp, ex(-1), ex(0), "Kpp ~ gamma^2 sum_{j<=rho d} j^{-4a} ~ d^{-1} (4a < 1: top of the sum at j ~ v)"});
      out.push_back(r);
    }
  }
  return out;
}

}  // namespace scalelaw::phases
