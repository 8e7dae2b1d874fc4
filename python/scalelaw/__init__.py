"""scalelaw: compute-optimal neural scaling laws, verified numerically.

The functions are the `scalelaw` command line's commands, run in-process (README "From Python"). Their signatures,
defaults and docstrings are generated from the CLI's own option table (``inspect.signature(scalelaw.curve)``;
``help(scalelaw.frontier)``): keyword arguments are the CLI's flags (``gamma_mult=0.5`` is ``--gamma-mult 0.5``).
Results are typed objects (scalelaw.results: ``PhaseResult``, ``CurveResult``, ...) whose fields are the CLI's JSON
keys; each is also a read-only mapping (``res["xi"]``), ``to_dict()`` gives the JSON object, lists of numbers are
numpy arrays, and the tabular ones have ``to_frame()`` (pandas). The same parser, validation and computation run as
for the binary, so the numbers are the CLI's to the last digit.

Parameters are read exactly from their decimal text (MODEL §1): a string (``alpha="0.35"``, ``"7/10"``) is taken
as typed; a Python float is passed as its shortest repr (``0.35`` -> ``"0.35"``, the number you wrote), an int
as its digits, a Fraction as p/q, ``float("inf")`` as ``inf``.

Errors: bad input raises ValueError with the CLI's message (its exit status 2), an unknown keyword TypeError; a
result that exists but fails what was asked (exit status 1) is returned when the command printed one (``check``,
``verify``, ``frontier(expect=...)``: look at ``passed`` / ``verdict``), else raises Failed; Ctrl-C stops a running
call (KeyboardInterrupt).

Long calls release the GIL. Commands that use GiNaC (phase, table, frontier, check, jvr_allocate, verify) run one at
a time per process (GiNaC is not thread-safe); curve and sgd run concurrently from several threads.
"""

from . import _core, results
from ._commands import (catalogue_check, check, curve, eval, frontier, jvr_allocate, jvr_simulate, phase, sgd, table,
                        verify)
from ._runtime import Arg, Claims, Failed, run, set_progress
from .results import (CatalogueCheck, CheckReport, CurveResult, EvalResult, FrontierResult, JvrAllocation,
                      JvrSimulation, PhaseResult, Result, SgdResult, TableResult, VerifyResult)

__version__: str = _core.version()  # as `scalelaw --version` prints it (the CMake project version)

__all__ = ["__version__", "phase", "table", "eval", "curve", "sgd", "frontier", "check", "jvr_allocate", "jvr_simulate",
           "verify", "catalogue_check", "run", "Failed", "set_progress", "results", "Result", "PhaseResult",
           "TableResult", "EvalResult", "CurveResult", "SgdResult", "FrontierResult", "CheckReport", "JvrAllocation",
           "JvrSimulation", "VerifyResult", "CatalogueCheck", "Arg", "Claims"]
