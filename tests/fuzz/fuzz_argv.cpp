// libFuzzer target: the command line as a whole (issue 23). The bytes are argv after the program name, one argument per
// line. Every command is parsed and validated as `scalelaw` would; the quick ones (eval, phase, jvr allocate) also run,
// unless they would write a file. Bad input must end in exit status 2 (or 1, a result that fails what was asked); an
// internal error (status 3: an exception that is not a refusal), a crash, a sanitizer report or a hang is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <mpfr.h>

#include "program.hpp"

namespace {
struct silence {  // the program's messages are not the finding; keep libFuzzer's output readable
  silence() { std::cout.rdbuf(nullptr); std::cerr.rdbuf(nullptr); }
};
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  mpfr_set_emin(mpfr_get_emin_min());  // as main.cpp
  mpfr_set_emax(mpfr_get_emax_max());
  static silence s;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args{"scalelaw"};
  std::string cur;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == '\n') { args.push_back(cur); cur.clear(); }
    else if (c != '\0') cur += c;
  }
  if (!cur.empty()) args.push_back(cur);
  if (args.size() > 64) return 0;
  bool writes = false;
  for (const auto& a : args) writes = writes || a.rfind("--out", 0) == 0 || a.rfind("--csv", 0) == 0;
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  const int status = scalelaw::cli::run_program(static_cast<int>(argv.size()), argv.data(), [&](const std::string& cmd) {
    return !writes && (cmd == "eval" || cmd == "phase" || cmd == "jvr allocate");
  });
  if (status == 3) std::abort();  // "error: internal: ...": an input the program did not refuse properly
  return 0;
}
