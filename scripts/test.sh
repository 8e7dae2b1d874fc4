#!/usr/bin/env bash
# Install, build, run the default test suite (label `unit`; slow checks: `ctest -L slow`; 60 s fuzz runs: `ctest -L fuzz`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh ${CI:+-DSCALELAW_WERROR=ON}  # CI: a warning fails the build (issue 37)
cd build
ctest --output-on-failure -LE 'slow|fuzz' -j"$(nproc)" "$@"
