"""scalelaw: compute-optimal neural scaling laws, verified numerically.

The functions are the `scalelaw` command line's commands, run in-process (docs: README "From Python"):
keyword arguments are the CLI's flags (``gamma_mult=0.5`` is ``--gamma-mult 0.5``), the result is the dict of
the CLI's ``--json`` output with its keys, and lists of numbers come back as numpy arrays. The same parser, the
same validation and the same computation run as for the binary, so the numbers are the CLI's to the last digit.

Parameters are read exactly from their decimal text (MODEL §1): a string (``alpha="0.35"``, ``"7/10"``) is taken
as typed; a Python float is passed as its shortest repr (``0.35`` -> ``"0.35"``, the number you wrote), an int
as its digits, ``float("inf")`` as ``inf``.

Errors: bad input raises ValueError with the CLI's message (its exit status 2); a result that exists but fails
what was asked (exit status 1) is returned when the command printed one (``check``, ``frontier(expect=...)``:
look at ``passed`` / ``verdict``), else raises Failed; Ctrl-C stops a running call (KeyboardInterrupt).

Long calls release the GIL. Commands that use GiNaC (phase, table, frontier, check, jvr_allocate) run one at a
time per process (GiNaC is not thread-safe); eval, curve and sgd run concurrently from several threads.
"""

import json as _json
import math as _math
import threading as _threading

import numpy as _np

from . import _core

__version__ = _core.version()  # as `scalelaw --version` prints it (the CMake project version)

__all__ = ["__version__", "phase", "table", "eval", "curve", "sgd", "frontier", "check", "jvr_allocate", "jvr_simulate",
           "run", "Failed", "set_progress", "verify"]

_progress = True
# One call at a time for the commands on process-wide state: GiNaC (reference counts, Digits) and eval's mpfr arithmetic
# (Boost 1.74's default mpfr precision is one per process; the library's own mpfr work takes a lock of its own).
_serial_lock = _threading.Lock()


class Failed(RuntimeError):
    """A result that exists but fails what was asked of it (the CLI's exit status 1), e.g. the digits requested
    from ``eval`` not reached, or a frontier without an interior optimum."""


def set_progress(on):
    """Progress and messages of running commands on the process's stderr (default True)."""
    global _progress
    _progress = bool(on)


def _text(name, value):
    if isinstance(value, bool):
        raise ValueError(f"{name}: a flag is True or False/None, not a value")
    if isinstance(value, str):
        return value
    if isinstance(value, (int, _np.integer)):
        return str(int(value))
    if isinstance(value, (float, _np.floating)):
        x = float(value)
        if _math.isinf(x):
            return "inf" if x > 0 else "-inf"
        if x.is_integer() and abs(x) < 2.0**53:
            return str(int(x))  # 1e6 -> "1000000": integer flags (--steps, --runs) read it
        return repr(x)
    if hasattr(value, "numerator") and hasattr(value, "denominator"):  # fractions.Fraction
        return f"{value.numerator}/{value.denominator}"
    return str(value)  # decimal.Decimal and the like: their own decimal text


def _args(words, flags):
    args = list(words)
    for key, value in flags.items():
        if value is None or value is False:
            continue
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append(flag)
        elif isinstance(value, (list, tuple)):
            args += [flag, ",".join(_text(key, v) for v in value)]
        else:
            args += [flag, _text(key, value)]
    return args


def _message(err):
    lines = [ln[len("error: "):] if ln.startswith("error: ") else ln
             for ln in err.splitlines() if ln.startswith("error: ")]
    return "\n".join(lines) if lines else err.strip()


def _arrays(obj):
    """JSON lists of numbers as numpy arrays (int64 when every entry is an integer, else float64; null is NaN)."""
    if isinstance(obj, dict):
        return {k: _arrays(v) for k, v in obj.items()}
    if isinstance(obj, list):
        if obj and all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in obj):
            if all(isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63 for v in obj):
                return _np.array(obj, dtype=_np.int64)
            return _np.array([_math.nan if v is None else v for v in obj], dtype=_np.float64)
        return [_arrays(v) for v in obj]
    return obj


