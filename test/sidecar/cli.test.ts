// The sidecar's CLI commands as an operator runs them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures.js';
import { loadNativeZkvm } from '../../src/prover/native-zkvm.js';
import { signJwt } from '../../src/engine/jwt.js';
import { removeTempDirs, tempDir, waitFor } from './helpers.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = fixture('blockchain/eest_benchmark@v0.0.7_via_erigontech-eest-fixtures/benchmark/blockchain_tests_engine/benchmark/compute/instruction/control_flow/jumps.json');

function oneproof(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const io = { out: '', child, code: new Promise<number | null>((r) => child.once('exit', (c) => r(c))) };
  child.stdout.on('data', (b: Buffer) => (io.out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (io.out += b.toString()));
  return io;
}

describe('oneproof CLI (sidecar commands)', () => {
  const dir = tempDir('cli');
  const entry = Object.values(JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, { engineNewPayloads: unknown[] }>)[0].engineNewPayloads[0];

  it('verify-block refuses what it cannot verify, with the reason', async () => {
    const payload = path.join(dir, 'payload.json');
    writeFileSync(payload, JSON.stringify(entry));
    const proof = path.join(dir, 'proof.bin');
    writeFileSync(proof, randomBytes(64));
    const r = oneproof(['verify-block', '--payload', payload, '--proof', proof]);
    expect(await r.code).toBe(1);
    const verdict = JSON.parse(r.out.trim().split('\n').at(-1)!);
    expect(verdict.status).toBe('INVALID');
    if (!(await loadNativeZkvm()).zkvm?.verify) expect(verdict.reason).toBe('native verifier not built');
    // A payload whose fields were changed is refused before any proof check.
    const tampered = JSON.parse(JSON.stringify(entry));
    tampered.params[0].gasUsed = '0x1';
    writeFileSync(payload, JSON.stringify(tampered));
    const t = oneproof(['verify-block', '--payload', payload, '--proof', proof]);
    expect(await t.code).toBe(1);
    expect(JSON.parse(t.out.trim().split('\n').at(-1)!).reason).toMatch(/does not match the payload fields/);
  });

  it('prove-block and verify-block refuse bad usage with exit status 2', async () => {
    const file = path.join(dir, 'junk.txt');
    writeFileSync(file, 'junk');
    for (const args of [
      ['prove-block', '--block', file],
      ['prove-block', '--block', file, '--witness', file, '--params', 'fast'],
      ['prove-block', '--block', file, '--witness', file, '--segment-cycles', '1000'],
      ['prove-block', '--block', path.join(dir, 'missing.hex'), '--witness', file],
      ['verify-block'],
      ['verify-block', file, '--params', 'fast'],
    ]) {
      const r = oneproof(args);
      expect(await r.code, args.join(' ')).toBe(2);
    }
    // A proof file that is not a proof, checked on its own: INVALID (1), with the reason.
    const alone = oneproof(['verify-block', file]);
    expect(await alone.code).toBe(1);
    expect(JSON.parse(alone.out.trim().split('\n').at(-1)!).status).toBe('INVALID');
  });

  it('run reports configuration errors and exits 2', async () => {
    const r = oneproof(['run', '--role', 'prover', '--api.port', 'x']);
    expect(await r.code).toBe(2);
    expect(r.out).toMatch(/api\.port \(flag --api\.port\): expected a number/);
    const e = oneproof(['run', '--role', 'verifier'], { ONEPROOF_ENGINE_PORT: '99999', ONEPROOF_JWT_SECRET: '/nonexistent' });
    expect(await e.code).toBe(2);
    expect(e.out).toMatch(/engine\.port \(environment\): must be a port/);
  });

  it('run serves in proof-only mode and stops on SIGTERM', async () => {
    const jwt = path.join(dir, 'jwt.hex');
    const secret = randomBytes(32);
    writeFileSync(jwt, secret.toString('hex'));
    const cfg = path.join(dir, 'verifier.json');
    writeFileSync(cfg, JSON.stringify({ role: 'verifier', jwtSecret: 'jwt.hex', dataDir: path.join(dir, 'data'), engine: { port: 0 }, api: { port: 0 }, logLevel: 'warn' }));
    const r = oneproof(['run', '--config', cfg]);
    try {
      const [, engine, api] = await waitFor('start-up line', async () => /engine (http:\S+)\s+api (http:\S+)/.exec(r.out) ?? undefined, 30_000);
      expect((await fetch(`${api}/health`)).status).toBe(200);
      const res = await fetch(engine, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${signJwt(secret)}` }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'engine_newPayloadV4', params: (entry as { params: unknown[] }).params }) });
      expect(((await res.json()) as { result: { status: string } }).result.status).toBe('SYNCING');
      r.child.kill('SIGTERM');
      expect(await r.code).toBe(0);
    } finally {
      if (r.child.exitCode === null) r.child.kill('SIGKILL');
    }
  });
});

afterAll(() => removeTempDirs());
