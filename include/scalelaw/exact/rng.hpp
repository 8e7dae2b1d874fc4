// Reproducible random numbers, specified here (not std::normal_distribution, whose output differs
// between standard libraries): xoshiro256** seeded through splitmix64 from (seed, stream), and
// normals by the Marsaglia–Tsang ziggurat (128 layers; the layer index and the 32-bit value come
// from disjoint bits of one 64-bit draw). Every stream depends only on (seed, stream index).
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace scalelaw {

/// Ziggurat tables (Marsaglia & Tsang 2000, J. Stat. Softw. 5(8)), built once.
struct ziggurat_tables {
  std::uint32_t kn[128];
  double wn[128], fn[128];
  static constexpr double r = 3.442619855899;
  ziggurat_tables() {
    const double m1 = 2147483648.0, vn = 9.91256303526217e-3;
    double dn = r, tn = dn;
    const double q = vn / std::exp(-0.5 * dn * dn);
    kn[0] = static_cast<std::uint32_t>((dn / q) * m1);
    kn[1] = 0;
    wn[0] = q / m1;
    wn[127] = dn / m1;
    fn[0] = 1.0;
    fn[127] = std::exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; --i) {
      dn = std::sqrt(-2.0 * std::log(vn / dn + std::exp(-0.5 * dn * dn)));
      kn[i + 1] = static_cast<std::uint32_t>((dn / tn) * m1);
      tn = dn;
      fn[i] = std::exp(-0.5 * dn * dn);
      wn[i] = dn / m1;
    }
  }
  static const ziggurat_tables& get() {
    static const ziggurat_tables t;
    return t;
  }
};

class rng {
 public:
  rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t x = seed * 0x9E3779B97F4A7C15ull ^ (stream + 0x632BE59BD9B4E019ull) * 0xBF58476D1CE4E5B9ull;
    for (auto& w : s_) w = splitmix64(x);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0]; s_[3] ^= s_[1]; s_[1] ^= s_[2]; s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform on (-1, 1), 53 bits.
  double symmetric() { return static_cast<double>(next() >> 11) * 0x1.0p-52 - 1.0 + 0x1.0p-53; }
  /// Uniform on (0, 1).
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  /// Standard normal (ziggurat: one 64-bit draw and a comparison ~99% of the time).
  double normal() {
    const ziggurat_tables& z = ziggurat_tables::get();
    for (;;) {
      const std::uint64_t bits = next();
      const auto hz = static_cast<std::int32_t>(bits >> 32);
      const unsigned iz = static_cast<unsigned>(bits & 127u);
      const std::uint32_t mag = hz < 0 ? static_cast<std::uint32_t>(-static_cast<std::int64_t>(hz)) : static_cast<std::uint32_t>(hz);
      const double x = hz * z.wn[iz];
      if (mag < z.kn[iz]) return x;
      if (iz == 0) {  // the tail beyond r
        double xt, y;
        do {
          xt = -std::log(uniform()) / ziggurat_tables::r;
          y = -std::log(uniform());
        } while (y + y < xt * xt);
        return hz > 0 ? ziggurat_tables::r + xt : -ziggurat_tables::r - xt;
      }
      if (z.fn[iz] + uniform() * (z.fn[iz - 1] - z.fn[iz]) < std::exp(-0.5 * x * x)) return x;
    }
  }
  void fill_normal(double* out, std::size_t n) { for (std::size_t i = 0; i < n; ++i) out[i] = normal(); }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
};

}  // namespace scalelaw
