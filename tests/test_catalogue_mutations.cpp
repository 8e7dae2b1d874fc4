// Negations that change the input (issue 35 item 3): every exponent of the shipped catalogue moved by +-1/20, one at a
// time, and the checks that must notice:
//   measured   the catalogue check (certified sums and the DE, extrapolated slopes; phases/catalogue_check.hpp), the
//              measurements made once and judged against each mutant;
//   reference  a second measurement by other code: raw slopes of the fast double sums (power_sum.hpp) for Fpp and Kpp
//              with gamma from Boost's zeta, Arb's certified F0 (enclosure.cpp, Richardson with the known correction
//              exponent) for F0, leading.hpp's closed form for F_ac; tolerance 0.02 (the mutation is 0.05);
//   table      the mutant's derived table against the hand-typed one (independent_table.hpp) at 400 random rational
//              points per typed phase;
//   sweep      the mutant's eta against the stored measured frontier (data/sweep/grid_12x12.jsonl) at the points where
//              the shipped table is within 0.01 of it (the frontier checks' tolerance).
// The table of mutants and who caught them goes to the test log; every mutant must be caught by two of them.
#define BOOST_TEST_MODULE catalogue_mutations
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <random>

#include <boost/math/special_functions/zeta.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "independent_table.hpp"
#include "phases/arrangement.hpp"
#include "scalelaw/asymptotics/leading.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/phases/catalogue_check.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/spectral/enclosure.hpp"
#include "scalelaw/spectral/terms.hpp"

using namespace scalelaw;
using namespace scalelaw::phases;

