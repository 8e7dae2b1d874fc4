#include "scalelaw/phases/table_diff.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "phases/arrangement.hpp"
#include "scalelaw/model/validate.hpp"

namespace scalelaw::phases {

namespace {

using region_set = std::vector<std::vector<GiNaC::ex>>;  // a union of conjunctions of `expr > 0`

struct parsed {
  GiNaC::ex xi, eta;
  region_set region;
};

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t") + 1);
  return s;
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = s.find(sep, from);
    out.push_back(s.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return out;
    from = at + sep.size();
  }
}

struct reader {
  GiNaC::symtab symbols;
  GiNaC::ex expr(const std::string& text, const std::string& where) const {
    try {
      GiNaC::parser p(symbols, true);
      return p(text);
    } catch (const std::exception& e) {
      std::string why = e.what();
      throw invalid_input(fmt::format("{}: '{}' is not an expression in the parameters ({})", where, text, why.substr(0, why.find('\n'))));
    }
  }
  region_set region(const std::string& text, const std::string& where) const {
    region_set out;
    for (std::string conj : split(text, " or ")) {
      conj = trim(conj);
      if (conj.size() >= 2 && conj.front() == '(' && conj.back() == ')') conj = conj.substr(1, conj.size() - 2);
      std::vector<GiNaC::ex> c;
      for (const std::string& q : split(conj, " and ")) {
        const auto at = q.find_last_of("<>");
        if (at == std::string::npos || trim(q.substr(at + 1)) != "0")
          throw invalid_input(fmt::format("{}: '{}' must read 'EXPR > 0' or 'EXPR < 0'", where, q));
        const GiNaC::ex e = expr(q.substr(0, at), where);
        c.push_back(q[at] == '>' ? e : -e);
      }
      out.push_back(c);
    }
    return out;
  }
};

bool in(const region_set& r, const point& x) {
  for (const auto& conj : r) {
    bool all = true;
    for (const auto& q : conj) all = all && value_at(q, x).is_positive();
    if (all) return true;
  }
  return false;
}

// equal as open sets: the same membership on every open cell of the arrangement of both regions' polynomials
bool same_set(const region_set& x, const region_set& y, std::size_t parameters) {
  std::vector<GiNaC::ex> exprs;
  for (const auto* r : {&x, &y})
    for (const auto& conj : *r) exprs.insert(exprs.end(), conj.begin(), conj.end());
  for (const point& p : open_cell_samples(irreducible_factors(exprs), parameter_symbols(parameters)))
    if (in(x, p) != in(y, p)) return false;
  return true;
}

bool same(const GiNaC::ex& x, const GiNaC::ex& y) { return GiNaC::normal(x - y).is_zero(); }

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

region_set region_of(const phase& ph) {
  region_set r;
  for (const auto& conj : ph.region) {
    std::vector<GiNaC::ex> c;
    for (const auto& q : conj) c.push_back(q.expr);
    r.push_back(c);
  }
  return r;
}

}  // namespace

std::vector<phase_change> compare_tables(const std::vector<phase_text>& old, const std::vector<phase>& now,
                                         const std::vector<std::string>& parameters) {
  reader rd;
  const std::size_t n = std::clamp<std::size_t>(parameters.size(), 1, parameter_symbols().size());
  for (std::size_t i = 0; i < parameters.size() && i < n; ++i) rd.symbols[parameters[i]] = parameter_symbols()[i];
  std::vector<parsed> was;
  for (const auto& p : old)
    was.push_back({rd.expr(p.xi, "phase " + p.label + ": xi_formula"), rd.expr(p.eta, "phase " + p.label + ": eta_formula"),
                   rd.region(p.region, "phase " + p.label + ": region")});
  std::vector<phase_change> out;
  std::vector<bool> old_matched(old.size(), false), now_matched(now.size(), false);
  auto dominant_of = [](const phase& ph) {
    std::vector<std::string> d;
    for (const auto& t : ph.dominant) d.push_back(t.label());
    return d;
  };
  // by name first
  for (std::size_t i = 0; i < old.size(); ++i)
    for (std::size_t k = 0; k < now.size(); ++k) {
      if (now_matched[k] || old[i].label != now[k].label) continue;
      old_matched[i] = now_matched[k] = true;
      const phase& ph = now[k];
      if (!same(was[i].xi, ph.xi)) out.push_back({ph.label, "xi", old[i].xi, formula_text(ph.xi)});
      if (!same(was[i].eta, ph.eta)) out.push_back({ph.label, "eta", old[i].eta, formula_text(ph.eta)});
      if (!same_set(was[i].region, region_of(ph), n)) out.push_back({ph.label, "region", old[i].region, "(as derived now)"});
      if (old[i].dominant != dominant_of(ph)) out.push_back({ph.label, "dominant", join(old[i].dominant), join(dominant_of(ph))});
      break;
    }
  // then the same formulas and region under another name
  for (std::size_t i = 0; i < old.size(); ++i)
    for (std::size_t k = 0; k < now.size() && !old_matched[i]; ++k)
      if (!now_matched[k] && same(was[i].xi, now[k].xi) && same(was[i].eta, now[k].eta) && same_set(was[i].region, region_of(now[k]), n)) {
        old_matched[i] = now_matched[k] = true;
        out.push_back({now[k].label, "renamed", old[i].label, now[k].label});
      }
  for (std::size_t i = 0; i < old.size(); ++i)
    if (!old_matched[i]) out.push_back({old[i].label, "removed", fmt::format("xi = {}, eta = {} on {}", old[i].xi, old[i].eta, old[i].region), ""});
  for (std::size_t k = 0; k < now.size(); ++k)
    if (!now_matched[k])
      out.push_back({now[k].label, "added", "", fmt::format("xi = {}, eta = {}", formula_text(now[k].xi), formula_text(now[k].eta))});
  return out;
}

}  // namespace scalelaw::phases
