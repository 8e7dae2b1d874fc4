// scalelaw: the command-line program (program.hpp): parse, call lib, print; errors are `error: ...`, exit 2.
#include <csignal>
#include <cstring>

#include <mpfr.h>
#include <unistd.h>

#include "output/files.hpp"
#include "program.hpp"

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
  return cli::run_program(argc, argv);
}
