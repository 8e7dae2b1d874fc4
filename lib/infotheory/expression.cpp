#include "scalelaw/infotheory/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <vector>
#include <fmt/format.h>

#include "scalelaw/model/validate.hpp"
#include "scalelaw/numeric/call_without_argument.hpp"

namespace scalelaw {

namespace {

std::string print(const GiNaC::ex& e) {
  std::ostringstream os;
  os << e;
  return os.str();
}

}  // namespace

std::string canonical_text(const GiNaC::ex& e) {
  using namespace GiNaC;
  if (is_a<add>(e)) {
    std::vector<std::string> terms;
    for (std::size_t i = 0; i < e.nops(); ++i) terms.push_back(canonical_text(e.op(i)));
    std::sort(terms.begin(), terms.end());
    std::string s;
    for (const auto& t : terms) s += (s.empty() || t.front() == '-') ? t : "+" + t;
    return s;
  }
  if (is_a<mul>(e)) {
    std::vector<std::string> factors;
    numeric coeff = 1;
    for (std::size_t i = 0; i < e.nops(); ++i) {
      if (is_a<numeric>(e.op(i))) {
        coeff *= ex_to<numeric>(e.op(i));
        continue;
      }
      const std::string f = canonical_text(e.op(i));
      factors.push_back(is_a<add>(e.op(i)) ? "(" + f + ")" : f);
    }
    std::sort(factors.begin(), factors.end());
    std::string s;
    for (const auto& f : factors) s += (s.empty() ? "" : "*") + f;
    if (coeff == 1) return s;
    if (coeff == -1) return "-" + s;
    const std::string c = print(coeff);
    return (coeff.is_rational() && coeff.is_integer() ? c : "(" + c + ")") + "*" + s;
  }
  if (is_a<power>(e)) {
    const ex base = e.op(0), expo = e.op(1);
    std::string b = canonical_text(base);
    if (is_a<add>(base) || is_a<mul>(base) || is_a<power>(base) || (is_a<numeric>(base) && !ex_to<numeric>(base).is_pos_integer()))
      b = "(" + b + ")";
    const bool plain = is_a<numeric>(expo) && ex_to<numeric>(expo).is_pos_integer();
    return b + "^" + (plain ? canonical_text(expo) : "(" + canonical_text(expo) + ")");
  }
  if (is_a<function>(e)) {
    std::string s = ex_to<function>(e).get_name() + "(";
    for (std::size_t i = 0; i < e.nops(); ++i) s += (i ? "," : "") + canonical_text(e.op(i));
    return s + ")";
  }
  return print(e);
}

GiNaC::ex parse_bound(const std::string& text, const bound_symbols& s) {
  // GiNaC's parser recurses once per nesting level and per operator of a chain: 30000 nested parentheses overflowed
  // the stack (a segmentation fault). Real bounds are a line long; refuse what no bound needs before parsing.
  constexpr std::size_t max_length = 4096;
  constexpr int max_depth = 200;
  if (text.size() > max_length)
    throw invalid_input(fmt::format("bound is {} characters long: at most {} are accepted", text.size(), max_length));
  int depth = 0, deepest = 0, chain = 0, longest_chain = 0;
  for (char c : text) {
    if (c == '(') deepest = std::max(deepest, ++depth);
    else if (c == ')') --depth;
    if (c == '^' || c == '-' || c == '+') longest_chain = std::max(longest_chain, ++chain);  // operators recurse too
    else if (c != ' ' && !std::isalnum(static_cast<unsigned char>(c)) && c != '.') chain = 0;
  }
  if (deepest > max_depth || longest_chain > 4 * max_depth)
    throw invalid_input(fmt::format("bound nests {} parentheses and chains {} operators: at most {} and {} are accepted",
                                    deepest, longest_chain, max_depth, 4 * max_depth));
  // GiNaC 1.8 crashes on a call without an argument (numeric/call_without_argument.hpp): never a bound, refused here
  if (const std::size_t i = call_without_argument(text); i != std::string::npos)
    throw invalid_input(fmt::format("bound '{}' calls a function with no argument (at character {})", text, i + 1));
  // GiNaC raises a number to an integer power exactly while it parses: "4^44444444444444" never returns (found by
  // tests/fuzz/fuzz_expression). A numeric exponent written after ^ must be at most 1000 in magnitude.
  // And GiNaC reads a sign after ^ as the sign of everything that follows: "p^-1+T^-1" is p^-(1+T^-1), not 1/p + 1/T
  // (a silent misreading of an ordinary bound; "4^+44^+1+44444" is 4^(44^44445) and never returns: found by
  // tests/fuzz/fuzz_expression). A signed exponent must be in parentheses, p^(-1).
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '^') continue;
    std::size_t j = i + 1;
    while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    if (j < text.size() && (text[j] == '+' || text[j] == '-'))
      throw invalid_input(fmt::format("bound '{}': a signed exponent needs parentheses, as in p^(-1) (at character {}; GiNaC "
                                      "would read p^-1+T as p^-(1+T))", text.size() > 80 ? text.substr(0, 80) + "..." : text, j + 1));
    while (j < text.size() && (std::isspace(static_cast<unsigned char>(text[j])) || text[j] == '(' || text[j] == '+' || text[j] == '-')) ++j;
    std::size_t k = j;
    while (k < text.size() && (std::isdigit(static_cast<unsigned char>(text[k])) || text[k] == '.')) ++k;
    if (k == j) continue;
    const std::string literal = text.substr(j, k - j);
    const bool scientific = k < text.size() && (text[k] == 'e' || text[k] == 'E');
    double value = 0;
    try { value = std::stod(literal); } catch (const std::exception&) { value = INFINITY; }
    if (scientific || !(value <= 1000))
      throw invalid_input(fmt::format("bound '{}' raises to the power {}{}: numeric exponents are limited to 1000", text.size() > 80 ? text.substr(0, 80) + "..." : text,
                                      literal, scientific ? "e..." : ""));
  }
  // A decimal exponent is read exactly too: "0e000...081985529216" never returns (tests/fuzz/fuzz_expression). As in the
  // parameters' parser (numeric/exact.hpp), |exponent| <= 4000.
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if ((text[i] != 'e' && text[i] != 'E') || !(std::isdigit(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '.')) continue;
    std::size_t j = i + 1;
    if (text[j] == '+' || text[j] == '-') ++j;
    while (j < text.size() && text[j] == '0') ++j;  // leading zeros
    std::size_t k = j;
    while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]))) ++k;
    if (k - j > 4 || (k > j && std::stoi(text.substr(j, k - j)) > 4000))
      throw invalid_input(fmt::format("bound has a decimal exponent beyond 4000 (at character {})", i + 1));
  }
  GiNaC::symtab table;
  table["p"] = s.p;
  table["T"] = s.T;
  table["d"] = s.d;
  table["Pi"] = GiNaC::Pi;
  GiNaC::parser reader(table);
  reader.strict = true;  // unknown symbols are an error
  try {
    return reader(text);
  } catch (const std::exception& e) {
    std::string why = e.what();
    why = why.substr(0, why.find('\n'));
    throw invalid_input("bound '" + text + "' cannot be parsed: " + why + " (use p, T, d, Pi, log, exp, sqrt, ^)");
  }
}

