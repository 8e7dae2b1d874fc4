"""Typed results of the scalelaw functions: one small dataclass per command, its fields the CLI's JSON keys.

Every result is also a read-only mapping over those keys (``res["xi"]`` is ``res.xi``; ``dict(res)``), ``to_dict()``
gives the JSON object back (lists of numbers as numpy arrays), and the tabular ones have ``to_frame()`` (a pandas
DataFrame; pandas is optional, Debian python3-pandas). Keys a command prints beyond the declared fields are kept in
``extra`` and read the same way.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, TypeVar

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

R = TypeVar("R", bound="Result")


def _plain(value: Any) -> Any:
    if isinstance(value, Result):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _frame(data: Any, columns: list[str] | None = None) -> Any:
    try:
        import pandas  # type: ignore[import]
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("to_frame() needs pandas (Debian: apt-get install python3-pandas)") from e
    return pandas.DataFrame(data, columns=columns)


@dataclasses.dataclass(eq=False, kw_only=True)
class Result(Mapping[str, Any]):
    """A command's JSON object as typed fields; also a read-only mapping over the JSON keys."""

    extra: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False)
    _keys: tuple[str, ...] = dataclasses.field(default=(), repr=False)
    _nested: ClassVar[dict[str, type[Result]]] = {}  # fields holding a list of JSON objects: their element type

    @classmethod
    def from_json(cls: type[R], obj: Mapping[str, Any]) -> R:
        declared = {f.name for f in dataclasses.fields(cls)} - {"extra", "_keys"}
        known: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in obj.items():
            if key in declared:
                element = cls._nested.get(key)
                if element is not None and isinstance(value, list):
                    value = [element.from_json(v) if isinstance(v, Mapping) else v for v in value]
                known[key] = value
            else:
                extra[key] = value
        return cls(**known, extra=extra, _keys=tuple(obj.keys()))

    def __getitem__(self, key: str) -> Any:
        if key in self.extra:
            return self.extra[key]
        if key in self._keys:
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys + tuple(k for k in self.extra if k not in self._keys))

    def __len__(self) -> int:
        return len(set(self._keys) | set(self.extra))

    def __eq__(self, other: object) -> bool:  # as dicts of the JSON keys (numpy arrays compared by value)
        if not isinstance(other, Mapping) or set(self) != set(other):
            return False
        return all(np.array_equal(self[k], other[k]) if isinstance(self[k], np.ndarray) else self[k] == other[k]
                   for k in self)

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        """The command's JSON object (the CLI's keys, in its order; lists of numbers as numpy arrays)."""
        return {k: _plain(self[k]) for k in self}


@dataclasses.dataclass(eq=False, kw_only=True)
class PhaseResult(Result):
    """``phase``: the phase of (alpha, beta), its compute-optimal exponents and the terms that set them (MODEL §4)."""

    phase: str = ""
    xi: float = float("nan")
    eta: float = float("nan")
    xi_formula: str = ""
    eta_formula: str = ""
    xi_exact: str = ""
    eta_exact: str = ""
    dominant: list[str] = dataclasses.field(default_factory=list)
    regime: str = ""
    near_boundaries: list[Any] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(eq=False, kw_only=True)
class PhaseRow(Result):
    """One phase of a derived table."""

    phase: str = ""
    region: str = ""
    xi_formula: str = ""
    eta_formula: str = ""
    dominant: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(eq=False, kw_only=True)
class TableResult(Result):
    """``table``: the derived phase table (``phases``), or with ``compare`` the diff (``changed``, ``changes``)."""

    phases: list[PhaseRow] = dataclasses.field(default_factory=list)
    boundaries: list[Any] = dataclasses.field(default_factory=list)
    changed: bool = False
    changes: list[Any] = dataclasses.field(default_factory=list)
    _nested: ClassVar[dict[str, type[Result]]] = {"phases": PhaseRow}

    def to_frame(self) -> Any:
        """One row per phase: phase, region, xi_formula, eta_formula, dominant."""
        return _frame([p.to_dict() for p in self.phases], ["phase", "region", "xi_formula", "eta_formula", "dominant"])


@dataclasses.dataclass(eq=False, kw_only=True)
class EvalResult(Result):
    """``eval``: a spectral sum with a guaranteed error bound (decimal strings: every printed digit is exact)."""

    term: str = ""
    value: str = ""
    error_bound: str = ""
    digits: int = 0
    digits_reached: int = 0
    guaranteed: bool = False
    certified: bool = False
    seconds: float = 0.0


@dataclasses.dataclass(eq=False, kw_only=True)
class CurveResult(Result):
    """``curve``: the expected loss P_r of one-pass SGD at the steps ``r`` (MODEL §2)."""

    r: IntArray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    loss: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    forcing: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    F0: float = float("nan")
    kernel_norm: float = float("nan")
    limit_loss: float = float("nan")
    gamma: float = float("nan")
    method: str = ""
    seconds: float = 0.0

    def to_frame(self) -> Any:
        """Columns r, loss (and forcing when the method gives it)."""
        data: dict[str, Any] = {"r": self.r, "loss": self.loss}
        if len(self.forcing) == len(self.r):
            data["forcing"] = self.forcing
        return _frame(data)


