// The rv32im build of the block validator (build/guest/validator.elf) run on the oneproof zkVM agrees
// with the native build of the same sources: same exit code (0 valid, 1 not) and the same 97 bytes of
// public values, on a real block and on a tampered copy of it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeValidatorInput, validateBlock } from '../../src/native/block.js';
import { zkvmRun } from '../../src/native/zkvm.js';
import { root } from './helpers.js';
import { fixture as sharedFixture } from '../fixtures.js';

const elfPath = path.join(root, 'build', 'guest', 'validator.elf');
// Hoodi block 1,151,683 as geth recorded its witness (small: about 14M guest cycles).
const fixture = sharedFixture('blocks', 'hoodi-1151683_go-ethereum-keeper', 'standard');
const hasValidator = existsSync(path.join(root, 'native', 'guest', 'validator', 'main.cc'));

function read(name: string): string {
  return readFileSync(path.join(fixture, name), 'utf8').trim();
}

function compare(blockHex: string, witness: string, chain: string): { exitCode: number; reason: string } {
  const native = validateBlock(blockHex, witness, chain);
  const input = encodeValidatorInput(blockHex, witness, chain);
  const guest = zkvmRun(readFileSync(elfPath), new Uint8Array(input));
  expect(Buffer.from(guest.publicValues).toString('hex')).toBe(native.publicValues.toString('hex'));
  // Guest exit codes: 0 valid, 1 invalid, 3 witness incomplete (native/guest/validator/main.cc).
  expect(guest.exitCode).toBe(native.success ? 0 : native.witnessIncomplete ? 3 : 1);
  return { exitCode: guest.exitCode, reason: native.reason };
}

describe.runIf(hasValidator)('validator.elf on the zkVM versus the native validator', () => {
  it('agrees on a real block', () => {
    expect(existsSync(elfPath), `${elfPath} missing: run \`npm run build:guest\``).toBe(true);
    compare(read('block.rlp.hex'), read('witness.json'), read('chain.json'));
  });

  it('agrees on the block with one byte of a transaction changed', () => {
    const block = read('block.rlp.hex');
    // A byte well inside the body (transaction data), keeping every RLP length intact.
    const at = block.length - 400;
    const flipped = ((parseInt(block.slice(at, at + 2), 16) ^ 0x01) & 0xff).toString(16).padStart(2, '0');
    const tampered = block.slice(0, at) + flipped + block.slice(at + 2);
    const original = validateBlock(block, read('witness.json'), read('chain.json'));
    const { exitCode, reason } = compare(tampered, read('witness.json'), read('chain.json'));
    expect(exitCode).toBe(1);
    // The change is caught by its own check, not by whatever stopped the original.
    expect(reason).not.toBe(original.reason);
  });
});
