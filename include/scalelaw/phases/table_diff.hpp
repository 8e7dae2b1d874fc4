// A derivation's regression diff (issue 36 item 2): a table as it was (the phases of `table --format json`) against one
// derived now, phase by phase, compared as exact expressions: formulas by normal(old - new) = 0, regions as sets (the
// membership of every open cell of the arrangement of both regions' polynomials), never as text.
#pragma once
#include <string>
#include <vector>

#include "scalelaw/phases/derive.hpp"

namespace scalelaw::phases {

/// One phase of a stored table, as its JSON holds it (formulas and region in the catalogue's parameter names).
struct phase_text {
  std::string label, xi, eta, region;  ///< region: conjunctions joined by " and ", several in parentheses joined by " or "
  std::vector<std::string> dominant;
};

struct phase_change {
  std::string phase;
  std::string change;  ///< "added", "removed", "renamed", "xi", "eta", "region", "dominant"
  std::string before, after;
};

/// The changes from `old` to `now`; `parameters` are the names the texts use (bound to parameter_symbols() in order).
/// A text that does not parse throws invalid_input naming the phase and the key.
std::vector<phase_change> compare_tables(const std::vector<phase_text>& old, const std::vector<phase>& now,
                                         const std::vector<std::string>& parameters);

}  // namespace scalelaw::phases
