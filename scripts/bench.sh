#!/usr/bin/env bash
# `npm run bench [suite...]`: builds what is missing, then runs the benchmark suites (JSON results
# under bench/results/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f build/native/Release/oneproof.node ] || bash scripts/build.sh native
[ -d dist ] || bash scripts/build.sh ts
exec npx tsx bench/run.ts "$@"
