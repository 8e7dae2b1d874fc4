// libFuzzer target: the JVR bound-expression parser and evaluator (`jvr allocate --bound`, lib/infotheory/expression.hpp).
// Any text may be refused with invalid_input; nothing may crash, overflow the stack, or escape as another exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scalelaw/infotheory/expression.hpp"
#include "scalelaw/model/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)scalelaw::evaluate_bound(text, 10.0, 1000.0, 4.0);
  } catch (const scalelaw::invalid_input&) {
  }
  return 0;
}
