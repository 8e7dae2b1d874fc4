// scalelaw jvr: information-theoretic compute-optimal allocation (SPEC §5).
#include <iostream>

#include "common.hpp"
#include "infotheory/allocate.hpp"

namespace scalelaw::cli {

void register_jvr(CLI::App& app, runner& run) {
  auto* jvr = app.add_subcommand("jvr", "Jeon-Van Roy: compute-optimal model/data split for an error bound E(p, T, d)");
  jvr->require_subcommand(1);
  struct args { allocation_options o; double points = 9, digits = 30; bool json = false; };
  auto a = std::make_shared<args>();
  auto* sub = jvr->add_subcommand("allocate", "p*(C), T*(C), E*(C) and local exponents for C = p T");
  sub->add_option("--bound", a->o.bound, "E(p, T, d): an expression in p, T, d with log, exp, ^, sqrt")->required();
  sub->add_option("--d", a->o.d, "input dimension d > 0")->required();
  sub->add_option("--compute-min", a->o.compute_min, "smallest compute C (default 1e4)");
  sub->add_option("--compute-max", a->o.compute_max, "largest compute C (default 1e12)");
  sub->add_option("--points", a->points, "log-spaced values of C (default 9)");
  sub->add_option("--digits", a->digits, "significant digits of p*, T*, E* (default 30)");
  sub->add_flag("--json", a->json, "one JSON object on stdout");
  sub->callback([a, &run] {
    run = [a] {
      require_count("points", a->points, 1, 1000);
      require_count("digits", a->digits, 5, 500);
      a->o.points = static_cast<unsigned>(a->points);
      a->o.digits = static_cast<unsigned>(a->digits);
      const auto res = allocate(a->o);
      std::vector<std::string> C, P, T, E;
      std::vector<double> pe, te;
      for (const auto& q : res.points) {
        C.push_back(q.C); P.push_back(q.p_star); T.push_back(q.T_star); E.push_back(q.error);
        pe.push_back(q.p_exponent); te.push_back(q.T_exponent);
      }
      if (a->json) {
        print_json({{"C", C}, {"p_star", P}, {"T_star", T}, {"error", E}, {"p_exponent", pe}, {"T_exponent", te},
                    {"stationarity", res.stationarity}, {"bound", a->o.bound}, {"d", a->o.d}});
      } else {
        std::cout << "stationarity: " << res.stationarity << " = 0\nC,p_star,T_star,error,p_exponent,T_exponent\n";
        for (const auto& q : res.points)
          std::cout << q.C << ',' << q.p_star << ',' << q.T_star << ',' << q.error << ',' << fmt::format("{:.15g}", q.p_exponent)
                    << ',' << fmt::format("{:.15g}", q.T_exponent) << '\n';
      }
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