double evaluate_bound(const std::string& text, double p, double T, double d) {
  const bound_symbols s;
  const long saved = GiNaC::Digits;
  struct restore { long d; ~restore() { GiNaC::Digits = d; } } keep{saved};  // also when parse_bound throws
  GiNaC::Digits = 30;
  auto num = [](double x) { return GiNaC::numeric(fmt::format("{:.17g}", x).c_str()); };
  const GiNaC::ex e = parse_bound(text, s);
  GiNaC::ex v;
  try {
    v = GiNaC::evalf(e.subs(GiNaC::lst{s.p == num(p), s.T == num(T), s.d == num(d)}));
  } catch (const std::exception& x) {  // CLN's "floating point overflow" and the like: the bound, not the program
    throw invalid_input(fmt::format("bound '{}' cannot be evaluated at p = {}, T = {}, d = {}: {}", text, p, T, d, x.what()));
  }
  if (!GiNaC::is_a<GiNaC::numeric>(v) || !GiNaC::ex_to<GiNaC::numeric>(v).is_real())
    throw invalid_input(fmt::format("bound '{}' is not a real number at p = {}, T = {}, d = {}", text, p, T, d));
  const double x = GiNaC::ex_to<GiNaC::numeric>(v).to_double();
  if (!std::isfinite(x)) throw invalid_input(fmt::format("bound '{}' is not finite at p = {}, T = {}, d = {}", text, p, T, d));
  return x;
}

}  // namespace scalelaw
