#!/usr/bin/env python3
"""scalelaw's functions as a type checker sees them (CI: `mypy --strict` on this file, tests/test_python_types.py):
keyword signatures, typed results, numpy arrays.

    PYTHONPATH=build/python python3 examples/python/typed_usage.py
"""
from fractions import Fraction

import numpy as np
import numpy.typing as npt

import scalelaw
from scalelaw.results import CurveResult, PhaseResult


def loss_at_end(c: CurveResult) -> float:
    return float(c.loss[-1])


def main() -> None:
    p: PhaseResult = scalelaw.phase(Fraction(7, 10), "0.7")
    print(f"phase {p.phase}: xi = {p.xi_formula} = {p.xi_exact}, eta = {p.eta_formula} = {p.eta_exact}")
    c = scalelaw.curve(alpha=1, beta="0.3", d=100, steps=10**5, points=10)
    ratio: npt.NDArray[np.float64] = c.loss / c.loss[0]
    print(f"P_r / P_0 at r = {int(c.r[-1])}: {float(ratio[-1]):.4g}; P at the end {loss_at_end(c):.4g}")
    for row in scalelaw.table().phases:
        print(f"{row.phase:4} xi = {row.xi_formula:24} eta = {row.eta_formula}")


if __name__ == "__main__":
    main()
