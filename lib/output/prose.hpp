// Mathematics in the report's prose (issue 24: "no raw *, ^ or backticks in prose"). The sentences that the sections
// and the checks write in ASCII ("d^(-2 alpha)", "d*(f)", "2*alpha") become Markdown that reads as mathematics:
// exponents as <sup> (cmark-gfm keeps raw HTML), a product's * as ·, the optimum's * as ⋆. Code spans, fenced blocks,
// Markdown emphasis (**bold**) and the figures' links are left alone. Whole formulas in table cells are the phase table's
// (output/formula.hpp, MathML in the page); this is for the text around them.
#pragma once
#include <string>

namespace scalelaw {

std::string prose_unicode(const std::string& markdown);

}  // namespace scalelaw
