// Input validation shared by every command: bad input raises `invalid_input`, whose message names
// the value and the allowed range; the command-line layer turns it into `error: ...`, exit 2.
#pragma once
#include <stdexcept>
#include <string>

namespace scalelaw {

struct invalid_input : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// x as the shortest decimal that reads back as x ("0.4", "1e+20", "inf"), for messages.
std::string number_text(double x);

void require_finite(const char* name, double x);
void require_positive(const char* name, double x);
void require_nonnegative(const char* name, double x);
/// lo <= x <= hi
void require_range(const char* name, double x, double lo, double hi);
/// Sizes (d, v, batch, steps, runs) given as doubles on the command line: whole numbers in [lo, hi].
void require_count(const char* name, double x, double lo = 1, double hi = 1e15);

}  // namespace scalelaw
