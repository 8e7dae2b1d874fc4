#include "common.hpp"

namespace scalelaw::cli {
void register_sgd(CLI::App&, runner&) {}
}  // namespace scalelaw::cli
