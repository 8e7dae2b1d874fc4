#!/usr/bin/env bash
# The main job: install, build, then `scalelaw report --quick` into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
SCALELAW_TARGETS=scalelaw scripts/build.sh  # the main job needs the program only, not the tests
mkdir -p out
build/scalelaw report --quick --out out "$@"
