// scalelaw phase | table | diagram: the symbolically derived phase table (lib/phases).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <unistd.h>
#include <filesystem>
#include <sstream>
#include <fmt/format.h>

#include "common.hpp"
#include "output/files.hpp"
#include "output/gnuplot.hpp"
#include "output/phase_diagram.hpp"
#include "output/phase_table.hpp"
#include "scalelaw/phases/catalogue_file.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/phases/table_diff.hpp"

namespace scalelaw::cli {

using namespace phases;

namespace {
struct phase_args {
  std::string alpha, beta;
  bool json = false;
};
struct table_args {
  std::string format = "md";
  std::string out;
  std::string catalogue;
  std::string compare;
};

// `table --compare OLD.json`: the stored table's phases (the keys of `table --format json`); a file that is not such a
// table exits 2
std::vector<phases::phase_text> read_table_json(const std::string& path) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_text_file(path, "table"));
  } catch (const nlohmann::json::exception& e) {
    throw invalid_input(fmt::format("{}: not JSON ({})", path, e.what()));
  }
  std::vector<phases::phase_text> out;
  if (!j.is_object() || !j.contains("phases") || !j["phases"].is_array())
    throw invalid_input(fmt::format("{}: not a table (`table --format json` has a list `phases`)", path));
  for (const auto& p : j["phases"]) {
    phases::phase_text t;
    auto text = [&](const char* key) {
      if (!p.is_object() || !p.contains(key) || !p[key].is_string())
        throw invalid_input(fmt::format("{}: phase {}: `{}` is missing or not a string", path, out.size() + 1, key));
      return p[key].get<std::string>();
    };
    t.label = text("phase");
    t.xi = text("xi_formula");
    t.eta = text("eta_formula");
    t.region = text("region");
    if (p.contains("dominant") && p["dominant"].is_array())
      for (const auto& d : p["dominant"])
        if (d.is_string()) t.dominant.push_back(d.get<std::string>());
    out.push_back(t);
  }
  return out;
}

struct diagram_args {
  std::string out;
  std::vector<std::string> marks;
  double resolution = 300;
};

std::string rat_text(const rational& q) { return to_string(q); }

}  // namespace

