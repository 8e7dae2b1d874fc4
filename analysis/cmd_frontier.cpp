// scalelaw frontier: the measured compute-optimal d*(f) and its exponents.
#include <cmath>
#include <iostream>

#include "common.hpp"
#include "frontier/frontier.hpp"
#include "output/csv.hpp"
#include "output/files.hpp"
#include "phases/derive.hpp"

namespace scalelaw::cli {

void register_frontier(CLI::App& app, runner& run) {
  struct args { frontier_options o; std::string alpha, beta, method = "exact", out; double seeds = 4; bool json = false; };
  auto a = std::make_shared<args>();
  auto* sub = app.add_subcommand("frontier", "measured compute-optimal d*(f), P*(f) and their exponents vs the derived table");
  sub->add_option("--alpha", a->alpha, "alpha > 0")->required();
  sub->add_option("--beta", a->beta, "beta > 0")->required();
  sub->add_option("--flops-min", a->o.flops_min, "smallest compute f = d r (default 1e6)");
  sub->add_option("--flops-max", a->o.flops_max, "largest compute (default 1e12)");
  sub->add_option("--d-min", a->o.d_min, "smallest d of the grid (default 8)");
  sub->add_option("--d-max", a->o.d_max, "largest d of the grid (default 1024)");
  sub->add_option("--seeds", a->seeds, "seeds of W, for the bootstrap interval (default 4)");
  sub->add_option("--method", a->method, "exact (finite-d curves, mean over seeds), deq (deterministic equivalent: "
                  "no W, contour quadrature, d up to 1e18 at ~1 s per curve, no bootstrap interval) or model (F0 + Fpp + Kpp with their constants, exact sums: "
                  "how large f must be for the derived exponents; d up to 1e18)");
  sub->add_option("--fit-decades", a->o.fit_decades,
                  "fit xi, eta over the interior optima of the top N decades of flops only (default: all; "
                  "finite-size corrections fade as f grows)");
  sub->add_option("--edge-margin", a->o.edge_margin,
                  "count an optimum as interior only this far (in ln d) inside the d grid (default 0; 1.4 keeps the "
                  "minimiser's whole window on the grid, as the proofs-check frontiers do)");
  sub->add_option("--out", a->out, "write flops,d_star,loss CSV here");
  sub->add_flag("--json", a->json, "one JSON object on stdout");
  sub->callback([a, sub, &run] {
    const bool seeds_given = sub->count("--seeds") > 0;
    run = [a, seeds_given] {
      if (a->method != "exact" && a->method != "deq" && a->method != "model")
        throw invalid_input(fmt::format("method '{}' is unknown: use exact, deq or model", a->method));
      require_count("seeds", a->seeds, 1, 1000);
      require_nonnegative("fit-decades", a->o.fit_decades);
      require_nonnegative("edge-margin", a->o.edge_margin);
      a->o.deq = a->method == "deq";
      a->o.model = a->method == "model";
      if (a->o.deq || a->o.model) {  // deterministic curves: no W to draw (it used to override --seeds silently)
        if (seeds_given && a->seeds != 1)
          throw invalid_input(fmt::format("--seeds {} does not apply to --method {}: its curves have no W (no seeds, no "
                                          "bootstrap interval)", a->seeds, a->method));
        a->seeds = 1;
      }
      if (!a->out.empty()) require_writable_path(a->out);
      const rational al = phases::parse_rational("alpha", a->alpha), be = phases::parse_rational("beta", a->beta);
      const auto cls = phases::classify(al, be);
      a->o.alpha = al.get_d();
      a->o.beta = be.get_d();
      a->o.seeds = static_cast<unsigned>(a->seeds);
      a->o.progress = [](const std::string& s) { std::cerr << s << "\n"; };
      const auto fr = compute_frontier(a->o);
      nlohmann::json pts = nlohmann::json::array();
      for (const auto& p : fr.points)
        pts.push_back({{"flops", p.flops}, {"d_star", p.d_star}, {"loss", p.loss}, {"interior", p.interior}});
      if (!a->out.empty())
        write_file_atomically(a->out, [&](std::ostream& os) {
          os << "flops,d_star,loss,interior\n";
          for (const auto& p : fr.points)
            os << format_double(p.flops) << ',' << format_double(p.d_star) << ',' << format_double(p.loss) << ',' << p.interior << '\n';
        });
      if (a->json) {
        print_json({{"xi", fr.xi}, {"eta", fr.eta}, {"xi_ci", {fr.xi_ci[0], fr.xi_ci[1]}}, {"eta_ci", {fr.eta_ci[0], fr.eta_ci[1]}},
                    {"xi_theory", cls.xi.get_d()}, {"eta_theory", cls.eta.get_d()}, {"phase", cls.ph->label},
                    {"points", pts}, {"seconds", fr.seconds}});
      } else {
        auto ci = [](const double* c) { return std::isnan(c[0]) ? std::string() : fmt::format(" [{:.4f}, {:.4f}]", c[0], c[1]); };
        std::cout << fmt::format("phase {}: xi = {:.4f}{} (derived {:.4f}), eta = {:.4f}{} (derived {:.4f}){}\n", cls.ph->label, fr.xi,
                                 ci(fr.xi_ci), cls.xi.get_d(), fr.eta, ci(fr.eta_ci), cls.eta.get_d(),
                                 a->o.deq ? " — deterministic equivalent, no seed interval" : a->o.model ? " — three-term model with constants" : "");
        std::cout << "flops,d_star,loss,interior\n";
        for (const auto& p : fr.points) std::cout << fmt::format("{:.4g},{:.4g},{:.6g},{}\n", p.flops, p.d_star, p.loss, p.interior);
      }
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
