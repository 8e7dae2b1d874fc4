// libFuzzer target: the catalogue reader (lib/phases/catalogue_file.hpp; toml++ and GiNaC's parser, issue 35). Any text
// may be refused with invalid_input, whose message names the source and a line ("f.toml:LINE: ..."); what is accepted
// has the shape the derivation relies on: parameters alpha, beta, at least one regime, each with conditions and terms.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/phases/catalogue_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scalelaw;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  phases::catalogue c;
  try {
    c = phases::parse_catalogue(text, "f.toml");
  } catch (const invalid_input& e) {
    if (std::string_view(e.what()).substr(0, 7) != "f.toml:") __builtin_trap();  // a refusal names where
    return 0;
  }
  if (c.parameters.size() != 2 || c.regimes.empty()) __builtin_trap();
  for (const auto& r : c.regimes)
    if (r.terms.empty()) __builtin_trap();
  return 0;
}
