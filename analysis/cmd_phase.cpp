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
};

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
