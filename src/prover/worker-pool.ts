// A fixed pool of worker threads running prove-worker; tasks wait for a free worker. A crashed
// worker fails its task with the reason and is replaced.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ProveOutput {
  proof: Uint8Array;
  publicValues: Uint8Array;
  proveMs: number;
}

interface Pending {
  resolve(v: ProveOutput): void;
  reject(e: Error): void;
}

type Reply = { id: number; ok: true; proof: Uint8Array; publicValues: Uint8Array; proveMs: number } | { id: number; ok: false; error: string };

/** The worker script next to this module (.js when compiled, .ts under vitest/tsx). */
function workerUrl(): { url: URL; execArgv: string[] } {
  const js = new URL('./prove-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: [] };
  return { url: new URL('./prove-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: { id: number; elf: Uint8Array; input: Uint8Array }[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const { url, execArgv } = workerUrl();
    const w = new Worker(url, { execArgv });
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
      if (r.ok) p.resolve({ proof: r.proof, publicValues: r.publicValues, proveMs: r.proveMs });
      else p.reject(new Error(r.error));
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

  prove(elf: Uint8Array, input: Uint8Array): Promise<ProveOutput> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    const id = this.nextId++;
    return new Promise<ProveOutput>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.waiting.push({ id, elf, input });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('worker pool closed'));
    this.pending.clear();
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}
