#include "program.hpp"

#include <iostream>

#include "common.hpp"
#include "scalelaw/model/interrupt.hpp"
#include "scalelaw/model/resources.hpp"
#include "scalelaw/spectral/power_sum.hpp"
#include "scalelaw/version.hpp"

namespace scalelaw::cli {

namespace {

// "jvr allocate": the path of the subcommand that was chosen
std::string chosen_command(const CLI::App& app) {
  std::string path;
  for (const CLI::App* a = &app;;) {
    const auto subs = a->get_subcommands();
    if (subs.empty()) return path;
    a = subs.front();
    path += (path.empty() ? "" : " ") + a->get_name();
  }
}

}  // namespace

int run_program(int argc, const char* const* argv, const run_filter& may_run) {
  return run_program(argc, argv, may_run, std::cout, std::cerr);
}

int run_program(int argc, const char* const* argv, const run_filter& may_run, std::ostream& out_to, std::ostream& err_to) {
  const stream_scope streams(out_to, err_to);
  std::ostream& msg = err();
  CLI::App app{"scalelaw: compute-optimal neural scaling laws, verified numerically (PPXP 4+3 phases, "
               "Jeon-Van Roy). See README.md."};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "help for every command");
  app.set_version_flag("--version", version_text(), "the version (and the git commit it was built from)");
  app.fallthrough();  // --max-memory may follow the command's own flags
  std::string max_memory;
  app.add_option("--max-memory", max_memory,
                 "refuse (exit 2, with the estimate) work whose memory estimate exceeds this: bytes, or a number with K, M, G, T "
                 "(default: the memory available, /proc/meminfo MemAvailable)");
  runner run;
  register_eval(app, run);
  register_curve(app, run);
  register_sgd(app, run);
  register_phase(app, run);
  register_report(app, run);
  register_check(app, run);
  register_frontier(app, run);
  register_jvr(app, run);
  register_sweep(app, run);
  register_catalogue(app, run);
  register_verify(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out(), err());
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out(), err());
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out(), err());
  } catch (const CLI::ParseError& e) {
    if (argc > 1 && argv[1][0] != '-') {
      bool known = false;
      for (const auto* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
      if (!known) {
        msg << "error: unknown command '" << argv[1] << "' (see scalelaw --help)" << std::endl;
        return 2;
      }
    }
    msg << "error: " << e.what() << " (see --help)" << std::endl;
    return 2;
  }
  if (!run) return 2;
  try {
    set_memory_limit(max_memory.empty() ? available_memory() : parse_bytes(max_memory));
    if (may_run && !may_run(chosen_command(app))) return 0;
    return run();
  } catch (const invalid_input& e) {
    msg << "error: " << e.what() << std::endl;
    return 2;
  } catch (const no_interior_optimum& e) {
    msg << "error: " << e.what() << std::endl;
    return 1;
  } catch (const divergent_sum& e) {
    msg << "error: " << e.what() << std::endl;
    return 2;
  } catch (const interrupted&) {
    msg << "error: interrupted" << std::endl;
    return 130;
  } catch (const std::exception& e) {
    msg << "error: internal: " << e.what() << std::endl;
    return 3;
  }
}

}  // namespace scalelaw::cli
