// S = sum_{j=1}^{V} f(j),  f(t) = t^{-s} g(t^{-2a}),  in Arb ball arithmetic (docs/NOTES.md,
// "Rigorous sums"):
//   head    j < N            summed term by term;
//   middle  N <= j <= L      Euler–Maclaurin of order m: the integral by Arb's rigorous quadrature
//                            (acb_calc_integrate) on geometric pieces [t_i, t_i+1], derivatives at
//                            N and L from Taylor series, remainder <= |B_2m| sum_i len_i S_i / rho_i^2m
//                            where S_i >= |f| on a complex box holding every disk of radius
//                            rho_i = c t_i around the piece (Cauchy: |f^(2m)| <= (2m)! S_i / rho_i^2m);
//   far     j >= M           g's Maclaurin series, sum_k g_k [zeta(s + 2ak, M) - zeta(s + 2ak, V + 1)],
//                            truncated at K with |g_k| <= Mg / R^k (Cauchy on |x| <= R, Mg enclosed).
#include "scalelaw/spectral/enclosure.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <acb.h>
#include <acb_calc.h>
#include <arb.h>
#include <arb_poly.h>
#include <flint/fmpq.h>
#include <mpfr.h>
#include <fmt/format.h>

#include "scalelaw/deq/kappa.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"

namespace scalelaw {

namespace {

// ---- RAII for Arb's C types ----------------------------------------------------------------
struct ball {
  arb_t x;
  ball() { arb_init(x); }
  ball(const ball& o) { arb_init(x); arb_set(x, o.x); }
  ball& operator=(const ball& o) { arb_set(x, o.x); return *this; }
  ~ball() { arb_clear(x); }
  operator arb_ptr() { return x; }
  operator arb_srcptr() const { return x; }
};
struct cball {
  acb_t x;
  cball() { acb_init(x); }
  cball(const cball&) = delete;
  ~cball() { acb_clear(x); }
  operator acb_ptr() { return x; }
  operator acb_srcptr() const { return x; }
};
struct series {
  arb_poly_t p;
  series() { arb_poly_init(p); }
  series(const series&) = delete;
  ~series() { arb_poly_clear(p); }
  operator arb_poly_struct*() { return p; }
  operator const arb_poly_struct*() const { return p; }
};

void set_rational(arb_t out, const rational& q, slong prec) {
  fmpq_t f;
  fmpq_init(f);
  fmpq_set_mpq(f, q.get_mpq_t());
  arb_set_fmpq(out, f, prec);
  fmpq_clear(f);
}
void set_integer(arb_t out, const mpz_class& z) {
  fmpz_t f;
  fmpz_init(f);
  fmpz_set_mpz(f, z.get_mpz_t());
  arb_set_fmpz(out, f);
  fmpz_clear(f);
}
void mul_d(arb_t out, const arb_t x, double c, slong prec) {  // c a double, exactly
  arb_t cb;
  arb_init(cb);
  arb_set_d(cb, c);
  arb_mul(out, x, cb, prec);
  arb_clear(cb);
}
double upper_double(const arb_t x) {  // an upper bound of |x| as a double (inf when not finite)
  if (!arb_is_finite(x)) return INFINITY;
  arf_t u;
  arf_init(u);
  arb_get_abs_ubound_arf(u, x, 53);
  const double out = arf_get_d(u, ARF_RND_UP);
  arf_clear(u);
  return out;
}

/// g(x) of the sums (lib/spectral/weights.hpp), on balls: its value on complex boxes (with the
/// analyticity check the quadrature and Cauchy's bounds need), its Taylor series along an arb
/// series, and the disk |x| <= R on which the far region's Maclaurin series is bounded.
struct weight {
  enum kind_t { one, q_power, resolvent, dimension } kind = one;
  ball gamma, batch, r, kappa;
  bool r_zero = true;
  double radius_hint = 1;  ///< R (a chosen number; nothing rests on it but the bound's size)
  unsigned lowest_order = 0;

