// The deterministic-equivalent loss spectrum by contour quadrature (MODEL §3; issue 5, item 4).
// The kernel's measure d rho (Stieltjes transform s = -m/z) and the forcing's measure nu(x) dx / x
// (transform T(z)/z, lib/deq/resolvent.hpp) are integrated against the MODEL §2 integrands on a contour
// Gamma from a = lambda_min/2 to b > lambda_max (lib/deq/edges.hpp) through the upper half plane, which
// excludes 0 (T(z)/z has a pole there, carried by F_0): in log z, Gamma is the rectangle
//   ln a -> ln a + i phi -> ln b + i phi -> ln b,
// i.e. two arcs and a ray at angle phi. Off the real axis the integrands are smooth on the scale of |z|
// (the support is at angle phi), so Gauss–Legendre panels of fixed width in ln |z| converge
// geometrically: ~40 nodes per decade instead of the ~10 sqrt(d) per decade the real-axis density needs
// to resolve the top bumps (lib/deq/measures.hpp). No W, no eigen-decomposition, no smoothing.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "scalelaw/model/plrf.hpp"
#include "scalelaw/volterra/contour_spectrum.hpp"

namespace scalelaw {

/// The contour's quadrature (the model comes separately, validated: plrf).
struct deq_contour_options {
  double angle = 0.7853981633974483;  ///< phi, the ray's angle (pi/4)
  double panel = 0.5;                  ///< panel width in ln |z| (and in the arcs' angle)
  unsigned points = 16;                ///< Gauss–Legendre points per panel
};

/// The contour's quadrature against identities that hold exactly for the DE (each pair: through the
/// contour, and in closed form with power sums S_p = (1/d) sum_{j<=v} D_j^p, c_j = D_j b_j^2 = j^{-2a-2b}).
/// The moments follow from z(t) = 1/t + S_1 + S_2 t + ... at t -> 0 (lib/deq/edges.hpp), s = -t.
struct deq_contour_checks {
  double mass, moment1, moment2;    ///< int rho, int x rho, int x^2 rho through the contour
  double moment1_exact, moment2_exact;  ///< 1, S_1, S_1^2 + S_2
  double forcing0, initial;         ///< F(0) = F_0 + 1/2 int nu/x, and 1/2 sum_j c_j (the initial loss)
  double target_mass, target_mass_exact;  ///< int nu = Re sum_n w_n z_n, and sum_j c_j D_j
  double lambda_min, lambda_max;
};

contour_spectrum deq_contour_spectrum(const plrf& model, const deq_contour_options& o = {}, deq_contour_checks* checks = nullptr);

/// The rule's error relative to the integrand's size: rho^-2n for n points on panels whose Bernstein ellipse reaches
/// the support at angle phi, rho = c + sqrt(c^2 + 1), c = 2 phi / panel (lib/numeric/log_contour.hpp).
double deq_contour_rule_error(const deq_contour_options& o);

/// Points per panel for a curve read at the steps `steps`: the fewest n with A rho^-2n <= eps, where the amplification
/// A = max_k sum_n |w_n q_n^k| / (2 F(k)) is how far the forcing F(k) = F_0 + Re sum w_n q_n^k / 2 lies below the
/// sizes of the terms it is summed from (the rule's relative error in the weights becomes A times that in F). A from
/// a 16-point pilot of the same contour, with F(k) bounded below by max(F_0, F_pilot(k) - 10 rho_16^-32 sum |w q^k|)
/// (F(k) >= F_0: the forcing's sum over modes is of positive terms, MODEL §2; F_0 alone is no use as the bound: at the
/// frontier's optima F ~ 1e12..1e21 F_0 where A ~ 1e7). Where that bound is loose (the slack above half of F_pilot, A
/// beyond ~1e9), the pilot is repeated with the points its estimate asks for. Clamped to [8, 48].
unsigned deq_contour_points(const plrf& model, const deq_contour_options& o, const std::vector<std::uint64_t>& steps, double eps);

}  // namespace scalelaw
