// A quadrature rule on the contour Gamma from a to b (0 < a < b) through the upper half plane that is the
// rectangle ln a -> ln a + i phi -> ln b + i phi -> ln b in log z: an arc at a, a ray at angle phi, an arc
// at b, with Gauss–Legendre panels of width <= `panel` in ln |z| and in angle. For f S analytic between
// Gamma and [a, b] (S a Stieltjes transform of a measure inside (a, b), f real on the axis),
//   int f d mu = (1/pi) Im int_Gamma f S dz = Re sum_n (-i/pi) dz_n S(z_n) f(z_n).
// The support is at angle phi from the ray, so the rule converges geometrically in the points per panel
// (Bernstein ellipse of the panel: semi-minor axis 2 phi / panel) whatever the measure's fine structure.
#pragma once
#include <algorithm>
#include <cmath>
#include <complex>
#include <vector>

#include "scalelaw/numeric/gauss_legendre.hpp"

namespace scalelaw {

struct contour_node {
  std::complex<double> z;   ///< the point
  std::complex<double> dz;  ///< the quadrature weight times dz/dparameter
};

inline std::vector<contour_node> log_rectangle_contour(double a, double b, double phi, double panel, unsigned points) {
  using cplx = std::complex<double>;
  const cplx I(0, 1);
  const auto& gl = gauss_legendre<double>(points);
  std::vector<contour_node> out;
  auto add = [&](double t0, double t1, auto z, auto dz) {
    const int n = std::max(1, static_cast<int>(std::ceil(std::abs(t1 - t0) / panel)));
    const double h = (t1 - t0) / n;
    for (int p = 0; p < n; ++p)
      for (std::size_t k = 0; k < gl.x.size(); ++k) {
        const double t = t0 + (p + 0.5) * h + 0.5 * h * gl.x[k];
        out.push_back({z(t), 0.5 * h * gl.w[k] * dz(t)});
      }
  };
  auto arc = [&](double r) { return [r, I](double t) { return r * std::exp(I * t); }; };
  auto darc = [&](double r) { return [r, I](double t) { return I * r * std::exp(I * t); }; };
  auto ray = [phi](double u) { return std::exp(cplx(u, phi)); };
  add(0, phi, arc(a), darc(a));
  add(std::log(a), std::log(b), ray, ray);
  add(phi, 0, arc(b), darc(b));
  return out;
}

}  // namespace scalelaw
