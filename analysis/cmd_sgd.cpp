// scalelaw sgd: SGD reference runs on the PLRF model (naive, or exact-in-law in the eigenbasis).
#include <iostream>
#include <mutex>

#include "common.hpp"
#include "scalelaw/exact/instance.hpp"
#include "output/csv.hpp"
#include "output/files.hpp"
#include "scalelaw/sgd/sgd.hpp"
#include "scalelaw/volterra/grid.hpp"

namespace scalelaw::cli {

namespace {
struct sgd_args {
  model_flags model;
  double steps = -1, runs = -1, seed = 0, threads = 0, points = 30;
  bool naive = false, json = false;
  std::string out;
};
}  // namespace

void register_sgd(CLI::App& app, runner& run) {
  auto a = std::make_shared<sgd_args>();
  auto* sub = app.add_subcommand("sgd", "SGD reference runs: mean and 10%/90% quantiles of P(theta_r)");
  add_model_flags(*sub, a->model, true);
  sub->add_option("--steps", a->steps, "SGD steps R >= 1")->required();
  sub->add_option("--runs", a->runs, "independent runs K >= 1")->required();
  sub->add_option("--seed", a->seed, "seed of W and of the runs (default 0)");
  sub->add_option("--threads", a->threads, "worker threads (default: all cores); output does not depend on it");
  sub->add_option("--points", a->points, "log-spaced output points (default 30)");
  sub->add_flag("--naive", a->naive, "sample x in R^v and form W^T x (O(v d) per sample) instead of the eigenbasis law");
  sub->add_option("--out", a->out, "write r,mean,std_error,q10,q90 CSV here");
  sub->add_flag("--json", a->json, "one JSON object on stdout");
  sub->callback([a, &run] {
    run = [a] {
      require_count("steps", a->steps, 1, 1e12);
      require_count("runs", a->runs, 1, 1e7);
      require_count("seed", a->seed, 0, 1.8e19);
      require_count("threads", a->threads, 0, 1024);
      require_count("points", a->points, 0, 100000);
      if (!a->out.empty()) require_writable_path(a->out);
      plrf m = a->model.resolve(true);
      const auto seed = static_cast<std::uint64_t>(a->seed);
      auto inst = instantiate<double>(m, seed, a->naive);
      require_stable(inst.spectrum(m.gamma, m.batch));
      sgd_options o;
      o.grid = log_grid(static_cast<std::uint64_t>(a->steps), static_cast<unsigned>(a->points));
      o.runs = static_cast<unsigned>(a->runs);
      o.seed = seed;
      o.threads = static_cast<unsigned>(a->threads);
      o.naive = a->naive;
      stopwatch clock;
      std::mutex mu;
      double last_print = 0;
      o.progress = [&](unsigned done, unsigned total) {
        std::lock_guard<std::mutex> lock(mu);
        const double t = clock.seconds();
        if (t > 2 && (t - last_print > 2 || done == total)) {
          err() << "sgd: " << done << "/" << total << " runs, " << static_cast<int>(t) << " s\n";
          last_print = t;
        }
      };
      const auto res = run_sgd(m, inst, o);
      if (!a->out.empty()) {
        write_file_atomically(a->out, [&](std::ostream& os) {
          os << "r,mean,std_error,q10,q90\n";
          for (std::size_t k = 0; k < res.r.size(); ++k)
            os << res.r[k] << ',' << format_double(res.mean[k]) << ',' << format_double(res.std_error[k]) << ','
               << format_double(res.q10[k]) << ',' << format_double(res.q90[k]) << '\n';
        });
      }
      if (a->json) {
        print_json({{"r", res.r}, {"mean", res.mean}, {"q10", res.q10}, {"q90", res.q90}, {"std_error", res.std_error},
                    {"runs", o.runs}, {"naive", o.naive}, {"F0", inst.F0}, {"gamma", m.gamma},
                    {"samples_per_second", res.samples_per_second}, {"seconds", res.seconds},
                    {"parameters", a->model.echo()}});
      } else if (a->out.empty()) {
        out() << "r,mean,std_error,q10,q90\n";
        for (std::size_t k = 0; k < res.r.size(); ++k)
          out() << res.r[k] << ',' << format_double(res.mean[k]) << ',' << format_double(res.std_error[k]) << ','
                    << format_double(res.q10[k]) << ',' << format_double(res.q90[k]) << '\n';
      }
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
