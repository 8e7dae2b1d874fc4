// A sweep's points over MPI ranks (issue 22). Rank 0 hands out one point at a time to whichever rank asks (points'
// costs differ tenfold, so a static split would idle ranks) and computes points itself on its main thread, while a
// coordinator thread makes all of rank 0's MPI calls (MPI_THREAD_SERIALIZED); it polls with MPI_Iprobe and sleeps
// between polls instead of spinning in a blocking receive. Results reach `on_result` on rank 0 as they arrive.
// Launch detection reads the launcher's environment (Open MPI's mpirun, PMI, PMIx, Slurm's srun), so the same binary
// without mpirun runs the sweep in one process without initialising MPI.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scalelaw::cli {

struct mpi_launch {
  int rank = 0, size = 1, local_size = 1;  ///< from the launcher's environment
};

/// The launch this process is part of, when a launcher started several ranks; nullopt for a plain run.
std::optional<mpi_launch> mpi_launched();

/// Whether this build can take part in an MPI launch (built with MPI found).
bool mpi_available();

/// Runs compute(i) for every i of `pending` over all ranks (MPI_Init_thread to MPI_Finalize inside); on rank 0 calls
/// on_result (one call at a time) with each result as it arrives. `compute` must not throw. Returns the rank.
int mpi_distribute(const std::vector<std::size_t>& pending, const std::function<nlohmann::json(std::size_t)>& compute,
                   const std::function<void(const nlohmann::json&)>& on_result);

}  // namespace scalelaw::cli
