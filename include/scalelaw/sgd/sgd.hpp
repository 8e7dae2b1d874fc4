// One-pass SGD on the PLRF model (MODEL §1), two ways with the same law (MODEL §2):
//  * naive: x ~ N(0, D) in R^v, features W^T x, O(v d) per sample;
//  * exact-in-law: in the eigenbasis of Khat a sample is a = Lambda^{1/2} z with an independent
//    residual N(0, 2 F_0), O(d) per sample.
// Losses P(theta_k) = F_0 + 1/2 e^T Khat e are evaluated exactly (no sampling noise) at a grid of k.
// Run `i` draws from stream (seed, 2^62 + i) only, so results do not depend on the thread count.
#pragma once
#include "scalelaw/numeric/quantile.hpp"
#include <cstdint>
#include <functional>
#include <vector>

#include "scalelaw/exact/instance.hpp"
#include "scalelaw/model/plrf.hpp"

namespace scalelaw {

struct sgd_options {
  std::vector<std::uint64_t> grid;  ///< steps at which the loss is recorded (sorted)
  unsigned runs = 1;
  std::uint64_t seed = 0;
  unsigned threads = 0;             ///< 0 = all cores
  bool naive = false;
  std::function<void(unsigned done, unsigned total)> progress;  ///< called from worker threads
};

struct sgd_result {
  std::vector<std::uint64_t> r;
  std::vector<std::vector<double>> loss;  ///< loss[run][grid index]
  std::vector<double> mean, q10, q90, std_error;
  double seconds = 0;
  double samples_per_second = 0;
};

/// `inst` must keep its features (instantiate(..., keep_features = true)) for the naive path.
sgd_result run_sgd(const plrf& m, const plrf_instance<double>& inst, const sgd_options& o);

}  // namespace scalelaw
