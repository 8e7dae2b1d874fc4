#include "output/files.hpp"

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <fmt/format.h>

#include "scalelaw/model/validate.hpp"

namespace scalelaw {

namespace fs = std::filesystem;

namespace {

// The temporaries in flight, for remove_pending_temporaries (a signal handler may read them at any moment: fixed
// buffers, published by an atomic flag after the name is complete).
constexpr int slots = 16;
constexpr std::size_t name_max = 4096;
char pending_name[slots][name_max];
std::atomic<bool> pending_used[slots];

int claim(const std::string& tmp) {
  if (tmp.size() + 1 > name_max) return -1;
  for (int i = 0; i < slots; ++i) {
    bool expected = false;
    if (!pending_used[i].load() && pending_used[i].compare_exchange_strong(expected, true)) {
      // claimed but not yet named: write the name, then mark it complete by its terminating byte
      pending_name[i][0] = '\0';
      std::memcpy(pending_name[i] + 1, tmp.c_str() + 1, tmp.size());  // all but the first byte (tmp is never empty)
      std::atomic_signal_fence(std::memory_order_seq_cst);
      pending_name[i][0] = tmp[0];  // the name is complete once its first byte is set
      return i;
    }
  }
  return -1;  // more than 16 files in flight at once: still atomic by rename, just not cleaned on a signal
}

void release(int i) {
  if (i >= 0) { pending_name[i][0] = '\0'; pending_used[i].store(false); }
}

}  // namespace

int remove_pending_temporaries() noexcept {
  int n = 0;
  for (int i = 0; i < slots; ++i)
    if (pending_used[i].load() && pending_name[i][0] != '\0' && ::unlink(pending_name[i]) == 0) ++n;
  return n;
}

void require_writable_path(const std::string& path) {
  if (path.empty()) throw invalid_input("output path is empty");
  fs::path p(path);
  fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir)) throw invalid_input(fmt::format("output directory '{}' does not exist", dir.string()));
  if (::access(dir.c_str(), W_OK) != 0) throw invalid_input(fmt::format("output directory '{}' is not writable", dir.string()));
  if (fs::is_directory(p)) throw invalid_input(fmt::format("output path '{}' is a directory", path));
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  require_writable_path(path);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int slot = claim(tmp);
  struct releaser { int i; ~releaser() { release(i); } } rel{slot};
  try {
    {
      std::ofstream os(tmp, std::ios::binary | std::ios::trunc);
      if (!os) throw std::runtime_error("cannot open " + tmp);
      write(os);
      os.flush();
      if (!os) throw std::runtime_error("write failed: " + tmp);
    }
    fs::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

pending_file::pending_file(std::string path)
    : path_(std::move(path)), tmp_(path_ + ".tmp." + std::to_string(::getpid())), slot_(claim(tmp_)) {}

pending_file::~pending_file() {
  if (!done_) {
    std::error_code ec;
    fs::remove(tmp_, ec);
  }
  release(slot_);
}

void pending_file::commit() {
  fs::rename(tmp_, path_);
  done_ = true;
}

}  // namespace scalelaw
