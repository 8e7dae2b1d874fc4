#include "common.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>

#include "scalelaw/infotheory/simulate.hpp"
#include "scalelaw/model/interrupt.hpp"

namespace scalelaw::cli {

void add_model_flags(CLI::App& app, model_flags& f, bool with_d, bool required) {
  auto* a = app.add_option("--alpha", f.alpha, "data complexity alpha > 0 (x_j ~ N(0, j^-2alpha)); exact decimal or p/q");
  auto* b = app.add_option("--beta", f.beta,
                           "target complexity beta (b_j = j^-beta), any sign with 2 alpha + 2 beta > 1; exact decimal or p/q");
  if (required) { a->required(); b->required(); }
  if (with_d) app.add_option("--d", f.d, "model parameters d >= 1")->required();
  app.add_option("--v", f.v, "features v >= d, or 'inf' where sums converge (default rho*d)");
  app.add_option("--rho", f.rho, "v = rho d when --v is not given (default 4)");
  app.add_option("--batch", f.batch, "batch size B >= 1 (default 1)");
  app.add_option("--gamma", f.gamma, "learning rate gamma > 0 (exact decimal or p/q)");
  app.add_option("--gamma-mult", f.gamma_mult,
                 "gamma = M / sum_{j<=v} j^-2alpha when --gamma is not given, M in (0,1] (default 0.5)");
}

void model_flags::parse() {
  auto read = [](const char* name, const std::string& text, exact_param& x) {
    if (!text.empty()) x = exact_param::parse(name, text);
  };
  read("alpha", alpha, opt.alpha);
  read("beta", beta, opt.beta);
  read("d", d, opt.d);
  read("rho", rho, opt.rho);
  read("batch", batch, opt.batch);
  read("gamma-mult", gamma_mult, opt.gamma_mult);
  if (!gamma.empty()) opt.gamma = exact_param::parse("gamma", gamma);
  if (!v.empty()) opt.v = exact_param::parse("v", v, true);
}

plrf model_flags::resolve(bool need_d) {
  parse();
  return plrf::from(opt, need_d);
}

nlohmann::json model_flags::echo() const {
  nlohmann::json j = nlohmann::json::object();
  const std::pair<const char*, const std::string*> given[] = {{"alpha", &alpha}, {"beta", &beta},   {"d", &d},
                                                              {"v", &v},         {"rho", &rho},     {"batch", &batch},
                                                              {"gamma", &gamma}, {"gamma_mult", &gamma_mult}};
  for (const auto& [name, text] : given)
    if (!text->empty()) j[name] = *text;
  return j;
}

namespace {
thread_local std::ostream* out_stream = nullptr;
thread_local std::ostream* err_stream = nullptr;
thread_local int validation_depth = 0;
}  // namespace

validation_scope::validation_scope() { ++validation_depth; }
validation_scope::~validation_scope() { --validation_depth; }
bool validating() { return validation_depth > 0; }

std::ostream& out() { return out_stream ? *out_stream : std::cout; }
std::ostream& err() { return err_stream ? *err_stream : std::cerr; }

stream_scope::stream_scope(std::ostream& o, std::ostream& e) : o_(out_stream), e_(err_stream) {
  out_stream = &o;
  err_stream = &e;
}
stream_scope::~stream_scope() {
  out_stream = o_;
  err_stream = e_;
}

void print_json(const nlohmann::json& j) { out() << j.dump(2) << std::endl; }

std::string read_text_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) throw invalid_input(fmt::format("{} '{}' cannot be read", what, path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string read_catalogue_file(const std::string& path) { return read_text_file(path, "catalogue"); }

double available_memory() {
  std::ifstream in("/proc/meminfo");
  for (std::string line; std::getline(in, line);) {  // "MemAvailable:   12345678 kB"
    std::istringstream is(line);
    std::string key;
    double kb = 0;
    if (is >> key >> kb && key == "MemAvailable:") return kb * 1024;
  }
  return 0;
}

monte_carlo_prefetch::monte_carlo_prefetch(bool quick)
    : thread_([quick] {
        // a failure (or an interrupt) is left for the check or the section to meet again and report
        try { simulate_cached(default_simulation_options(quick)); } catch (...) {}
      }) {}

monte_carlo_prefetch::~monte_carlo_prefetch() {
  const bool unwinding = std::uncaught_exceptions() > 0;
  if (unwinding) request_interrupt();  // the command failed: do not wait out the Monte Carlo
  thread_.join();
  if (unwinding) clear_interrupt();
}

}  // namespace scalelaw::cli
