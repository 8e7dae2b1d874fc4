// Plain timed benchmarks for the performance targets of the issues; results go to docs/BENCH.md.
//   scalelaw_bench [sums|volterra|eigen|sgd|jvr|frontier-profile|frontier-accuracy|kappa-only|all]
//   (frontier-profile and frontier-accuracy at other points: SCALELAW_BENCH_POINT="alpha,beta;alpha,beta")
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <tuple>

#include <cblas.h>
#include <lapacke.h>

#include "scalelaw/deq/contour.hpp"
#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/exact/instance.hpp"
#include "scalelaw/frontier/frontier.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/exact/rng.hpp"
#include "scalelaw/infotheory/simulate.hpp"
#include "scalelaw/sgd/sgd.hpp"
#include "scalelaw/spectral/terms.hpp"
#include "scalelaw/volterra/block_leap.hpp"
#include "scalelaw/volterra/direct.hpp"

using namespace scalelaw;
using clk = std::chrono::steady_clock;

template <class F>
double best_of(int reps, F&& f) {
  double best = 1e300;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = clk::now();
    f();
    best = std::min(best, std::chrono::duration<double>(clk::now() - t0).count());
  }
  return best;
}

static plrf model(double alpha, double beta, double d) {
  plrf_options o;
  o.alpha = alpha; o.beta = beta; o.d = d;
  return plrf::from(o, true);
}

static void bench_sums() {
  std::printf("## eval: 50 digits, v = inf (alpha 0.75, beta 0.5, gamma 0.25, B 1)\n| term | r | seconds |\n|---|---|---|\n");
  for (const char* r : {"0", "1000", "1e6", "1e12"}) {
    precision_scope p(62);
    double t = best_of(3, [&] { fpp_sum<mpfr>(mpfr("0.75"), mpfr("0.5"), mpfr("0.25"), mpfr(1), mpfr(r), INFINITY); });
    std::printf("| fpp | %s | %.4f |\n", r, t);
    t = best_of(3, [&] { kpp_sum<mpfr>(mpfr("0.75"), mpfr("0.25"), mpfr(1), mpfr(r), INFINITY); });
    std::printf("| kpp | %s | %.4f |\n", r, t);
  }
}

static void bench_volterra() {
  const plrf m = model(1.0, 0.3, 1000);
  const auto inst = instantiate<double>(m, 1);
  const auto s = inst.spectrum(m.gamma, m.batch);
  const std::vector<std::uint64_t> g_direct{0, 20000};
  const double t_direct = best_of(1, [&] { volterra_direct<double>(s, g_direct); });
  const double per_step = t_direct / 20000;
  std::printf("## Volterra solvers, PLRF spectrum d = 1000 (alpha 1, beta 0.3, v = 4000)\n");
  std::printf("direct recursion: %.3f s for 2e4 steps = %.3g s/step\n\n| r | block-leap s | blocks | direct s (extrapolated) | speed-up |\n|---|---|---|---|---|\n", t_direct, per_step);
  for (double r : {1e5, 1e8, 1e10, 1e12}) {
    const std::vector<std::uint64_t> grid{0, static_cast<std::uint64_t>(r)};
    block_leap_stats st;
    const double t = best_of(5, [&] { volterra_block_leap(s, grid, {}, &st); });
    std::printf("| %.0e | %.4f | %u | %.3g | %.3g |\n", r, t, st.blocks, per_step * r, per_step * r / t);
  }
}

static void bench_eigen(int dmax) {
  // the library's path (lib/exact/instance.cpp: W, then OpenBLAS dsyrk and LAPACK dsyevd) against Eigen's
  // one-thread SelfAdjointEigenSolver on the same Khat (up to d = 2000: it took 85 s at 4000)
  std::printf("## Instance: W, Khat = W^T D W (v = 4d) and its eigen-decomposition\n"
              "| d | instantiate (LAPACK) s | Eigen eigen-solver alone s |\n|---|---|---|\n");
  for (int d : {500, 1000, 2000, 4000, 8000, 12800}) {
    if (d > dmax) break;
    const plrf m = model(1.0, 0.3, d);
    const double t_lib = best_of(1, [&] { (void)instantiate<double>(m, 1); });
    double t_eig = NAN;
    if (d <= 2000) {
      const Eigen::Index v = 4 * d;
      Eigen::MatrixXd A(v, d);
      for (Eigen::Index j = 0; j < v; ++j) {
        rng gen(1, j);
        for (Eigen::Index k = 0; k < d; ++k) A(j, k) = std::pow(double(j + 1), -1.0) * gen.normal() / std::sqrt(double(d));
      }
      Eigen::MatrixXd K = Eigen::MatrixXd::Zero(d, d);
      K.selfadjointView<Eigen::Lower>().rankUpdate(A.transpose());
      K = K.selfadjointView<Eigen::Lower>();
      t_eig = best_of(1, [&] { Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(K); });
    }
    std::printf("| %d | %.2f | %.2f |\n", d, t_lib, t_eig);
  }
}

