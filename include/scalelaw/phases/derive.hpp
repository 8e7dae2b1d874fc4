// Symbolic derivation of the compute-optimal phases (MODEL §4, issue "asymptotics and phases").
// Each term ~ d^p r^q; with d = f^xi, r = f^{1-xi} its decay rate in f is rho(xi) = A + B xi,
// A = -q, B = q - p. The loss is the max of the terms, so the compute-optimal exponent is
//   eta = max_{xi in [0,1]} min_t rho_t(xi)   (a concave, piecewise-linear maximisation),
// attained where an increasing and a decreasing rate cross. Candidates are all such pairs; each
// holds where: 0 < xi < 1, the pair's slopes have opposite signs, every other rate exceeds eta.
// Cells with equal (xi, eta) formulas are merged into phases, named by the reference point inside.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <ginac/ginac.h>

#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/phases/catalogue.hpp"
#include "scalelaw/phases/catalogue_file.hpp"

namespace scalelaw::phases {

/// One inequality  expr > 0  (expr a polynomial in alpha, beta after clearing signs).
struct inequality {
  GiNaC::ex expr;
  std::string text() const;  ///< leading coefficient positive: "alpha-beta > 0", "2*alpha-1 < 0"
};

/// A boundary curve p(alpha, beta) = 0, with its roots spelled out when p is univariate and
/// at most quadratic ("alpha = 1-1/2*sqrt(2) ~ 0.292893").
struct boundary {
  GiNaC::ex poly;
  std::string equation() const;
};
struct phase;
/// Every distinct boundary polynomial of the phases' (simplified) regions (by default the built-in derivation's).
std::vector<boundary> derived_boundaries(const std::vector<phase>& phases);
std::vector<boundary> derived_boundaries();

struct cell {
  std::string regime;
  term first, second;         ///< the crossing pair (dominant terms at the optimum)
  std::vector<term> tied;     ///< terms with the same monomial as one of the pair (dominant with it)
  GiNaC::ex xi, eta;          ///< rational functions of alpha, beta
  std::vector<inequality> region;  ///< regime conditions and the candidate's own, simplified
};

struct phase {
  std::string label;          ///< Ia, Ib, ... or "unnamed-N" (a finding)
  std::vector<term> dominant;
  GiNaC::ex xi, eta;
  std::vector<cell> cells;
  std::vector<std::string> reference_points;  ///< the named points that fall inside
  /// The region, exact and simplified: one conjunction when one describes the phase (every phase of
  /// the derivation), else the union of its cells. Decided on the exact samples of the arrangement of
  /// every condition's polynomials (one rational point in each of its open cells; no random sampling).
  std::vector<std::vector<inequality>> region;
};

/// The reference points of issue 6: Ia (1.0, 0.3), Ib (0.4, 0.3), Ic (0.15, 0.8), II (1.2, 0.8),
/// III (0.7, 1.0), IVa (0.27, 1.0), IVb (0.4, 1.0).
struct reference_point { const char* label; rational alpha, beta; };
const std::vector<reference_point>& reference_points();

/// The whole derivation of the built-in catalogue (data/catalogues/ppxp.toml; cached after the first call; thread-safe).
const std::vector<phase>& derived_phases();
/// How a catalogue's regimes are derived: the compute f = d^compute_d r^compute_r, and whether the PPXP conventions
/// hold (parameters alpha, beta with alpha > 0, compute d r: phases named by the reference points inside, Ia ... IVb,
/// in the paper's order); otherwise phases are P1, P2, ... in the order the derivation meets them.
struct derivation_options {
  rational compute_d{1}, compute_r{1};
  bool ppxp = true;
  /// outside the PPXP conventions: the phase holding a named point takes its name (catalogue's [[phase]]), the rest P<n>
  std::vector<catalogue::phase_name> names;
  /// how many parameters the regimes are in (1 to 4): the first that many of parameter_symbols()
  std::size_t parameters = 2;
  static derivation_options of(const catalogue& c);
};
/// The derivation of any catalogue's regimes (catalogue_file.hpp).
std::vector<phase> derive_phases(const std::vector<regime>& regimes, const derivation_options& options = {});
std::vector<phase> derive_phases(const catalogue& c);

/// Where (alpha, beta) falls: the phase, exact xi and eta, and the conditions closest to zero.
struct classification {
  const phase* ph = nullptr;
  const cell* in_cell = nullptr;
  rational xi, eta;
  std::vector<std::string> near_boundaries;  ///< boundary equations within `near` of the point
};
/// Exact for rational inputs; throws invalid_input outside the learnable region or on a boundary
/// where the point is ambiguous only if no cell contains it.
classification classify(const rational& alpha_q, const rational& beta_q, double near = 0.02);

/// Decimal text ("0.3", "1e-2", "3/10") to an exact rational; throws invalid_input.
rational parse_rational(const std::string& name, const std::string& text);

/// Pretty forms of a rational function of alpha, beta.
std::string formula_text(const GiNaC::ex& e);   ///< (2*alpha+2*beta-1)/(2*alpha+1)
std::string formula_latex(const GiNaC::ex& e);  ///< \frac{2\alpha+2\beta-1}{2\alpha+1}
/// Evaluates a rational function of alpha, beta at doubles (fast; for pictures and sweeps).
double evaluate(const GiNaC::ex& e, double alpha_v, double beta_v);
/// The same at a point of any number of parameters (x[i] binds parameter_symbols()[i]).
double evaluate(const GiNaC::ex& e, const std::vector<double>& x);

}  // namespace scalelaw::phases
