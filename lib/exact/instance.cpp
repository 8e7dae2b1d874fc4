#include "scalelaw/exact/instance.hpp"
#include "scalelaw/model/resources.hpp"

#include <algorithm>
#include <cmath>
#include <thread>
#include <type_traits>
#include <vector>

#include "scalelaw/exact/rng.hpp"

#include <cblas.h>
#include <lapacke.h>
#include <fmt/format.h>

namespace scalelaw {

namespace {

/// K = A^T A = U diag(lambda) U^T, ascending eigenvalues (MODEL §2's Khat, through A = D^1/2 W).
/// double: OpenBLAS's threaded dsyrk, then LAPACK. With `form_vectors`, U itself (dsyevd, divide and conquer). Without,
/// U stays factored as Q Z: Q the Householder reflectors of the tridiagonal reduction (dsytrd), Z the tridiagonal's
/// eigenvectors (dstedc), which is what dsyevd computes before it multiplies them out (a d^3 product, ~3.7 s of its 9.3 s
/// at d = 4000, docs/BENCH.md); U^T c and U x are then two O(d^2) reflector sweeps (dormtr). long double: Eigen.
template <class T>
struct gram_eigen {
  using matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  using vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  vector lambda;
  matrix U;                  ///< formed: the eigenvectors; else Q's reflectors (dsytrd's output)
  matrix Z;                  ///< not formed: the tridiagonal's eigenvectors
  std::vector<double> tau;   ///< not formed: the reflectors' scalars
  bool formed = true;

  gram_eigen(const matrix& A, bool form_vectors) {
    const Eigen::Index v = A.rows(), d = A.cols();
    if constexpr (std::is_same_v<T, double>) {
      const auto n = static_cast<lapack_int>(d);
      U.resize(d, d);
      // column-major A (v x d): K = A^T A into the lower triangle of U
      cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, static_cast<int>(d), static_cast<int>(v), 1.0, A.data(),
                  static_cast<int>(v), 0.0, U.data(), static_cast<int>(d));
      lambda.resize(d);
      formed = form_vectors;
      if (formed) {
        const lapack_int info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'L', n, U.data(), n, lambda.data());
        if (info != 0) throw std::runtime_error(fmt::format("eigen-decomposition failed (LAPACK dsyevd info {})", info));
        return;
      }
      std::vector<double> off(static_cast<std::size_t>(std::max<Eigen::Index>(d - 1, 1)));
      tau.resize(off.size());
      lapack_int info = LAPACKE_dsytrd(LAPACK_COL_MAJOR, 'L', n, U.data(), n, lambda.data(), off.data(), tau.data());
      if (info != 0) throw std::runtime_error(fmt::format("tridiagonal reduction failed (LAPACK dsytrd info {})", info));
      Z.resize(d, d);
      info = LAPACKE_dstedc(LAPACK_COL_MAJOR, 'I', n, lambda.data(), off.data(), Z.data(), n);
      if (info != 0) throw std::runtime_error(fmt::format("eigen-decomposition failed (LAPACK dstedc info {})", info));
    } else {
      (void)form_vectors;
      matrix K = matrix::Zero(d, d);
      K.template selfadjointView<Eigen::Lower>().rankUpdate(A.transpose());
      K = K.template selfadjointView<Eigen::Lower>();
      Eigen::SelfAdjointEigenSolver<matrix> es(K);
      if (es.info() != Eigen::Success) throw std::runtime_error("eigen-decomposition failed");
      lambda = es.eigenvalues();
      U = es.eigenvectors();
    }
  }
  /// Q x (trans 'N') or Q^T x (trans 'T'), in place
  void apply_q(char trans, vector& x) const {
    if constexpr (std::is_same_v<T, double>) {
      const auto n = static_cast<lapack_int>(x.size());
      if (n < 2) return;  // Q = I for d = 1
      const lapack_int info = LAPACKE_dormtr(LAPACK_COL_MAJOR, 'L', 'L', trans, n, 1, U.data(), n, tau.data(), x.data(), n);
      if (info != 0) throw std::runtime_error(fmt::format("LAPACK dormtr info {}", info));
    }
  }
  vector transpose_times(vector c) const {  ///< U^T c
    if (formed) return U.transpose() * c;
    apply_q('T', c);
    return Z.transpose() * c;
  }
  vector times(const vector& x) const {  ///< U x
    if (formed) return U * x;
    vector y = Z * x;
    apply_q('N', y);
    return y;
  }
  void flip(Eigen::Index i) {  ///< u_i -> -u_i (U = Q Z: the column of Z)
    if (formed) U.col(i) = -U.col(i);
    else Z.col(i) = -Z.col(i);
  }
};

}  // namespace

