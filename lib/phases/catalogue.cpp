#include "scalelaw/phases/catalogue.hpp"
#include "scalelaw/phases/catalogue_file.hpp"

namespace scalelaw::phases {

const GiNaC::symbol& alpha() { static const GiNaC::symbol a("alpha"); return a; }
const GiNaC::symbol& beta() { static const GiNaC::symbol b("beta"); return b; }

std::vector<regime> regimes() { return ppxp_catalogue().regimes; }  // data/catalogues/ppxp.toml, compiled in

}  // namespace scalelaw::phases
