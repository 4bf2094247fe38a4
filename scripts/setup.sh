#!/usr/bin/env bash
# Installs everything a fresh Debian/Ubuntu machine needs for oneproof. Idempotent: a second run
# installs nothing and returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake ninja-build g++ make python3            # native build (addon, CLI, C++ tests)
  clang lld libc++-14-dev                       # rv32im guests: compiler, linker, libc++ headers
  picolibc-riscv64-unknown-elf gcc-riscv64-unknown-elf   # rv32im libc and libgcc multilib
  binutils-riscv64-unknown-elf                  # objdump for the guest checks
  qemu-user                                     # qemu-riscv32 for differential tests
  redis-server                                  # cluster-mode queue (BullMQ)
  chromium                                      # dashboard browser test
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: install when node_modules is absent or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
