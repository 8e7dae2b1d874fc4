#!/usr/bin/env bash
# Installs the Debian packages scalelaw needs: the main job's, and with --test the test path's too. Idempotent: skips apt
# entirely when all are present.
set -euo pipefail
# The main job's packages (scripts/run.sh: build the program, run `report --quick`)
PKGS=(
  build-essential cmake pkg-config
  libboost-dev libboost-test-dev          # Boost.Math, Boost.Multiprecision, Boost.Test (1.74; CMake looks for all three)
  libmpfr-dev libgmp-dev                  # mpfr_float backend, mpq_class exact rationals
  libflint-arb-dev                        # Arb ball arithmetic: the guaranteed bounds of `eval`
  libeigen3-dev                           # dense linear algebra
  libopenblas-dev liblapacke-dev          # the exact instance's Gram matrix (dsyrk) and eigenproblem (dsyevd), threaded
  libginac-dev libcln-dev                 # symbolic expressions (JVR bounds, exponent formulas)
  libcli11-dev nlohmann-json3-dev libfmt-dev
  libtomlplusplus-dev                     # toml++: catalogues (data/catalogues/*.toml; the built-in table comes from one)
  libtbb-dev
  gnuplot-nox                             # SVG figures
  libcmark-gfm-dev libcmark-gfm-extensions-dev  # Markdown to HTML (GitHub tables): the report's page
)
# The test path's (scripts/test.sh, `setup.sh --test`): what only the tests and the optional parts use
TEST_PKGS=(
  python3 python3-mpmath                  # tests/test_enclosure_mpmath.py: an independent reference for eval
  python3-dev pybind11-dev python3-numpy  # the Python module (python/): build, and numpy arrays for its results
  texlive-latex-base                      # pdflatex: the test that `table --format tex` compiles
  openmpi-bin libopenmpi-dev              # `scalelaw sweep` under mpirun / srun (MPI's C API; tests/test_sweep.py)
  clang libclang-rt-14-dev                # libFuzzer (-fsanitize=fuzzer): tests/fuzz, the parsers' fuzz targets
  chromium                                # tests/test_browser.py: the report's page in a real browser (label browser)
  python3-pandas                          # the Python results' .to_frame() (tests/test_python.py)
  mypy                                    # the Python module's type hints checked (tests/CMakeLists.txt: test_python_types)
  jupyter-nbconvert python3-ipykernel     # examples/python/*.ipynb executed by `jupyter nbconvert --execute` (test_notebook)
)
if [ "${1:-}" = "--test" ]; then
  PKGS+=("${TEST_PKGS[@]}")
elif [ -n "${1:-}" ]; then
  echo "usage: scripts/setup.sh [--test]" >&2
  exit 2
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PKGS[@]} packages present" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
