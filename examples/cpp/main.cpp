// scalelaw from C++: the phase of (alpha, beta) from the symbolic derivation, the exact expected loss curve of one W drawn
// at d = 200 (MODEL §2), and a guaranteed enclosure of F_pp for the decimals typed. Run: scaling_example [ALPHA BETA]
#include <cstdio>
#include <string>

#include <scalelaw/exact/instance.hpp>
#include <scalelaw/model/plrf.hpp>
#include <scalelaw/numeric/exact.hpp>
#include <scalelaw/phases/derive.hpp>
#include <scalelaw/spectral/enclosure.hpp>
#include <scalelaw/volterra/block_leap.hpp>
#include <scalelaw/volterra/grid.hpp>

int main(int argc, char** argv) {
  using namespace scalelaw;
  const std::string alpha = argc > 2 ? argv[1] : "0.7", beta = argc > 2 ? argv[2] : "0.7";
  try {
    // the phase: exact in the decimal inputs
    const auto c = phases::classify(parse_exact("alpha", alpha), parse_exact("beta", beta));
    std::printf("phase %s: xi = %s = %s, eta = %s = %s\n", c.ph->label.c_str(), phases::formula_text(c.ph->xi).c_str(),
                shortest(nearest_double(c.xi)).c_str(), phases::formula_text(c.ph->eta).c_str(),
                shortest(nearest_double(c.eta)).c_str());

    // the model: one parameter type, exact values by name, validated once
    const plrf m = plrf::from({.alpha = exact_param::parse("alpha", alpha), .beta = exact_param::parse("beta", beta), .d = 200}, true);
    // F_pp at r = 1e6 (MODEL §4) for the exact decimals (not their doubles), v = 4 d: a ball that holds the exact value
    const enclosure e = fpp_enclosure(exact_sum_params::of(m, 1000000), 30);
    std::printf("F_pp(r = 1e6) = %s, |error| <= %s\n", to_decimal(e.mid, 30).c_str(), to_decimal(e.rad, 2).c_str());
    // an exact instance (one W) and its loss curve, on the doubles
    const auto inst = instantiate<double>(m, /*seed=*/1);
    const auto curve = volterra_block_leap(inst.spectrum(m.gamma, m.batch), log_grid(1'000'000, 7));
    for (std::size_t k = 0; k < curve.r.size(); ++k) std::printf("r = %8llu  P = %.6g\n", (unsigned long long)curve.r[k], curve.loss[k]);
  } catch (const invalid_input& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
  return 0;
}
