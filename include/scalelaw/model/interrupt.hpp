// Cooperative interruption (issue 21: Python calls can be stopped with Ctrl-C). A host that cannot kill the process
// (the Python module) calls request_interrupt(); the long loops of the library (frontier curves, SGD runs, Monte Carlo
// tasks, density nodes, checks) call throw_if_interrupted() between units of work, so a computation stops within one
// unit and unwinds normally (no output file is committed: lib/output/files.hpp). The request is process-wide: every
// computation in flight stops. The command-line program does not use it (SIGINT ends the process, analysis/main.cpp).
#pragma once
#include <stdexcept>

namespace scalelaw {

struct interrupted : std::runtime_error {
  interrupted() : std::runtime_error("interrupted") {}
};

void request_interrupt();
void clear_interrupt();
bool interrupt_requested();

/// Throws `interrupted` when an interrupt has been requested.
inline void throw_if_interrupted() {
  if (interrupt_requested()) throw interrupted();
}

}  // namespace scalelaw
