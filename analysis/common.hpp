// Shared command-line plumbing: model options, the `--json` switch, timing. Thin by design:
// parse, call lib, print.
#pragma once
#include <chrono>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "scalelaw/model/plrf.hpp"
#include "scalelaw/numeric/exact.hpp"

namespace scalelaw::cli {

/// A result that exists but fails what was asked of it (no interior optimum, a verdict not passed):
/// `error: ...` on stderr, exit 1 (contract: exit 1 = a check failed).
struct no_interior_optimum : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// What a subcommand registers: the function to run after parsing (returns the exit status).
using runner = std::function<int()>;

/// The model's flags as typed. `parse()` reads each exactly (lib/numeric/exact.hpp) and fills
/// `opt` with the correctly rounded doubles; `exact` keeps the rationals for the precise paths.
struct model_flags {
  std::string alpha, beta, d, v, rho, batch, gamma, gamma_mult;  ///< "" = not given
  plrf_options opt;  ///< the flags' exact values (parse)
  void parse();
  /// parse() and validate (plrf::from).
  plrf resolve(bool need_d);
  /// The parameters as given, for the JSON echo (contract: "echoes the parameters as given").
  nlohmann::json echo() const;
};

/// Adds --alpha --beta [--d] --v --rho --batch --gamma --gamma-mult to `app`.
void add_model_flags(CLI::App& app, model_flags& f, bool with_d, bool alpha_beta_required = true);


/// The machine's available memory in bytes (/proc/meminfo MemAvailable); 0 (no limit) where it cannot be read.
double available_memory();

/// Where the commands print: results (stdout) and messages (stderr). std::cout and std::cerr unless a host set others
/// for this thread (run_program's streams: the Python module captures a call's output). Per thread: progress printed
/// from a library worker thread goes to std::cerr.
std::ostream& out();
std::ostream& err();

/// Sets out() and err() for this thread while alive.
class stream_scope {
 public:
  stream_scope(std::ostream& o, std::ostream& e);
  ~stream_scope();
  stream_scope(const stream_scope&) = delete;
  stream_scope& operator=(const stream_scope&) = delete;

 private:
  std::ostream *o_, *e_;
};

/// While one is alive on this thread, `frontier` checks its flags and its model (at both ends of its d grid) and
/// returns 0 without computing: `sweep` checks every point of a grid this way before any work.
class validation_scope {
 public:
  validation_scope();
  ~validation_scope();
  validation_scope(const validation_scope&) = delete;
  validation_scope& operator=(const validation_scope&) = delete;
};
bool validating();

/// A catalogue file's text (table --catalogue, catalogue check); a file that cannot be read is bad input (exit 2).
std::string read_catalogue_file(const std::string& path);
/// A text file's contents; `what` names it in the error (exit 2) when it cannot be read.
std::string read_text_file(const std::string& path, const std::string& what);

/// Prints `j` as one JSON object on out().
void print_json(const nlohmann::json& j);

class stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  }

 private:
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
};

/// The Jeon-Van Roy Monte Carlo of `default_simulation_options(quick)` computed on a thread of its own from now on
/// (simulate_cached: its check and the report's section then find it, waiting while it runs). Numeric only (no GiNaC),
/// so it may overlap the rest. Leaving the scope joins it; leaving by an exception interrupts it first.
class monte_carlo_prefetch {
 public:
  explicit monte_carlo_prefetch(bool quick);
  ~monte_carlo_prefetch();
  monte_carlo_prefetch(const monte_carlo_prefetch&) = delete;
  monte_carlo_prefetch& operator=(const monte_carlo_prefetch&) = delete;

 private:
  std::thread thread_;
};

void register_eval(CLI::App& app, runner& run);
void register_curve(CLI::App& app, runner& run);
void register_sgd(CLI::App& app, runner& run);
void register_phase(CLI::App& app, runner& run);
void register_report(CLI::App& app, runner& run);
void register_check(CLI::App& app, runner& run);
void register_frontier(CLI::App& app, runner& run);
void register_jvr(CLI::App& app, runner& run);
void register_sweep(CLI::App& app, runner& run);
void register_catalogue(CLI::App& app, runner& run);
void register_verify(CLI::App& app, runner& run);

}  // namespace scalelaw::cli
