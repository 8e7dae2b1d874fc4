// scalelaw check: the proofs-check suite. Exit 1 if any check fails.
#include <filesystem>
#include <iostream>

#include "checks.hpp"
#include "common.hpp"
#include "output/files.hpp"

namespace scalelaw::cli {

void register_check(CLI::App& app, runner& run) {
  struct args { std::string only, out; bool quick = false, json = false; };
  auto a = std::make_shared<args>();
  auto* sub = app.add_subcommand("check", "every theorem statement as a named numerical check (exit 1 if any fails)");
  sub->add_option("--only", a->only, "run one check by name");
  sub->add_flag("--quick", a->quick, "the CI set (a few minutes); without it, the full suite");
  sub->add_option("--out", a->out, "write DIR/checks.md and DIR/checks.json");
  sub->add_flag("--json", a->json, "one JSON object on stdout");
  sub->callback([a, &run] {
    run = [a] {
      if (!a->out.empty() && !std::filesystem::is_directory(a->out))
        throw invalid_input(fmt::format("--out '{}' is not a directory", a->out));
      stopwatch clock;
      const auto out = checks::run_checks(a->quick, a->only, [&](const std::string& s) {
        std::cerr << fmt::format("[{:6.1f} s] {}\n", clock.seconds(), s);
      });
      const std::string md = checks::checks_markdown(out);
      const auto js = checks::checks_json(out);
      if (!a->out.empty()) {
        write_file_atomically(a->out + "/checks.md", [&](std::ostream& os) { os << md; });
        write_file_atomically(a->out + "/checks.json", [&](std::ostream& os) { os << js.dump(2) << "\n"; });
      }
      if (a->json) print_json(js);
      else std::cout << md;
      for (const auto& o : out)
        if (!o.r.passed) return 1;
      return 0;
    };
  });
}

}  // namespace scalelaw::cli
