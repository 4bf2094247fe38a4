// Proofs that arrive before their payload wait here, briefly, until the sidecar reports the payload.
import { toHex } from './topic.js';

export class PendingPayloads {
  private readonly waiting = new Map<string, Set<(arrived: boolean) => void>>();
  private count = 0;

  constructor(private readonly maxPending: number, private readonly timeoutMs: number) {}

  /** Resolves true once `known(root)` is called, false on timeout or when the queue is full. */
  waitFor(root: Uint8Array): Promise<boolean> {
    if (this.count >= this.maxPending) return Promise.resolve(false);
    const key = toHex(root);
    return new Promise((resolve) => {
      let set = this.waiting.get(key);
      if (set === undefined) this.waiting.set(key, (set = new Set()));
      this.count++;
      const done = (arrived: boolean): void => {
        clearTimeout(timer);
        if (set!.delete(done)) this.count--;
        if (set!.size === 0 && this.waiting.get(key) === set) this.waiting.delete(key);
        resolve(arrived);
      };
      const timer = setTimeout(() => done(false), this.timeoutMs);
      set.add(done);
    });
  }

  /** The payload with this root is now known: every proof waiting for it is revalidated. */
  known(root: Uint8Array): number {
    const set = this.waiting.get(toHex(root));
    if (set === undefined) return 0;
    const waiters = [...set];
    for (const w of waiters) w(true);
    return waiters.length;
  }

  /** Drops every waiter (node stopping). */
  clear(): void {
    for (const set of [...this.waiting.values()]) for (const w of [...set]) w(false);
  }

  get size(): number {
    return this.count;
  }
}
