// Shared command-line plumbing: model options, the `--json` switch, timing. Thin by design:
// parse, call lib, print.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "model/plrf.hpp"

namespace scalelaw::cli {

/// What a subcommand registers: the function to run after parsing (returns the exit status).
using runner = std::function<int()>;

struct model_flags {
  plrf_options opt;
  std::string v_text;              ///< "--v" as text ("inf" allowed)
  std::optional<double> gamma_in;  ///< "--gamma"
  /// Resolves the text fields into `opt` (v, gamma) and validates.
  plrf resolve(bool need_d);
};

/// Adds --alpha --beta [--d] --v --rho --batch --gamma --gamma-mult to `app`.
void add_model_flags(CLI::App& app, model_flags& f, bool with_d, bool alpha_beta_required = true);

/// Parses "inf" or a number; throws invalid_input naming `name`.
double parse_extended(const char* name, const std::string& text);

/// Prints `j` as one JSON object on stdout.
void print_json(const nlohmann::json& j);

class stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  }

 private:
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
};

void register_eval(CLI::App& app, runner& run);
void register_curve(CLI::App& app, runner& run);
void register_sgd(CLI::App& app, runner& run);
void register_phase(CLI::App& app, runner& run);
void register_report(CLI::App& app, runner& run);
void register_check(CLI::App& app, runner& run);
void register_frontier(CLI::App& app, runner& run);
void register_jvr(CLI::App& app, runner& run);

}  // namespace scalelaw::cli
