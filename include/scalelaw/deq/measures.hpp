// Deterministic-equivalent loss spectrum (MODEL §3): the spectral measure of Khat (kernel) and the
// target's measure nu with Stieltjes transform c^T (Khat - z)^{-1} c ~ sum_j D_j b_j^2 D_j m/(D_j m - z)
// (forcing), discretised on a log grid of x by the trapezoid rule. The result is a loss_spectrum with
// multiplicities: node x_k stands for d rho(x_k) dx eigenvalues and carries forcing weight
// nu(x_k) dx / x_k (since w_i = (u_i^T c)^2 / lambda_i). No W, no eigen-decomposition.
#pragma once
#include <functional>
#include <string>

#include "scalelaw/deq/resolvent.hpp"
#include "scalelaw/model/plrf.hpp"
#include "scalelaw/volterra/spectrum.hpp"

namespace scalelaw {

/// The grid of the density (the model comes separately, validated: plrf).
struct deq_spectrum_options {
  unsigned per_decade = 0;  ///< grid density in x; 0 = max(1000, 10 sqrt(d))
  double eps = 0;           ///< relative smoothing of the densities, z = x (1 + i eps); 0 = min(1e-4, 0.01/d)
  std::function<void(const std::string&)> progress;
  unsigned threads = 0;     ///< 0 = hardware concurrency; the result does not depend on it
};

/// The discretised DE spectrum, with F0 from kappa (lib/deq/kappa.hpp) at double precision.
loss_spectrum deq_loss_spectrum(const plrf& model, const deq_spectrum_options& o = {});

}  // namespace scalelaw
