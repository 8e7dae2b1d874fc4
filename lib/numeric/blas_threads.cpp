#include "scalelaw/numeric/blas_threads.hpp"

#include <cblas.h>

namespace scalelaw {

blas_single_thread_scope::blas_single_thread_scope() : saved_(openblas_get_num_threads()) { openblas_set_num_threads(1); }
blas_single_thread_scope::~blas_single_thread_scope() { openblas_set_num_threads(saved_); }
int blas_threads() { return openblas_get_num_threads(); }

}  // namespace scalelaw
