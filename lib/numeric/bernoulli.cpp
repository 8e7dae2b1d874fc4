#include "scalelaw/numeric/bernoulli.hpp"

#include <mutex>
#include <vector>

namespace scalelaw {

rational bernoulli_b2n_exact(unsigned k) {
  static std::mutex mu;
  static std::vector<rational> b2n;  // b2n[k] = B_{2k}
  std::lock_guard<std::mutex> lock(mu);
  if (k < b2n.size()) return b2n[k];
  // Akiyama–Tanigawa up to m = 2k (recomputed from scratch: O(m^2), done rarely).
  const unsigned m_max = 2 * k + 2;
  std::vector<rational> a(m_max + 1);
  std::vector<rational> out;
  for (unsigned m = 0; m <= m_max; ++m) {
    a[m] = rational(1, m + 1);
    for (unsigned j = m; j >= 1; --j) {
      a[j - 1] = rational(j) * (a[j - 1] - a[j]);
      a[j - 1].canonicalize();
    }
    if (m % 2 == 0) out.push_back(a[0]);
  }
  b2n = std::move(out);
  return b2n[k];
}

}  // namespace scalelaw
