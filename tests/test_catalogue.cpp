// The catalogue as data (issue 35 item 1): the shipped file data/catalogues/ppxp.toml is the one source of the built-in
// table, malformed files are refused naming the line and the key, and the asymptotic forms with constants
// (include/scalelaw/asymptotics/leading.hpp, typed separately) decay with the file's exponents.
#define BOOST_TEST_MODULE catalogue
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "scalelaw/asymptotics/leading.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/phases/catalogue_file.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/phases/locate.hpp"
#include "phases/arrangement.hpp"

using namespace scalelaw;
using namespace scalelaw::phases;

namespace {

std::string shipped_text() {
  std::ifstream in(std::string(SCALELAW_DATA_DIR) + "/catalogues/ppxp.toml");
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

/// The message of the invalid_input that parsing `text` throws ("" when it parses).
std::string refusal(const std::string& text) {
  try {
    parse_catalogue(text, "f.toml");
  } catch (const invalid_input& e) {
    return e.what();
  }
  return "";
}

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

const monomial& term_in(const regime& r, term t) {
  for (const auto& m : r.terms)
    if (m.t == t) return m;
  BOOST_FAIL("term missing");
  return r.terms.front();
}

double at(const GiNaC::ex& e, double a, double b) { return evaluate(e, a, b); }

/// log-slope of f between x and 2x
template <class F>
double slope(F f, double x) { return std::log(f(2 * x) / f(x)) / std::log(2.0); }

}  // namespace

BOOST_AUTO_TEST_CASE(shipped_file_is_the_built_in_catalogue) {
  const std::string text = shipped_text();
  BOOST_TEST(text == std::string(ppxp_catalogue_text()));  // the compiled-in text is the file's (CMake configure)
  const catalogue c = parse_catalogue(text, "ppxp.toml");
  BOOST_TEST(c.name == "ppxp");
  BOOST_TEST(c.regimes.size() == 6u);
  const auto own = derive_phases(c.regimes);
  const auto& built_in = derived_phases();
  BOOST_REQUIRE(own.size() == built_in.size());
  for (std::size_t i = 0; i < own.size(); ++i) {
    BOOST_TEST(own[i].label == built_in[i].label);
    BOOST_TEST((own[i].xi - built_in[i].xi).normal().is_zero());
    BOOST_TEST((own[i].eta - built_in[i].eta).normal().is_zero());
  }
  // negation: one exponent moved changes the derivation (Fac's r-exponent: it dominates in phases II and III)
  const std::string moved = replace_once(text, "r = \"-(1-1/(2*alpha))\"", "r = \"-(1-1/(2*alpha))-1/20\"");  // Fac
  const auto wrong = derive_phases(parse_catalogue(moved, "moved.toml").regimes);
  bool differs = wrong.size() != built_in.size();
  for (std::size_t i = 0; !differs && i < wrong.size(); ++i)
    differs = wrong[i].label != built_in[i].label || !(wrong[i].eta - built_in[i].eta).normal().is_zero();
  BOOST_TEST(differs);
}

BOOST_AUTO_TEST_CASE(malformed_files_name_line_and_key) {
  const std::string text = shipped_text();
  struct bad { std::string text, expect; };
  const std::vector<bad> cases{
      {"name = \"x\"\nparameters = [\"alpha\", \"beta\"\n", "f.toml:2:"},  // TOML syntax
      {replace_once(text, "name = \"ppxp\"", ""), "f.toml:1: name: missing"},
      {replace_once(text, "r = \"-(4*alpha-1)/(2*alpha)\"", "r = \"-(4*alpha-1)/(2*gamma)\""), "f.toml:28: regime[1].term[3].r:"},
      {replace_once(text, "\"2*alpha-1 > 0\", \"1-2*beta > 0\"", "\"2*alpha-1 >= 1\", \"1-2*beta > 0\""), "f.toml:14: regime[1].conditions:"},
      {replace_once(text, "d = \"0\"", "dd = \"0\""), "f.toml:15: regime[1].term[1].d: missing"},
      {replace_once(text, "name = \"Kpp\"", "name = \"K-pp\""), "f.toml:26: regime[1].term[3].name: 'K-pp' is not a name"},
      {replace_once(text, "d = \"-(2*alpha+2*beta-1)\"", "d = 7"), "f.toml:22: regime[1].term[2].d: must be a string"},
      {replace_once(text, "parameters = [\"alpha\", \"beta\"]", "parameters = [\"a\", \"b\"]"), "f.toml:14: regime[1].conditions: '2*alpha-1 ' is not an expression"},
      {replace_once(text, "compute = \"d*r\"", "compute = \"d*r^0\""), "f.toml:10: compute:"},
      {replace_once(text, "d = \"-2*alpha\"", "d = \"-2*alpha+\""), "regime[2].term[3].d: '-2*alpha+' is not an expression"},
      {replace_once(text, "name = \"F0\"", "name = \"Fpp\""), "regime[1].term[2].name: 'Fpp' appears twice"},
      {"name = \"x\"\nparameters = [\"alpha\", \"beta\"]\n", "f.toml:1: regime: at least one"},
      // found by tests/fuzz/fuzz_catalogue: each made toml++ 3.3 assert or reach undefined behaviour
      {"name = \"one\"\nparameters = [\"alpha\", \"beta\"]\n[[\006egime]]\n", "f.toml:3: a control character"},
      {"\xef\xbb\xbfhe PPXP", "f.toml:1: the file must be ASCII text (byte 0xef)"},
      {replace_once(text, "[[regime.term]]", "[[`egime.term]]"), "f.toml:15: a table header reads"},
      // found by fuzz_catalogue (through the claims reader's `form`): GiNaC 1.8 crashed on a call without an argument
      {replace_once(text, "d = \"-2*alpha\"", "d = \"tgamma()\""), "'tgamma()' is not an expression in the parameters (a function called without an argument)"},
  };
  for (const auto& c : cases) {
    const std::string got = refusal(c.text);
    BOOST_TEST(got.find(c.expect) != std::string::npos, "expected '" << c.expect << "', got '" << got << "'");
  }
  BOOST_TEST(refusal(text).empty());
}

// leading.hpp's forms with constants decay with the file's exponents: the slopes in r (and d) of each form, at points
// of each 2a > 1 regime, against the catalogue's exponents there. Fpp, Fac and Kpp are exact power laws in r; kappa and
// F0's leading terms are power laws in d. Tolerance 1e-9: double rounding of a log ratio at a factor 2, no fit.
// (The 2a < 1 regimes' d-exponents come through gamma ~ d^(2a-1) and the v = rho d continuum, which these forms
// do not hold; issue 35's measured check covers them.)
BOOST_AUTO_TEST_CASE(leading_forms_use_the_files_exponents) {
  const auto& regs = ppxp_catalogue().regimes;
  const std::vector<std::pair<double, double>> points{{0.8, 0.3}, {1.3, 0.1}, {2.5, 0.45}, {0.9, 0.7}, {1.6, 1.4}, {3.0, 0.6}};
  int checked = 0;
  for (const auto& [a, b] : points) {
    const regime* reg = nullptr;
    for (const auto& r : regs) {
      bool in = true;
      for (const auto& k : r.conditions) in = in && at(k, a, b) > 0;
      if (in) reg = &r;
    }
    BOOST_REQUIRE(reg);
    const double g = 0.3, B = 1, d = 1000;
    const auto& fpp = term_in(*reg, term::Fpp);
    BOOST_TEST(std::abs(slope([&](double r) { return fpp_asymptotic<double>(a, b, g, B, r).leading; }, 1e6) - at(fpp.r_exp, a, b)) < 1e-9);
    BOOST_TEST(at(fpp.d_exp, a, b) == 0.0);
    const auto& kpp = term_in(*reg, term::Kpp);
    BOOST_TEST(std::abs(slope([&](double r) { return kpp_asymptotic<double>(a, g, B, r).leading; }, 1e6) - at(kpp.r_exp, a, b)) < 1e-9);
    const auto& f0 = term_in(*reg, term::F0);
    BOOST_TEST(at(f0.r_exp, a, b) == 0.0);
    const double f0_slope = slope([&](double dd) { return f0_asymptotic<double>(a, b, kappa_asymptotic<double>(a, dd, 0), 0); }, d);
    BOOST_TEST(std::abs(f0_slope - at(f0.d_exp, a, b)) < 1e-9, "F0 at (" << a << ", " << b << "): " << f0_slope);
    if (2 * b > 1) {
      const auto& fac = term_in(*reg, term::Fac);
      BOOST_TEST(std::abs(slope([&](double r) { return fac_asymptotic<double>(a, b, g, B, d, r); }, 1e6) - at(fac.r_exp, a, b)) < 1e-9);
      BOOST_TEST(std::abs(slope([&](double dd) { return fac_asymptotic<double>(a, b, g, B, dd, 1e6); }, d) - at(fac.d_exp, a, b)) < 1e-9);
    }
    ++checked;
  }
  BOOST_TEST(checked == 6);
}

// Catalogues of other models (issue 35 item 1, issue 36 item 1): any parameter names (one to four), any term names, a
// compute monomial; phases named P1, P2, ... Each table checked against its balance derived by hand, exactly (GMP), at
// random rational points.
namespace {

catalogue shipped(const std::string& file) {
  std::ifstream in(std::string(SCALELAW_DATA_DIR) + "/catalogues/" + file);
  std::ostringstream os;
  os << in.rdbuf();
  return parse_catalogue(os.str(), file);
}

// a shipped file's derivation, once per test run (the 3- and 4-parameter ones take seconds, minutes under ASan)
const std::vector<phase>& shipped_phases(const std::string& file) {
  static std::map<std::string, std::vector<phase>> derived;
  auto it = derived.find(file);
  if (it == derived.end()) it = derived.emplace(file, derive_phases(shipped(file))).first;
  return it->second;
}

// the phase whose cell holds x (or (a, b)), with its exact xi and eta (nullptr off every cell)
struct located { const phase* ph = nullptr; rational xi, eta; };

// the sign of e at x: in double, exactly (GiNaC) when the double is within 1e-9 of zero
int sign_at(const GiNaC::ex& e, const point& x) {
  std::vector<double> xd;
  for (const auto& v : x) xd.push_back(v.get_d());
  const double v = evaluate(e, xd);
  if (std::abs(v) > 1e-9) return v > 0 ? 1 : -1;
  const GiNaC::numeric q = value_at(e, x);
  return q.is_zero() ? 0 : (q.is_positive() ? 1 : -1);
}

located locate_at(const std::vector<phase>& phs, const point& x) {
  for (const auto& ph : phs)
    for (const auto& c : ph.cells) {
      bool in = true;
      for (const auto& q : c.region) in = in && sign_at(q.expr, x) > 0;
      if (in) return {&ph, to_rational(value_at(ph.xi, x)), to_rational(value_at(ph.eta, x))};
    }
  return {};
}

located locate(const std::vector<phase>& phs, const rational& a, const rational& b = 0) { return locate_at(phs, point{a, b}); }

std::vector<std::string> names_of(const phase& ph) {
  std::vector<std::string> out;
  for (const auto& t : ph.dominant) out.push_back(name(t));
  return out;
}

}  // namespace

// Lin-Wu-Kakade-Bartlett-Lee: M^-(a-1) + N^-((a-1)/a) at compute M N: (a-1) xi = (a-1)/a (1 - xi), xi = 1/(a+1),
// eta = (a-1)/(a+1). At compute M^2 N (r = f^(1-2 xi)): a xi = 1 - 2 xi, xi = 1/(a+2), eta = (a-1)/(a+2).
BOOST_AUTO_TEST_CASE(lwkbl_one_parameter) {
  const catalogue c = shipped("lwkbl.toml");
  BOOST_TEST(c.parameters == std::vector<std::string>{"a"});
  const auto phs = derive_phases(c);
  BOOST_REQUIRE(phs.size() == 1u);
  BOOST_TEST(phs[0].label == "P1");
  std::string text;
  catalogue squared = c;
  squared.compute_d = 2;
  const auto phs2 = derive_phases(squared.regimes, derivation_options::of(squared));
  for (int k = 1; k <= 200; ++k) {
    rational a = 1 + rational(k, 37);
    a.canonicalize();
    const located l = locate(phs, a);
    BOOST_REQUIRE(l.ph);
    BOOST_TEST(l.xi == 1 / (a + 1));
    BOOST_TEST(l.eta == (a - 1) / (a + 1));
    const located l2 = locate(phs2, a);
    BOOST_REQUIRE(l2.ph);
    BOOST_TEST(l2.xi == 1 / (a + 2), "compute d^2 r at a = " << a);
    BOOST_TEST(l2.eta == (a - 1) / (a + 2), "compute d^2 r at a = " << a);
  }
  BOOST_TEST(!locate(phs, rational(1, 2)).ph);  // a < 1: outside the catalogue
}

// The three-term variant (data/catalogues/three_term.toml), by hand: rates (in f) a xi, (1 - xi)/2 and 1/4 + 3 xi/4.
// approximation | data cross at xi = 1/(2a+1), eta = a/(2a+1), where the cross term's rate 1/4 + 3/(4(2a+1)) exceeds
// eta iff a < 2; for a > 2, cross | data at xi = 1/5, eta = 2/5, where the approximation term's a/5 exceeds 2/5.
BOOST_AUTO_TEST_CASE(three_term_variant) {
  const auto phs = derive_phases(shipped("three_term.toml"));
  BOOST_REQUIRE(phs.size() == 2u);
  for (int k = 1; k <= 400; ++k) {
    rational a(k, 50);
    a.canonicalize();  // gmpxx compares canonical fractions only
    if (a == 2) continue;  // the boundary
    const located l = locate(phs, a);
    BOOST_REQUIRE_MESSAGE(l.ph, "no phase at a = " << a);
    if (a < 2) {
      BOOST_TEST(l.xi == 1 / (2 * a + 1));
      BOOST_TEST(l.eta == a / (2 * a + 1));
      BOOST_TEST((names_of(*l.ph) == std::vector<std::string>{"approximation", "data"}));
    } else {
      BOOST_TEST(l.xi == rational(1, 5));
      BOOST_TEST(l.eta == rational(2, 5));
      BOOST_TEST((names_of(*l.ph) == std::vector<std::string>{"data", "cross"}));
    }
  }
  BOOST_TEST(!locate(phs, rational(-1, 2)).ph);  // a < 0: outside
}

// The PPXP catalogue with its parameters renamed (p, q) and its compute written q-free as "r*d*B": the same formulas in
// the new symbols; not the PPXP conventions (no alpha > 0 added, phases P1..P7).
BOOST_AUTO_TEST_CASE(renamed_parameters_and_compute_constants) {
  std::string text = shipped_text();
  for (auto [from, to] : {std::pair<std::string, std::string>{"alpha", "p"}, {"beta", "q"}}) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) text.replace(at, from.size(), to);
  }
  text = replace_once(text, "compute = \"d*r\"", "compute = \"r*d*B\"");
  const catalogue c = parse_catalogue(text, "renamed.toml");
  BOOST_TEST(c.parameters == (std::vector<std::string>{"p", "q"}));
  BOOST_TEST(c.compute_d == 1);
  BOOST_TEST(c.compute_r == 1);
  const auto phs = derive_phases(c);
  BOOST_TEST(phs.size() == 7u);
  for (const auto& rp : reference_points()) {
    const auto built_in = classify(rp.alpha, rp.beta);
    const located l = locate(phs, rp.alpha, rp.beta);
    BOOST_REQUIRE(l.ph);
    BOOST_TEST(l.xi == built_in.xi, rp.label);
    BOOST_TEST(l.eta == built_in.eta, rp.label);
    BOOST_TEST(l.ph->label.front() == 'P');
  }
}

