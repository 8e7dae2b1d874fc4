"""The Python module against the command line (issue 21): each function gives the CLI's JSON for the same arguments,
to the last digit; numpy dtypes and shapes; ValueError with the CLI's message on bad input; the GIL released while a
command runs; Ctrl-C stops a call. Run: PYTHONPATH=build/python python3 tests/test_python.py build/scalelaw
"""
import inspect
import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
import unittest

import numpy as np

import scalelaw

BINARY = os.environ.get("SCALELAW_BINARY", "build/scalelaw")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMING_KEYS = {"seconds", "samples_per_second"}  # wall-clock time: the keys that differ between two runs


def cli(*args, status=0):
    p = subprocess.run([BINARY, *args], capture_output=True, text=True)
    if p.returncode != status:
        raise AssertionError(f"scalelaw {' '.join(args)}: exit {p.returncode}, expected {status}: {p.stderr}")
    return p


def cli_json(*args, status=0):
    return json.loads(cli(*args, status=status).stdout)


def plain(obj):
    """The module's result back in JSON's types (arrays to lists), timing keys dropped, for exact comparison."""
    if isinstance(obj, scalelaw.Result):
        obj = obj.to_dict()
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items() if k not in TIMING_KEYS and not k.endswith("_mpf")}
    if isinstance(obj, np.ndarray):
        return [None if (isinstance(v, float) and math.isnan(v)) else v for v in obj.tolist()]
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    return obj


def strip_timing(obj):
    if isinstance(obj, dict):
        return {k: strip_timing(v) for k, v in obj.items() if k not in TIMING_KEYS}
    if isinstance(obj, list):
        return [strip_timing(v) for v in obj]
    return obj


MODEL_WINDOW = dict(flops_min=1e14, flops_max=1e17, flops_points=4, d_min=1e4, d_max=1e9, d_per_octave=1)
MODEL_WINDOW_ARGS = ["--flops-min", "100000000000000", "--flops-max", "100000000000000000", "--flops-points", "4",
                     "--d-min", "10000", "--d-max", "1000000000", "--d-per-octave", "1"]


