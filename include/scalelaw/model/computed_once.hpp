// Results computed once per process and shared (the DE frontiers and their model continuations, which the report's
// table, frontier[...] and the boundary checks all judge: lib/frontier). Deterministic computations only: sharing
// then changes nothing but the time.
#pragma once
#include <map>
#include <mutex>

namespace scalelaw {

/// The value for a key, made by `make()` the first time it is asked for. Thread-safe; `make` runs outside the lock (two
/// threads asking at once may both make it, and the first stored is kept). References stay valid (std::map).
template <class Key, class Value>
class computed_once {
 public:
  template <class Make>
  const Value& get(const Key& key, Make&& make) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = done_.find(key); it != done_.end()) return it->second;
    }
    Value v = make();
    std::lock_guard<std::mutex> lock(mu_);
    return done_.emplace(key, std::move(v)).first->second;
  }

 private:
  std::mutex mu_;
  std::map<Key, Value> done_;
};

}  // namespace scalelaw
