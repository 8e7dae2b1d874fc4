#include "scalelaw/phases/catalogue.hpp"
#include "scalelaw/phases/catalogue_file.hpp"

#include <stdexcept>

namespace scalelaw::phases {

const GiNaC::symbol& alpha() { static const GiNaC::symbol a("alpha"); return a; }
const GiNaC::symbol& beta() { static const GiNaC::symbol b("beta"); return b; }
const std::vector<GiNaC::symbol>& parameter_symbols() {
  static const std::vector<GiNaC::symbol> all{alpha(), beta(), GiNaC::symbol("gamma"), GiNaC::symbol("delta")};
  return all;
}
std::vector<GiNaC::symbol> parameter_symbols(std::size_t n) {
  const auto& all = parameter_symbols();
  if (n < 1 || n > all.size()) throw std::logic_error("parameter_symbols: 1 to 4 parameters");
  return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n)};
}

std::vector<regime> regimes() { return ppxp_catalogue().regimes; }  // data/catalogues/ppxp.toml, compiled in

}  // namespace scalelaw::phases
