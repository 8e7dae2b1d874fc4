"""Writes scalelaw/_commands.py, the package's functions, from the program's option table (python/module.cpp
option_table, analysis/program.cpp): one source for the CLI's flags, its --help and the Python signatures, defaults
and docstrings. Run by the build (python/CMakeLists.txt) after _core is built:

    python3 python/gen_api.py BUILD/python/scalelaw
"""
import json
import keyword
import re
import sys
import textwrap

# command -> (function, result class, flags the function fixes, CLI options that become leading positional parameters,
#             whether a failed result (exit 1) is returned rather than raised)
FUNCTIONS = [
    ("phase", "phase", "PhaseResult", {"json": True}, ["alpha", "beta"], True),
    ("table", "table", "TableResult", {"format": "json"}, [], True),
    ("eval", "eval", "EvalResult", {"json": True}, [], False),
    ("curve", "curve", "CurveResult", {"json": True}, [], True),
    ("sgd", "sgd", "SgdResult", {"json": True}, [], True),
    ("frontier", "frontier", "FrontierResult", {"json": True}, [], True),
    ("check", "check", "CheckReport", {"json": True}, [], True),
    ("jvr allocate", "jvr_allocate", "JvrAllocation", {"json": True}, ["bound", "d"], True),
    ("jvr simulate", "jvr_simulate", "JvrSimulation", {"json": True}, [], True),
    ("verify", "verify", "VerifyResult", {"json": True}, [], True),
    ("catalogue check", "catalogue_check", "CatalogueCheck", {"json": True}, [], True),
]
RENAMED = {("verify", "file"): "claims"}  # the positional's Python name where the CLI's reads badly
ANNOTATION = {("verify", "file"): "Claims"}
NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
WORD = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def python_default(text):
    """The CLI's default as a Python literal, or None where it is not one value (e.g. "rho*d", "4; 2 with ...")."""
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    if NUMBER.match(text):
        return float(text)
    if WORD.match(text):
        return text
    return None


def identifier(name):
    n = name.replace("-", "_")
    return n + "_" if keyword.iskeyword(n) else n


def docstring(cmd, result, params):
    text = cmd["description"].strip()
    text = text[0].upper() + text[1:]
    lines = [ln.rstrip() for ln in text.splitlines()]
    if not lines[-1].endswith("."):
        lines[-1] += "."
    lines += ["",
             f"As ``scalelaw {cmd['command']} ... --json``; returns a :class:`scalelaw.results.{result}`.", "",
             "Parameters", "----------"]
    for name, opt, default, _ in params:
        where = opt["flag"] or "positional"
        kind = "flag" if opt["is_flag"] else (opt["type"] or "TEXT")
        req = ", required" if opt["required"] else ""
        lines.append(f"{name} : {where} ({kind}{req})")
        lines += textwrap.wrap(" ".join(opt["description"].split()), 100, initial_indent="    ", subsequent_indent="    ")
    lines += ["max_memory : --max-memory", "    refuse work whose memory estimate exceeds this (bytes, or with K, M, G, T)"]
    return "\n".join("    " + ln if ln else "" for ln in lines)


def function(cmd, name, result, fixed, leading, returns_failed):
    opts = [o for o in cmd["options"] if o["name"] not in fixed and not (o["name"] == "json" and "format" in fixed)]
    params = []  # (python name, option, default)
    for o in opts:
        pname = RENAMED.get((cmd["command"], o["name"]), identifier(o["name"]))
        default = False if o["is_flag"] else (None if o["required"] else python_default(o["default"]))
        text = o["default"]
        params.append((pname, o, default, text))
    first = [p for p in params if p[1]["positional"]] + [p for n in leading for p in params if p[1]["name"] == n]
    rest = [p for p in params if p not in first]
    sig = []
    for pname, o, default, _ in first:
        ann = ANNOTATION.get((cmd["command"], o["name"]), "Arg")
        sig.append(f"{pname}: {ann}" if o["required"] else f"{pname}: {ann} | None = None")
    sig.append("*")
    for pname, o, default, text in rest:
        if o["is_flag"]:
            sig.append(f"{pname}: bool = False")
        elif o["required"]:
            sig.append(f"{pname}: Arg")
        elif default is None:
            sig.append(f"{pname}: Arg | None = None")
        else:
            sig.append(f"{pname}: Arg = _d({default!r}, {text!r})")
    sig.append("max_memory: Arg | None = None")
    positional = [p[0] for p in params if p[1]["positional"]]
    flag_names = [p[0] for p in params if not p[1]["positional"]] + ["max_memory"]
    body = [
        f"def {name}(",
        *[f"    {p}," for p in sig],
        f") -> {result}:",
        '    """' + docstring(cmd, result, params).lstrip() + '\n    """',
        f"    return _invoke({cmd['command']!r}, {result}, [{', '.join(positional)}],",
        f"                   {{{', '.join(f'{n!r}: {n}' for n in flag_names)}}},",
        f"                   {fixed!r}, {returns_failed!r})",
    ]
    return "\n".join(body)


def main(out_dir):
    sys.path.insert(0, out_dir)
    import _core  # the module just built, imported as itself (the package around it is not complete yet)

    table = json.loads(_core.option_table())
    commands = {c["command"]: c for c in table["commands"]}
    names = [f[1] for f in FUNCTIONS]
    results = sorted({f[2] for f in FUNCTIONS})
    parts = [
        '"""The scalelaw commands as functions: GENERATED by python/gen_api.py from the program\'s option table at build',
        'time (do not edit). Signatures, defaults and docstrings are the CLI\'s flags, its defaults and its --help texts."""',
        "from __future__ import annotations",
        "",
        "from ._runtime import Arg, Claims, _d, _invoke",
        f"from .results import {', '.join(results)}",
        "",
        f"__all__ = {names!r}",
    ]
    for command, name, result, fixed, leading, returns_failed in FUNCTIONS:
        if command not in commands:
            raise SystemExit(f"gen_api: the program has no command '{command}'")
        parts += ["", "", function(commands[command], name, result, fixed, leading, returns_failed)]
    with open(f"{out_dir}/_commands.py", "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
