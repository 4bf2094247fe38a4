#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing, builds every part, runs the
# C++ tests (ctest) and the TypeScript tests (vitest), and ends with one line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
if ! bash scripts/build.sh all; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

# C++: one ctest test per test binary.
ctest --test-dir build/native --output-on-failure -j "${OP_JOBS:-$(nproc)}" 2>&1 | tee build/ctest.log
ctest_total=$(grep -Eo 'tests failed out of [0-9]+' build/ctest.log | grep -Eo '[0-9]+$' || echo 0)
ctest_failed=$(grep -Eo '[0-9]+ tests failed out of' build/ctest.log | grep -Eo '^[0-9]+' || echo 0)
[ -z "$ctest_total" ] && ctest_total=0
[ -z "$ctest_failed" ] && ctest_failed=0

# TypeScript: vitest, with a JSON report to count from.
rm -f build/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=build/vitest.json "$@"
vitest_passed=$(node -e "try{const r=require('./build/vitest.json');console.log(r.numPassedTests)}catch{console.log(0)}")
vitest_failed=$(node -e "try{const r=require('./build/vitest.json');console.log(r.numFailedTests+(r.success===false&&r.numFailedTests===0?1:0))}catch{console.log(1)}")

passed=$(( ctest_total - ctest_failed + vitest_passed ))
failed=$(( ctest_failed + vitest_failed ))
echo "ctest: $((ctest_total - ctest_failed)) passed, $ctest_failed failed; vitest: $vitest_passed passed, $vitest_failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
