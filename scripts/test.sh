#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing, builds every part, runs the
# C++ tests (ctest) and the TypeScript tests (vitest), and ends with one line "N passed, M failed"
# (skipped tests count as neither). Exits non-zero when anything failed.
#   scripts/test.sh [vitest args...]
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
if ! bash scripts/build.sh all; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

# C++: one ctest test per test binary; JUnit report to count from.
rm -f build/ctest.xml build/vitest.json
ctest --test-dir build/native --output-on-failure -j "${OP_JOBS:-$(nproc)}" --output-junit "$PWD/build/ctest.xml"

# TypeScript: vitest, with a JSON report to count from.
npx vitest run --reporter=default --reporter=json --outputFile.json=build/vitest.json "$@"

node scripts/test-summary.mjs build/ctest.xml build/vitest.json
