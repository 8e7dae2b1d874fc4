// Output files are written whole or not at all: to a temporary beside the target, then renamed.
#pragma once
#include <functional>
#include <iosfwd>
#include <string>

namespace scalelaw {

/// Calls `write(stream)`; on success renames the temporary to `path`. On any exception the
/// temporary is removed and the exception propagates (no half-written file is left behind).
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

/// Fails early (invalid_input) if `path`'s directory does not exist or is not writable.
void require_writable_path(const std::string& path);

}  // namespace scalelaw
