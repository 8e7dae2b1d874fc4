// libFuzzer target: the catalogue and claims readers (lib/phases/catalogue_file.hpp, lib/verify/claims.hpp; toml++ and
// GiNaC's parser, issues 35 and 36), each fed the same text. Any text may be refused with invalid_input, whose message
// names the source and a line ("f.toml:LINE: ..."); what is accepted has the shape the derivation relies on: one to four
// parameters, at least one regime, each with terms; a claims file's claims each of one kind, with a region.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/phases/catalogue_file.hpp"
#include "scalelaw/verify/claims.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scalelaw;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const verify::claims cs = verify::parse_claims(text, "f.toml", [](const std::string&) -> phases::catalogue {
      throw invalid_input("f.toml:1: no catalogue files here");
    });
    if (cs.list.empty()) __builtin_trap();
    for (const auto& c : cs.list)
      if (c.region.empty() || c.is_exponent() == c.term.has_value()) __builtin_trap();
  } catch (const invalid_input& e) {
    if (std::string_view(e.what()).substr(0, 7) != "f.toml:") __builtin_trap();  // a refusal names where
  }
  phases::catalogue c;
  try {
    c = phases::parse_catalogue(text, "f.toml");
  } catch (const invalid_input& e) {
    if (std::string_view(e.what()).substr(0, 7) != "f.toml:") __builtin_trap();  // a refusal names where
    return 0;
  }
  if (c.parameters.empty() || c.parameters.size() > phases::parameter_symbols().size() || c.regimes.empty()) __builtin_trap();
  for (const auto& r : c.regimes)
    if (r.terms.empty()) __builtin_trap();
  return 0;
}
