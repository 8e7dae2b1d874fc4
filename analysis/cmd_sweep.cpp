// scalelaw sweep: the measured exponents over a grid or a line of the (alpha, beta) plane (issue 22). At each point the
// frontier command runs in-process with its defaults (the automatic DE window) and the sweep's pass-through flags;
// results go to DIR/points.jsonl as they arrive (lib/output/points_file.hpp), on one process or over MPI ranks
// (sweep_mpi.hpp), and the finished file is sorted by the grid's order.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

#include <unistd.h>

#include <fmt/format.h>

#include "common.hpp"
#include "program.hpp"
#include "sweep_mpi.hpp"
#include "output/files.hpp"
#include "output/points_file.hpp"
#include "output/sweep_report.hpp"
#include "scalelaw/phases/derive.hpp"
#include "scalelaw/sweep/grid.hpp"

namespace scalelaw::cli {

namespace {

struct frontier_call {
  int status;
  std::string out, err;
};

// `scalelaw frontier --alpha A --beta B FLAGS... --json` in this process (analysis/program.hpp)
frontier_call call_frontier(const sweep_point& p, const std::vector<std::string>& flags, bool validate) {
  std::vector<std::string> words{"scalelaw", "frontier", "--alpha", to_string(p.alpha), "--beta", to_string(p.beta), "--json"};
  words.insert(words.end(), flags.begin(), flags.end());
  std::vector<const char*> argv;
  for (const auto& w : words) argv.push_back(w.c_str());
  std::ostringstream out, err;
  std::optional<validation_scope> only_validate;
  if (validate) only_validate.emplace();
  const int status = run_program(static_cast<int>(argv.size()), argv.data(), {}, out, err);
  return {status, out.str(), err.str()};
}

std::string error_lines(const std::string& err) {
  std::string s;
  std::istringstream is(err);
  for (std::string line; std::getline(is, line);)
    if (line.rfind("error: ", 0) == 0) s += (s.empty() ? "" : "; ") + line.substr(7);
  return s.empty() ? err : s;
}

std::string host_name() {
  char buf[256] = {};
  return ::gethostname(buf, sizeof buf - 1) == 0 ? std::string(buf) : std::string("?");
}

// One point of the sweep as its line of points.jsonl. Never throws: a failure is the point's status.
nlohmann::json measure(const sweep_point& p, const std::vector<std::string>& flags, int rank) {
  nlohmann::json j{{"key", p.key()},          {"alpha", nearest_double(p.alpha)}, {"beta", nearest_double(p.beta)},
                   {"alpha_exact", to_string(p.alpha)}, {"beta_exact", to_string(p.beta)}};
  if (!p.learns()) {
    j["status"] = "no learning";
    return j;
  }
  stopwatch clock;
  try {
    const auto cls = phases::classify(p.alpha, p.beta);
    j["phase"] = cls.ph->label;
    j["xi_theory"] = nearest_double(cls.xi);
    j["eta_theory"] = nearest_double(cls.eta);
    const frontier_call r = call_frontier(p, flags, false);
    nlohmann::json f = nlohmann::json::parse(r.out, nullptr, false);
    if ((r.status == 0 || r.status == 1) && f.is_object()) {
      j["status"] = "ok";
      for (const char* k : {"xi", "eta", "xi_ci", "eta_ci", "local", "window", "estimators"}) j[k] = f[k];
      j["verdict"] = {{"passed", f["verdict"]["passed"]}, {"kind", f["verdict"]["kind"]}};
    } else {
      j["status"] = r.status == 1 ? "no interior optimum" : "error";
      j["message"] = error_lines(r.err);
    }
  } catch (const std::exception& e) {
    j["status"] = "error";
    j["message"] = e.what();
  }
  j["seconds"] = clock.seconds();
  j["host"] = host_name();
  j["rank"] = rank;
  return j;
}

bool has_flag(const std::vector<std::string>& flags, const std::string& name) {
  return std::any_of(flags.begin(), flags.end(), [&](const std::string& f) { return f == name || f.rfind(name + "=", 0) == 0; });
}

struct sweep_args {
  std::string alpha, beta, line, out, report;
  bool resume = false;
};

// `scalelaw sweep` once parsed: draw (--report), or compute the grid's points here or over MPI ranks
int run_sweep(const sweep_args& a, const std::vector<std::string>& flags) {
  if (!a.report.empty()) {
    if (!a.alpha.empty() || !a.beta.empty() || !a.line.empty() || !a.out.empty() || !flags.empty())
      throw invalid_input("--report DIR draws an existing sweep: no grid, --out or frontier flags with it");
    bool torn = false;
    const auto pts = read_points(a.report + "/points.jsonl", torn, /*repair=*/false);  // drawing only: the file as it is
    if (pts.empty()) throw invalid_input(fmt::format("{}/points.jsonl has no points", a.report));
    write_sweep_report(a.report, pts);
    err() << "sweep: wrote " << a.report << "/sweep.md\n";
    return 0;
  }
  for (const char* reserved : {"--json", "--expect"})
    if (has_flag(flags, reserved)) throw invalid_input(fmt::format("{} does not apply to sweep", reserved));
  if (a.out.empty()) throw invalid_input("--out DIR is required");
  // the points, exactly as every rank computes them
  std::vector<rational> alphas, betas;
  if (!a.line.empty()) {
    const line_spec l = parse_line(a.line);
    const bool other_given = l.alpha_fixed ? (a.alpha.empty() && !a.beta.empty()) : (a.beta.empty() && !a.alpha.empty());
    if (!other_given)
      throw invalid_input(l.alpha_fixed ? "--line alpha=X takes --beta B0:B1:M (and no --alpha)"
                                        : "--line beta=Y takes --alpha A0:A1:N (and no --beta)");
    alphas = l.alpha_fixed ? std::vector<rational>{l.value} : parse_range("alpha", a.alpha);
    betas = l.alpha_fixed ? parse_range("beta", a.beta) : std::vector<rational>{l.value};
  } else {
    if (a.alpha.empty() || a.beta.empty()) throw invalid_input("need --alpha A0:A1:N and --beta B0:B1:M, or --line");
    alphas = parse_range("alpha", a.alpha);
    betas = parse_range("beta", a.beta);
  }
  const std::vector<sweep_point> points = sweep_grid(alphas, betas);
  const auto launch = mpi_launched();
  if (launch && !mpi_available())
    throw invalid_input("started by mpirun/srun, but this scalelaw was built without MPI (install libopenmpi-dev and rebuild)");
  const bool coordinator = !launch || launch->rank == 0;
  std::vector<std::string> pass = flags;
  if (!has_flag(pass, "--budget-seconds")) pass.insert(pass.end(), {"--budget-seconds", "0"});
  if (!has_flag(pass, "--threads")) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const unsigned per_rank = launch ? std::max(1u, cores / static_cast<unsigned>(std::max(1, launch->local_size))) : 0u;
    pass.insert(pass.end(), {"--threads", std::to_string(per_rank)});
  }
  // every point checked before any work: a bad flag or a point the model refuses fails the sweep at once (exit 2)
  for (const auto& p : points) {
    if (!p.learns()) continue;
    const frontier_call v = call_frontier(p, pass, true);
    if (v.status != 0) throw invalid_input(fmt::format("at alpha = {}, beta = {}: {}", to_string(p.alpha), to_string(p.beta), error_lines(v.err)));
  }
  namespace fs = std::filesystem;
  const std::string file = a.out + "/points.jsonl";
  std::vector<std::size_t> pending;
  std::map<std::string, nlohmann::json> done;
  if (coordinator) {
    std::error_code ec;
    fs::create_directory(a.out, ec);
    if (!fs::is_directory(a.out)) throw invalid_input(fmt::format("--out {}: cannot create the directory", a.out));
    require_writable_path(file);
    if (fs::exists(file) && fs::file_size(file) > 0 && !a.resume)
      throw invalid_input(fmt::format("{} exists: --resume continues it, or choose another --out", file));
    bool repaired = false;
    for (auto& j : read_points(file, repaired, /*repair=*/true))
      if (j.value("status", "") != "error") done.emplace(j["key"].get<std::string>(), j);
    if (repaired) err() << "sweep: " << file << " ended in a torn line (a run killed mid-write): cut off, its point is computed again\n";
    for (std::size_t i = 0; i < points.size(); ++i)
      if (!done.count(points[i].key())) pending.push_back(i);
    pending = longest_first(points, std::move(pending));  // the costliest first: no rank ends alone (issue 38)
    err() << fmt::format("sweep: {} points, {} done, {} to compute{}\n", points.size(), done.size(), pending.size(),
                         launch ? fmt::format(" on {} ranks", launch->size) : std::string());
  }
  std::size_t arrived = 0;
  const std::size_t total = pending.size();
  auto on_result = [&](const nlohmann::json& j) {
    append_point(file, j);
    done[j["key"].get<std::string>()] = j;
    ++arrived;
    const std::string what = j["status"] == "ok" ? fmt::format("phase {} xi {:.4f} eta {:.4f}", j["phase"].get<std::string>(),
                                                               j["xi"].is_number() ? j["xi"].get<double>() : NAN,
                                                               j["eta"].is_number() ? j["eta"].get<double>() : NAN)
                                                 : j["status"].get<std::string>();
    err() << fmt::format("sweep: [{}/{}] alpha = {}, beta = {}: {} ({:.1f} s, rank {})\n", arrived, total,
                         j["alpha_exact"].get<std::string>(), j["beta_exact"].get<std::string>(), what,
                         j.value("seconds", 0.0), j.value("rank", 0));
  };
  if (launch) {
    const int rank = mpi_distribute(pending, [&](std::size_t i) { return measure(points[i], pass, launch->rank); }, on_result);
    if (rank != 0) return 0;
  } else {
    for (std::size_t i : pending) on_result(measure(points[i], pass, 0));
  }
  // the finished file: one line per point in the grid's order, whatever the ranks and their timing
  std::vector<nlohmann::json> sorted;
  int failed = 0;
  for (const auto& p : points) {
    sorted.push_back(done.at(p.key()));
    failed += sorted.back()["status"] == "error";
  }
  write_points(file, sorted);
  write_sweep_report(a.out, sorted);
  out() << sweep_summary(sorted);
  err() << "sweep: wrote " << file << " and " << a.out << "/sweep.md\n";
  return failed ? 1 : 0;
}

}  // namespace

