// Worker-thread entry: runs native validation and proving off the event loop.
// Tasks: { id, kind: 'validate' | 'prove', texts, elf? } → { id, ok: true, ... } | { id, ok: false, error }.
import { parentPort } from 'node:worker_threads';
import type { ValidatorTexts } from './block-input.js';
import { loadNativeZkvm, NATIVE_PROVER_MISSING, NATIVE_VALIDATOR_MISSING, type ZkvmOptions } from './native-zkvm.js';

export type WorkerTask =
  | { id: number; kind: 'validate'; texts: ValidatorTexts }
  | { id: number; kind: 'prove'; texts: ValidatorTexts; elf: Uint8Array; options: ZkvmOptions };

const port = parentPort;
if (!port) throw new Error('prove-worker must run in a worker thread');

const native = loadNativeZkvm();

port.on('message', async (task: WorkerTask) => {
  try {
    const { zkvm } = await native;
    const { blockHex, witnessJson, chainJson } = task.texts;
    const started = performance.now();
    if (task.kind === 'validate') {
      if (!zkvm?.validate) throw new Error(NATIVE_VALIDATOR_MISSING);
      const v = zkvm.validate(blockHex, witnessJson, chainJson);
      port.postMessage({ id: task.id, ok: true, validation: v, ms: performance.now() - started });
      return;
    }
    if (!zkvm?.prove) throw new Error(NATIVE_PROVER_MISSING);
    if (!zkvm.encodeInput) throw new Error(NATIVE_VALIDATOR_MISSING);
    const r = zkvm.prove(task.elf, zkvm.encodeInput(blockHex, witnessJson, chainJson), task.options);
    port.postMessage({ id: task.id, ok: true, proof: r.proof, publicValues: r.publicValues, ms: performance.now() - started });
  } catch (e) {
    // The native error code (ZKVM_UNPROVABLE, ZKVM_EXECUTION, ...) tells the pipeline whether a retry can help.
    const code = (e as { code?: unknown }).code;
    port.postMessage({ id: task.id, ok: false, error: (e as Error).message, ...(typeof code === 'string' ? { code } : {}) });
  }
});
