// Reading the TOML files of the toolkit (catalogues, claims) with toml++: the text's checks that keep toml++ 3.3
// on its defined paths, and a reader that turns a missing or mistyped key into "SOURCE:LINE: KEY: what is wrong".
// Internal to the library.
#pragma once
#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <ginac/ginac.h>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/call_without_argument.hpp"

// toml++ 3.3 checks its parser's invariants with TOML_ASSERT_ASSUME, which malformed text can break (fuzz_catalogue:
// "o=[} ter"); with NDEBUG and clang that is __builtin_assume, an assumption the compiler may act on (with gcc 12 it is
// nothing). Here each check records a broken invariant and the parser goes on as gcc's build would (some checks sit
// in noexcept functions, where a throw would terminate); parse_catalogue then refuses the file.
namespace scalelaw::toml_read {
inline thread_local bool toml_invariant_broken = false;
}
#pragma push_macro("NDEBUG")
#undef NDEBUG
#define TOML_ASSERT(expr) ((expr) ? static_cast<void>(0) : static_cast<void>(scalelaw::toml_read::toml_invariant_broken = true))
#define TOML_HEADER_ONLY 1  // no library to link (CMakeLists.txt)
#include <toml++/toml.h>
#pragma pop_macro("NDEBUG")


namespace scalelaw::toml_read {

/// Parses TOML text after refusing what toml++ 3.3 mishandles; throws invalid_input "SOURCE:LINE: what".
inline toml::table parse(std::string_view text, std::string_view source) {
  // A file is ASCII text without control characters (but tab, newline, carriage return). Both found by
  // tests/fuzz/fuzz_catalogue in toml++ 3.3 (Debian 12): a control character inside a key trips an assertion, and its
  // Unicode whitespace test reaches __builtin_unreachable on code points such as U+00A1-U+049A and U+FB06-U+FEFE
  // (undefined behaviour). Refused here, with their line, before toml++ reads the text.
  std::size_t line = 1;
  for (const char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '\n') ++line;
    else if ((u < 0x20 && ch != '\t' && ch != '\r') || u == 0x7f)
      throw invalid_input(fmt::format("{}:{}: a control character (code {}) is not allowed in this file", source, line, u));
    else if (u >= 0x80)
      throw invalid_input(fmt::format("{}:{}: the file must be ASCII text (byte {:#x})", source, line, u));
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
  return doc;
}

/// A name: a letter, then letters, digits, underscores (parameters, terms, phases).
inline bool is_name(const std::string& n) {
  if (n.empty() || !std::isalpha(static_cast<unsigned char>(n[0]))) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

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
    if (call_without_argument(text) != std::string::npos)  // GiNaC 1.8 crashes on it (numeric/call_without_argument.hpp)
      fail(where, key, fmt::format("'{}' is not an expression in the parameters (a function called without an argument)", text));
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

}  // namespace scalelaw::toml_read
