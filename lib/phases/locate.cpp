#include "scalelaw/phases/locate.hpp"

#include <algorithm>
#include <stdexcept>

#include "phases/polynomial.hpp"

namespace scalelaw::phases {

using GiNaC::ex;

phase_locator::phase_locator(const std::vector<phase>& phases) {
  for (const auto& ph : phases) {
    auto& region = regions_.emplace_back();
    for (const auto& conj : ph.region) {
      auto& conditions = region.emplace_back();
      for (const auto& q : conj) {
        polynomial p;
        for (const ex& t : polynomial_terms(q.expr)) {
          const std::vector<int> k = monomial_exponents(t);
          const ex c = monomial_coefficient(t);
          if (!GiNaC::is_a<GiNaC::numeric>(c)) throw std::logic_error("phase_locator: a region condition is not a polynomial");
          for (std::size_t j = 0; j < 4; ++j)
            if (k[j] > 0) parameters_ = std::max(parameters_, j + 1);
          p.terms.push_back({{k[0], k[1], k[2], k[3]}, GiNaC::ex_to<GiNaC::numeric>(c).to_double()});
        }
        conditions.push_back(std::move(p));
      }
    }
  }
}

double phase_locator::polynomial::at(const std::array<double, 4>& x) const {
  double s = 0;
  for (const auto& [k, c] : terms) {
    double t = c;
    for (std::size_t i = 0; i < 4; ++i)
      for (int j = 0; j < k[i]; ++j) t *= x[i];
    s += t;
  }
  return s;
}

int phase_locator::locate(const std::array<double, 4>& x) const {
  for (std::size_t p = 0; p < regions_.size(); ++p)
    for (const auto& conj : regions_[p]) {
      bool in = true;
      for (const auto& q : conj) in = in && q.at(x) > 0;
      if (in) return static_cast<int>(p);
    }
  return -1;
}

int phase_locator::operator()(const std::vector<double>& x) const {
  if (x.size() < parameters_) throw std::invalid_argument("phase_locator: a point with fewer coordinates than the regions' parameters");
  std::array<double, 4> y{};
  for (std::size_t i = 0; i < x.size() && i < 4; ++i) y[i] = x[i];
  return locate(y);
}

int phase_locator::operator()(double alpha, double beta) const {
  if (parameters_ > 2) throw std::invalid_argument("phase_locator: a point with fewer coordinates than the regions' parameters");
  return locate({alpha, beta, 0, 0});
}

}  // namespace scalelaw::phases
