// The loss terms as monomials d^p r^q in each regime (MODEL §4; derivations in docs/DERIVATIONS.md
// §1-§4). Exponents are rational functions of (alpha, beta) held as GiNaC expressions with exact
// rational coefficients. Conventions: f = d r; for 2a > 1, v -> inf (or v = rho d) and gamma ~ 1;
// for 2a < 1, v = rho d and gamma = M / sum_{j<=v} j^{-2a} ~ d^{2a-1}.
#pragma once
#include <string>
#include <vector>

#include <ginac/ginac.h>

namespace scalelaw::phases {

/// A loss term, by its name in the catalogue (any name; the PPXP names Fpp, Fac, F0, Kpp tie a term to the toolkit's
/// sums: term_measure.hpp).
class term {
 public:
  term() = default;
  explicit term(std::string name) : name_(std::move(name)) {}
  const std::string& label() const { return name_; }
  bool operator==(const term&) const = default;
  static const term Fpp, Fac, F0, Kpp;

 private:
  std::string name_;
};
inline const term term::Fpp{"Fpp"};
inline const term term::Fac{"Fac"};
inline const term term::F0{"F0"};
inline const term term::Kpp{"Kpp"};
inline const std::string& name(const term& t) { return t.label(); }

/// alpha, beta as GiNaC symbols (one pair for the whole program).
const GiNaC::symbol& alpha();
const GiNaC::symbol& beta();
/// The derivation's parameters in order, at most 4: alpha(), beta(), then gamma and delta. A catalogue's own names are
/// bound to them in the order it lists them (catalogue_file.hpp); printing renames them back (with_parameter_names).
const std::vector<GiNaC::symbol>& parameter_symbols();
/// The first n of them (1 <= n <= 4).
std::vector<GiNaC::symbol> parameter_symbols(std::size_t n);

struct monomial {
  term t;
  GiNaC::ex d_exp, r_exp;  ///< term ~ d^{d_exp} r^{r_exp}
  std::string why;         ///< where the form comes from
};

/// A regime: where one set of leading forms holds. `conditions` are expressions that are > 0 in it.
struct regime {
  std::string name;
  std::vector<GiNaC::ex> conditions;
  std::vector<monomial> terms;
};

/// The regimes of the (alpha, beta) plane above the no-learning line 2a + 2b = 1: those of the shipped catalogue
/// data/catalogues/ppxp.toml (compiled in; catalogue_file.hpp).
std::vector<regime> regimes();

}  // namespace scalelaw::phases
