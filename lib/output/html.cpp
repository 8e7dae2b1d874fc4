#include "output/html.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace scalelaw {

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

// text as cmark-gfm escapes it in HTML
std::string html_text(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string(1, c);
  return o;
}

// an inline SVG without its XML prolog (not allowed inside HTML)
std::string inline_svg(std::string svg) {
  const auto start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

}  // namespace

std::string markdown_to_html(const std::string& markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE;  // UNSAFE: keep the report's own raw HTML
  std::unique_ptr<cmark_parser, void (*)(cmark_parser*)> parser(cmark_parser_new(options), cmark_parser_free);
  if (!parser) throw std::bad_alloc();
  if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
    cmark_parser_attach_syntax_extension(parser.get(), table);
  else
    throw std::runtime_error("cmark-gfm: the table extension is not registered");
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(cmark_parser_finish(parser.get()), cmark_node_free);
  char* html = cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  std::free(html);
  return out;
}

std::string markdown_page(const std::string& title, const std::string& markdown, const std::string& base_dir,
                          const std::vector<math_replacement>& math) {
  std::string body = markdown_to_html(markdown);
  // formulas: whole cells and list items only, so that a formula's text elsewhere in prose is left alone
  for (const auto& m : math)
    for (const char* tag : {"td", "li"}) {
      const std::string from = std::string("<") + tag + ">" + html_text(m.unicode) + "</" + tag + ">",
                        to = std::string("<") + tag + ">" + m.mathml + "</" + tag + ">";
      for (std::size_t p = 0; (p = body.find(from, p)) != std::string::npos; p += to.size()) body.replace(p, from.size(), to);
    }
  // <img src="figures/x.svg" alt="..." /> -> the SVG itself
  for (std::size_t pos = 0; (pos = body.find("<img src=\"", pos)) != std::string::npos;) {
    const std::size_t src = pos + 10, src_end = body.find('"', src), tag_end = body.find('>', pos);
    if (src_end == std::string::npos || tag_end == std::string::npos) break;
    const std::string file = body.substr(src, src_end - src);
    const std::filesystem::path path = std::filesystem::path(base_dir) / file;
    if (file.size() > 4 && file.ends_with(".svg") && file.find("..") == std::string::npos && std::filesystem::exists(path)) {
      const std::string svg = inline_svg(read_file(path));
      body.replace(pos, tag_end + 1 - pos, svg);
      pos += svg.size();
    } else {
      pos = tag_end;
    }
  }
  std::string escaped_title;
  for (char c : title) escaped_title += c == '<' ? "&lt;" : c == '&' ? "&amp;" : std::string(1, c);
  return "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>" + escaped_title +
         "</title><style>body{font-family:sans-serif;max-width:1000px;margin:auto}table{border-collapse:collapse}"
         "td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}svg{max-width:100%;height:auto}"
         "code{background:#f4f4f4;padding:0 3px}</style></head><body>\n" +
         body + "</body></html>\n";
}

}  // namespace scalelaw
