#include "scalelaw/numeric/scalar.hpp"

#include <cstdio>
#include <sstream>

namespace scalelaw {

std::string to_decimal(const mpfr& x, unsigned sig) {
  if (sig < 1) sig = 1;
  std::ostringstream os;
  os << std::scientific << std::setprecision(static_cast<int>(sig - 1)) << x;
  return os.str();
}

std::string to_decimal(double x, unsigned sig) {
  if (sig < 1) sig = 1;
  if (sig > 17) sig = 17;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", static_cast<int>(sig - 1), x);
  return buf;
}

std::string to_string(const rational& q) {
  mpq_class c = q;
  c.canonicalize();
  return c.get_str();
}

}  // namespace scalelaw
