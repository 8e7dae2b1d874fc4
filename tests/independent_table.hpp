// The seven phases balanced by hand from the term table and typed as GMP formulas, with the regions as the paper draws
// them (the derivation of each is in the comment above test_phases' independent_table): an independent reference for the
// derived table (test_phases) and for the mutation harness (test_catalogue_mutations).
#pragma once
#include <functional>
#include <vector>

#include "scalelaw/numeric/scalar.hpp"

namespace scalelaw::testing {

struct typed_phase {
  const char* label;
  std::function<bool(const rational&, const rational&)> region;
  std::function<rational(const rational&, const rational&)> xi, eta;
};

inline std::vector<typed_phase> independent_table() {
  const rational half(1, 2), quarter(1, 4);
  // a < 1 - sqrt(2)/2  <=>  2 (1 - a)^2 > 1 for a < 1
  auto below_iv = [](const rational& a) { return a < 1 && 2 * (1 - a) * (1 - a) > 1; };
  return {
      {"Ia", [=](const rational& a, const rational& b) { return a > half && b < half && a + b > half; },
       [](const rational& a, const rational&) -> rational { return rational(1) / (2 * a + 1); }, [](const rational& a, const rational& b) -> rational { return (2 * a + 2 * b - 1) / (2 * a + 1); }},
      {"Ib", [=](const rational& a, const rational& b) { return a < half && b < half && a + b > half; },
       [](const rational&, const rational&) -> rational { return rational(1, 2); }, [](const rational& a, const rational& b) -> rational { return rational(a + b - rational(1, 2)); }},
      {"Ic", [=](const rational& a, const rational& b) { return a < quarter && b > half; },
       [](const rational& a, const rational& b) -> rational { const rational e = (2 * a + 2 * b - 1) / (2 * a); return e / (2 * a + (2 - 2 * a) * e); },
       [](const rational& a, const rational& b) -> rational { const rational e = (2 * a + 2 * b - 1) / (2 * a); return 2 * a * e / (2 * a + (2 - 2 * a) * e); }},
      {"II", [=](const rational& a, const rational& b) { return a > b && b > half; },
       [](const rational& a, const rational& b) -> rational { return b / (a + b); }, [](const rational& a, const rational& b) -> rational { return (2 * a + 2 * b - 1) / (2 * a + 2 * b); }},
      {"III", [=](const rational& a, const rational& b) { return b > a && a > half; },
       [](const rational&, const rational&) -> rational { return rational(1, 2); }, [](const rational& a, const rational&) -> rational { return 1 - 1 / (4 * a); }},
      {"IVa", [=](const rational& a, const rational& b) { return a > quarter && below_iv(a) && b > half; },
       [](const rational& a, const rational& b) -> rational { return (a - b) / (a + 2 * a * b - 2 * b); },
       [](const rational& a, const rational& b) -> rational { return (2 * a - 1) * (2 * a + 2 * b - 1) / (2 * a + 4 * a * b - 4 * b); }},
      {"IVb", [=](const rational& a, const rational& b) { return a < half && !below_iv(a) && b > half; },
       [](const rational&, const rational&) -> rational { return rational(1, 2); }, [](const rational& a, const rational&) -> rational { return rational(a); }}};
}

}  // namespace scalelaw::testing
