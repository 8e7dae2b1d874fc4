// The project's version (CMake's project(VERSION)) and, when built from a git checkout, the commit it was configured at.
#pragma once
#include <string>

namespace scalelaw {

std::string version();       ///< "0.1.0"
std::string git_commit();    ///< "2a6cab2" (with "-dirty" when the tree had changes), or "" outside a checkout
std::string version_text();  ///< "scalelaw 0.1.0 (git 2a6cab2)"

}  // namespace scalelaw
