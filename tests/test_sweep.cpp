// The sweep's parts in the library (issue 22): exact grids and their refusals, points.jsonl's repair of a torn last
// line, and the measured boundaries on synthetic exponents with a known kink.
#define BOOST_TEST_MODULE sweep
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "output/points_file.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"
#include "scalelaw/sweep/boundaries.hpp"
#include "scalelaw/sweep/grid.hpp"

using namespace scalelaw;

BOOST_AUTO_TEST_CASE(ranges_are_exact) {
  const auto v = parse_range("alpha", "0.1:1.5:15");
  BOOST_TEST_REQUIRE(v.size() == 15u);
  BOOST_TEST(v[6] == rational(7, 10));  // 0.1 + 6 * 0.1 exactly, not 0.7000000000000001
  BOOST_TEST(v.back() == rational(3, 2));
  const auto w = parse_range("beta", "0.1:1.5:12");
  BOOST_TEST(w[1] == rational(1, 10) + rational(14, 10) / 11);
  BOOST_TEST(parse_range("beta", "0.7").size() == 1u);
  BOOST_TEST(parse_range("beta", "0.7:0.7:1").size() == 1u);
}

BOOST_AUTO_TEST_CASE(bad_ranges_refused) {
  for (const char* bad : {"0.1:0.5:0", "0.5:0.1:3", "0.5:0.5:3", "0.1:0.5:2.5", "0.1:0.5:-2", "0.1:0.5", "0.1:0.5:3:4",
                          "a:1:3", "0.1:0.2:1", "0.1:0.5:1001", "nan:1:2"})
    BOOST_CHECK_THROW(parse_range("alpha", bad), invalid_input);
  // every point in the region with no learning, or alpha <= 0
  BOOST_CHECK_THROW(sweep_grid(parse_range("alpha", "0.1:0.2:2"), parse_range("beta", "0.1:0.2:2")), invalid_input);
  BOOST_CHECK_THROW(sweep_grid(parse_range("alpha", "0:1:3"), parse_range("beta", "0.5")), invalid_input);
  // a grid partly outside the learning region is a grid: those points are kept (status "no learning")
  const auto g = sweep_grid(parse_range("alpha", "0.1:1.5:3"), parse_range("beta", "0.1:1.5:3"));
  BOOST_TEST(g.size() == 9u);
  BOOST_TEST(!g[0].learns());
  BOOST_TEST(g[4].learns());
  BOOST_CHECK_THROW(parse_line("gamma=1"), invalid_input);
  BOOST_TEST(parse_line("alpha=0.7").alpha_fixed);
}

BOOST_AUTO_TEST_CASE(points_file_repairs_a_torn_last_line) {
  char name[] = "/tmp/scalelaw_points_XXXXXX";
  const int fd = mkstemp(name);
  BOOST_TEST_REQUIRE(fd >= 0);
  close(fd);
  const std::string path = name;
  append_point(path, {{"key", "a"}, {"x", 1}});
  append_point(path, {{"key", "b"}, {"x", 2}});
  { std::ofstream(path, std::ios::app) << "{\"key\": \"c\", \"x\""; }  // killed mid-write
  bool repaired = false;
  const auto size_of = [&] { std::ifstream is(path, std::ios::binary | std::ios::ate); return static_cast<long>(is.tellg()); };
  const long torn_size = size_of();
  auto pts = read_points(path, repaired, /*repair=*/false);  // a reader that only draws: the file stays as it is
  BOOST_TEST(repaired);
  BOOST_TEST(pts.size() == 2u);
  BOOST_TEST(size_of() == torn_size);
  pts = read_points(path, repaired, /*repair=*/true);
  BOOST_TEST(repaired);
  BOOST_TEST(pts.size() == 2u);
  std::stringstream ss;
  ss << std::ifstream(path).rdbuf();
  BOOST_TEST(ss.str() == "{\"key\":\"a\",\"x\":1}\n{\"key\":\"b\",\"x\":2}\n");  // the torn line cut off the file
  append_point(path, {{"key", "c"}, {"x", 3}});
  pts = read_points(path, repaired, true);
  BOOST_TEST(!repaired);
  BOOST_TEST(pts.size() == 3u);
  // a bad line that is not the last is not a kill: refused
  { std::ofstream(path, std::ios::app) << "garbage\n{\"key\":\"d\"}\n"; }
  BOOST_CHECK_THROW(read_points(path, repaired, true), invalid_input);
  std::remove(name);
}

