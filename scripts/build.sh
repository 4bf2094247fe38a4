#!/usr/bin/env bash
# Builds oneproof: `build.sh` builds everything; `build.sh native|guest|ts` one part.
#   native: the C++ libraries, C++ tests and the N-API addon (build/native, via cmake-js)
#   guest:  the rv32im runtime, example guests and the block-validator ELF (build/guest)
#   ts:     the TypeScript sidecar and CLI (dist/)
# Environment: OP_WERROR=1 turns warnings into errors (CI); OP_JOBS sets build parallelism;
# OP_GUEST_TARGETS limits the guest build (e.g. "examples"; default: everything).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jobs="${OP_JOBS:-$(nproc)}"

build_native() {
  local addon_api
  addon_api="$PWD/$(node -p "require('node-addon-api').include_dir")"
  npx cmake-js compile --directory native --out build/native --parallel "$jobs" \
    --CDOP_WERROR="${OP_WERROR:-0}" --CDOP_NODE_ADDON_API_DIR="$addon_api" ${OP_CMAKE_JS_ARGS:-}
}

build_guest() {
  if [ -f native/guest/rv32/CMakeLists.txt ]; then
    cmake -S native/guest/rv32 -B build/guest -G Ninja \
      -DCMAKE_TOOLCHAIN_FILE="$PWD/native/guest/sdk/rv32im-toolchain.cmake" -DOP_WERROR="${OP_WERROR:-0}" >/dev/null
    # -k 0: a guest that fails (say the validator mid-change) still lets every other guest build.
    # shellcheck disable=SC2086 # a list of targets
    cmake --build build/guest --parallel "$jobs" --target ${OP_GUEST_TARGETS:-all} -- -k 0
  fi
}

build_ts() { npx tsc -p tsconfig.json; }

case "$what" in
  native) build_native ;;
  guest) build_guest ;;
  ts) build_ts ;;
  all) build_native; build_guest; build_ts ;;
  *) echo "usage: build.sh [all|native|guest|ts]" >&2; exit 2 ;;
esac
