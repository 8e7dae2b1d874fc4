#!/usr/bin/env python3
"""The stored 12 x 12 sweep measured again (issue 38; label slow): `mpirun -np 2 scalelaw sweep --alpha 0.1:1.5:12
--beta 0.1:1.5:12` into a temporary directory, and every point's measured xi and eta within 1e-4 of
data/sweep/grid_12x12.jsonl (the frontier's savings must not move the exponents: docs/NOTES.md "The DE frontier's
quadrature"), the same status, phase and verdict; the wall time printed (issue 38's target: < 13 min on two ranks).
Usage: test_slow_sweep_grid.py SCALELAW_BINARY DATA_DIR [OUT_DIR]. Exit 77 (skipped) without mpirun, 1 in CI."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

BIN, DATA = sys.argv[1], sys.argv[2]
TOL = 1e-4  # issue 38: "within 1e-4 of today's at the stored sweep's points"


def main():
    mpirun = shutil.which("mpirun")
    if not mpirun:
        print("mpirun is not installed (apt-get install openmpi-bin)")
        sys.exit(1 if os.environ.get("CI") else 77)
    out = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp(prefix="scalelaw_grid_")
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMPI_MCA_btl="self,vader",
               OMPI_MCA_btl_vader_single_copy_mechanism="none", OMPI_MCA_rmaps_base_oversubscribe="1")
    t0 = time.monotonic()
    p = subprocess.run([mpirun, "-np", "2", BIN, "sweep", "--alpha", "0.1:1.5:12", "--beta", "0.1:1.5:12", "--out", out],
                       env=env, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        print(p.stderr[-3000:])
        sys.exit(1)
    with open(os.path.join(DATA, "sweep", "grid_12x12.jsonl")) as f:
        stored = {j["key"]: j for j in map(json.loads, f.read().splitlines())}
    with open(os.path.join(out, "points.jsonl")) as f:
        now = {j["key"]: j for j in map(json.loads, f.read().splitlines())}
    failures, worst, secs = [], 0.0, []
    if now.keys() != stored.keys():
        failures.append(f"points differ: {sorted(now.keys() ^ stored.keys())[:5]}")
    for key in sorted(now.keys() & stored.keys()):
        a, b = now[key], stored[key]
        for field in ("status", "phase"):
            if a.get(field) != b.get(field):
                failures.append(f"{key}: {field} {a.get(field)} (stored {b.get(field)})")
        if a.get("status") != "ok":
            continue
        secs.append(a["seconds"])
        for field in ("xi", "eta"):
            diff = abs(a[field] - b[field])
            worst = max(worst, diff)
            if diff > TOL:
                failures.append(f"{key}: {field} {a[field]:.6f} (stored {b[field]:.6f}, moved {diff:.2e})")
        if a["verdict"].get("passed") != b["verdict"].get("passed"):
            failures.append(f"{key}: verdict {a['verdict'].get('passed')} (stored {b['verdict'].get('passed')})")
    secs.sort()
    print(f"{len(now)} points, {len(secs)} measured, wall {wall:.0f} s on two ranks; per point median "
          f"{secs[len(secs) // 2]:.1f} s, {secs[0]:.1f}..{secs[-1]:.1f} s, sum {sum(secs):.0f} s; "
          f"largest |xi or eta - stored| {worst:.2e} (tolerance {TOL:g})")
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
