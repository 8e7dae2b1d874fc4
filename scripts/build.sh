#!/usr/bin/env bash
# Configures and builds into build/ (Release). Extra arguments go to cmake's configure step; SCALELAW_TARGETS (space-
# separated) limits the build to those targets (scripts/run.sh builds `scalelaw` only).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
targets=()
for t in ${SCALELAW_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build build -j"$(nproc)" "${targets[@]}"