// Where the instance's time goes at d (v = 4d): W, K = A^T A (dsyrk), dsyevd (K = U diag U^T), and the path without the
// eigenvectors' back-transformation (dsytrd, then dstedc on the tridiagonal, then Q^T c and Q z by dormtr on vectors only).
static void bench_eigen_parts(int d) {
  const Eigen::Index v = 4 * d;
  Eigen::MatrixXd A(v, d);
  const double t_w = best_of(1, [&] {
    std::vector<double> row(static_cast<std::size_t>(d));
    for (Eigen::Index j = 0; j < v; ++j) {
      rng gen(1, static_cast<std::uint64_t>(j));
      gen.fill_normal(row.data(), row.size());
      const double sd = std::pow(double(j + 1), -1.0) / std::sqrt(double(d));
      for (Eigen::Index k = 0; k < d; ++k) A(j, k) = sd * row[static_cast<std::size_t>(k)];
    }
  });
  Eigen::MatrixXd K(d, d);
  const double t_syrk = best_of(1, [&] {
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, d, static_cast<int>(v), 1.0, A.data(), static_cast<int>(v), 0.0, K.data(), d);
  });
  Eigen::MatrixXd U = K;
  Eigen::VectorXd lambda(d);
  const double t_evd = best_of(1, [&] { LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'L', d, U.data(), d, lambda.data()); });
  Eigen::MatrixXd Q = K, Z(d, d);
  Eigen::VectorXd diag(d), off(d), tau(d);
  const double t_trd = best_of(1, [&] { LAPACKE_dsytrd(LAPACK_COL_MAJOR, 'L', d, Q.data(), d, diag.data(), off.data(), tau.data()); });
  const double t_stedc = best_of(1, [&] { LAPACKE_dstedc(LAPACK_COL_MAJOR, 'I', d, diag.data(), off.data(), Z.data(), d); });
  std::printf("| %d | %.2f | %.2f | %.2f | %.2f | %.2f |\n", d, t_w, t_syrk, t_evd, t_trd, t_stedc);
}

static void bench_sgd() {
  std::printf("## SGD per-sample cost, v = 4d, B = 1, one thread\n| d | path | samples/s | us/sample | normals share |\n|---|---|---|---|---|\n");
  for (double d : {200.0, 1000.0}) {
    const plrf m = model(1.0, 0.3, d);
    const auto inst = instantiate<double>(m, 1, true);
    for (bool naive : {false, true}) {
      sgd_options o;
      const std::uint64_t steps = naive ? (d > 500 ? 2000 : 10000) : (d > 500 ? 100000 : 400000);
      o.grid = {0, steps};
      o.runs = 1;
      o.threads = 1;
      o.naive = naive;
      const double t = best_of(3, [&] { run_sgd(m, inst, o); });
      // the normals alone: naive draws v per sample, the fast path d + 1
      const std::size_t per = naive ? 4 * static_cast<std::size_t>(d) : static_cast<std::size_t>(d) + 1;
      std::vector<double> buf(per);
      rng gen(3, 3);
      const double tn = best_of(3, [&] { for (std::uint64_t k = 0; k < steps; ++k) gen.fill_normal(buf.data(), per); });
      std::printf("| %.0f | %s | %.3g | %.3g | %.0f%% |\n", d, naive ? "naive" : "exact-in-law", steps / t, 1e6 * t / steps,
                  100 * tn / t);
    }
  }
}

static void bench_jvr() {
  std::printf("## Jeon-Van Roy Monte Carlo\n| what | seconds | note |\n|---|---|---|\n");
  // one learner: the recipe's cost is ~ 4 epochs n T d flops (two T x n x d products per epoch)
  for (auto [d, n, T] : {std::tuple{16, 8, 7353}, std::tuple{16, 32, 1838}, std::tuple{4, 32, 6250}}) {
    rng gen(1, 1);
    const Eigen::MatrixXd X = sample_inputs(T, d, gen);
    Eigen::VectorXd y(T);
    for (int t = 0; t < T; ++t) y(t) = gen.uniform() < 0.5;
    training_recipe r;
    const double t = best_of(3, [&] { rng g(2, 2); train_learner(X, y, n, r, g); });
    std::printf("| one learner d = %d, n = %d, T = %d (C = 1e6), %u epochs | %.3f | %.2g Gflop/s |\n", d, n, T, r.epochs, t,
                4.0 * r.epochs * n * T * d / t * 1e-9);
  }
  for (unsigned threads : {2u}) {  // the target: 2 cores
    simulate_options o = default_simulation_options(true);
    o.threads = threads;
    const auto t0 = clk::now();
    const auto res = simulate(o);
    const double t = std::chrono::duration<double>(clk::now() - t0).count();
    std::size_t learners = 0;
    for (const auto& g : res.grid) learners += g.kl.size();
    std::printf("| `jvr simulate --quick` sweep (d = 4, 8, 16; C = 1e4..1e6; 12 teachers), %u thread%s | %.1f | %zu learners |\n",
                threads, threads > 1 ? "s" : "", t, learners);
  }
}


