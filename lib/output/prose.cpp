#include "output/prose.hpp"

#include <cctype>

namespace scalelaw {

namespace {

bool word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || (c & 0x80); }

// s[i] is '(' or '{': the index of its matching ')' or '}', or npos
std::size_t closing(const std::string& s, std::size_t i) {
  const char open = s[i], close = open == '(' ? ')' : '}';
  int depth = 0;
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] == open) ++depth;
    if (s[k] == close && --depth == 0) return k;
    if (s[k] == '\n' || s[k] == '|') return std::string::npos;  // not across a line or a table cell
  }
  return std::string::npos;
}

std::string inline_math(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char prev = i > 0 ? s[i - 1] : ' ', next = i + 1 < s.size() ? s[i + 1] : ' ';
    if (c == '^' && i > 0 && (word(prev) || prev == ')')) {
      if (next == '(' || next == '{') {
        const std::size_t close = closing(s, i + 1);
        if (close != std::string::npos) {
          std::string exponent = inline_math(s.substr(i + 2, close - i - 2));
          if (!exponent.empty() && exponent[0] == '-') exponent = "−" + exponent.substr(1);
          out += "<sup>" + exponent + "</sup>";
          i = close;
          continue;
        }
      }
      std::size_t end = i + 1;
      if (end < s.size() && (s[end] == '-' || s[end] == '+')) ++end;
      // letters and digits, and a decimal point between digits (f^-0.0336), not a sentence's full stop
      while (end < s.size() && ((word(s[end]) && s[end] != '.') ||
                                (s[end] == '.' && end + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[end + 1])) &&
                                 std::isdigit(static_cast<unsigned char>(s[end - 1])))))
        ++end;
      if (end > i + 1 && !(end == i + 2 && (s[i + 1] == '-' || s[i + 1] == '+'))) {
        std::string exponent = s.substr(i + 1, end - i - 1);
        if (exponent[0] == '-') exponent = "−" + exponent.substr(1);
        out += "<sup>" + exponent + "</sup>";
        i = end - 1;
        continue;
      }
    }
    if (c == '*' && prev != '*' && next != '*' && i > 0 && (word(prev) || prev == ')')) {
      // a product between two factors (2*alpha, a*b, 2*(1+x)), or the optimum's star after a name (d*, d*(f), P*)
      const bool letter_before = std::isalpha(static_cast<unsigned char>(prev));
      if (word(next)) { out += "·"; continue; }
      if (next == '(' && !letter_before) { out += "·"; continue; }
      if (letter_before) { out += "⋆"; continue; }
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string prose_unicode(const std::string& md) {
  std::string out, line;
  bool fenced = false;
  for (std::size_t at = 0; at < md.size();) {
    const std::size_t nl = md.find('\n', at);
    line = md.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? md.size() : nl + 1;
    const bool fence = line.rfind("```", 0) == 0;
    if (fence || fenced || line.rfind("    ", 0) == 0 || line.rfind("![", 0) == 0) {
      if (fence) fenced = !fenced;
      out += line;
    } else {
      // outside code spans only: split at backticks, convert the even pieces
      std::size_t from = 0;
      bool code = false;
      for (std::size_t k; (k = line.find('`', from)) != std::string::npos; from = k + 1, code = !code)
        out += code ? line.substr(from, k - from) + "`" : inline_math(line.substr(from, k - from)) + "`";
      out += code ? line.substr(from) : inline_math(line.substr(from));
    }
    if (nl != std::string::npos) out += '\n';
  }
  return out;
}

}  // namespace scalelaw
