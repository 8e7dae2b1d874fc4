// Markdown to one self-contained HTML page (issue 24): GitHub-flavoured Markdown (tables) rendered by cmark-gfm, and
// each image `![..](figures/NAME.svg)` replaced by the SVG itself, so the page needs no other file.
#pragma once
#include <string>
#include <vector>

#include "output/formula.hpp"

namespace scalelaw {

/// The HTML of `markdown` (cmark-gfm with the table extension; raw HTML in the Markdown is kept).
std::string markdown_to_html(const std::string& markdown);

/// A whole page: `title`, the rendered `markdown`, and every <img src="X.svg"> whose file exists under `base_dir`
/// replaced by that file's SVG; each table cell or list item whose whole text is a `math` Unicode formula becomes its MathML.
std::string markdown_page(const std::string& title, const std::string& markdown, const std::string& base_dir,
                          const std::vector<math_replacement>& math = {});

}  // namespace scalelaw
