#include "scalelaw/volterra/block_leap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <limits>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/volterra/geometric_sums.hpp"

namespace scalelaw {

namespace {

constexpr unsigned max_degree = 16;

inline double re(double x) { return x; }
inline double re(const std::complex<double>& x) { return x.real(); }

/// Per-mode data; S = double for real spectra, complex<double> for contour spectra, where every sum
/// over modes is the real part of a complex one (lib/volterra/contour_spectrum.hpp).
template <class S>
struct modes {
  std::vector<S> a, log_q, kw, C, fk;  // 1 - q, log q, gamma^2 B lambda^2 mult, state, w q^{k0}
  /// Settled modes (below): the modes sorted by decay = -Re log q (ascending), and over each suffix i.. the moments
  /// mom[i][p] = sum kw a^-p and mom_abs[i][p] = sum |kw| |a|^-p, p = 1..max_degree + 1; finite from index finite_from.
  std::vector<double> decay;
  std::vector<std::array<S, max_degree + 2>> mom;
  std::vector<std::array<double, max_degree + 2>> mom_abs;
  std::size_t finite_from = 0;

  /// Sorts the modes by decay and fills the suffix moments (after a, log_q, kw, C, fk are set).
  void prepare() {
    const std::size_t d = a.size();
    std::vector<std::size_t> order(d);
    for (std::size_t i = 0; i < d; ++i) order[i] = i;
    decay.resize(d);
    for (std::size_t i = 0; i < d; ++i) decay[i] = -re(log_q[i]);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return decay[x] < decay[y]; });
    auto permute = [&](auto& v) {
      auto w = v;
      for (std::size_t i = 0; i < d; ++i) w[i] = v[order[i]];
      v.swap(w);
    };
    for (auto* v : {&a, &log_q, &kw, &C, &fk}) permute(*v);
    permute(decay);
    mom.assign(d + 1, {});
    mom_abs.assign(d + 1, {});
    for (std::size_t i = d; i-- > 0;) {
      const S inv = S(1) / a[i];
      const double inv_abs = magnitude(inv);
      S w = kw[i];
      double w_abs = magnitude(kw[i]);
      for (unsigned p = 1; p <= max_degree + 1; ++p) {
        w *= inv;
        w_abs *= inv_abs;
        mom[i][p] = mom[i + 1][p] + w;
        mom_abs[i][p] = mom_abs[i + 1][p] + w_abs;
      }
    }
    finite_from = d;
    while (finite_from > 0) {
      bool ok = true;
      for (unsigned p = 1; p <= max_degree + 1 && ok; ++p) ok = std::isfinite(mom_abs[finite_from - 1][p]);
      if (!ok) break;
      --finite_from;
    }
  }
};

/// Per-offset sums over modes: base(t) = F0 + Re sum_i (fk_i/2 + kw_i C_i) q_i^t and
/// conv_m(t) = Re sum_i kw_i m!/h^m G_m(t; q_i), so that P(k0+t) = base(t) + sum_m c_m conv_m(t).
struct offset_sums {
  double base = 0;
  double conv[max_degree + 1] = {};
  double base_abs = 0;                   ///< sum over modes of |term| of base: the scale of its rounding
  double conv_abs[max_degree + 1] = {};  ///< the same for conv_m
};

/// q_i^t; 0 where it is below 1e-304 (exp's underflow path, slow in glibc, gives 0 or a subnormal there anyway)
template <class S>
S q_power(const modes<S>& md, std::size_t i, double t) {
  return t * md.decay[i] > 700 ? S(0) : std::exp(t * md.log_q[i]);
}

