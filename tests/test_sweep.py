#!/usr/bin/env python3
"""`scalelaw sweep` end to end (issue 22): bad grids refused with exit 2 and nothing written; the same 3 x 3 grid gives the
same points in one process and under `mpirun --oversubscribe -np 3`; a sweep killed with SIGKILL (and a torn last line)
resumes to the same file, without duplicates; the cheapest point of the stored sweep (data/sweep) is measured again and
must be the stored line (its numbers to 1e-6: same_point). Usage: test_sweep.py SCALELAW_BINARY DATA_DIR. Exit 77 (skipped) without mpirun."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1]
DATA = sys.argv[2] if len(sys.argv) > 2 else None
# small DE windows: about a second a point on one core (the points' own exponents do not matter here, only that every
# run gives the same ones); the grid crosses Ia, II, III and the no-learning corner is outside it
GRID = ["--alpha", "0.6:1.2:3", "--beta", "0.3:0.9:3"]
WINDOW = ["--method", "deq", "--flops-min", "1e5", "--flops-max", "1e8", "--d-min", "16", "--d-max", "2048",
          "--flops-points", "5", "--d-per-octave", "2"]
VOLATILE = ("seconds", "host", "rank")  # wall time and where it ran: the only fields that may differ between runs


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def points(d):
    with open(os.path.join(d, "points.jsonl")) as f:
        lines = f.read().splitlines()
    return [{k: v for k, v in json.loads(line).items() if k not in VOLATILE} for line in lines]


def same_point(got, want, rel=1e-6):
    """Equal, but numbers only to `rel` (relative, absolute below 1): the stored sweep was measured by an earlier build.
    The DE curves' block sizes follow the block-leap's rounding floor (64 ulp of the summed magnitudes), so a change in
    how a build rounds (|z| by hypot or by sqrt(re^2 + im^2), glibc's pow) moves the losses by ~1e-13 relative and the
    fitted exponents by up to 1e-9 (docs/BENCH.md); 1e-6 is far above that and far below the checks' 0.01. Every
    other field (status, phase, verdict, window, the number of local slopes) must be identical."""
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(same_point(got[k], want[k], rel) for k in want)
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(same_point(g, w, rel) for g, w in zip(got, want))
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return abs(got - want) <= rel * max(1.0, abs(got), abs(want))
    return got == want


failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


tmp = tempfile.mkdtemp(prefix="scalelaw_sweep_")
try:
    # bad grids: exit 2, a message, no directory left behind
    for bad in (["--alpha", "0.6:1.2:0", "--beta", "0.5"], ["--alpha", "1.2:0.6:3", "--beta", "0.5"],
                ["--alpha", "0.1:0.2:2", "--beta", "0.1:0.2:2"], ["--line", "gamma=1", "--beta", "0.1:1:3"],
                ["--line", "alpha=0.7", "--alpha", "0.1:1:3"], GRID + ["--method", "nonsense"],
                GRID + ["--d-min", "-3"], GRID + ["--json"]):
        out = os.path.join(tmp, "bad")
        r = run([BIN, "sweep"] + bad + ["--out", out])
        check(r.returncode == 2 and "error:" in r.stderr and not os.path.exists(out),
              f"refused with exit 2: {' '.join(bad)} ({r.returncode}: {r.stderr.strip()[:120]})")

    one = os.path.join(tmp, "one")
    t0 = time.time()
    r = run([BIN, "sweep"] + GRID + WINDOW + ["--out", one])
    check(r.returncode == 0, f"single-process sweep (exit {r.returncode}, {time.time() - t0:.1f} s): {r.stderr[-300:]}")
    base = points(one)
    check(len(base) == 9 and len({p["key"] for p in base}) == 9, "nine distinct points")
    check(sum(p["status"] == "ok" for p in base) >= 6, "most points measured: " + str([p["status"] for p in base]))
    check(os.path.exists(os.path.join(one, "sweep.md")) and os.path.exists(os.path.join(one, "figures", "sweep_eta.svg")),
          "sweep.md and the heatmaps written")
    # an existing file is not overwritten without --resume
    r = run([BIN, "sweep"] + GRID + WINDOW + ["--out", one])
    check(r.returncode == 2 and "--resume" in r.stderr, "an existing points.jsonl needs --resume")

    mpirun = shutil.which("mpirun")
    if mpirun:
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMPI_MCA_btl="self,vader",
                   OMPI_MCA_btl_vader_single_copy_mechanism="none", OMPI_MCA_rmaps_base_oversubscribe="1")
        # a bad grid under mpirun: every rank exits 2, rank 0 alone says why
        r = run([mpirun, "--oversubscribe", "-np", "3", BIN, "sweep", "--alpha", "1.2:0.6:3", "--beta", "0.5", "--out",
                 os.path.join(tmp, "bad_mpi")], env=env)
        check(r.returncode == 2 and r.stderr.count("error:") == 1 and not os.path.exists(os.path.join(tmp, "bad_mpi")),
              f"a bad grid under mpirun -np 3: exit 2 and one message ({r.returncode}, {r.stderr.count('error:')} messages)")
        par = os.path.join(tmp, "mpi")
        t0 = time.time()
        r = run([mpirun, "--oversubscribe", "-np", "3", BIN, "sweep"] + GRID + WINDOW + ["--out", par], env=env)
        check(r.returncode == 0, f"mpirun -np 3 sweep (exit {r.returncode}, {time.time() - t0:.1f} s): {r.stderr[-600:]}")
        if r.returncode == 0:
            check(points(par) == base, "mpirun -np 3 gives the same points as one process")
            with open(os.path.join(par, "points.jsonl")) as f:
                ranks = {json.loads(line).get("rank") for line in f}
            check(len(ranks) >= 2, f"the points were computed on several ranks: {sorted(r for r in ranks if r is not None)}")
    else:
        print("mpirun not found: the MPI part is skipped (scripts/setup.sh installs openmpi-bin)")

    # SIGKILL mid-run, a torn last line, --resume: the same complete file, no duplicates
    killed = os.path.join(tmp, "killed")
    p = subprocess.Popen([BIN, "sweep"] + GRID + WINDOW + ["--out", killed], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    path = os.path.join(killed, "points.jsonl")
    deadline = time.time() + 120
    while time.time() < deadline:
        if os.path.exists(path) and sum(1 for _ in open(path)) >= 3:
            break
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait()
    n_before = sum(1 for _ in open(path))
    with open(path, "a") as f:
        f.write('{"key": "alpha=3/5 beta=3/5", "alpha": 0.6, "bet')  # as if killed inside write(2)
    r = run([BIN, "sweep"] + GRID + WINDOW + ["--out", killed, "--resume"])
    check(r.returncode == 0 and "torn" in r.stderr, f"resume after SIGKILL with {n_before} points done (exit {r.returncode})")
    check(points(killed) == base, "the resumed file equals the uninterrupted one (complete, no duplicates, same values)")
    r = run([BIN, "sweep"] + GRID + WINDOW + ["--out", killed, "--resume"])
    check(r.returncode == 0 and "0 to compute" in r.stderr and points(killed) == base, "resuming a finished sweep computes nothing")

    # the stored sweep is what this build measures (data/README.md): its cheapest measured point, again
    stored = os.path.join(DATA, "sweep", "grid_12x12.jsonl") if DATA else None
    if stored and os.path.exists(stored):
        with open(stored) as f:
            ok = [json.loads(line) for line in f if '"status":"ok"' in line]
        cheapest = min(ok, key=lambda p: p["seconds"])
        again = os.path.join(tmp, "again")
        r = run([BIN, "sweep", "--alpha", cheapest["alpha_exact"], "--beta", cheapest["beta_exact"], "--out", again])
        want = {k: v for k, v in cheapest.items() if k not in VOLATILE}
        got = points(again)
        check(r.returncode == 0 and len(got) == 1 and same_point(got[0], want),
              f"the stored point {cheapest['key']} measured again ({cheapest['seconds']:.0f} s when stored)")
        # the comparison's negation: a point whose exponent moved by 1e-4 (far below any check's 0.01) is not the same
        moved = json.loads(json.dumps(want))
        moved["eta"] += 1e-4
        check(not same_point(moved, want) and not same_point({**want, "phase": "X"}, want),
              "a stored point with eta moved by 1e-4, or another phase, is told apart")
    else:
        print("no stored sweep in data/sweep: its regression part is skipped")

    # --report draws an existing sweep again; a line sweep gets its line figure and boundary table
    r = run([BIN, "sweep", "--report", one])
    check(r.returncode == 0, "sweep --report DIR")
    line = os.path.join(tmp, "line")
    r = run([BIN, "sweep", "--line", "alpha=0.7", "--beta", "0.3:1.1:5"] + WINDOW + ["--out", line])
    check(r.returncode == 0 and os.path.exists(os.path.join(line, "figures", "sweep_line.svg")), "a line sweep and its figure")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    print(f"{len(failures)} failed")
    sys.exit(1)
if not shutil.which("mpirun"):
    print("mpirun not found: the MPI cases were skipped" + (" (a failure in CI)" if os.environ.get("CI") else ""))
    sys.exit(1 if os.environ.get("CI") else 77)  # 77 is ctest's "skipped"; in CI a skip is a failure
sys.exit(0)
