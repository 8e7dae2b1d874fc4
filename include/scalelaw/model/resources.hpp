// Resource guards (issue 23): before a computation allocates, its memory is estimated and refused (invalid_input, exit 2,
// with the estimate) when beyond the limit, instead of an allocation failure or the kernel's OOM kill minutes in.
#pragma once
#include <string>

namespace scalelaw {

/// The memory one computation may take, in bytes; 0 = no limit (the library's default). The program sets it from
/// --max-memory, or from the machine's available memory.
void set_memory_limit(double bytes);
double memory_limit();

/// Throws invalid_input naming `what` and both sizes when `bytes` exceeds memory_limit().
void require_memory(const std::string& what, double bytes);

/// "3.2 GB" (decimal units, three digits).
std::string format_bytes(double bytes);

/// "4G", "512M", "2.5e9", "100K" (K, M, G, T are powers of 1024; a plain number is bytes); invalid_input otherwise.
double parse_bytes(const std::string& text);

}  // namespace scalelaw
