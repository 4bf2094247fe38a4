// `oneproof devnet`: a real execution client, a prover node and a proof-only node over libp2p,
// blocks built by the scripted driver through the prover's engine proxy; Ctrl-C stops it all.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { hexlify } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { Devnet } from '../../src/devnet/devnet.js';
import { silentLogger } from '../../src/log/logger.js';
import { parseNewPayloadParams } from '../../src/verify/payload.js';
import { newPayloadRequestRoot } from '../../src/verify/request-root.js';
import { removeTempDirs, tempDir, waitFor } from '../sidecar/helpers.js';

const NO_GUEST = path.join(tempDir('devnet-no-guest'), 'missing-validator.elf');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('devnet', () => {
  it('builds blocks through the prover, shows them to the proof-only node, and stops cleanly', async () => {
    const roots: string[] = [];
    const net = await Devnet.start({
      dataDir: tempDir('devnet'),
      blockTimeS: 0.5,
      blocks: 2,
      verifier: true,
      // No guest: each job stops at the prove stage at once with that reason. Blocks with
      // transactions take tens of minutes to prove on a CI machine (test/sidecar/block-proof.test.ts
      // proves one for real); here the proxy, jobs and the proof-only node are what is tested.
      guestElf: NO_GUEST,
      log: silentLogger(),
      onBlock: (b) => roots.push(hexlify(newPayloadRequestRoot(parseNewPayloadParams(4, b.newPayloadParams)))),
    });
    try {
      net.run();
      await net.done;
      expect(roots.length).toBe(2);
      const jobs = await net.prover.store.recentJobs(10);
      expect(jobs.map((j) => j.newPayloadRequestRoot).sort()).toEqual([...roots].sort());
      // The proof-only node saw both payloads (and, without proofs, answered SYNCING).
      for (const r of roots) expect(net.verifier!.proofOnly!.seenPayload(r)).toBeDefined();
      expect(net.verifier!.book.isVerified(roots[0])).toBe(false);
      const seen = (await (await fetch(`${net.verifier!.apiUrl}/v1/blocks`)).json()) as { blocks: { state: string; verdict: string; newPayloadRequestRoot: string }[] };
      expect(seen.blocks.map((b) => b.newPayloadRequestRoot)).toEqual([...roots].reverse());
      for (const b of seen.blocks) expect(b).toMatchObject({ state: 'awaiting proof', verdict: 'SYNCING' });
      // The two nodes are connected over libp2p.
      const status = await waitFor('verifier peer', async () => {
        const s = (await (await fetch(`${net.verifier!.apiUrl}/status`)).json()) as { peers: unknown[] };
        return s.peers.length > 0 ? s : undefined;
      });
      expect(status.peers.length).toBe(1);
    } finally {
      await net.stop();
    }
    expect(alive(net.el.pid)).toBe(false);
  });

  it('runs as `oneproof devnet`, prints API URLs and stops on SIGINT', async () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), 'devnet', '--block-time', '1', '--guest-elf', NO_GUEST, '--log-level', 'warn', '--data-dir', tempDir('devnet-cli')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const api = await waitFor('API URL', async () => /prover\s+API (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], 60_000);
      expect(out).toMatch(/verifier API http:\/\/127\.0\.0\.1:\d+/);
      const elPid = await waitFor('a block', async () => (/block 1 0x[0-9a-f]{64} \(\d+ txs\) newPayload VALID/.test(out) ? true : undefined), 60_000);
      expect(elPid).toBe(true);
      expect((await fetch(`${api}/health`)).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain('stopping devnet');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

afterAll(() => removeTempDirs());
