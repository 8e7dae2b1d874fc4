#include "scalelaw/sgd/sgd.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "scalelaw/exact/rng.hpp"
#include "scalelaw/model/interrupt.hpp"

namespace scalelaw {

namespace {

constexpr std::uint64_t run_stream_base = 1ull << 62;

/// Exact-in-law path: error e in the eigenbasis, e_0 = -U^T theta*.
std::vector<double> run_fast(const plrf& m, const plrf_instance<double>& inst, const std::vector<std::uint64_t>& grid,
                             rng& gen) {
  const Eigen::Index d = inst.lambda.size();
  Eigen::VectorXd sq = inst.lambda.cwiseMax(0.0).cwiseSqrt();
  Eigen::VectorXd lam = inst.lambda.cwiseMax(0.0);
  Eigen::VectorXd e = -inst.e0;
  Eigen::VectorXd z(d), g(d);
  const double noise_sd = std::sqrt(2 * std::max(inst.F0, 0.0));
  std::vector<double> out;
  out.reserve(grid.size());
  std::size_t next = 0;
  for (std::uint64_t k = 0; next < grid.size(); ++k) {
    if (k == grid[next]) {
      out.push_back(inst.F0 + 0.5 * lam.dot(e.cwiseAbs2()));
      ++next;
      if (next == grid.size()) break;
    }
    g.setZero();
    for (unsigned b = 0; b < m.batch; ++b) {
      gen.fill_normal(z.data(), static_cast<std::size_t>(d));
      z.array() *= sq.array();  // a = Lambda^{1/2} z
      const double resid = z.dot(e) + noise_sd * gen.normal();
      g.noalias() += resid * z;
    }
    e.noalias() -= m.gamma * g;
  }
  return out;
}

/// Naive path: theta in R^d, x in R^v.
std::vector<double> run_naive(const plrf& m, const plrf_instance<double>& inst, const Eigen::MatrixXd& Khat,
                              const Eigen::VectorXd& sdv, const Eigen::VectorXd& target,
                              const std::vector<std::uint64_t>& grid, rng& gen) {
  const Eigen::Index d = inst.lambda.size(), v = inst.W.rows();
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(d), x(v), a(d), g(d);
  std::vector<double> out;
  out.reserve(grid.size());
  std::size_t next = 0;
  for (std::uint64_t k = 0; next < grid.size(); ++k) {
    if (k == grid[next]) {
      const Eigen::VectorXd err = theta - inst.theta_star;
      out.push_back(inst.F0 + 0.5 * err.dot(Khat * err));
      ++next;
      if (next == grid.size()) break;
    }
    g.setZero();
    for (unsigned b = 0; b < m.batch; ++b) {
      gen.fill_normal(x.data(), static_cast<std::size_t>(v));
      x.array() *= sdv.array();                // x_j ~ N(0, j^{-2 alpha})
      a.noalias() = inst.W.transpose() * x;    // features W^T x
      const double resid = a.dot(theta) - x.dot(target);
      g.noalias() += resid * a;
    }
    theta.noalias() -= m.gamma * g;
  }
  return out;
}

}  // namespace

sgd_result run_sgd(const plrf& m, const plrf_instance<double>& inst, const sgd_options& o) {
  if (o.naive && inst.W.size() == 0) throw std::invalid_argument("naive SGD needs the instance's features");
  const auto t0 = std::chrono::steady_clock::now();
  sgd_result res;
  res.r = o.grid;
  res.loss.assign(o.runs, {});
  Eigen::MatrixXd Khat;
  Eigen::VectorXd sdv, target;
  if (o.naive) {
    const Eigen::Index v = inst.W.rows();
    sdv.resize(v);
    target.resize(v);
    for (Eigen::Index j = 0; j < v; ++j) {
      sdv[j] = std::pow(double(j + 1), -m.alpha);
      target[j] = std::pow(double(j + 1), -m.beta);
    }
    const Eigen::MatrixXd A = sdv.asDiagonal() * inst.W;
    Khat = A.transpose() * A;
  }
  unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, std::max(1u, o.runs));
  std::atomic<unsigned> next_run{0}, done{0};
  auto worker = [&] {
    for (unsigned i; (i = next_run.fetch_add(1)) < o.runs;) {
      if (interrupt_requested()) return;  // model/interrupt.hpp: thrown below, after the join
      rng gen(o.seed, run_stream_base + i);
      res.loss[i] = o.naive ? run_naive(m, inst, Khat, sdv, target, o.grid, gen) : run_fast(m, inst, o.grid, gen);
      const unsigned n = done.fetch_add(1) + 1;
      if (o.progress) o.progress(n, o.runs);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  throw_if_interrupted();
  const std::size_t K = o.grid.size();
  res.mean.resize(K); res.q10.resize(K); res.q90.resize(K); res.std_error.resize(K);
  for (std::size_t k = 0; k < K; ++k) {
    std::vector<double> col(o.runs);
    double mean = 0;
    for (unsigned i = 0; i < o.runs; ++i) { col[i] = res.loss[i][k]; mean += col[i]; }
    mean /= o.runs;
    double var = 0;
    for (double x : col) var += (x - mean) * (x - mean);
    var = o.runs > 1 ? var / (o.runs - 1) : 0;
    res.mean[k] = mean;
    res.std_error[k] = std::sqrt(var / o.runs);
    res.q10[k] = quantile(col, 0.1);
    res.q90[k] = quantile(col, 0.9);
  }
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double samples = static_cast<double>(o.runs) * static_cast<double>(o.grid.empty() ? 0 : o.grid.back()) * m.batch;
  res.samples_per_second = res.seconds > 0 ? samples / res.seconds : 0;
  return res;
}

}  // namespace scalelaw
