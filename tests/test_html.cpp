// The report's page (issue 24, lib/output/html.hpp): Markdown rendered by cmark-gfm, GitHub tables included, and the
// figures inlined. What the hand-written converter it replaced got wrong: backticks left as literal text, headings
// and lists as paragraphs, images dropped from the page (it inlined SVGs by hand per section).
#define BOOST_TEST_MODULE html
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "output/html.hpp"
#include "output/prose.hpp"

using namespace scalelaw;
namespace fs = std::filesystem;

namespace {
std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size()) ++n;
  return n;
}
}  // namespace

BOOST_AUTO_TEST_CASE(markdown_renders_tables_code_headings_lists) {
  const std::string html = markdown_to_html(
      "## Phases\n\nMade by `scalelaw report --quick`; 2 < 3 & 4.\n\n- `2*alpha-1 = 0`\n- `alpha-beta = 0`\n\n"
      "| phase | xi |\n|---|---|\n| Ia | `1/(2*alpha+1)` |\n| II | `beta/(alpha+beta)` |\n");
  BOOST_TEST(html.find("<h2>Phases</h2>") != std::string::npos, html);
  BOOST_TEST(count(html, "<code>") == 5u, html);
  BOOST_TEST(html.find('`') == std::string::npos, html);  // no literal backticks left
  BOOST_TEST(html.find("2 &lt; 3 &amp; 4") != std::string::npos, html);
  BOOST_TEST(count(html, "<li>") == 2u, html);
  BOOST_TEST(count(html, "<table>") == 1u, html);
  BOOST_TEST(count(html, "<tr>") == 3u, html);  // header + two rows
  BOOST_TEST(html.find("| Ia |") == std::string::npos, html);  // no table left as text
}

BOOST_AUTO_TEST_CASE(page_inlines_the_svg_figures) {
  const fs::path dir = fs::temp_directory_path() / "scalelaw_test_html";
  fs::remove_all(dir);
  fs::create_directories(dir / "figures");
  std::ofstream(dir / "figures" / "a.svg") << "<?xml version=\"1.0\"?>\n<svg xmlns='http://www.w3.org/2000/svg'><circle r='1'/></svg>\n";
  const std::string page = markdown_page("t <1>", "# T\n\n![a](figures/a.svg)\n\n![missing](figures/none.svg)\n\ntext\n", dir.string());
  BOOST_TEST(page.find("<circle r='1'/>") != std::string::npos, page);
  BOOST_TEST(page.find("<?xml") == std::string::npos, page);          // the prolog is not allowed inside HTML
  BOOST_TEST(page.find("src=\"figures/a.svg\"") == std::string::npos, page);
  BOOST_TEST(page.find("src=\"figures/none.svg\"") != std::string::npos, page);  // a missing file stays a link
  BOOST_TEST(page.find("<title>t &lt;1></title>") != std::string::npos, page);
  BOOST_TEST(page.rfind("</html>") != std::string::npos);
  fs::remove_all(dir);
}

#include "output/formula.hpp"

