// scalelaw check: the proofs-check suite. Exit 1 if any check fails.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <fmt/format.h>

#include "checks.hpp"
#include "common.hpp"
#include "output/files.hpp"

namespace scalelaw::cli {

void register_check(CLI::App& app, runner& run) {
  struct args { std::string only, out, compare; bool quick = false, json = false; };
  auto a = std::make_shared<args>();
  auto* sub = app.add_subcommand("check", "every theorem statement as a named numerical check (exit 1 if any fails)");
  sub->add_option("--only", a->only, "run one check by name");
  sub->add_flag("--quick", a->quick, "the CI set (a few minutes); without it, the full suite");
  sub->add_option("--out", a->out, "write DIR/checks.md and DIR/checks.json");
  sub->add_flag("--json", a->json, "one JSON object on stdout");
  sub->add_option("--compare", a->compare,
                  "OLD.json (an earlier `check --json` or DIR/checks.json): list the checks whose verdict changed or whose measured "
                  "numbers moved beyond their tolerance, on stderr (and as \"moved\" in --json); exit 1 if any did");
  sub->callback([a, &run] {
    run = [a] {
      if (!a->out.empty() && !std::filesystem::is_directory(a->out))
        throw invalid_input(fmt::format("--out '{}' is not a directory", a->out));
      nlohmann::json old;
      if (!a->compare.empty()) {  // read before the run: a bad file fails in well under a second
        std::ifstream in(a->compare);
        if (!in) throw invalid_input(fmt::format("--compare '{}' cannot be read", a->compare));
        old = nlohmann::json::parse(in, nullptr, false);
        if (old.is_discarded()) throw invalid_input(fmt::format("--compare '{}' is not JSON", a->compare));
        if (!old.is_object() || !old.contains("checks") || !old["checks"].is_array())
          throw invalid_input(fmt::format("--compare '{}' is not a `scalelaw check --json` document (no \"checks\" list)", a->compare));
      }
      stopwatch clock;
      // the whole suite: its Monte Carlo (jvr_model_share_grows_with_d) runs from the start beside the other checks
      std::optional<monte_carlo_prefetch> prefetch;
      if (a->only.empty()) prefetch.emplace(a->quick);
      // this thread's stream, taken here: a check's progress may come from its worker threads (checks_jvr.cpp)
      const auto results = checks::run_checks(a->quick, a->only, [&clock, e = &err()](const std::string& s) {
        *e << fmt::format("[{:6.1f} s] {}\n", clock.seconds(), s);
      });
      const std::string md = checks::checks_markdown(results);
      auto js = checks::checks_json(results);
      std::vector<std::string> moved;
      if (!a->compare.empty()) {
        moved = checks::compare_checks(js, old);
        js["moved"] = moved;
        err() << fmt::format("compared with {}: {} moved\n", a->compare, moved.empty() ? std::string("nothing") : std::to_string(moved.size()) + " numbers or verdicts");
        for (const auto& m : moved) err() << "  moved: " << m << "\n";
      }
      if (!a->out.empty()) {
        write_file_atomically(a->out + "/checks.md", [&](std::ostream& os) { os << md; });
        write_file_atomically(a->out + "/checks.json", [&](std::ostream& os) { os << js.dump(2) << "\n"; });
      }
      if (a->json) print_json(js);
      else out() << md;
      for (const auto& o : results)
        if (!o.r.passed) return 1;
      return moved.empty() ? 0 : 1;
    };
  });
}

}  // namespace scalelaw::cli
