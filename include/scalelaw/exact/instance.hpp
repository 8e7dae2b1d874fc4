// One draw of the PLRF model at finite v, d (MODEL §2): W (v x d, N(0, 1/d), row j from stream
// (seed, j)), Khat = W^T D W, c = W^T D b, its eigen-decomposition, theta*, F_0 and the spectrum.
// F_0 = 1/2 || D^{1/2}(W theta* - b) ||^2 from the explicit residual (not b^T D b - c^T theta*,
// which cancels). Templated: double for speed, long double as the accuracy reference (d <= 200).
#pragma once
#include <cstdint>

#include <Eigen/Dense>

#include "scalelaw/model/plrf.hpp"
#include "scalelaw/numeric/blas_threads.hpp"
#include "scalelaw/volterra/spectrum.hpp"

namespace scalelaw {

template <class T>
struct plrf_instance {
  using matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  using vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  matrix W;           ///< v x d features (empty unless kept)
  matrix U;           ///< eigenvectors of Khat (columns), ascending eigenvalues (empty unless kept)
  vector lambda;      ///< eigenvalues of Khat
  vector e0;          ///< U^T theta*: the initial error theta_0 - theta* = -theta* in the eigenbasis
  vector theta_star;
  T F0{0};

  /// The loss spectrum (lambda_i, w_i = lambda_i e0_i^2) with gamma, B of the model.
  loss_spectrum spectrum(double gamma, unsigned batch) const;
};

template <class T>
plrf_instance<T> instantiate(const plrf& m, std::uint64_t seed, bool keep_features = false);

extern template struct plrf_instance<double>;
extern template struct plrf_instance<long double>;
extern template plrf_instance<double> instantiate<double>(const plrf&, std::uint64_t, bool);
extern template plrf_instance<long double> instantiate<long double>(const plrf&, std::uint64_t, bool);

}  // namespace scalelaw
