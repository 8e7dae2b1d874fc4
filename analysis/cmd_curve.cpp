// scalelaw curve: the exact expected loss curve P_r of one-pass SGD (MODEL §2).
#include <iostream>

#include "common.hpp"
#include <optional>
#include <fmt/format.h>

#include "scalelaw/deq/contour.hpp"
#include "scalelaw/exact/instance.hpp"
#include "output/csv.hpp"
#include "output/files.hpp"
#include "scalelaw/volterra/block_leap.hpp"
#include "scalelaw/volterra/direct.hpp"

namespace scalelaw::cli {

namespace {
struct curve_args {
  model_flags model;
  std::string spectrum_file;
  std::optional<double> f0;
  double steps = -1;
  std::string method = "exact";
  double seed = 0;
  double points = 40;
  double tol = 1e-10;
  std::string out;
  bool json = false;
};
}  // namespace

void register_curve(CLI::App& app, runner& run) {
  auto a = std::make_shared<curve_args>();
  auto* sub = app.add_subcommand("curve", "exact expected loss curve P_r of one-pass SGD (MODEL §2)");
  add_model_flags(*sub, a->model, false, false);
  sub->add_option("--d", a->model.d, "model parameters d >= 1 (model form)");
  sub->add_option("--spectrum", a->spectrum_file, "CSV with header lambda,weight (any PSD spectrum)");
  sub->add_option("--f0", a->f0, "F_0 for --spectrum");
  sub->add_option("--steps", a->steps, "SGD steps R >= 1")->required();
  sub->add_option("--method", a->method, "exact (block-leaping, default) | direct (O(d R) recursion) | deq (deterministic equivalent, no W)");
  sub->add_option("--seed", a->seed, "seed of the features W (default 0)");
  sub->add_option("--points", a->points, "log-spaced output points besides 0 and powers of ten (default 40)");
  sub->add_option("--tol", a->tol, "relative local error per block of the exact method (default 1e-10)");
  sub->add_option("--out", a->out, "write r,loss,forcing CSV here");
  sub->add_flag("--json", a->json, "one JSON object on stdout");
  sub->callback([a, &run] {
    run = [a] {
      stopwatch clock;
      require_count("steps", a->steps, 1, 1e15);
      require_count("points", a->points, 0, 100000);
      require_count("seed", a->seed, 0, 1.8e19);
      if (a->method != "exact" && a->method != "direct" && a->method != "deq") {
        if (a->method == "asymptotic")
          throw invalid_input("method 'asymptotic' is not available in this build yet; use exact, direct or deq");
        throw invalid_input(fmt::format("method '{}' is unknown: use exact, direct or deq", a->method));
      }
      if (!a->out.empty()) require_writable_path(a->out);
      const auto steps = static_cast<std::uint64_t>(a->steps);
      if (a->method == "direct" && a->steps > 1e8)
        throw invalid_input(fmt::format("steps = {} is out of range for --method direct (O(d R)): at most 1e8", a->steps));
      loss_spectrum s;
      std::optional<contour_spectrum> cs;  // --method deq: the DE on a contour (lib/deq/contour.hpp)
      deq_contour_checks ident{};
      if (!a->spectrum_file.empty()) {
        if (a->method == "deq") throw invalid_input("--method deq needs the model (--alpha --beta --d), not --spectrum");
        a->model.parse();
        if (!a->model.alpha.empty() || !a->model.d.empty())
          throw invalid_input("give either --spectrum FILE or the model (--alpha --beta --d), not both");
        if (!a->f0) throw invalid_input("--spectrum needs --f0");
        if (!a->model.opt.gamma) throw invalid_input("--spectrum needs --gamma");
        require_positive("gamma", *a->model.opt.gamma);
        require_count("batch", a->model.opt.batch, 1, 1e9);
        auto rows = read_numeric_csv(a->spectrum_file, {"lambda", "weight"});
        for (auto& r : rows) { s.lambda.push_back(r[0]); s.weight.push_back(r[1]); }
        s.F0 = *a->f0;
        s.gamma = *a->model.opt.gamma;
        s.batch = static_cast<unsigned>(a->model.opt.batch);
        s = sanitized(s);
      } else {
        if (a->model.alpha.empty() || a->model.beta.empty())
          throw invalid_input("give the model (--alpha A --beta B --d N) or --spectrum FILE --f0 X --gamma G");
        plrf m = a->model.resolve(true);
        if (a->method == "deq") {
          // deterministic equivalent: no W, no eigen-decomposition
          cs = deq_contour_spectrum(m, {}, &ident);
        } else {
          if (m.d >= 2000) err() << "curve: instantiating W (" << m.v << " x " << m.d << ") and its spectrum...\n";
          auto inst = instantiate<double>(m, static_cast<std::uint64_t>(a->seed));
          s = inst.spectrum(m.gamma, m.batch);
        }
      }
      if (cs) require_stable(*cs); else require_stable(s);
      const auto grid = log_grid(steps, static_cast<unsigned>(a->points));
      block_leap_stats st;
      const block_leap_options bo{a->tol, block_leap_options{}.degree, 64};
      loss_curve c = cs                     ? volterra_block_leap(*cs, grid, bo, &st)
                     : a->method == "direct" ? volterra_direct<double>(s, grid)
                                             : volterra_block_leap(s, grid, bo, &st);
      const double kn = cs ? kernel_norm(*cs) : kernel_norm(s);
      const double F0 = cs ? cs->F0 : s.F0, gamma = cs ? cs->gamma : s.gamma;
      const unsigned batch = cs ? cs->batch : s.batch;
      const std::size_t modes = cs ? cs->size() : s.size();
      if (!a->out.empty()) {
        write_file_atomically(a->out, [&](std::ostream& os) {
          os << "r,loss,forcing\n";
          for (std::size_t i = 0; i < c.r.size(); ++i)
            os << c.r[i] << ',' << format_double(c.loss[i]) << ',' << format_double(c.forcing[i]) << '\n';
        });
      }
      if (a->json) {
        nlohmann::json j{{"r", c.r}, {"loss", c.loss}, {"forcing", c.forcing}, {"F0", F0}, {"kernel_norm", kn},
                         {"limit_loss", F0 / (1 - kn)}, {"gamma", gamma}, {"batch", batch}, {"modes", modes},
                         {"method", a->method}, {"blocks", st.blocks}, {"seconds", clock.seconds()},
                         {"parameters", a->model.echo()}};
        if (cs) {
          // the contour quadrature against exact identities of the DE (relative errors; lib/deq/contour.hpp)
          j["deq_identity_errors"] = {{"mass", ident.mass - 1},
                                      {"moment1", ident.moment1 / ident.moment1_exact - 1},
                                      {"moment2", ident.moment2 / ident.moment2_exact - 1},
                                      {"initial_loss", ident.forcing0 / ident.initial - 1},
                                      {"target_mass", ident.target_mass / ident.target_mass_exact - 1}};
          j["lambda_min"] = ident.lambda_min;
          j["lambda_max"] = ident.lambda_max;
        }
        print_json(j);
      } else if (a->out.empty()) {
        out() << "# F0 = " << F0 << ", kernel_norm = " << kn << ", P_inf = " << F0 / (1 - kn) << "\n";
        if (cs)
          out() << fmt::format("# deterministic equivalent on a contour, {} nodes; support [{:.6g}, {:.6g}]; quadrature vs exact "
                                   "identities: mass {:.1e}, initial loss {:.1e} (relative)\n",
                                   modes, ident.lambda_min, ident.lambda_max, ident.mass - 1, ident.forcing0 / ident.initial - 1);
        out() << "r,loss\n";
        for (std::size_t i = 0; i < c.r.size(); ++i) out() << c.r[i] << ',' << format_double(c.loss[i]) << '\n';
      }
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
