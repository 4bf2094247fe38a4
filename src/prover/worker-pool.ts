// A fixed pool of worker threads running prove-worker; tasks wait for a free worker. A crashed
// worker fails its task with the reason and is replaced.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidatorTexts } from './block-input.js';
import type { NativeValidation, ZkvmOptions } from './native-zkvm.js';

export interface ProveOutput {
  proof: Uint8Array;
  publicValues: Uint8Array;
  proveMs: number;
}

export interface ValidateOutput {
  validation: NativeValidation;
  ms: number;
}

type Reply = { id: number; ok: true; proof?: Uint8Array; publicValues?: Uint8Array; validation?: NativeValidation; ms: number } | { id: number; ok: false; error: string; code?: string };

interface Pending {
  resolve(r: Reply & { ok: true }): void;
  reject(e: Error): void;
}

type TaskBody = { kind: 'validate'; texts: ValidatorTexts } | { kind: 'prove'; texts: ValidatorTexts; elf: Uint8Array; options: ZkvmOptions };
type Task = TaskBody & { id: number };

/**
 * Starts the worker script next to this module: compiled .js directly; from the TypeScript
 * sources (vitest, tsx) through a small bootstrap that registers tsx's loader in the thread first.
 */
function startWorker(): Worker {
  const js = new URL('./prove-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  const ts = new URL('./prove-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(bootstrap, { eval: true });
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const w = startWorker();
    w.on('message', (r: Reply) => this.finish(w, r));
    w.on('error', (e) => this.crash(w, e));
    w.on('exit', (code) => {
      if (!this.closed && code !== 0) this.crash(w, new Error(`prover worker exited with code ${code}`));
    });
    w.unref();
    return w;
  }

  private finish(w: Worker, r: Reply): void {
    const p = this.pending.get(r.id);
    this.pending.delete(r.id);
    this.busy.delete(w);
    this.idle.push(w);
    if (p) {
      if (r.ok) p.resolve(r);
      else p.reject(Object.assign(new Error(r.error), r.code ? { code: r.code } : {}));
    }
    this.dispatch();
  }

  private crash(w: Worker, e: Error): void {
    const id = this.busy.get(w);
    this.busy.delete(w);
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
    if (id !== undefined) {
      this.pending.get(id)?.reject(new Error(`prover worker crashed: ${e.message}`));
      this.pending.delete(id);
    }
    if (!this.closed) {
      this.idle.push(this.spawn());
      this.dispatch();
    }
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const w = this.idle.pop()!;
      const task = this.waiting.shift()!;
      this.busy.set(w, task.id);
      w.postMessage(task);
    }
  }

  private run(task: TaskBody): Promise<Reply & { ok: true }> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.waiting.push({ ...task, id });
      this.dispatch();
    });
  }

  async validate(texts: ValidatorTexts): Promise<ValidateOutput> {
    const r = await this.run({ kind: 'validate', texts });
    return { validation: r.validation!, ms: r.ms };
  }

  async prove(elf: Uint8Array, texts: ValidatorTexts, options: ZkvmOptions = {}): Promise<ProveOutput> {
    const r = await this.run({ kind: 'prove', texts, elf, options });
    return { proof: r.proof!, publicValues: r.publicValues!, proveMs: r.ms };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('worker pool closed'));
    this.pending.clear();
    // A busy worker may be inside a native proof that runs for minutes and cannot be interrupted:
    // it is told to stop and unreferenced (it dies with the process) rather than waited for.
    for (const w of this.busy.keys()) {
      void w.terminate();
      w.unref();
    }
    await Promise.all(this.idle.map((w) => w.terminate()));
  }
}
