// OpenBLAS's own threads, held to one while a caller runs BLAS on threads of its own (the exact instances of a
// frontier over d, the Monte Carlo's learners): OpenBLAS's threads would only spin against them (measured: the golden
// frontier test went from 10 s to 55-70 s on 2 cores, most of it in OpenBLAS's exec_blas_async and sched_yield).
#pragma once

namespace scalelaw {

/// While alive, OpenBLAS runs on one thread (the count before is restored after); `active = false` leaves it as it is.
/// Process-wide, as OpenBLAS's setting is.
class blas_single_thread_scope {
 public:
  explicit blas_single_thread_scope(bool active = true);
  ~blas_single_thread_scope();
  blas_single_thread_scope(const blas_single_thread_scope&) = delete;
  blas_single_thread_scope& operator=(const blas_single_thread_scope&) = delete;

 private:
  int saved_;  ///< the count to restore; 0 when inactive
};

/// The threads OpenBLAS may use now: one inside a blas_single_thread_scope.
int blas_threads();

}  // namespace scalelaw
