// A catalogue as data (../data/catalogues/*.toml, format in README.md and data/catalogues/ppxp.toml): the loss's terms as monomials
// d^(d) r^(r) per regime, read with toml++ and parsed into GiNaC expressions. The PPXP catalogue ships as
// data/catalogues/ppxp.toml and is compiled into the program: regimes() is that file's regimes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/phases/catalogue.hpp"

namespace scalelaw::phases {

struct catalogue {
  std::string name;
  /// as named in the file, 1 to 4; bound in order to parameter_symbols(): alpha(), beta(), gamma, delta (printing renames
  /// them back: with_parameter_names)
  std::vector<std::string> parameters;
  std::string compute = "d*r";          ///< the compute f as a monomial in d and r (other names: constant factors)
  rational compute_d{1}, compute_r{1};  ///< f ~ d^compute_d r^compute_r
  std::vector<regime> regimes;
  /// `[[phase]]` entries: the phase whose region holds `point` (in the parameters' order) is called `name`
  struct phase_name {
    std::string name;
    std::vector<rational> point;  ///< one coordinate per parameter, in the parameters' order
  };
  std::vector<phase_name> phase_names;
};

/// Parses a catalogue's TOML text. `source` names it in messages. A malformed catalogue throws invalid_input
/// "SOURCE:LINE: KEY: what is wrong" (the TOML syntax, a missing or mistyped key, an expression GiNaC cannot read, an
/// unknown name in it, a condition not of the form `EXPR > 0` / `EXPR < 0`, a term name outside Fpp, Fac, F0, Kpp).
catalogue parse_catalogue(std::string_view text, std::string_view source);

/// The shipped PPXP catalogue (data/catalogues/ppxp.toml, compiled in), parsed once.
const catalogue& ppxp_catalogue();
/// Its text, as compiled in.
std::string_view ppxp_catalogue_text();

}  // namespace scalelaw::phases
