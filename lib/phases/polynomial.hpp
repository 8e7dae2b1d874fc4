// Printing and normal forms of the derivation's polynomials in alpha, beta (lib/phases, internal): a canonical text
// (GiNaC orders the factors of a product by hash, which varies between runs; docs/NOTES.md "Phases"), LaTeX, and the
// primitive representative of a boundary.
#pragma once
#include <string>

#include <ginac/ginac.h>

namespace scalelaw::phases {

/// The leading coefficient (highest total degree, then highest alpha power) of a polynomial.
GiNaC::numeric leading_coefficient(const GiNaC::ex& p);
/// p divided by the gcd of its integer coefficients, sign made positive at the leading term (`flipped` says if it was).
GiNaC::ex primitive(const GiNaC::ex& p, bool& flipped);
/// Monomials c alpha^i beta^j in a canonical order, highest degree first, a positive term first where there is one.
std::string poly_text(const GiNaC::ex& p, bool latex);

}  // namespace scalelaw::phases
