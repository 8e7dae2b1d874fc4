// The checks by topic (one .cpp each) and what they share; the registry (checks.cpp) names them.
#pragma once
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks.hpp"
#include "scalelaw/model/plrf.hpp"

namespace scalelaw::checks {

inline std::string g(double x) { return fmt::format("{:.6g}", x); }

inline plrf model(double a, double b, double d, double gamma_mult = 0.5, unsigned batch = 1) {
  plrf_options o;
  o.alpha = a; o.beta = b; o.d = d; o.gamma_mult = gamma_mult; o.batch = batch;
  return plrf::from(o, true);
}

/// A progress line from inside a check (run_checks' `progress`, if any): for the checks that run for minutes (the
/// full suite's Monte Carlo). Callable from any thread.
void progress_line(const std::string& line);

/// r with its numbers: measured, expected, tolerance (objects of named numbers).
inline result with_numbers(result r, nlohmann::json measured, nlohmann::json expected, nlohmann::json tolerance) {
  r.measured_values = std::move(measured);
  r.expected_values = std::move(expected);
  r.tolerance_values = std::move(tolerance);
  return r;
}

// dynamics: SGD, the Volterra equation, the deterministic equivalent (checks_dynamics.cpp)
result volterra_vs_sgd(bool quick);
result naive_vs_fast_sgd(bool quick);
result convergence_iff_kernel_norm(bool);
result limit_loss_check(bool);
result deq_f0_limit(bool quick);
result fac_asymptotic_check(bool quick);
result fac_f0_sized_check(bool);

// spectral sums against their leading forms (checks_sums.cpp)
result pp_asymptotic(double a, double b, double gm, unsigned B, bool kpp);
result noise_only_constants(bool);

// phases and frontiers (checks_frontier.cpp)
result phase_table_brute_force(bool quick);
result frontier_phase(double a, double b, bool quick);
result frontier_model_phase(double a, double b);
result boundary_crossing(const char* name, const char* left, const char* right, bool quick);

// the catalogue measured (checks_catalogue.cpp)
result catalogue_measured(bool);

// Jeon–Van Roy (checks_jvr.cpp)
result jvr_closed_form(bool);
result jvr_bound_exponents(bool);
result jvr_maurey(bool quick);
result jvr_share_grows_with_d(bool quick);

}  // namespace scalelaw::checks
