// scalelaw report: the main job (run by scripts/run.sh).
#include <iostream>

#include "common.hpp"
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
        std::cerr << fmt::format("report [{:6.1f} s] {}\n", clock.seconds(), s);
      };
      write_report(*o);
      std::cerr << "report: wrote " << o->dir << "/report.md and " << o->dir << "/report.html\n";
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
