// libFuzzer target: the strict decimal / p/q parser (lib/numeric/exact.hpp). Anything may be refused with invalid_input;
// what is accepted must be a rational whose canonical text reads back to itself, whose nearest double is really the nearest
// (no double between it and q), and whose shortest decimal reads back to that double.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scalelaw;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rational q;
  try {
    q = parse_exact("x", text);
  } catch (const invalid_input&) {
    return 0;
  }
  if (rational(q.get_str()) != q) __builtin_trap();
  const double d = nearest_double(q);
  if (std::isnan(d)) __builtin_trap();
  if (std::isfinite(d)) {
    const rational e = abs(exact_of(d) - q);
    for (const double n : {std::nextafter(d, INFINITY), std::nextafter(d, -INFINITY)})
      if (std::isfinite(n) && abs(exact_of(n) - q) < e) __builtin_trap();  // a nearer double exists
    if (nearest_double(parse_exact("x", shortest(d))) != d) __builtin_trap();
  }
  return 0;
}
