#include "program.hpp"

#include <iostream>

#include "common.hpp"
#include "scalelaw/model/interrupt.hpp"
#include "scalelaw/model/resources.hpp"
#include "scalelaw/spectral/power_sum.hpp"
#include "scalelaw/version.hpp"

namespace scalelaw::cli {

namespace {

// Every command on `app`: the one option table that the parser, --help and the Python module's signatures
// (option_table) read.
void build_app(CLI::App& app, runner& run, std::string& max_memory) {
  app.description("scalelaw: compute-optimal neural scaling laws, verified numerically (PPXP 4+3 phases, "
                  "Jeon-Van Roy). See README.md.");
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "help for every command");
  app.set_version_flag("--version", version_text(), "the version (and the git commit it was built from)");
  app.fallthrough();  // --max-memory may follow the command's own flags
  app.add_option("--max-memory", max_memory,
                 "refuse (exit 2, with the estimate) work whose memory estimate exceeds this: bytes, or a number with K, M, G, T "
                 "(default: the memory available, /proc/meminfo MemAvailable)");
  register_eval(app, run);
  register_curve(app, run);
  register_sgd(app, run);
  register_phase(app, run);
  register_report(app, run);
  register_check(app, run);
  register_frontier(app, run);
  register_jvr(app, run);
  register_sweep(app, run);
  register_catalogue(app, run);
  register_verify(app, run);
}

// "(default 40)" in an option's description: the default the program applies when the flag is absent
std::string described_default(const std::string& text) {
  const auto at = text.rfind("(default ");
  if (at == std::string::npos) return "";
  const auto end = text.find(')', at);
  if (end == std::string::npos) return "";
  return text.substr(at + 9, end - at - 9);
}

nlohmann::json options_of(const CLI::App& app) {
  nlohmann::json list = nlohmann::json::array();
  for (const CLI::Option* o : app.get_options()) {
    const std::string lname = o->get_lnames().empty() ? "" : o->get_lnames().front();
    if (lname == "help" || lname == "help-all") continue;
    std::string def = o->get_default_str();
    if (def.empty()) def = described_default(o->get_description());
    list.push_back({{"flag", lname.empty() ? "" : "--" + lname},
                    {"name", lname.empty() ? o->get_name() : lname},
                    {"positional", lname.empty()},
                    {"description", o->get_description()},
                    {"type", o->get_type_name()},
                    {"is_flag", o->get_expected_min() == 0},
                    {"list", o->get_expected_max() > 1 || o->get_items_expected_max() > 1},
                    {"required", o->get_required()},
                    {"default", def}});
  }
  return list;
}

void commands_of(const CLI::App& app, const std::string& path, nlohmann::json& out) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string p = path.empty() ? sub->get_name() : path + " " + sub->get_name();
    if (sub->get_subcommands({}).empty())
      out.push_back({{"command", p}, {"description", sub->get_description()}, {"options", options_of(*sub)}});
    commands_of(*sub, p, out);
  }
}

}  // namespace

nlohmann::json option_table() {
  CLI::App app;
  std::string max_memory;
  runner run;
  build_app(app, run, max_memory);
  nlohmann::json commands = nlohmann::json::array();
  commands_of(app, "", commands);
  return {{"commands", commands}, {"global", options_of(app)}};
}

namespace {

// "jvr allocate": the path of the subcommand that was chosen
std::string chosen_command(const CLI::App& app) {
  std::string path;
  for (const CLI::App* a = &app;;) {
    const auto subs = a->get_subcommands();
    if (subs.empty()) return path;
    a = subs.front();
    path += (path.empty() ? "" : " ") + a->get_name();
  }
}

}  // namespace

int run_program(int argc, const char* const* argv, const run_filter& may_run) {
  return run_program(argc, argv, may_run, std::cout, std::cerr);
}

int run_program(int argc, const char* const* argv, const run_filter& may_run, std::ostream& out_to, std::ostream& err_to) {
  const stream_scope streams(out_to, err_to);
  std::ostream& msg = err();
  CLI::App app;
  std::string max_memory;
  runner run;
  build_app(app, run, max_memory);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out(), err());
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out(), err());
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out(), err());
  } catch (const CLI::ParseError& e) {
    if (argc > 1 && argv[1][0] != '-') {
      bool known = false;
      for (const auto* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
      if (!known) {
        msg << "error: unknown command '" << argv[1] << "' (see scalelaw --help)" << std::endl;
        return 2;
      }
    }
    msg << "error: " << e.what() << " (see --help)" << std::endl;
    return 2;
  }
  if (!run) return 2;
  try {
    set_memory_limit(max_memory.empty() ? available_memory() : parse_bytes(max_memory));
    if (may_run && !may_run(chosen_command(app))) return 0;
    return run();
  } catch (const invalid_input& e) {
    msg << "error: " << e.what() << std::endl;
    return 2;
  } catch (const no_interior_optimum& e) {
    msg << "error: " << e.what() << std::endl;
    return 1;
  } catch (const divergent_sum& e) {
    msg << "error: " << e.what() << std::endl;
    return 2;
  } catch (const interrupted&) {
    msg << "error: interrupted" << std::endl;
    return 130;
  } catch (const std::exception& e) {
    msg << "error: internal: " << e.what() << std::endl;
    return 3;
  }
}

}  // namespace scalelaw::cli
