// Where a point of the plane falls among the derived phases, in double: each region's polynomials (derive.hpp, exact)
// read once into lists of monomials, so that a membership test is a few multiplications, not a walk of GiNaC's
// expression trees. For pictures and sweeps, which ask at hundreds of thousands of points; exact answers are
// classify's (derive.hpp).
#pragma once
#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include "scalelaw/phases/derive.hpp"

namespace scalelaw::phases {

class phase_locator {
 public:
  /// The regions of `phases` (each a union of conjunctions of "p > 0"), read once.
  explicit phase_locator(const std::vector<phase>& phases);
  /// The index into `phases` of the first phase whose region holds x (x[i] binds parameter_symbols()[i]), or -1
  /// outside every region (on a boundary, or where nothing is learned). Throws std::invalid_argument when the regions
  /// are in more parameters than x has.
  int operator()(const std::vector<double>& x) const;
  int operator()(double alpha, double beta) const;
  /// How many parameters the regions are in (the last symbol with a power in some condition).
  std::size_t parameters() const { return parameters_; }

 private:
  struct polynomial {
    std::vector<std::pair<std::array<int, 4>, double>> terms;  // powers of parameter_symbols(), coefficient
    double at(const std::array<double, 4>& x) const;
  };
  int locate(const std::array<double, 4>& x) const;
  std::vector<std::vector<std::vector<polynomial>>> regions_;  // phase, conjunction, condition
  std::size_t parameters_ = 0;
};

}  // namespace scalelaw::phases
