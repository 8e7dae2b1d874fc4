#include "sweep_mpi.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef SCALELAW_WITH_MPI
#include <mpi.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>
#endif

namespace scalelaw::cli {

namespace {
std::optional<int> env_int(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  char* end = nullptr;
  const long x = std::strtol(v, &end, 10);
  if (*end != '\0' || x < 0 || x > 1 << 24) return std::nullopt;
  return static_cast<int>(x);
}
}  // namespace

std::optional<mpi_launch> mpi_launched() {
  // Open MPI's mpirun; PMI (MPICH, srun --mpi=pmi2); Slurm's srun (PMIx sets no size of its own)
  const char* names[][3] = {{"OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_LOCAL_SIZE"},
                            {"PMI_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"},
                            {"SLURM_PROCID", "SLURM_STEP_NUM_TASKS", "SLURM_STEP_TASKS_PER_NODE"}};
  for (const auto& n : names) {
    const auto rank = env_int(n[0]), size = env_int(n[1]);
    if (rank && size && *size > 1) return mpi_launch{*rank, *size, env_int(n[2]).value_or(*size)};
  }
  return std::nullopt;
}

#ifndef SCALELAW_WITH_MPI

bool mpi_available() { return false; }
int mpi_distribute(const std::vector<std::size_t>&, const std::function<nlohmann::json(std::size_t)>&,
                   const std::function<void(const nlohmann::json&)>&) {
  throw std::logic_error("mpi_distribute: built without MPI");
}

#else

bool mpi_available() { return true; }

namespace {
enum tag : int { ready = 1, work = 2, result = 3, stop = 4 };

void worker_loop(const std::function<nlohmann::json(std::size_t)>& compute) {
  MPI_Send(nullptr, 0, MPI_CHAR, 0, ready, MPI_COMM_WORLD);
  for (;;) {
    long long index = 0;
    MPI_Status st;
    MPI_Recv(&index, 1, MPI_LONG_LONG, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    if (st.MPI_TAG == stop) return;
    const std::string text = compute(static_cast<std::size_t>(index)).dump();
    MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, result, MPI_COMM_WORLD);
  }
}

// rank 0's MPI side: answers every rank's request with the next point or stop, passes results on
void coordinate(int size, std::deque<std::size_t>& queue, std::mutex& mu,
                const std::function<void(const nlohmann::json&)>& on_result) {
  int stopped = 0;
  while (stopped < size - 1) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    int count = 0;
    MPI_Get_count(&st, MPI_CHAR, &count);
    std::string text(static_cast<std::size_t>(count), '\0');
    MPI_Recv(text.data(), count, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::optional<std::size_t> next;
    {
      std::lock_guard<std::mutex> lock(mu);
      if (st.MPI_TAG == result) on_result(nlohmann::json::parse(text));
      if (!queue.empty()) {
        next = queue.front();
        queue.pop_front();
      }
    }
    if (next) {
      const long long index = static_cast<long long>(*next);
      MPI_Send(&index, 1, MPI_LONG_LONG, st.MPI_SOURCE, work, MPI_COMM_WORLD);
    } else {
      MPI_Send(nullptr, 0, MPI_LONG_LONG, st.MPI_SOURCE, stop, MPI_COMM_WORLD);
      ++stopped;
    }
  }
}
}  // namespace

int mpi_distribute(const std::vector<std::size_t>& pending, const std::function<nlohmann::json(std::size_t)>& compute,
                   const std::function<void(const nlohmann::json&)>& on_result) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (rank != 0) {
    worker_loop(compute);
  } else {
    std::deque<std::size_t> queue(pending.begin(), pending.end());
    std::mutex mu;
    if (provided >= MPI_THREAD_SERIALIZED) {
      // rank 0 computes too, on this thread; the coordinator thread alone calls MPI until it is joined
      std::thread coordinator([&] { coordinate(size, queue, mu, on_result); });
      for (;;) {
        std::size_t i;
        {
          std::lock_guard<std::mutex> lock(mu);
          if (queue.empty()) break;
          i = queue.front();
          queue.pop_front();
        }
        const nlohmann::json r = compute(i);
        std::lock_guard<std::mutex> lock(mu);
        on_result(r);
      }
      coordinator.join();
    } else {
      coordinate(size, queue, mu, on_result);  // no threads with MPI here: rank 0 only hands out points
    }
  }
  MPI_Finalize();
  return rank;
}

#endif

}  // namespace scalelaw::cli
