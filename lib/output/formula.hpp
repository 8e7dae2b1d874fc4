// Formulas as mathematics (issue 24): the derivation's formula texts ("(2*alpha+2*beta-1)/(2*alpha+1)",
// "2*alpha^2-4*alpha+1 > 0", lib/phases/derive.hpp) as Unicode for Markdown ("(2α+2β−1)/(2α+1)") and as MathML for
// HTML, which every browser renders offline. The texts' grammar is small: numbers, alpha, beta, sqrt(n), + - * / ^ ( ),
// relations = < > ~ and the words and/or; a formula A/(B) at the top becomes a fraction.
#pragma once
#include <string>
#include <vector>

namespace scalelaw {

std::string formula_unicode(const std::string& text);

/// <math display="inline">...</math>
std::string formula_mathml(const std::string& text);

/// A text in the report's Markdown and what replaces it in the HTML, where it fills a whole table cell or list item.
struct math_replacement {
  std::string unicode, mathml;
};

}  // namespace scalelaw
