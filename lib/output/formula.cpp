#include "output/formula.hpp"

#include <cctype>

namespace scalelaw {

namespace {

bool starts(const std::string& s, std::size_t i, const char* w) { return s.compare(i, std::char_traits<char>::length(w), w) == 0; }

// the matching ')' of the '(' at i, or npos
std::size_t closing(const std::string& s, std::size_t i) {
  int depth = 0;
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] == '(') ++depth;
    else if (s[k] == ')' && --depth == 0) return k;
  }
  return std::string::npos;
}

std::string tokens_mathml(const std::string& s) {
  std::vector<std::string> el;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '*' && starts(s, i + 1, "sqrt")) { el.push_back("<mo>·</mo>"); ++i; continue; }  // 1/2·√2, not 1/(2√2)
    if (c == ' ' || c == '*') { ++i; continue; }  // '*': multiplication by juxtaposition
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      std::size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      el.push_back("<mn>" + s.substr(i, j - i) + "</mn>");
      i = j;
    } else if (starts(s, i, "alpha")) { el.push_back("<mi>α</mi>"); i += 5; }
    else if (starts(s, i, "beta")) { el.push_back("<mi>β</mi>"); i += 4; }
    else if (starts(s, i, "sqrt(") && closing(s, i + 4) != std::string::npos) {
      const std::size_t e = closing(s, i + 4);
      el.push_back("<msqrt>" + tokens_mathml(s.substr(i + 5, e - i - 5)) + "</msqrt>");
      i = e + 1;
    } else if (starts(s, i, "and") || starts(s, i, "or")) {
      const std::size_t n = s[i] == 'a' ? 3 : 2;
      el.push_back("<mtext>&#160;" + s.substr(i, n) + "&#160;</mtext>");
      i += n;
    } else if (c == '^' && !el.empty()) {  // base^exponent: the exponent is a number or a parenthesised group
      std::size_t j = i + 1, e = j;
      std::string expo;
      if (j < s.size() && s[j] == '(' && (e = closing(s, j)) != std::string::npos) {
        expo = "<mrow>" + tokens_mathml(s.substr(j + 1, e - j - 1)) + "</mrow>";
        j = e + 1;
      } else {
        e = j;
        while (e < s.size() && (std::isdigit(static_cast<unsigned char>(s[e])) || s[e] == '.')) ++e;
        expo = "<mn>" + s.substr(j, e - j) + "</mn>";
        j = e;
      }
      el.back() = "<msup>" + el.back() + expo + "</msup>";
      i = j;
    } else {
      std::string op(1, c);
      if (c == '-') op = "−";
      else if (c == '~') op = "≈";
      else if (c == '<') op = "&lt;";
      else if (c == '>') op = "&gt;";
      else if (c == '&') op = "&amp;";
      el.push_back("<mo>" + op + "</mo>");
      ++i;
    }
  }
  std::string out;
  for (const auto& e : el) out += e;
  return out;
}

}  // namespace

std::string formula_unicode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (starts(s, i, "alpha")) { out += "α"; i += 5; }
    else if (starts(s, i, "beta")) { out += "β"; i += 4; }
    else if (starts(s, i, "sqrt(") && closing(s, i + 4) != std::string::npos) {
      const std::size_t e = closing(s, i + 4);
      const std::string arg = s.substr(i + 5, e - i - 5);
      const bool simple = arg.find_first_not_of("0123456789.") == std::string::npos;
      out += "√" + (simple ? arg : "(" + formula_unicode(arg) + ")");
      i = e + 1;
    } else if (s[i] == '*') {  // juxtaposition; before a root a dot: 1/2·√2, not 1/2√2 (which reads 1/(2√2))
      if (starts(s, i + 1, "sqrt")) out += "·";
      ++i;
    }
    else if (s[i] == '^' && i + 1 < s.size() && s[i + 1] >= '2' && s[i + 1] <= '3' &&
             (i + 2 == s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 2])))) {
      out += s[i + 1] == '2' ? "²" : "³";
      i += 2;
    } else if (s[i] == '-') { out += "−"; ++i; }
    else if (s[i] == '~') { out += "≈"; ++i; }
    else { out += s[i]; ++i; }
  }
  return out;
}

std::string formula_mathml(const std::string& s) {
  std::string body;
  // A/(B) or (A)/(B) at the top level: a fraction
  const std::size_t slash = s.rfind("/(");
  if (slash != std::string::npos && closing(s, slash + 1) == s.size() - 1) {
    std::string num = s.substr(0, slash);
    int depth = 0;  // of the '/': a fraction only at depth 0
    for (char c : num) depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (depth == 0) {
      if (num.size() > 1 && num.front() == '(' && closing(num, 0) == num.size() - 1) num = num.substr(1, num.size() - 2);
      body = "<mfrac><mrow>" + tokens_mathml(num) + "</mrow><mrow>" + tokens_mathml(s.substr(slash + 2, s.size() - slash - 3)) +
             "</mrow></mfrac>";
    }
  }
  if (body.empty()) body = tokens_mathml(s);
  return "<math display=\"inline\">" + body + "</math>";
}

}  // namespace scalelaw
