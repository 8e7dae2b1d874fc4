"""The machinery under the generated functions (python/gen_api.py writes scalelaw/_commands.py): keyword arguments
to the CLI's flags, one command run in-process by _core, its JSON to typed results (scalelaw/results.py)."""
from __future__ import annotations

import json as _json
import math as _math
import os
import tempfile
import threading as _threading
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, Union

import numpy as _np

from . import _core
from .results import Result

R = TypeVar("R", bound=Result)

# A parameter's value: exact decimal text ("0.35", "7/10"), a number (a float as its shortest repr), a Fraction or a
# Decimal, or a list of them for the flags that take a comma-separated list.
Number = Union[str, int, float, Fraction, Decimal]
Arg = Union[Number, Sequence[Number], "os.PathLike[str]"]
# verify's claims: the path of a claims file, or the same as a dict {"claim": [{name, region, xi, eta}, ...]}
Claims = Union[str, "os.PathLike[str]", Mapping[str, Any]]

_progress = True
# One call at a time for the commands on process-wide state: GiNaC (reference counts, Digits) and eval's mpfr arithmetic
# (Boost 1.74's default mpfr precision is one per process; the library's own mpfr work takes a lock of its own).
_serial_lock = _threading.Lock()


class Failed(RuntimeError):
    """A result that exists but fails what was asked of it (the CLI's exit status 1), e.g. the digits requested
    from ``eval`` not reached, or a frontier without an interior optimum."""


def set_progress(on: bool) -> None:
    """Progress and messages of running commands on the process's stderr (default True)."""
    global _progress
    _progress = bool(on)


def _text(name: str, value: Any) -> str:
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


def _args(words: Sequence[str], flags: Mapping[str, Any]) -> list[str]:
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


def _message(err: str) -> str:
    lines = [ln[len("error: "):] if ln.startswith("error: ") else ln
             for ln in err.splitlines() if ln.startswith("error: ")]
    return "\n".join(lines) if lines else err.strip()


def _arrays(obj: Any) -> Any:
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


def run(*words: str, **flags: Any) -> Any:
    """Runs one command, ``run("phase", alpha=0.7, beta=0.7, json=True)``, and returns the parsed JSON output
    with lists of numbers as numpy arrays (the text, for output that is not JSON). The building block of the
    other functions; for commands without a function of their own. Raises ValueError on bad input (exit status
    2); a failed result (exit status 1) is returned when the command printed one, else raises Failed."""
    return _run(words, flags, failed_result_returned=True)


def _run(words: Sequence[str], flags: Mapping[str, Any], failed_result_returned: bool) -> Any:
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


def _toml_value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError(f"{key}: a claim's values are strings or whole numbers")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _json.dumps(value)  # a JSON string is a TOML basic string (ASCII: the claims file is ASCII)
    raise ValueError(f"{key}: {value!r} must be a string (formulas and exact numbers such as \"1/10\" are strings)")


def _claims_toml(claims: Mapping[str, Any]) -> str:
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




def _claims_file(claims: Any, tmp: str) -> str:
    """verify's argument: a path as it is, a dict written as a claims file in `tmp` (README "Checking your own
    statements"; a ``catalogue`` path in the dict is taken relative to the current directory)."""
    if isinstance(claims, (str, os.PathLike)):
        return os.fspath(claims)
    if not isinstance(claims, Mapping):
        raise ValueError("claims: a path, or a dict with a list \"claim\" of claims")
    claims = dict(claims)
    if "catalogue" in claims:
        claims["catalogue"] = os.path.abspath(claims["catalogue"])
    path = os.path.join(tmp, "claims.toml")
    with open(path, "w", encoding="ascii") as f:
        f.write(_claims_toml(claims))
    return path


def _with_mpf(res: dict[str, Any]) -> dict[str, Any]:
    """eval: with mpmath installed, ``value_mpf`` and ``error_bound_mpf`` (mpmath.mpf holding every printed digit)."""
    try:
        import mpmath  # type: ignore[import]
    except ImportError:
        return res
    for key in ("value", "error_bound"):
        if isinstance(res.get(key), str):
            digits = sum(c.isdigit() for c in res[key].split("e")[0].split("E")[0])
            with mpmath.workdps(max(15, digits + 5)):
                res[key + "_mpf"] = mpmath.mpf(res[key])
    return res


class _DefaultInt(int):
    """A default of a generated signature: prints as the CLI's --help writes it, and is not passed to the CLI (which
    applies it anyway, and whose JSON echoes only the parameters given)."""

    text = ""

    def __repr__(self) -> str:
        return self.text


class _DefaultFloat(float):
    __doc__ = _DefaultInt.__doc__
    text = ""

    def __repr__(self) -> str:
        return self.text


class _DefaultStr(str):
    __doc__ = _DefaultInt.__doc__
    text = ""

    def __repr__(self) -> str:
        return repr(str(self))


def _d(value: Any, text: str) -> Any:
    """The default `value`, as the option table's `text` ("1e6") reads."""
    d: Any = {int: _DefaultInt, float: _DefaultFloat, str: _DefaultStr}[type(value)](value)
    d.text = text
    return d


def _invoke(command: str, result: type[R], positionals: Sequence[Any], flags: dict[str, Any],
            fixed: Mapping[str, Any], failed_result_returned: bool = True) -> R:
    """One generated function's call: `flags` by their Python names, a default left to the CLI, `fixed` (e.g.
    json=True) added; the JSON printed as `result`."""
    words = command.split()
    given = {k: v for k, v in flags.items() if type(v) not in (_DefaultInt, _DefaultFloat, _DefaultStr)}
    given.update(fixed)
    with tempfile.TemporaryDirectory() as tmp:
        if command == "verify":
            positionals = [_claims_file(positionals[0], tmp)]
        words += [_text("argument", p) if not isinstance(p, (str, os.PathLike)) else os.fspath(p) for p in positionals]
        res = _run(words, {k.rstrip("_"): v for k, v in given.items()}, failed_result_returned)
    if not isinstance(res, dict):
        raise RuntimeError(f"scalelaw {command}: expected one JSON object, got {str(res)[:200]!r}")
    if command == "eval":
        res = _with_mpf(res)
    return result.from_json(res)