// Exponents piecewise linear in t with a kink at t = 0.537: the crossing of the two sides' lines is the kink exactly;
// moved to 0.6, the measurement follows (negation: the measured position comes from the data, not the derived one).
BOOST_AUTO_TEST_CASE(measured_boundary_finds_a_kink) {
  for (const double kink : {0.537, 0.6}) {
    std::vector<line_measurement> pts;
    for (int k = 0; k <= 10; ++k) {
      const double t = 0.1 * k;
      const double xi = t < kink ? 0.3 : 0.3 + 0.8 * (t - kink);  // flat, then rising (Ia -> II's shape)
      pts.push_back({t, t < 0.537 ? "A" : "B", xi, 0.5, t < 0.537 ? 0.3 : 0.3 + 0.8 * (t - 0.537), 0.5});
    }
    const auto bs = measured_boundaries(pts, [](double t) { return std::string(t < 0.537 ? "A" : "B"); });
    BOOST_TEST_REQUIRE(bs.size() == 1u);
    BOOST_TEST(std::abs(bs[0].derived - 0.537) < 1e-8);
    BOOST_TEST(bs[0].exponent == "xi");
    if (kink == 0.537) {
      BOOST_TEST(std::abs(bs[0].measured - 0.537) < 1e-9);
      BOOST_TEST(bs[0].lo <= 0.537 + 1e-9);
      BOOST_TEST(bs[0].hi >= 0.537 - 1e-9);
    } else {
      // the kink at 0.6 sits between the right side's first two points (0.6, 0.7 are both on the rising line; 0.6 is
      // the kink itself), so the lines through the nearest points cross at 0.6
      BOOST_TEST(std::abs(bs[0].measured - 0.6) < 1e-9);
    }
  }
}

// Issue 38 item 3: the longest-processing-time order from expected_cost, replayed on the stored 12 x 12 sweep's measured
// seconds with R ranks that each take the next point when free (the coordinator's rule, sweep_mpi.cpp). Its makespan
// must come within 10% of the lower bound max(total / R, the longest point) for R = 2, 8, 16 and be no worse than the
// grid's order; the cost model must rank the points as their measured seconds do (Spearman > 0.8; alpha alone gives
// 0.70). The negation: the reversed order (cheapest first, the costliest left for the end) must miss the bound at R = 16.
BOOST_AUTO_TEST_CASE(longest_first_balances_the_ranks) {
  bool torn = false;
  const auto stored = read_points(std::string(SCALELAW_DATA_DIR) + "/sweep/grid_12x12.jsonl", torn, false);
  std::vector<sweep_point> pts;
  std::vector<double> secs;
  for (const auto& j : stored) {
    if (!j.contains("seconds")) continue;
    pts.push_back({parse_exact("alpha", j["alpha_exact"].get<std::string>()), parse_exact("beta", j["beta_exact"].get<std::string>())});
    secs.push_back(j["seconds"].get<double>());
  }
  BOOST_TEST_REQUIRE(pts.size() == 138u);
  std::vector<std::size_t> grid_order(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) grid_order[i] = i;
  const auto makespan = [&](const std::vector<std::size_t>& order, unsigned ranks) {
    std::vector<double> free_at(ranks, 0.0);
    for (std::size_t i : order) *std::min_element(free_at.begin(), free_at.end()) += secs[i];
    return *std::max_element(free_at.begin(), free_at.end());
  };
  const auto lpt = longest_first(pts, grid_order);
  const std::vector<std::size_t> reversed(lpt.rbegin(), lpt.rend());
  double total = 0;
  for (double s : secs) total += s;
  const double longest = *std::max_element(secs.begin(), secs.end());
  for (unsigned ranks : {2u, 8u, 16u}) {
    const double bound = std::max(total / ranks, longest);
    const double m_grid = makespan(grid_order, ranks), m_lpt = makespan(lpt, ranks), m_rev = makespan(reversed, ranks);
    BOOST_TEST_MESSAGE(ranks << " ranks: bound " << bound << " s, grid order " << m_grid << " s, LPT " << m_lpt
                             << " s, reversed " << m_rev << " s");
    BOOST_TEST(m_lpt <= 1.10 * bound);
    BOOST_TEST(m_lpt <= m_grid);
    if (ranks == 16) BOOST_TEST(m_rev > 1.10 * bound);
  }
  // Spearman's rank correlation of expected_cost with the seconds
  const auto ranks = [](const std::vector<double>& v) {
    std::vector<std::size_t> idx(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t k = 0; k < idx.size(); ++k) r[idx[k]] = static_cast<double>(k);
    return r;
  };
  std::vector<double> cost;
  for (const auto& p : pts) cost.push_back(expected_cost(p));
  const auto rc = ranks(cost), rs = ranks(secs);
  double d2 = 0;
  const double n = static_cast<double>(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) d2 += (rc[i] - rs[i]) * (rc[i] - rs[i]);
  const double spearman = 1 - 6 * d2 / (n * (n * n - 1));
  BOOST_TEST_MESSAGE("Spearman(expected_cost, seconds) = " << spearman);
  BOOST_TEST(spearman > 0.8);
}