void register_sweep(CLI::App& app, runner& run) {
  auto a = std::make_shared<sweep_args>();
  auto* sub = app.add_subcommand(
      "sweep",
      "measured exponents over a grid or a line of (alpha, beta): the default frontier at each point, into DIR/points.jsonl; "
      "alone or under mpirun -np N / srun. Other flags are passed to `frontier` at every point (e.g. --method, the window, "
      "--budget-seconds: default 0 here, no limit)");
  sub->allow_extras();
  sub->fallthrough(false);  // the flags it does not know are frontier's (--max-memory too: the frontier call passes it up)
  sub->add_option("--alpha", a->alpha, "A0:A1:N (N values from A0 to A1, exact) or one value");
  sub->add_option("--beta", a->beta, "B0:B1:M or one value");
  sub->add_option("--line", a->line, "alpha=X (with --beta B0:B1:M) or beta=Y (with --alpha A0:A1:N): a line of the plane");
  sub->add_option("--out", a->out, "the sweep's directory: points.jsonl, sweep.md and the figures");
  sub->add_flag("--resume", a->resume, "continue DIR/points.jsonl: skip its points, recompute a torn last line and errors");
  sub->add_option("--report", a->report, "draw DIR's sweep (heatmaps, lines, measured boundaries) from its points.jsonl; no computing");
  sub->callback([a, sub, &run] {
    const std::vector<std::string> flags = sub->remaining();
    run = [a, flags]() -> int {
      // under mpirun every rank checks the same arguments; rank 0 alone says what is wrong (exit 2 on every rank)
      const auto launched = mpi_launched();
      try {
        return run_sweep(*a, flags);
      } catch (const invalid_input&) {
        if (launched && launched->rank != 0) {
          // mpirun ends the whole job at the first non-zero exit, and rank 0's message was lost when another rank got
          // there first (clean-clone CI, 2026-12-05): the other ranks leave a second later
          std::this_thread::sleep_for(std::chrono::seconds(1));
          return 2;
        }
        throw;
      }
    };
  });
}

}  // namespace scalelaw::cli
