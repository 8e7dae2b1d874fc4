// scalelaw verify CLAIMS.toml: a researcher's statements judged against the derivation and the measurements (lib/verify).
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "common.hpp"
#include "output/verify_report.hpp"
#include "scalelaw/verify/verify.hpp"

namespace scalelaw::cli {

namespace {
struct verify_args {
  std::string file;
  unsigned points = 3;
  double budget_seconds = 0;
  bool json = false;
};
}  // namespace

void register_verify(CLI::App& app, runner& run) {
  auto a = std::make_shared<verify_args>();
  auto* sub = app.add_subcommand(
      "verify",
      "check your own claims (TOML: [[claim]] with name, region, and xi, eta or term, form, r-exponent; README \"Checking "
      "your own statements\"): symbolically against the derived table on every cell of the region, and numerically at "
      "sample points (the DE frontier for exponent claims, certified sums to r = 1e12 for asymptotic ones); exit 1 if any "
      "claim fails");
  sub->add_option("file", a->file, "the claims file")->required();
  sub->add_option("--points", a->points, "sample points per claim, 1..20 (default 3)");
  sub->add_option("--budget-seconds", a->budget_seconds,
                  "start no new point after this many seconds; claims left unmeasured fail (default 0: no limit)");
  sub->add_flag("--json", a->json, "one JSON object on stdout");
  sub->callback([a, &run] {
    run = [a] {
      require_count("points", a->points, 1, 20);
      if (!(a->budget_seconds >= 0) || !std::isfinite(a->budget_seconds))
        throw invalid_input(fmt::format("--budget-seconds must be a number >= 0 (got {})", a->budget_seconds));
      // a catalogue named in the claims file is found relative to that file
      const std::filesystem::path dir = std::filesystem::path(a->file).parent_path();
      const verify::claims cs = verify::parse_claims(read_text_file(a->file, "claims file"), a->file, [&](const std::string& path) {
        const std::filesystem::path p = std::filesystem::path(path).is_absolute() ? std::filesystem::path(path) : dir / path;
        return phases::parse_catalogue(read_catalogue_file(p.string()), p.string());
      });
      const stopwatch clock;
      verify::verify_options o;
      o.points = a->points;
      o.budget_seconds = a->budget_seconds;
      o.progress = [&](const std::string& line) { err() << fmt::format("[{:6.1f} s] {}", clock.seconds(), line) << std::endl; };
      const auto vs = verify::verify_claims(cs, o);
      const nlohmann::json j = verify_json(cs, vs);
      if (a->json) print_json(j);
      else out() << verify_markdown(cs, vs);
      return j["passed"].get<bool>() ? 0 : 1;
    };
  });
}

}  // namespace scalelaw::cli
