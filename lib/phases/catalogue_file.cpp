#include "scalelaw/phases/catalogue_file.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include "phases/toml_read.hpp"
#include "phases/arrangement.hpp"
#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/exact.hpp"

namespace scalelaw::phases {

namespace {

using toml_read::is_name;
using toml_read::reader;

term term_of(const std::string& name, const reader& rd, const toml::source_region& where, const std::string& key) {
  if (!is_name(name)) rd.fail(where, key, fmt::format("'{}' is not a name (a letter, then letters, digits, _)", name));
  return term(name);
}

// The compute as a monomial d^a r^b times constants (other names, numbers): a, b > 0 (MODEL §4).
void parse_compute(catalogue& out, const reader& rd, const toml::source_region& where) {
  GiNaC::symtab table;
  const GiNaC::symbol d("d"), r("r");
  table["d"] = d;
  table["r"] = r;
  GiNaC::ex f;
  try {
    GiNaC::parser reader(table, false);  // other names (a batch B) are constants of the compute
    f = reader(out.compute);
  } catch (const std::exception& e) {
    rd.fail(where, "compute", fmt::format("'{}' is not a monomial in d and r ({})", out.compute, e.what()));
  }
  if (f.is_zero()) rd.fail(where, "compute", fmt::format("'{}' is zero, not a monomial in d and r", out.compute));
  auto exponent_of = [&](const GiNaC::symbol& x) -> rational {
    // f = c d^a r^b: a = d log f / d log x, a rational number
    GiNaC::ex a;
    try {
      a = GiNaC::normal(x * f.diff(x) / f);
    } catch (const std::exception& e) {  // a compute that is zero only after normal(), e.g. "d*r - r*d" (pole_error)
      rd.fail(where, "compute", fmt::format("'{}' is not a monomial in d and r ({})", out.compute, e.what()));
    }
    if (!GiNaC::is_a<GiNaC::numeric>(a) || !GiNaC::ex_to<GiNaC::numeric>(a).is_rational()) {
      std::ostringstream os;
      os << a;
      rd.fail(where, "compute", fmt::format("'{}' is not a monomial in d and r (its exponent of {} is {})", out.compute, x.get_name(), os.str()));
    }
    return to_rational(GiNaC::ex_to<GiNaC::numeric>(a));
  };
  out.compute_d = exponent_of(d);
  out.compute_r = exponent_of(r);
  if (!(out.compute_d > 0 && out.compute_r > 0))
    rd.fail(where, "compute", fmt::format("'{}' must grow with both d and r (exponents {} and {})", out.compute,
                                          out.compute_d.get_str(), out.compute_r.get_str()));
}

}  // namespace

catalogue parse_catalogue(std::string_view text, std::string_view source) {
  const toml::table doc = toml_read::parse(text, source);
  reader rd{source, {}};
  catalogue out;
  const toml::source_region top = doc.source();
  out.name = rd.string_at(doc["name"], top, "name");
  const auto params = doc["parameters"];
  if (!params || !params.as_array()) rd.fail(params ? params.node()->source() : top, "parameters", "must be an array of names");
  for (const auto& p : *params.as_array()) {
    const auto* s = p.as_string();
    if (!s) rd.fail(p.source(), "parameters", "every parameter must be a string");
    out.parameters.push_back(s->get());
  }
  // the derivation (lib/phases/derive.cpp) binds them in order to parameter_symbols(): its exact regions are an
  // arrangement in 1 to 4 dimensions (arrangement.hpp)
  if (out.parameters.empty() || out.parameters.size() > parameter_symbols().size())
    rd.fail(params.node()->source(), "parameters",
            fmt::format("{} parameters: the derivation supports 1 to {}", out.parameters.size(), parameter_symbols().size()));
  for (std::size_t i = 0; i < out.parameters.size(); ++i) {
    const std::string& n = out.parameters[i];
    if (!is_name(n) || n == "d" || n == "r")
      rd.fail(params.node()->source(), "parameters", fmt::format("'{}' cannot name a parameter (a name other than d and r)", n));
    if (rd.symbols.count(n)) rd.fail(params.node()->source(), "parameters", fmt::format("'{}' appears twice", n));
    rd.symbols[n] = parameter_symbols()[i];
  }
  if (const auto c = doc["compute"]) {
    out.compute = rd.string_at(c, top, "compute");
    parse_compute(out, rd, c.node()->source());
  }
  const auto regs = doc["regime"];
  if (!regs || !regs.as_array() || regs.as_array()->empty()) rd.fail(top, "regime", "at least one [[regime]] is required");
  std::size_t ri = 0;
  for (const auto& node : *regs.as_array()) {
    ++ri;
    const auto* tbl = node.as_table();
    const std::string rkey = fmt::format("regime[{}]", ri);
    if (!tbl) rd.fail(node.source(), rkey, "must be a table ([[regime]])");
    const toml::node_view<const toml::node> rv(tbl);
    regime r;
    r.name = rd.string_at(rv["name"], tbl->source(), rkey + ".name");
    const auto conds = rv["conditions"];
    if (!conds || !conds.as_array()) rd.fail(tbl->source(), rkey + ".conditions", "must be an array of strings");
    for (const auto& c : *conds.as_array()) {
      const auto* s = c.as_string();
      if (!s) rd.fail(c.source(), rkey + ".conditions", "every condition must be a string");
      r.conditions.push_back(rd.condition(s->get(), c.source(), rkey + ".conditions"));
    }
    const auto terms = rv["term"];
    if (!terms || !terms.as_array() || terms.as_array()->empty())
      rd.fail(tbl->source(), rkey + ".term", "at least one [[regime.term]] is required");
    std::size_t ti = 0;
    for (const auto& tn : *terms.as_array()) {
      ++ti;
      const std::string tkey = fmt::format("{}.term[{}]", rkey, ti);
      const auto* tt = tn.as_table();
      if (!tt) rd.fail(tn.source(), tkey, "must be a table ([[regime.term]])");
      const toml::node_view<const toml::node> tv(tt);
      const std::string name = rd.string_at(tv["name"], tt->source(), tkey + ".name");
      const term t = term_of(name, rd, tv["name"].node()->source(), tkey + ".name");
      for (const auto& m : r.terms)
        if (m.t == t) rd.fail(tt->source(), tkey + ".name", fmt::format("'{}' appears twice in {}", name, rkey));
      const std::string d = rd.string_at(tv["d"], tt->source(), tkey + ".d");
      const std::string rr = rd.string_at(tv["r"], tt->source(), tkey + ".r");
      monomial m{t, rd.expression(d, tv["d"].node()->source(), tkey + ".d"),
                 rd.expression(rr, tv["r"].node()->source(), tkey + ".r"), ""};
      if (const auto why = tv["why"]) m.why = rd.string_at(why, tt->source(), tkey + ".why");
      r.terms.push_back(std::move(m));
    }
    out.regimes.push_back(std::move(r));
  }
  if (const auto names = doc["phase"]) {
    if (!names.as_array()) rd.fail(names.node()->source(), "phase", "must be an array of tables ([[phase]])");
    std::size_t pi = 0;
    for (const auto& node : *names.as_array()) {
      const std::string key = fmt::format("phase[{}]", ++pi);
      const auto* tbl = node.as_table();
      if (!tbl) rd.fail(node.source(), key, "must be a table ([[phase]])");
      const toml::node_view<const toml::node> pv(tbl);
      catalogue::phase_name pn;
      pn.name = rd.string_at(pv["name"], tbl->source(), key + ".name");
      if (!is_name(pn.name)) rd.fail(tbl->source(), key + ".name", fmt::format("'{}' is not a name (a letter, then letters, digits, _)", pn.name));
      for (const auto& other : out.phase_names)
        if (other.name == pn.name) rd.fail(tbl->source(), key + ".name", fmt::format("'{}' names two phases", pn.name));
      const auto pt = pv["point"];
      if (!pt || !pt.as_array() || pt.as_array()->size() != out.parameters.size())
        rd.fail(tbl->source(), key + ".point", fmt::format("must be an array of {} numbers, one per parameter", out.parameters.size()));
      std::vector<rational> xs;
      for (const auto& x : *pt.as_array()) {
        // exact: a string ("3/10", "0.3") or an integer; a TOML float is binary, not the number typed
        if (const auto* s = x.as_string()) {
          try {
            xs.push_back(parse_exact(key + ".point", s->get()));
          } catch (const invalid_input& e) {
            rd.fail(x.source(), key + ".point", e.what());
          }
        } else if (const auto* i = x.as_integer()) xs.push_back(rational(static_cast<long>(i->get())));
        else rd.fail(x.source(), key + ".point", "each coordinate is a string (\"3/10\", \"0.3\": read exactly) or an integer");
      }
      pn.point = std::move(xs);
      out.phase_names.push_back(std::move(pn));
    }
  }
  return out;
}

const catalogue& ppxp_catalogue() {
  static std::once_flag once;
  static catalogue cache;
  std::call_once(once, [] { cache = parse_catalogue(ppxp_catalogue_text(), "data/catalogues/ppxp.toml"); });
  return cache;
}

}  // namespace scalelaw::phases
