#include "scalelaw/verify/claims.hpp"

#include <fmt/format.h>

#include "phases/toml_read.hpp"
#include "scalelaw/numeric/exact.hpp"

namespace scalelaw::verify {

const GiNaC::symbol& gamma_symbol() { static const GiNaC::symbol g("gamma"); return g; }
const GiNaC::symbol& batch_symbol() { static const GiNaC::symbol b("B"); return b; }

namespace {

using toml_read::reader;

// "A > 0 and B < 0": the conditions, split at the word `and`
std::vector<std::string> split_and(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = text.find(" and ", from);
    out.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) break;
    from = at + 5;
  }
  return out;
}

rational exact_value(const reader& rd, const toml::node_view<const toml::node>& node, const toml::source_region& parent,
                     const std::string& key, const rational& fallback) {
  if (!node) return fallback;
  if (const auto* i = node.as_integer()) return rational(static_cast<long>(i->get()));
  const std::string text = rd.string_at(node, parent, key);  // a TOML float is binary: a string is read exactly
  try {
    return parse_exact(key, text);
  } catch (const invalid_input& e) {
    rd.fail(node.node()->source(), key, e.what());
  }
}

}  // namespace

claims parse_claims(std::string_view text, std::string_view source,
                    const std::function<phases::catalogue(const std::string&)>& load_catalogue) {
  const toml::table doc = toml_read::parse(text, source);
  reader rd{source, {}};
  const toml::source_region top = doc.source();
  claims out;
  if (const auto c = doc["catalogue"]) {
    out.catalogue_source = rd.string_at(c, top, "catalogue");
    out.cat = load_catalogue(out.catalogue_source);
  } else {
    out.cat = phases::ppxp_catalogue();
    out.catalogue_source = "built-in";
  }
  for (std::size_t i = 0; i < out.cat.parameters.size(); ++i)
    rd.symbols[out.cat.parameters[i]] = phases::parameter_symbols()[i];
  const auto list = doc["claim"];
  if (!list || !list.as_array() || list.as_array()->empty()) rd.fail(top, "claim", "at least one [[claim]] is required");
  std::size_t ci = 0;
  for (const auto& node : *list.as_array()) {
    const std::string key = fmt::format("claim[{}]", ++ci);
    const auto* tbl = node.as_table();
    if (!tbl) rd.fail(node.source(), key, "must be a table ([[claim]])");
    const toml::node_view<const toml::node> cv(tbl);
    claim c;
    c.line = tbl->source().begin.line;
    c.name = rd.string_at(cv["name"], tbl->source(), key + ".name");
    for (const auto& other : out.list)
      if (other.name == c.name) rd.fail(tbl->source(), key + ".name", fmt::format("'{}' names two claims", c.name));
    c.region_text = rd.string_at(cv["region"], tbl->source(), key + ".region");
    for (const auto& cond : split_and(c.region_text))
      c.region.push_back(rd.condition(cond, cv["region"].node()->source(), key + ".region"));
    const bool exponent = cv["xi"] || cv["eta"];
    const bool asymptotic = cv["term"] || cv["form"] || cv["r-exponent"];
    if (exponent == asymptotic)
      rd.fail(tbl->source(), key, "a claim has xi and eta (an exponent claim) or term, form and r-exponent (an asymptotic claim)");
    if (exponent) {
      c.xi = rd.expression(rd.string_at(cv["xi"], tbl->source(), key + ".xi"), tbl->source(), key + ".xi");
      c.eta = rd.expression(rd.string_at(cv["eta"], tbl->source(), key + ".eta"), tbl->source(), key + ".eta");
      for (const auto* k : {"gamma", "batch"})
        if (cv[k]) rd.fail(cv[k].node()->source(), key + "." + k, "belongs to an asymptotic claim");
    } else {
      if (out.cat.parameters != std::vector<std::string>{"alpha", "beta"})
        rd.fail(tbl->source(), key, "an asymptotic claim is about the PPXP sums: the catalogue's parameters must be alpha, beta");
      const std::string t = rd.string_at(cv["term"], tbl->source(), key + ".term");
      // the r -> inf forms of the d-free sums (v = inf); F0 and F_ac are functions of d (MODEL §4)
      if (t != "Fpp" && t != "Kpp")
        rd.fail(cv["term"].node()->source(), key + ".term", fmt::format("'{}': an asymptotic claim is about Fpp or Kpp (the sums in r at v = inf)", t));
      c.term = phases::term(t);
      reader with_constants = rd;
      with_constants.symbols["gamma"] = gamma_symbol();
      with_constants.symbols["B"] = batch_symbol();
      with_constants.symbols["Pi"] = GiNaC::Pi;
      c.form = with_constants.expression(rd.string_at(cv["form"], tbl->source(), key + ".form"), tbl->source(), key + ".form");
      c.r_exponent = rd.expression(rd.string_at(cv["r-exponent"], tbl->source(), key + ".r-exponent"), tbl->source(), key + ".r-exponent");
      c.gamma = exact_value(rd, cv["gamma"], tbl->source(), key + ".gamma", c.gamma);
      c.batch = exact_value(rd, cv["batch"], tbl->source(), key + ".batch", c.batch);
      if (!(c.gamma > 0)) rd.fail(tbl->source(), key + ".gamma", "must be > 0");
      if (!(c.batch >= 1) || c.batch.get_den() != 1) rd.fail(tbl->source(), key + ".batch", "must be a whole number >= 1");
    }
    for (const auto& [k, v] : *tbl)
      if (const std::string_view s = k.str(); s != "name" && s != "region" && s != "xi" && s != "eta" && s != "term" &&
                                              s != "form" && s != "r-exponent" && s != "gamma" && s != "batch")
        rd.fail(v.source(), key + "." + std::string(s), "is not a key of a claim");
    out.list.push_back(std::move(c));
  }
  for (const auto& [k, v] : doc)
    if (k.str() != "catalogue" && k.str() != "claim") rd.fail(v.source(), std::string(k.str()), "is not a key of a claims file");
  return out;
}

}  // namespace scalelaw::verify
