// One-hidden-layer ReLU networks of MODEL §5: g(x) = sum_i a_i relu(w_i . x), x ~ N(0, I_d / d).
// Teachers have unit-norm w_k and a_k ~ N(0, s^2/K); learners have free w_i (p = n (d + 1)).
#pragma once
#include <algorithm>
#include <cmath>
#include <numbers>

#include <Eigen/Dense>

#include "scalelaw/exact/rng.hpp"

namespace scalelaw {

struct relu_network {
  Eigen::MatrixXd W;  ///< units x d
  Eigen::VectorXd a;  ///< units
  Eigen::Index units() const { return W.rows(); }
  /// Logits g(x) for the rows of X.
  Eigen::VectorXd operator()(const Eigen::MatrixXd& X) const { return (X * W.transpose()).cwiseMax(0.0) * a; }
};

/// Teacher of MODEL §5 drawn from `gen`: w_k uniform on the sphere, a_k ~ N(0, s^2/K).
inline relu_network sample_teacher(Eigen::Index d, Eigen::Index K, double s, rng& gen) {
  relu_network f{Eigen::MatrixXd(K, d), Eigen::VectorXd(K)};
  for (Eigen::Index k = 0; k < K; ++k) {
    for (Eigen::Index j = 0; j < d; ++j) f.W(k, j) = gen.normal();
    f.W.row(k).normalize();
    f.a(k) = s / std::sqrt(double(K)) * gen.normal();
  }
  return f;
}

/// T inputs x ~ N(0, I_d / d) as rows.
inline Eigen::MatrixXd sample_inputs(Eigen::Index T, Eigen::Index d, rng& gen) {
  Eigen::MatrixXd X(T, d);
  const double scale = 1 / std::sqrt(double(d));
  for (Eigen::Index t = 0; t < T; ++t)
    for (Eigen::Index j = 0; j < d; ++j) X(t, j) = scale * gen.normal();
  return X;
}

/// E_x[relu(u.x) relu(v.x)] for x ~ N(0, I_d/d): the arc-cosine kernel of degree 1,
/// |u||v| (sin t + (pi - t) cos t) / (2 pi d), t the angle between u and v (Cho & Saul 2009).
inline double relu_kernel(const Eigen::RowVectorXd& u, const Eigen::RowVectorXd& v) {
  const double nu = u.norm(), nv = v.norm();
  if (nu == 0 || nv == 0) return 0;
  const double c = std::clamp(u.dot(v) / (nu * nv), -1.0, 1.0);
  const double t = std::acos(c);
  return nu * nv * (std::sin(t) + (std::numbers::pi - t) * c) / (2 * std::numbers::pi * double(u.size()));
}

/// E_x (f(x) - g(x))^2, exactly (kernel sums; no sampling).
inline double l2_distance_squared(const relu_network& f, const relu_network& g) {
  auto inner = [](const relu_network& x, const relu_network& y) {
    double s = 0;
    for (Eigen::Index i = 0; i < x.units(); ++i)
      for (Eigen::Index j = 0; j < y.units(); ++j) s += x.a(i) * y.a(j) * relu_kernel(x.W.row(i), y.W.row(j));
    return s;
  };
  return std::max(0.0, inner(f, f) - 2 * inner(f, g) + inner(g, g));
}

/// log(1 + e^u), stable for large |u|.
inline double softplus(double u) { return u > 0 ? u + std::log1p(std::exp(-u)) : std::log1p(std::exp(u)); }

/// KL(Ber(sigmoid(u)) || Ber(sigmoid(v))) = psi(v) - psi(u) - sigmoid(u) (v - u), psi = softplus (DERIVATIONS §5.1).
inline double bernoulli_logit_kl(double u, double v) {
  const double su = 1 / (1 + std::exp(-u));
  return std::max(0.0, softplus(v) - softplus(u) - su * (v - u));
}

}  // namespace scalelaw
