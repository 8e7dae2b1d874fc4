// Exact sample points of an arrangement in 1 to 4 dimensions (regions from exact arithmetic, no
// sampling). For polynomials p_k(x_1, ..., x_n) with rational coefficients, a cylindrical algebraic
// decomposition restricted to its open cells, recursively in n. In the plane (x, y): the critical x are the real roots of every
// leading coefficient, discriminant and pairwise resultant in y (and of the p_k free of y); over
// each open interval between them the real roots in y of the p_k are continuous and never meet
// (delineability), so one rational x per interval and one rational y between consecutive roots
// above it give a point in every open cell. Every open set on which no p_k vanishes contains one
// of these points, and every p_k has one sign on each cell: signs of the p_k at the samples decide
// emptiness, implication and equality of sets cut out by strict inequalities in the p_k.
// In n dimensions the same projection (in the last variable) gives polynomials in x_1..x_{n-1}, whose open cells are
// sampled recursively; over each such cell the p_k are delineable (their leading coefficients, discriminants and
// pairwise resultants do not vanish there), so lifting each sample by one rational between consecutive roots in x_n
// again meets every open cell of the p_k (Strzebonski's open CAD).
// Root isolation is numeric (Eigen's companion matrix) and then certified exactly by Sturm
// sequences; a failed certificate throws rather than returning a wrong sample.
#pragma once
#include <utility>
#include <vector>

#include <ginac/ginac.h>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw::phases {

/// Exact conversions between GMP and GiNaC rationals.
GiNaC::numeric to_numeric(const rational& q);
rational to_rational(const GiNaC::numeric& n);  ///< throws std::logic_error when n is not rational
/// An exact point of the parameter space, one coordinate per parameter_symbols() in order.
using point = std::vector<rational>;

/// A rational function of alpha(), beta() at an exact point (throws when it is not a number there).
GiNaC::numeric value_at(const GiNaC::ex& e, const rational& a, const rational& b);
/// A rational function of the parameter symbols at an exact point (its i-th coordinate binds parameter_symbols()[i]).
GiNaC::numeric value_at(const GiNaC::ex& e, const point& x);

/// Rational s_0 < s_1 < ... < s_n with exactly one real root of the product of `polys`
/// (univariate in x, rational coefficients) in each (s_i, s_{i+1}) and none outside; the s_i
/// are not roots. No real root: {0}.
std::vector<rational> root_separators(const std::vector<GiNaC::ex>& polys, const GiNaC::symbol& x);

/// One rational point in every open cell of the arrangement of `polys` in the space of `vars` (1 to 4 of them; the point's
/// coordinates in their order).
std::vector<point> open_cell_samples(const std::vector<GiNaC::ex>& polys, const std::vector<GiNaC::symbol>& vars);
/// One rational point in every open cell of the arrangement of `polys` in the (x, y) plane.
std::vector<std::pair<rational, rational>> open_cell_samples(const std::vector<GiNaC::ex>& polys, const GiNaC::symbol& x,
                                                             const GiNaC::symbol& y);

/// The factors over Q of the numerator and the denominator of `e` (as GiNaC's factor() gives them, numbers left out),
/// each with its multiplicity.
std::vector<std::pair<GiNaC::ex, int>> factor_powers(const GiNaC::ex& e);

/// The distinct irreducible factors over Q of the numerators and denominators of `exprs` (odd or even
/// multiplicity), each primitive with a positive leading coefficient.
std::vector<GiNaC::ex> irreducible_factors(const std::vector<GiNaC::ex>& exprs);

}  // namespace scalelaw::phases
