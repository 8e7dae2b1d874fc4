#include "common.hpp"

namespace scalelaw::cli {
void register_report(CLI::App&, runner&) {}
}  // namespace scalelaw::cli
