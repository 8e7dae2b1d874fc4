// Printing and normal forms of the derivation's polynomials in its parameters (lib/phases, internal): a canonical text
// (GiNaC orders the factors of a product by hash, which varies between runs; docs/NOTES.md "Phases"), LaTeX, and the
// primitive representative of a boundary.
#pragma once
#include <string>
#include <vector>

#include <ginac/ginac.h>

namespace scalelaw::phases {

/// The monomials of p expanded (one term for a monomial or a number).
std::vector<GiNaC::ex> polynomial_terms(const GiNaC::ex& p);
/// A monomial's powers of parameter_symbols(), in order (four entries).
std::vector<int> monomial_exponents(const GiNaC::ex& t);
/// A monomial's number: every parameter set to 1.
GiNaC::ex monomial_coefficient(const GiNaC::ex& t);
/// The leading coefficient (highest total degree, then highest powers of alpha, beta, gamma, delta in turn).
GiNaC::numeric leading_coefficient(const GiNaC::ex& p);
/// p divided by the gcd of its integer coefficients, sign made positive at the leading term (`flipped` says if it was).
GiNaC::ex primitive(const GiNaC::ex& p, bool& flipped);
/// Monomials c alpha^i beta^j gamma^k delta^l in a canonical order, highest degree first, a positive term first where there is one.
std::string poly_text(const GiNaC::ex& p, bool latex);

}  // namespace scalelaw::phases
