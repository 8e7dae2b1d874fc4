#!/usr/bin/env bash
# The main job: install, build, then `scalelaw report --quick` into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
mkdir -p out
build/scalelaw report --quick --out out "$@"
