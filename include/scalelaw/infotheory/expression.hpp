// Error bounds E(p, T, d) as GiNaC expressions (MODEL §5): one parser shared by the allocation engine,
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

/// `e` as text that depends on the expression only: the terms of a sum and the factors of a product sorted by their text.
/// GiNaC prints them in the order of its internal hashes, which depend on the symbols' serial numbers, i.e. on what else
/// the process created before: the same bound printed `-(100.0)*p^(-1)+(100.0)*C^(-1)*p` in one process and
/// `(100.0)*p*C^(-1)-(100.0)*p^(-1)` in another (the Python module after a `phase` call).
std::string canonical_text(const GiNaC::ex& e);

/// E(p, T, d) in double precision (through CLN at 30 digits); invalid_input if it is not a real number.
double evaluate_bound(const std::string& text, double p, double T, double d);

}  // namespace scalelaw
