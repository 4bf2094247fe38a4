// The validator guest's program id is pinned in config (src/config/defaults.ts): the freshly built
// build/guest/validator.elf must hash to it, so a toolchain or source change that moves the id fails
// here until the pin is updated (docs/GUEST.md), and the sidecar refuses to start with an ELF that
// does not match unless the operator overrides it explicitly.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, PINNED_PROGRAM_ID } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load.js';
import { programIdOf } from '../../src/config/program-id.js';
import { ConfigError } from '../../src/config/schema.js';
import { root } from '../foundation/helpers.js';

const elfPath = path.join(root, 'build', 'guest', 'validator.elf');
const hasValidator = existsSync(path.join(root, 'native', 'guest', 'validator', 'main.cc'));

describe.runIf(hasValidator)('validator program id', () => {
  it('the built validator.elf hashes to the pinned id (and to build/guest/validator.program-id)', () => {
    expect(existsSync(elfPath), `${elfPath} missing: run \`npm run build:guest\``).toBe(true);
    const id = programIdOf(readFileSync(elfPath));
    expect(readFileSync(path.join(root, 'build', 'guest', 'validator.program-id'), 'utf8').trim()).toBe(id);
    expect(id, 'the guest changed: update PINNED_PROGRAM_ID in src/config/defaults.ts (see docs/GUEST.md)').toBe(PINNED_PROGRAM_ID);
  });
});

describe('the sidecar refuses an ELF that is not the pinned program', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oneproof-programid-'));
  const jwt = path.join(dir, 'jwt.hex');
  writeFileSync(jwt, 'ab'.repeat(32));
  const other = path.join(dir, 'other.elf');
  writeFileSync(other, 'not the validator');
  const base = ['--role', 'verifier', '--jwt-secret', jwt];
  const load = (args: string[]) => loadConfig({ args: [...base, ...args], env: {}, checkProgramId: true });

  it('pins a well-formed id by default', () => {
    expect(defaultConfig().prover.programId).toBe(PINNED_PROGRAM_ID);
    expect(PINNED_PROGRAM_ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to load a config whose guest ELF hashes to another id', () => {
    const start = () => load(['--prover.guest-elf', other]);
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(new RegExp(`program id ${programIdOf(readFileSync(other))}.*pins ${PINNED_PROGRAM_ID}`));
    // Reading settings without starting a node does not look at the ELF.
    expect(loadConfig({ args: [...base, '--prover.guest-elf', other], env: {} }).config.prover.guestElf).toBe(other);
  });

  it('accepts it only when the operator says so explicitly', () => {
    const allowed = load(['--prover.guest-elf', other, '--prover.allow-unpinned-guest']);
    expect(allowed.warnings?.[0]).toMatch(/allowed by prover.allowUnpinnedGuest/);
    const repinned = load(['--prover.guest-elf', other, '--prover.program-id', programIdOf(readFileSync(other))]);
    expect(repinned.warnings).toBeUndefined();
  });

  it('rejects a malformed pin', () => {
    expect(() => load(['--prover.program-id', '0xabc'])).toThrow(/prover\.programId \(flags\): must be a sha256/);
  });

  it('leaves a missing ELF to the prover and verifier (which report it per job)', () => {
    const { config } = load(['--prover.guest-elf', path.join(dir, 'absent.elf')]);
    expect(config.prover.programId).toBe(PINNED_PROGRAM_ID);
  });
});
