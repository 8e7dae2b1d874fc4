// Deterministic equivalent of the resolvent of Khat = W^T D W (MODEL §3):
//   m + (1/d) sum_{j<=v} D_j m / (D_j m - z) = 1,   s(z) = tr(Khat - z)^{-1}/d = -m(z)/z,
// on the branch where s is a Stieltjes transform, Im s > 0 for Im z > 0 (Newton, with continuation in
// z from far away where m ~ 1). Note: with s = -m/z this branch has Im m < 0 for Im z > 0
// (m ~ 1 - i tr(Khat)/(d y) at z = iy); MODEL §3's "Im m > 0" is the opposite sign (docs/NOTES.md).
// Spectral density rho(x) = (1/pi) Im s(x + i0) (MODEL §3 writes -(1/pi): with its s = tr(Khat - z)^{-1}/d,
// Im s > 0 above the axis, so the density needs +), evaluated at z = x (1 + i eps).
// Sums: direct for finite v; for v = inf (2 alpha > 1) a head j <= J and the tail in closed form,
// -sum_k (m/z)^k sum_{j>J} j^{-2 alpha k} with Euler–Maclaurin for the inner sums.
#pragma once
#include <complex>
#include <vector>

#include "scalelaw/model/plrf.hpp"

namespace scalelaw {

/// The coefficients of the resolvent's equation (alpha, d, v: it depends on nothing else), taken from the validated
/// model by deq_model::of; built directly only where the equation is studied alone (tests).
struct deq_model {
  double alpha;
  double d;
  double v;  ///< may be +inf (needs 2 alpha > 1)
  static deq_model of(const plrf& m) { return {m.alpha, static_cast<double>(m.d), m.v}; }
};

using cplx = std::complex<double>;

/// (1/d) sum_j D_j m/(D_j m - z), and its derivative in m unless d_dm is null (a second resonant sum).
void deq_sum(const deq_model& M, cplx m, cplx z, cplx& value, cplx* d_dm);

/// m(z) by Newton from `start`; throws std::runtime_error if Newton fails.
cplx deq_m_newton(const deq_model& M, cplx z, cplx start);

/// m(z) for Im z > 0 (or real z < 0) by continuation from z + i Y with Y large.
cplx deq_m(const deq_model& M, cplx z);

/// The target's transform T(z) = sum_{j<=v} D_j b_j^2 D_j m/(D_j m - z) at m = m(z), O(1) in v: its
/// boundary value's imaginary part is pi times the density nu of the target weights over the spectrum.
cplx deq_target_transform(double alpha, double beta, double v, cplx m, cplx z);

/// F_0 of the deterministic equivalent (lib/deq/kappa.hpp at 20 digits, rounded to double).
double deq_f0_double(double alpha, double beta, double d, double v);

/// rho(x) = (1/pi) Im s(x + i eps x): the spectral density of Khat (mass 1), smoothed at relative width eps.
double deq_density(const deq_model& M, double x, double eps = 1e-3);

/// The density on a log grid of x in [x_lo, x_hi] (continuation along the grid, from the top).
std::vector<double> deq_density_grid(const deq_model& M, const std::vector<double>& x, double eps = 1e-3);

}  // namespace scalelaw
