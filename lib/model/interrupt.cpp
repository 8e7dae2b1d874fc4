#include "scalelaw/model/interrupt.hpp"

#include <atomic>

namespace scalelaw {

namespace {
std::atomic<bool> requested{false};
}

void request_interrupt() { requested.store(true, std::memory_order_relaxed); }
void clear_interrupt() { requested.store(false, std::memory_order_relaxed); }
bool interrupt_requested() { return requested.load(std::memory_order_relaxed); }

}  // namespace scalelaw