def run(*words, **flags):
    """Runs one command, ``run("phase", alpha=0.7, beta=0.7, json=True)``, and returns the parsed JSON output
    with lists of numbers as numpy arrays (the text, for output that is not JSON). The building block of the
    other functions; for commands without a function of their own. Raises ValueError on bad input (exit status
    2); a failed result (exit status 1) is returned when the command printed one, else raises Failed."""
    return _run(words, flags, failed_result_returned=True)


def _run(words, flags, failed_result_returned):
    serial = words[0] in ("phase", "table", "frontier", "check", "jvr", "report", "diagram", "eval", "verify", "catalogue")
    args = _args(words, flags)
    if serial:
        with _serial_lock:
            res = _core.run(args, _progress)
    else:
        res = _core.run(args, _progress)
    if res.status == 2:
        raise ValueError(_message(res.err))
    if res.status == 130:
        raise KeyboardInterrupt(_message(res.err))
    out = res.out.strip()
    if res.status == 1 and not (failed_result_returned and out.startswith("{")):
        raise Failed(_message(res.err))
    if res.status not in (0, 1):
        raise RuntimeError(f"scalelaw {' '.join(words)}: exit status {res.status}: {_message(res.err)}")
    if not out.startswith("{"):
        return out
    return _arrays(_json.loads(out))


def phase(alpha, beta, **flags):
    """Which phase (alpha, beta) is in (MODEL §4): dict with ``phase`` (e.g. "Ia"), ``xi``, ``eta`` (the
    compute-optimal exponents), ``xi_formula``, ``eta_formula`` and ``dominant`` (the loss terms that set them).
    As ``scalelaw phase --alpha A --beta B --json``."""
    return run("phase", alpha=alpha, beta=beta, json=True, **flags)


def table(catalogue=None, compare=None, **flags):
    """The derived phase table: dict with ``phases``, a list of {phase, region, xi_formula, eta_formula,
    dominant}. ``catalogue``: the path of your own catalogue (TOML, README "Your own model"), else the built-in
    PPXP one. ``compare``: the path of a table stored by ``table --format json``; the result is then the diff
    (``changes``, ``changed``). As ``scalelaw table [--catalogue FILE] [--compare OLD.json] --format json``."""
    return run("table", format="json", catalogue=catalogue, compare=compare, **flags)


def _toml_value(key, value):
    if isinstance(value, bool):
        raise ValueError(f"{key}: a claim's values are strings or whole numbers")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _json.dumps(value)  # a JSON string is a TOML basic string (ASCII: the claims file is ASCII)
    raise ValueError(f"{key}: {value!r} must be a string (formulas and exact numbers such as \"1/10\" are strings)")


def _claims_toml(claims):
    """A claims dict, {"catalogue": PATH (optional), "claim": [{name, region, xi, eta, ...}, ...]}, as TOML."""
    if not isinstance(claims, dict) or not isinstance(claims.get("claim"), (list, tuple)):
        raise ValueError('claims: a path, or a dict with a list "claim" of claims (README "Checking your own statements")')
    lines = []
    for key, value in claims.items():
        if key != "claim":
            lines.append(f"{key} = {_toml_value(key, value)}")
    for c in claims["claim"]:
        if not isinstance(c, dict):
            raise ValueError("claims: each claim is a dict")
        lines.append("[[claim]]")
        for key, value in c.items():
            if not all(ch.isalnum() or ch in "-_" for ch in str(key)):
                raise ValueError(f"claims: {key!r} is not a key of a claim")
            lines.append(f"{key} = {_toml_value(key, value)}")
    return "\n".join(lines) + "\n"


