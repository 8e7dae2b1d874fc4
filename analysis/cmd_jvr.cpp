// scalelaw jvr: information-theoretic compute-optimal allocation (MODEL §5).
#include <iostream>
#include <mutex>

#include <fmt/ranges.h>

#include "common.hpp"
#include "scalelaw/infotheory/allocate.hpp"
#include "scalelaw/infotheory/bounds.hpp"
#include "scalelaw/infotheory/simulate.hpp"
#include "output/csv.hpp"
#include "output/files.hpp"
#include "output/jvr_report.hpp"

namespace scalelaw::cli {

void register_jvr(CLI::App& app, runner& run) {
  auto* jvr = app.add_subcommand("jvr", "Jeon-Van Roy: compute-optimal model/data split for an error bound E(p, T, d)");
  jvr->require_subcommand(1);
  struct args { allocation_options o; teacher_setting teacher; double points = 9, digits = 30; bool json = false; };
  auto a = std::make_shared<args>();
  auto* sub = jvr->add_subcommand("allocate", "p*(C), T*(C), E*(C) and local exponents for C = p T");
  sub->add_option("--bound", a->o.bound, "E(p, T, d): an expression in p, T, d with Pi, log, exp, ^, sqrt, or a derived preset: "
                  "barron-params | teacher-information (docs/DERIVATIONS.md §5)")->required();
  sub->add_option("--s", a->teacher.s, "presets: teacher scale s, an expression in d (default 2*sqrt(d))");
  sub->add_option("--K", a->teacher.K, "presets: teacher width K (default 8)");
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
      const std::string given = a->o.bound;
      a->o.bound = resolve_bound(given, a->teacher);
      if (a->o.bound != given) teacher_scale(a->teacher, a->o.d);  // validates s at this d
      const auto res = allocate(a->o);
      std::vector<std::string> C, P, T, E;
      std::vector<double> pe, te;
      for (const auto& q : res.points) {
        C.push_back(q.C); P.push_back(q.p_star); T.push_back(q.T_star); E.push_back(q.error);
        pe.push_back(q.p_exponent); te.push_back(q.T_exponent);
      }
      if (a->json) {
        print_json({{"C", C}, {"p_star", P}, {"T_star", T}, {"error", E}, {"p_exponent", pe}, {"T_exponent", te},
                    {"stationarity", res.stationarity}, {"bound", a->o.bound}, {"preset", a->o.bound != given ? given : ""}, {"d", a->o.d}});
      } else {
        out() << "stationarity: " << res.stationarity << " = 0\nC,p_star,T_star,error,p_exponent,T_exponent\n";
        for (const auto& q : res.points)
          out() << q.C << ',' << q.p_star << ',' << q.T_star << ',' << q.error << ',' << fmt::format("{:.15g}", q.p_exponent)
                    << ',' << fmt::format("{:.15g}", q.T_exponent) << '\n';
      }
      return 0;
    };
  });

  // --- simulate and report share their grid flags
  struct sim_args { simulate_options o; std::string dims, computes, out; double teachers = 0,
                    test_points = 4000, epochs = 300, seed = 1, threads = 0, bootstrap = 200, search_window = 3;
                    bool quick = false, json = false; };
  auto add_grid_flags = [](CLI::App* c, sim_args& g) {
    c->add_option("--dims", g.dims, "comma-separated input dimensions d (default 4,8,16,32; --quick 4,8,16)");
    c->add_option("--computes", g.computes, "comma-separated compute values C = n (d+1) T (default 3e4..3e6 in steps of ~3; --quick 1e4..1e6)");
    c->add_option("--teachers", g.teachers, "independent teachers per d (default 12 with --quick, 24 without)");
    c->add_option("--test-points", g.test_points, "fresh inputs for the KL average (default 4000)");
    c->add_option("--epochs", g.epochs, "full-batch Adam epochs of the recipe (default 300)");
    c->add_option("--learning-rate", g.o.recipe.learning_rate, "Adam step size (default 0.01)");
    c->add_option("--s", g.o.teacher.s, "teacher scale s, an expression in d (default 2*sqrt(d): logit variance 2 at every d)");
    c->add_option("--K", g.o.teacher.K, "teacher width K (default 8)");
    c->add_option("--bootstrap", g.bootstrap, "bootstrap resamples of the teachers (default 200)");
    c->add_option("--search-window", g.search_window,
                  "measure each IsoFLOP line within this many sizes (steps of sqrt 2 in n) of its optimum, found by bracketing "
                  "in log n (default 3); 0: every size of the line (the full grid)");
    c->add_option("--seed", g.seed, "seed of teachers, data and initialisations (default 1)");
    c->add_option("--threads", g.threads, "worker threads (default: all cores); output does not depend on it");
    c->add_flag("--quick", g.quick, "the CI grid: d in 4,8,16, C up to 1e6, 12 teachers (< 3 minutes on 2 cores)");
  };
  auto resolve_grid = [](sim_args& g) {
    const simulate_options defaults = default_simulation_options(g.quick);
    if (g.dims.empty()) g.dims = fmt::format("{}", fmt::join(defaults.dims, ","));
    if (g.computes.empty()) g.computes = fmt::format("{}", fmt::join(defaults.computes, ","));
    auto parse_list = [](const char* name, const std::string& text) {
      std::vector<double> v;
      std::size_t pos = 0;
      while (pos <= text.size()) {
        const std::size_t c = text.find(',', pos);
        const std::string item = text.substr(pos, c == std::string::npos ? std::string::npos : c - pos);
        try {
          std::size_t used = 0;
          v.push_back(std::stod(item, &used));
          if (used != item.size()) throw std::invalid_argument(item);
        } catch (const std::exception&) {
          throw invalid_input(fmt::format("--{}: '{}' is not a number", name, item));
        }
        if (c == std::string::npos) break;
        pos = c + 1;
      }
      return v;
    };
    g.o.dims = parse_list("dims", g.dims);
    g.o.computes = parse_list("computes", g.computes);
    if (g.teachers == 0) g.teachers = defaults.teachers;
    require_count("teachers", g.teachers, 2, 100000);
    require_count("test-points", g.test_points, 10, 1e8);
    require_count("epochs", g.epochs, 1, 1e7);
    require_count("bootstrap", g.bootstrap, 0, 1e6);
    require_count("seed", g.seed, 0, 1.8e19);
    require_count("threads", g.threads, 0, 1024);
    require_count("search-window", g.search_window, 0, 64);
    g.o.teachers = static_cast<unsigned>(g.teachers);
    g.o.test_points = static_cast<unsigned>(g.test_points);
    g.o.recipe.epochs = static_cast<unsigned>(g.epochs);
    g.o.bootstrap = static_cast<unsigned>(g.bootstrap);
    g.o.seed = static_cast<std::uint64_t>(g.seed);
    g.o.threads = static_cast<unsigned>(g.threads);
    g.o.search_window = static_cast<unsigned>(g.search_window);
  };
  auto progress = [](const char* who) {
    return [who, clock = std::make_shared<stopwatch>(), mu = std::make_shared<std::mutex>(),
            last = std::make_shared<double>(0)](unsigned done, unsigned total) {
      std::lock_guard<std::mutex> lock(*mu);
      const double t = clock->seconds();
      if (t > 2 && (t - *last > 2 || done == total)) {
        err() << who << ": " << done << "/" << total << " learners trained, " << static_cast<int>(t) << " s\n";
        *last = t;
      }
    };
  };

  auto s = std::make_shared<sim_args>();
  auto* simc = jvr->add_subcommand("simulate", "Monte Carlo: teachers, n-unit learners on IsoFLOP lines n (d+1) T = C, "
                                                 "empirical p*(C) and its trend with d (MODEL §5)");
  add_grid_flags(simc, *s);
  simc->add_option("--out", s->out, "write the grid as CSV (d,C,n,T,p,kl_mean,kl_se,bound_<preset>...)");
  simc->add_flag("--json", s->json, "one JSON object on stdout");
  simc->callback([s, &run, resolve_grid, progress] {
    run = [s, resolve_grid, progress] {
      resolve_grid(*s);
      if (!s->out.empty()) require_writable_path(s->out);
      s->o.progress = progress("jvr simulate");
      const auto r = simulate(s->o);
      if (!s->out.empty()) write_file_atomically(s->out, [&](std::ostream& os) { write_simulation_csv(os, r); });
      if (s->json) print_json(simulation_json(r, s->o));
      else if (s->out.empty()) write_simulation_csv(out(), r);
      if (!s->json) err() << simulation_summary(r);
      return 0;
    };
  });

  auto rep = std::make_shared<sim_args>();
  auto* repc = jvr->add_subcommand("report", "the Jeon-Van Roy section: IsoFLOP figure and allocation exponents, bounds vs Monte Carlo");
  add_grid_flags(repc, *rep);
  rep->out = "out";
  repc->add_option("--out", rep->out, "output directory (default out): jvr.md, jvr.html, figures/");
  repc->callback([rep, &run, resolve_grid, progress] {
    run = [rep, resolve_grid, progress] {
      resolve_grid(*rep);
      rep->o.progress = progress("jvr report");
      write_jvr_report(rep->out, rep->o);
      err() << "jvr report: wrote " << rep->out << "/jvr.md and " << rep->out << "/jvr.html\n";
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
