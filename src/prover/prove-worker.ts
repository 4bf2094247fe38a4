// Worker-thread entry: runs one native zkVM proof at a time so the event loop stays free.
// Messages: { id, elf, input } → { id, ok: true, proof, publicValues } | { id, ok: false, error }.
import { parentPort } from 'node:worker_threads';
import { loadNativeZkvm } from './native-zkvm.js';

interface ProveTask {
  id: number;
  elf: Uint8Array;
  input: Uint8Array;
}

const port = parentPort;
if (!port) throw new Error('prove-worker must run in a worker thread');

const native = loadNativeZkvm();

port.on('message', async (task: ProveTask) => {
  try {
    const { zkvm, missing } = await native;
    if (!zkvm?.prove) throw new Error(missing.find((m) => m.includes('prover')) ?? missing.join('; '));
    const started = performance.now();
    const r = zkvm.prove(task.elf, task.input);
    port.postMessage({ id: task.id, ok: true, proof: r.proof, publicValues: r.publicValues, proveMs: performance.now() - started });
  } catch (e) {
    port.postMessage({ id: task.id, ok: false, error: (e as Error).message });
  }
});