@dataclasses.dataclass(eq=False, kw_only=True)
class SgdResult(Result):
    """``sgd``: seeded SGD reference runs, the mean loss and its 10%/90% quantiles at the steps ``r``."""

    r: IntArray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    mean: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    q10: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    q90: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    std_error: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    runs: int = 0
    F0: float = float("nan")
    gamma: float = float("nan")
    seconds: float = 0.0

    def to_frame(self) -> Any:
        """Columns r, mean, q10, q90, std_error."""
        return _frame({"r": self.r, "mean": self.mean, "q10": self.q10, "q90": self.q90, "std_error": self.std_error})


@dataclasses.dataclass(eq=False, kw_only=True)
class FrontierResult(Result):
    """``frontier``: the measured compute-optimal exponents with intervals, the derived ones, and the verdict."""

    phase: str = ""
    xi: float = float("nan")
    eta: float = float("nan")
    xi_ci: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    eta_ci: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    xi_theory: float = float("nan")
    eta_theory: float = float("nan")
    points: list[Any] = dataclasses.field(default_factory=list)
    window: dict[str, Any] = dataclasses.field(default_factory=dict)
    verdict: dict[str, Any] = dataclasses.field(default_factory=dict)
    seconds: float = 0.0

    def to_frame(self) -> Any:
        """One row per compute f of the frontier (the ``points``)."""
        return _frame(self.points)


@dataclasses.dataclass(eq=False, kw_only=True)
class CheckOutcome(Result):
    """One proofs-check: its statement, verdict and numbers."""

    name: str = ""
    statement: str = ""
    passed: bool = False
    measured: Any = None
    expected: Any = None
    tolerance: Any = None
    why: str = ""
    seconds: float = 0.0


@dataclasses.dataclass(eq=False, kw_only=True)
class CheckReport(Result):
    """``check``: the checks run, each a CheckOutcome (a failed check is in the result, not an exception)."""

    checks: list[CheckOutcome] = dataclasses.field(default_factory=list)
    _nested: ClassVar[dict[str, type[Result]]] = {"checks": CheckOutcome}

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def to_frame(self) -> Any:
        """One row per check: name, passed, seconds, why."""
        return _frame([{"name": c.name, "passed": c.passed, "seconds": c.seconds, "why": c.why} for c in self.checks])


@dataclasses.dataclass(eq=False, kw_only=True)
class JvrAllocation(Result):
    """``jvr allocate``: the compute-optimal split p*(C), T*(C) of an error bound and its local exponents (MODEL §5)."""

    bound: str = ""
    d: float = float("nan")
    # decimal strings: they carry more digits than a double (the contract's rule for such numbers)
    C: list[str] = dataclasses.field(default_factory=list)
    p_star: list[str] = dataclasses.field(default_factory=list)
    T_star: list[str] = dataclasses.field(default_factory=list)
    error: list[str] = dataclasses.field(default_factory=list)
    p_exponent: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    T_exponent: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))

    def to_frame(self) -> Any:
        """Columns C, p_star, T_star, error (as floats), p_exponent, T_exponent."""
        return _frame({"C": np.array(self.C, dtype=float), "p_star": np.array(self.p_star, dtype=float),
                       "T_star": np.array(self.T_star, dtype=float), "error": np.array(self.error, dtype=float),
                       "p_exponent": self.p_exponent, "T_exponent": self.T_exponent})


@dataclasses.dataclass(eq=False, kw_only=True)
class JvrSimulation(Result):
    """``jvr simulate``: Monte Carlo teachers and learners on IsoFLOP lines, the fitted allocation exponent."""

    dims: list[Any] = dataclasses.field(default_factory=list)
    optima: list[Any] = dataclasses.field(default_factory=list)
    p_exponent: float = float("nan")
    p_exponent_ci: FloatArray = dataclasses.field(default_factory=lambda: np.zeros(0))
    seconds: float = 0.0


@dataclasses.dataclass(eq=False, kw_only=True)
class ClaimResult(Result):
    """One claim of ``verify``: its symbolic and per-point verdicts."""

    name: str = ""
    kind: str = ""
    passed: bool = False
    symbolic: dict[str, Any] = dataclasses.field(default_factory=dict)
    points: list[Any] = dataclasses.field(default_factory=list)
    why: str = ""


@dataclasses.dataclass(eq=False, kw_only=True)
class VerifyResult(Result):
    """``verify``: every claim judged (``claims``) and the overall verdict ``passed``."""

    claims: list[ClaimResult] = dataclasses.field(default_factory=list)
    passed: bool = False
    _nested: ClassVar[dict[str, type[Result]]] = {"claims": ClaimResult}


@dataclasses.dataclass(eq=False, kw_only=True)
class CatalogueCheck(Result):
    """``catalogue check``: every term of every regime measured against the catalogue's exponents."""

    terms: list[Any] = dataclasses.field(default_factory=list)
    passed: bool = False

    def to_frame(self) -> Any:
        """One row per (regime, term, point): measured and expected d- and r-exponents, verdict."""
        rows = [{"regime": t["regime"], "term": t["term"], "point": t["point"], "d": t["measured"]["d"],
                 "r": t["measured"]["r"], "d_expected": t["expected"]["d"], "r_expected": t["expected"]["r"],
                 "passed": t["passed"]} for t in self.terms]
        return _frame(rows)
