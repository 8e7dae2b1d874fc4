// GiNaC 1.8's parser takes a call with nothing before its first comma or closing parenthesis, `f()` or `f(,x)`, for a
// call with one argument and then dereferences the missing one (a segmentation fault in GiNaC::function::eval, found by
// tests/fuzz/fuzz_expression through the bound parser and by tests/fuzz/fuzz_catalogue through the TOML readers). Both
// parsers refuse such text before GiNaC sees it.
#pragma once
#include <cctype>
#include <cstddef>
#include <string_view>

namespace scalelaw {

/// The offset of the '(' of the first call in `text` whose first argument is empty (`f()`, `f( )`, `f(,x)`, or `f(` at
/// the end), a call being a '(' after a name character (letter, digit, '_'), spaces between allowed; npos if none.
inline std::size_t call_without_argument(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
    std::size_t before = open;
    while (before > 0 && space(text[before - 1])) --before;
    const bool call = before > 0 && (std::isalnum(static_cast<unsigned char>(text[before - 1])) || text[before - 1] == '_');
    std::size_t inside = open + 1;
    while (inside < text.size() && space(text[inside])) ++inside;
    if (call && (inside == text.size() || text[inside] == ')' || text[inside] == ',')) return open;
  }
  return std::string_view::npos;
}

}  // namespace scalelaw
