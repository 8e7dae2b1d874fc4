#include "infotheory/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "model/validate.hpp"

namespace scalelaw {

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
  GiNaC::Digits = 30;
  auto num = [](double x) { return GiNaC::numeric(fmt::format("{:.17g}", x).c_str()); };
  const GiNaC::ex v = GiNaC::evalf(parse_bound(text, s).subs(GiNaC::lst{s.p == num(p), s.T == num(T), s.d == num(d)}));
  GiNaC::Digits = saved;
  if (!GiNaC::is_a<GiNaC::numeric>(v) || !GiNaC::ex_to<GiNaC::numeric>(v).is_real())
    throw invalid_input(fmt::format("bound '{}' is not a real number at p = {}, T = {}, d = {}", text, p, T, d));
  const double x = GiNaC::ex_to<GiNaC::numeric>(v).to_double();
  if (!std::isfinite(x)) throw invalid_input(fmt::format("bound '{}' is not finite at p = {}, T = {}, d = {}", text, p, T, d));
  return x;
}

}  // namespace scalelaw