  /// q(x) = 1 + c1 x + c2 x^2: c1 = -2 gamma B, c2 = gamma^2 B (B+1)  (MODEL §2)
  void q_coefficients(arb_t c1, arb_t c2, slong prec) const {
    arb_mul(c2, gamma, gamma, prec);
    arb_mul(c2, c2, batch, prec);
    arb_add_ui(c1, batch, 1, prec);
    arb_mul(c2, c2, c1, prec);
    arb_mul(c1, gamma, batch, prec);
    arb_mul_2exp_si(c1, c1, 1);
    arb_neg(c1, c1);
  }

  void eval(acb_t res, const acb_t x, int analytic, slong prec) const {
    cball t;
    switch (kind) {
      case one: acb_one(res); return;
      case q_power: {
        if (r_zero) { acb_one(res); return; }
        // q = 1 + x (gamma^2 B (B+1) x - 2 gamma B)
        ball c1, c2;
        q_coefficients(c1, c2, prec);
        acb_mul_arb(t, x, c2, prec);
        acb_add_arb(t, t, c1, prec);
        acb_mul(t, t, x, prec);
        acb_add_ui(t, t, 1, prec);
        acb_log_analytic(t, t, analytic, prec);
        acb_mul_arb(t, t, r, prec);
        acb_exp(res, t, prec);
        return;
      }
      case resolvent:
      case dimension: {
        acb_mul_arb(t, x, kappa, prec);
        acb_add_ui(t, t, 1, prec);
        acb_inv(t, t, prec);  // a box holding the pole gives a non-finite ball: not analytic
        if (kind == resolvent) acb_set(res, t);
        else { acb_neg(t, t); acb_add_ui(res, t, 1, prec); }
        return;
      }
    }
  }

