// Block-leaping exponential integrator for the discrete Volterra equation (MODEL §2, algorithm 2).
// State C_i(k) = sum_{s<k} q_i^{k-1-s} P_s. Over a block [k0, k0+h) the loss is collocated by a
// polynomial in the scaled binomial basis phi_m(t) = m! binom(t, m) / h^m at Chebyshev–Lobatto
// integer nodes; every C_i then advances in closed form through G_m (geometric_sums.hpp). Blocks
// grow geometrically under an error controller: cost O(d #blocks), #blocks ~ log r.
#pragma once
#include <cstdint>
#include <vector>

#include "scalelaw/volterra/contour_spectrum.hpp"
#include "scalelaw/volterra/grid.hpp"
#include "scalelaw/volterra/spectrum.hpp"

namespace scalelaw {

struct block_leap_options {
  double tol = 1e-10;          ///< relative local error per block (collocation residual)
  unsigned degree = 10;        ///< polynomial degree on a block (10: fastest in docs/BENCH.md)
  std::uint64_t warmup = 64;   ///< steps done one by one before leaping
};

struct block_leap_stats {
  unsigned blocks = 0, rejected = 0;
  unsigned rounding_limited = 0;  ///< blocks whose residual bar was the rounding floor, not tol (tiny loss vs the modes' sizes)
  double max_local_error = 0;     ///< largest accepted relative residual (above tol only in rounding-limited blocks)
};

loss_curve volterra_block_leap(const loss_spectrum& s, const std::vector<std::uint64_t>& grid,
                               const block_leap_options& opt = {}, block_leap_stats* stats = nullptr);

/// The same on a contour spectrum (complex nodes; every sum over modes is a real part).
loss_curve volterra_block_leap(const contour_spectrum& s, const std::vector<std::uint64_t>& grid,
                               const block_leap_options& opt = {}, block_leap_stats* stats = nullptr);

}  // namespace scalelaw
