// Shared set-up for sidecar tests: a real EthereumJS execution client and sidecar nodes on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../src/config/defaults.js';
import type { OneproofConfig } from '../../src/config/schema.js';
import { startExecutionClient, type ExecutionClientProcess } from '../../src/devnet/execution-client.js';
import { silentLogger } from '../../src/log/logger.js';
import { Sidecar } from '../../src/sidecar/sidecar.js';

const created: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `oneproof-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Removes the directories tempDir made in this test file (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function startEl(dir: string): Promise<ExecutionClientProcess> {
  return startExecutionClient(path.join(dir, 'el'));
}

/**
 * A prover node in front of `el`. With `prove: false` its guest ELF does not exist, so every job
 * stops at the prove stage at once with that reason: for tests of the proxy, jobs and API, since a
 * block with transactions takes tens of minutes to prove on a CI machine (block-proof.test.ts
 * proves one for real).
 */
export function proverConfig(el: ExecutionClientProcess, dataDir: string, opts: { prove?: boolean } = {}): OneproofConfig {
  const c = defaultConfig();
  if (opts.prove === false) c.prover.guestElf = path.join(dataDir, 'missing-validator.elf');
  c.role = 'prover';
  c.dataDir = dataDir;
  c.jwtSecret = el.jwtSecretPath;
  c.execution = { urls: [el.engineUrl], rpcUrl: el.rpcUrl, timeoutMs: 8000 };
  c.engine.port = 0;
  c.api.port = 0;
  c.logLevel = 'silent';
  return c;
}

export function verifierConfig(jwtSecretPath: string, dataDir: string): OneproofConfig {
  const c = defaultConfig();
  c.role = 'verifier';
  c.dataDir = dataDir;
  c.jwtSecret = jwtSecretPath;
  c.engine.port = 0;
  c.api.port = 0;
  c.logLevel = 'silent';
  return c;
}

export function startSidecar(config: OneproofConfig): Promise<Sidecar> {
  return Sidecar.start(config, silentLogger());
}

export async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
