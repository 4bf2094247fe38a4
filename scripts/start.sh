#!/usr/bin/env bash
# `npm start`: set-up, build, then the main job on the embedded local devnet (`oneproof devnet`).
# Until the devnet command exists, runs the most complete end-to-end path that does: the example
# guests built for rv32im, executed by `oneproof zkvm run` (the zkVM emulator) when present, else by
# qemu-riscv32, and says so. Arguments go to `oneproof devnet`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh all

if [ -f dist/cli/commands/devnet.js ]; then
  exec node bin/oneproof.js devnet "$@"
fi

echo "start: \`oneproof devnet\` is not built yet; running the example guests end to end instead."
if [ -f dist/cli/zkvm/run.js ]; then
  runner=(node bin/oneproof.js zkvm run)
  echo "start: executing them on the oneproof zkVM (oneproof zkvm run)"
else
  runner=(qemu-riscv32 -cpu rv32,c=false,a=false,f=false,d=false)
  echo "start: \`oneproof zkvm run\` is not built yet either; executing them on qemu-riscv32 (rv32im only)"
fi

status=0
for elf in build/guest/examples/*.elf; do
  echo "== $(basename "$elf" .elf)"
  if "${runner[@]}" "$elf"; then echo "   exit 0"; else rc=$?; echo "   exit $rc"; status=1; fi
done
if [ -f build/guest/validator.program-id ]; then
  echo "block validator program id: $(cat build/guest/validator.program-id)"
fi
exit $status
