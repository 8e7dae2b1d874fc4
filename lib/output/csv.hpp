// CSV in and out. Reading is strict: the header must match and every malformed line is refused
// with its line number.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace scalelaw {

/// Reads a numeric CSV whose header is exactly `header` (e.g. {"lambda","weight"}).
/// Throws invalid_input("FILE:LINE: ...") on any malformed line or non-finite value.
std::vector<std::vector<double>> read_numeric_csv(const std::string& path, const std::vector<std::string>& header);

/// The same from a stream; `name` stands for the file in messages. At most `max_lines` lines are read (a guard: the
/// spectra a curve can use have at most ~1e7 modes).
std::vector<std::vector<double>> read_numeric_csv(std::istream& is, const std::string& name, const std::vector<std::string>& header,
                                                  std::size_t max_lines = 50'000'000);

/// Shortest round-trip decimal form of a double.
std::string format_double(double x);

}  // namespace scalelaw
