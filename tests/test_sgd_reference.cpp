// data/sgd_reference/*.csv: SGD summaries for one point of each phase (commands in
// data/README.md). Rerunning the same command must reproduce them: runs depend only on
// (seed, run index); 1e-9 relative allows libm/Eigen rounding differences between machines.
#define BOOST_TEST_MODULE sgd_reference
#include <boost/test/unit_test.hpp>

#include "output/csv.hpp"
#include "scalelaw/sgd/sgd.hpp"
#include "scalelaw/volterra/grid.hpp"

using namespace scalelaw;

BOOST_AUTO_TEST_CASE(reference_runs_reproduce) {
  struct ref { const char* phase; double alpha, beta; };
  for (const ref& r : {ref{"Ia", 1.0, 0.3}, ref{"Ib", 0.4, 0.3}, ref{"Ic", 0.15, 0.8}, ref{"II", 1.2, 0.8},
                       ref{"III", 0.7, 1.0}, ref{"IVa", 0.27, 1.0}, ref{"IVb", 0.4, 1.0}}) {
    const auto rows = read_numeric_csv(std::string(SCALELAW_DATA_DIR) + "/sgd_reference/" + r.phase + ".csv",
                                       {"r", "mean", "std_error", "q10", "q90"});
    plrf_options po;
    po.alpha = r.alpha; po.beta = r.beta; po.d = 64;
    const plrf m = plrf::from(po, true);
    const auto inst = instantiate<double>(m, 1);
    sgd_options o;
    o.grid = log_grid(10000, 20);
    o.runs = 200;
    o.seed = 1;
    const auto res = run_sgd(m, inst, o);
    BOOST_TEST_REQUIRE(res.r.size() == rows.size(), r.phase);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      BOOST_TEST(res.r[k] == static_cast<std::uint64_t>(rows[k][0]));
      BOOST_TEST(std::abs(res.mean[k] / rows[k][1] - 1) < 1e-9, r.phase << " r=" << res.r[k]);
      BOOST_TEST(std::abs(res.q10[k] / rows[k][3] - 1) < 1e-9, r.phase << " r=" << res.r[k]);
      BOOST_TEST(std::abs(res.q90[k] / rows[k][4] - 1) < 1e-9, r.phase << " r=" << res.r[k]);
    }
  }
}