template <class S>
offset_sums sums_at(const modes<S>& md, double F0, double t, double h, unsigned n) {
  offset_sums out;
  S G[max_degree + 1];
  S conv[max_degree + 1];
  double scale[max_degree + 1];
  scale[0] = 1;
  for (unsigned m = 1; m <= n; ++m) scale[m] = scale[m - 1] * m / h;
  for (unsigned m = 0; m <= n; ++m) conv[m] = S(0);
  S base = 0;
  double binom[max_degree + 2];
  binomials(t, n, binom);
  // Settled modes: where t (-Re log q) >= 40, |q^t| <= e^-40 < 5e-18, below the rounding of the sums (64 ulp, rounding_floor),
  // so q^t = 0 there. Then G_0 = 1/a and G_m = (binom(t, m) - G_{m-1}) / a (geometric_sums.hpp, a t > 3: t >= 4 and
  // |a| >= 1 - |q| give |a| t >= t (1 - e^{-40/t}) > 3), i.e. G_m = sum_{j<=m} (-1)^{m-j} binom(t, j) a^{-(m-j+1)}, an
  // alternating sum whose terms fall by j / (|a| t) < 1/2 (no cancellation). Summed over the settled modes, a suffix of
  // the modes sorted by decay, that is O(n^2) work with their moments sum kw a^-p (modes::prepare) instead of O(n) per mode.
  std::size_t d = md.a.size();
  if (t >= 4) {
    const std::size_t settled =
        static_cast<std::size_t>(std::lower_bound(md.decay.begin(), md.decay.end(), 40 / t) - md.decay.begin());
    d = std::max(settled, md.finite_from);
    if (d < md.a.size()) {
      for (unsigned m = 0; m <= n; ++m) {
        S g = 0;
        double g_abs = 0;
        for (unsigned j = 0; j <= m; ++j) {
          const double sign = (m - j) % 2 ? -1.0 : 1.0;
          g += sign * binom[j] * md.mom[d][m - j + 1];
          g_abs += std::abs(binom[j]) * md.mom_abs[d][m - j + 1];
        }
        conv[m] += g;
        out.conv_abs[m] += g_abs;
      }
    }
  }
  for (std::size_t i = 0; i < d; ++i) {
    const S E = std::exp(t * md.log_q[i]);
    const S b = detail::mul(0.5 * md.fk[i] + detail::mul(md.kw[i], md.C[i]), E);
    base += b;
    out.base_abs += magnitude(b);
    geometric_binomial_sums(t, md.a[i], E, n, binom, G);
    for (unsigned m = 0; m <= n; ++m) {
      const S g = detail::mul(md.kw[i], G[m]);
      conv[m] += g;
      out.conv_abs[m] += magnitude(g);
    }
  }
  for (unsigned m = 0; m <= n; ++m) {
    out.conv[m] = re(conv[m]) * scale[m];
    out.conv_abs[m] *= scale[m];
  }
  out.base = F0 + re(base);
  out.base_abs += std::abs(F0);
  return out;
}

double phi(double t, double h, unsigned m) {  // m! binom(t, m) / h^m
  double p = 1;
  for (unsigned j = 0; j < m; ++j) p *= (t - j) / h;
  return p;
}

double evaluate(const offset_sums& s, const Eigen::VectorXd& c) {
  double p = s.base;
  for (Eigen::Index m = 0; m < c.size(); ++m) p += c[m] * s.conv[m];
  return p;
}

/// The rounding floor of evaluate(s, c): the magnitudes summed, times 64 ulp (a sum over modes of products of
/// exp and the geometric sums, each a few ulp). Where the loss has fallen far below the modes' own sizes (a
/// contour spectrum at d ~ 1e17, whose weights are O(1) while P ~ 1e-10), the collocation residual cannot go
/// below it, and asking for tol relative would halve the block forever.
double rounding_floor(const offset_sums& s, const Eigen::VectorXd& c) {
  double a = s.base_abs;
  for (Eigen::Index m = 0; m < c.size(); ++m) a += std::abs(c[m]) * s.conv_abs[m];
  return 64 * std::numeric_limits<double>::epsilon() * a;
}

