#include "output/csv.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <fmt/format.h>

#include "scalelaw/model/resources.hpp"
#include "scalelaw/model/validate.hpp"

namespace scalelaw {

namespace {
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream is(line);
  while (std::getline(is, cell, ',')) {
    const auto b = cell.find_first_not_of(" \t\r"), e = cell.find_last_not_of(" \t\r");
    out.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
  }
  if (!line.empty() && line.back() == ',') out.push_back("");
  return out;
}
}  // namespace

std::vector<std::vector<double>> read_numeric_csv(const std::string& path, const std::vector<std::string>& header) {
  std::ifstream is(path);
  if (!is) throw invalid_input(fmt::format("cannot read '{}'", path));
  // before reading (issue 23): the rows take ~4x the text in memory (two 8-byte doubles and a vector per ~20-byte line)
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (!ec) require_memory(fmt::format("reading '{}' ({})", path, format_bytes(double(bytes))), 4.0 * double(bytes));
  return read_numeric_csv(is, path, header);
}

std::vector<std::vector<double>> read_numeric_csv(std::istream& is, const std::string& path, const std::vector<std::string>& header,
                                                  std::size_t max_lines) {
  std::string line;
  std::size_t lineno = 0;
  std::vector<std::vector<double>> rows;
  bool have_header = false;
  while (std::getline(is, line)) {
    ++lineno;
    if (lineno > max_lines) throw invalid_input(fmt::format("{}: more than {} lines", path, max_lines));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto cells = split(line);
    if (!have_header) {
      if (cells != header) {
        std::string want;
        for (auto& h : header) want += (want.empty() ? "" : ",") + h;
        throw invalid_input(fmt::format("{}:{}: header must be '{}'", path, lineno, want));
      }
      have_header = true;
      continue;
    }
    if (cells.size() != header.size())
      throw invalid_input(fmt::format("{}:{}: expected {} values, found {}", path, lineno, header.size(), cells.size()));
    std::vector<double> row;
    for (const auto& c : cells) {
      double x = 0;
      const char* b = c.data();
      const char* e = c.data() + c.size();
      if (!c.empty() && *b == '+') ++b;
      auto [p, ec] = std::from_chars(b, e, x);
      if (c.empty() || ec != std::errc() || p != e || !std::isfinite(x))
        throw invalid_input(fmt::format("{}:{}: '{}' is not a finite number", path, lineno, c));
      row.push_back(x);
    }
    rows.push_back(std::move(row));
  }
  if (!have_header) throw invalid_input(fmt::format("{}: empty file (no header)", path));
  if (rows.empty()) throw invalid_input(fmt::format("{}: no data lines", path));
  return rows;
}

std::string format_double(double x) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  (void)ec;
  return std::string(buf, p);
}

}  // namespace scalelaw
