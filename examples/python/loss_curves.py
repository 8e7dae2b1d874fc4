#!/usr/bin/env python3
"""The report's loss-curve figure of phase Ia (report.md, "Phase Ia at (alpha, beta) = (1, 0.3)") from Python:
the exact expected loss P_r of one-pass SGD for d = 64 and 256 (one W, seed 1, v = 4d, gamma by the default rule),
with the SGD reference runs at d = 64 on top. matplotlib draws loss_curves_Ia.png when installed; otherwise (or with
--csv) the numbers go to loss_curves_Ia.csv.

    PYTHONPATH=build/python python3 examples/python/loss_curves.py [--csv] [--out DIR]
"""
import argparse
import os

import numpy as np

import scalelaw

ALPHA, BETA = "1", "0.3"  # the report's reference point of phase Ia
STEPS = 10**8             # the quick report's horizon


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", action="store_true", help="write the numbers as CSV even when matplotlib is installed")
    ap.add_argument("--out", default=".", help="directory for the figure or the CSV (default: .)")
    args = ap.parse_args()

    print(scalelaw.phase(alpha=ALPHA, beta=BETA)["phase"], "at (alpha, beta) =", (ALPHA, BETA))
    curves = {d: scalelaw.curve(alpha=ALPHA, beta=BETA, d=d, steps=STEPS, seed=1, points=60) for d in (64, 256)}
    runs = scalelaw.sgd(alpha=ALPHA, beta=BETA, d=64, steps=10**5, runs=20, seed=1)
    for d, c in curves.items():
        print(f"d = {d}: F0 = {c['F0']:.4g}, kernel norm = {c['kernel_norm']:.4g}, P(r = 1e8) = {c['loss'][-1]:.4g}")

    try:
        if args.csv:
            raise ImportError
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        path = os.path.join(args.out, "loss_curves_Ia.csv")
        with open(path, "w") as f:
            f.write("d,r,loss\n")
            for d, c in curves.items():
                for r, p in zip(c["r"], c["loss"]):
                    f.write(f"{d},{r},{p!r}\n")
            for r, p in zip(runs["r"], runs["mean"]):
                f.write(f"sgd_64,{r},{p!r}\n")
        print("wrote", path)
        return

    fig, ax = plt.subplots(figsize=(7.6, 5.0))
    for d, c in curves.items():
        keep = c["r"] > 0  # log axes
        ax.loglog(c["r"][keep], c["loss"][keep], lw=2, label=f"P, d={d}")
    keep = runs["r"] > 0
    ax.fill_between(runs["r"][keep], runs["q10"][keep], runs["q90"][keep], alpha=0.3, label="SGD 10-90%, d=64")
    ax.set_xlabel("SGD steps r")
    ax.set_ylabel("expected loss")
    ax.set_title(f"Phase Ia: alpha = {ALPHA}, beta = {BETA}")
    ax.legend(loc="lower left")
    path = os.path.join(args.out, "loss_curves_Ia.png")
    fig.savefig(path, dpi=100)
    print("wrote", path)


if __name__ == "__main__":
    main()
