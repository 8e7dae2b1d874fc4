// scalelaw._core: the program's commands in-process (analysis/program.hpp), for the Python front in
// python/scalelaw/__init__.py. One call = one command line: the same parser, the same validation and messages, the
// same computation and JSON as the `scalelaw` binary, so a Python result is the CLI's to the last digit.
//
// The command runs on a thread of its own with the GIL released (other Python threads run meanwhile); the calling
// thread waits, taking the GIL every 50 ms to let Python see signals. Ctrl-C (KeyboardInterrupt) requests an interrupt
// (lib/model/interrupt.hpp), waits for the command to unwind, and re-raises.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <future>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <mpfr.h>

#include "scalelaw/version.hpp"

#include "scalelaw/model/interrupt.hpp"
#include "program.hpp"

namespace py = pybind11;

namespace {

// Keeps what is written (the messages of a call, for the exception) and passes it on to std::cerr as it comes
// (progress stays visible during a long call).
class tee_buffer : public std::streambuf {
 public:
  std::string text;

 protected:
  int overflow(int c) override {
    if (c == EOF) return 0;
    const char ch = static_cast<char>(c);
    text.push_back(ch);
    std::cerr.put(ch);
    if (ch == '\n') std::cerr.flush();
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    text.append(s, static_cast<std::size_t>(n));
    std::cerr.write(s, n);
    return n;
  }
  int sync() override {
    std::cerr.flush();
    return 0;
  }
};

struct outcome {
  int status;
  std::string out, err;
};

outcome run(const std::vector<std::string>& args, bool echo) {
  std::vector<std::string> argv_text{"scalelaw"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& a : argv_text) argv.push_back(a.c_str());

  std::ostringstream out;
  tee_buffer tee;
  std::ostringstream quiet;
  std::ostream err_tee(&tee);
  std::ostream& err = echo ? err_tee : static_cast<std::ostream&>(quiet);
  auto command = [&] {
    // mpfr's exponent range is per thread: the widest, as analysis/main.cpp sets it (q^r at r ~ 1e12)
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    // mpfr's caches (constants, pools) are per thread too: freed when the call's thread ends, or every call leaks them
    struct free_mpfr_caches { ~free_mpfr_caches() { mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); } } on_exit;
    return scalelaw::cli::run_program(static_cast<int>(argv.size()), argv.data(), {}, out, err);
  };

  int status = 0;
  std::optional<py::error_already_set> signal;
  {
    py::gil_scoped_release nogil;
    auto done = std::async(std::launch::async, command);
    while (done.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      if (signal) continue;
      py::gil_scoped_acquire gil;
      if (PyErr_CheckSignals() != 0) {  // a Python signal handler raised (KeyboardInterrupt): stop the command
        signal.emplace();
        scalelaw::request_interrupt();
      }
    }
    status = done.get();
  }
  if (signal) {
    scalelaw::clear_interrupt();
    throw *signal;
  }
  return {status, out.str(), echo ? tee.text : quiet.str()};
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "scalelaw's commands in-process (use the functions of the `scalelaw` package, not this module)";
  py::class_<outcome>(m, "Outcome", "exit status, stdout and stderr of one command")
      .def_readonly("status", &outcome::status)
      .def_readonly("out", &outcome::out)
      .def_readonly("err", &outcome::err);
  m.def("version", [] { return scalelaw::version(); }, "the version, as `scalelaw --version` prints it (0.x.y)");
  m.def("git_commit", [] { return scalelaw::git_commit(); }, "the git commit built from, or empty");
  m.def("option_table", [] { return scalelaw::cli::option_table().dump(); },
        "every command's options as the parser reads them (JSON text): python/gen_api.py writes the package's functions from it");
  m.def("run", &run, py::arg("args"), py::arg("echo") = true,
        "Runs `scalelaw ARGS...` in-process with the GIL released; returns its Outcome. With echo, messages (progress, "
        "errors) also go to the process's stderr as they are written. KeyboardInterrupt stops the command.");
}
