#!/usr/bin/env bash
# Install, build, run the default test suite (label `unit`; slow checks: `ctest -L slow`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cd build
ctest --output-on-failure -LE slow -j"$(nproc)" "$@"