template <class S>
loss_curve leap(modes<S>& md, double F0, const std::vector<std::uint64_t>& grid, const block_leap_options& opt,
                block_leap_stats* stats) {
  if (opt.degree < 2 || opt.degree > max_degree)
    throw invalid_input(fmt::format("degree = {} is out of range: must be in [2, {}]", opt.degree, max_degree));
  require_positive("tol", opt.tol);
  loss_curve out;
  if (grid.empty()) return out;
  const std::size_t d = md.a.size();
  const std::uint64_t last = grid.back();
  std::size_t next = 0;  // next grid index to output
  std::uint64_t k0 = 0;
  block_leap_stats st;

  auto record = [&](std::uint64_t k, double P, double F) {
    out.r.push_back(k);
    out.loss.push_back(P);
    out.forcing.push_back(F);
  };
  auto forcing_at = [&](double t) {
    S f = 0;
    for (std::size_t i = 0; i < d; ++i) f += md.fk[i] * q_power(md, i, t);
    return F0 + re(f) / 2;
  };

  // warm-up: one step at a time (the early loss changes on the scale of single steps)
  while (k0 < opt.warmup && k0 <= last) {
    S Ps = 0, Fs = 0;
    for (std::size_t i = 0; i < d; ++i) {
      Ps += 0.5 * md.fk[i] + md.kw[i] * md.C[i];
      Fs += 0.5 * md.fk[i];
    }
    const double P = F0 + re(Ps), F = F0 + re(Fs);
    if (grid[next] == k0) { record(k0, P, F); ++next; }
    for (std::size_t i = 0; i < d; ++i) {
      const S q = 1.0 - md.a[i];
      md.C[i] = q * md.C[i] + P;
      md.fk[i] *= q;
    }
    ++k0;
  }

  const unsigned n = opt.degree;
  double h = std::max<double>(n + 1, static_cast<double>(k0) / 8);
  const double tol = opt.tol;
  while (next < grid.size()) {
    h = std::floor(std::min(h, static_cast<double>(last - k0 + 1)));
    h = std::max(h, 1.0);
    // nodes: all integers when the block is short (exact), else Chebyshev–Lobatto rounded
    std::vector<double> nodes;
    unsigned deg;
    if (h <= n + 1) {
      deg = static_cast<unsigned>(h) - 1;
      for (unsigned j = 0; j <= deg; ++j) nodes.push_back(j);
    } else {
      deg = n;
      for (unsigned j = 0; j <= n; ++j)
        nodes.push_back(std::round((h - 1) * 0.5 * (1 - std::cos(M_PI * j / n))));
      nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
      deg = static_cast<unsigned>(nodes.size()) - 1;
    }
    const Eigen::Index N = deg + 1;
    Eigen::MatrixXd M(N, N);
    Eigen::VectorXd rhs(N);
    for (Eigen::Index j = 0; j < N; ++j) {
      const offset_sums sj = sums_at(md, F0, nodes[j], h, deg);
      for (Eigen::Index m = 0; m < N; ++m) M(j, m) = phi(nodes[j], h, m) - sj.conv[m];
      rhs[j] = sj.base;
    }
    const Eigen::VectorXd c = M.partialPivLu().solve(rhs);
    // error: collocation residual between nodes (where interpolation error peaks)
    // err: relative residual; measure: the residual over what this block may have, tol relative or the
    // rounding floor, whichever is larger (a block limited by the floor is counted in the stats)
    double err = 0, measure = 0;
    bool floored = false;
    if (deg == n && h > n + 1) {
      for (double tc : {0.5 * (nodes[0] + nodes[1]), 0.5 * (nodes[n - 1] + nodes[n])}) {
        tc = std::floor(tc);
        const offset_sums sc = sums_at(md, F0, tc, h, deg);
        const double Pf = evaluate(sc, c);
        double poly = 0;
        for (Eigen::Index m = 0; m < N; ++m) poly += c[m] * phi(tc, h, m);
        const double res = std::abs(Pf - poly), floor_abs = rounding_floor(sc, c);
        err = std::max(err, res / std::abs(Pf));
        measure = std::max(measure, res / std::max(tol * std::abs(Pf), floor_abs));
        floored = floored || floor_abs > tol * std::abs(Pf);
      }
      if (!(measure <= 1)) {
        ++st.rejected;
        h = std::max<double>(n + 1, std::floor(h / 2));  // n + 1 or less is exact collocation
        continue;
      }
    }
    st.max_local_error = std::max(st.max_local_error, err);
    ++st.blocks;
    if (floored) ++st.rounding_limited;
    // outputs inside the block, from the exact convolution formula
    while (next < grid.size() && grid[next] < k0 + static_cast<std::uint64_t>(h)) {
      const double t = static_cast<double>(grid[next] - k0);
      const offset_sums so = sums_at(md, F0, t, h, deg);
      record(grid[next], evaluate(so, c), forcing_at(t));
      ++next;
    }
    // advance C_i and the forcing to k0 + h
    {
      S G[max_degree + 1];
      double binom[max_degree + 2];
      double scale[max_degree + 1];
      scale[0] = 1;
      for (unsigned m = 1; m <= deg; ++m) scale[m] = scale[m - 1] * m / h;
      binomials(h, deg, binom);
      for (std::size_t i = 0; i < d; ++i) {
        const S E = q_power(md, i, h);
        geometric_binomial_sums(h, md.a[i], E, deg, binom, G);
        S conv = 0;
        for (unsigned m = 0; m <= deg; ++m) conv += c[m] * scale[m] * G[m];
        md.C[i] = E * md.C[i] + conv;
        md.fk[i] *= E;
      }
    }
    const double k_old = static_cast<double>(k0);
    k0 += static_cast<std::uint64_t>(h);
    // The loss is a sum of decaying modes, smooth on the scale of k itself: the residual on [k0, k0 + h] is a function
    // of h / k0 (Bernstein's ellipse around the block reaches the singularities near k = 0), not of h alone. So the
    // controller steers the ratio h / k0: the next block keeps it, times the usual 0.9 (tol / residual)^(1/(n+1)).
    // (Steering h alone, the ratio froze near 0.52, where the residual is ~3e-11 at tol 1e-8: 1.6x the blocks;
    // docs/NOTES.md "The DE frontier's quadrature".)
    const double grow = measure > 0 ? 0.9 * std::pow(1 / measure, 1.0 / (n + 1)) : 2.0;
    h *= std::clamp(grow, 0.5, 2.0) * (k_old > 0 ? static_cast<double>(k0) / k_old : 1.0);
  }
  if (stats) *stats = st;
  return out;
}
}  // namespace

