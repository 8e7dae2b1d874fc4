#include "scalelaw/phases/catalogue_file.hpp"

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

term term_of(const std::string& name, const reader& rd, const toml::source_region& where, const std::string& key) {
  for (term t : {term::Fpp, term::Fac, term::F0, term::Kpp})
    if (name == phases::name(t)) return t;
  rd.fail(where, key, fmt::format("'{}' is not a term the derivation knows (Fpp, Fac, F0, Kpp)", name));
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
  // the derivation (lib/phases/derive.cpp) is written for the plane (alpha, beta) with compute d*r
  if (out.parameters != std::vector<std::string>{"alpha", "beta"})
    rd.fail(params.node()->source(), "parameters", "the derivation supports the parameters [\"alpha\", \"beta\"] only");
  rd.symbols["alpha"] = alpha();
  rd.symbols["beta"] = beta();
  if (const auto c = doc["compute"]) {
    out.compute = rd.string_at(c, top, "compute");
    std::string squeezed;
    for (char ch : out.compute)
      if (ch != ' ') squeezed += ch;
    if (squeezed != "d*r" && squeezed != "r*d") rd.fail(c.node()->source(), "compute", "the derivation supports compute = \"d*r\" only");
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
