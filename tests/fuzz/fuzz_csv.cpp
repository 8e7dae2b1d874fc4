// libFuzzer target: the strict spectrum CSV reader (`curve --spectrum`, lib/output/csv.hpp). Any bytes may be refused
// with invalid_input; what is accepted has the header's width and only finite numbers.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "scalelaw/model/validate.hpp"
#include "output/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream is(std::string(reinterpret_cast<const char*>(data), size));
  try {
    for (const auto& row : scalelaw::read_numeric_csv(is, "fuzz.csv", {"lambda", "weight"}, 100000)) {
      if (row.size() != 2) __builtin_trap();
      for (double x : row)
        if (!std::isfinite(x)) __builtin_trap();
    }
  } catch (const scalelaw::invalid_input&) {
  }
  return 0;
}
