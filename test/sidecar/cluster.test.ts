// Cluster mode over a real Redis (redis-server from apt): jobs reach a prove-worker and its
// failure reasons come back to the sidecar; with no worker, the job times out with a reason.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures.js';
import { freePort } from '../../src/devnet/ports.js';
import { PermanentProverError } from '../../src/prover/block-prover.js';
import { ClusterBlockProver, ClusterWorker } from '../../src/prover/cluster.js';
import { loadNativeZkvm } from '../../src/prover/native-zkvm.js';
import { parseNewPayloadParams } from '../../src/verify/payload.js';
import { removeTempDirs, tempDir, waitFor } from './helpers.js';

const FIXTURE = fixture('blockchain/eest_benchmark@v0.0.7_via_erigontech-eest-fixtures/benchmark/blockchain_tests_engine/benchmark/compute/instruction/control_flow/jumps.json');
const params = (Object.values(JSON.parse(readFileSync(FIXTURE, 'utf8'))) as { engineNewPayloads: { params: unknown[] }[] }[])[0].engineNewPayloads[0].params;
const job = { request: parseNewPayloadParams(4, params), witness: { state: [], codes: [], headers: [] } };
const chain = { chainId: 1, fork: 'Osaka' };

let redis: ChildProcess;
let url: string;
const dir = tempDir('cluster');

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

beforeAll(async () => {
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await waitFor('redis', async () => (await accepts(port)) || undefined, 20_000);
  url = `redis://127.0.0.1:${port}`;
});

afterAll(async () => {
  redis?.kill('SIGKILL');
  removeTempDirs();
});

describe('cluster mode (BullMQ on Redis)', () => {
  it('a prove-worker takes the job and its failure reason comes back', async () => {
    const elf = path.join(dir, 'validator.elf');
    writeFileSync(elf, Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    const worker = new ClusterWorker(url, elf, 1);
    const coordinator = new ClusterBlockProver(url, chain, 30_000);
    try {
      await worker.ready();
      const err = await coordinator.prove(job).then(
        () => null,
        (e: Error) => e,
      );
      expect(err).toBeInstanceOf(Error);
      if (!(await loadNativeZkvm()).zkvm?.prove) {
        expect(err).toBeInstanceOf(PermanentProverError);
        expect(err!.message).toBe('cluster worker: native prover not built');
      }
      // A worker without the ELF says so.
      const noElf = new ClusterWorker(url, path.join(dir, 'missing.elf'), 1);
      await worker.close();
      await noElf.ready();
      await expect(coordinator.prove(job)).rejects.toThrow(/validator guest ELF not found/);
      await noElf.close();
    } finally {
      await worker.close();
      await coordinator.close();
    }
  });

  it('without workers a job times out with a reason that allows a retry', async () => {
    const coordinator = new ClusterBlockProver(url, chain, 500);
    try {
      const err = await coordinator.prove(job).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/^cluster worker: .*/);
      expect(err).not.toBeInstanceOf(PermanentProverError);
    } finally {
      await coordinator.close();
    }
  });
});
