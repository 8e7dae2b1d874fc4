// The specified generator: reproducible streams, and normals with the right law (moments and a
// Kolmogorov–Smirnov test against the normal CDF; the ziggurat's tail branch included).
#define BOOST_TEST_MODULE rng
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "scalelaw/exact/rng.hpp"

using namespace scalelaw;

BOOST_AUTO_TEST_CASE(streams_are_reproducible_and_distinct) {
  rng a(7, 3), b(7, 3), c(7, 4), e(8, 3);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    BOOST_TEST(x == b.next());
    BOOST_TEST(x != c.next());
    BOOST_TEST(x != e.next());
  }
}

BOOST_AUTO_TEST_CASE(normal_law) {
  rng g(1, 1);
  const int n = 1000000;
  std::vector<double> x(n);
  g.fill_normal(x.data(), x.size());
  double m1 = 0, m2 = 0, m4 = 0;
  int tail = 0;
  for (double v : x) { m1 += v; m2 += v * v; m4 += v * v * v * v; tail += std::abs(v) > 3.442619855899; }
  m1 /= n; m2 /= n; m4 /= n;
  // standard errors: mean 1/sqrt(n) = 1e-3, variance sqrt(2/n) = 1.4e-3, 4th moment sqrt(96/n) ~ 1e-2; 5 SE
  BOOST_TEST(std::abs(m1) < 5e-3);
  BOOST_TEST(std::abs(m2 - 1) < 7e-3);
  BOOST_TEST(std::abs(m4 - 3) < 5e-2);
  // P(|Z| > r) = 5.76e-4: 576 expected, Poisson sd 24; 5 sd
  BOOST_TEST(std::abs(tail - 576) < 120);
  std::sort(x.begin(), x.end());
  double D = 0;
  for (int i = 0; i < n; ++i) {
    const double F = 0.5 * std::erfc(-x[i] / std::sqrt(2.0));
    D = std::max({D, std::abs(F - double(i) / n), std::abs(F - double(i + 1) / n)});
  }
  BOOST_TEST(D < 1.63 / std::sqrt(double(n)));  // KS at the 1% level
}
