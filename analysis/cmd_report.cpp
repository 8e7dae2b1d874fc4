// scalelaw report: the main job (run by scripts/run.sh).
#include <iostream>
#include <fmt/format.h>

#include "common.hpp"
#include "checks.hpp"
#include "scalelaw/infotheory/simulate.hpp"
#include "output/files.hpp"
#include "output/jvr_report.hpp"
#include "output/report.hpp"

namespace scalelaw::cli {

void register_report(CLI::App& app, runner& run) {
  auto o = std::make_shared<report_options>();
  auto* sub = app.add_subcommand("report", "the main job: everything into DIR/report.md and DIR/report.html");
  sub->add_option("--out", o->dir, "output directory (default out)");
  sub->add_flag("--quick", o->quick, "smaller sizes, fewer runs (< 5 minutes)");
  sub->callback([o, &run] {
    run = [o] {
      if (o->dir.empty()) throw invalid_input("--out is empty");
      stopwatch clock;
      o->progress = [&clock](const std::string& s) {
        err() << fmt::format("report [{:6.1f} s] {}\n", clock.seconds(), s);
      };
      const bool quick = o->quick;
      const monte_carlo_prefetch prefetch(quick);  // the sections before the Monte Carlo's run beside it
      o->extra_sections.push_back({"Jeon-Van Roy Monte Carlo", [quick, dir = o->dir, &clock] {
        const simulate_options so = default_simulation_options(quick);
        err() << fmt::format("report [{:6.1f} s] Jeon-Van Roy Monte Carlo (d up to {:g}, C up to {:g}, {} teachers)\n",
                                 clock.seconds(), so.dims.back(), so.computes.back(), so.teachers);
        return jvr_section(dir, so);
      }});
      o->extra_sections.push_back({"proofs-check", [quick, dir = o->dir, &clock] {
        const auto out = checks::run_checks(quick, "", [&](const std::string& s) {
          err() << fmt::format("report [{:6.1f} s] {}\n", clock.seconds(), s);
        });
        const std::string md = checks::checks_markdown(out);
        // the same files as `check --out DIR`: the report's check results, machine-readable (a `check --compare` baseline)
        write_file_atomically(dir + "/checks.md", [&](std::ostream& os) { os << md; });
        write_file_atomically(dir + "/checks.json", [&](std::ostream& os) { os << checks::checks_json(out).dump(2) << "\n"; });
        return "## Proofs-check" + std::string(quick ? " (quick set)" : "") + "\n\n" + md + "\n";
      }});
      std::vector<std::pair<std::string, double>> times;
      o->section_seconds = &times;
      write_report(*o);
      std::string table;
      for (const auto& [name, s] : times) table += fmt::format("  {:6.1f} s  {}\n", s, name);
      err() << fmt::format("report: {:.1f} s in all; per section (wall time; the Monte Carlo runs from the start beside "
                           "the others):\n{}", clock.seconds(), table);
      err() << "report: wrote " << o->dir << "/report.md and " << o->dir << "/report.html\n";
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