void register_phase(CLI::App& app, runner& run) {
  {
    auto a = std::make_shared<phase_args>();
    auto* sub = app.add_subcommand("phase", "which phase (alpha, beta) is in: exponents, formulas, dominant terms");
    sub->add_option("--alpha", a->alpha, "alpha > 0 (decimal or p/q, exact)")->required();
    sub->add_option("--beta", a->beta, "beta > 0 (decimal or p/q, exact)")->required();
    sub->add_flag("--json", a->json, "one JSON object on stdout");
    sub->callback([a, &run] {
      run = [a] {
        const rational al = parse_rational("alpha", a->alpha), be = parse_rational("beta", a->beta);
        const auto c = classify(al, be);
        std::vector<std::string> dom;
        for (term t : c.ph->dominant) dom.push_back(name(t));
        if (a->json) {
          print_json({{"phase", c.ph->label}, {"xi", nearest_double(c.xi)}, {"eta", nearest_double(c.eta)}, {"xi_exact", rat_text(c.xi)},
                      {"eta_exact", rat_text(c.eta)}, {"xi_formula", formula_text(c.ph->xi)},
                      {"eta_formula", formula_text(c.ph->eta)}, {"dominant", dom}, {"regime", c.in_cell->regime},
                      {"near_boundaries", c.near_boundaries}});
        } else {
          out() << "phase " << c.ph->label << "  (alpha, beta) = (" << rat_text(al) << ", " << rat_text(be) << ")\n"
                    << "xi  = " << formula_text(c.ph->xi) << " = " << rat_text(c.xi) << " = " << nearest_double(c.xi) << "\n"
                    << "eta = " << formula_text(c.ph->eta) << " = " << rat_text(c.eta) << " = " << nearest_double(c.eta) << "\n"
                    << "dominant: " << dominant_text(*c.ph) << "\n";
          for (const auto& b : c.near_boundaries) out() << "note: " << b << "\n";
        }
        return 0;
      };
    });
  }
  {
    auto a = std::make_shared<table_args>();
    auto* sub = app.add_subcommand("table", "the full symbolic phase table (derived, not typed in)");
    sub->add_option("--format", a->format, "md | csv | json | tex (default md)");
    sub->add_option("--out", a->out, "write to this file instead of stdout");
    sub->add_flag("--json", [a](std::int64_t) { a->format = "json"; }, "same as --format json");
    sub->add_option("--catalogue", a->catalogue,
                    "derive the table of this catalogue (TOML, in the format of data/catalogues/ppxp.toml) instead of the built-in one, "
                    "data/catalogues/ppxp.toml");
    sub->add_option("--compare", a->compare,
                    "compare with a table stored by `table --format json` (formulas and regions as exact expressions, not "
                    "text): print the phases added, removed, renamed or changed; exit 1 if any");
    sub->callback([a, &run] {
      run = [a] {
        if (a->format != "md" && a->format != "csv" && a->format != "json" && a->format != "tex")
          throw invalid_input(fmt::format("format '{}' is unknown: use md, csv, json or tex", a->format));
        std::vector<phases::phase> own;
        phases::catalogue cat;
        if (!a->catalogue.empty()) {
          cat = phases::parse_catalogue(read_catalogue_file(a->catalogue), a->catalogue);
          own = phases::derive_phases(cat);
        }
        const std::vector<phases::phase>& phs = a->catalogue.empty() ? phases::derived_phases() : own;
        if (!a->compare.empty()) {
          if (a->format != "md" && a->format != "json") throw invalid_input("--compare prints md or json");
          const auto old = read_table_json(a->compare);
          const std::vector<std::string> names = a->catalogue.empty() ? std::vector<std::string>{"alpha", "beta"} : cat.parameters;
          auto changes = phases::compare_tables(old, phs, names);
          for (auto& c : changes) {  // what is derived now, in the catalogue's names
            if (c.change == "region")
              for (const auto& ph : phs)
                if (ph.label == c.phase) c.after = phase_region_text(ph);
            c.after = with_parameter_names(c.after, names);
          }
          std::string text;
          if (a->format == "json") {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& c : changes) list.push_back({{"phase", c.phase}, {"change", c.change}, {"before", c.before}, {"after", c.after}});
            text = nlohmann::json{{"changes", list}, {"changed", !changes.empty()}, {"phases_before", old.size()}, {"phases_now", phs.size()}}.dump(2) + "\n";
          } else if (changes.empty()) {
            text = fmt::format("no change: {} phases, the same formulas and regions (compared as exact expressions)\n", phs.size());
          } else {
            text = fmt::format("{} change(s) from {} ({} phases) to this derivation ({} phases):\n\n| phase | change | before | now |\n|---|---|---|---|\n",
                               changes.size(), a->compare, old.size(), phs.size());
            for (const auto& c : changes) text += fmt::format("| {} | {} | {} | {} |\n", c.phase, c.change, c.before, c.after);
          }
          if (a->out.empty()) out() << text;
          else write_file_atomically(a->out, [&](std::ostream& os) { os << text; });
          return changes.empty() ? 0 : 1;
        }
        std::string text;
        if (a->format == "md") text = phase_table_markdown(phs);
        else if (a->format == "csv") text = phase_table_csv(phs);
        else if (a->format == "json") text = phase_table_json(phs).dump(2) + "\n";
        else text = phase_table_tex(phs);
        if (!a->catalogue.empty()) text = with_parameter_names(text, cat.parameters);
        if (a->out.empty()) out() << text;
        else write_file_atomically(a->out, [&](std::ostream& os) { os << text; });
        return 0;
      };
    });
  }
  {
    auto a = std::make_shared<diagram_args>();
    auto* sub = app.add_subcommand("diagram", "phase diagram of the (alpha, beta) plane as SVG (gnuplot)");
    sub->add_option("--out", a->out, "output FILE.svg (or FILE.png)")->required();
    sub->add_option("--mark", a->marks, "mark a point: alpha,beta (repeatable)");
    sub->add_option("--resolution", a->resolution, "grid points per axis (default 300)");
    sub->callback([a, &run] {
      run = [a] {
        require_count("resolution", a->resolution, 20, 2000);
        require_writable_path(a->out);
        std::vector<std::pair<double, double>> marks;
        for (const auto& m : a->marks) {
          const auto comma = m.find(',');
          if (comma == std::string::npos) throw invalid_input(fmt::format("--mark '{}' must be alpha,beta", m));
          const rational al = parse_rational("mark alpha", m.substr(0, comma)), be = parse_rational("mark beta", m.substr(comma + 1));
          marks.emplace_back(nearest_double(al), nearest_double(be));
        }
        const bool png = a->out.size() > 4 && a->out.substr(a->out.size() - 4) == ".png";
        const std::string content = render_phase_diagram(marks, static_cast<int>(a->resolution), png);
        write_file_atomically(a->out, [&](std::ostream& os) { os << content; });
        return 0;
      };
    });
  }
}

}  // namespace scalelaw::cli
