#!/usr/bin/env bash
# The installed package (issue 21): `cmake --install` into a fresh prefix, then from outside the source and build
# trees: examples/cpp configured with find_package(scalelaw), built and run; the Python package imported from the
# prefix; the installed program finding the installed data. Usage: test_package.sh BUILD_DIR SOURCE_DIR [PYTHON]
set -euo pipefail
build=$(realpath "$1"); src=$(realpath "$2"); python=${3:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/scalelaw-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null

# the headers, the config and the data are where the contract says
test -f "$prefix/include/scalelaw/model/plrf.hpp"
test -f "$prefix/lib/cmake/scalelaw/scalelawConfig.cmake"
test -f "$prefix/lib/cmake/scalelaw/scalelawConfigVersion.cmake"
test -f "$prefix/share/scalelaw/data/README.md"
# private headers (the program's renderers) are not installed
test ! -e "$prefix/include/scalelaw/output"

# the C++ consumer: find_package(scalelaw) against the prefix only
cmake -S "$src/examples/cpp" -B "$work/example" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/example" -j2 >/dev/null
cd "$work"
out=$("$work/example/scaling_example" 0.7 0.7)
echo "$out"
grep -q "^phase II: xi = beta/(alpha+beta) = 0.5, eta = " <<<"$out"
grep -q "^r =  1000000  P = " <<<"$out"
# the guaranteed F_pp for the exact decimals, through the one parameter type, equals the installed program's eval of the
# same sum (v = 4 d = 800, gamma = 0.5 / sum j^-1.4) to 28 digits: both hold the exact value within 1e-30
lib_fpp=$(sed -n 's/^F_pp(r = 1e6) = \([^,]*\),.*/\1/p' <<<"$out")
cli_fpp=$("$prefix/bin/scalelaw" eval fpp --alpha 0.7 --beta 0.7 --v 800 --r 1e6 --digits 30 --json | sed -n 's/.*"value": *"\([^"]*\)".*/\1/p')
/usr/bin/python3 -c "
from fractions import Fraction as F
import sys
a, b = F('$lib_fpp'), F('$cli_fpp')
sys.exit(0 if abs(a / b - 1) < F(1, 10**28) else 'F_pp: library %s, program %s' % (a, b))"
# bad input through the library: invalid_input, exit 2
if "$work/example/scaling_example" 0.3 0.1 2>/dev/null; then echo "no-learning point accepted" >&2; exit 1; fi

# the installed program
"$prefix/bin/scalelaw" phase --alpha 0.7 --beta 0.7 --json | grep -q '"phase": "II"'

# the Python package from the prefix (not the build tree)
if [ -n "$python" ]; then
  pydir=$(ls -d "$prefix"/lib/python3*/dist-packages)
  PYTHONPATH=$pydir "$python" -c "
import scalelaw, sys
assert scalelaw.__file__.startswith('$prefix'), scalelaw.__file__
print(scalelaw.phase(alpha='0.7', beta='0.7')['phase'])" | grep -qx II
fi
echo "package: install, C++ consumer, installed program and Python module OK"
