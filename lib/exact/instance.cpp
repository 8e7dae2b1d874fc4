#include "exact/instance.hpp"

#include <cmath>

#include "exact/rng.hpp"

namespace scalelaw {

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
    throw invalid_input(fmt::format("v d = {} is too large for an explicit W (limit 4e9)", double(v) * d));
  // A = D^{1/2} W, y = D^{1/2} b
  matrix A(v, d);
  vector y(v);
  std::vector<double> row(static_cast<std::size_t>(d));
  const T inv_sqrt_d = T(1) / std::sqrt(T(d));
  for (Eigen::Index j = 0; j < v; ++j) {
    rng gen(seed, static_cast<std::uint64_t>(j));
    gen.fill_normal(row.data(), row.size());
    const T sd = std::pow(T(j + 1), -T(m.alpha));
    for (Eigen::Index k = 0; k < d; ++k) A(j, k) = sd * T(row[k]) * inv_sqrt_d;
    y[j] = sd * std::pow(T(j + 1), -T(m.beta));
  }
  matrix K = matrix::Zero(d, d);
  K.template selfadjointView<Eigen::Lower>().rankUpdate(A.transpose());
  K = K.template selfadjointView<Eigen::Lower>();
  const vector c = A.transpose() * y;
  Eigen::SelfAdjointEigenSolver<matrix> es(K);
  if (es.info() != Eigen::Success) throw std::runtime_error("eigen-decomposition failed");
  plrf_instance<T> inst;
  inst.lambda = es.eigenvalues();
  const vector Utc = es.eigenvectors().transpose() * c;
  inst.e0.resize(d);
  for (Eigen::Index i = 0; i < d; ++i) inst.e0[i] = inst.lambda[i] > 0 ? Utc[i] / inst.lambda[i] : T(0);
  inst.theta_star = es.eigenvectors() * inst.e0;
  const vector resid = A * inst.theta_star - y;
  inst.F0 = resid.squaredNorm() / 2;
  if (keep_features) {
    inst.U = es.eigenvectors();
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