  /// g(xs) to n terms.
  void taylor(arb_poly_t res, const arb_poly_t xs, slong n, slong prec) const {
    series t, u;
    switch (kind) {
      case one: arb_poly_one(res); return;
      case q_power: {
        if (r_zero) { arb_poly_one(res); return; }
        ball c1, c2;
        q_coefficients(c1, c2, prec);
        arb_poly_mullow(t, xs, xs, n, prec);
        arb_poly_scalar_mul(t, t, c2, prec);
        arb_poly_scalar_mul(u, xs, c1, prec);
        arb_poly_add(t, t, u, prec);
        arb_poly_one(u);
        arb_poly_add(t, t, u, prec);
        arb_poly_log_series(u, t, n, prec);
        arb_poly_scalar_mul(u, u, r, prec);
        arb_poly_exp_series(res, u, n, prec);
        return;
      }
      case resolvent:
      case dimension: {
        arb_poly_scalar_mul(t, xs, kappa, prec);
        arb_poly_one(u);
        arb_poly_add(t, t, u, prec);
        arb_poly_inv_series(res, t, n, prec);
        if (kind == dimension) {
          arb_poly_neg(res, res);
          arb_poly_add(res, res, u, prec);
        }
        return;
      }
    }
  }
};

/// f(z) = z^{-s} g(z^{-2a}) on a complex box.
struct summand {
  ball s, two_a;
  const weight* g;
  void eval(acb_t res, const acb_t z, int analytic, slong prec) const {
    cball l, x, ts;
    acb_log_analytic(l, z, analytic, prec);
    acb_mul_arb(ts, l, s, prec);
    acb_neg(ts, ts);
    acb_exp(ts, ts, prec);
    acb_mul_arb(x, l, two_a, prec);
    acb_neg(x, x);
    acb_exp(x, x, prec);
    g->eval(l, x, analytic, prec);
    acb_mul(res, ts, l, prec);
  }
  void at(arb_t res, const mpz_class& t, slong prec) const {
    cball z, out;
    set_integer(acb_realref(z.x), t);
    eval(out, z, 0, prec);
    arb_set(res, acb_realref(out.x));
  }
  /// Taylor coefficients f^(k)(t)/k!, k < n.
  void taylor(arb_poly_t res, const mpz_class& t, slong n, slong prec) const {
    series lin, l, ts, xs, gs;
    ball tb;
    set_integer(tb, t);
    arb_poly_set_coeff_arb(lin, 0, tb);
    arb_poly_set_coeff_si(lin, 1, 1);
    arb_poly_log_series(l, lin, n, prec);
    ball c;
    arb_neg(c, s);
    arb_poly_scalar_mul(ts, l, c, prec);
    arb_poly_exp_series(ts, ts, n, prec);
    arb_neg(c, two_a);
    arb_poly_scalar_mul(xs, l, c, prec);
    arb_poly_exp_series(xs, xs, n, prec);
    g->taylor(gs, xs, n, prec);
    arb_poly_mullow(res, ts, gs, n, prec);
  }
};

int integrand(acb_ptr res, const acb_t z, void* param, slong order, slong prec) {
  if (order > 1) flint_abort();
  static_cast<const summand*>(param)->eval(res, z, order != 0, prec);
  return 0;
}

struct sum_report {
  ball value;
  std::uint64_t head_terms = 0;
  unsigned em_terms = 0, pieces = 0, series_terms = 0;
};

mpz_class ceil_to_mpz(double x) {
  mpz_class z;
  mpz_set_d(z.get_mpz_t(), std::ceil(x));
  return z;
}

/// The Cauchy disks' radius rho = c t around t (docs/NOTES.md, "Rigorous sums"). The box of a piece starting at t reaches
/// |arg z| = atan(c/(1-c)); where a > 1/4 that angle is kept <= pi/(8a) < pi/2, so arg x = 2a arg z stays in
/// [-pi/4, pi/4] (|q|^r and 1/(1+kappa x) tame there). Where a <= 1/4, pi/(8a) >= pi/2 and every c <= 1/2 keeps it, so
/// c = 1/2: tan(pi/(8a)) is not used there (it is negative for a in (1/8, 1/6), (1/16, 1/14), ..., where it once made
/// the box shrink instead of cover the disks). Nothing rigorous rests on the angle: the box's bound S comes from Arb
/// with the branch cuts checked; the radius's sign does, and is checked again in balls where it is used.
double cauchy_ratio(double a) {
  const double theta = M_PI / (8 * a);
  if (!(theta > 0)) throw uncertified_sum("alpha must be > 0 for a Cauchy radius");
  if (theta >= M_PI / 4) return 0.5;  // tan(theta)/(1 + tan(theta)) >= 1/2 for theta in [pi/4, pi/2)
  const double tn = std::tan(theta);
  return tn / (1 + tn);  // in (0, 1/2): theta in (0, pi/4)
}

/// An integer M >= y^{-1/(2a)} (y = R/4 > 0), from an Arb ball: no double overflow at small alpha, where M can be
/// 10^300 and beyond.
mpz_class far_start(double y, const rational& two_a, slong prec) {
  ball yb, e, m;
  arb_set_d(yb, y);
  set_rational(e, two_a, prec);
  arb_inv(e, e, prec);
  arb_neg(e, e);
  arb_pow(m, yb, e, prec);
  if (!arb_is_finite(m)) throw uncertified_sum("the far region's start is not finite");
  arf_t u;
  arf_init(u);
  arb_get_ubound_arf(u, m, prec);
  fmpz_t z;
  fmpz_init(z);
  arf_get_fmpz(z, u, ARF_RND_CEIL);
  mpz_class out;
  fmpz_get_mpz(out.get_mpz_t(), z);
  fmpz_clear(z);
  arf_clear(u);
  return out < 1 ? mpz_class(1) : out;
}

/// Pieces of the Euler–Maclaurin range at the most: ratio 3/2 covers [N, 1.5^20000 N] (the far start at alpha = 0.02,
/// r = 1e18 is ~1e515); a range beyond is declined rather than summed for minutes.
constexpr std::size_t max_pieces = 20000;

/// sum_{j=1}^{V} j^{-s} g(j^{-2a}) enclosed; target relative radius 10^-(digits+3).
sum_report power_law_enclosure(const rational& s_q, const rational& alpha_q, const weight& g,
                               const std::optional<mpz_class>& V, unsigned digits, slong prec) {
  const rational two_a_q = 2 * alpha_q;
  if (!V && !(s_q + two_a_q * g.lowest_order > 1))
    throw divergent_sum("the sum diverges for v = inf (need s + 2 alpha k0 > 1)");
  const double a = alpha_q.get_d(), s_d = s_q.get_d();
  summand f;
  set_rational(f.s, s_q, prec);
  set_rational(f.two_a, two_a_q, prec);
  f.g = &g;
  sum_report out;

  const double c = cauchy_ratio(a);
  const double ln_target = (digits + 6) * std::log(10.0);
  // e^{-2 pi c N} ~ the remainder at its best order: N from the target, doubled while it fails
  double N_d = std::max(16.0, 1.3 * ln_target / (2 * M_PI * c));
  const double N_cap = 400000;  // the head is summed term by term
  if (N_d > N_cap) throw uncertified_sum(fmt::format("the head would need {:.3g} terms (at most {})", N_d, N_cap));

  for (;;) {
    mpz_class N = ceil_to_mpz(N_d);
    // the whole sum is a head (at N = V the middle [N, V] would be one point, not summed), also when it is no longer
    // than the head may be: V terms one by one cost less than the middle's integral, which at huge r (the integrand
    // q^r swings through 1e12 e-folds) took Arb minutes (fuzz_eval: v = 1500, r = 1e12, 69 s)
    if (V && (N >= *V || *V < N_cap)) N = *V + 1;
    // ---- head
    ball head, term;
    arb_zero(head);
    for (mpz_class j = 1; j < N; ++j) {
      f.at(term, j, prec);
      arb_add(head, head, term, prec);
    }
    out.head_terms = N.get_ui() - 1;
    if (V && N > *V) {
      arb_set(out.value, head);
      return out;
    }
    // ---- far region start M >= (R/4)^{-1/(2a)}: x_M <= R/4, so the Maclaurin ratio x_M/R <= 1/4 (certified below)
    const double R_d = g.radius_hint;
    mpz_class M = far_start(R_d / 4, two_a_q, prec);
    if (M < N) M = N;
    const bool far = !V || *V >= M;
    const mpz_class L = far ? M : *V;  // the middle is [N, L]

    ball middle;
    arb_zero(middle);
    if (L > N) {
      // pieces t_0 = N < t_1 < ... = L, ratio ~ 3/2
      std::vector<mpz_class> t{N};
      while (t.back() < L && t.size() <= max_pieces + 1) {
        mpz_class nx = t.back() * 3 / 2;
        if (nx <= t.back()) nx = t.back() + 1;
        t.push_back(nx < L ? nx : L);
      }
      const std::size_t P = t.size() - 1;
      if (P > max_pieces)
        throw uncertified_sum(fmt::format("the Euler–Maclaurin range [{:.3g}, {:.3g}] needs {} pieces (at most {})",
                                          N.get_d(), L.get_d(), P, max_pieces));
      // S_i >= |f| on the box [t_i - c t_i, t_i+1 + c t_i] x [-c t_i, c t_i]; scale ~ sum len f
      std::vector<ball> S(P), len(P), rho(P);
      ball scale;
      arb_zero(scale);
      for (std::size_t i = 0; i < P; ++i) {
        ball lo, hi, mid, rad;
        set_integer(lo, t[i]);
        set_integer(hi, t[i + 1]);
        arb_sub(len[i], hi, lo, prec);
        mul_d(rho[i], lo, c, prec);
        if (!arb_is_positive(rho[i])) throw uncertified_sum("a Cauchy radius is not certified positive");
        arb_add(mid, lo, hi, prec);
        arb_mul_2exp_si(mid, mid, -1);
        cball box, val;
        arb_set(acb_realref(box.x), mid);
        arb_mul_2exp_si(rad, len[i], -1);
        arb_add(rad, rad, rho[i], prec);
        arb_add_error(acb_realref(box.x), rad);
        arb_zero(acb_imagref(box.x));
        arb_add_error(acb_imagref(box.x), rho[i]);
        f.eval(val, box, 1, prec);
        acb_abs(S[i], val, prec);
        ball fl;
        f.at(fl, t[i], prec);
        arb_abs(fl, fl);
        arb_addmul(scale, fl, len[i], prec);
      }
      arb_add(scale, scale, head, prec);
      const double scale_d = std::max(upper_double(scale), 1e-300);
      const double tol = scale_d * std::pow(10.0, -(static_cast<double>(digits) + 4));
      // ---- remainder bound: pick m minimising |B_2m| sum_i len_i S_i rho_i^{-2m}
      const unsigned m_max = digits + 40;
      ball best, bern, acc, piece;
      unsigned m_best = 0;
      double best_d = INFINITY;
      for (unsigned m = 1; m <= m_max; ++m) {
        arb_zero(acc);
        for (std::size_t i = 0; i < P; ++i) {
          arb_pow_ui(piece, rho[i], 2 * m, prec);
          arb_div(piece, S[i], piece, prec);
          arb_mul(piece, piece, len[i], prec);
          arb_add(acc, acc, piece, prec);
        }
        arb_bernoulli_ui(bern, 2 * m, prec);
        arb_abs(bern, bern);
        arb_mul(acc, acc, bern, prec);
        const double b = upper_double(acc);
        if (b < best_d) { best_d = b; m_best = m; arb_set(best, acc); }
      }
      if (!(best_d <= tol)) {
        if (N_d * 2 > N_cap)
          throw uncertified_sum(fmt::format(
              "the Euler–Maclaurin remainder bound ({:.3g}) stays above the target ({:.3g}) up to N = {}",
              best_d, tol, N_cap));
        N_d *= 2;
        continue;
      }
      // ---- the integral over [N, L], piece by piece, rigorous
      mag_t abs_tol;
      mag_init(abs_tol);
      mag_set_d(abs_tol, tol / static_cast<double>(4 * P));
      acb_calc_integrate_opt_t opt;
      acb_calc_integrate_opt_init(opt);
      cball lo_c, hi_c, piece_int;
      for (std::size_t i = 0; i < P; ++i) {
        acb_zero(lo_c);
        acb_zero(hi_c);
        set_integer(acb_realref(lo_c.x), t[i]);
        set_integer(acb_realref(hi_c.x), t[i + 1]);
        acb_calc_integrate(piece_int, integrand, &f, lo_c, hi_c, prec, abs_tol, opt, prec);
        arb_add(middle, middle, acb_realref(piece_int.x), prec);
        // the imaginary part of a real integral is 0; its ball's width adds nothing real
      }
      mag_clear(abs_tol);
      // ---- endpoints and derivative corrections
      const slong n = 2 * m_best + 1;
      series cN, cL;
      f.taylor(cN, N, n, prec);
      f.taylor(cL, L, n, prec);
      ball e0, e1, corr;
      arb_poly_get_coeff_arb(e0, cN, 0);
      arb_poly_get_coeff_arb(e1, cL, 0);
      arb_add(corr, e0, e1, prec);
      arb_mul_2exp_si(corr, corr, -1);
      arb_add(middle, middle, corr, prec);
      for (unsigned k = 1; k <= m_best; ++k) {
        arb_bernoulli_ui(bern, 2 * k, prec);
        arb_div_ui(bern, bern, 2 * k, prec);
        arb_poly_get_coeff_arb(e0, cN, 2 * k - 1);
        arb_poly_get_coeff_arb(e1, cL, 2 * k - 1);
        arb_sub(corr, e1, e0, prec);
        arb_addmul(middle, bern, corr, prec);
      }
      arb_add_error(middle, best);
      if (far) {  // the far region starts at M = L: take f(L) out once
        f.at(term, L, prec);
        arb_sub(middle, middle, term, prec);
      }
      out.em_terms = m_best;
      out.pieces = static_cast<unsigned>(P);
    }

    // ---- far region j >= M: sum_k g_k sum_{j=M}^{V} j^{-s-2ak}
    ball farsum;
    arb_zero(farsum);
    if (far) {
      ball R, Mb, rho_far;
      arb_set_d(R, R_d);
      set_integer(Mb, M);
      // rho = M^{-2a} / R  (<= 1/4 by the choice of M; certified below)
      arb_pow(rho_far, Mb, f.two_a, prec);
      arb_mul(rho_far, rho_far, R, prec);
      arb_inv(rho_far, rho_far, prec);
      if (!(upper_double(rho_far) < 0.5)) throw uncertified_sum("the far region's series ratio is not certified < 1/2");
      // Mg >= |g| on the disk |x| <= R (the box [-R, R]^2 holds it)
      cball disk, gv;
      arb_zero(acb_realref(disk.x));
      arb_add_error(acb_realref(disk.x), R);
      arb_zero(acb_imagref(disk.x));
      arb_add_error(acb_imagref(disk.x), R);
      g.eval(gv, disk, 1, prec);
      ball Mg;
      acb_abs(Mg, gv, prec);
      if (!arb_is_finite(Mg)) throw uncertified_sum("g is not bounded on its series disk");
      // truncation after K terms: Mg R^{-(K+1)} zeta(s + 2a(K+1), M) / (1 - rho)
      const double log_rho = std::log(upper_double(rho_far));
      const double head_scale = std::max(upper_double(head) + upper_double(middle), 1e-300);
      const double rel = (digits + 5) * std::log(10.0);
      unsigned K = static_cast<unsigned>(std::ceil(rel / -log_rho)) + 4;
      const double k_min = (1 - s_d) / (2 * a) + 1;  // s + 2a(K+1) > 1 for the bound's zeta
      if (K < k_min) K = static_cast<unsigned>(std::ceil(k_min));
      ball bound, sk, z1, z2, rk;
      for (int attempt = 0;; ++attempt) {
        ball kb;
        arb_set_ui(kb, K + 1);
        arb_mul(sk, f.two_a, kb, prec);
        arb_add(sk, sk, f.s, prec);
        arb_hurwitz_zeta(bound, sk, Mb, prec);
        arb_pow_ui(rk, R, K + 1, prec);
        arb_div(bound, bound, rk, prec);
        arb_mul(bound, bound, Mg, prec);
        ball one_minus;
        arb_sub_ui(one_minus, rho_far, 1, prec);
        arb_neg(one_minus, one_minus);
        arb_div(bound, bound, one_minus, prec);
        const double b = upper_double(bound);
        const double tol_far = head_scale * std::pow(10.0, -(static_cast<double>(digits) + 4));
        if (b <= tol_far || attempt > 8) break;
        K += 8;
      }
      series xs, gk;
      arb_poly_set_coeff_si(xs, 1, 1);
      g.taylor(gk, xs, K + 1, prec);
      ball Vp1, gcoef, diff;
      if (V) {
        set_integer(Vp1, *V);
        arb_add_ui(Vp1, Vp1, 1, prec);
      }
      for (unsigned k = 0; k <= K; ++k) {
        arb_poly_get_coeff_arb(gcoef, gk, k);
        if (arb_is_zero(gcoef)) continue;
        const rational sk_q = s_q + two_a_q * k;
        if (sk_q == 1) {  // zeta's pole: sum_{j=M}^{V} 1/j = digamma(V+1) - digamma(M)
          if (!V) throw divergent_sum("the sum diverges for v = inf (a term 1/j)");
          arb_digamma(z1, Mb, prec);
          arb_digamma(z2, Vp1, prec);
          arb_sub(diff, z2, z1, prec);
        } else {
          set_rational(sk, sk_q, prec);
          arb_hurwitz_zeta(z1, sk, Mb, prec);
          if (V) {
            arb_hurwitz_zeta(z2, sk, Vp1, prec);
            arb_sub(diff, z1, z2, prec);
          } else {
            arb_set(diff, z1);
          }
        }
        arb_addmul(farsum, gcoef, diff, prec);
      }
      arb_add_error(farsum, bound);
      out.series_terms = K + 1;
    }
    arb_add(out.value, head, middle, prec);
    arb_add(out.value, out.value, farsum, prec);
    return out;
  }
}

slong precision_for(unsigned digits) { return static_cast<slong>((digits + 12) * 3.3219280948873623) + 24; }

enclosure to_enclosure(const sum_report& s, slong prec) {
  enclosure e;
  const long mid_bits = std::max<long>(64, static_cast<long>(arf_bits(arb_midref(s.value.x))) + 2);
  mpfr_set_prec(e.mid.backend().data(), mid_bits);
  arf_get_mpfr(e.mid.backend().data(), arb_midref(s.value.x), MPFR_RNDN);  // exact: enough bits
  arf_t r;
  arf_init(r);
  arf_set_mag(r, arb_radref(s.value.x));
  mpfr_set_prec(e.rad.backend().data(), 64);
  arf_get_mpfr(e.rad.backend().data(), r, MPFR_RNDU);
  arf_clear(r);
  if (!arb_is_finite(s.value.x)) mpfr_set_inf(e.rad.backend().data(), 1);
  e.head_terms = s.head_terms;
  e.em_terms = s.em_terms;
  e.pieces = s.pieces;
  e.series_terms = s.series_terms;
  e.precision_bits = prec;
  return e;
}

void check_v_inf(const exact_sum_params& p, const rational& s, unsigned k0, const char* what) {
  if (!p.v && !(s + 2 * p.alpha * k0 > 1))
    throw invalid_input(fmt::format("{} with v = inf diverges at alpha = {}, beta = {}: give a finite --v", what,
                                    to_string(p.alpha), to_string(p.beta)));
}

/// gamma as a ball: exact when given, else gamma_mult / sum_{j<=v} j^{-2a}.
void gamma_ball(arb_t out, const exact_sum_params& p, unsigned digits, slong prec) {
  if (p.gamma) { set_rational(out, *p.gamma, prec); return; }
  check_v_inf(p, 2 * p.alpha, 0, "gamma = gamma-mult / sum_j j^-2alpha");
  weight one;
  const auto tr = power_law_enclosure(2 * p.alpha, p.alpha, one, p.v, digits + 4, prec);
  ball gm;
  set_rational(gm, p.gamma_mult, prec);
  arb_div(out, gm, tr.value, prec);
}

weight q_power_weight(const exact_sum_params& p, unsigned digits, slong prec) {
  weight g;
  g.kind = weight::q_power;
  gamma_ball(g.gamma, p, digits, prec);
  set_rational(g.batch, p.batch, prec);
  set_rational(g.r, p.r, prec);
  g.r_zero = p.r == 0;
  // |q - 1| <= 0.36 on |x| <= sqrt2 R: log q analytic, |q|^r <= e^0.4
  const double gam = upper_double(g.gamma), B = p.batch.get_d(), r = std::max(1.0, p.r.get_d());
  g.radius_hint = 1 / (8 * gam * (B + 1) * r);
  return g;
}

weight kappa_weight(weight::kind_t kind, const arb_t kappa) {
  weight g;
  g.kind = kind;
  arb_set(g.kappa, kappa);
  g.radius_hint = 1 / (4 * upper_double(kappa));  // the pole x = -1/kappa stays >= 2.8 R away
  g.lowest_order = kind == weight::dimension ? 1 : 0;
  return g;
}

/// Runs `body(prec)` and raises the precision while rounding, not truncation, holds the radius
/// above the target (cancellation in a sum with signs; rare here).
template <class F>
enclosure with_precision(unsigned digits, F body) {
  slong prec = precision_for(digits);
  for (int i = 0;; ++i) {
    enclosure e = body(prec);
    if (i >= 2 || e.mid == 0 || !(e.rad / abs(e.mid) > pow(mpfr(10), -static_cast<int>(digits) - 2))) return e;
    prec *= 2;
  }
}

void require_kappa_inputs(const exact_sum_params& p) {
  if (!(p.d >= 1)) throw invalid_input("kappa and f0 need --d >= 1");
  if (p.v && !(*p.v > p.d))
    throw invalid_input(fmt::format("kappa needs v > d (here v = {}, d = {}); at v = d it is infinite", p.v->get_str(),
                                    p.d.get_str()));
  if (!p.v && !(2 * p.alpha > 1))
    throw invalid_input(fmt::format("kappa with v = inf needs 2 alpha > 1 (alpha = {}): give a finite --v", to_string(p.alpha)));
}

/// kappa's ball: an approximate root from the fast solver, certified by phi(lo) < 0 < phi(hi)
/// for phi(kappa) = sum_j kappa D_j/(1 + kappa D_j) - d, strictly increasing in kappa.
void kappa_ball(arb_t out, const exact_sum_params& p, unsigned digits, slong prec) {
  require_kappa_inputs(p);
  mpfr approx;
  {
    const double v_d = p.v ? p.v->get_d() : INFINITY;
    approx = deq_kappa<mpfr>(to_mpfr(p.alpha, digits + 12), to_mpfr(rational(p.d), digits + 12), v_d).value;
  }
  ball k0;
  arf_t m;
  arf_init(m);
  arf_set_mpfr(m, approx.backend().data());
  arb_set_arf(k0, m);
  arf_clear(m);
  ball dball;
  set_integer(dball, p.d);
  double delta = std::pow(10.0, -(static_cast<double>(digits) + 6));
  for (int attempt = 0; attempt < 6; ++attempt, delta *= 1e3) {
    ball lo, hi, phi, step;
    mul_d(step, k0, delta, prec);  // kappa (1 -+ delta): delta is far below a double's 1 - eps
    arb_sub(lo, k0, step, prec);
    arb_add(hi, k0, step, prec);
    arb_set_arf(lo, arb_midref(lo.x));  // exact points
    arb_set_arf(hi, arb_midref(hi.x));
    auto phi_at = [&](const ball& k) {
      const weight g = kappa_weight(weight::dimension, k);
      auto s = power_law_enclosure(rational(0), p.alpha, g, p.v, digits + 8, prec);
      arb_sub(phi, s.value, dball, prec);
      return phi;
    };
    if (!arb_is_negative(phi_at(lo))) continue;
    if (!arb_is_positive(phi_at(hi))) continue;
    arb_union(out, lo, hi, prec);
    return;
  }
  throw uncertified_sum("kappa: no certified sign change around the fast solver's root");
}

}  // namespace

exact_sum_params exact_sum_params::of(const plrf& m, const rational& r) {
  const plrf_options& g = m.given;
  exact_sum_params p;
  p.alpha = g.alpha.exact();
  p.beta = g.beta.exact();
  if (g.gamma) p.gamma = g.gamma->exact();
  p.gamma_mult = g.gamma_mult.exact();
  p.batch = m.batch;
  p.r = r;
  if (!std::isinf(m.v)) {  // v as given, or rho d: exact either way
    const rational v = g.v ? g.v->exact() : g.rho.exact() * rational(mpz_class(std::to_string(m.d)));
    if (v.get_den() != 1) throw invalid_input(fmt::format("v = rho d = {} must be a whole number", to_string(v)));
    p.v = v.get_num();
  }
  p.d = mpz_class(std::to_string(m.d));
  return p;
}

enclosure gamma_enclosure(const exact_sum_params& p, unsigned digits) {
  return with_precision(digits, [&](slong prec) {
    sum_report s;
    gamma_ball(s.value, p, digits, prec);
    return to_enclosure(s, prec);
  });
}

enclosure fpp_enclosure(const exact_sum_params& p, unsigned digits) {
  const rational s = 2 * p.alpha + 2 * p.beta;
  check_v_inf(p, s, 0, "fpp");
  return with_precision(digits, [&](slong prec) {
    const weight g = q_power_weight(p, digits, prec);
    auto res = power_law_enclosure(s, p.alpha, g, p.v, digits, prec);
    arb_mul_2exp_si(res.value, res.value, -1);
    return to_enclosure(res, prec);
  });
}

enclosure kpp_enclosure(const exact_sum_params& p, unsigned digits) {
  const rational s = 4 * p.alpha;
  check_v_inf(p, s, 0, "kpp");
  return with_precision(digits, [&](slong prec) {
    const weight g = q_power_weight(p, digits, prec);
    auto res = power_law_enclosure(s, p.alpha, g, p.v, digits, prec);
    ball c;
    arb_mul(c, g.gamma, g.gamma, prec);
    arb_mul(c, c, g.batch, prec);
    arb_mul(res.value, res.value, c, prec);
    return to_enclosure(res, prec);
  });
}

enclosure kappa_enclosure(const exact_sum_params& p, unsigned digits) {
  return with_precision(digits, [&](slong prec) {
    sum_report s;
    kappa_ball(s.value, p, digits, prec);
    return to_enclosure(s, prec);
  });
}

enclosure f0_enclosure(const exact_sum_params& p, unsigned digits) {
  check_v_inf(p, 2 * p.alpha + 2 * p.beta, 0, "f0");
  return with_precision(digits, [&](slong prec) {
    ball k;
    kappa_ball(k, p, digits, prec);
    const weight g = kappa_weight(weight::resolvent, k);
    auto res = power_law_enclosure(2 * p.alpha + 2 * p.beta, p.alpha, g, p.v, digits, prec);
    arb_mul_2exp_si(res.value, res.value, -1);
    return to_enclosure(res, prec);
  });
}

}  // namespace scalelaw
