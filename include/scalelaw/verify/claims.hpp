// A researcher's own statements about a catalogue's table (issue 36 item 3; format in README "Checking your own
// statements"): a TOML file of [[claim]]s, each an exponent claim (a region and the xi, eta formulas on it) or an
// asymptotic claim (a PPXP term's sum along r -> inf against a constant times r^exponent on a region).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ginac/ginac.h>

#include "scalelaw/numeric/scalar.hpp"
#include "scalelaw/phases/catalogue_file.hpp"

namespace scalelaw::verify {

struct claim {
  std::string name;
  std::size_t line = 0;                ///< where it starts in its file
  std::string region_text;             ///< as written ("2*alpha-1 > 0 and beta < 1/2")
  std::vector<GiNaC::ex> region;       ///< each > 0 on the region (in the derivation's symbols alpha(), beta())
  // an exponent claim: d* ~ f^xi, P* ~ f^-eta on the region
  std::optional<GiNaC::ex> xi, eta;
  // an asymptotic claim: term(r) / (form r^r_exponent) -> 1 as r -> inf (v = inf, the term's sum of MODEL §4)
  std::optional<phases::term> term;
  GiNaC::ex form, r_exponent;          ///< form may use gamma and B besides the parameters
  rational gamma{1, 10}, batch{1};     ///< the learning rate and batch the sums are taken at
  bool is_exponent() const { return xi.has_value(); }
};

struct claims {
  phases::catalogue cat;  ///< the catalogue the claims are about (the file's `catalogue` key, else the built-in PPXP one)
  std::string catalogue_source;  ///< "built-in" or the path the loader was given
  std::vector<claim> list;
};

/// The symbols gamma and B an asymptotic claim's form may use.
const GiNaC::symbol& gamma_symbol();
const GiNaC::symbol& batch_symbol();

/// Parses a claims file. `load_catalogue(path)` reads the catalogue the file names (its `catalogue` key, a path as
/// written there); without the key the built-in PPXP catalogue is used. A malformed file throws invalid_input
/// "SOURCE:LINE: KEY: what is wrong".
claims parse_claims(std::string_view text, std::string_view source,
                    const std::function<phases::catalogue(const std::string&)>& load_catalogue);

}  // namespace scalelaw::verify
