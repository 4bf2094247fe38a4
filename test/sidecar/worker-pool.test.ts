// Native proving runs in worker threads; a task's failure comes back with its reason.
import { describe, expect, it } from 'vitest';
import { loadNativeZkvm } from '../../src/prover/native-zkvm.js';
import { WorkerPool } from '../../src/prover/worker-pool.js';

describe('prover worker pool', () => {
  it('runs tasks in worker threads and reports their failure reasons', async () => {
    const pool = new WorkerPool(2);
    try {
      const native = await loadNativeZkvm();
      // An empty ELF can never be proven: with or without the native zkVM the task fails, with a reason.
      const texts = { blockHex: '0x', witnessJson: '{}', chainJson: '{}' };
      const results = await Promise.allSettled([pool.prove(new Uint8Array(0), texts), pool.prove(new Uint8Array(4), texts), pool.prove(new Uint8Array(0), { ...texts, blockHex: '0xc0' })]);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        const msg = (r as PromiseRejectedResult).reason.message as string;
        if (!native.zkvm?.prove) expect(msg).toBe('native prover not built');
        else expect(msg.length).toBeGreaterThan(0);
      }
    } finally {
      await pool.close();
    }
    await expect(pool.prove(new Uint8Array(0), { blockHex: '0x', witnessJson: '{}', chainJson: '{}' })).rejects.toThrow(/closed/);
  });
});
