// Guaranteed enclosures of the spectral sums of MODEL §3–§4 for exact (rational) parameters, in
// ball arithmetic (Arb). `power_sum.hpp` is the fast path (estimated error); this is the rigorous
// one that `scalelaw eval` prints by default. How each bound is made: docs/NOTES.md, "Rigorous sums".
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "scalelaw/model/plrf.hpp"
#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw {

/// An enclosure that could not be certified (a remainder bound above its target at the largest head, a range too long
/// to sum, an analyticity or sign condition not decided in balls): `eval` reports it and exits 1, never a small number.
struct uncertified_sum : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// |exact - mid| <= rad, guaranteed (every rounding, truncation and quadrature error inside rad).
struct enclosure {
  mpfr mid, rad;
  std::uint64_t head_terms = 0;  ///< terms summed one by one (j < N)
  unsigned em_terms = 0;         ///< Euler–Maclaurin correction order m
  unsigned pieces = 0;           ///< pieces of [N, M] for the integral and the remainder bound
  unsigned series_terms = 0;     ///< Maclaurin terms of g summed as Hurwitz zeta values (j >= M)
  long precision_bits = 0;
};

/// Exact inputs of the sums. v = nullopt means v = inf.
struct exact_sum_params {
  rational alpha, beta;
  std::optional<rational> gamma;  ///< else gamma = gamma_mult / sum_{j<=v} j^{-2 alpha}, itself enclosed
  rational gamma_mult{1, 2};
  rational batch{1};
  rational r{0};
  std::optional<mpz_class> v;
  mpz_class d{0};
  /// The validated model's exact values (plrf::given), at r steps. v = rho d must then be a whole number.
  static exact_sum_params of(const plrf& model, const rational& r);
};

/// Fpp_sum(r) = 1/2 sum_{j<=v} j^{-2a-2b} q(j^{-2a})^r          (MODEL §4)
enclosure fpp_enclosure(const exact_sum_params& p, unsigned digits);
/// Kpp_sum(r) = gamma^2 B sum_{j<=v} j^{-4a} q(j^{-2a})^r        (MODEL §4)
enclosure kpp_enclosure(const exact_sum_params& p, unsigned digits);
/// kappa > 0 with sum_{j<=v} kappa D_j/(1 + kappa D_j) = d       (MODEL §3), certified by a sign change
enclosure kappa_enclosure(const exact_sum_params& p, unsigned digits);
/// F_0 = 1/2 sum_{j<=v} D_j b_j^2/(1 + kappa D_j) at the enclosed kappa  (MODEL §3)
enclosure f0_enclosure(const exact_sum_params& p, unsigned digits);
/// gamma = gamma_mult / sum_{j<=v} j^{-2a}, or the given gamma (exact, rad 0)  (MODEL §1)
enclosure gamma_enclosure(const exact_sum_params& p, unsigned digits);

}  // namespace scalelaw
