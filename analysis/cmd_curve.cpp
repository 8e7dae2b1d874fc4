#include "common.hpp"

namespace scalelaw::cli {
void register_curve(CLI::App&, runner&) {}
}  // namespace scalelaw::cli
