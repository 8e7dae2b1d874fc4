// The catalogue as data (issue 35 item 1): the shipped file data/catalogues/ppxp.toml is the one source of the built-in
// table, malformed files are refused naming the line and the key, and the asymptotic forms with constants
// (include/scalelaw/asymptotics/leading.hpp, typed separately) decay with the file's exponents.
#define BOOST_TEST_MODULE catalogue
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "scalelaw/asymptotics/leading.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/phases/catalogue_file.hpp"
#include "scalelaw/phases/derive.hpp"

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
      {replace_once(text, "name = \"Kpp\"", "name = \"Kxx\""), "f.toml:26: regime[1].term[3].name: 'Kxx'"},
      {replace_once(text, "d = \"-(2*alpha+2*beta-1)\"", "d = 7"), "f.toml:22: regime[1].term[2].d: must be a string"},
      {replace_once(text, "parameters = [\"alpha\", \"beta\"]", "parameters = [\"a\", \"b\"]"), "f.toml:9: parameters:"},
      {replace_once(text, "compute = \"d*r\"", "compute = \"d^2*r\""), "f.toml:10: compute:"},
      {replace_once(text, "d = \"-2*alpha\"", "d = \"-2*alpha+\""), "regime[2].term[3].d: '-2*alpha+' is not an expression"},
      {replace_once(text, "name = \"F0\"", "name = \"Fpp\""), "regime[1].term[2].name: 'Fpp' appears twice"},
      {"name = \"x\"\nparameters = [\"alpha\", \"beta\"]\n", "f.toml:1: regime: at least one"},
      // found by tests/fuzz/fuzz_catalogue: each made toml++ 3.3 assert or reach undefined behaviour
      {"name = \"one\"\nparameters = [\"alpha\", \"beta\"]\n[[\006egime]]\n", "f.toml:3: a control character"},
      {"\xef\xbb\xbfhe PPXP", "f.toml:1: a catalogue is ASCII"},
      {replace_once(text, "[[regime.term]]", "[[`egime.term]]"), "f.toml:15: a table header reads"},
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
