"""The Python module's types (issue 37): `mypy --strict` accepts the package and examples/python/typed_usage.py, and
flags every line marked `# wrong:` in tests/python_types_wrong.py with the error code named there (and nothing else):
a signature, an annotation or a result field that drifted from the CLI would show up as a missing or extra error.
Run: python3 tests/test_python_types.py BUILD/python
"""
import importlib.util
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def mypy(pkg_dir, *files):
    env = dict(os.environ, MYPYPATH=pkg_dir)
    p = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, *files],
                       capture_output=True, text=True, env=env, cwd=pkg_dir)
    return p.returncode, p.stdout + p.stderr


def main():
    pkg_dir = os.path.abspath(sys.argv[1])
    if importlib.util.find_spec("mypy") is None:  # Debian mypy; scripts/setup.sh --test
        print("mypy is not installed (apt-get install mypy)")
        sys.exit(1 if os.environ.get("CI") else 77)
    failures = []
    status, out = mypy(pkg_dir, "scalelaw", os.path.join(REPO, "examples/python/typed_usage.py"))
    print(out.strip())
    if status != 0:
        failures.append("mypy --strict refused the package or examples/python/typed_usage.py")
    wrong = os.path.join(REPO, "tests/python_types_wrong.py")
    expected = {}
    with open(wrong) as f:
        for number, line in enumerate(f, 1):
            m = re.search(r"# wrong: ([\w-]+)", line)
            if m:
                expected[number] = m.group(1)
    status, out = mypy(pkg_dir, wrong)
    found = {}
    for m in re.finditer(r"python_types_wrong\.py:(\d+): error: .*\[([\w-]+)\]", out):
        found.setdefault(int(m.group(1)), set()).add(m.group(2))
    for number, code in sorted(expected.items()):
        ok = code in found.get(number, set())
        print(f"line {number}: expected [{code}]: {'flagged' if ok else 'NOT flagged'}")
        if not ok:
            failures.append(f"python_types_wrong.py:{number} not flagged as [{code}]")
    for number in sorted(set(found) - set(expected)):
        failures.append(f"python_types_wrong.py:{number}: an error not marked as expected: {found[number]}")
    if status == 0:
        failures.append("mypy accepted python_types_wrong.py")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
