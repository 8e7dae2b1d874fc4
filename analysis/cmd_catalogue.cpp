// scalelaw catalogue check FILE: a catalogue's monomials against the terms measured from the sums (lib/phases).
#include <fmt/format.h>

#include "common.hpp"
#include "output/catalogue_report.hpp"
#include "scalelaw/phases/catalogue_check.hpp"

namespace scalelaw::cli {

namespace {
struct catalogue_check_args {
  std::string file;
  unsigned points = 3;
  bool json = false;
};
}  // namespace

void register_catalogue(CLI::App& app, runner& run) {
  auto* cat = app.add_subcommand("catalogue", "a catalogue of term forms (TOML, in the format of data/catalogues/ppxp.toml): check it against the sums");
  cat->require_subcommand(1);
  auto a = std::make_shared<catalogue_check_args>();
  auto* sub = cat->add_subcommand(
      "check",
      "measure every term named Fpp, Fac, F0, Kpp of every regime from the sums at sample points inside it (d- and "
      "r-exponents by extrapolated local slopes over three decades) and compare with the catalogue; exit 1 if any "
      "term disagrees");
  sub->add_option("file", a->file, "the catalogue (e.g. data/catalogues/ppxp.toml)")->required();
  sub->add_option("--points", a->points, "sample points per regime, 1..20 (default 3)");
  sub->add_flag("--json", a->json, "one JSON object on stdout");
  sub->callback([a, &run] {
    run = [a] {
      require_count("points", a->points, 1, 20);
      const phases::catalogue c = phases::parse_catalogue(read_catalogue_file(a->file), a->file);
      const stopwatch clock;
      const auto v = phases::check_catalogue(c, a->points, [&](const std::string& line) {
        err() << fmt::format("[{:6.1f} s] {}", clock.seconds(), line) << std::endl;
      });
      if (a->json) print_json(catalogue_check_json(v));
      else out() << catalogue_check_markdown(v);
      return v.passed ? 0 : 1;
    };
  });
}

}  // namespace scalelaw::cli
