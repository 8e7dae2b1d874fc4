#include "scalelaw/numeric/blas_threads.hpp"

#include <cblas.h>

namespace scalelaw {

blas_single_thread_scope::blas_single_thread_scope(bool active) : saved_(active ? openblas_get_num_threads() : 0) {
  if (active) openblas_set_num_threads(1);
}
blas_single_thread_scope::~blas_single_thread_scope() {
  if (saved_ > 0) openblas_set_num_threads(saved_);
}
int blas_threads() { return openblas_get_num_threads(); }

}  // namespace scalelaw
