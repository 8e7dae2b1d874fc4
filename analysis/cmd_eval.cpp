// scalelaw eval TERM: high-precision spectral sums (MODEL §3, §4) for the exact parameters typed.
// Default: a guaranteed enclosure (lib/spectral/enclosure.hpp, Arb). --fast: the mpfr path with an
// estimated error (lib/spectral/power_sum.hpp).
#include <iostream>
#include <fmt/format.h>

#include "common.hpp"
#include "scalelaw/deq/kappa.hpp"
#include "output/decimal.hpp"
#include "scalelaw/spectral/enclosure.hpp"
#include "scalelaw/spectral/terms.hpp"

namespace scalelaw::cli {

namespace {
struct eval_args {
  std::string term;
  model_flags model;
  std::string r;
  double digits = 30;
  bool fast = false;
  bool json = false;
};

}  // namespace

void register_eval(CLI::App& app, runner& run) {
  auto args = std::make_shared<eval_args>();
  auto* sub = app.add_subcommand(
      "eval",
      "high-precision spectral sums: fpp, kpp (MODEL §4), kappa, f0 (MODEL §3), for the exact decimal parameters typed.\n"
      "Default: a guaranteed enclosure (ball arithmetic, Arb): error_bound bounds |value - exact value|, and a\n"
      "--digits the enclosure cannot justify exits 1 with the digits reached. --fast: the mpfr path, whose\n"
      "error_bound is an estimate.");
  sub->add_option("term", args->term, "fpp | kpp | kappa | f0")->required();
  add_model_flags(*sub, args->model, false);
  sub->add_option("--d", args->model.d, "model parameters (kappa, f0)");
  sub->add_option("--r", args->r, "SGD steps r >= 0 (fpp, kpp); exact decimal");
  sub->add_option("--digits", args->digits, "significant digits, 5..1000 (default 30)");
  sub->add_flag("--fast", args->fast, "mpfr path with an estimated (not guaranteed) error bound");
  sub->add_flag("--json", args->json, "one JSON object on stdout");
  sub->callback([args, &run] {
    run = [args] {
      auto& a = *args;
      stopwatch clock;
      if (a.term != "fpp" && a.term != "kpp" && a.term != "kappa" && a.term != "f0")
        throw invalid_input(fmt::format("term '{}' is unknown: use fpp, kpp, kappa or f0", a.term));
      require_count("digits", a.digits, 5, 1000);
      const unsigned digits = static_cast<unsigned>(a.digits);
      const bool deq_term = a.term == "kappa" || a.term == "f0";
      if (a.model.v.empty()) a.model.v = deq_term ? "" : "inf";
      plrf m = a.model.resolve(deq_term);
      rational r(0);
      if (!deq_term) {
        if (a.r.empty()) throw invalid_input(fmt::format("{} needs --r (steps, >= 0)", a.term));
        r = parse_exact("r", a.r);
        if (!(r >= 0) || r > rational(mpz_class("1000000000000000000")))
          throw invalid_input(fmt::format("r = {} is out of range: must be in [0, 1e18]", a.r));
      }
      const exact_sum_params p = exact_sum_params::of(m, r);

      mpfr value, bound;
      enclosure e;
      sum_result<mpfr> fast;
      const unsigned working = digits + 12;  // 12 guard digits: the fast path's precision, carried by its inputs
      if (!a.fast) {
        try {
          if (a.term == "fpp") e = fpp_enclosure(p, digits);
          else if (a.term == "kpp") e = kpp_enclosure(p, digits);
          else if (a.term == "kappa") e = kappa_enclosure(p, digits);
          else e = f0_enclosure(p, digits);
        } catch (const uncertified_sum& why) {  // declined: no number is printed that the bound does not justify
          if (a.json)
            print_json({{"term", a.term}, {"value", nullptr}, {"error_bound", nullptr}, {"guaranteed", true},
                        {"certified", false}, {"why", why.what()}, {"digits", digits}, {"digits_reached", 0},
                        {"parameters", a.model.echo()}, {"seconds", clock.seconds()}});
          err() << fmt::format("error: {} digits requested, the enclosure justifies 0: {}\n", digits, why.what());
          return 1;
        }
        value = e.mid;
        bound = e.rad;
      } else {
        const mpfr alpha = to_mpfr(p.alpha, working), beta = to_mpfr(p.beta, working), batch(m.batch, working),
                     rr = to_mpfr(r, working);
        if (a.term == "fpp" || a.term == "kpp") {
          const mpfr gamma = p.gamma ? to_mpfr(*p.gamma, working) : mpfr(gamma_enclosure(p, digits).mid, working);
          if (a.term == "fpp") {
            if (std::isinf(m.v) && !(2 * m.alpha + 2 * m.beta > 1)) throw invalid_input("fpp with v = inf needs 2 alpha + 2 beta > 1");
            fast = fpp_sum<mpfr>(alpha, beta, gamma, batch, rr, m.v);
          } else {
            if (std::isinf(m.v) && !(4 * m.alpha > 1))
              throw invalid_input(fmt::format("kpp with v = inf diverges for alpha = {} <= 1/4: give a finite --v", a.model.alpha));
            fast = kpp_sum<mpfr>(alpha, gamma, batch, rr, m.v);
          }
        } else {
          auto k = deq_kappa<mpfr>(alpha, mpfr(m.d, working), m.v);
          fast = a.term == "kappa" ? k : deq_f0<mpfr>(alpha, beta, k, m.v);
        }
        value = fast.value;
        bound = fast.error_bound;
      }
      // the digits the bound justifies: rel = bound/|value| <= 10^-reached (printing adds its half unit)
      unsigned reached = digits;
      if (value != 0 && bound > 0) {
        const mpfr rel = bound / abs(value);
        const mpfr lg = -log10(rel);
        reached = lg >= digits ? digits : (lg <= 0 ? 0u : static_cast<unsigned>(lg.convert_to<double>()));
      }
      const bool short_of_digits = !a.fast && reached < digits;
      const decimal_value dv = to_decimal_value(value, bound, short_of_digits ? std::max(reached, 1u) : digits);
      if (a.json) {
        nlohmann::json j{{"term", a.term},
                         {"value", dv.value},
                         {"error_bound", dv.error_bound},
                         {"guaranteed", !a.fast},
                         {"certified", !a.fast},
                         {"digits", digits},
                         {"digits_reached", reached},
                         {"parameters", a.model.echo()},
                         {"v", std::isinf(m.v) ? nlohmann::json("inf") : nlohmann::json(m.v)},
                         {"seconds", clock.seconds()}};
        if (!a.fast) {
          j["head_terms"] = e.head_terms;
          j["euler_maclaurin_terms"] = e.em_terms;
          j["quadrature_panels"] = e.pieces;
          j["series_terms"] = e.series_terms;
          j["precision_bits"] = e.precision_bits;
        } else {
          j["head_terms"] = fast.head_terms;
          j["euler_maclaurin_terms"] = fast.em_terms;
          j["quadrature_panels"] = fast.panels;
        }
        if (!deq_term) j["r"] = a.r;
        print_json(j);
      } else {
        out() << a.term << " = " << dv.value << "\nerror_bound = " << dv.error_bound
                  << (a.fast ? "  (estimate)\n" : "  (guaranteed)\n");
      }
      if (short_of_digits) {
        err() << fmt::format("error: {} digits requested, the enclosure justifies {}\n", digits, reached);
        return 1;
      }
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