namespace {

// gamma = (1/2) / H(v, 2 alpha), H(v, s) = sum_{j<=v} j^{-s} by Euler-Maclaurin with Boost's zeta (s != 1):
// zeta(s) + v^{1-s}/(1-s) + v^{-s}/2 - s v^{-s-1}/12
double gamma_ref(double a, double v) {
  const double s = 2 * a;
  return 0.5 / (boost::math::zeta(s) + std::pow(v, 1 - s) / (1 - s) + 0.5 * std::pow(v, -s) - s * std::pow(v, -s - 1) / 12);
}

struct pq { double p, q; };

// The second measurement (see the header): raw slopes, other code than the catalogue check's.
pq reference_exponents(term t, const rational& aq, const rational& bq) {
  const double a = nearest_double(aq), b = nearest_double(bq), L = std::log(10.0);
  if (t == term::Fac) {  // leading.hpp's closed form: fixed r for p, fixed d for q
    const double g = gamma_ref(a, 1e300);
    auto f = [&](double d, double r) { return std::log(fac_asymptotic<double>(a, b, g, 1.0, d, r)); };
    return {(f(1e6, 1e4) - f(1e5, 1e4)) / L, (f(1e6, 1e5) - f(1e6, 1e4)) / L};
  }
  if (t == term::F0) {  // Arb's certified F0 at v = 4d at three d a decade apart: two slopes, Richardson with the correction
                        // exponent of MODEL §3 (the other pole of F0's Mellin transform, relative d^{-|1 - 2 beta|})
    auto f = [&](long d) {
      exact_sum_params p;
      p.alpha = aq;
      p.beta = bq;
      p.d = d;
      p.v = mpz_class(4 * d);
      return std::log(f0_enclosure(p, 15).mid.convert_to<double>());
    };
    // d = 1e3..1e5 for 2 alpha > 1 (the enclosure declines for d >~ 1e6 there), 1e12..1e14 for 2 alpha < 1 (where the
    // next corrections, relative d^{-2 alpha}, would be amplified by the Richardson step at small d)
    const long d0 = 2 * a > 1 ? 1000 : 1000000000000;
    const double f3 = f(d0), f4 = f(10 * d0), f5 = f(100 * d0);
    const double s1 = (f4 - f3) / L, s2 = (f5 - f4) / L, w = std::pow(10.0, -std::abs(1 - 2 * b));
    return {(s2 - w * s1) / (1 - w), 0};
  }
  // Fpp, Kpp / (gamma B): double sums; q at v = 1e60 (far), x = 2 gamma r from 1e4 to 1e5; p from d = 1e24 to 1e25 at
  // fixed x = 1e3, minus (d log r / d log d) q
  auto T = [&](double v, double r) {
    const double g = gamma_ref(a, v);
    return t == term::Fpp ? std::log(fpp_sum<double>(a, b, g, 1.0, r, v).value)
                          : std::log(kpp_sum<double>(a, g, 1.0, r, v).value / g);
  };
  const double vf = 1e60, gf = gamma_ref(a, vf);
  const double q = (T(vf, 1e5 / (2 * gf)) - T(vf, 1e4 / (2 * gf))) / L;
  const double v0 = 4e24, v1 = 4e25, r0 = 1e3 / (2 * gamma_ref(a, v0)), r1 = 1e3 / (2 * gamma_ref(a, v1));
  const double p = (T(v1, r1) - T(v0, r0)) / L - (std::log(r1 / r0) / L) * q;
  return {p, q};
}

// (xi, eta) of a derived phase list at a point: the cell that holds it (nullopt on a wall)
std::optional<std::pair<rational, rational>> cell_at(const std::vector<phase>& phs, const rational& a, const rational& b) {
  for (const auto& ph : phs)
    for (const auto& c : ph.cells) {
      bool in = true;
      for (const auto& q : c.region) in = in && value_at(q.expr, a, b).is_positive();
      if (!in) continue;
      return std::make_pair(to_rational(value_at(ph.xi, a, b)), to_rational(value_at(ph.eta, a, b)));
    }
  return std::nullopt;
}

struct sweep_point { rational a, b; double eta; };
std::vector<sweep_point> stored_sweep() {
  std::vector<sweep_point> out;
  std::ifstream in(std::string(SCALELAW_DATA_DIR) + "/sweep/grid_12x12.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j.value("status", "") != "ok") continue;
    out.push_back({rational(j["alpha_exact"].get<std::string>()), rational(j["beta_exact"].get<std::string>()), j["eta"].get<double>()});
    out.back().a.canonicalize();
    out.back().b.canonicalize();
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_mutant_caught_twice) {
  const catalogue& base = ppxp_catalogue();
  const catalogue_verdict measured = check_catalogue(base);
  BOOST_REQUIRE(measured.passed);  // the shipped catalogue passes; otherwise a mutant's failure would mean nothing

  // the second measurement, once per (regime, term, point); the shipped catalogue must pass it
  std::map<std::tuple<std::string, std::string, std::string>, pq> reference;
  for (const auto& v : measured.terms) {
    const auto key = std::make_tuple(v.t.label(), v.alpha.get_str(), v.beta.get_str());
    if (!reference.count(key)) reference[key] = reference_exponents(v.t, v.alpha, v.beta);
    const pq r = reference[key];
    BOOST_TEST(std::abs(r.p - v.expected_p) <= 0.02, name(v.t) << " in " << v.regime << " at (" << v.alpha << ", " << v.beta
                                                             << "): reference d-exponent " << r.p << " vs " << v.expected_p);
    BOOST_TEST(std::abs(r.q - v.expected_q) <= 0.02, name(v.t) << " in " << v.regime << " at (" << v.alpha << ", " << v.beta
                                                             << "): reference r-exponent " << r.q << " vs " << v.expected_q);
  }

  // random points of every typed phase, and the sweep points the shipped table pins
  const auto typed = testing::independent_table();
  std::vector<std::tuple<rational, rational, const testing::typed_phase*>> table_points;
  std::mt19937_64 gen(35);
  std::uniform_int_distribution<int> A(1, 20000), B(-5000, 20000);  // alpha in (0, 2], beta in [-0.5, 2]
  for (const auto& tp : typed) {
    for (int n = 0; n < 400;) {
      rational a(A(gen), 10000), b(B(gen), 10000);
      a.canonicalize();
      b.canonicalize();
      if (!tp.region(a, b)) continue;
      table_points.emplace_back(a, b, &tp);
      ++n;
    }
  }
  std::vector<sweep_point> pinned;
  for (const auto& s : stored_sweep()) {
    const auto c = cell_at(derived_phases(), s.a, s.b);
    if (c && std::abs(nearest_double(c->second) - s.eta) <= 0.01) pinned.push_back(s);
  }
  BOOST_TEST_MESSAGE(fmt::format("{} sweep points pin the table (|eta_derived - eta_measured| <= 0.01)", pinned.size()));
  BOOST_TEST(pinned.size() >= 100u);

  std::string log = "| mutant | measured | reference | table | sweep | caught by |\n|---|---|---|---|---|---|\n";
  unsigned mutants = 0, caught_twice = 0;
  for (std::size_t ri = 0; ri < base.regimes.size(); ++ri)
    for (std::size_t ti = 0; ti < base.regimes[ri].terms.size(); ++ti)
      for (const char which : {'d', 'r'})
        for (const int sign : {+1, -1}) {
          catalogue mutant = base;
          monomial& m = mutant.regimes[ri].terms[ti];
          GiNaC::ex& e = which == 'd' ? m.d_exp : m.r_exp;
          e = GiNaC::normal(e + GiNaC::numeric(sign, 20));
          const std::string label = fmt::format("{} {}-exp {}1/20 in {}", name(m.t), which, sign > 0 ? "+" : "-", mutant.regimes[ri].name);
          // measured: the catalogue check's verdicts for this term against the mutant monomial
          bool by_measured = false, by_reference = false;
          for (const auto& v : measured.terms) {
            if (v.regime != mutant.regimes[ri].name || v.t != m.t) continue;
            term_verdict w = v;
            judge(w, m);
            by_measured = by_measured || !w.passed;
            const pq r = reference.at(std::make_tuple(v.t.label(), v.alpha.get_str(), v.beta.get_str()));
            by_reference = by_reference || std::abs(r.p - w.expected_p) > 0.02 || std::abs(r.q - w.expected_q) > 0.02;
          }
          // table and sweep: the mutant's derivation
          const std::vector<phase> phs = derive_phases(mutant.regimes);
          bool by_table = false, by_sweep = false;
          for (const auto& [a, b, tp] : table_points) {
            const auto c = cell_at(phs, a, b);
            if (!c || c->first != tp->xi(a, b) || c->second != tp->eta(a, b)) { by_table = true; break; }
          }
          for (const auto& s : pinned) {
            const auto c = cell_at(phs, s.a, s.b);
            if (!c || std::abs(nearest_double(c->second) - s.eta) > 0.01) { by_sweep = true; break; }
          }
          const unsigned n = by_measured + by_reference + by_table + by_sweep;
          ++mutants;
          caught_twice += n >= 2 ? 1 : 0;
          auto yes = [](bool x) { return x ? "caught" : "-"; };
          log += fmt::format("| {} | {} | {} | {} | {} | {} |\n", label, yes(by_measured), yes(by_reference), yes(by_table),
                             yes(by_sweep), n);
          BOOST_TEST(by_measured, label << ": the catalogue check passes it");
          BOOST_TEST(n >= 2u, label << ": caught by " << n << " check(s)");
        }
  std::cout << log << fmt::format("\n{} mutants, {} caught by at least two checks\n", mutants, caught_twice);
}
