// Error bounds E(p, T, d) as GiNaC expressions (SPEC §5): one parser shared by the allocation engine,
// the presets and the Monte Carlo comparison, so that every number comes from the same formula.
#pragma once
#include <string>

#include <ginac/ginac.h>

namespace scalelaw {

struct bound_symbols {
  GiNaC::symbol p{"p"}, T{"T"}, d{"d"};
};

/// Parses `text` in the symbols p, T, d (plus Pi, log, exp, sqrt, ^); unknown symbols and syntax
/// errors raise invalid_input naming the bound.
GiNaC::ex parse_bound(const std::string& text, const bound_symbols& s);

/// E(p, T, d) in double precision (through CLN at 30 digits); invalid_input if it is not a real number.
double evaluate_bound(const std::string& text, double p, double T, double d);

}  // namespace scalelaw