// small, middle and large alpha (issue 38 item 1)
static constexpr std::pair<double, double> frontier_profile_points[] = {{0.4, 0.7}, {0.9, 0.7}, {1.4, 0.7}};

// the profile's three points, or the points of SCALELAW_BENCH_POINT="alpha,beta[;alpha,beta...]"
static std::vector<std::pair<double, double>> frontier_bench_points() {
  std::vector<std::pair<double, double>> where(std::begin(frontier_profile_points), std::end(frontier_profile_points));
  if (const char* e = std::getenv("SCALELAW_BENCH_POINT")) {
    where.clear();
    std::istringstream is(e);
    for (std::string item; std::getline(is, item, ';');) {
      double a = 0, b = 0;
      if (std::sscanf(item.c_str(), "%lf,%lf", &a, &b) == 2) where.emplace_back(a, b);
    }
  }
  return where;
}

// the default frontier's options at (a, b): the window placed by the derived xi, as `scalelaw frontier` does; one thread
static frontier_options default_frontier_one_thread(double a, double b) {
  frontier_options o = deq_frontier_options({.alpha = a, .beta = b}, false, nearest_double(phases::classify(exact_of(a), exact_of(b)).xi));
  o.threads = 1;
  return o;
}

// The default DE frontier at one point, stage by stage (issue 38 item 1): the grid compute_frontier evaluates
// (deq_frontier_options, the window placed by the derived xi), one thread, each d's contour spectrum and its
// block-leap solve timed apart; the fit is what remains of compute_frontier's own time.
static void bench_frontier_profile() {
  std::printf("## Default DE frontier, stage by stage (one thread)\n| alpha | beta | curves | flops | nodes/curve | "
              "points | contour s | per node us | block-leap s | blocks/curve | rejected/curve | fit+rest s | total s |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (auto [a, b] : frontier_bench_points()) {
    frontier_options o = default_frontier_one_thread(a, b);
    const std::vector<double> d_grid = validate_frontier_options(o);
    const auto t_all = clk::now();
    const auto res = compute_frontier(o);
    const double total = std::chrono::duration<double>(clk::now() - t_all).count();
    double t_contour = 0, t_leap = 0;
    std::size_t nodes = 0, blocks = 0, rejected = 0;
    for (double d : d_grid) {
      plrf_options po = o.params;
      po.d = d;
      const plrf m = plrf::from(po, true);
      std::vector<std::uint64_t> grid;
      for (unsigned k = 0; k < o.flops_points; ++k) {
        const double f = o.flops_min * std::pow(o.flops_max / o.flops_min, double(k) / (o.flops_points - 1));
        grid.push_back(static_cast<std::uint64_t>(std::max(1.0, std::round(f / double(m.d)))));
      }
      std::sort(grid.begin(), grid.end());
      grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
      auto t0 = clk::now();
      deq_contour_options rule = o.contour;  // as compute_frontier chose it (its pilots count in fit+rest)
      rule.points = res.contour_points;
      const auto spec = deq_contour_spectrum(m, rule);
      t_contour += std::chrono::duration<double>(clk::now() - t0).count();
      nodes += spec.size();
      t0 = clk::now();
      block_leap_stats st;
      block_leap_options lo;
      lo.tol = o.leap_tol;
      volterra_block_leap(spec, grid, lo, &st);
      t_leap += std::chrono::duration<double>(clk::now() - t0).count();
      blocks += st.blocks;
      rejected += st.rejected;
    }
    const double n = static_cast<double>(d_grid.size());
    std::printf("| %.2g | %.2g | %zu | %u | %.0f | %u | %.2f | %.1f | %.2f | %.0f | %.1f | %.2f | %.2f |\n", a, b, d_grid.size(), o.flops_points,
                nodes / n, res.contour_points, t_contour, 1e6 * t_contour / nodes, t_leap, blocks / n, rejected / n, total - t_contour - t_leap, total);
  }
}