BOOST_AUTO_TEST_CASE(parameters_and_compute_refused) {
  const std::string text = shipped_text();
  const std::string params = "parameters = [\"alpha\", \"beta\"]";
  BOOST_TEST(refusal(replace_once(text, params, "parameters = [\"alpha\", \"beta\", \"g\", \"h\", \"k\"]")).find("5 parameters") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, params, "parameters = []")).find("0 parameters") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, params, "parameters = [\"alpha\", \"d\"]")).find("'d' cannot name a parameter") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, params, "parameters = [\"alpha\", \"alpha\"]")).find("appears twice") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, params, "parameters = [\"alpha\", \"2b\"]")).find("cannot name") != std::string::npos);
  const std::string compute = "compute = \"d*r\"";
  BOOST_TEST(refusal(replace_once(text, compute, "compute = \"d+r\"")).find("not a monomial") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, compute, "compute = \"d^2\"")).find("must grow with both") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, compute, "compute = \"d^alpha*r\"")).find("not a monomial") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, compute, "compute = \"d*/r\"")).find("compute") != std::string::npos);
  // a compute that is zero (the fuzzer's find: d log f / d log d divided by zero, an uncaught GiNaC pole_error)
  BOOST_TEST(refusal(replace_once(text, compute, "compute = \"0*r\"")).find("is zero") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, compute, "compute = \"d*r-r*d\"")).find("compute") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, "name = \"Fpp\"", "name = \"F pp\"")).find("not a name") != std::string::npos);
  BOOST_TEST(refusal(replace_once(text, compute, "compute = \"d^2*r\"")).empty());
}

