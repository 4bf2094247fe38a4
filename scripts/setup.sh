#!/usr/bin/env bash
# Installs everything a fresh Debian 12 (bookworm) machine needs for oneproof, given Node.js >= 20.17.
# Idempotent: a second run checks the package list once and returns in about a second. Works as root
# and, for a normal user, through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake ninja-build g++ make python3 git          # native build (addon, CLI, C++ tests)
  clang-14 lld-14 llvm-14 libc++-14-dev           # rv32im guests: compiler, linker, llvm-ar, libc++ headers
  picolibc-riscv64-unknown-elf gcc-riscv64-unknown-elf   # rv32im libc and libgcc multilib
  binutils-riscv64-unknown-elf                    # objdump for the guest instruction checks
  qemu-user                                       # qemu-riscv32 for differential tests
  redis-server                                    # cluster-mode queue (BullMQ)
  chromium                                        # dashboard browser test
)

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20.17 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# One dpkg-query for the whole list; packages it does not know are reported as missing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null | awk '/ install ok installed$/ {print $1}' || true)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  grep -qx "$p" <<<"$installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: install when node_modules is absent or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  # `npm install`, not `npm ci`: the lock names optional platform packages (msgpackr-extract for
  # darwin/win32/arm) that some registry mirrors lack, which `npm ci` treats as an out-of-sync lock.
  npm install --no-audit --no-fund
fi
