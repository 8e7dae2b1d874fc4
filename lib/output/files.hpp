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

/// A file another program writes (gnuplot's figures): it writes `temporary()` (`path.tmp.PID`), listed for
/// remove_pending_temporaries meanwhile; commit() renames it to `path`; otherwise the destructor removes it.
class pending_file {
 public:
  explicit pending_file(std::string path);
  pending_file(const pending_file&) = delete;
  pending_file& operator=(const pending_file&) = delete;
  ~pending_file();
  const std::string& temporary() const { return tmp_; }
  void commit();

 private:
  std::string path_, tmp_;
  int slot_;
  bool done_ = false;
};

/// For a SIGINT/SIGTERM handler (async-signal-safe: unlink(2) and write(2) only): removes every temporary that
/// write_file_atomically has open at this moment, so an interrupted run leaves each output either as it was or absent,
/// never half-written. Returns how many it removed.
int remove_pending_temporaries() noexcept;

}  // namespace scalelaw