class SameAsCli(unittest.TestCase):
    """Same arguments, same numbers: a float that went through a different formatting, parsing or a different code
    path would differ in its last digits, and assertEqual on the parsed JSON compares doubles exactly."""

    def same(self, py_result, *args, status=0):
        self.assertEqual(plain(py_result), strip_timing(cli_json(*args, status=status)))

    def test_version(self):  # the module and the program are one build: one version (issue 37)
        printed = cli("--version").stdout.split()
        self.assertEqual(printed[:2], ["scalelaw", scalelaw.__version__])
        self.assertRegex(scalelaw.__version__, r"^0\.\d+\.\d+$")

    def test_phase(self):
        self.same(scalelaw.phase(alpha=0.7, beta="0.7"), "phase", "--alpha", "0.7", "--beta", "0.7", "--json")

    def test_phase_negative_beta(self):
        r = scalelaw.phase(alpha="0.7", beta=-0.1)
        self.assertEqual(r["phase"], "Ia")
        self.same(r, "phase", "--alpha", "0.7", "--beta", "-0.1", "--json")

    def test_table(self):
        self.same(scalelaw.table(), "table", "--format", "json")

    def test_table_of_a_catalogue(self):  # issue 36: the same table as the CLI's, in the catalogue's names
        cat = os.path.join(REPO, "data", "catalogues", "lwkbl.toml")
        self.same(scalelaw.table(catalogue=cat), "table", "--catalogue", cat, "--format", "json")

    def test_verify_dict_and_path(self):  # issue 36: a dict is written as the claims file the path form reads
        cat = os.path.join(REPO, "data", "catalogues", "lwkbl.toml")
        claims = {"catalogue": cat, "claim": [
            {"name": "balance", "region": "a-1 > 0", "xi": "1/(a+1)", "eta": "(a-1)/(a+1)"},
            {"name": "wrong", "region": "a-1 > 0", "xi": "1/(a+1)", "eta": "(a-1)/(a+2)"}]}
        res = scalelaw.verify(claims)
        self.assertFalse(res["passed"])
        self.assertEqual([c["passed"] for c in res["claims"]], [True, False])
        self.assertEqual(res["parameters"], ["a"])
        with self.assertRaises(ValueError):
            scalelaw.verify({"claim": [{"name": "x", "region": "alpha > 0", "xi": "1/2"}]})  # no eta: exit 2
        with self.assertRaises(ValueError):
            scalelaw.verify({"claim": [{"name": "x", "region": "alpha > 0", "xi": 0.5, "eta": "1/2"}]})  # a float

    def test_eval(self):
        r = scalelaw.eval("fpp", alpha="0.35", beta=0.5, gamma=0.01, batch=1, r=3000, v=20000, digits=40)
        self.same(r, "eval", "fpp", "--alpha", "0.35", "--beta", "0.5", "--gamma", "0.01", "--batch", "1", "--r", "3000",
                  "--v", "20000", "--digits", "40", "--json")
        self.assertIsInstance(r["value"], str)
        try:
            import mpmath
        except ImportError:
            return
        # the mpf holds every printed digit: it differs from the decimal string by less than one unit in its last place
        digits = sum(c.isdigit() for c in r["value"].split("e")[0].lstrip("-0."))
        with mpmath.workdps(digits + 20):
            exact = mpmath.mpf(r["value"])
            self.assertLess(abs(r["value_mpf"] - exact), abs(exact) * mpmath.mpf(10) ** (-digits - 1))

    def test_eval_kappa_inf(self):
        self.same(scalelaw.eval("kappa", alpha=1.1, beta=0.3, d=1000, v=math.inf, digits=30),
                  "eval", "kappa", "--alpha", "1.1", "--beta", "0.3", "--d", "1000", "--v", "inf", "--digits", "30", "--json")

    def test_curve_exact(self):
        r = scalelaw.curve(alpha=1, beta=0.3, d=100, steps=1e5, points=40)
        self.same(r, "curve", "--alpha", "1", "--beta", "0.3", "--d", "100", "--steps", "100000", "--points", "40", "--json")
        self.assertEqual(r["r"].dtype, np.int64)
        self.assertEqual(r["loss"].dtype, np.float64)
        self.assertEqual(r["r"].shape, r["loss"].shape)
        self.assertEqual(r["r"].ndim, 1)
        self.assertEqual(int(r["r"][-1]), 100000)

    def test_curve_deq(self):
        r = scalelaw.curve(alpha=0.7, beta=0.7, d=1e4, steps=1e8, method="deq", points=30)
        self.same(r, "curve", "--alpha", "0.7", "--beta", "0.7", "--d", "10000", "--steps", "100000000", "--method", "deq",
                  "--points", "30", "--json")
        self.assertTrue(np.all(np.diff(r["loss"]) <= 0))

    def test_sgd(self):
        r = scalelaw.sgd(alpha=1, beta=0.3, d=50, steps=2000, runs=4, seed=3, threads=2)
        self.same(r, "sgd", "--alpha", "1", "--beta", "0.3", "--d", "50", "--steps", "2000", "--runs", "4", "--seed", "3",
                  "--threads", "2", "--json")
        for key in ("mean", "q10", "q90"):
            self.assertEqual(r[key].dtype, np.float64)
            self.assertEqual(r[key].shape, r["r"].shape)

    def test_frontier_model(self):
        # the three-term model on a small window (4 s): a frontier's whole JSON, points, estimators, verdict
        self.same(scalelaw.frontier(alpha=0.7, beta=0.7, method="model", **MODEL_WINDOW),
                  "frontier", "--alpha", "0.7", "--beta", "0.7", "--method", "model", *MODEL_WINDOW_ARGS, "--json")

    def test_frontier_expect_failing_is_returned(self):
        # a wrong cell: the verdict fails (exit 1) and the dict says so, as the CLI's JSON does
        r = scalelaw.frontier(alpha=0.7, beta=0.7, method="model", expect=(0.3, 0.6), **MODEL_WINDOW)
        self.assertFalse(r["verdict"]["passed"])
        self.same(r, "frontier", "--alpha", "0.7", "--beta", "0.7", "--method", "model", *MODEL_WINDOW_ARGS,
                  "--expect", "0.3,0.6", "--json", status=1)

    def test_frontier_no_interior_optimum_raises(self):
        # the default grid (d 8..1024) is far too small for the model: no exponents, exit 1 without a result
        with self.assertRaises(scalelaw.Failed) as ctx:
            scalelaw.frontier(alpha=0.7, beta=0.7, method="model")
        self.assertIn("no interior optimum", str(ctx.exception))

    def test_check(self):
        r = scalelaw.check(only="limit_loss")
        self.same(r, "check", "--only", "limit_loss", "--json")
        self.assertTrue(all(c["passed"] for c in r["checks"]))

    def test_jvr_allocate(self):
        r = scalelaw.jvr_allocate("d/p + d/T", d=100, compute_min=1e6, compute_max=1e12)
        self.same(r, "jvr", "allocate", "--bound", "d/p + d/T", "--d", "100", "--compute-min", "1000000",
                  "--compute-max", "1000000000000", "--json")