def verify(claims, points=3, budget_seconds=None):
    """Checks your own statements (README "Checking your own statements"): ``claims`` is the path of a claims file
    or a dict ``{"claim": [{"name": ..., "region": "2*beta-1 > 0 and alpha-beta > 0", "xi": ..., "eta": ...}]}``
    (a ``catalogue`` path in the dict is taken relative to the current directory). Returns the dict of
    ``scalelaw verify --json``: ``claims`` (each with ``passed``, ``symbolic``, ``points``) and ``passed``; a failed
    claim is in the result, not an exception."""
    import os
    import tempfile
    if isinstance(claims, (str, os.PathLike)):
        return run("verify", os.fspath(claims), points=points, budget_seconds=budget_seconds, json=True)
    text = _claims_toml(dict(claims))
    if "catalogue" in claims:
        text = text.replace(f"catalogue = {_toml_value('catalogue', claims['catalogue'])}",
                            f"catalogue = {_toml_value('catalogue', os.path.abspath(claims['catalogue']))}", 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "claims.toml")
        with open(path, "w", encoding="ascii") as f:
            f.write(text)
        return run("verify", path, points=points, budget_seconds=budget_seconds, json=True)


def eval(term, **flags):
    """A high-precision spectral sum, ``term`` in "fpp", "kpp", "kappa", "f0" (MODEL §3-4), e.g.
    ``eval("fpp", alpha="0.35", beta=0.5, gamma=0.01, batch=1, r=3000, v=20000, digits=50)``.
    ``value`` and ``error_bound`` are decimal strings (the bound is guaranteed for the exact inputs); with mpmath
    installed, also ``value_mpf`` and ``error_bound_mpf`` (mpmath.mpf holding every printed digit). Raises Failed
    when ``digits`` cannot be reached. As ``scalelaw eval TERM ... --json``."""
    res = _run(("eval", term), dict(json=True, **flags), failed_result_returned=False)
    try:
        import mpmath
    except ImportError:
        return res
    for key in ("value", "error_bound"):
        if isinstance(res.get(key), str):
            digits = sum(c.isdigit() for c in res[key].split("e")[0].split("E")[0])
            with mpmath.workdps(max(15, digits + 5)):
                res[key + "_mpf"] = mpmath.mpf(res[key])
    return res


def curve(**flags):
    """The expected loss curve P_r of one-pass SGD (MODEL §2): ``r`` (int64 array), ``loss`` (float64 array),
    ``F0``, ``kernel_norm``, ``seconds``. Model flags (alpha, beta, d, v, gamma or gamma_mult, batch) or a
    spectrum file (spectrum=PATH, f0=X, gamma=G); steps; method "exact", "direct", "deq" or "asymptotic".
    As ``scalelaw curve ... --json``."""
    return run("curve", json=True, **flags)


def sgd(**flags):
    """SGD reference runs (MODEL §2): ``r`` and the mean, 10% and 90% quantiles of the loss over ``runs`` runs
    (arrays). Seeded (``seed``), the same result for any ``threads``. As ``scalelaw sgd ... --json``."""
    return run("sgd", json=True, **flags)


def frontier(**flags):
    """The measured compute-optimal frontier d*(f) and its exponents, ``xi``, ``eta`` with intervals, the derived
    ``xi_theory``, ``eta_theory``, ``points``, ``window``, ``local`` slopes and ``estimators``. With only alpha
    and beta: the deterministic equivalent on an automatically placed window. ``expect=(xi, eta)`` adds a
    ``verdict``. Raises Failed when there is no interior optimum. As ``scalelaw frontier ... --json``."""
    return run("frontier", json=True, **flags)


def check(**flags):
    """The proofs-check suite (or one check, ``only="name"``; ``quick=True`` for the quick set): ``checks``, a
    list of {name, statement, passed, measured, expected, tolerance, ...}. A failed check is in the result
    (``passed`` False), not an exception. As ``scalelaw check ... --json``."""
    return run("check", json=True, **flags)


def jvr_allocate(bound, d, **flags):
    """Compute-optimal split for an error bound E(p, T, d) under C = p T (MODEL §5): ``C``, ``p_star``,
    ``T_star``, ``error`` and the local exponents, e.g. ``jvr_allocate("d/p + d/T", d=100)``.
    As ``scalelaw jvr allocate --bound EXPR --d N ... --json``."""
    return run("jvr", "allocate", bound=bound, d=d, json=True, **flags)


def jvr_simulate(**flags):
    """Monte Carlo of teacher and learner networks on IsoFLOP lines (MODEL §5). As
    ``scalelaw jvr simulate ... --json``."""
    return run("jvr", "simulate", json=True, **flags)
