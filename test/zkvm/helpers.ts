// Shared by the zkVM tests: D's example guests (built by `npm run build:guest`) and a minimal ELF writer.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/native/index.js';

const examples = path.join(projectRoot, 'build', 'guest', 'examples');
export const example = (name: string) => path.join(examples, `${name}.elf`);
export const haveGuests = existsSync(example('hello'));
export const skipReason = haveGuests ? '' : ' (skipped: build/guest/examples not built; run `npm run build:guest`)';

/** A minimal ELF32 RISC-V executable: the given instruction words at 0x10000 (R+X). */
export function tinyElf(words: number[]): Uint8Array {
  const code = new Uint8Array(new Uint32Array(words).buffer);
  const b = new Uint8Array(84 + code.length);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 243, true); // EM_RISCV
  v.setUint32(20, 1, true);
  v.setUint32(24, 0x10000, true); // entry
  v.setUint32(28, 52, true); // phoff
  v.setUint16(40, 52, true);
  v.setUint16(42, 32, true);
  v.setUint16(44, 1, true);
  v.setUint32(52, 1, true); // PT_LOAD
  v.setUint32(56, 84, true); // offset
  v.setUint32(60, 0x10000, true);
  v.setUint32(64, 0x10000, true);
  v.setUint32(68, code.length, true);
  v.setUint32(72, code.length, true);
  v.setUint32(76, 5, true); // R+X
  b.set(code, 84);
  return b;
}

export const ECALL = 0x00000073; // t0 = 0: HALT(a0)
