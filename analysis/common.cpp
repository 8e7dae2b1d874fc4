#include "common.hpp"

#include <cstdlib>
#include <iostream>

namespace scalelaw::cli {

double parse_extended(const char* name, const std::string& text) {
  if (text == "inf" || text == "Inf" || text == "infinity") return INFINITY;
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0')
    throw invalid_input(fmt::format("{} = '{}' is not a number (or 'inf')", name, text));
  return x;
}

void add_model_flags(CLI::App& app, model_flags& f, bool with_d, bool required) {
  auto* a = app.add_option("--alpha", f.opt.alpha, "data complexity alpha > 0 (x_j ~ N(0, j^-2alpha))");
  auto* b = app.add_option("--beta", f.opt.beta, "target complexity beta > 0 (b_j = j^-beta)");
  if (required) { a->required(); b->required(); }
  if (with_d) app.add_option("--d", f.opt.d, "model parameters d >= 1")->required();
  app.add_option("--v", f.v_text, "features v >= d, or 'inf' where sums converge (default rho*d)");
  app.add_option("--rho", f.opt.rho, "v = rho d when --v is not given (default 4)");
  app.add_option("--batch", f.opt.batch, "batch size B >= 1 (default 1)");
  app.add_option("--gamma", f.gamma_in, "learning rate gamma > 0");
  app.add_option("--gamma-mult", f.opt.gamma_mult,
                 "gamma = M / sum_{j<=v} j^-2alpha when --gamma is not given, M in (0,1] (default 0.5)");
}

plrf model_flags::resolve(bool need_d) {
  if (!v_text.empty()) opt.v = parse_extended("v", v_text);
  if (gamma_in) opt.gamma = *gamma_in;
  return plrf::from(opt, need_d);
}

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << std::endl; }

}  // namespace scalelaw::cli