class Pythonic(unittest.TestCase):
    """Issue 37: signatures, defaults and docstrings generated from the CLI's option table (compared here with the
    binary's own --help, read independently), typed results that are also the JSON mapping, DataFrames."""

    FUNCTIONS = {"phase": "phase", "table": "table", "eval": "eval", "curve": "curve", "sgd": "sgd",
                 "frontier": "frontier", "check": "check", "jvr_allocate": "jvr allocate", "jvr_simulate": "jvr simulate",
                 "verify": "verify", "catalogue_check": "catalogue check"}

    @staticmethod
    def help_options(command):
        """{python name: default text or None} of the flags and positionals `scalelaw COMMAND --help` prints."""
        text = cli(*command.split(), "--help").stdout
        out, section = {}, None
        for line in text.splitlines():
            if line and not line.startswith(" "):
                section = line.rstrip(":")
                continue
            m = re.match(r"^\s+(?:-\w,)?(--[\w-]+)(.*)$", line) if section == "Options" else \
                re.match(r"^\s+([a-z][\w-]*)\s+(TEXT|INT|UINT|FLOAT).*$", line) if section == "Positionals" else None
            if m:
                name = m.group(1).lstrip("-")
                if name in ("help", "help-all"):
                    continue
                out[name.replace("-", "_")] = line
        return out

    def test_signatures_are_the_cli_options(self):
        for fname, command in self.FUNCTIONS.items():
            sig = inspect.signature(getattr(scalelaw, fname))
            params = set(sig.parameters) - {"max_memory"}
            flags = set(self.help_options(command)) - {"json", "format"}
            if fname == "verify":
                flags = (flags - {"file"}) | {"claims"}
            self.assertEqual(params, flags, f"{fname}: signature vs `scalelaw {command} --help`")
            doc = getattr(scalelaw, fname).__doc__
            for name in params:
                self.assertIn(f"{name} : ", doc, f"{fname}: {name} undocumented")
        curve = inspect.signature(scalelaw.curve).parameters
        self.assertTrue({"alpha", "beta", "d", "steps"} <= set(curve))
        self.assertIs(curve["steps"].default, inspect.Parameter.empty)  # --steps is required
        self.assertEqual(curve["points"].default, 40)  # "(default 40)" in --help

    def test_defaults_shown_are_the_help_texts(self):
        for fname, command in self.FUNCTIONS.items():
            lines = self.help_options(command)
            for name, p in inspect.signature(getattr(scalelaw, fname)).parameters.items():
                if p.default in (inspect.Parameter.empty, None, False) or name not in lines:
                    continue
                self.assertIn(f"(default {p.default!r}".replace("'", ""), lines[name],
                              f"{fname}({name}={p.default!r})")

    def test_default_is_left_to_the_cli(self):
        # batch left at its default is not passed (the JSON echoes only the parameters given); batch=1 typed is
        given = scalelaw.eval("fpp", alpha="0.35", beta=0.5, gamma=0.01, batch=1, r=3000, v=20000, digits=20)
        left = scalelaw.eval("fpp", alpha="0.35", beta=0.5, gamma=0.01, r=3000, v=20000, digits=20)
        self.assertEqual(given.extra["parameters"]["batch"], "1")
        self.assertNotIn("batch", left.extra["parameters"])
        self.assertEqual(given.value, left.value)

    def test_typed_results(self):
        p = scalelaw.phase(0.7, 0.7)
        self.assertIsInstance(p, scalelaw.PhaseResult)
        self.assertEqual((p.phase, p.xi_exact, p.eta_exact), ("II", "1/2", "9/14"))
        self.assertEqual(p["eta"], p.eta)
        self.assertEqual(plain(p.to_dict()), cli_json("phase", "--alpha", "0.7", "--beta", "0.7", "--json"))
        self.assertEqual(set(p), set(p.to_dict()))
        t = scalelaw.table()
        self.assertIsInstance(t.phases[0], scalelaw.results.PhaseRow)
        self.assertEqual([r.phase for r in t.phases], ["Ia", "Ib", "Ic", "II", "III", "IVa", "IVb"])
        c = scalelaw.check(only="limit_loss")
        self.assertIsInstance(c.checks[0], scalelaw.results.CheckOutcome)
        self.assertTrue(c.passed and c.checks[0].passed)

    def test_frames(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas not installed") if not os.environ.get("CI") else self.fail("pandas missing in CI")
        c = scalelaw.curve(alpha=1, beta=0.3, d=100, steps=1e4, points=5)
        f = c.to_frame()
        self.assertEqual(list(f.columns)[:2], ["r", "loss"])
        self.assertTrue((f["loss"].to_numpy() == c.loss).all())
        self.assertEqual(list(scalelaw.table().to_frame()["phase"]), ["Ia", "Ib", "Ic", "II", "III", "IVa", "IVb"])
        a = scalelaw.jvr_allocate("d/p + d/T", d=100, compute_min=1e6, compute_max=1e10, points=3).to_frame()
        self.assertAlmostEqual(a["p_star"].iloc[-1], 1e5, delta=1e-6)  # sqrt(C) for A = B


class BadInput(unittest.TestCase):
    """ValueError carries the CLI's own message (its stderr line without `error: `)."""

    def refused(self, fn, cli_args, **kw):
        with self.assertRaises(ValueError) as ctx:
            fn(**kw)
        line = cli(*cli_args, status=2).stderr.strip().splitlines()[-1]
        self.assertTrue(line.startswith("error: "))
        self.assertEqual(str(ctx.exception), line[len("error: "):])

    def test_no_learning(self):
        self.refused(scalelaw.phase, ["phase", "--alpha", "0.3", "--beta", "0.1"], alpha=0.3, beta=0.1)

    def test_nan(self):
        self.refused(scalelaw.curve, ["curve", "--alpha", "nan", "--beta", "0.3", "--d", "10", "--steps", "10"],
                     alpha=math.nan, beta=0.3, d=10, steps=10)

    def test_trailing_text(self):
        self.refused(scalelaw.phase, ["phase", "--alpha", "0.7x", "--beta", "0.3"], alpha="0.7x", beta=0.3)

    def test_unknown_flag(self):
        with self.assertRaises(TypeError):  # the signature is the CLI's option table: Python refuses the keyword
            scalelaw.curve(alpha=1, beta=0.3, d=10, steps=10, no_such_flag=1)  # type: ignore[call-arg]
        with self.assertRaises(ValueError):  # run() passes any flag on: the CLI's refusal
            scalelaw.run("curve", alpha=1, beta=0.3, d=10, steps=10, no_such_flag=1)

    def test_digits_out_of_range(self):
        self.refused(scalelaw.eval, ["eval", "fpp", "--alpha", "1", "--beta", "0.3", "--gamma", "0.1", "--r", "3",
                                     "--digits", "0"],
                     term="fpp", alpha=1, beta=0.3, gamma=0.1, r=3, digits=0)


class Concurrency(unittest.TestCase):
    def test_gil_released(self):
        """Two threads, each one call of ~0.5-2 s: with the GIL held through a call, the second would start only after
        the first ended (overlap 0); released, they overlap for most of their length."""
        spans = {}

        def work(name):
            t0 = time.perf_counter()
            scalelaw.curve(alpha=1, beta=0.3, d=3000, steps=1e12, method="deq", points=200)
            spans[name] = (t0, time.perf_counter())

        work("warm-up")
        threads = [threading.Thread(target=work, args=(n,)) for n in ("a", "b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        (a0, a1), (b0, b1) = spans["a"], spans["b"]
        overlap = min(a1, b1) - max(a0, b0)
        shorter = min(a1 - a0, b1 - b0)
        self.assertGreater(shorter, 0.05, "calls too short to judge")
        self.assertGreater(overlap, 0.5 * shorter, f"spans {spans}")

    def test_ctrl_c(self):
        """SIGINT during a long call: KeyboardInterrupt within seconds (the call would take minutes), the process alive
        to handle it."""
        code = ("import scalelaw, time\n"
                "scalelaw.set_progress(False)\n"
                "t0 = time.time()\n"
                "try:\n"
                "    scalelaw.sgd(alpha=1, beta=0.3, d=400, steps=2e6, runs=10000, threads=1)\n"
                "except KeyboardInterrupt:\n"
                "    print('interrupted after', round(time.time() - t0, 1), flush=True)\n")
        p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=os.environ)
        time.sleep(2.0)
        t_sig = time.time()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 0, err)
        self.assertIn("interrupted after", out)
        self.assertLess(time.time() - t_sig, 30)


if __name__ == "__main__":
    unittest.main()
