#include "scalelaw/phases/catalogue_file.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>

#include <fmt/format.h>
// toml++ 3.3 checks its parser's invariants with TOML_ASSERT_ASSUME, which malformed text can break (fuzz_catalogue:
// "o=[} ter"); with NDEBUG and clang that is __builtin_assume, an assumption the compiler may act on (with gcc 12 it is
// nothing). Here each check records a broken invariant and the parser goes on as gcc's build would (some checks sit
// in noexcept functions, where a throw would terminate); parse_catalogue then refuses the file.
namespace {
thread_local bool toml_invariant_broken = false;
}
#pragma push_macro("NDEBUG")
#undef NDEBUG
#define TOML_ASSERT(expr) ((expr) ? static_cast<void>(0) : static_cast<void>(toml_invariant_broken = true))
#define TOML_HEADER_ONLY 1  // no library to link (CMakeLists.txt)
#include <toml++/toml.h>
#pragma pop_macro("NDEBUG")

#include "phases/arrangement.hpp"
#include "scalelaw/model/validate.hpp"

namespace scalelaw::phases {

namespace {

struct reader {
  std::string_view source;
  GiNaC::symtab symbols;

  [[noreturn]] void fail(const toml::source_region& where, std::string_view key, std::string_view what) const {
    throw invalid_input(fmt::format("{}:{}: {}: {}", source, where.begin.line, key, what));
  }

  template <class View>
  std::string string_at(const View& node, const toml::source_region& parent, const std::string& key) const {
    if (!node) fail(parent, key, "missing (a string is required)");
    const auto* s = node.as_string();
    if (!s) fail(node.node()->source(), key, "must be a string");
    return s->get();
  }

  GiNaC::ex expression(const std::string& text, const toml::source_region& where, const std::string& key) const {
    GiNaC::parser p(symbols, true);  // strict: every name must be a parameter
    try {
      return p(text);
    } catch (const std::exception& e) {
      std::string why = e.what();  // GiNaC's messages run on over lines: the first says what
      why = why.substr(0, why.find('\n'));
      fail(where, key, fmt::format("'{}' is not an expression in the parameters ({})", text, why));
    }
  }

  GiNaC::ex condition(const std::string& text, const toml::source_region& where, const std::string& key) const {
    const auto at = text.find_last_of("<>");
    if (at == std::string::npos)
      fail(where, key, fmt::format("'{}' must read 'EXPR > 0' or 'EXPR < 0'", text));
    std::string rhs = text.substr(at + 1);
    rhs.erase(0, rhs.find_first_not_of(' '));
    rhs.erase(rhs.find_last_not_of(' ') + 1);
    if (rhs != "0" || (at > 0 && (text[at - 1] == '<' || text[at - 1] == '>')))
      fail(where, key, fmt::format("'{}' must read 'EXPR > 0' or 'EXPR < 0'", text));
    const GiNaC::ex e = expression(text.substr(0, at), where, key);
    return text[at] == '>' ? e : -e;
  }
};

// A name: a letter, then letters, digits, underscores (the same for parameters and terms).
bool is_name(const std::string& n) {
  if (n.empty() || !std::isalpha(static_cast<unsigned char>(n[0]))) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

term term_of(const std::string& name, const reader& rd, const toml::source_region& where, const std::string& key) {
  if (!is_name(name)) rd.fail(where, key, fmt::format("'{}' is not a name (a letter, then letters, digits, _)", name));
  return term(name);
}

// The compute as a monomial d^a r^b times constants (other names, numbers): a, b > 0 (SPEC §4).
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
  auto exponent_of = [&](const GiNaC::symbol& x) -> rational {
    // f = c d^a r^b: a = d log f / d log x, a rational number
    const GiNaC::ex a = GiNaC::normal(x * f.diff(x) / f);
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
  // A catalogue is ASCII text without control characters (but tab, newline, carriage return). Both found by
  // tests/fuzz/fuzz_catalogue in toml++ 3.3 (Debian 12): a control character inside a key trips an assertion, and its
  // Unicode whitespace test reaches __builtin_unreachable on code points such as U+00A1-U+049A and U+FB06-U+FEFE
  // (undefined behaviour). Refused here, with their line, before toml++ reads the text.
  std::size_t line = 1;
  for (const char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '\n') ++line;
    else if ((u < 0x20 && ch != '\t' && ch != '\r') || u == 0x7f)
      throw invalid_input(fmt::format("{}:{}: a control character (code {}) is not allowed in a catalogue", source, line, u));
    else if (u >= 0x80)
      throw invalid_input(fmt::format("{}:{}: a catalogue is ASCII text (byte {:#x})", source, line, u));
  }
  // A table header must name bare keys: toml++ 3.3 assumes (__builtin_assume, undefined behaviour when false) that a
  // header's first character begins a key ("[[`egime.term]]", found by fuzz_catalogue).
  static const std::regex header(R"(^[ \t]*\[\[?[ \t]*[A-Za-z0-9_-]+([ \t]*\.[ \t]*[A-Za-z0-9_-]+)*[ \t]*\]\]?[ \t]*(#.*)?\r?$)");
  line = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view row = text.substr(start, end - start);
    ++line;
    const auto first = row.find_first_not_of(" \t");
    if (first != std::string_view::npos && row[first] == '[' && !std::regex_match(row.begin(), row.end(), header))
      throw invalid_input(fmt::format("{}:{}: a table header reads [name] or [[name]] (names of letters, digits, _ and -, "
                                      "joined by dots)", source, line));
    start = end + 1;
  }
  toml::table doc;
  toml_invariant_broken = false;
  try {
    doc = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw invalid_input(fmt::format("{}:{}: {}", source, e.source().begin.line, e.description()));
  }
  if (toml_invariant_broken)
    throw invalid_input(fmt::format("{}:1: not TOML that toml++ can read (its parser's own check failed)", source));
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
  // the derivation (lib/phases/derive.cpp) works in a plane: the first parameter is its x (alpha()), the second its y
  // (beta()); one parameter leaves y unused. Three or four need an arrangement in 3 or 4 dimensions, not built.
  if (out.parameters.empty() || out.parameters.size() > 2)
    rd.fail(params.node()->source(), "parameters",
            fmt::format("{} parameters: the derivation supports 1 or 2 (its exact regions are a plane arrangement)", out.parameters.size()));
  for (std::size_t i = 0; i < out.parameters.size(); ++i) {
    const std::string& n = out.parameters[i];
    if (!is_name(n) || n == "d" || n == "r")
      rd.fail(params.node()->source(), "parameters", fmt::format("'{}' cannot name a parameter (a name other than d and r)", n));
    if (rd.symbols.count(n)) rd.fail(params.node()->source(), "parameters", fmt::format("'{}' appears twice", n));
    rd.symbols[n] = i == 0 ? alpha() : beta();
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
  return out;
}

const catalogue& ppxp_catalogue() {
  static std::once_flag once;
  static catalogue cache;
  std::call_once(once, [] { cache = parse_catalogue(ppxp_catalogue_text(), "data/catalogues/ppxp.toml"); });
  return cache;
}

}  // namespace scalelaw::phases