// Three and four parameters (issue 35 item 1): data/catalogues/width_three.toml and width_noise_four.toml derived in 3
// and 4 dimensions, against an independent numerical path at random rational points: the catalogue's monomials in
// double and max_xi min_t rate_t(xi) by ternary search (the min of linear functions is concave in xi), as
// test_phases does in the plane. Every derived phase must be met, and the negation (the cross term's r-exponent moved
// scaled by 21/20 before deriving) must disagree with the brute force somewhere.
namespace {

// the optimum (xi, eta) of the catalogue's own monomials at x, in double (NAN off every regime)
std::pair<double, double> brute_force_at(const catalogue& c, const point& x) {
  std::vector<double> xd;
  for (const auto& v : x) xd.push_back(v.get_d());
  const regime* reg = nullptr;
  for (const auto& r : c.regimes) {
    bool in = true;
    for (const auto& k : r.conditions) in = in && evaluate(k, xd) > 0;
    if (in) reg = &r;
  }
  if (!reg) return {NAN, NAN};
  std::vector<std::pair<double, double>> pq;
  for (const auto& t : reg->terms) pq.emplace_back(evaluate(t.d_exp, xd), evaluate(t.r_exp, xd));
  auto envelope = [&](double xi) {  // f = d r, d = f^xi: d^p r^q = f^(p xi + q (1 - xi))
    double m = 1e300;
    for (const auto& [p, q] : pq) m = std::min(m, -(p * xi + q * (1 - xi)));
    return m;
  };
  double lo = 0, hi = 1;
  for (int it = 0; it < 200; ++it) {
    const double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
    if (envelope(m1) < envelope(m2)) lo = m1;
    else hi = m2;
  }
  const double xi = (lo + hi) / 2;
  return {xi, envelope(xi)};
}

// points with coordinates k/40, k = 1..120 (so in (0, 3]), off every boundary of the table and of the regimes
struct sweep_result { int tested = 0, disagree = 0; std::set<std::string> met; };
sweep_result sweep_against_brute_force(const catalogue& truth, const std::vector<phase>& phs, int n, std::uint64_t seed,
                                       bool stop_at_disagreement = false) {
  std::mt19937_64 gen(seed);
  std::uniform_int_distribution<int> U(1, 120);
  std::vector<GiNaC::ex> walls;
  for (const auto& b : derived_boundaries(phs)) walls.push_back(b.poly);
  for (const auto& r : truth.regimes) walls.insert(walls.end(), r.conditions.begin(), r.conditions.end());
  sweep_result out;
  while (out.tested < n) {
    point x;
    for (std::size_t i = 0; i < truth.parameters.size(); ++i) x.push_back(rational(U(gen), 40));
    for (auto& v : x) v.canonicalize();
    bool on_wall = false;
    for (const auto& w : walls) on_wall = on_wall || sign_at(w, x) == 0;
    if (on_wall) continue;
    ++out.tested;
    const auto [xi, eta] = brute_force_at(truth, x);
    const located l = locate_at(phs, x);
    // the ternary search converges to 1e-15 in xi; the optimum is interior and unique off the walls, so a phase holds
    // every point the brute force finds an optimum for
    const bool agree = std::isnan(eta) ? !l.ph
                                       : l.ph && std::abs(eta - l.eta.get_d()) < 1e-9 && std::abs(xi - l.xi.get_d()) < 1e-9;
    if (!agree) ++out.disagree;
    if (l.ph) out.met.insert(l.ph->label);
    if (!agree && stop_at_disagreement) break;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(many_parameters) {
  // under the CI's sanitizer pass (SCALELAW_CI_SANITIZER) the negation is derived for the 3-parameter file only: the
  // moved 4-parameter catalogue's derivation took over 10 min under ASan, and the shipped one runs the same code
  const bool sanitizer = std::getenv("SCALELAW_CI_SANITIZER") != nullptr;
  struct expectation { const char* file; std::size_t parameters, phases; };
  for (const auto& [file, n_params, n_phases] : {expectation{"width_three.toml", 3, 4}, expectation{"width_noise_four.toml", 4, 7}}) {
    const catalogue c = shipped(file);
    BOOST_TEST(c.parameters.size() == n_params, file);
    const auto& phs = shipped_phases(file);
    BOOST_TEST(phs.size() == n_phases, file);
    const sweep_result s = sweep_against_brute_force(c, phs, 400, 7);
    BOOST_TEST(s.disagree == 0, file << ": " << s.disagree << " of " << s.tested << " points disagree with the brute force");
    BOOST_TEST(s.met.size() == phs.size(), file << ": " << s.met.size() << " of " << phs.size() << " phases met");
    // the negation: a table derived from a catalogue whose cross term decays as r^-21c/40, not r^-c/2, is wrong
    // somewhere (scaled, not shifted by 1/20: shifted, the 4-parameter arrangement takes minutes, docs/NOTES.md)
    if (sanitizer && n_params == 4) continue;
    catalogue moved = c;
    for (auto& r : moved.regimes)
      for (auto& m : r.terms)
        if (name(m.t) == "cross") m.r_exp = m.r_exp * GiNaC::numeric(21, 20);
    const sweep_result wrong = sweep_against_brute_force(c, derive_phases(moved), 400, 7, true);
    BOOST_TEST(wrong.disagree > 0, file << ": the moved cross term went unnoticed");
    BOOST_TEST_MESSAGE(file << ": " << s.tested << " points agree, " << s.met.size() << " phases met; the moved cross term's table is wrong at "
                            << "point " << wrong.tested << " of the same sequence");
  }
  // a [[phase]] entry names the phase holding its point, one coordinate per parameter
  std::ifstream in(std::string(SCALELAW_DATA_DIR) + "/catalogues/width_three.toml");
  std::ostringstream os;
  os << in.rdbuf() << "\n[[phase]]\nname = \"balanced\"\npoint = [\"1\", \"1\", \"1/2\"]\n";
  const auto named = derive_phases(parse_catalogue(os.str(), "named.toml"));
  const located l = locate_at(named, point{1, 1, rational(1, 2)});
  BOOST_REQUIRE(l.ph);
  BOOST_TEST(l.ph->label == "balanced");
  BOOST_TEST(refusal(os.str() + "\n[[phase]]\nname = \"short\"\npoint = [\"1\", \"1\"]\n").find("3 numbers") != std::string::npos);
}

// The fast locator of pictures and sweeps (phases/locate.hpp: the regions' polynomials as monomial lists in double)
// against the exact cells (locate_at: GiNaC, exact where double is within 1e-9 of zero), over the whole box each
// catalogue is drawn in and beyond it (the no-learning corner and beta < 0 included for PPXP): the built-in table at
// 4000 points, the 3- and 4-parameter files at 400 each (a tenth under the CI's sanitizer pass). Points within 1e-6
// of a wall (a cell's or a region's condition) are skipped: there a double may fall either side. Negation: the same
// regions with one condition of one phase reversed put some point elsewhere; and a point with fewer coordinates than
// the regions is refused.
BOOST_AUTO_TEST_CASE(locator_agrees_with_exact_cells) {
  struct case_ { std::vector<phase> phs; std::size_t params; int points; int lo, hi; };
  // .ci/run's ASan + UBSan pass (SCALELAW_CI_SANITIZER) looks for memory errors: a tenth of the points (GiNaC's
  // allocations under ASan made the full set take 15 min there)
  const int share = std::getenv("SCALELAW_CI_SANITIZER") ? 10 : 1;
  std::vector<case_> cases;
  cases.push_back({derived_phases(), 2, 4000 / share, -10000, 30000});                   // (-1, 3] in steps of 1e-4
  cases.push_back({shipped_phases("width_three.toml"), 3, 400 / share, 1, 4800});  // (0, 3] in steps of 1/1600
  cases.push_back({shipped_phases("width_noise_four.toml"), 4, 400 / share, 1, 4800});
  std::mt19937_64 gen(11);
  for (const auto& [phs, params, n, lo, hi] : cases) {
    std::vector<GiNaC::ex> walls;
    for (const auto& ph : phs) {
      for (const auto& c : ph.cells)
        for (const auto& q : c.region) walls.push_back(q.expr);
      for (const auto& conj : ph.region)
        for (const auto& q : conj) walls.push_back(q.expr);
    }
    const phase_locator locator(phs);
    BOOST_TEST(locator.parameters() == params);
    std::vector<phase> reversed = phs;
    reversed.front().region.front().front().expr = -reversed.front().region.front().front().expr;
    const phase_locator wrong(reversed);
    std::uniform_int_distribution<int> U(lo, hi);
    const double scale = params == 2 ? 1e-4 : 1.0 / 1600;
    int tested = 0, outside = 0, caught = 0;
    while (tested < n) {
      point x;
      std::vector<double> xd;
      for (std::size_t i = 0; i < params; ++i) {
        const int k = U(gen);
        x.push_back(params == 2 ? rational(k, 10000) : rational(k, 1600));
        x.back().canonicalize();
        xd.push_back(k * scale);
      }
      if (params == 2 && xd[0] <= 0) continue;  // alpha > 0: the model's domain
      bool near_wall = false;
      for (const auto& w : walls) near_wall = near_wall || std::abs(evaluate(w, xd)) < 1e-6;
      if (near_wall) continue;
      const located l = locate_at(phs, x);
      const int expected = l.ph ? static_cast<int>(l.ph - phs.data()) : -1;
      BOOST_TEST(locator(xd) == expected, "at " << xd[0] << ", " << xd[1] << ": " << locator(xd) << " vs " << expected);
      if (params == 2) BOOST_TEST(locator(xd[0], xd[1]) == expected);
      outside += expected < 0 ? 1 : 0;
      caught += wrong(xd) != expected ? 1 : 0;
      ++tested;
    }
    BOOST_TEST_MESSAGE(params << " parameters: " << tested << " points, " << outside << " in no phase; the reversed condition "
                              << "moves " << caught);
    BOOST_TEST(caught > 0);
    if (params == 2) BOOST_TEST(outside > 0);  // the no-learning corner and beta < 0 were visited
    if (params > 2) {
      BOOST_CHECK_THROW(locator(1.0, 1.0), std::invalid_argument);
      BOOST_CHECK_THROW(locator(std::vector<double>(params - 1, 1.0)), std::invalid_argument);
    }
  }
}