template <class T>
loss_spectrum plrf_instance<T>::spectrum(double gamma, unsigned batch) const {
  loss_spectrum s;
  s.F0 = static_cast<double>(F0);
  s.gamma = gamma;
  s.batch = batch;
  for (Eigen::Index i = 0; i < lambda.size(); ++i) {
    s.lambda.push_back(static_cast<double>(lambda[i]));
    s.weight.push_back(static_cast<double>(lambda[i] * e0[i] * e0[i]));
  }
  return sanitized(s);
}

template <class T>
plrf_instance<T> instantiate(const plrf& m, std::uint64_t seed, bool keep_features) {
  using matrix = typename plrf_instance<T>::matrix;
  using vector = typename plrf_instance<T>::vector;
  if (std::isinf(m.v)) throw invalid_input("an instance of the model needs a finite v");
  const Eigen::Index v = static_cast<Eigen::Index>(m.v), d = static_cast<Eigen::Index>(m.d);
  if (static_cast<double>(v) * static_cast<double>(d) > 4e9)
    throw invalid_input(fmt::format("v d = {:.3g} is too large for an explicit W (limit 4e9)", double(v) * d));
  if (v > 2147483647)  // BLAS's int: dsyrk's inner dimension
    throw invalid_input(fmt::format("v = {} is too large for an explicit W (limit 2^31 - 1)", v));
  // A = D^1/2 W (v x d; kept twice with the features), Khat, U and dsyevd's 2 d^2 workspace (model/resources.hpp)
  require_memory(fmt::format("an instance with v = {:g}, d = {}", m.v, m.d),
                 double(sizeof(T)) * (double(v) * double(d) * (keep_features ? 2 : 1) + 5 * double(d) * double(d)));
  // A = D^{1/2} W, y = D^{1/2} b
  matrix A(v, d);
  vector y(v);
  const T inv_sqrt_d = T(1) / std::sqrt(T(d));
  auto rows = [&](Eigen::Index from, Eigen::Index to) {  // row j from its own stream: any split gives the same A
    std::vector<double> row(static_cast<std::size_t>(d));
    for (Eigen::Index j = from; j < to; ++j) {
      rng gen(seed, static_cast<std::uint64_t>(j));
      gen.fill_normal(row.data(), row.size());
      const T sd = std::pow(T(j + 1), -T(m.alpha));
      for (Eigen::Index k = 0; k < d; ++k) A(j, k) = sd * T(row[k]) * inv_sqrt_d;
      y[j] = sd * std::pow(T(j + 1), -T(m.beta));
    }
  };
  // as many threads as OpenBLAS may use for the products below: one inside blas_single_thread_scope, whose callers
  // already run instances in parallel (the normals were ~10 % of the instance on one thread, docs/BENCH.md)
  const auto threads = static_cast<Eigen::Index>(
      v * d < (Eigen::Index(1) << 20) ? 1 : std::max(1, std::min<int>(blas_threads(), int(std::thread::hardware_concurrency()))));
  std::vector<std::thread> pool;
  for (Eigen::Index t = 1; t < threads; ++t) pool.emplace_back(rows, v * t / threads, v * (t + 1) / threads);
  rows(0, v / threads);
  for (auto& th : pool) th.join();
  const vector c = A.transpose() * y;
  plrf_instance<T> inst;
  gram_eigen<T> eig(A, keep_features);  // U itself only when it is kept
  inst.lambda = eig.lambda;
  vector Utc = eig.transpose_times(c);
  // canonical signs: u_i^T c >= 0, so e0 >= 0 and the eigenbasis (which the exact-in-law SGD samples in) does not depend
  // on the eigen-solver's arbitrary choice of sign (LAPACK and Eigen differ there)
  for (Eigen::Index i = 0; i < d; ++i)
    if (Utc[i] < 0) {
      eig.flip(i);
      Utc[i] = -Utc[i];
    }
  inst.e0.resize(d);
  for (Eigen::Index i = 0; i < d; ++i) inst.e0[i] = inst.lambda[i] > 0 ? Utc[i] / inst.lambda[i] : T(0);
  inst.theta_star = eig.times(inst.e0);
  const vector resid = A * inst.theta_star - y;
  inst.F0 = resid.squaredNorm() / 2;
  if (keep_features) {
    inst.U = eig.U;
    inst.W = A;
    for (Eigen::Index j = 0; j < v; ++j) inst.W.row(j) /= std::pow(T(j + 1), -T(m.alpha));
  }
  return inst;
}

template struct plrf_instance<double>;
template struct plrf_instance<long double>;
template plrf_instance<double> instantiate<double>(const plrf&, std::uint64_t, bool);
template plrf_instance<long double> instantiate<long double>(const plrf&, std::uint64_t, bool);

}  // namespace scalelaw