// The frontier's exponents as the contour's panels, points per panel and the block-leap tolerance change (issue 38
// item 2): each variant against the curve's quadrature (0.5-wide panels, 16 points, 1e-10) at the profile's three
// points, one thread.
static void bench_frontier_accuracy() {
  const auto where = frontier_bench_points();
  std::printf("## DE frontier: cheaper quadratures vs the curve's (0.5-wide panels, 16 points, tol 1e-10)\n| alpha | beta | panel | points | tol | "
              "seconds | xi - xi_default | eta - eta_default |\n|---|---|---|---|---|---|---|---|\n");
  for (auto [a, b] : where) {
    frontier_options o = default_frontier_one_thread(a, b);
    o.contour.panel = 0.5;
    o.contour.points = 16;  // the curve's quadrature (deq_contour_options) and block_leap_options' tolerance
    o.leap_tol = 1e-10;
    auto t0 = clk::now();
    const auto ref = compute_frontier(o);
    std::printf("| %.2g | %.2g | 0.5 | 16 | 1e-10 | %.2f | 0 (xi %.6f) | 0 (eta %.6f) |\n", a, b,
                std::chrono::duration<double>(clk::now() - t0).count(), ref.xi, ref.eta);
    // (0.5-wide panels with 12, 10, 6 and 4 points: docs/BENCH.md, 21ca374)
    for (auto [panel, pts, tol] : {std::tuple{0.5, 8u, 1e-8}, std::tuple{1.0, 13u, 1e-8}, std::tuple{1.5, 17u, 1e-8},
                                   std::tuple{2.0, 21u, 1e-8}, std::tuple{2.0, 21u, 1e-10}, std::tuple{2.0, 24u, 1e-8},
                                   std::tuple{2.0, 26u, 1e-8}, std::tuple{2.0, 28u, 1e-8}}) {
      frontier_options v = o;
      v.contour.panel = panel;
      v.contour.points = pts;
      v.leap_tol = tol;
      t0 = clk::now();
      const auto r = compute_frontier(v);
      std::printf("| %.2g | %.2g | %.2g | %u | %.0e | %.2f | %.2e | %.2e |\n", a, b, panel, pts, tol,
                  std::chrono::duration<double>(clk::now() - t0).count(), r.xi - ref.xi, r.eta - ref.eta);
    }
  }
}


// kappa and F_0 in double against 30 digits, each timed, at v = 4d (the direct sum's cost up to v = 2e6 before 95c6946,
// docs/NOTES.md "The DE frontier's quadrature"; the accuracy is asserted in tests/test_spectral_sums.cpp).
static void bench_kappa_only() {
  for (double d : {64., 100., 300., 1e3, 3e3, 1e4, 1e5, 3e5, 1e6, 1e7}) {
    const plrf m = plrf::from({.alpha = 0.9, .beta = 0.7, .d = d}, true);
    const auto t0 = clk::now();
    const auto k = deq_kappa<double>(0.9, d, m.v);
    const double sec = std::chrono::duration<double>(clk::now() - t0).count();
    const auto t1 = clk::now();
    const auto f = deq_f0<double>(0.9, 0.7, k, m.v);
    const double sec2 = std::chrono::duration<double>(clk::now() - t1).count();
    const auto km = deq_kappa<mpfr>(mpfr(0.9, 30), mpfr(d, 30), m.v);
    const auto fm = deq_f0<mpfr>(mpfr(0.9, 30), mpfr(0.7, 30), km, m.v);
    std::printf("d %g v %g: kappa %.17g rel err %.2e (bound %.2e) %.4f s, f0 rel err %.2e (bound %.2e) %.4f s\n", d, m.v, k.value,
                k.value / km.value.convert_to<double>() - 1, k.error_bound / k.value, sec, f.value / fm.value.convert_to<double>() - 1,
                f.error_bound / f.value, sec2);
  }
}

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "all";
  const int dmax = argc > 2 ? std::atoi(argv[2]) : 2000;
  if (what == "sums" || what == "all") bench_sums();
  if (what == "volterra" || what == "all") bench_volterra();
  if (what == "eigen" || what == "all") bench_eigen(dmax);
  if (what == "eigen-parts") {
    std::printf("## Instance parts (v = 4d)\n| d | W s | dsyrk s | dsyevd s | dsytrd s | dstedc (tridiagonal) s |\n|---|---|---|---|---|---|\n");
    for (int d : {1000, 2000, 4000})
      if (d <= dmax) bench_eigen_parts(d);
  }
  if (what == "sgd" || what == "all") bench_sgd();
  if (what == "jvr" || what == "all") bench_jvr();
  if (what == "frontier-profile") bench_frontier_profile();
  if (what == "frontier-accuracy") bench_frontier_accuracy();
  if (what == "kappa-only") bench_kappa_only();
}
