// scalelaw eval TERM: high-precision spectral sums (SPEC §3, §4).
#include <iostream>

#include "common.hpp"
#include "deq/kappa.hpp"
#include "output/decimal.hpp"
#include "spectral/terms.hpp"

namespace scalelaw::cli {

namespace {
struct eval_args {
  std::string term;
  model_flags model;
  double r = 0;
  double digits = 30;
  bool json = false;
};
}  // namespace

void register_eval(CLI::App& app, runner& run) {
  auto args = std::make_shared<eval_args>();
  auto* sub = app.add_subcommand("eval", "high-precision spectral sums: fpp, kpp (SPEC §4), kappa, f0 (SPEC §3)");
  sub->add_option("term", args->term, "fpp | kpp | kappa | f0")->required();
  add_model_flags(*sub, args->model, false);
  sub->add_option("--d", args->model.opt.d, "model parameters (kappa, f0)");
  sub->add_option("--r", args->r, "SGD steps r >= 0 (fpp, kpp)");
  sub->add_option("--digits", args->digits, "significant digits, 5..1000 (default 30)");
  sub->add_flag("--json", args->json, "one JSON object on stdout");
  sub->callback([sub, args, &run] {
    (void)sub;
    run = [args] {
      auto& a = *args;
      stopwatch clock;
      if (a.term != "fpp" && a.term != "kpp" && a.term != "kappa" && a.term != "f0")
        throw invalid_input(fmt::format("term '{}' is unknown: use fpp, kpp, kappa or f0", a.term));
      require_count("digits", a.digits, 5, 1000);
      const unsigned digits = static_cast<unsigned>(a.digits);
      const bool deq_term = a.term == "kappa" || a.term == "f0";
      if (a.model.v_text.empty()) a.model.v_text = deq_term ? "" : "inf";
      plrf m = a.model.resolve(deq_term);
      precision_scope prec(digits + 12);  // 12 guard digits
      sum_result<mpfr> res;
      if (a.term == "fpp" || a.term == "kpp") {
        require_nonnegative("r", a.r);
        const mpfr alpha(a.model.opt.alpha), beta(a.model.opt.beta), batch(m.batch), r(a.r);
        // gamma: exact decimal as given, or the gamma-mult rule at double precision
        const mpfr gamma = a.model.gamma_in ? mpfr(a.model.opt.gamma.value()) : mpfr(m.gamma);
        if (a.term == "fpp") {
          if (std::isinf(m.v) && !(2 * m.alpha + 2 * m.beta > 1)) throw invalid_input("fpp with v = inf needs 2 alpha + 2 beta > 1");
          res = fpp_sum<mpfr>(alpha, beta, gamma, batch, r, m.v);
        } else {
          if (std::isinf(m.v) && !(4 * m.alpha > 1))
            throw invalid_input(fmt::format("kpp with v = inf diverges for alpha = {} <= 1/4: give a finite --v", m.alpha));
          res = kpp_sum<mpfr>(alpha, gamma, batch, r, m.v);
        }
      } else {
        const mpfr alpha(a.model.opt.alpha), beta(a.model.opt.beta);
        auto k = deq_kappa<mpfr>(alpha, mpfr(m.d), m.v);
        if (a.term == "kappa") res = k;
        else res = deq_f0<mpfr>(alpha, beta, k, m.v);
      }
      const decimal_value out = to_decimal_value(res.value, res.error_bound, digits);
      if (a.json) {
        nlohmann::json j{{"term", a.term},       {"value", out.value},          {"error_bound", out.error_bound},
                         {"digits", digits},     {"alpha", m.alpha},            {"beta", m.beta},
                         {"v", std::isinf(m.v) ? nlohmann::json("inf") : nlohmann::json(m.v)},
                         {"head_terms", res.head_terms}, {"euler_maclaurin_terms", res.em_terms},
                         {"quadrature_panels", res.panels}, {"seconds", clock.seconds()}};
        if (a.term == "fpp" || a.term == "kpp") { j["gamma"] = m.gamma; j["batch"] = m.batch; j["r"] = a.r; }
        else j["d"] = m.d;
        print_json(j);
      } else {
        std::cout << a.term << " = " << out.value << "\nerror_bound = " << out.error_bound << "\n";
      }
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