loss_curve volterra_block_leap(const loss_spectrum& s, const std::vector<std::uint64_t>& grid,
                               const block_leap_options& opt, block_leap_stats* stats) {
  require_stable(s);
  const std::size_t d = s.size();
  modes<double> md;
  md.a.resize(d); md.log_q.resize(d); md.kw.resize(d); md.C.assign(d, 0.0); md.fk.resize(d);
  const double g2b = s.gamma * s.gamma * s.batch;
  for (std::size_t i = 0; i < d; ++i) {
    const double l = s.lambda[i];
    md.a[i] = 2 * s.gamma * s.batch * l - g2b * (s.batch + 1.0) * l * l;
    md.log_q[i] = s.log_q(i);
    md.kw[i] = g2b * l * l * s.multiplicity(i);
    md.fk[i] = s.weight[i];
  }
  md.prepare();
  return leap(md, s.F0, grid, opt, stats);
}

loss_curve volterra_block_leap(const contour_spectrum& s, const std::vector<std::uint64_t>& grid,
                               const block_leap_options& opt, block_leap_stats* stats) {
  require_stable(s);
  const std::size_t d = s.size();
  using cplx = std::complex<double>;
  modes<cplx> md;
  md.a.resize(d); md.log_q.resize(d); md.kw.resize(d); md.C.assign(d, cplx(0)); md.fk.resize(d);
  const double g2b = s.gamma * s.gamma * s.batch;
  for (std::size_t i = 0; i < d; ++i) {
    const cplx z = s.z[i];
    md.a[i] = s.one_minus_q(i);
    md.log_q[i] = s.log_q(i);  // the principal branch; any would do, q^t is only taken at integer t
    md.kw[i] = g2b * z * z * s.mult[i];
    md.fk[i] = s.weight[i];
  }
  md.prepare();
  return leap(md, s.F0, grid, opt, stats);
}

}  // namespace scalelaw