// The derivation's texts as mathematics: Unicode for the Markdown, MathML for the page (each exact, so that a changed
// rendering is seen).
BOOST_AUTO_TEST_CASE(formulas_as_unicode_and_mathml) {
  BOOST_TEST(formula_unicode("(2*alpha+2*beta-1)/(2*alpha+1)") == "(2α+2β−1)/(2α+1)");
  BOOST_TEST(formula_unicode("2*alpha^2-4*alpha+1 = 0  (alpha = 1-1/2*sqrt(2) ~ 0.292893)") ==
             "2α²−4α+1 = 0  (α = 1−1/2·√2 ≈ 0.292893)");
  BOOST_TEST(formula_unicode("2*alpha-1 > 0 and alpha-beta < 0") == "2α−1 > 0 and α−β < 0");
  BOOST_TEST(formula_mathml("beta/(alpha+beta)") ==
             "<math display=\"inline\"><mfrac><mrow><mi>β</mi></mrow><mrow><mi>α</mi><mo>+</mo><mi>β</mi></mrow></mfrac></math>");
  BOOST_TEST(formula_mathml("(4*alpha-1)/(4*alpha)") ==
             "<math display=\"inline\"><mfrac><mrow><mn>4</mn><mi>α</mi><mo>−</mo><mn>1</mn></mrow><mrow><mn>4</mn><mi>α</mi>"
             "</mrow></mfrac></math>");
  BOOST_TEST(formula_mathml("1/2") == "<math display=\"inline\"><mn>1</mn><mo>/</mo><mn>2</mn></math>");  // no /( : not a fraction
  BOOST_TEST(formula_mathml("2*alpha^2-4*alpha+1 > 0") ==
             "<math display=\"inline\"><mn>2</mn><msup><mi>α</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>α</mi><mo>+</mo><mn>1</mn>"
             "<mo>&gt;</mo><mn>0</mn></math>");
  BOOST_TEST(formula_mathml("1-1/2*sqrt(2)") ==
             "<math display=\"inline\"><mn>1</mn><mo>−</mo><mn>1</mn><mo>/</mo><mn>2</mn><mo>·</mo><msqrt><mn>2</mn></msqrt></math>");
  const std::string region = formula_mathml("2*alpha-1 < 0 and 4*alpha-1 > 0");
  BOOST_TEST(region.find("<mtext>&#160;and&#160;</mtext>") != std::string::npos, region);
  BOOST_TEST(region.find("<mo>&lt;</mo>") != std::string::npos, region);
  // (a)/(b)+c is not one fraction: the last /( does not close at the end
  BOOST_TEST(formula_mathml("(alpha)/(beta)+1").find("<mfrac>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(page_puts_mathml_in_whole_cells_only) {
  const std::vector<math_replacement> math{{formula_unicode("beta/(alpha+beta)"), formula_mathml("beta/(alpha+beta)")}};
  const std::string page = markdown_page("t", "| xi |\n|---|\n| β/(α+β) |\n\nprose β/(α+β) stays\n", ".", math);
  BOOST_TEST(page.find("<td><math display=\"inline\"><mfrac>") != std::string::npos, page);
  BOOST_TEST(page.find("prose β/(α+β) stays") != std::string::npos, page);
}

// output/prose.hpp: the sentences' ASCII mathematics as Markdown that reads as mathematics; code, emphasis, figures kept.
BOOST_AUTO_TEST_CASE(prose_exponents_and_stars) {
  BOOST_TEST(prose_unicode("F0 ~ d^(-2 alpha) here") == "F0 ~ d<sup>−2 alpha</sup> here");
  BOOST_TEST(prose_unicode("falls as f^-0.0336.") == "falls as f<sup>−0.0336</sup>.");
  BOOST_TEST(prose_unicode("gamma ~ d^{2a-1}, (2 gamma B r)^{-e}") == "gamma ~ d<sup>2a-1</sup>, (2 gamma B r)<sup>−e</sup>");
  BOOST_TEST(prose_unicode("x ^ y and a^") == "x ^ y and a^");  // no exponent to take: left as typed
  BOOST_TEST(prose_unicode("2*alpha and a*b, 2*(1+x)") == "2·alpha and a·b, 2·(1+x)");
  BOOST_TEST(prose_unicode("d*(f) and P* at the optimum") == "d⋆(f) and P⋆ at the optimum");
  BOOST_TEST(prose_unicode("| x | **FAIL** | y |") == "| x | **FAIL** | y |");
  BOOST_TEST(prose_unicode("see `2*alpha^2` and 2*alpha") == "see `2*alpha^2` and 2·alpha");
  BOOST_TEST(prose_unicode("```\nd^2 * x\n```\nd^2") == "```\nd^2 * x\n```\nd<sup>2</sup>");
  BOOST_TEST(prose_unicode("![f](figures/a^b.svg)") == "![f](figures/a^b.svg)");
}
