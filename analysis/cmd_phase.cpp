#include "common.hpp"

namespace scalelaw::cli {
void register_phase(CLI::App&, runner&) {}
}  // namespace scalelaw::cli
