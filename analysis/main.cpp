// scalelaw: the command-line program. Parse, call lib, print; errors are `error: ...`, exit 2.
#include <csignal>
#include <cstring>
#include <iostream>

#include <mpfr.h>
#include <unistd.h>

#include "common.hpp"
#include "output/files.hpp"
#include "spectral/power_sum.hpp"

namespace {

// SIGINT/SIGTERM (issue 23): remove the output temporaries in flight, say so, exit 128 + signal. Every output file is
// written through write_file_atomically (temporary + rename), so what is left is each file as it was, or absent.
extern "C" void on_interrupt(int sig) {
  const int removed = scalelaw::remove_pending_temporaries();
  const char* msg = removed > 0 ? "\ninterrupted: removed the output being written; files completed before are kept\n"
                                : "\ninterrupted: no output file was being written; files completed before are kept\n";
  [[maybe_unused]] const auto w = ::write(2, msg, std::strlen(msg));
  ::_exit(128 + sig);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace scalelaw;
  // the widest exponent range: q^r at r ~ 1e12 reaches 10^(-6e9), below mpfr's default range (2^-2^30)
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  CLI::App app{"scalelaw: compute-optimal neural scaling laws, verified numerically (PPXP 4+3 phases, "
               "Jeon-Van Roy). See README.md."};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "help for every command");
  cli::runner run;
  cli::register_eval(app, run);
  cli::register_curve(app, run);
  cli::register_sgd(app, run);
  cli::register_phase(app, run);
  cli::register_report(app, run);
  cli::register_check(app, run);
  cli::register_frontier(app, run);
  cli::register_jvr(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands({}).size() > 0) {
      bool known = false;
      for (const auto* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
      if (!known) {
        std::cerr << "error: unknown command '" << argv[1] << "' (see scalelaw --help)" << std::endl;
        return 2;
      }
    }
    std::cerr << "error: " << e.what() << " (see --help)" << std::endl;
    return 2;
  }
  try {
    return run ? run() : 2;
  } catch (const invalid_input& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return 2;
  } catch (const cli::no_interior_optimum& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return 1;
  } catch (const divergent_sum& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: internal: " << e.what() << std::endl;
    return 3;
  }
}
