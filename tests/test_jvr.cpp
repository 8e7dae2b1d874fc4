// The symbolic allocation engine (SPEC §5) against closed forms: E = A/p + B/T gives
// p* = sqrt(A C/B) (exponents 1/2, 1/2 exactly); E = A/p + B p/T gives p* = (A C/(2B))^{1/3} (1/3, 2/3).
#define BOOST_TEST_MODULE jvr
#include <boost/test/unit_test.hpp>

#include "infotheory/allocate.hpp"
#include "model/validate.hpp"
#include "numeric/scalar.hpp"

using namespace scalelaw;

BOOST_AUTO_TEST_CASE(closed_forms) {
  precision_scope prec(50);
  struct cas { const char* bound; double pexp; int root; };  // p* = (A C / (k B))^(1/root)
  for (const cas& c : {cas{"3/p + 5/T", 0.5, 2}, cas{"3/p + 5*p/T", 1.0 / 3, 3}}) {
    allocation_options o;
    o.bound = c.bound;
    o.d = 10;
    o.compute_min = 1e4;
    o.compute_max = 1e12;
    o.points = 5;
    o.digits = 30;
    const auto res = allocate(o);
    BOOST_TEST(res.points.size() == 5u);
    for (const auto& q : res.points) {
      // exponents from implicit differentiation of the exact stationarity condition: 1e-12
      BOOST_TEST(std::abs(q.p_exponent - c.pexp) < 1e-12, c.bound);
      BOOST_TEST(std::abs(q.T_exponent - (1 - c.pexp)) < 1e-12, c.bound);
      const mpfr C(q.C), p(q.p_star);
      const mpfr exact = c.root == 2 ? sqrt(mpfr(3) * C / 5) : cbrt(mpfr(3) * C / 10);
      // 30 significant digits printed: agreement to 1e-29 relative (last-digit rounding)
      BOOST_TEST(abs(p / exact - 1) < mpfr("1e-29"), c.bound << " C=" << q.C << " p*=" << q.p_star);
      BOOST_TEST(abs(mpfr(q.T_star) * p / C - 1) < mpfr("1e-29"));  // C = p T
    }
  }
}

BOOST_AUTO_TEST_CASE(d_enters_the_bound) {
  allocation_options o;
  o.bound = "d/p + 1/T";  // p* = sqrt(d C): the model's share grows with d
  o.points = 1;
  o.digits = 20;
  o.d = 4;
  const double p4 = std::stod(allocate(o).points[0].p_star);
  o.d = 16;
  const double p16 = std::stod(allocate(o).points[0].p_star);
  BOOST_TEST(std::abs(p16 / p4 - 2) < 1e-15);
}

BOOST_AUTO_TEST_CASE(bad_bounds) {
  allocation_options o;
  o.d = 3;
  o.bound = "p";  // increasing in p: no interior minimum
  BOOST_CHECK_THROW(allocate(o), invalid_input);
  o.bound = "1/p + q";
  BOOST_CHECK_THROW(allocate(o), invalid_input);
  o.bound = "1/p + (";
  BOOST_CHECK_THROW(allocate(o), invalid_input);
  o.bound = "1/p + 1/T";
  o.d = -1;
  BOOST_CHECK_THROW(allocate(o), invalid_input);
}
